//! Whether a value conforms to a schema of the description, as a validating server reads it:
//! type (and `nullable`), `enum`, bounds, `multipleOf`, lengths, `pattern`, the formats the
//! placeholders use, list items and their count and uniqueness, required fields, declared and
//! additional properties, and `oneOf` (exactly one branch), `anyOf`, `allOf` and `not`.
//!
//! The synthesizer holds every value it makes to this check, and every example the
//! description writes, so that a call never sends what its description forbids.

use std::cell::RefCell;
use std::collections::HashMap;

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
use regex::Regex;
use serde_json::Value;

/// How deep a value is followed: far beyond any value the synthesizer makes.
const MAX_DEPTH: usize = 64;

/// Every constraint of one schema, whichever way the description spelled it (a typed schema
/// or one that mixes keywords).
pub(super) struct Facets<'o> {
    pub typ: Option<&'o str>,
    pub nullable: bool,
    /// The allowed values; empty when any is.
    pub enumeration: Vec<Value>,
    pub format: Option<String>,
    pub pattern: Option<&'o str>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
    pub properties: Option<&'o IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub required: &'o [String],
    pub additional: Option<&'o AdditionalProperties>,
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
    pub items: Option<&'o ReferenceOr<Box<Schema>>>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    pub one_of: &'o [ReferenceOr<Schema>],
    pub any_of: &'o [ReferenceOr<Schema>],
    pub all_of: &'o [ReferenceOr<Schema>],
    pub not: Option<&'o ReferenceOr<Schema>>,
}

impl<'o> Facets<'o> {
    pub(super) fn of(schema: &'o Schema) -> Facets<'o> {
        let mut facets = Facets {
            typ: None,
            nullable: schema.schema_data.nullable,
            enumeration: Vec::new(),
            format: None,
            pattern: None,
            min_length: None,
            max_length: None,
            minimum: None,
            maximum: None,
            exclusive_minimum: false,
            exclusive_maximum: false,
            multiple_of: None,
            properties: None,
            required: &[],
            additional: None,
            min_properties: None,
            max_properties: None,
            items: None,
            min_items: None,
            max_items: None,
            unique_items: false,
            one_of: &[],
            any_of: &[],
            all_of: &[],
            not: None,
        };
        fn listed<T>(values: &[Option<T>], to_json: impl Fn(&T) -> Value) -> Vec<Value> {
            values
                .iter()
                .map(|v| v.as_ref().map_or(Value::Null, &to_json))
                .collect()
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                facets.typ = Some("string");
                facets.enumeration = listed(&s.enumeration, |v| Value::String(v.clone()));
                facets.format = string_format(&s.format);
                facets.pattern = s.pattern.as_deref();
                facets.min_length = s.min_length;
                facets.max_length = s.max_length;
            }
            SchemaKind::Type(Type::Number(n)) => {
                facets.typ = Some("number");
                facets.enumeration = listed(&n.enumeration, |v| serde_json::json!(v));
                facets.minimum = n.minimum;
                facets.maximum = n.maximum;
                facets.exclusive_minimum = n.exclusive_minimum;
                facets.exclusive_maximum = n.exclusive_maximum;
                facets.multiple_of = n.multiple_of;
            }
            SchemaKind::Type(Type::Integer(i)) => {
                facets.typ = Some("integer");
                facets.enumeration = listed(&i.enumeration, |v| serde_json::json!(v));
                facets.minimum = i.minimum.map(|m| m as f64);
                facets.maximum = i.maximum.map(|m| m as f64);
                facets.exclusive_minimum = i.exclusive_minimum;
                facets.exclusive_maximum = i.exclusive_maximum;
                facets.multiple_of = i.multiple_of.map(|m| m as f64);
            }
            SchemaKind::Type(Type::Boolean(b)) => {
                facets.typ = Some("boolean");
                facets.enumeration = listed(&b.enumeration, |v| Value::Bool(*v));
            }
            SchemaKind::Type(Type::Array(a)) => {
                facets.typ = Some("array");
                facets.items = a.items.as_ref();
                facets.min_items = a.min_items;
                facets.max_items = a.max_items;
                facets.unique_items = a.unique_items;
            }
            SchemaKind::Type(Type::Object(o)) => {
                facets.typ = Some("object");
                facets.properties = Some(&o.properties);
                facets.required = &o.required;
                facets.additional = o.additional_properties.as_ref();
                facets.min_properties = o.min_properties;
                facets.max_properties = o.max_properties;
            }
            SchemaKind::OneOf { one_of } => facets.one_of = one_of,
            SchemaKind::AnyOf { any_of } => facets.any_of = any_of,
            SchemaKind::AllOf { all_of } => facets.all_of = all_of,
            SchemaKind::Not { not } => facets.not = Some(not),
            SchemaKind::Any(any) => {
                facets.typ = any.typ.as_deref();
                facets.enumeration = any.enumeration.clone();
                facets.format = any.format.clone().filter(|f| !f.is_empty());
                facets.pattern = any.pattern.as_deref();
                facets.min_length = any.min_length;
                facets.max_length = any.max_length;
                facets.minimum = any.minimum;
                facets.maximum = any.maximum;
                facets.exclusive_minimum = any.exclusive_minimum.unwrap_or(false);
                facets.exclusive_maximum = any.exclusive_maximum.unwrap_or(false);
                facets.multiple_of = any.multiple_of;
                facets.properties = (!any.properties.is_empty()).then_some(&any.properties);
                facets.required = &any.required;
                facets.additional = any.additional_properties.as_ref();
                facets.min_properties = any.min_properties;
                facets.max_properties = any.max_properties;
                facets.items = any.items.as_ref();
                facets.min_items = any.min_items;
                facets.max_items = any.max_items;
                facets.unique_items = any.unique_items.unwrap_or(false);
                facets.one_of = &any.one_of;
                facets.any_of = &any.any_of;
                facets.all_of = &any.all_of;
                facets.not = any.not.as_deref();
            }
        }
        facets
    }
}

