//! The type space: every schema of the description resolved into [`TypeRef`]s and named types.
//!
//! Component schemas keep their names. Inline objects, enums and unions are named after where
//! they first appear (`acs_user` + `errors` + `item`), and an inline schema whose resolved
//! shape equals one seen before reuses that type, so the client has one type per shape rather
//! than one copy per operation.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};
use serde_json::Value;

use super::naming::IdRegistry;
use super::{NamedType, Property, TypeKind, TypeRef, UnionVariant};
use crate::diagnostics::{pointer_token, Diagnostics, Location};

const COMPONENT_PREFIX: &str = "#/components/schemas/";

/// How many schemas may nest inside one another, `$ref`s followed included. The parsers stop
/// inline nesting near 64 levels; only long chains of references come near this.
const MAX_NESTING: usize = 256;

/// An object's properties gathered from the parts of a composition. They borrow the
/// description's own schemas (only a merged enum is a copy), so a schema met again while it is
/// being resolved is recognised by its address: see [`TypeSpace::active`].
type Properties<'s> = IndexMap<String, Cow<'s, ReferenceOr<Box<Schema>>>>;

/// The properties declared beside an `allOf`, and those of them required.
type OwnFields<'s> = (&'s IndexMap<String, ReferenceOr<Box<Schema>>>, &'s [String]);

/// A resolved type and whether `null` is allowed for it.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub ty: TypeRef,
    pub nullable: bool,
}

/// Builds the type space from the description's schemas.
pub struct TypeSpace<'a> {
    file: &'a str,
    components: &'a IndexMap<String, ReferenceOr<Schema>>,
    ids: IdRegistry,
    types: BTreeMap<String, NamedType>,
    /// Component name → the type it resolves to, once known.
    component_types: HashMap<String, Resolved>,
    /// Components being built: a `$ref` back to one of them is a recursive (boxed) field.
    building: HashSet<String>,
    /// Component name → its type id.
    component_ids: HashMap<String, String>,
    /// Structural key of an inline type → its id.
    by_shape: HashMap<String, String>,
    /// The compositions (`allOf`, `oneOf`, `anyOf`) being resolved, innermost last. Flattening a
    /// composition copies the properties of the components it names into it, and those can
    /// lead back to the composition itself; meeting one of these again ends the walk with a
    /// reference to its type, which makes it a recursive type like any other.
    active: Vec<ActiveComposition>,
    /// Components that referred to themselves while being built, before their shape was known.
    referred_while_building: HashSet<String>,
    /// How many resolutions are under way, one inside the other.
    depth: usize,
    /// Whether the nesting limit was met (it is reported once).
    too_deep: bool,
    pub diags: Diagnostics,
}

/// A composition on the resolution stack.
struct ActiveComposition {
    /// The schema's address in the loaded description: its identity.
    schema: *const Schema,
    /// The name its type takes.
    hint: String,
    /// The id handed out when the composition was met again inside itself.
    id: Option<String>,
}

impl<'a> TypeSpace<'a> {
    pub fn new(file: &'a str, components: &'a IndexMap<String, ReferenceOr<Schema>>) -> Self {
        let mut ids = IdRegistry::default();
        // Components keep their own names, so they are claimed before any inline type.
        let mut names: Vec<&String> = components.keys().collect();
        names.sort();
        let mut diags = Diagnostics::new();
        let mut component_ids = HashMap::new();
        for name in names {
            let id = ids.claim(name);
            if id != super::naming::sanitize(name) || !name.is_ascii() {
                diags.warning(
                    Location::Pointer { file: file.to_owned(), pointer: component_pointer(name) },
                    format!("component schema `{name}` clashes with another name once case and separators are ignored; its type is named `{id}`"),
                );
            }
            component_ids.insert(name.clone(), id);
        }
        TypeSpace {
            file,
            components,
            ids,
            types: BTreeMap::new(),
            component_types: HashMap::new(),
            building: HashSet::new(),
            by_shape: HashMap::new(),
            active: Vec::new(),
            referred_while_building: HashSet::new(),
            depth: 0,
            too_deep: false,
            component_ids,
            diags,
        }
    }

    /// Resolves every component schema, in name order, so that unused ones are modeled too.
    pub fn resolve_all_components(&mut self) {
        let mut names: Vec<&String> = self.components.keys().collect();
        names.sort();
        for name in names {
            self.component(name, &component_pointer(name));
        }
    }

    /// The finished type space, sorted by id.
    pub fn finish(self) -> (Vec<NamedType>, Diagnostics) {
        (self.types.into_values().collect(), self.diags)
    }

    /// The description file, for messages.
    pub fn file(&self) -> &str {
        self.file
    }

    /// The parameters a request body schema stands for: an object's properties, or the merged
    /// properties of its variants. The body itself gets no named type.
    pub fn params_of(&mut self, schema: &ReferenceOr<Schema>, hint: &str, pointer: &str) -> Vec<Property> {
        if let ReferenceOr::Item(_) = schema {
            if let Some((properties, required)) = self.object_parts(schema) {
                return self.properties(
                    properties.iter().map(|(name, p)| (name, &**p)),
                    &required,
                    hint,
                    pointer,
                );
            }
        }
        let resolved = self.resolve(schema, &format!("{hint}_params"), pointer);
        match resolved.ty {
            TypeRef::Named { id } => self.fields_of(&id),
            _ => Vec::new(),
        }
    }

    /// An object's fields, or a union's variants' fields merged: required only where every
    /// variant requires it.
    fn fields_of(&self, id: &str) -> Vec<Property> {
        self.fields_within(id, &mut Vec::new())
    }

