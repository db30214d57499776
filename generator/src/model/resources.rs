//! The documented resources: each component schema that names its route (`x-route-path`),
//! read as the reference documents it, with every property's type word, description,
//! deprecation, enum values and nesting; and the event and action-attempt types, each a
//! variant of the `event` and `action_attempt` unions.
//!
//! Read from the component schemas as written: nested objects, `allOf` and `oneOf` are
//! flattened into one list of properties the way Seam's reference lays them out, a list of
//! discriminated objects keeps its variants, and a `$ref` is followed to its component.

use std::borrow::Cow;

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::{Map, Value};

/// The component that holds pagination: documented with the list endpoints, not as a resource.
const PAGINATION: &str = "pagination";
/// The component whose variants are the event types.
const EVENT: &str = "event";
/// The component whose variants are the action-attempt types.
const ACTION_ATTEMPT: &str = "action_attempt";
/// The component whose properties are lists of other resources (`*/get_related`).
const BATCH: &str = "batch";
/// How deep `$ref`s are followed inside one property before it is read as a record.
const MAX_REF_DEPTH: usize = 8;

/// Every documented thing of the reference that is not an endpoint.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ResourceDocs {
    /// The resources, in the description's order of components.
    pub resources: Vec<Resource>,
    /// The event types, in the order of the `event` union's variants.
    pub events: Vec<Tagged>,
    /// The action-attempt types, in the order of the `action_attempt` union's variants, one
    /// per type (its variants' properties merged).
    pub action_attempts: Vec<Tagged>,
}

/// A resource: a component schema with a route.
#[derive(Debug, Clone, Serialize)]
pub struct Resource {
    /// The component's name, e.g. `acs_credential`.
    pub resource_type: String,
    /// The route that documents it (`x-route-path`), e.g. `/acs/credentials`.
    pub route: String,
    /// Markdown description, paragraphs trimmed.
    pub description: String,
    /// Shown in the docs, hidden (`x-undocumented`) or not yet public (`x-draft`).
    pub flags: Flags,
    /// Named groups of properties (`x-property-groups`), in the order declared.
    pub groups: Vec<Group>,
    /// The properties, in the order declared.
    pub properties: Vec<ResourceProperty>,
}

/// A variant of a union component told apart by a tag: an event type or an action-attempt type.
#[derive(Debug, Clone, Serialize)]
pub struct Tagged {
    /// The tag, e.g. `acs_credential.deleted` or `UNLOCK_DOOR`.
    pub tag: String,
    /// The variant, read as a resource.
    pub resource: Resource,
}

/// Deprecation and visibility, as the vendor extensions say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Flags {
    /// `Some(message)` when deprecated (`x-deprecated`, or `deprecated: true`).
    pub deprecated: Option<String>,
    /// `Some(reason)` when left out of the docs (`x-undocumented`).
    pub undocumented: Option<String>,
    /// `Some(reason)` when not yet public (`x-draft`).
    pub draft: Option<String>,
}

/// A named group of properties or variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The key properties name it by (`x-property-group-key`, `x-variant-group-key`).
    pub key: String,
    /// The heading it is shown under.
    pub name: String,
}

/// A property of a resource, an object or a list's items.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceProperty {
    /// The wire name.
    pub name: String,
    /// Markdown description, paragraphs trimmed.
    pub description: String,
    /// Deprecation and visibility.
    pub flags: Flags,
    /// The group it belongs to (`x-property-group-key`).
    pub group: Option<String>,
    /// What it holds.
    pub format: Format,
}

/// What a property holds, in the reference's words.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Format {
    /// A string.
    String,
    /// A number, whole or not.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A date and time (`format: date-time`).
    Datetime,
    /// An id (`format: uuid`).
    Id,
    /// An object with no known fields.
    Record,
    /// A string with known values.
    Enum {
        /// The values, in the order declared.
        values: Vec<EnumValue>,
    },
    /// An object with known fields.
    Object {
        /// Named groups of its fields.
        groups: Vec<Group>,
        /// Its fields.
        properties: Vec<ResourceProperty>,
    },
    /// A list.
    List {
        /// What its items hold.
        items: Box<ListItems>,
    },
    /// A list of another resource, in a batch.
    Batch {
        /// The resource's type.
        resource_type: String,
    },
}

