//! What the client emitters share: the Rust name of every type and field, which types are
//! emitted, boxed or `Default`, and which Cargo features reach each type.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::cycles::{self, Cycles};
use super::defaults;
use super::gates::{self, feature_of};
use super::names::{self, Namer};
use super::profile::Profile;
use super::roles::{self, Roles};
use crate::model::{Api, NamedType, Property, TypeKind, TypeRef, UnionVariant};

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
    /// Whom the client is laid out for.
    pub profile: Profile,
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

    /// The passes, each from the facts of the ones before: the fields' roles, the emitted
    /// types, the cycles, the names, the types as the client sees them, then `Default` and
    /// the gates on top.
    fn analyse(api: &'a Api, with_gates: bool) -> Self {
        let roles = roles::field_roles(api, &roles::union_tags(api), &roles::direct_uses(api));
        let emitted = roles::emitted(api, &roles);
        let cycles = cycles::cycles(api, &roles);
        let names = type_names(api, &emitted);
        let mut types = type_infos(api, &roles, &cycles, &names);
        for id in defaults::defaults(&types) {
            if let Some(info) = types.get_mut(id) {
                info.default = true;
            }
        }
        if with_gates {
            for (id, gate) in gates::gates(api, &types, &emitted) {
                if let Some(info) = types.get_mut(id) {
                    info.gate = gate;
                }
            }
        }
        let mut emitted: Vec<&str> = emitted.into_iter().collect();
        emitted.sort_unstable();
        TypeSpace {
            api,
            profile: Profile::of(api),
            types,
            emitted,
        }
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

/// The Rust name of every emitted type, in the order of the model's types: its id in
/// UpperCamelCase, `…Type` for a name of the prelude, a numeric suffix on a clash.
fn type_names<'a>(api: &'a Api, emitted: &HashSet<&str>) -> HashMap<&'a str, String> {
    let mut namer = Namer::with_reserved(RESERVED_TYPE_NAMES);
    let mut names = HashMap::new();
    for ty in api.types.iter().filter(|t| emitted.contains(t.id.as_str())) {
        let wanted = names::pascal(&ty.id);
        let wanted = if RESERVED_TYPE_NAMES.contains(&wanted.as_str()) {
            format!("{wanted}Type")
        } else {
            wanted
        };
        names.insert(ty.id.as_str(), namer.unique(wanted));
    }
    names
}

/// Every type as the client sees it, emitted (named) or not; `Default` and the gate are left
/// to their passes.
fn type_infos<'a>(
    api: &'a Api,
    roles: &Roles<'a>,
    cycles: &Cycles,
    names: &HashMap<&str, String>,
) -> HashMap<&'a str, TypeInfo<'a>> {
    let mut types = HashMap::new();
    for ty in &api.types {
        let id = ty.id.as_str();
        let (fields, variants) = match &ty.kind {
            TypeKind::Object { .. } => (object_fields(id, &roles[id], cycles), Vec::new()),
            TypeKind::Enum { values } => (Vec::new(), enum_variants(values)),
            TypeKind::Union { variants, .. } => (Vec::new(), union_variants(id, variants, cycles)),
        };
        let info = TypeInfo {
            ty,
            name: names.get(id).cloned().unwrap_or_default(),
            emitted: names.contains_key(id),
            default: false,
            fields,
            variants,
            gate: Gate::Always,
        };
        types.insert(id, info);
    }
    types
}

/// An object's fields: unique snake_case identifiers, and a box on each reference that closes
/// a cycle.
fn object_fields<'a>(id: &str, roles: &[(&'a Property, FieldRole)], cycles: &Cycles) -> Vec<FieldInfo<'a>> {
    let mut namer = Namer::default();
    let mut fields = Vec::new();
    for &(prop, role) in roles {
        let boxed = role == FieldRole::Normal && matches!(&prop.ty, TypeRef::Named { id: to } if cycles.cyclic(id, to));
        fields.push(FieldInfo {
            prop,
            ident: namer.unique(names::snake(&prop.name)),
            // A recursive field is optional: a value must end somewhere.
            optional: !prop.required || prop.nullable || boxed,
            boxed,
            role,
        });
    }
    fields
}

/// An enum's variants: unique UpperCamelCase names, `Other` kept for unknown values.
fn enum_variants(values: &[String]) -> Vec<VariantInfo<'_>> {
    let mut namer = Namer::with_reserved(&["Other"]);
    values
        .iter()
        .map(|value| VariantInfo {
            ident: namer.unique(names::pascal(value)),
            wire: value,
            ty: None,
            boxed: false,
        })
        .collect()
}