    /// [`TypeSpace::fields_of`]; `visiting` holds the unions on the way, so a union that is its
    /// own variant adds nothing instead of recursing forever.
    fn fields_within<'t>(&'t self, id: &'t str, visiting: &mut Vec<&'t str>) -> Vec<Property> {
        match self.types.get(id).map(|t| &t.kind) {
            Some(TypeKind::Object { fields }) => fields.clone(),
            Some(TypeKind::Union { .. }) if visiting.contains(&id) => Vec::new(),
            Some(TypeKind::Union { variants, .. }) => {
                visiting.push(id);
                let per_variant: Vec<Vec<Property>> =
                    variants.iter().map(|v| self.fields_within(&v.ty, visiting)).collect();
                visiting.pop();
                let mut merged: Vec<Property> = Vec::new();
                for fields in &per_variant {
                    for field in fields {
                        if !merged.iter().any(|m| m.name == field.name) {
                            let mut field = field.clone();
                            field.required = per_variant
                                .iter()
                                .all(|fs| fs.iter().any(|f| f.name == field.name && f.required));
                            merged.push(field);
                        }
                    }
                }
                merged
            }
            _ => Vec::new(),
        }
    }

    fn at(&self, pointer: &str) -> Location {
        Location::Pointer {
            file: self.file.to_owned(),
            pointer: pointer.to_owned(),
        }
    }

    /// Resolves a schema or reference found at `pointer`; inline named types are called `hint`.
    /// Whether `schema` as written accepts `null`. OpenAPI 3.0 has no `null` type, and its
    /// 3.0.3 text says `nullable` only adds `null` to the `type` beside it: as in JSON Schema,
    /// a schema with no `type` accepts any value, `null` too (`{properties: …}` without
    /// `type: object`, an `allOf` of such parts). A `$ref` is followed; an `allOf` accepts `null`
    /// where each part does, an `anyOf` where one does, a `oneOf` where exactly one does.
    pub fn accepts_null(&self, schema: &ReferenceOr<Schema>) -> bool {
        self.accepts_null_within(schema, &mut Vec::new())
    }

    /// [`TypeSpace::accepts_null`] for the boxed schema of a list's items or a map's values.
    pub fn accepts_null_boxed(&self, schema: &ReferenceOr<Box<Schema>>) -> bool {
        match schema {
            ReferenceOr::Item(schema) => self.schema_accepts_null(schema, &mut Vec::new()),
            ReferenceOr::Reference { reference } => self.reference_accepts_null(reference, &mut Vec::new()),
        }
    }

    fn accepts_null_within<'s>(&'s self, schema: &'s ReferenceOr<Schema>, seen: &mut Vec<&'s str>) -> bool {
        match schema {
            ReferenceOr::Item(schema) => self.schema_accepts_null(schema, seen),
            ReferenceOr::Reference { reference } => self.reference_accepts_null(reference, seen),
        }
    }

    fn reference_accepts_null<'s>(&'s self, reference: &'s str, seen: &mut Vec<&'s str>) -> bool {
        let Some(name) = reference.strip_prefix(COMPONENT_PREFIX) else {
            return false;
        };
        // A loop of references accepts nothing more than it already does.
        if seen.contains(&name) {
            return false;
        }
        let Some(target) = self.components.get(name) else {
            return false;
        };
        seen.push(name);
        let accepts = self.accepts_null_within(target, seen);
        seen.pop();
        accepts
    }

    fn schema_accepts_null<'s>(&'s self, schema: &'s Schema, seen: &mut Vec<&'s str>) -> bool {
        if schema.schema_data.nullable {
            return true;
        }
        let boxed = |parts: &'s [ReferenceOr<Schema>], seen: &mut Vec<&'s str>| -> Vec<bool> {
            parts.iter().map(|part| self.accepts_null_within(part, seen)).collect()
        };
        match &schema.schema_kind {
            SchemaKind::Type(_) => false,
            SchemaKind::AllOf { all_of } => boxed(all_of, seen).into_iter().all(|a| a),
            SchemaKind::AnyOf { any_of } => boxed(any_of, seen).into_iter().any(|a| a),
            SchemaKind::OneOf { one_of } => boxed(one_of, seen).into_iter().filter(|a| *a).count() == 1,
            SchemaKind::Not { not } => !self.accepts_null_within(not, seen),
            SchemaKind::Any(any) => {
                if any.typ.is_some()
                    || (!any.enumeration.is_empty() && !any.enumeration.contains(&serde_json::Value::Null))
                {
                    return false;
                }
                let all = boxed(&any.all_of, seen).into_iter().all(|a| a);
                let one = any.one_of.is_empty() || boxed(&any.one_of, seen).into_iter().filter(|a| *a).count() == 1;
                let some = any.any_of.is_empty() || boxed(&any.any_of, seen).into_iter().any(|a| a);
                let not = any
                    .not
                    .as_deref()
                    .map_or(true, |not| !self.accepts_null_within(not, seen));
                all && one && some && not
            }
        }
    }

    pub fn resolve(&mut self, schema: &ReferenceOr<Schema>, hint: &str, pointer: &str) -> Resolved {
        match schema {
            ReferenceOr::Reference { reference } => self.nested(pointer, |space| space.reference(reference, pointer)),
            ReferenceOr::Item(schema) => self.nested(pointer, |space| space.schema(schema, hint, pointer)),
        }
    }

    /// Like [`TypeSpace::resolve`], for the boxed schemas of properties and items.
    pub fn resolve_boxed(&mut self, schema: &ReferenceOr<Box<Schema>>, hint: &str, pointer: &str) -> Resolved {
        match schema {
            ReferenceOr::Reference { reference } => self.nested(pointer, |space| space.reference(reference, pointer)),
            ReferenceOr::Item(schema) => self.nested(pointer, |space| space.schema(schema, hint, pointer)),
        }
    }

    /// Runs one level of resolution, refusing to go deeper than [`MAX_NESTING`]: a chain of
    /// `$ref`s to components built on first use nests without bound, and each level is a stack
    /// frame.
    fn nested(&mut self, pointer: &str, resolve: impl FnOnce(&mut Self) -> Resolved) -> Resolved {
        if self.depth == MAX_NESTING {
            if !self.too_deep {
                self.too_deep = true;
                self.diags.error(
                    self.at(pointer),
                    format!("schemas nest more than {MAX_NESTING} levels deep here (counting each `$ref` followed); the description cannot be modeled"),
                );
            }
            return Resolved {
                ty: TypeRef::Any,
                nullable: false,
            };
        }
        self.depth += 1;
        let resolved = resolve(self);
        self.depth -= 1;
        resolved
    }

    fn reference(&mut self, reference: &str, pointer: &str) -> Resolved {
        match reference.strip_prefix(COMPONENT_PREFIX) {
            Some(name) if !name.contains('/') => self.component(name, pointer),
            _ => {
                let what = if reference.starts_with('#') {
                    "only references to `#/components/schemas/…` are supported for schemas"
                } else {
                    "references to other files or URLs are not supported; bundle the description into one file first"
                };
                self.diags
                    .error(self.at(pointer), format!("cannot resolve `$ref: {reference}`: {what}"));
                Resolved {
                    ty: TypeRef::Any,
                    nullable: false,
                }
            }
        }
    }

    /// The type of component `name`, building it on first use.
    fn component(&mut self, name: &str, pointer: &str) -> Resolved {
        if let Some(done) = self.component_types.get(name) {
            return done.clone();
        }
        let id = self
            .component_ids
            .get(name)
            .cloned()
            .unwrap_or_else(|| super::naming::sanitize(name));
        if self.building.contains(name) {
            // A reference back to a component under construction: a recursive type. Its shape
            // is not known yet; should it turn out not to be a named type (a list of lists),
            // the reference is rewritten once it is (see `unname_recursive_plain`).
            self.referred_while_building.insert(name.to_owned());
            return Resolved {
                ty: TypeRef::named(id),
                nullable: false,
            };
        }
        // Follow chains of aliases (`a: {$ref: b}`), refusing cycles that never reach a schema.
        let mut chain = vec![name.to_owned()];
        let mut current = name.to_owned();
        let schema = loop {
            match self.components.get(&current) {
                None => {
                    self.diags.error(
                        self.at(pointer),
                        format!("`$ref` to the missing component schema `{current}`; define it under /components/schemas or fix the name"),
                    );
                    return Resolved {
                        ty: TypeRef::Any,
                        nullable: false,
                    };
                }
                Some(ReferenceOr::Item(schema)) => break schema,
                Some(ReferenceOr::Reference { reference }) => {
                    let Some(next) = reference.strip_prefix(COMPONENT_PREFIX) else {
                        return self.reference(reference, &component_pointer(&current));
                    };
                    if chain.iter().any(|seen| seen == next) {
                        chain.push(next.to_owned());
                        // Every member of the cycle is reported here, once.
                        for member in &chain {
                            self.component_types.insert(
                                member.clone(),
                                Resolved {
                                    ty: TypeRef::Any,
                                    nullable: false,
                                },
                            );
                        }
                        self.diags.error(
                            self.at(&component_pointer(name)),
                            format!("cycle of `$ref`s that never reaches a schema: {}", chain.join(" → ")),
                        );
                        return Resolved {
                            ty: TypeRef::Any,
                            nullable: false,
                        };
                    }
                    chain.push(next.to_owned());
                    current = next.to_owned();
                }
            }
        };
        if chain.len() > 1 {
            // An alias names the same type as its target.
            let target = chain.last().cloned().unwrap_or_default();
            let resolved = self.component(&target, pointer);
            self.component_types.insert(name.to_owned(), resolved.clone());
            return resolved;
        }
        self.building.insert(name.to_owned());
        let component_ptr = component_pointer(name);
        let resolved = match self.shape(schema, &id, &component_ptr) {
            Shape::Plain(mut ty) => {
                if self.referred_while_building.remove(name) {
                    self.unname_recursive_plain(&id, &mut ty, &component_ptr);
                }
                Resolved {
                    ty,
                    nullable: schema.schema_data.nullable,
                }
            }
            Shape::Named(kind) => {
                self.insert(NamedType {
                    id: id.clone(),
                    component: true,
                    description: schema.schema_data.description.clone().unwrap_or_default(),
                    deprecated: schema_deprecation(&schema.schema_data),
                    kind,
                });
                Resolved {
                    ty: TypeRef::named(id),
                    nullable: schema.schema_data.nullable,
                }
            }
        };
        self.building.remove(name);
        self.referred_while_building.remove(name);
        self.component_types.insert(name.to_owned(), resolved.clone());
        resolved
    }

    fn schema(&mut self, schema: &Schema, hint: &str, pointer: &str) -> Resolved {
        let nullable = schema.schema_data.nullable;
        if !is_composition(schema) {
            let shape = self.shape(schema, hint, pointer);
            return self.inline_type(schema, shape, hint);
        }
        let identity: *const Schema = schema;
        if let Some(active) = self.active.iter_mut().find(|a| a.schema == identity) {
            // Met again inside itself: refer to the type it is becoming.
            let ids = &mut self.ids;
            let id = active.id.get_or_insert_with(|| ids.claim(&active.hint)).clone();
            return Resolved {
                ty: TypeRef::named(id),
                nullable,
            };
        }
        self.active.push(ActiveComposition {
            schema: identity,
            hint: hint.to_owned(),
            id: None,
        });
        let shape = self.shape(schema, hint, pointer);
        let recursive_id = self.active.pop().and_then(|active| active.id);
        match (recursive_id, shape) {
            (None, shape) => self.inline_type(schema, shape, hint),
            (Some(id), Shape::Named(kind)) => {
                self.by_shape.entry(shape_key(&kind)).or_insert_with(|| id.clone());
                self.insert(NamedType {
                    id: id.clone(),
                    component: false,
                    description: schema.schema_data.description.clone().unwrap_or_default(),
                    deprecated: schema_deprecation(&schema.schema_data),
                    kind,
                });
                Resolved {
                    ty: TypeRef::named(id),
                    nullable,
                }
            }
            (Some(id), Shape::Plain(mut ty)) => {
                self.unname_recursive_plain(&id, &mut ty, pointer);
                Resolved { ty, nullable }
            }
        }
    }

    /// The type of an inline schema of the given shape: a plain type, or a named type shared
    /// by every inline schema of the same shape.
    fn inline_type(&mut self, schema: &Schema, shape: Shape, hint: &str) -> Resolved {
        let nullable = schema.schema_data.nullable;
        match shape {
            Shape::Plain(ty) => Resolved { ty, nullable },
            Shape::Named(kind) => {
                let key = shape_key(&kind);
                if let Some(id) = self.by_shape.get(&key) {
                    return Resolved {
                        ty: TypeRef::named(id.clone()),
                        nullable,
                    };
                }
                let id = self.ids.claim(hint);
                self.by_shape.insert(key, id.clone());
                self.insert(NamedType {
                    id: id.clone(),
                    component: false,
                    description: schema.schema_data.description.clone().unwrap_or_default(),
                    deprecated: schema_deprecation(&schema.schema_data),
                    kind,
                });
                Resolved {
                    ty: TypeRef::named(id),
                    nullable,
                }
            }
        }
    }

    fn insert(&mut self, ty: NamedType) {
        self.types.insert(ty.id.clone(), ty);
    }

    /// A schema that contains itself only through lists or maps (`list: {items: {$ref: list}}`)
    /// has no named type to refer to: the references handed out while it was resolved become
    /// any JSON, wherever they went, and a warning says so.
    fn unname_recursive_plain(&mut self, id: &str, ty: &mut TypeRef, pointer: &str) {
        let mut replaced = replace_named(ty, id);
        for named in self.types.values_mut() {
            if let TypeKind::Object { fields } = &mut named.kind {
                for field in fields {
                    replaced |= replace_named(&mut field.ty, id);
                }
            }
        }
        for resolved in self.component_types.values_mut() {
            replaced |= replace_named(&mut resolved.ty, id);
        }
        if replaced {
            self.diags.warning(
                self.at(pointer),
                "the schema contains itself only through lists or maps, which no type can name; the values where it recurs are typed as any JSON",
            );
        }
    }

    /// What a schema is: a plain type, or the kind of a named type to create.
    fn shape(&mut self, schema: &Schema, hint: &str, pointer: &str) -> Shape {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                if values.is_empty() {
                    if !s.enumeration.is_empty() {
                        // `enum: [null]`: only null is allowed.
                        return Shape::Plain(TypeRef::Any);
                    }
                    let format = match &s.format {
                        openapiv3::VariantOrUnknownOrEmpty::Item(f) => string_format_name(f).to_owned(),
                        openapiv3::VariantOrUnknownOrEmpty::Unknown(f) => f.clone(),
                        openapiv3::VariantOrUnknownOrEmpty::Empty => String::new(),
                    };
                    Shape::Plain(TypeRef::String { format })
                } else {
                    Shape::Named(TypeKind::Enum { values: dedup(values) })
                }
            }
            SchemaKind::Type(Type::Integer(_)) => Shape::Plain(TypeRef::Integer),
            SchemaKind::Type(Type::Number(_)) => Shape::Plain(TypeRef::Number),
            SchemaKind::Type(Type::Boolean(_)) => Shape::Plain(TypeRef::Boolean),
            SchemaKind::Type(Type::Array(array)) => self.list_of(array.items.as_ref(), hint, pointer),
            SchemaKind::Type(Type::Object(object)) => self.object(
                &object.properties,
                &object.required,
                object.additional_properties.as_ref(),
                hint,
                pointer,
            ),
            SchemaKind::OneOf { one_of } => self.union(schema, one_of, "oneOf", hint, pointer),
            SchemaKind::AnyOf { any_of } => self.union(schema, any_of, "anyOf", hint, pointer),
            SchemaKind::AllOf { all_of } => self.all_of(all_of, None, hint, pointer),
            SchemaKind::Any(any) => {
                // `type: array` beside `properties` (which apply to objects only): a list.
                if let (Some("array"), true) = (
                    any.typ.as_deref(),
                    any.all_of.is_empty() && any.one_of.is_empty() && any.any_of.is_empty(),
                ) {
                    return self.list_of(any.items.as_ref(), hint, pointer);
                }
                if !any.properties.is_empty() && !any.all_of.is_empty() {
                    // Fields declared beside an `allOf` are one more part of it, as a
                    // validating server reads them.
                    self.all_of(&any.all_of, Some((&any.properties, &any.required)), hint, pointer)
                } else if !any.properties.is_empty() {
                    self.object(
                        &any.properties,
                        &any.required,
                        any.additional_properties.as_ref(),
                        hint,
                        pointer,
                    )
                } else if !any.one_of.is_empty() {
                    self.union(schema, &any.one_of, "oneOf", hint, pointer)
                } else if !any.all_of.is_empty() {
                    self.all_of(&any.all_of, None, hint, pointer)
                } else if !any.any_of.is_empty() {
                    self.union(schema, &any.any_of, "anyOf", hint, pointer)
                } else {
                    match any.typ.as_deref() {
                        Some("string") => Shape::Plain(TypeRef::String {
                            format: any.format.clone().unwrap_or_default(),
                        }),
                        Some("integer") => Shape::Plain(TypeRef::Integer),
                        Some("number") => Shape::Plain(TypeRef::Number),
                        Some("boolean") => Shape::Plain(TypeRef::Boolean),
                        Some("object") => Shape::Plain(TypeRef::map_of(TypeRef::Any)),
                        _ => Shape::Plain(TypeRef::Any),
                    }
                }
            }
            SchemaKind::Not { .. } => {
                self.diags.warning(
                    self.at(pointer),
                    "`not` schemas are not modeled; the value is treated as any JSON",
                );
                Shape::Plain(TypeRef::Any)
            }
        }
    }

    fn object(
        &mut self,
        properties: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&openapiv3::AdditionalProperties>,
        hint: &str,
        pointer: &str,
    ) -> Shape {
        if properties.is_empty() {
            let (values, values_nullable) = match additional {
                Some(openapiv3::AdditionalProperties::Schema(schema)) => {
                    let values_pointer = format!("{pointer}/additionalProperties");
                    let resolved = self.resolve(schema, &format!("{hint}_value"), &values_pointer);
                    let untyped_null = self.accepts_null(schema);
                    element(resolved, untyped_null)
                }
                _ => (TypeRef::Any, false),
            };
            return Shape::Plain(TypeRef::Map {
                values: Box::new(values),
                values_nullable,
            });
        }
        let fields = self.properties(properties, required, hint, pointer);
        Shape::Named(TypeKind::Object { fields })
    }

    /// A list of `items` (any value where none are given).
    fn list_of(&mut self, items: Option<&ReferenceOr<Box<Schema>>>, hint: &str, pointer: &str) -> Shape {
        let (items, items_nullable) = match items {
            Some(items) => {
                let items_pointer = format!("{pointer}/items");
                let resolved = self.resolve_boxed(items, &format!("{hint}_item"), &items_pointer);
                let untyped_null = self.accepts_null_boxed(items);
                element(resolved, untyped_null)
            }
            None => (TypeRef::Any, false),
        };
        Shape::Plain(TypeRef::Array {
            items: Box::new(items),
            items_nullable,
        })
    }

    /// Resolves an object's properties in the order written.
    pub fn properties<'p>(
        &mut self,
        properties: impl IntoIterator<Item = (&'p String, &'p ReferenceOr<Box<Schema>>)>,
        required: &[String],
        hint: &str,
        pointer: &str,
    ) -> Vec<Property> {
        let mut fields = Vec::new();
        for (name, schema) in properties {
            let field_pointer = format!("{pointer}/properties/{}", pointer_token(name));
            let resolved = self.resolve_boxed(schema, &format!("{hint}_{name}"), &field_pointer);
            let data = match schema {
                ReferenceOr::Item(schema) => Some(&schema.schema_data),
                ReferenceOr::Reference { .. } => None,
            };
            fields.push(self.property(name, resolved, required.contains(name), data, &field_pointer));
        }
        self.undeclared_required(&mut fields, required, pointer);
        fields
    }

    /// A name the object lists in `required` without declaring it in `properties` is a field
    /// all the same: a validating server rejects an object without it. The description says
    /// nothing of its value, so it holds any JSON value, and it is required, as written.
    fn undeclared_required(&mut self, fields: &mut Vec<Property>, required: &[String], pointer: &str) {
        for name in required {
            if fields.iter().any(|f| &f.name == name) {
                continue;
            }
            self.diags.warning(
                self.at(pointer),
                format!(
                    "`{name}` is listed in `required` but no property declares it; it is taken as a \
                     required field holding any value"
                ),
            );
            fields.push(Property::required(name, TypeRef::Any));
        }
    }

    /// Makes a property from its resolved type and the schema data written beside it.
    pub fn property(
        &mut self,
        name: &str,
        resolved: Resolved,
        required: bool,
        data: Option<&openapiv3::SchemaData>,
        pointer: &str,
    ) -> Property {
        let default = data.and_then(|d| d.default.as_ref()).and_then(|value| {
            if is_reference_object(value) {
                self.diags.warning(
                    self.at(&format!("{pointer}/default")),
                    "`default` holds a `$ref` object instead of a value; the default is ignored",
                );
                None
            } else {
                Some(value.clone())
            }
        });
        Property {
            name: name.to_owned(),
            ty: resolved.ty,
            required,
            nullable: resolved.nullable,
            description: data.and_then(|d| d.description.clone()).unwrap_or_default(),
            deprecated: data.and_then(schema_deprecation),
            undocumented: data.and_then(|d| extension_text(&d.extensions, "x-undocumented")),
            default,
        }
    }

    /// `oneOf` / `anyOf`: a discriminated union when every variant is an object tagged by the
    /// discriminator; otherwise the variants' properties merged into one object, or any JSON.
    fn union(
        &mut self,
        schema: &Schema,
        variants: &[ReferenceOr<Schema>],
        keyword: &str,
        hint: &str,
        pointer: &str,
    ) -> Shape {
        let non_null: Vec<(usize, &ReferenceOr<Schema>)> = variants
            .iter()
            .enumerate()
            .filter(|(_, v)| !is_null_schema(v))
            .collect();
        if non_null.len() == 1 {
            let (index, only) = non_null[0];
            let resolved = self.resolve(only, hint, &format!("{pointer}/{keyword}/{index}"));
            return match resolved.ty {
                TypeRef::Named { id } => match self.types.get(&id) {
                    Some(named) if !named.component => Shape::Named(named.kind.clone()),
                    _ => Shape::Plain(TypeRef::Named { id }),
                },
                other => Shape::Plain(other),
            };
        }
        if let Some(values) = self.merged_string_enum(&non_null) {
            return Shape::Named(TypeKind::Enum { values });
        }
        let discriminator = schema
            .schema_data
            .discriminator
            .as_ref()
            .map(|d| d.property_name.clone())
            .or_else(|| self.common_tag_field(variants));
        if let Some(discriminator) = discriminator {
            if let Some(kind) = self.tagged_union(&discriminator, variants, keyword, hint, pointer) {
                return kind;
            }
        }
        // Untagged: merge the object variants' properties, each optional unless every variant
        // requires it.
        let mut merged = Properties::new();
        let mut required_everywhere: Option<Vec<String>> = None;
        for variant in variants {
            match self.object_parts(variant) {
                Some((properties, required)) => {
                    merge_variant_properties(&mut merged, properties);
                    required_everywhere = Some(match required_everywhere {
                        None => required,
                        Some(previous) => previous.into_iter().filter(|r| required.contains(r)).collect(),
                    });
                }
                None if is_null_schema(variant) => {}
                None => return Shape::Plain(TypeRef::Any),
            }
        }
        if merged.is_empty() {
            return Shape::Plain(TypeRef::Any);
        }
        let merged = merged.iter().map(|(name, p)| (name, &**p));
        let fields = self.properties(merged, &required_everywhere.unwrap_or_default(), hint, pointer);
        Shape::Named(TypeKind::Object { fields })
    }

    /// The values of a union whose every variant is a string `enum`, in order, each once: such
    /// a union is one enum of them all, as Seam's SDKs and reference read it.
    fn merged_string_enum(&self, variants: &[(usize, &ReferenceOr<Schema>)]) -> Option<Vec<String>> {
        let mut values = Vec::new();
        for (_, variant) in variants {
            let schema = match variant {
                ReferenceOr::Item(schema) => schema,
                ReferenceOr::Reference { reference } => {
                    match self.components.get(reference.strip_prefix(COMPONENT_PREFIX)?)? {
                        ReferenceOr::Item(schema) => schema,
                        ReferenceOr::Reference { .. } => return None,
                    }
                }
            };
            match &schema.schema_kind {
                SchemaKind::Type(Type::String(s)) if s.enumeration.iter().any(Option::is_some) => {
                    values.extend(s.enumeration.iter().flatten().cloned());
                }
                _ => return None,
            }
        }
        Some(dedup(values))
    }

    /// The name of a string field that every variant pins to a single `enum` value.
    fn common_tag_field(&self, variants: &[ReferenceOr<Schema>]) -> Option<String> {
        let mut candidates: Option<Vec<String>> = None;
        for variant in variants {
            let (properties, _) = self.object_parts(variant)?;
            let pinned: Vec<String> = properties
                .iter()
                .filter(|(_, p)| single_enum_value(p).is_some())
                .map(|(name, _)| name.clone())
                .collect();
            candidates = Some(match candidates {
                None => pinned,
                Some(previous) => previous.into_iter().filter(|c| pinned.contains(c)).collect(),
            });
        }
        candidates?.into_iter().next()
    }

    fn tagged_union(
        &mut self,
        discriminator: &str,
        variants: &[ReferenceOr<Schema>],
        keyword: &str,
        hint: &str,
        pointer: &str,
    ) -> Option<Shape> {
        // Every variant must pin the discriminator to one value; otherwise fall back to merging.
        let mut tags = Vec::with_capacity(variants.len());
        for variant in variants {
            let (properties, _) = self.object_parts(variant)?;
            let tag = single_enum_value(properties.get(discriminator)?)?;
            tags.push(tag);
        }
        let mut out = Vec::with_capacity(variants.len());
        let mut seen = HashSet::new();
        for (index, (variant, tag)) in variants.iter().zip(tags).enumerate() {
            if !seen.insert(tag.clone()) {
                continue;
            }
            let variant_hint = format!("{hint}_{tag}");
            let variant_pointer = format!("{pointer}/{keyword}/{index}");
            let resolved = self.resolve(variant, &variant_hint, &variant_pointer);
            match resolved.ty {
                TypeRef::Named { id } => out.push(UnionVariant { tag, ty: id }),
                _ => return None,
            }
        }
        Some(Shape::Named(TypeKind::Union {
            discriminator: discriminator.to_owned(),
            variants: out,
        }))
    }

    /// An object schema's properties and required list, looking through component references
    /// and flattening nested `allOf` (every part) and `oneOf`/`anyOf` (required only where every
    /// variant requires it).
    fn object_parts<'s>(&self, schema: &'s ReferenceOr<Schema>) -> Option<(Properties<'s>, Vec<String>)>
    where
        'a: 's,
    {
        self.object_parts_within(schema, &mut Vec::new())
    }

    /// [`TypeSpace::object_parts`]; `visiting` holds the components being flattened, so a
    /// composition that includes itself (`looped: {allOf: [$ref: looped, …]}`) adds nothing
    /// more of itself instead of recursing forever.
    fn object_parts_within<'s>(
        &self,
        schema: &'s ReferenceOr<Schema>,
        visiting: &mut Vec<&'s str>,
    ) -> Option<(Properties<'s>, Vec<String>)>
    where
        'a: 's,
    {
        let schema = match schema {
            ReferenceOr::Item(schema) => schema,
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix(COMPONENT_PREFIX)?;
                if visiting.contains(&name) {
                    return Some((Properties::new(), Vec::new()));
                }
                let components: &'a IndexMap<String, ReferenceOr<Schema>> = self.components;
                visiting.push(name);
                let parts = self.object_parts_within(components.get(name)?, visiting);
                visiting.pop();
                return parts;
            }
        };
        let borrowed = |properties: &'s IndexMap<String, ReferenceOr<Box<Schema>>>| -> Properties<'s> {
            properties
                .iter()
                .map(|(name, p)| (name.clone(), Cow::Borrowed(p)))
                .collect()
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => Some((borrowed(&o.properties), o.required.clone())),
            SchemaKind::Any(a) if !a.properties.is_empty() => {
                // Fields declared beside an `allOf` are one more part of it; a part that is no
                // object adds none.
                let mut properties = Properties::new();
                let mut required = Vec::new();
                for part in &a.all_of {
                    if let Some((p, r)) = self.object_parts_within(part, visiting) {
                        properties.extend(p);
                        required.extend(r);
                    }
                }
                properties.extend(borrowed(&a.properties));
                required.extend(a.required.iter().cloned());
                Some((properties, required))
            }
            SchemaKind::AllOf { all_of } => {
                let mut properties = Properties::new();
                let mut required = Vec::new();
                for part in all_of {
                    let (p, r) = self.object_parts_within(part, visiting)?;
                    properties.extend(p);
                    required.extend(r);
                }
                Some((properties, required))
            }
            SchemaKind::OneOf { one_of: variants } | SchemaKind::AnyOf { any_of: variants } => {
                let mut properties = Properties::new();
                let mut required: Option<Vec<String>> = None;
                for variant in variants.iter().filter(|v| !is_null_schema(v)) {
                    let (p, r) = self.object_parts_within(variant, visiting)?;
                    merge_variant_properties(&mut properties, p);
                    required = Some(match required {
                        None => r,
                        Some(previous) => previous.into_iter().filter(|x| r.contains(x)).collect(),
                    });
                }
                Some((properties, required.unwrap_or_default()))
            }
            _ => None,
        }
    }

    /// `allOf`: one object with every part's properties; required if any part requires it.
    /// `own` holds the properties declared beside the `allOf`, which come after its parts'.
    fn all_of(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        own: Option<OwnFields<'_>>,
        hint: &str,
        pointer: &str,
    ) -> Shape {
        if let ([part @ ReferenceOr::Reference { .. }], None) = (parts, own) {
            // `{allOf: [$ref], nullable: true}`, the OpenAPI 3.0 way to write a nullable or
            // described reference: the referenced type itself, not a copy of its fields.
            return self.resolve_shape_of(part, hint, pointer);
        }
        let mut merged = Properties::new();
        let mut required: Vec<String> = Vec::new();
        for part in parts {
            match self.object_parts(part) {
                Some((properties, part_required)) => {
                    merged.extend(properties);
                    required.extend(part_required);
                }
                None if parts.len() == 1 && own.is_none() => return self.resolve_shape_of(part, hint, pointer),
                None => {
                    self.diags.warning(
                        self.at(&format!("{pointer}/allOf")),
                        "an `allOf` part is not an object; only the object parts are kept",
                    );
                }
            }
        }
        if let Some((properties, own_required)) = own {
            merged.extend(properties.iter().map(|(name, p)| (name.clone(), Cow::Borrowed(p))));
            required.extend(own_required.iter().cloned());
        }
        if let Some((properties, own_required)) = own {
            merged.extend(properties.iter().map(|(name, p)| (name.clone(), Cow::Borrowed(p))));
            required.extend(own_required.iter().cloned());
        }
        if merged.is_empty() {
            return Shape::Plain(TypeRef::Any);
        }
        let merged = merged.iter().map(|(name, p)| (name, &**p));
        let fields = self.properties(merged, &required, hint, pointer);
        Shape::Named(TypeKind::Object { fields })
    }

    fn resolve_shape_of(&mut self, schema: &ReferenceOr<Schema>, hint: &str, pointer: &str) -> Shape {
        Shape::Plain(self.resolve(schema, hint, &format!("{pointer}/allOf/0")).ty)
    }
}