/// A known value of an enum.
#[derive(Debug, Clone, Serialize)]
pub struct EnumValue {
    /// The value.
    pub name: String,
    /// Its description (`x-enums`), may be empty.
    pub description: String,
    /// Deprecation and visibility (`x-enums`).
    pub flags: Flags,
}

/// What the items of a list hold.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ListItems {
    /// One of the plain formats (string, number, boolean, datetime, id, record).
    Plain {
        /// The items' format.
        format: Format,
    },
    /// Enum values.
    Enum {
        /// The values.
        values: Vec<EnumValue>,
    },
    /// Objects with known fields.
    Object {
        /// Their fields.
        properties: Vec<ResourceProperty>,
    },
    /// Objects of several shapes, told apart by a field.
    Discriminated {
        /// The field that tells them apart.
        discriminator: String,
        /// Named groups of variants (`x-variant-groups`).
        groups: Vec<Group>,
        /// The shapes.
        variants: Vec<Variant>,
    },
}

/// One shape of a discriminated list's items.
#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    /// The group it belongs to (`x-variant-group-key`).
    pub group: Option<String>,
    /// Markdown description.
    pub description: String,
    /// Its fields, the discriminator among them.
    pub properties: Vec<ResourceProperty>,
}

impl ResourceProperty {
    /// The values of an enum property (an event variant's `event_type` has one).
    pub fn enum_values(&self) -> Option<&[EnumValue]> {
        match &self.format {
            Format::Enum { values } => Some(values),
            _ => None,
        }
    }
}

impl Resource {
    /// The property named `name`, if any.
    pub fn property(&self, name: &str) -> Option<&ResourceProperty> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// Reads the resources, events and action attempts of a description's component schemas (as
/// written, `components.schemas` of the raw document).
pub fn read(raw: &Value) -> ResourceDocs {
    let empty = Map::new();
    let schemas = raw
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let reader = Reader { schemas };
    let mut docs = ResourceDocs::default();
    for (name, schema) in schemas {
        if name == PAGINATION {
            continue;
        }
        let Some(route) = text(schema, "x-route-path") else {
            continue;
        };
        if let Some(variants) = schema.get("oneOf").and_then(Value::as_array) {
            // A union documents the properties all its variants share, as one resource
            // (events), or none (action attempts, documented per type below).
            // (the shared properties alone: the union's own description and flags describe
            // its variants, not what they share).
            if schema.get("discriminator").is_some() {
                let common = common_properties(variants);
                docs.resources
                    .push(reader.resource(name, &Value::Null, &route, &common));
            }
        } else if schema.get("type").and_then(Value::as_str) == Some("object") && every_property_typed(schema) {
            let properties = schema
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            docs.resources.push(reader.resource(name, schema, &route, &properties));
        }
    }
    if let Some(event) = schemas.get(EVENT) {
        docs.events = reader.events(event);
    }
    if let Some(attempt) = schemas.get(ACTION_ATTEMPT) {
        docs.action_attempts = reader.action_attempts(attempt);
    }
    docs
}

struct Reader<'s> {
    schemas: &'s Map<String, Value>,
}

impl<'s> Reader<'s> {
    fn resource(&self, name: &str, schema: &Value, route: &str, properties: &Map<String, Value>) -> Resource {
        let groups = groups(schema, "x-property-groups");
        Resource {
            resource_type: name.to_owned(),
            route: route.to_owned(),
            description: normalize(text(schema, "description").as_deref().unwrap_or("")),
            flags: flags(schema),
            properties: self.properties(properties, name == BATCH),
            groups,
        }
    }

    /// The event types: each variant of the `event` union with a single `event_type`.
    fn events(&self, union: &Value) -> Vec<Tagged> {
        let route = text(union, "x-route-path").unwrap_or_default();
        variants(union)
            .filter_map(|variant| {
                let tag = single_enum(variant, "event_type")?;
                let route = text(variant, "x-route-path").unwrap_or_else(|| route.clone());
                let properties = variant
                    .get("properties")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                Some(Tagged {
                    tag,
                    resource: self.resource(EVENT, variant, &route, &properties),
                })
            })
            .collect()
    }

