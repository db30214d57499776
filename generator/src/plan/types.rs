//! What the client emitters share: the Rust name of every type and field, which types are
//! emitted, boxed or `Default`, and which Cargo features reach each type.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::names::{self, Namer};
use crate::model::{Api, Endpoint, NamedType, Property, Response, TypeKind, TypeRef};

/// Type names that would shadow what the generated code uses from the prelude.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "Iterator",
    "IntoIterator",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "ToString",
    "ToOwned",
    "Debug",
    "Serialize",
    "Deserialize",
    "Value",
    "Error",
    "Seam",
];

/// The analysed type space.
pub struct TypeSpace<'a> {
    /// The model.
    pub api: &'a Api,
    /// Every type by id, emitted or not.
    pub types: HashMap<&'a str, TypeInfo<'a>>,
    /// The ids of the emitted types, sorted.
    pub emitted: Vec<&'a str>,
}

/// One named type, as the client sees it.
pub struct TypeInfo<'a> {
    /// The model's type.
    pub ty: &'a NamedType,
    /// Its Rust name (UpperCamelCase).
    pub name: String,
    /// Whether a Rust type is generated for it.
    pub emitted: bool,
    /// Whether it derives `Default`.
    pub default: bool,
    /// Object fields, in order.
    pub fields: Vec<FieldInfo<'a>>,
    /// Enum values or union tags: Rust variant name, wire value, and (unions) the variant's
    /// type id and whether it is boxed.
    pub variants: Vec<VariantInfo<'a>>,
    /// When it is compiled.
    pub gate: Gate,
}

/// When an item is compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// Always.
    Always,
    /// With any of these features: the namespaces whose endpoints reach it.
    Any(BTreeSet<String>),
    /// Only with all of these features: a type no endpoint reaches, which refers to types of
    /// these namespaces.
    All(BTreeSet<String>),
}

/// A field of an object type.
pub struct FieldInfo<'a> {
    /// The model's property.
    pub prop: &'a Property,
    /// The Rust identifier, possibly raw (`r#type`).
    pub ident: String,
    /// `Option<…>`: not required, or nullable.
    pub optional: bool,
    /// `Box<…>`: part of a cycle of types.
    pub boxed: bool,
    /// What the field is in Rust.
    pub role: FieldRole,
}

/// How a field is emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRole {
    /// As its type says.
    Normal,
    /// The discriminator of a union variant that is only used in unions: left out, the union
    /// writes the tag.
    Dropped,
    /// The discriminator of a union variant that is also used on its own: a plain string.
    Tag,
}

/// A variant of an enum or a union.
pub struct VariantInfo<'a> {
    /// Rust variant name.
    pub ident: String,
    /// Wire value (enum) or tag (union).
    pub wire: &'a str,
    /// The union variant's type id.
    pub ty: Option<&'a str>,
    /// Whether the union variant's payload is boxed.
    pub boxed: bool,
}

impl<'a> TypeSpace<'a> {
    /// Analyses `api`.
    pub fn new(api: &'a Api) -> Self {
        Self::analyse(api, true)
    }

    /// Analyses `api` without the Cargo feature gates, which only the crate's files need.
    pub fn without_gates(api: &'a Api) -> Self {
        Self::analyse(api, false)
    }

