//! A value for a schema of the description, by the precedence of [`super`]'s module docs.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
use serde_json::{json, Map, Value};

/// How deep the walk goes before it gives up on a branch: far beyond any real description's
/// nesting, well within the pipeline's stack.
const MAX_DEPTH: usize = 32;

/// How many levels of optional fields an answer shows.
const OPTIONAL_DEPTH: usize = 3;

/// What a value is for: a request holds the smallest call the description allows, an answer
/// shows what a caller reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    /// Required fields only, no `readOnly` one.
    Request,
    /// Required fields, and optional ones down to [`OPTIONAL_DEPTH`] levels, no `writeOnly`
    /// one.
    Answer,
}

/// Makes values for the schemas of one description.
pub(super) struct Sampler<'o> {
    pub(super) openapi: &'o openapiv3::OpenAPI,
    pub(super) purpose: Purpose,
}

/// Where the walk stands: the component schemas it is inside of (a reference back to one of
/// them is a cycle, which only a required field follows, once) and its depth.
#[derive(Default)]
struct Walk<'o> {
    components: Vec<&'o str>,
    depth: usize,
    /// Fields that an `allOf` part requires of the object another part declares, with the
    /// depth of that object.
    also_required: Option<(usize, Vec<String>)>,
}

impl<'o> Sampler<'o> {
    /// A value for `schema`; `None` when only a cycle or a schema too deep could give one.
    pub(super) fn value(&self, schema: &'o ReferenceOr<Schema>) -> Option<Value> {
        self.of(schema, &mut Walk::default())
    }

    fn of(&self, schema: &'o ReferenceOr<Schema>, walk: &mut Walk<'o>) -> Option<Value> {
        match schema {
            ReferenceOr::Item(schema) => self.schema(schema, walk),
            ReferenceOr::Reference { reference } => self.reference(reference, walk),
        }
    }

    fn of_boxed(&self, schema: &'o ReferenceOr<Box<Schema>>, walk: &mut Walk<'o>) -> Option<Value> {
        match schema {
            ReferenceOr::Item(schema) => self.schema(schema, walk),
            ReferenceOr::Reference { reference } => self.reference(reference, walk),
        }
    }

    fn reference(&self, reference: &'o str, walk: &mut Walk<'o>) -> Option<Value> {
        let name = reference.strip_prefix("#/components/schemas/")?;
        if walk.components.contains(&name) {
            return None;
        }
        let schema = self.component(name)?;
        walk.components.push(name);
        let value = self.schema(schema, walk);
        walk.components.pop();
        value
    }

    fn component(&self, name: &str) -> Option<&'o Schema> {
        match self.openapi.components.as_ref()?.schemas.get(name)? {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// The schema a property's reference names, to read its `readOnly` and `writeOnly`.
    fn resolved_boxed(&self, schema: &'o ReferenceOr<Box<Schema>>) -> Option<&'o Schema> {
        match schema {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => self.component(reference.strip_prefix("#/components/schemas/")?),
        }
    }

    fn schema(&self, schema: &'o Schema, walk: &mut Walk<'o>) -> Option<Value> {
        let data = &schema.schema_data;
        if let Some(example) = &data.example {
            return Some(example.clone());
        }
        if let Some(default) = data.default.as_ref().filter(|d| !is_reference_object(d)) {
            return Some(default.clone());
        }
        if walk.depth >= MAX_DEPTH {
            return None;
        }
        walk.depth += 1;
        let value = self.kind(schema, walk);
        walk.depth -= 1;
        value
    }

    fn kind(&self, schema: &'o Schema, walk: &mut Walk<'o>) -> Option<Value> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => Some(match s.enumeration.iter().flatten().next() {
                Some(first) => Value::String(first.clone()),
                None => Value::String(string(&s.format, s.min_length, s.max_length)),
            }),
            SchemaKind::Type(Type::Integer(i)) => Some(match i.enumeration.iter().flatten().next() {
                Some(first) => json!(first),
                None => json!(integer(i.minimum, i.exclusive_minimum, i.maximum, i.exclusive_maximum)),
            }),
            SchemaKind::Type(Type::Number(n)) => Some(match n.enumeration.iter().flatten().next() {
                Some(first) => number(*first),
                None => number(bounded(n.minimum, n.exclusive_minimum, n.maximum, n.exclusive_maximum)),
            }),
            SchemaKind::Type(Type::Boolean(b)) => Some(Value::Bool(
                b.enumeration.iter().flatten().next().copied().unwrap_or(true),
            )),
            SchemaKind::Type(Type::Array(a)) => self.array(a.items.as_ref(), a.min_items, walk),
            SchemaKind::Type(Type::Object(o)) => {
                self.object(&o.properties, &o.required, o.additional_properties.as_ref(), walk)
            }
            SchemaKind::OneOf { one_of: branches } | SchemaKind::AnyOf { any_of: branches } => {
                self.first_branch(schema, branches, walk)
            }
            SchemaKind::AllOf { all_of } => self.all_of(all_of, walk),
            SchemaKind::Not { .. } => Some(json!({})),
            SchemaKind::Any(any) => {
                if let Some(first) = any.enumeration.first() {
                    return Some(first.clone());
                }
                if !any.one_of.is_empty() {
                    return self.first_branch(schema, &any.one_of, walk);
                }
                if !any.any_of.is_empty() {
                    return self.first_branch(schema, &any.any_of, walk);
                }
                if !any.all_of.is_empty() {
                    return self.all_of(&any.all_of, walk);
                }
                match any.typ.as_deref() {
                    Some("string") => Some(Value::String(string(
                        &format_of(&any.format),
                        any.min_length,
                        any.max_length,
                    ))),
                    Some("integer") => Some(json!(integer(
                        any.minimum.map(|m| m as i64),
                        any.exclusive_minimum.unwrap_or(false),
                        any.maximum.map(|m| m as i64),
                        any.exclusive_maximum.unwrap_or(false),
                    ))),
                    Some("number") => Some(number(bounded(
                        any.minimum,
                        any.exclusive_minimum.unwrap_or(false),
                        any.maximum,
                        any.exclusive_maximum.unwrap_or(false),
                    ))),
                    Some("boolean") => Some(Value::Bool(true)),
                    Some("array") => self.array(any.items.as_ref(), any.min_items, walk),
                    _ if any.items.is_some() => self.array(any.items.as_ref(), any.min_items, walk),
                    _ => self.object(&any.properties, &any.required, any.additional_properties.as_ref(), walk),
                }
            }
        }
    }