    /// The action-attempt types, one per `action_type`: the variants of each type merged,
    /// each property taken from the first variant where it is not nullable.
    fn action_attempts(&self, union: &Value) -> Vec<Tagged> {
        let route = text(union, "x-route-path").unwrap_or_default();
        let mut by_type: IndexMap<String, Vec<&Value>> = IndexMap::new();
        for variant in variants(union) {
            if let Some(tag) = single_enum(variant, "action_type") {
                by_type.entry(tag).or_default().push(variant);
            }
        }
        by_type
            .into_iter()
            .map(|(tag, variants)| {
                let mut merged = Map::new();
                for variant in &variants {
                    for (key, property) in variant
                        .get("properties")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                    {
                        let nullable = property.get("nullable").and_then(Value::as_bool) == Some(true);
                        match merged.get(key) {
                            None => {
                                merged.insert(key.clone(), property.clone());
                            }
                            Some(kept) if !nullable && kept.get("nullable").and_then(Value::as_bool) == Some(true) => {
                                merged.insert(key.clone(), property.clone());
                            }
                            Some(_) => {}
                        }
                    }
                }
                // Each variant of a type is one status of it: the type's status is any of them.
                let statuses = merged_enum(variants.iter().filter_map(|v| v.pointer("/properties/status")));
                if let Some(status) = merged.get_mut("status") {
                    status["enum"] = Value::Array(statuses);
                }
                Tagged {
                    tag,
                    resource: self.resource(ACTION_ATTEMPT, variants[0], &route, &merged),
                }
            })
            .collect()
    }

    /// The properties of a resource or of a variant, in order; one whose type cannot be told
    /// is left out, as the reference leaves it out. Only here do lists of discriminated
    /// objects keep their variants: the reference flattens every union below them.
    fn properties(&self, properties: &Map<String, Value>, batch: bool) -> Vec<ResourceProperty> {
        properties
            .iter()
            .filter_map(|(name, schema)| self.property(name, schema, batch, 0, true))
            .collect()
    }

    fn property(
        &self,
        name: &str,
        schema: &Value,
        batch: bool,
        depth: usize,
        keep_unions: bool,
    ) -> Option<ResourceProperty> {
        if batch {
            // A batch lists other resources: documented by the resource's own description.
            let resource_type = schema
                .pointer("/items/$ref")
                .and_then(Value::as_str)
                .and_then(component_name);
            if let Some(resource_type) = resource_type {
                let referenced = self.schemas.get(resource_type)?;
                return Some(ResourceProperty {
                    name: name.to_owned(),
                    description: normalize(text(referenced, "description").as_deref().unwrap_or("")),
                    flags: flags(referenced),
                    group: text(referenced, "x-property-group-key"),
                    format: Format::Batch {
                        resource_type: resource_type.to_owned(),
                    },
                });
            }
        }
        let schema = self.flatten(schema, depth, keep_unions)?;
        let format = self.format(&schema, depth)?;
        Some(ResourceProperty {
            name: name.to_owned(),
            description: normalize(text(&schema, "description").as_deref().unwrap_or("")),
            flags: flags(&schema),
            group: text(&schema, "x-property-group-key").filter(|k| !k.is_empty()),
            format,
        })
    }