    fn analyse(api: &'a Api, with_gates: bool) -> Self {
        let by_id: HashMap<&str, &NamedType> = api.types.iter().map(|t| (t.id.as_str(), t)).collect();

        // Union variants: which discriminators each variant type carries.
        let mut tags_of: HashMap<&str, HashSet<&str>> = HashMap::new();
        for ty in &api.types {
            if let TypeKind::Union {
                discriminator,
                variants,
            } = &ty.kind
            {
                for v in variants {
                    tags_of.entry(v.ty.as_str()).or_default().insert(discriminator.as_str());
                }
            }
        }
        // Types used other than as a union variant.
        let mut direct: HashSet<&str> = HashSet::new();
        for ty in &api.types {
            if let TypeKind::Object { fields } = &ty.kind {
                for f in fields {
                    if let Some(id) = f.ty.named_id() {
                        direct.insert(id);
                    }
                }
            }
        }
        for e in &api.endpoints {
            for id in endpoint_roots(e) {
                direct.insert(id);
            }
        }

        let mut fields_of: HashMap<&str, Vec<(&Property, FieldRole)>> = HashMap::new();
        for ty in &api.types {
            if let TypeKind::Object { fields } = &ty.kind {
                let tags = tags_of.get(ty.id.as_str());
                let list = fields
                    .iter()
                    .map(|f| {
                        let role = match tags {
                            Some(tags) if tags.contains(f.name.as_str()) => {
                                if direct.contains(ty.id.as_str()) {
                                    FieldRole::Tag
                                } else {
                                    FieldRole::Dropped
                                }
                            }
                            _ => FieldRole::Normal,
                        };
                        (f, role)
                    })
                    .collect();
                fields_of.insert(ty.id.as_str(), list);
            }
        }

        // References after the rewrite: a type nobody refers to (a discriminator's one-value
        // enum) is not emitted unless it is a component schema.
        let mut referenced: HashSet<&str> = HashSet::new();
        for (_, fields) in fields_of.iter() {
            for (f, role) in fields {
                if *role == FieldRole::Normal {
                    if let Some(id) = f.ty.named_id() {
                        referenced.insert(id);
                    }
                }
            }
        }
        for ty in &api.types {
            if let TypeKind::Union { variants, .. } = &ty.kind {
                for v in variants {
                    referenced.insert(v.ty.as_str());
                }
            }
        }
        for e in &api.endpoints {
            referenced.extend(endpoint_roots(e));
        }
        let emitted_set: HashSet<&str> = api
            .types
            .iter()
            .filter(|t| t.component || referenced.contains(t.id.as_str()))
            .map(|t| t.id.as_str())
            .collect();

        // Edges without indirection, for boxing.
        let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
        for ty in &api.types {
            let out = edges.entry(ty.id.as_str()).or_default();
            match &ty.kind {
                TypeKind::Object { .. } => {
                    for (f, role) in &fields_of[ty.id.as_str()] {
                        if let (FieldRole::Normal, TypeRef::Named { id }) = (role, &f.ty) {
                            out.push(id.as_str());
                        }
                    }
                }
                TypeKind::Union { variants, .. } => out.extend(variants.iter().map(|v| v.ty.as_str())),
                TypeKind::Enum { .. } => {}
            }
        }
        let scc = strongly_connected(&api.types.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), &edges);
        let cyclic = |from: &str, to: &str| scc.contains_key(from) && scc.get(from) == scc.get(to);

        // Names.
        let mut namer = Namer::with_reserved(RESERVED_TYPE_NAMES);
        let mut names: HashMap<&str, String> = HashMap::new();
        for ty in &api.types {
            if emitted_set.contains(ty.id.as_str()) {
                let wanted = names::pascal(&ty.id);
                let wanted = if RESERVED_TYPE_NAMES.contains(&wanted.as_str()) {
                    format!("{wanted}Type")
                } else {
                    wanted
                };
                names.insert(ty.id.as_str(), namer.unique(wanted));
            }
        }

