//! The first passes over the model: which discriminators each union variant carries, which
//! types are used on their own, what each field is in Rust, and which types are emitted.

use std::collections::{HashMap, HashSet};

use super::types::FieldRole;
use crate::model::{Api, Endpoint, Property, Response, TypeKind, TypeRef};

/// Every object type's fields, in order, with their roles.
pub type Roles<'a> = HashMap<&'a str, Vec<(&'a Property, FieldRole)>>;

/// Union variants: the discriminators each variant type carries, by the variant's type id.
pub fn union_tags(api: &Api) -> HashMap<&str, HashSet<&str>> {
    let mut tags: HashMap<&str, HashSet<&str>> = HashMap::new();
    for ty in &api.types {
        if let TypeKind::Union {
            discriminator,
            variants,
        } = &ty.kind
        {
            for v in variants {
                tags.entry(v.ty.as_str()).or_default().insert(discriminator.as_str());
            }
        }
    }
    tags
}

/// The types used other than as a union variant: by an object's field or by an endpoint.
pub fn direct_uses(api: &Api) -> HashSet<&str> {
    let mut direct: HashSet<&str> = HashSet::new();
    for ty in &api.types {
        if let TypeKind::Object { fields } = &ty.kind {
            direct.extend(fields.iter().filter_map(|f| f.ty.named_id()));
        }
    }
    for e in &api.endpoints {
        direct.extend(endpoint_roots(e));
    }
    direct
}

/// The role of every object's fields: a union variant's discriminator is dropped (the union
/// writes the tag) unless the variant is also used on its own, where it stays a plain string.
pub fn field_roles<'a>(
    api: &'a Api,
    tags: &HashMap<&'a str, HashSet<&'a str>>,
    direct: &HashSet<&'a str>,
) -> Roles<'a> {
    let mut roles: Roles<'a> = HashMap::new();
    for ty in &api.types {
        let TypeKind::Object { fields } = &ty.kind else {
            continue;
        };
        let id = ty.id.as_str();
        let tags = tags.get(id);
        let role = |f: &Property| match tags {
            Some(tags) if tags.contains(f.name.as_str()) && direct.contains(id) => FieldRole::Tag,
            Some(tags) if tags.contains(f.name.as_str()) => FieldRole::Dropped,
            _ => FieldRole::Normal,
        };
        roles.insert(id, fields.iter().map(|f| (f, role(f))).collect());
    }
    roles
}

/// The emitted types: the components, and every type still referred to once the dropped
/// fields are gone (a discriminator's one-value enum is not, unless it is a component).
pub fn emitted<'a>(api: &'a Api, roles: &Roles<'a>) -> HashSet<&'a str> {
    let mut referenced: HashSet<&str> = HashSet::new();
    for fields in roles.values() {
        referenced.extend(
            fields
                .iter()
                .filter(|(_, role)| *role == FieldRole::Normal)
                .filter_map(|(f, _)| f.ty.named_id()),
        );
    }
    for ty in &api.types {
        if let TypeKind::Union { variants, .. } = &ty.kind {
            referenced.extend(variants.iter().map(|v| v.ty.as_str()));
        }
    }
    for e in &api.endpoints {
        referenced.extend(endpoint_roots(e));
    }
    api.types
        .iter()
        .filter(|t| t.component || referenced.contains(t.id.as_str()))
        .map(|t| t.id.as_str())
        .collect()
}

/// The named types an endpoint's parameters and result refer to.
/// The types a parameter can hold, which callers build with struct literals: every type
/// reachable from an endpoint's parameters. Their structs stay open to struct literals (not
/// `#[non_exhaustive]`), so a field added to one breaks a caller's code.
pub fn parameter_types(api: &Api) -> HashSet<&str> {
    let types: HashMap<&str, &crate::model::NamedType> = api.types.iter().map(|t| (t.id.as_str(), t)).collect();
    let mut stack: Vec<&str> = api
        .endpoints
        .iter()
        .flat_map(|e| e.params.iter().filter_map(|p| p.ty.named_id()))
        .collect();
    let mut seen = HashSet::new();
    while let Some(id) = stack.pop() {
        let Some(ty) = types.get(id) else { continue };
        if !seen.insert(ty.id.as_str()) {
            continue;
        }
        match &ty.kind {
            TypeKind::Object { fields } => stack.extend(fields.iter().filter_map(|f| f.ty.named_id())),
            TypeKind::Union { variants, .. } => stack.extend(variants.iter().map(|v| v.ty.as_str())),
            TypeKind::Enum { .. } => {}
        }
    }
    seen
}