enum Shape {
    Plain(TypeRef),
    Named(TypeKind),
}

/// Merges one variant's properties into those of the variants before it. A property the
/// variants all spell as a string enum (a discriminator pinned to one value per variant, say)
/// takes the values of every variant; otherwise the first variant's schema wins.
fn merge_variant_properties<'s>(into: &mut Properties<'s>, variant: Properties<'s>) {
    for (name, prop) in variant {
        let Some(existing) = into.get_mut(&name) else {
            into.insert(name, prop);
            continue;
        };
        let (Some(known), Some(more)) = (string_enum_values(existing), string_enum_values(&prop)) else {
            continue;
        };
        let new: Vec<Option<String>> = more.into_iter().filter(|value| !known.contains(value)).collect();
        if new.is_empty() {
            continue;
        }
        if let Some(values) = string_enum_mut(existing.to_mut()) {
            values.extend(new);
        }
    }
}

fn string_enum_mut(schema: &mut ReferenceOr<Box<Schema>>) -> Option<&mut Vec<Option<String>>> {
    match schema {
        ReferenceOr::Item(s) => match &mut s.schema_kind {
            SchemaKind::Type(Type::String(st)) if !st.enumeration.is_empty() => Some(&mut st.enumeration),
            _ => None,
        },
        ReferenceOr::Reference { .. } => None,
    }
}