    /// The schema with `$ref` followed and `allOf` / `oneOf` merged into one object or enum,
    /// a list's items too; with `keep_unions`, a list of discriminated objects is kept as it is.
    /// `None` for a cycle too deep.
    fn flatten<'v>(&self, schema: &'v Value, depth: usize, keep_unions: bool) -> Option<Cow<'v, Value>>
    where
        's: 'v,
    {
        if depth > MAX_REF_DEPTH {
            return None;
        }
        if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
            let referenced = component_name(target).and_then(|name| self.schemas.get(name))?;
            return self.flatten(referenced, depth + 1, keep_unions);
        }
        let is_list = schema.get("type").and_then(Value::as_str) == Some("array");
        if is_list && keep_unions && schema.pointer("/items/discriminator").is_some() {
            return Some(Cow::Borrowed(schema));
        }
        let flat_parts = |parts: &'v Vec<Value>| -> Vec<Value> {
            parts
                .iter()
                .filter_map(|p| self.flatten(p, depth + 1, false))
                .map(Cow::into_owned)
                .collect()
        };
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            return Some(Cow::Owned(merge_all_of(schema, &flat_parts(parts))));
        }
        if let Some(parts) = schema.get("oneOf").and_then(Value::as_array) {
            return Some(Cow::Owned(merge_one_of(schema, &flat_parts(parts))));
        }
        if let (true, Some(items)) = (is_list, schema.get("items")) {
            if let Cow::Owned(items) = self.flatten(items, depth + 1, false)? {
                let mut flat = schema.clone();
                flat["items"] = items;
                return Some(Cow::Owned(flat));
            }
        }
        Some(Cow::Borrowed(schema))
    }

    fn format(&self, schema: &Value, depth: usize) -> Option<Format> {
        let ty = schema.get("type").and_then(Value::as_str)?;
        Some(match ty {
            "string" => match (schema.get("enum"), schema.get("format").and_then(Value::as_str)) {
                (Some(Value::Array(values)), _) => Format::Enum {
                    values: enum_values(values, schema.get("x-enums")),
                },
                (_, Some("date-time")) => Format::Datetime,
                (_, Some("uuid")) => Format::Id,
                _ => Format::String,
            },
            "boolean" => Format::Boolean,
            "number" | "integer" => Format::Number,
            "object" => match schema.get("properties").and_then(Value::as_object) {
                Some(properties) => Format::Object {
                    groups: groups(schema, "x-property-groups"),
                    properties: properties
                        .iter()
                        .filter_map(|(name, p)| self.property(name, p, false, depth, false))
                        .collect(),
                },
                None => Format::Record,
            },
            "array" => Format::List {
                items: Box::new(self.list_items(schema, depth)),
            },
            _ => return None,
        })
    }

    fn list_items(&self, schema: &Value, depth: usize) -> ListItems {
        let record = ListItems::Plain { format: Format::Record };
        let Some(items) = schema.get("items") else {
            return record;
        };
        if let Some(variants) = items.get("oneOf").and_then(Value::as_array) {
            let objects: Vec<Cow<Value>> = variants
                .iter()
                .filter_map(|v| self.flatten(v, depth + 1, false))
                .collect();
            let all_objects = objects.len() == variants.len()
                && objects
                    .iter()
                    .all(|v| v.get("type").and_then(Value::as_str) == Some("object"));
            let discriminator = items.pointer("/discriminator/propertyName").and_then(Value::as_str);
            return match (all_objects, discriminator) {
                (true, Some(discriminator)) => ListItems::Discriminated {
                    discriminator: discriminator.to_owned(),
                    groups: groups(schema, "x-variant-groups"),
                    variants: objects
                        .iter()
                        .map(|variant| Variant {
                            group: text(variant, "x-variant-group-key"),
                            description: normalize(text(variant, "description").as_deref().unwrap_or("")),
                            properties: self.properties(
                                variant
                                    .get("properties")
                                    .and_then(Value::as_object)
                                    .unwrap_or(&Map::new()),
                                false,
                            ),
                        })
                        .collect(),
                },
                _ => record,
            };
        }
        let Some(item) = self.flatten(items, depth + 1, false) else {
            return record;
        };
        match self.format(&item, depth + 1) {
            Some(Format::Enum { values }) => ListItems::Enum { values },
            Some(Format::Object { properties, .. }) => ListItems::Object { properties },
            Some(format @ (Format::String | Format::Number | Format::Boolean | Format::Datetime | Format::Id)) => {
                ListItems::Plain { format }
            }
            _ => record,
        }
    }
}

/// Whether each property of an object says what it holds (a `type`, `oneOf`, `allOf` or
/// `$ref`): the reference documents no resource with a property it cannot describe.
fn every_property_typed(schema: &Value) -> bool {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .all(|(_, p)| ["type", "oneOf", "allOf", "$ref"].iter().any(|k| p.get(k).is_some()))
}

/// The variants of a union schema.
fn variants(union: &Value) -> impl Iterator<Item = &Value> {
    union.get("oneOf").and_then(Value::as_array).into_iter().flatten()
}