fn string_format(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<String> {
    Some(
        match format {
            VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date",
            VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "date-time",
            VariantOrUnknownOrEmpty::Item(StringFormat::Password) => "password",
            VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => "byte",
            VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => "binary",
            VariantOrUnknownOrEmpty::Unknown(other) => other.as_str(),
            VariantOrUnknownOrEmpty::Empty => return None,
        }
        .to_owned(),
    )
}

/// Checks values against the schemas of one description.
pub(super) struct Conformance<'o> {
    pub(super) openapi: &'o openapiv3::OpenAPI,
}

thread_local! {
    /// Each `pattern` compiled once, for every call of every description this thread reads:
    /// a large description repeats the same few patterns in hundreds of schemas, and
    /// compiling one costs far more than checking a value against it.
    static COMPILED: RefCell<HashMap<String, Option<Regex>>> = RefCell::default();
}

/// Whether `text` matches `pattern`; `None` for a pattern the `regex` crate cannot read (it
/// is then not checked, and the synthesizer says so where it needs to meet it).
///
/// The compiled pattern is used in place, never cloned: a clone of a `Regex` starts with an
/// empty search cache, which costs more to fill than the match itself.
pub(super) fn matches(pattern: &str, text: &str) -> Option<bool> {
    COMPILED.with(|compiled| {
        let mut compiled = compiled.borrow_mut();
        if !compiled.contains_key(pattern) {
            compiled.insert(pattern.to_owned(), Regex::new(pattern).ok());
        }
        compiled[pattern].as_ref().map(|regex| regex.is_match(text))
    })
}

impl<'o> Conformance<'o> {
    pub(super) fn new(openapi: &'o openapiv3::OpenAPI) -> Self {
        Conformance { openapi }
    }