fn string_enum_values(schema: &ReferenceOr<Box<Schema>>) -> Option<Vec<Option<String>>> {
    match schema {
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Type(Type::String(st)) if !st.enumeration.is_empty() => Some(st.enumeration.clone()),
            _ => None,
        },
        ReferenceOr::Reference { .. } => None,
    }
}

/// The type of a list's items or a map's values, and whether one may be `null`: where its
/// schema says `nullable`, or, as for a result (see [`TypeSpace::accepts_null`]), where the
/// schema states no `type` (`untyped_null`). Any JSON holds `null` already.
fn element(resolved: Resolved, untyped_null: bool) -> (TypeRef, bool) {
    let nullable = resolved.ty != TypeRef::Any && (resolved.nullable || untyped_null);
    (resolved.ty, nullable)
}

/// Replaces every reference to the named type `id` inside `ty` by any JSON (which holds `null`
/// itself); says whether it did.
fn replace_named(ty: &mut TypeRef, id: &str) -> bool {
    match ty {
        TypeRef::Named { id: named } if named == id => {
            *ty = TypeRef::Any;
            true
        }
        TypeRef::Array {
            items: inner,
            items_nullable: nullable,
        }
        | TypeRef::Map {
            values: inner,
            values_nullable: nullable,
        } => {
            let replaced = replace_named(inner, id);
            if replaced && **inner == TypeRef::Any {
                *nullable = false;
            }
            replaced
        }
        _ => false,
    }
}

