//! The Cargo feature gates: one feature per top-level namespace, and when each type is
//! compiled.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::names;
use super::roles::endpoint_roots;
use super::types::{FieldRole, Gate, TypeInfo};
use crate::model::{Api, Endpoint};

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

/// What the endpoints reach.
struct Reach<'a> {
    /// The features of the namespaced endpoints that reach each type.
    features: HashMap<&'a str, BTreeSet<String>>,
    /// The types that an endpoint at the root reaches: always compiled.
    always: HashSet<&'a str>,
}

/// The gate of every emitted type: every type an endpoint reaches carries the endpoint's
/// feature (none at the root). A type no endpoint reaches is compiled when every type it
/// refers to is.
pub fn gates<'a>(
    api: &'a Api,
    types: &HashMap<&'a str, TypeInfo<'a>>,
    emitted: &HashSet<&'a str>,
) -> HashMap<&'a str, Gate> {
    let reach = reach(api, types);
    emitted.iter().map(|&id| (id, gate(id, &reach, types))).collect()
}

fn reach<'a>(api: &'a Api, types: &HashMap<&'a str, TypeInfo<'a>>) -> Reach<'a> {
    let mut reach = Reach {
        features: HashMap::new(),
        always: HashSet::new(),
    };
    for e in &api.endpoints {
        let roots: Vec<&str> = endpoint_roots(e).collect();
        match feature_of(e) {
            Some(feature) => {
                for id in walk(&roots, types) {
                    reach.features.entry(id).or_default().insert(feature.clone());
                }
            }
            None => reach.always.extend(walk(&roots, types)),
        }
    }
    reach
}

fn gate<'a>(id: &'a str, reach: &Reach<'a>, types: &HashMap<&'a str, TypeInfo<'a>>) -> Gate {
    if reach.always.contains(id) {
        return Gate::Always;
    }
    if let Some(features) = reach.features.get(id) {
        return Gate::Any(features.clone());
    }
    let mut needed = BTreeSet::new();
    for dep in walk(&[id], types) {
        if !reach.always.contains(dep) {
            if let Some(features) = reach.features.get(dep) {
                needed.extend(features.iter().cloned());
            }
        }
    }
    if needed.is_empty() {
        Gate::Always
    } else {
        Gate::All(needed)
    }
}

/// Every type reachable from `roots` through the references the client keeps.
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
                stack.extend(f.prop.ty.named_id());
            }
        }
        stack.extend(info.variants.iter().filter_map(|v| v.ty));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::super::types::TypeSpace;
    use super::*;

    fn features(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|f| (*f).to_owned()).collect()
    }

    /// `shared` is reached from `acs` and `locks`; `root_only` from an endpoint at the root
    /// and from `acs`; `report` (a component no endpoint returns) refers to `shared` and
    /// `lock`; `note` (a component) refers to `root_only` only; `lone` to nothing.
    fn gated() -> Api {
        api(
            vec![
                object("shared", vec![field("name", string())]),
                object("lock", vec![field("shared", named("shared"))]),
                object("root_only", vec![field("name", string())]),
                component(object(
                    "report",
                    vec![field("shared", named("shared")), field("lock", named("lock"))],
                )),
                component(object("note", vec![field("about", named("root_only"))])),
                component(object("lone", vec![field("name", string())])),
            ],
            vec![
                endpoint(
                    "/acs/get",
                    vec![field("root_only", named("root_only"))],
                    Some(named("shared")),
                ),
                endpoint("/locks/get", Vec::new(), Some(named("lock"))),
                endpoint("/health", vec![field("x", named("root_only"))], None),
            ],
        )
    }

    #[test]
    fn a_type_is_gated_by_every_namespace_that_reaches_it_unless_the_root_does() {
        let api = gated();
        let space = TypeSpace::new(&api);
        assert_eq!(space.info("shared").gate, Gate::Any(features(&["acs", "locks"])));
        assert_eq!(space.info("lock").gate, Gate::Any(features(&["locks"])));
        assert_eq!(space.info("root_only").gate, Gate::Always);
    }

    #[test]
    fn a_type_no_endpoint_reaches_needs_all_the_features_of_what_it_refers_to() {
        let api = gated();
        let space = TypeSpace::new(&api);
        assert_eq!(space.info("report").gate, Gate::All(features(&["acs", "locks"])));
        assert_eq!(space.info("note").gate, Gate::Always);
        assert_eq!(space.info("lone").gate, Gate::Always);
    }

    #[test]
    fn without_gates_everything_is_always_compiled() {
        let api = gated();
        let space = TypeSpace::without_gates(&api);
        assert!(space.types.values().all(|info| info.gate == Gate::Always));
    }

    #[test]
    fn only_emitted_types_get_a_gate() {
        let mut api = gated();
        api.types.push(object("unused", Vec::new()));
        let space = TypeSpace::new(&api);
        let gates = gates(&api, &space.types, &space.emitted.iter().copied().collect());
        assert!(!gates.contains_key("unused"));
        assert_eq!(gates.len(), 6);
    }

    #[test]
    fn feature_names_are_valid_cargo_features() {
        assert_eq!(feature_name("acs"), "acs");
        assert_eq!(feature_name("Access Codes"), "access_codes");
        assert_eq!(feature_name("default"), "default_");
        assert_eq!(feature_name("type"), "type");
        assert_eq!(feature_name("2fa"), "2fa");
        let at_root = endpoint("/health", Vec::new(), None);
        assert_eq!(feature_of(&at_root), None);
        assert_eq!(
            feature_of(&endpoint("/acs/users/get", Vec::new(), None)).as_deref(),
            Some("acs")
        );
    }
}
