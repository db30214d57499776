//! Which references between types must be boxed: those inside a cycle of types that refer to
//! each other without indirection (a list or a map already is one).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::roles::Roles;
use super::types::FieldRole;
use crate::model::{Api, TypeKind, TypeRef};

/// The strongly connected components of the types' references.
pub struct Cycles<'a> {
    /// The component number of every type in a cycle (a self-loop counts).
    component: BTreeMap<&'a str, usize>,
}

impl Cycles<'_> {
    /// Whether a reference from `from` to `to` closes a cycle, so must be boxed.
    pub fn cyclic(&self, from: &str, to: &str) -> bool {
        self.component.contains_key(from) && self.component.get(from) == self.component.get(to)
    }
}

/// The cycles among `api`'s types, through the fields that keep their type and the unions'
/// variants.
pub fn cycles<'a>(api: &'a Api, roles: &Roles<'a>) -> Cycles<'a> {
    let nodes: Vec<&str> = api.types.iter().map(|t| t.id.as_str()).collect();
    Cycles {
        component: strongly_connected(&nodes, &edges(api, roles)),
    }
}

/// The references without indirection of every type: the targets of its fields that are
/// named types and kept as they are, or its variants.
fn edges<'a>(api: &'a Api, roles: &Roles<'a>) -> HashMap<&'a str, Vec<&'a str>> {
    let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
    for ty in &api.types {
        let out = edges.entry(ty.id.as_str()).or_default();
        match &ty.kind {
            TypeKind::Object { .. } => {
                for (f, role) in &roles[ty.id.as_str()] {
                    if let (FieldRole::Normal, TypeRef::Named { id }) = (role, &f.ty) {
                        out.push(id.as_str());
                    }
                }
            }
            TypeKind::Union { variants, .. } => out.extend(variants.iter().map(|v| v.ty.as_str())),
            TypeKind::Enum { .. } => {}
        }
    }
    edges
}

/// Tarjan's algorithm: the component number of every node in a cycle (a self-loop counts).
/// The depth-first search keeps its own stack, so a chain of any length cannot exhaust the
/// thread's.
fn strongly_connected<'a>(nodes: &[&'a str], edges: &HashMap<&'a str, Vec<&'a str>>) -> BTreeMap<&'a str, usize> {
    let mut search = Tarjan {
        edges,
        index: HashMap::new(),
        low: HashMap::new(),
        on_stack: HashSet::new(),
        stack: Vec::new(),
        component: BTreeMap::new(),
        components: 0,
    };
    for &root in nodes {
        if !search.index.contains_key(root) {
            search.run(root);
        }
    }
    search.component
}

/// The state of Tarjan's search.
struct Tarjan<'a, 'e> {
    edges: &'e HashMap<&'a str, Vec<&'a str>>,
    index: HashMap<&'a str, usize>,
    low: HashMap<&'a str, usize>,
    on_stack: HashSet<&'a str>,
    stack: Vec<&'a str>,
    component: BTreeMap<&'a str, usize>,
    components: usize,
}