/// A union's variants, named after their tags (`Unknown` kept for unknown tags), boxed when
/// the variant's type leads back to the union.
fn union_variants<'a>(id: &str, variants: &'a [UnionVariant], cycles: &Cycles) -> Vec<VariantInfo<'a>> {
    let mut namer = Namer::with_reserved(&["Unknown"]);
    variants
        .iter()
        .map(|v| VariantInfo {
            ident: namer.unique(names::pascal(&v.tag)),
            wire: &v.tag,
            ty: Some(v.ty.as_str()),
            boxed: cycles.cyclic(id, &v.ty),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;

    #[test]
    fn emitted_types_are_named_in_model_order_around_the_prelude_and_each_other() {
        let api = api(
            vec![
                component(object("option", Vec::new())),
                component(object("thing", Vec::new())),
                component(object("thing_", Vec::new())),
                object("unused", Vec::new()),
            ],
            Vec::new(),
        );
        let emitted = HashSet::from(["option", "thing", "thing_"]);
        let names = type_names(&api, &emitted);
        assert_eq!(names["option"], "OptionType");
        assert_eq!(names["thing"], "Thing");
        assert_eq!(names["thing_"], "Thing2");
        assert!(!names.contains_key("unused"));
        let space = TypeSpace::without_gates(&api);
        assert!(!space.info("unused").emitted && space.info("unused").name.is_empty());
        assert_eq!(space.emitted, ["option", "thing", "thing_"]);
    }

    #[test]
    fn fields_get_unique_identifiers_and_a_box_only_where_they_close_a_cycle() {
        let api = api(
            vec![component(object(
                "node",
                vec![
                    field("type", string()),
                    field("a-b", string()),
                    field("a_b", string()),
                    Property {
                        nullable: true,
                        ..field("note", string())
                    },
                    field("next", named("node")),
                    field("children", TypeRef::list_of(named("node"))),
                ],
            ))],
            Vec::new(),
        );
        let space = TypeSpace::without_gates(&api);
        let fields: Vec<(&str, bool, bool)> = space
            .info("node")
            .fields
            .iter()
            .map(|f| (f.ident.as_str(), f.optional, f.boxed))
            .collect();
        assert_eq!(
            fields,
            [
                ("r#type", false, false),
                ("a_b", false, false),
                ("a_b_2", false, false),
                ("note", true, false),
                // A required recursive field is boxed, so optional.
                ("next", true, true),
                ("children", false, false),
            ]
        );
    }

    #[test]
    fn enum_and_union_variants_keep_their_catch_all_and_box_only_inside_the_cycle() {
        let api = api(
            vec![
                component(enumeration("mode", &["other", "on", "unknown"])),
                component(union(
                    "expr",
                    "kind",
                    &[("not", "not"), ("lit", "lit"), ("unknown", "lit")],
                )),
                object("not", vec![field("inner", named("expr"))]),
                object("lit", vec![field("value", string())]),
            ],
            Vec::new(),
        );
        let space = TypeSpace::without_gates(&api);
        let variants = |id: &str| -> Vec<(String, &str, Option<&str>, bool)> {
            space
                .info(id)
                .variants
                .iter()
                .map(|v| (v.ident.clone(), v.wire, v.ty, v.boxed))
                .collect()
        };
        let mode = variants("mode");
        assert_eq!(mode[0], ("Other2".to_owned(), "other", None, false));
        assert_eq!(mode[2], ("Unknown".to_owned(), "unknown", None, false));
        let expr = variants("expr");
        assert_eq!(expr[0], ("Not".to_owned(), "not", Some("not"), true));
        assert_eq!(expr[1], ("Lit".to_owned(), "lit", Some("lit"), false));
        assert_eq!(expr[2].0, "Unknown2");
        let inner = &space.info("not").fields[0];
        assert!(inner.boxed && inner.optional);
    }

    #[test]
    fn the_passes_land_in_the_type_infos() {
        // `holder` derives `Default`, `attempt` (a union) does not; gates only with them on.
        let api = api(
            vec![
                union("attempt", "kind", &[("lock", "lock")]),
                object("lock", vec![field("kind", string()), field("id", string())]),
                object("holder", vec![optional("attempt", named("attempt"))]),
            ],
            vec![endpoint("/locks/get", Vec::new(), Some(named("holder")))],
        );
        let gated = TypeSpace::new(&api);
        assert!(gated.info("holder").default && gated.info("lock").default);
        assert!(!gated.info("attempt").default);
        assert_eq!(gated.info("lock").fields[0].role, FieldRole::Dropped);
        assert_eq!(gated.info("lock").gate, Gate::Any(BTreeSet::from(["locks".to_owned()])));
        assert_eq!(TypeSpace::without_gates(&api).info("lock").gate, Gate::Always);
        assert_eq!(gated.features(), ["locks"]);
    }
}