        let mut types: HashMap<&str, TypeInfo> = HashMap::new();
        for ty in &api.types {
            let id = ty.id.as_str();
            let mut fields = Vec::new();
            let mut variants = Vec::new();
            match &ty.kind {
                TypeKind::Object { .. } => {
                    let mut field_namer = Namer::default();
                    for (prop, role) in &fields_of[id] {
                        let ident = field_namer.unique(names::snake(&prop.name));
                        let boxed = *role == FieldRole::Normal
                            && matches!(&prop.ty, TypeRef::Named { id: to } if cyclic(id, to));
                        fields.push(FieldInfo {
                            prop,
                            ident,
                            // A recursive field is optional: a value must end somewhere.
                            optional: !prop.required || prop.nullable || boxed,
                            boxed,
                            role: *role,
                        });
                    }
                }
                TypeKind::Enum { values } => {
                    let mut namer = Namer::with_reserved(&["Other"]);
                    for value in values {
                        variants.push(VariantInfo {
                            ident: namer.unique(names::pascal(value)),
                            wire: value,
                            ty: None,
                            boxed: false,
                        });
                    }
                }
                TypeKind::Union { variants: list, .. } => {
                    let mut namer = Namer::with_reserved(&["Unknown"]);
                    for v in list {
                        variants.push(VariantInfo {
                            ident: namer.unique(names::pascal(&v.tag)),
                            wire: &v.tag,
                            ty: Some(v.ty.as_str()),
                            boxed: cyclic(id, &v.ty),
                        });
                    }
                }
            }
            types.insert(
                id,
                TypeInfo {
                    ty,
                    name: names.get(id).cloned().unwrap_or_default(),
                    emitted: emitted_set.contains(id),
                    default: false,
                    fields,
                    variants,
                    gate: Gate::Always,
                },
            );
        }

        // `Default`: the greatest fixpoint over objects whose every field has a default.
        let mut default: HashSet<&str> = api
            .types
            .iter()
            .filter(|t| matches!(t.kind, TypeKind::Object { .. }))
            .map(|t| t.id.as_str())
            .collect();
        loop {
            let before = default.len();
            let snapshot = default.clone();
            default.retain(|id| {
                types[id].fields.iter().all(|f| {
                    f.optional
                        || f.role != FieldRole::Normal
                        || (!f.boxed && has_default(&f.prop.ty, &snapshot, &by_id))
                })
            });
            if default.len() == before {
                break;
            }
        }
        for id in &default {
            if let Some(info) = types.get_mut(id) {
                info.default = true;
            }
        }

        // Features: every type an endpoint reaches carries the endpoint's feature. A type no
        // endpoint reaches is compiled when every type it refers to is.
        let mut reach: HashMap<&str, BTreeSet<String>> = HashMap::new();
        let mut always: HashSet<&str> = HashSet::new();
        for e in api.endpoints.iter().filter(|_| with_gates) {
            let roots: Vec<&str> = endpoint_roots(e).collect();
            match feature_of(e) {
                Some(feature) => {
                    for id in walk(&roots, &types) {
                        reach.entry(id).or_default().insert(feature.clone());
                    }
                }
                None => always.extend(walk(&roots, &types)),
            }
        }
        let mut gates: HashMap<&str, Gate> = HashMap::new();
        for &id in emitted_set.iter().filter(|_| with_gates) {
            let gate = if always.contains(id) {
                Gate::Always
            } else if let Some(set) = reach.get(id) {
                Gate::Any(set.clone())
            } else {
                let mut needed = BTreeSet::new();
                for dep in walk(&[id], &types) {
                    if !always.contains(dep) {
                        if let Some(set) = reach.get(dep) {
                            needed.extend(set.iter().cloned());
                        }
                    }
                }
                if needed.is_empty() {
                    Gate::Always
                } else {
                    Gate::All(needed)
                }
            };
            gates.insert(id, gate);
        }
        for (id, gate) in gates {
            if let Some(info) = types.get_mut(id) {
                info.gate = gate;
            }
        }

        let mut emitted: Vec<&str> = emitted_set.into_iter().collect();
        emitted.sort_unstable();
        TypeSpace { api, types, emitted }
    }

    /// The type with this id.
    pub fn info(&self, id: &str) -> &TypeInfo<'a> {
        &self.types[id]
    }

    /// The Cargo features, sorted, one per top-level namespace.
    pub fn features(&self) -> Vec<String> {
        let set: BTreeSet<String> = self.api.endpoints.iter().filter_map(feature_of).collect();
        set.into_iter().collect()
    }
}

/// The Cargo feature of an endpoint: its first namespace segment; `None` at the root.
pub fn feature_of(endpoint: &Endpoint) -> Option<String> {
    endpoint.namespace.first().map(|s| feature_name(s))
}