/// Whether the schema combines others (`allOf`, `oneOf`, `anyOf`), which is where resolving can
/// meet the same schema again.
fn is_composition(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::AllOf { .. } | SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => true,
        SchemaKind::Any(any) => !(any.all_of.is_empty() && any.one_of.is_empty() && any.any_of.is_empty()),
        _ => false,
    }
}

fn shape_key(kind: &TypeKind) -> String {
    serde_json::to_string(kind).unwrap_or_default()
}

fn component_pointer(name: &str) -> String {
    format!("/components/schemas/{}", pointer_token(name))
}

fn dedup(values: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    values.into_iter().filter(|v| seen.insert(v.clone())).collect()
}

fn string_format_name(format: &openapiv3::StringFormat) -> &'static str {
    match format {
        openapiv3::StringFormat::Date => "date",
        openapiv3::StringFormat::DateTime => "date-time",
        openapiv3::StringFormat::Password => "password",
        openapiv3::StringFormat::Byte => "byte",
        openapiv3::StringFormat::Binary => "binary",
    }
}

fn is_null_schema(schema: &ReferenceOr<Schema>) -> bool {
    match schema {
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Any(any) => {
                any.typ.as_deref() == Some("null")
                    || (any.enumeration.len() == 1 && any.enumeration[0].is_null() && any.properties.is_empty())
            }
            SchemaKind::Type(Type::String(st)) => st.enumeration.len() == 1 && st.enumeration[0].is_none(),
            _ => false,
        },
        ReferenceOr::Reference { .. } => false,
    }
}

