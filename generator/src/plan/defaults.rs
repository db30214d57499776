//! Which structs derive `Default`: the greatest fixpoint over the objects whose every field
//! has a default.

use std::collections::{HashMap, HashSet};

use super::types::{FieldInfo, FieldRole, TypeInfo};
use crate::model::{TypeKind, TypeRef};

/// The ids of the object types that can derive `Default`. Start from every object and drop
/// those with a field that has no default until none is left to drop, so that a cycle of
/// objects that only refer to each other through optional fields keeps its `Default`.
pub fn defaults<'a>(types: &HashMap<&'a str, TypeInfo<'a>>) -> HashSet<&'a str> {
    let mut default: HashSet<&str> = types
        .iter()
        .filter(|(_, info)| matches!(info.ty.kind, TypeKind::Object { .. }))
        .map(|(id, _)| *id)
        .collect();
    loop {
        let snapshot = default.clone();
        default.retain(|id| types[id].fields.iter().all(|f| has_default(f, &snapshot)));
        if default.len() == snapshot.len() {
            return default;
        }
    }
}

/// Whether a field has a default when the objects in `default` have one: `None`, a left-out
/// or plain-string discriminator, a primitive or container, or a struct that has one.
fn has_default(f: &FieldInfo, default: &HashSet<&str>) -> bool {
    let type_default = match &f.prop.ty {
        TypeRef::Named { id } => default.contains(id.as_str()),
        _ => true,
    };
    f.optional || f.role != FieldRole::Normal || (!f.boxed && type_default)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::super::types::TypeSpace;
    use super::*;
    use crate::model::{Api, Property};

    fn defaults_of(api: &Api) -> Vec<&str> {
        let space = TypeSpace::without_gates(api);
        let mut ids: Vec<&str> = defaults(&space.types).into_iter().collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn a_required_struct_field_needs_a_default_down_the_whole_chain() {
        let chain = |last: Property| {
            api(
                vec![
                    object("a", vec![field("b", named("b"))]),
                    object(
                        "b",
                        vec![field("c", named("c")), field("list", TypeRef::list_of(named("e")))],
                    ),
                    object("c", vec![last]),
                    enumeration("e", &["x"]),
                ],
                Vec::new(),
            )
        };
        assert_eq!(defaults_of(&chain(field("name", string()))), ["a", "b", "c"]);
        // A required enum has no default: neither has anything that requires it.
        assert!(defaults_of(&chain(field("kind", named("e")))).is_empty());
        assert_eq!(defaults_of(&chain(optional("kind", named("e")))), ["a", "b", "c"]);
    }

    #[test]
    fn a_cycle_keeps_its_default_through_optional_boxes_and_loses_it_with_a_required_enum() {
        let cycle = |extra: Property| {
            api(
                vec![
                    object("a", vec![field("b", named("b")), extra]),
                    object("b", vec![field("a", named("a"))]),
                    object("outside", vec![field("a", named("a"))]),
                    enumeration("e", &["x"]),
                ],
                Vec::new(),
            )
        };
        // The recursive fields are boxed, hence optional: the greatest fixpoint keeps them.
        assert_eq!(defaults_of(&cycle(field("n", TypeRef::Integer))), ["a", "b", "outside"]);
        // A required enum in `a` takes `Default` from `a`, and from `outside` that requires `a`;
        // `b` only holds `a` boxed, so optional.
        assert_eq!(defaults_of(&cycle(field("e", named("e")))), ["b"]);
    }

    #[test]
    fn dropped_and_tag_discriminators_need_no_default() {
        let api = api(
            vec![
                union("u", "kind", &[("v", "v")]),
                object("v", vec![field("kind", named("e"))]),
                object("w", vec![field("u", named("u"))]),
                enumeration("e", &["v"]),
            ],
            vec![endpoint("/u/get", Vec::new(), Some(named("u")))],
        );
        // `v.kind` is dropped; `w` requires a union, which has no default.
        assert_eq!(defaults_of(&api), ["v"]);
    }
}