    fn array(
        &self,
        items: Option<&'o ReferenceOr<Box<Schema>>>,
        min_items: Option<usize>,
        walk: &mut Walk<'o>,
    ) -> Option<Value> {
        let Some(items) = items else {
            return Some(json!([]));
        };
        // A cycle through a list ends in an empty list, which every list schema without
        // `minItems` allows.
        let Some(item) = self.of_boxed(items, walk) else {
            return Some(json!([]));
        };
        Some(Value::Array(vec![item; min_items.unwrap_or(1).max(1)]))
    }

    fn object(
        &self,
        properties: &'o indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&'o AdditionalProperties>,
        walk: &mut Walk<'o>,
    ) -> Option<Value> {
        let also_required = match walk.also_required.take() {
            Some((depth, names)) if depth == walk.depth => names,
            other => {
                walk.also_required = other;
                Vec::new()
            }
        };
        let mut object = Map::new();
        for (name, property) in properties {
            let is_required = required.contains(name) || also_required.contains(name);
            let shown = match self.purpose {
                Purpose::Request => is_required,
                Purpose::Answer => is_required || walk.depth <= OPTIONAL_DEPTH,
            };
            if !shown {
                continue;
            }
            let data = self.resolved_boxed(property).map(|s| &s.schema_data);
            let hidden = match self.purpose {
                Purpose::Request => data.is_some_and(|d| d.read_only),
                Purpose::Answer => data.is_some_and(|d| d.write_only),
            };
            if hidden && !is_required {
                continue;
            }
            match self.of_boxed(property, walk) {
                Some(value) => {
                    object.insert(name.clone(), value);
                }
                None if is_required => return None,
                None => {}
            }
        }
        if properties.is_empty() && self.purpose == Purpose::Answer {
            if let Some(AdditionalProperties::Schema(values)) = additional {
                if let Some(value) = self.of(values, walk) {
                    object.insert("key".to_owned(), value);
                }
            }
        }
        Some(Value::Object(object))
    }

    /// The first branch that gives a value; in an object, the discriminator set to the
    /// branch's name (its `mapping` key, else its component's name).
    fn first_branch(
        &self,
        schema: &'o Schema,
        branches: &'o [ReferenceOr<Schema>],
        walk: &mut Walk<'o>,
    ) -> Option<Value> {
        branches.iter().find_map(|branch| {
            let mut value = self.of(branch, walk)?;
            if let (Some(discriminator), ReferenceOr::Reference { reference }, Value::Object(object)) =
                (&schema.schema_data.discriminator, branch, &mut value)
            {
                let tag = discriminator
                    .mapping
                    .iter()
                    .find(|(_, target)| {
                        // A mapping names a schema by reference or by its name alone.
                        *target == reference || reference.rsplit('/').next() == Some(target.as_str())
                    })
                    .map(|(tag, _)| tag.clone())
                    .unwrap_or_else(|| reference.rsplit('/').next().unwrap_or_default().to_owned());
                object.insert(discriminator.property_name.clone(), Value::String(tag));
            }
            Some(value)
        })
    }