/// The one value a string property is pinned to by `enum: [value]`.
fn single_enum_value(schema: &ReferenceOr<Box<Schema>>) -> Option<String> {
    match schema {
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Type(Type::String(st)) if st.enumeration.len() == 1 => st.enumeration[0].clone(),
            _ => None,
        },
        ReferenceOr::Reference { .. } => None,
    }
}

fn is_reference_object(value: &Value) -> bool {
    value.as_object().is_some_and(|o| o.contains_key("$ref"))
}

/// `Some(message)` when the schema is deprecated (see [`deprecation`]).
pub fn schema_deprecation(data: &openapiv3::SchemaData) -> Option<String> {
    deprecation(extension_text(&data.extensions, "x-deprecated"), data.deprecated)
}

/// How the model says deprecated, for an endpoint, a parameter or a schema: `Some(message)`,
/// `message` the text the description gives (`x-deprecated`), else empty when only the
/// `deprecated: true` flag is set; `None` when neither says so.
pub fn deprecation(message: Option<String>, flag: bool) -> Option<String> {
    message.or_else(|| flag.then(String::new))
}

/// An extension's text: a string as is, `true` as an empty string, absent/false/null as `None`.
pub fn extension_text(extensions: &IndexMap<String, Value>, key: &str) -> Option<String> {
    match extensions.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Bool(true) => Some(String::new()),
        Value::Null | Value::Bool(false) => None,
        other => Some(other.to_string()),
    }
}

/// The strings of a list extension (`x-batch-keys: [spaces, devices]`); anything else in the
/// list, or a value that is no list, is no string of it.
pub fn extension_texts(extensions: &IndexMap<String, Value>, key: &str) -> Vec<String> {
    match extensions.get(key) {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}