impl<'a> Tarjan<'a, '_> {
    fn targets(&self, v: &str) -> &[&'a str] {
        self.edges.get(v).map(Vec::as_slice).unwrap_or_default()
    }

    fn visit(&mut self, v: &'a str) {
        let number = self.index.len();
        self.index.insert(v, number);
        self.low.insert(v, number);
        self.stack.push(v);
        self.on_stack.insert(v);
    }

    /// The search from `root`.
    fn run(&mut self, root: &'a str) {
        // Each frame: a node and the position of the next edge to follow from it.
        let mut frames: Vec<(&'a str, usize)> = vec![(root, 0)];
        self.visit(root);
        while let Some(&mut (v, ref mut next_edge)) = frames.last_mut() {
            if let Some(&w) = self.targets(v).get(*next_edge) {
                *next_edge += 1;
                if !self.index.contains_key(w) {
                    if self.edges.contains_key(w) {
                        self.visit(w);
                        frames.push((w, 0));
                    }
                } else if self.on_stack.contains(w) {
                    let lowest = self.low[v].min(self.index[w]);
                    self.low.insert(v, lowest);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                let lowest = self.low[parent].min(self.low[v]);
                self.low.insert(parent, lowest);
            }
            if self.low[v] == self.index[v] {
                self.close(v);
            }
        }
    }

    /// Pops the component rooted at `v`, and numbers it when it is a cycle.
    fn close(&mut self, v: &'a str) {
        let mut members = Vec::new();
        while let Some(w) = self.stack.pop() {
            self.on_stack.remove(w);
            members.push(w);
            if w == v {
                break;
            }
        }
        if members.len() > 1 || self.targets(v).contains(&v) {
            for m in members {
                self.component.insert(m, self.components);
            }
            self.components += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::super::roles::{direct_uses, field_roles, union_tags};
    use super::*;

    fn components<'a>(nodes: &[&'a str], edges: &[(&'a str, &'a str)]) -> BTreeMap<&'a str, usize> {
        let mut map: HashMap<&str, Vec<&str>> = nodes.iter().map(|n| (*n, Vec::new())).collect();
        for (from, to) in edges {
            map.entry(from).or_default().push(to);
        }
        strongly_connected(nodes, &map)
    }

    fn cycles_of(api: &Api) -> Cycles<'_> {
        let roles = field_roles(api, &union_tags(api), &direct_uses(api));
        cycles(api, &roles)
    }

    #[test]
    fn cycles_and_self_loops_are_components_and_the_rest_is_not() {
        let scc = components(
            &["a", "b", "c", "d", "e"],
            &[("a", "b"), ("b", "a"), ("b", "c"), ("d", "d"), ("c", "e")],
        );
        assert_eq!(scc.get("a"), scc.get("b"));
        assert!(scc.contains_key("a") && scc.contains_key("d"));
        assert_ne!(scc.get("a"), scc.get("d"));
        assert!(!scc.contains_key("c") && !scc.contains_key("e"));
    }

    #[test]
    fn a_chain_longer_than_any_stack_is_walked() {
        let names: Vec<String> = (0..200_000).map(|i| format!("t{i}")).collect();
        let nodes: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut edges: Vec<(&str, &str)> = nodes.windows(2).map(|w| (w[0], w[1])).collect();
        assert!(components(&nodes, &edges).is_empty());
        // Closing the chain makes it one cycle.
        edges.push((nodes[nodes.len() - 1], nodes[0]));
        let scc = components(&nodes, &edges);
        assert_eq!(scc.len(), nodes.len());
        assert!(scc.values().all(|&c| c == 0));
    }

    #[test]
    fn mutual_recursion_is_cyclic_only_inside_the_cycle() {
        // a ⇄ b, b → leaf, entry → a: only a → b and b → a close the cycle.
        let api = api(
            vec![
                object("a", vec![field("b", named("b"))]),
                object("b", vec![field("a", named("a")), field("leaf", named("leaf"))]),
                object("leaf", vec![field("name", string())]),
                object("entry", vec![field("a", named("a"))]),
            ],
            Vec::new(),
        );
        let cycles = cycles_of(&api);
        assert!(cycles.cyclic("a", "b") && cycles.cyclic("b", "a"));
        assert!(!cycles.cyclic("b", "leaf"));
        assert!(!cycles.cyclic("entry", "a"));
        assert!(!cycles.cyclic("leaf", "leaf"));
    }

    #[test]
    fn a_list_or_a_dropped_field_breaks_a_cycle_and_a_union_variant_does_not() {
        let list = |id: &str| TypeRef::list_of(named(id));
        let api = api(
            vec![
                object("tree", vec![field("children", list("tree"))]),
                object("node", vec![field("next", named("node"))]),
                union("plain", "kind", &[("leaf", "leaf_shape")]),
                object("leaf_shape", vec![field("kind", named("plain"))]),
                union("shape", "kind", &[("group", "group")]),
                object("group", vec![field("inner", named("shape"))]),
            ],
            Vec::new(),
        );
        let cycles = cycles_of(&api);
        assert!(!cycles.cyclic("tree", "tree"));
        assert!(cycles.cyclic("node", "node"));
        // `leaf_shape.kind` is the discriminator, dropped: no way back to `plain`.
        assert!(!cycles.cyclic("plain", "leaf_shape") && !cycles.cyclic("leaf_shape", "plain"));
        assert!(cycles.cyclic("shape", "group") && cycles.cyclic("group", "shape"));
    }
}