    /// Every part's fields, merged, each part's fields required where any part requires them;
    /// a part that is no object gives the value alone.
    fn all_of(&self, parts: &'o [ReferenceOr<Schema>], walk: &mut Walk<'o>) -> Option<Value> {
        let required: Vec<String> = parts
            .iter()
            .filter_map(|part| match part {
                ReferenceOr::Item(schema) => Some(schema),
                ReferenceOr::Reference { reference } => {
                    self.component(reference.strip_prefix("#/components/schemas/")?)
                }
            })
            .flat_map(|schema| match &schema.schema_kind {
                SchemaKind::Type(Type::Object(o)) => o.required.clone(),
                SchemaKind::Any(any) => any.required.clone(),
                _ => Vec::new(),
            })
            .collect();
        let mut merged = Map::new();
        for part in parts {
            walk.also_required = Some((walk.depth + 1, required.clone()));
            let value = self.of(part, walk);
            walk.also_required = None;
            match value? {
                Value::Object(fields) => merged.extend(fields),
                other => return Some(other),
            }
        }
        Some(Value::Object(merged))
    }
}

/// A placeholder for a string of this format, of a length within the bounds where it can be.
fn string(format: &VariantOrUnknownOrEmpty<StringFormat>, min: Option<usize>, max: Option<usize>) -> String {
    let fixed = |text: &str| text.to_owned();
    let text = match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => fixed("2024-01-01"),
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => fixed("2024-01-01T00:00:00Z"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Password) => fixed("password"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => fixed("c3RyaW5n"),
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => fixed("string"),
        VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
            "uuid" => fixed("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
            "email" => fixed("user@example.com"),
            "uri" | "url" | "uri-reference" | "iri" => fixed("https://example.com"),
            "hostname" => fixed("example.com"),
            "ipv4" => fixed("192.0.2.1"),
            "ipv6" => fixed("2001:db8::1"),
            "time" => fixed("00:00:00Z"),
            "duration" => fixed("P1D"),
            _ => fixed("string"),
        },
        VariantOrUnknownOrEmpty::Empty => fixed("string"),
    };
    // A format's placeholder has one valid length; a plain one stretches or shrinks.
    let plain = !matches!(
        format,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date | StringFormat::DateTime)
    ) && !matches!(format, VariantOrUnknownOrEmpty::Unknown(f) if f != "password");
    if !plain {
        return text;
    }
    let mut text = text;
    if let Some(min) = min {
        while text.chars().count() < min {
            text.push('x');
        }
    }
    if let Some(max) = max {
        text = text.chars().take(max).collect();
    }
    text
}

fn format_of(format: &Option<String>) -> VariantOrUnknownOrEmpty<StringFormat> {
    match format.as_deref() {
        None | Some("") => VariantOrUnknownOrEmpty::Empty,
        Some("date") => VariantOrUnknownOrEmpty::Item(StringFormat::Date),
        Some("date-time") => VariantOrUnknownOrEmpty::Item(StringFormat::DateTime),
        Some(other) => VariantOrUnknownOrEmpty::Unknown(other.to_owned()),
    }
}

/// Zero, or the nearest whole number the bounds allow.
fn integer(min: Option<i64>, exclusive_min: bool, max: Option<i64>, exclusive_max: bool) -> i64 {
    let low = min.map(|m| if exclusive_min { m.saturating_add(1) } else { m });
    let high = max.map(|m| if exclusive_max { m.saturating_sub(1) } else { m });
    match (low, high) {
        (Some(low), _) if low > 0 => low,
        (_, Some(high)) if high < 0 => high,
        _ => 0,
    }
}

/// Zero, or the nearest whole number (else the bound itself) the bounds allow.
fn bounded(min: Option<f64>, exclusive_min: bool, max: Option<f64>, exclusive_max: bool) -> f64 {
    match (min, max) {
        (Some(low), _) if low > 0.0 || (low == 0.0 && exclusive_min) => {
            let whole = if exclusive_min { low.floor() + 1.0 } else { low.ceil() };
            match max {
                Some(high) if whole > high || (exclusive_max && whole >= high) => low,
                _ => whole,
            }
        }
        (_, Some(high)) if high < 0.0 || (high == 0.0 && exclusive_max) => {
            if exclusive_max {
                high.ceil() - 1.0
            } else {
                high.floor()
            }
        }
        _ => 0.0,
    }
}