    /// The component schema `reference` names.
    pub(super) fn resolve(&self, reference: &str) -> Option<&'o Schema> {
        let mut reference = reference;
        // An alias names another component; a few steps cover every real chain.
        for _ in 0..16 {
            let name = reference.strip_prefix("#/components/schemas/")?;
            match self.openapi.components.as_ref()?.schemas.get(name)? {
                ReferenceOr::Item(schema) => return Some(schema),
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
        None
    }

    pub(super) fn schema_of(&self, schema: &'o ReferenceOr<Schema>) -> Option<&'o Schema> {
        match schema {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => self.resolve(reference),
        }
    }

    pub(super) fn boxed_schema_of(&self, schema: &'o ReferenceOr<Box<Schema>>) -> Option<&'o Schema> {
        match schema {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => self.resolve(reference),
        }
    }

    /// What is wrong with `value` for `schema`, first problem only; `None` when it conforms.
    pub(super) fn problem(&self, schema: &'o ReferenceOr<Schema>, value: &Value) -> Option<String> {
        let schema = self.schema_of(schema)?;
        self.check(schema, value, "", 0).err()
    }

    /// [`Conformance::problem`] for a schema already resolved.
    pub(super) fn problem_in(&self, schema: &'o Schema, value: &Value) -> Option<String> {
        self.check(schema, value, "", 0).err()
    }

    pub(super) fn fits(&self, schema: &'o ReferenceOr<Schema>, value: &Value) -> bool {
        self.problem(schema, value).is_none()
    }

    fn check(&self, schema: &'o Schema, value: &Value, at: &str, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let here = || {
            if at.is_empty() {
                "the value".to_owned()
            } else {
                format!("`{at}`")
            }
        };
        let facets = Facets::of(schema);
        if value.is_null() {
            // `null` is allowed where `nullable` says so, in an enum that lists it, or where
            // no type is given.
            let listed = facets.enumeration.iter().any(Value::is_null);
            if facets.nullable || listed || (facets.typ.is_none() && facets.enumeration.is_empty()) {
                return Ok(());
            }
            return Err(format!("{} is null, which the schema does not allow", here()));
        }
        if let Some(typ) = facets.typ {
            let fits = match typ {
                "string" => value.is_string(),
                "number" => value.is_number(),
                "integer" => value.as_f64().is_some_and(|n| n.fract() == 0.0),
                "boolean" => value.is_boolean(),
                "array" => value.is_array(),
                "object" => value.is_object(),
                _ => true,
            };
            if !fits {
                return Err(format!("{} should be of type {typ}, found {}", here(), kind_of(value)));
            }
        }
        if !facets.enumeration.is_empty() && !facets.enumeration.iter().any(|allowed| same(allowed, value)) {
            return Err(format!("{} is {value}, not one of the values its `enum` lists", here()));
        }
        match value {
            Value::String(text) => self.string(&facets, text).map_err(|why| format!("{} {why}", here()))?,
            Value::Number(n) => {
                number(&facets, n.as_f64().unwrap_or_default()).map_err(|why| format!("{} {why}", here()))?
            }
            Value::Array(items) => {
                let count = items.len();
                if facets.min_items.is_some_and(|min| count < min) || facets.max_items.is_some_and(|max| count > max) {
                    return Err(format!("{} has {count} items, outside `minItems`/`maxItems`", here()));
                }
                if facets.unique_items
                    && items
                        .iter()
                        .enumerate()
                        .any(|(i, a)| items[..i].iter().any(|b| same(a, b)))
                {
                    return Err(format!("{} repeats an item, which `uniqueItems` forbids", here()));
                }
                if let Some(item_schema) = facets.items.and_then(|s| self.boxed_schema_of(s)) {
                    for (i, item) in items.iter().enumerate() {
                        self.check(item_schema, item, &format!("{at}/{i}"), depth + 1)?;
                    }
                }
            }
            Value::Object(object) => {
                for name in facets.required {
                    if !object.contains_key(name) {
                        return Err(format!("{} lacks the required property `{name}`", here()));
                    }
                }
                let count = object.len();
                if facets.min_properties.is_some_and(|min| count < min)
                    || facets.max_properties.is_some_and(|max| count > max)
                {
                    return Err(format!(
                        "{} has {count} properties, outside `minProperties`/`maxProperties`",
                        here()
                    ));
                }
                for (name, field) in object {
                    let at = format!("{at}/{}", crate::diagnostics::pointer_token(name));
                    match facets.properties.and_then(|p| p.get(name)) {
                        Some(property) => {
                            if let Some(property) = self.boxed_schema_of(property) {
                                self.check(property, field, &at, depth + 1)?;
                            }
                        }
                        None => match facets.additional {
                            Some(AdditionalProperties::Any(false)) => {
                                return Err(format!("`{at}` is not a property the schema allows"));
                            }
                            Some(AdditionalProperties::Schema(values)) => {
                                if let Some(values) = self.schema_of(values) {
                                    self.check(values, field, &at, depth + 1)?;
                                }
                            }
                            _ => {}
                        },
                    }
                }
            }
            Value::Bool(_) | Value::Null => {}
        }
        for (i, part) in facets.all_of.iter().enumerate() {
            if let Some(part) = self.schema_of(part) {
                self.check(part, value, at, depth + 1)
                    .map_err(|why| format!("{why} (in `allOf` part {i})"))?;
            }
        }
        if !facets.any_of.is_empty() && !self.branches(facets.any_of, value, at, depth).iter().any(|fits| *fits) {
            return Err(format!("{} matches no branch of its `anyOf`", here()));
        }
        if !facets.one_of.is_empty() {
            let matched = self
                .branches(facets.one_of, value, at, depth)
                .iter()
                .filter(|fits| **fits)
                .count();
            if matched != 1 {
                return Err(format!(
                    "{} matches {matched} branches of its `oneOf`, not exactly one",
                    here()
                ));
            }
        }
        if let Some(not) = facets.not.and_then(|n| self.schema_of(n)) {
            if self.check(not, value, at, depth + 1).is_ok() {
                return Err(format!("{} matches the schema its `not` forbids", here()));
            }
        }
        Ok(())
    }

    fn branches(&self, branches: &'o [ReferenceOr<Schema>], value: &Value, at: &str, depth: usize) -> Vec<bool> {
        branches
            .iter()
            .map(|branch| {
                self.schema_of(branch)
                    .map_or(true, |branch| self.check(branch, value, at, depth + 1).is_ok())
            })
            .collect()
    }

    fn string(&self, facets: &Facets<'_>, text: &str) -> Result<(), String> {
        // A validating server counts UTF-16 code units, as JavaScript does.
        let length = text.encode_utf16().count();
        if facets.min_length.is_some_and(|min| length < min) {
            return Err(format!(
                "is shorter than its `minLength` {}",
                facets.min_length.unwrap_or_default()
            ));
        }
        if facets.max_length.is_some_and(|max| length > max) {
            return Err(format!(
                "is longer than its `maxLength` {}",
                facets.max_length.unwrap_or_default()
            ));
        }
        if let Some(pattern) = facets.pattern {
            if matches(pattern, text) == Some(false) {
                return Err(format!("does not match its `pattern` `{pattern}`"));
            }
        }
        match facets.format.as_deref().and_then(format_pattern) {
            Some((format, shape)) if matches(shape, text) != Some(true) => Err(format!("is not a `{format}`")),
            _ => Ok(()),
        }
    }
}

/// The shape a string of a checked format takes, as the validators' format checks read it.
fn format_pattern(format: &str) -> Option<(&str, &'static str)> {
    let shape = match format {
        "date" => r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
        "date-time" => {
            r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):?[0-5]\d)$"
        }
        "uuid" => r"^(?i:urn:uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        "email" => r"^[^\s@]+@[^\s@]+\.[^\s@]+$",
        "ipv4" => r"^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$",
        "uri" | "url" => r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]*$",
        "byte" => r"^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
        _ => return None,
    };
    Some((format, shape))
}