/// The first value of the enum property `name` of a variant (its tag).
fn single_enum(variant: &Value, name: &str) -> Option<String> {
    variant
        .pointer(&format!("/properties/{name}/enum/0"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The component a `#/components/schemas/…` reference names.
fn component_name(reference: &str) -> Option<&str> {
    reference.strip_prefix("#/components/schemas/")
}

/// The properties every variant has, in the first variant's order; an enum's values are those
/// of all variants.
fn common_properties(variants: &[Value]) -> Map<String, Value> {
    let empty = Map::new();
    let props = |v: &'_ Value| {
        v.get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let all: Vec<Map<String, Value>> = variants.iter().map(props).collect();
    let Some(first) = all.first() else { return empty };
    let mut common = Map::new();
    for (key, property) in first {
        if !all.iter().all(|p| p.contains_key(key)) {
            continue;
        }
        let mut property = property.clone();
        if property.get("enum").is_some() {
            let values = merged_enum(all.iter().filter_map(|p| p.get(key)));
            property["enum"] = Value::Array(values);
        }
        common.insert(key.clone(), property);
    }
    common
}

/// The enum values of several schemas, each once, in order of appearance.
fn merged_enum<'v>(schemas: impl Iterator<Item = &'v Value>) -> Vec<Value> {
    let mut values: Vec<Value> = Vec::new();
    for schema in schemas {
        for value in schema.get("enum").and_then(Value::as_array).into_iter().flatten() {
            if !values.contains(value) {
                values.push(value.clone());
            }
        }
    }
    values
}

/// An `allOf`: one object with every part's properties (a later part's win) and enum values.
fn merge_all_of(schema: &Value, parts: &[Value]) -> Value {
    let mut merged = Map::new();
    merged.insert("type".into(), "object".into());
    for key in ["description", "x-property-groups"] {
        if let Some(value) = schema.get(key) {
            merged.insert(key.into(), value.clone());
        }
    }
    merged.insert("properties".into(), Value::Object(merged_properties(parts)));
    Value::Object(merged)
}

/// A `oneOf`: an enum of every part's values when all parts are string enums, else one object
/// with every part's properties.
fn merge_one_of(schema: &Value, parts: &[Value]) -> Value {
    let mut merged = Map::new();
    if let Some(description) = schema.get("description") {
        merged.insert("description".into(), description.clone());
    }
    let all_enums = parts
        .iter()
        .all(|p| p.get("type").and_then(Value::as_str) == Some("string") && p.get("enum").is_some_and(Value::is_array));
    if all_enums {
        merged.insert("type".into(), "string".into());
        merged.insert("enum".into(), Value::Array(merged_enum(parts.iter())));
    } else {
        merged.insert("type".into(), "object".into());
        merged.insert("properties".into(), Value::Object(merged_properties(parts)));
    }
    Value::Object(merged)
}

/// The properties of several objects, a later one's winning, with the enum values of all.
fn merged_properties(parts: &[Value]) -> Map<String, Value> {
    let mut properties = Map::new();
    for part in parts {
        for (key, property) in part.get("properties").and_then(Value::as_object).into_iter().flatten() {
            properties.insert(key.clone(), property.clone());
        }
    }
    for (key, property) in properties.iter_mut() {
        if property.get("enum").is_some() {
            let values = merged_enum(
                parts
                    .iter()
                    .filter_map(|p| p.pointer(&format!("/properties/{}", pointer_token(key)))),
            );
            property["enum"] = Value::Array(values);
        }
    }
    properties
}

fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The values of an enum, described by `x-enums` where it has them.
fn enum_values(values: &[Value], described: Option<&Value>) -> Vec<EnumValue> {
    values
        .iter()
        .map(|value| {
            let name = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let doc = described.and_then(|d| d.get(&name));
            let field = |key: &str| doc.and_then(|d| d.get(key)).and_then(Value::as_str).map(str::to_owned);
            EnumValue {
                description: normalize(field("description").as_deref().unwrap_or("")),
                flags: Flags {
                    deprecated: field("deprecated").filter(|s| !s.is_empty()),
                    undocumented: field("undocumented").filter(|s| !s.is_empty()),
                    draft: field("draft").filter(|s| !s.is_empty()),
                },
                name,
            }
        })
        .collect()
}

/// Named groups (`x-property-groups` or `x-variant-groups`), in the order declared.
fn groups(schema: &Value, key: &str) -> Vec<Group> {
    schema
        .get(key)
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(key, group)| Group {
            key: key.clone(),
            name: group.get("name").and_then(Value::as_str).unwrap_or(key).to_owned(),
        })
        .collect()
}

/// Deprecation and visibility of a schema.
fn flags(schema: &Value) -> Flags {
    let deprecated = match text(schema, "x-deprecated") {
        Some(message) if !message.is_empty() => Some(message),
        _ => None,
    };
    Flags {
        deprecated,
        undocumented: text(schema, "x-undocumented").filter(|s| !s.is_empty()),
        draft: text(schema, "x-draft").filter(|s| !s.is_empty()),
    }
}

/// A string field of a schema.
fn text(schema: &Value, key: &str) -> Option<String> {
    schema.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// Each paragraph trimmed, as the reference prints descriptions.
fn normalize(text: &str) -> String {
    text.split("\n\n").map(str::trim).collect::<Vec<_>>().join("\n\n")
}