pub fn endpoint_roots(e: &Endpoint) -> impl Iterator<Item = &str> {
    let result = match &e.response {
        Response::Value { ty, .. } | Response::Body { ty, .. } => ty.named_id(),
        Response::Void => None,
    };
    let error = e.error.as_ref().and_then(TypeRef::named_id);
    e.params
        .iter()
        .filter_map(|p| p.ty.named_id())
        .chain(result)
        .chain(error)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use crate::model::TypeRef;

    /// A union `attempt` on `kind` of `lock` and `unlock`, each with a one-value enum `kind`;
    /// an endpoint returns the union, and `also_unlock` (when set) returns `unlock` itself.
    fn attempts(also_unlock: bool, kind_component: bool) -> Api {
        let kind = enumeration("lock_kind", &["lock"]);
        let kind = if kind_component { component(kind) } else { kind };
        let mut endpoints = vec![endpoint("/attempts/get", Vec::new(), Some(named("attempt")))];
        if also_unlock {
            endpoints.push(endpoint("/unlock/get", Vec::new(), Some(named("unlock"))));
        }
        api(
            vec![
                union("attempt", "kind", &[("lock", "lock"), ("unlock", "unlock")]),
                object("lock", vec![field("kind", named("lock_kind")), field("id", string())]),
                object("unlock", vec![field("kind", string()), field("at", string())]),
                kind,
            ],
            endpoints,
        )
    }

    fn roles_of<'a>(roles: &Roles<'a>, id: &str) -> Vec<(&'a str, FieldRole)> {
        roles[id].iter().map(|(f, role)| (f.name.as_str(), *role)).collect()
    }

    #[test]
    fn each_variant_type_carries_its_unions_discriminators() {
        let mut api = attempts(false, false);
        api.types.push(union("by_type", "type", &[("lock", "lock")]));
        let tags = union_tags(&api);
        assert_eq!(tags["lock"], HashSet::from(["kind", "type"]));
        assert_eq!(tags["unlock"], HashSet::from(["kind"]));
        assert!(!tags.contains_key("attempt") && !tags.contains_key("lock_kind"));
    }

    #[test]
    fn direct_uses_are_fields_parameters_and_results_not_union_variants() {
        let mut api = attempts(true, false);
        api.types
            .push(object("holder", vec![field("list", TypeRef::list_of(named("listed")))]));
        api.endpoints
            .push(endpoint("/things/set", vec![field("thing", named("param"))], None));
        let direct = direct_uses(&api);
        let expected = HashSet::from(["attempt", "unlock", "lock_kind", "listed", "param"]);
        assert_eq!(direct, expected);
    }

    #[test]
    fn a_discriminator_is_dropped_when_the_variant_is_only_in_unions() {
        let api = attempts(false, false);
        let roles = field_roles(&api, &union_tags(&api), &direct_uses(&api));
        assert_eq!(
            roles_of(&roles, "lock"),
            [("kind", FieldRole::Dropped), ("id", FieldRole::Normal)]
        );
        assert_eq!(
            roles_of(&roles, "unlock"),
            [("kind", FieldRole::Dropped), ("at", FieldRole::Normal)]
        );
        assert!(!roles.contains_key("attempt") && !roles.contains_key("lock_kind"));
    }

    #[test]
    fn a_discriminator_is_kept_as_a_tag_when_the_variant_is_also_used_on_its_own() {
        let api = attempts(true, false);
        let roles = field_roles(&api, &union_tags(&api), &direct_uses(&api));
        assert_eq!(
            roles_of(&roles, "unlock"),
            [("kind", FieldRole::Tag), ("at", FieldRole::Normal)]
        );
        assert_eq!(roles_of(&roles, "lock")[0], ("kind", FieldRole::Dropped));
    }

    #[test]
    fn a_one_value_enum_of_a_dropped_discriminator_is_not_emitted_unless_a_component() {
        for kind_component in [false, true] {
            let api = attempts(false, kind_component);
            let roles = field_roles(&api, &union_tags(&api), &direct_uses(&api));
            let emitted = emitted(&api, &roles);
            assert!(["attempt", "lock", "unlock"].iter().all(|id| emitted.contains(id)));
            assert_eq!(emitted.contains("lock_kind"), kind_component);
        }
    }

    #[test]
    fn a_type_nothing_refers_to_is_emitted_only_as_a_component() {
        let api = api(
            vec![object("loose", Vec::new()), component(object("resource", Vec::new()))],
            Vec::new(),
        );
        let roles = field_roles(&api, &union_tags(&api), &direct_uses(&api));
        assert_eq!(emitted(&api, &roles), HashSet::from(["resource"]));
    }
}