fn number(facets: &Facets<'_>, n: f64) -> Result<(), String> {
    if let Some(min) = facets.minimum {
        if n < min || (facets.exclusive_minimum && n == min) {
            return Err(format!("is {n}, below its `minimum` {min}"));
        }
    }
    if let Some(max) = facets.maximum {
        if n > max || (facets.exclusive_maximum && n == max) {
            return Err(format!("is {n}, above its `maximum` {max}"));
        }
    }
    if let Some(step) = facets.multiple_of.filter(|m| *m > 0.0) {
        if !is_multiple(n, step) {
            return Err(format!("is {n}, not a multiple of its `multipleOf` {step}"));
        }
    }
    Ok(())
}

/// Whether `n` is a whole multiple of `step`, allowing for the rounding of decimal fractions.
pub(super) fn is_multiple(n: f64, step: f64) -> bool {
    let ratio = n / step;
    (ratio - ratio.round()).abs() < 1e-9
}

/// JSON equality, numbers compared by value (`1` and `1.0` are the same).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, a)| y.get(k).is_some_and(|b| same(a, b)))
        }
        _ => a == b,
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn description(schemas: Value) -> openapiv3::OpenAPI {
        serde_json::from_value(json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": schemas},
        }))
        .unwrap()
    }

    /// Whether `value` conforms to the component `name`.
    fn fits(openapi: &openapiv3::OpenAPI, name: &str, value: Value) -> bool {
        let schema = ReferenceOr::ref_(&format!("#/components/schemas/{name}"));
        Conformance::new(openapi).fits(&schema, &value)
    }

    #[test]
    fn scalars_are_held_to_type_enum_bounds_lengths_pattern_and_format() {
        let openapi = description(json!({
            "text": {"type": "string", "minLength": 2, "maxLength": 4, "pattern": "^[a-z]+$"},
            "level": {"type": "integer", "minimum": 1, "maximum": 10, "exclusiveMaximum": true, "multipleOf": 3},
            "price": {"type": "number", "multipleOf": 0.01},
            "kind": {"type": "string", "enum": ["a", "b"]},
            "day": {"type": "string", "format": "date"},
            "maybe": {"type": "string", "nullable": true},
        }));
        assert!(fits(&openapi, "text", json!("abc")));
        assert!(!fits(&openapi, "text", json!("a")));
        assert!(!fits(&openapi, "text", json!("abcde")));
        assert!(!fits(&openapi, "text", json!("ab1")));
        assert!(!fits(&openapi, "text", json!(12)));
        assert!(fits(&openapi, "level", json!(9)));
        assert!(!fits(&openapi, "level", json!(0)));
        assert!(!fits(&openapi, "level", json!(4)));
        assert!(!fits(&openapi, "level", json!(3.5)));
        assert!(fits(&openapi, "price", json!(0.07)));
        assert!(!fits(&openapi, "price", json!(0.005)));
        assert!(fits(&openapi, "kind", json!("b")));
        assert!(!fits(&openapi, "kind", json!("c")));
        assert!(fits(&openapi, "day", json!("2024-01-31")));
        assert!(!fits(&openapi, "day", json!("yesterday")));
        assert!(fits(&openapi, "maybe", Value::Null));
        assert!(!fits(&openapi, "text", Value::Null));
    }

    #[test]
    fn lists_and_objects_are_held_to_their_items_and_properties() {
        let openapi = description(json!({
            "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2, "uniqueItems": true},
            "pet": {"type": "object", "required": ["name"], "additionalProperties": false,
                    "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}},
            "labels": {"type": "object", "additionalProperties": {"type": "integer"}},
        }));
        assert!(fits(&openapi, "tags", json!(["a", "b"])));
        assert!(!fits(&openapi, "tags", json!(["a"])));
        assert!(!fits(&openapi, "tags", json!(["a", "a"])));
        assert!(!fits(&openapi, "tags", json!(["a", 1])));
        assert!(fits(&openapi, "pet", json!({"name": "Rex", "age": 3})));
        assert!(!fits(&openapi, "pet", json!({"age": 3})));
        assert!(!fits(&openapi, "pet", json!({"name": "Rex", "age": "old"})));
        assert!(!fits(&openapi, "pet", json!({"name": "Rex", "color": "red"})));
        assert!(fits(&openapi, "labels", json!({"x": 1})));
        assert!(!fits(&openapi, "labels", json!({"x": "1"})));
    }

    #[test]
    fn one_of_needs_exactly_one_branch_and_the_others_their_own_rule() {
        let openapi = description(json!({
            "cat": {"type": "object", "required": ["lives"], "properties": {"lives": {"type": "integer"}}},
            "dog": {"type": "object", "properties": {"bark": {"type": "boolean"}}},
            "either": {"oneOf": [{"$ref": "#/components/schemas/cat"}, {"$ref": "#/components/schemas/dog"}]},
            "any": {"anyOf": [{"$ref": "#/components/schemas/cat"}, {"$ref": "#/components/schemas/dog"}]},
            "both": {"allOf": [{"$ref": "#/components/schemas/cat"}, {"required": ["bark"]}]},
            "not_text": {"not": {"type": "string"}},
        }));
        // `{lives: 9}` is a cat, and a dog too (a dog allows any other property).
        assert!(!fits(&openapi, "either", json!({"lives": 9})));
        assert!(fits(&openapi, "either", json!({"lives": 9, "bark": "no"})));
        assert!(fits(&openapi, "either", json!({"bark": true})));
        assert!(fits(&openapi, "any", json!({"lives": 9})));
        assert!(!fits(&openapi, "any", json!({"bark": 1})));
        assert!(fits(&openapi, "both", json!({"lives": 9, "bark": true})));
        assert!(!fits(&openapi, "both", json!({"lives": 9})));
        assert!(fits(&openapi, "not_text", json!(1)));
        assert!(!fits(&openapi, "not_text", json!("x")));
    }
}