/// A valid Cargo feature name for a namespace segment.
pub fn feature_name(segment: &str) -> String {
    let name = names::bare(&names::snake(segment)).trim_start_matches('_').to_owned();
    match name.as_str() {
        "" => "root".to_owned(),
        "default" => "default_".to_owned(),
        _ => name,
    }
}

/// The named types an endpoint's parameters and result refer to.
fn endpoint_roots(e: &Endpoint) -> impl Iterator<Item = &str> {
    let result = match &e.response {
        Response::Value { ty, .. } => ty.named_id(),
        Response::Void => None,
    };
    e.params.iter().filter_map(|p| p.ty.named_id()).chain(result)
}

/// Every emitted type reachable from `roots` through emitted references.
fn walk<'a>(roots: &[&'a str], types: &HashMap<&'a str, TypeInfo<'a>>) -> Vec<&'a str> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = roots.to_vec();
    let mut out = Vec::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Some(info) = types.get(id) else { continue };
        out.push(id);
        for f in &info.fields {
            if f.role == FieldRole::Normal {
                if let Some(to) = f.prop.ty.named_id() {
                    stack.push(to);
                }
            }
        }
        for v in &info.variants {
            if let Some(to) = v.ty {
                stack.push(to);
            }
        }
    }
    out
}

fn has_default(ty: &TypeRef, default: &HashSet<&str>, by_id: &HashMap<&str, &NamedType>) -> bool {
    match ty {
        TypeRef::Named { id } => default.contains(id.as_str()) && by_id.contains_key(id.as_str()),
        _ => true,
    }
}

/// Tarjan's algorithm: the component number of every node in a cycle (a self-loop counts).
/// The depth-first search keeps its own stack, so a chain of any length cannot exhaust the
/// thread's.
fn strongly_connected<'a>(nodes: &[&'a str], edges: &HashMap<&'a str, Vec<&'a str>>) -> BTreeMap<&'a str, usize> {
    let no_edges: Vec<&'a str> = Vec::new();
    let targets = |v: &str| edges.get(v).unwrap_or(&no_edges);
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let mut low: HashMap<&'a str, usize> = HashMap::new();
    let mut on_stack: HashSet<&'a str> = HashSet::new();
    let mut stack: Vec<&'a str> = Vec::new();
    let mut component: BTreeMap<&'a str, usize> = BTreeMap::new();
    let mut components = 0;
    for &root in nodes {
        if index.contains_key(root) {
            continue;
        }
        // Each frame: a node and the position of the next edge to follow from it.
        let mut frames: Vec<(&'a str, usize)> = vec![(root, 0)];
        index.insert(root, index.len());
        low.insert(root, index[root]);
        stack.push(root);
        on_stack.insert(root);
        while let Some(&mut (v, ref mut next_edge)) = frames.last_mut() {
            if let Some(&w) = targets(v).get(*next_edge) {
                *next_edge += 1;
                if !index.contains_key(w) {
                    if edges.contains_key(w) {
                        let number = index.len();
                        index.insert(w, number);
                        low.insert(w, number);
                        stack.push(w);
                        on_stack.insert(w);
                        frames.push((w, 0));
                    }
                } else if on_stack.contains(w) {
                    let lowest = low[v].min(index[w]);
                    low.insert(v, lowest);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                let lowest = low[parent].min(low[v]);
                low.insert(parent, lowest);
            }
            if low[v] == index[v] {
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack.remove(w);
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                if members.len() > 1 || targets(v).contains(&v) {
                    for m in members {
                        component.insert(m, components);
                    }
                    components += 1;
                }
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    fn components<'a>(nodes: &[&'a str], edges: &[(&'a str, &'a str)]) -> BTreeMap<&'a str, usize> {
        let mut map: HashMap<&str, Vec<&str>> = nodes.iter().map(|n| (*n, Vec::new())).collect();
        for (from, to) in edges {
            map.entry(from).or_default().push(to);
        }
        strongly_connected(nodes, &map)
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
}