/// A number as JSON writes it: whole numbers without a fraction.
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        json!(value as i64)
    } else {
        json!(value)
    }
}

/// Whether a `default` is a `$ref` object rather than a value (the model warns about those).
fn is_reference_object(value: &Value) -> bool {
    value.as_object().is_some_and(|o| o.contains_key("$ref"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values made for each schema of a small description's components.
    fn values(purpose: Purpose, schemas: Value) -> Map<String, Value> {
        let openapi: openapiv3::OpenAPI = serde_json::from_value(json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": schemas},
        }))
        .unwrap();
        let sampler = Sampler {
            openapi: &openapi,
            purpose,
        };
        let names: Vec<String> = openapi.components.as_ref().unwrap().schemas.keys().cloned().collect();
        names
            .into_iter()
            .map(|name| {
                let schema = ReferenceOr::ref_(&format!("#/components/schemas/{name}"));
                let value = sampler.value(&schema).unwrap_or(Value::Null);
                (name, value)
            })
            .collect()
    }

    #[test]
    fn the_first_of_example_default_enum_and_placeholder_wins() {
        let got = values(
            Purpose::Request,
            json!({
                "example_first": {"type": "string", "example": "ex", "default": "def", "enum": ["a"]},
                "default_next": {"type": "string", "default": "def", "enum": ["a"]},
                "enum_next": {"type": "string", "enum": ["a", "b"]},
                "uuid": {"type": "string", "format": "uuid"},
                "date_time": {"type": "string", "format": "date-time"},
                "email": {"type": "string", "format": "email"},
                "short": {"type": "string", "maxLength": 3},
                "long": {"type": "string", "minLength": 8},
                "at_least_five": {"type": "integer", "minimum": 5},
                "below_zero": {"type": "integer", "maximum": -2, "exclusiveMaximum": true},
                "fraction": {"type": "number", "minimum": 0.5},
                "flag": {"type": "boolean"},
                "two_items": {"type": "array", "items": {"type": "integer"}, "minItems": 2},
            }),
        );
        assert_eq!(
            Value::Object(got),
            json!({
                "example_first": "ex",
                "default_next": "def",
                "enum_next": "a",
                "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "date_time": "2024-01-01T00:00:00Z",
                "email": "user@example.com",
                "short": "str",
                "long": "stringxx",
                "at_least_five": 5,
                "below_zero": -3,
                "fraction": 1,
                "flag": true,
                "two_items": [0, 0],
            })
        );
    }

    #[test]
    fn requests_hold_required_fields_and_answers_optional_ones_too() {
        let schemas = json!({
            "pet": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "id": {"type": "integer", "readOnly": true},
                    "name": {"type": "string", "example": "doggie"},
                    "tag": {"type": "string"},
                    "secret": {"type": "string", "writeOnly": true},
                    "parent": {"$ref": "#/components/schemas/pet"},
                },
            },
        });
        assert_eq!(
            values(Purpose::Request, schemas.clone())["pet"],
            json!({"name": "doggie"})
        );
        // The cycle back to `pet` is not followed: `parent` is optional.
        assert_eq!(
            values(Purpose::Answer, schemas)["pet"],
            json!({"id": 0, "name": "doggie", "tag": "string"})
        );
    }

    #[test]
    fn a_union_takes_its_first_branch_with_the_discriminator_set() {
        let got = values(
            Purpose::Request,
            json!({
                "cat": {"type": "object", "required": ["kind", "lives"], "properties": {
                    "kind": {"type": "string"}, "lives": {"type": "integer", "example": 9}}},
                "dog": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
                "by_mapping": {
                    "oneOf": [{"$ref": "#/components/schemas/cat"}, {"$ref": "#/components/schemas/dog"}],
                    "discriminator": {"propertyName": "kind", "mapping": {"Cat": "cat"}},
                },
                "by_name": {
                    "anyOf": [{"$ref": "#/components/schemas/dog"}],
                    "discriminator": {"propertyName": "kind"},
                },
                "merged": {"allOf": [
                    {"$ref": "#/components/schemas/dog"},
                    {"required": ["name"]},
                    {"type": "object", "properties": {"name": {"type": "string"}}},
                ]},
            }),
        );
        assert_eq!(got["by_mapping"], json!({"kind": "Cat", "lives": 9}));
        assert_eq!(got["by_name"], json!({"kind": "dog"}));
        // `name` is required by one part and declared by another.
        assert_eq!(got["merged"], json!({"kind": "string", "name": "string"}));
    }
}
