//! What a sample's call returns, printed as `{:#?}` prints it: the Rust tab's Output.
//!
//! The value is decoded the way the client decodes it, with the client's own names: structs
//! list every field they declare, in declaration order (an absent optional field is `None`,
//! a present one `Some(…)`, a dropped discriminator not at all), enum values are their
//! variants (`Other(…)` when unknown), unions wrap their variant's struct, boxes are
//! transparent, maps are sorted, and untyped values are `serde_json::Value`s. The generated
//! tests compare this text with `format!("{:#?}", result)`, so the two cannot drift.

use serde_json::Value;

use super::types::{FieldRole, TypeSpace};
use crate::model::{Response, TypeKind, TypeRef};

/// The result of a call typed `ty` that received `value`, as `{:#?}` prints it.
pub fn debug_view(space: &TypeSpace, ty: &TypeRef, value: &Value) -> String {
    let mut out = String::new();
    typed(space, ty, value, 0).print(&mut out);
    out
}

/// A value as `Debug` sees it: the shapes of `std::fmt`'s debug builders.
enum Shape {
    /// Printed as is: a number, a string literal, a unit variant, `None`.
    Atom(String),
    /// `Name { field: value, … }`; only `Name` without fields.
    Struct(String, Vec<(String, Shape)>),
    /// `Name(value, …)`; only `Name` without values.
    Tuple(String, Vec<Shape>),
    /// `prefix[item, …]`.
    List(&'static str, Vec<Shape>),
    /// `prefix{key: value, …}`.
    Map(&'static str, Vec<(String, Shape)>),
}

/// How deep a value may nest before the rest is shown untyped; the client's decoder has no
/// limit, but a sample deeper than this is not a sample anyone reads.
const MAX_DEPTH: usize = 128;

/// What a call's result prints as with `{:#?}` when the response holds `value`: an optional
/// result (a whole body that may be `null`) is `None` or `Some(…)`.
pub fn result_view(space: &TypeSpace, response: &Response, value: &Value) -> String {
    let Some(ty) = response.ty() else {
        return "()".to_owned();
    };
    let shape = match (response.is_optional(), value) {
        (false, _) => typed(space, ty, value, 0),
        (true, Value::Null) => Shape::Atom("None".to_owned()),
        (true, _) => Shape::Tuple("Some".to_owned(), vec![typed(space, ty, value, 1)]),
    };
    let mut out = String::new();
    shape.print(&mut out);
    out
}

fn typed(space: &TypeSpace, ty: &TypeRef, value: &Value, depth: usize) -> Shape {
    if depth > MAX_DEPTH {
        return untyped(value);
    }
    match (ty, value) {
        (TypeRef::String { .. }, Value::String(s)) => Shape::Atom(format!("{s:?}")),
        (TypeRef::Integer, Value::Number(n)) if n.is_i64() => Shape::Atom(n.to_string()),
        (TypeRef::Number, Value::Number(n)) => Shape::Atom(format!("{:?}", n.as_f64().unwrap_or_default())),
        (TypeRef::Boolean, Value::Bool(b)) => Shape::Atom(b.to_string()),
        (TypeRef::Array { items, items_nullable }, Value::Array(list)) => Shape::List(
            "",
            list.iter()
                .map(|v| element(space, items, *items_nullable, v, depth + 1))
                .collect(),
        ),
        (
            TypeRef::Map {
                values,
                values_nullable,
            },
            Value::Object(map),
        ) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Shape::Map(
                "",
                entries
                    .into_iter()
                    .map(|(k, v)| (format!("{k:?}"), element(space, values, *values_nullable, v, depth + 1)))
                    .collect(),
            )
        }
        (TypeRef::Named { id }, _) => named(space, id, value, depth),
        _ => untyped(value),
    }
}

/// A list's item or a map's value: `None` or `Some(…)` where one may be `null`.
fn element(space: &TypeSpace, ty: &TypeRef, nullable: bool, value: &Value, depth: usize) -> Shape {
    match (nullable, value) {
        (false, _) => typed(space, ty, value, depth),
        (true, Value::Null) => Shape::Atom("None".to_owned()),
        (true, _) => Shape::Tuple("Some".to_owned(), vec![typed(space, ty, value, depth)]),
    }
}

fn named(space: &TypeSpace, id: &str, value: &Value, depth: usize) -> Shape {
    let Some(info) = space.types.get(id).filter(|t| t.emitted) else {
        return untyped(value);
    };
    match (&info.ty.kind, value) {
        (TypeKind::Object { .. }, Value::Object(map)) => {
            let fields = info
                .fields
                .iter()
                .filter(|f| f.role != FieldRole::Dropped)
                .map(|f| {
                    let name = super::names::bare(&f.ident).to_owned();
                    let shape = match map.get(&f.prop.name) {
                        None | Some(Value::Null) => Shape::Atom("None".to_owned()),
                        Some(v) => {
                            let inner = match f.role {
                                FieldRole::Tag => untyped_string(v),
                                _ => typed(space, &f.prop.ty, v, depth + 1),
                            };
                            if f.optional {
                                Shape::Tuple("Some".to_owned(), vec![inner])
                            } else {
                                inner
                            }
                        }
                    };
                    (name, shape)
                })
                .collect();
            Shape::Struct(info.name.clone(), fields)
        }
        (TypeKind::Enum { .. }, Value::String(s)) => match info.variants.iter().find(|v| v.wire == s) {
            Some(variant) => Shape::Atom(variant.ident.clone()),
            None => Shape::Tuple("Other".to_owned(), vec![Shape::Atom(format!("{s:?}"))]),
        },
        (TypeKind::Union { discriminator, .. }, Value::Object(map)) => {
            let tag = map.get(discriminator).and_then(Value::as_str);
            let variant = info.variants.iter().find(|v| Some(v.wire) == tag);
            match variant.and_then(|v| v.ty.map(|ty| (v, ty))) {
                Some((variant, ty)) => {
                    let inner = named(space, ty, value, depth + 1);
                    Shape::Tuple(variant.ident.clone(), vec![inner])
                }
                None => Shape::Tuple("Unknown".to_owned(), vec![untyped(value)]),
            }
        }
        _ => untyped(value),
    }
}

/// A discriminator kept as a plain `String` field.
fn untyped_string(value: &Value) -> Shape {
    match value {
        Value::String(s) => Shape::Atom(format!("{s:?}")),
        other => untyped(other),
    }
}

/// A `serde_json::Value`, as its own `Debug` prints it (objects in the order received: the
/// client enables `preserve_order`).
fn untyped(value: &Value) -> Shape {
    match value {
        Value::Null => Shape::Atom("Null".to_owned()),
        Value::Bool(b) => Shape::Atom(format!("Bool({b})")),
        Value::Number(n) => Shape::Atom(format!("{n:?}")),
        Value::String(s) => Shape::Atom(format!("String({s:?})")),
        Value::Array(list) => Shape::List("Array ", list.iter().map(untyped).collect()),
        Value::Object(map) => Shape::Map(
            "Object ",
            map.iter().map(|(k, v)| (format!("{k:?}"), untyped(v))).collect(),
        ),
    }
}

impl Shape {
    /// Writes the shape as the alternate (`#`) form of `Debug` does: one entry a line, each
    /// indented four spaces deeper than its container, every entry followed by a comma.
    fn print(&self, out: &mut String) {
        match self {
            Shape::Atom(text) => out.push_str(text),
            Shape::Struct(name, fields) if fields.is_empty() => out.push_str(name),
            Shape::Struct(name, fields) => {
                let labelled = fields.iter().map(|(field, value)| (format!("{field}: "), value));
                container(out, &format!("{name} {{"), '}', labelled);
            }
            Shape::Tuple(name, items) if items.is_empty() => out.push_str(name),
            Shape::Tuple(name, items) => {
                container(
                    out,
                    &format!("{name}("),
                    ')',
                    items.iter().map(|item| (String::new(), item)),
                );
            }
            Shape::List(prefix, items) if items.is_empty() => out.push_str(&format!("{prefix}[]")),
            Shape::List(prefix, items) => {
                container(
                    out,
                    &format!("{prefix}["),
                    ']',
                    items.iter().map(|item| (String::new(), item)),
                );
            }
            Shape::Map(prefix, entries) if entries.is_empty() => out.push_str(&format!("{prefix}{{}}")),
            Shape::Map(prefix, entries) => {
                let labelled = entries.iter().map(|(key, value)| (format!("{key}: "), value));
                container(out, &format!("{prefix}{{"), '}', labelled);
            }
        }
    }
}

/// A container that holds entries: `open`, one labelled entry a line, `close`.
fn container<'s>(out: &mut String, open: &str, close: char, entries: impl Iterator<Item = (String, &'s Shape)>) {
    out.push_str(open);
    out.push('\n');
    for (label, value) in entries {
        entry(out, &label, value);
    }
    out.push(close);
}

/// One entry of a container: `label` then the value, every line indented by four spaces.
fn entry(out: &mut String, label: &str, value: &Shape) {
    let mut text = String::from(label);
    value.print(&mut text);
    for line in text.split_inclusive('\n') {
        out.push_str("    ");
        out.push_str(line);
    }
    out.push_str(",\n");
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::Api;

    fn api(yaml: &str) -> Api {
        let spec = crate::load::load_spec_text("inline.yaml", yaml).unwrap_or_else(|d| panic!("{d}"));
        let (api, _) =
            crate::model::build(&spec, Vec::new(), crate::BuildOptions::default()).unwrap_or_else(|d| panic!("{d}"));
        api
    }

    const SPEC: &str = r#"
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /things/get:
    post:
      x-response-key: thing
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  thing: {$ref: '#/components/schemas/thing'}
components:
  schemas:
    thing:
      type: object
      required: [id, kind, size, attempt]
      properties:
        id: {type: string}
        type: {type: string}
        note: {type: string, nullable: true}
        kind: {type: string, enum: [small_box, big_box]}
        size: {type: number}
        count: {type: integer}
        labels: {type: object, additionalProperties: {type: string}}
        extra: {}
        attempt: {$ref: '#/components/schemas/attempt'}
    attempt:
      discriminator: {propertyName: action_type}
      oneOf:
        - type: object
          required: [action_type, status]
          properties:
            action_type: {type: string, enum: [unlock_door]}
            status: {type: string}
        - type: object
          required: [action_type]
          properties:
            action_type: {type: string, enum: [lock_door]}
"#;

    fn view(value: serde_json::Value) -> String {
        let api = api(SPEC);
        let space = TypeSpace::without_gates(&api);
        debug_view(&space, &TypeRef::named("thing"), &value)
    }

    #[test]
    fn a_struct_prints_every_declared_field_as_derived_debug_does() {
        let printed = view(json!({
            "id": "t\"1", "type": "x", "kind": "big_box", "size": 5, "count": 2,
            "labels": {"b": "2", "a": "1"}, "extra": {"z": [1, "s", null, true]},
            "attempt": {"action_type": "unlock_door", "status": "pending"}
        }));
        assert_eq!(
            printed,
            r#"Thing {
    id: "t\"1",
    type: Some(
        "x",
    ),
    note: None,
    kind: BigBox,
    size: 5.0,
    count: Some(
        2,
    ),
    labels: Some(
        {
            "a": "1",
            "b": "2",
        },
    ),
    extra: Some(
        Object {
            "z": Array [
                Number(1),
                String("s"),
                Null,
                Bool(true),
            ],
        },
    ),
    attempt: UnlockDoor(
        AttemptUnlockDoor {
            status: "pending",
        },
    ),
}"#
        );
    }

    #[test]
    fn unknown_enum_values_and_union_tags_print_as_their_catch_all() {
        let printed = view(json!({
            "id": "1", "kind": "huge_box", "size": 0.5,
            "attempt": {"action_type": "open_gate", "status": "pending"}
        }));
        assert!(
            printed.contains("    kind: Other(\n        \"huge_box\",\n    ),\n"),
            "{printed}"
        );
        assert!(
            printed.contains(
                "    attempt: Unknown(\n        Object {\n            \"action_type\": String(\"open_gate\"),\n"
            ),
            "{printed}"
        );
        assert!(printed.contains("    size: 0.5,\n"), "{printed}");
    }

    #[test]
    fn lists_and_empty_containers_print_on_one_line_when_empty() {
        let api = api(SPEC);
        let space = TypeSpace::without_gates(&api);
        let list = TypeRef::list_of(TypeRef::String { format: String::new() });
        assert_eq!(debug_view(&space, &list, &json!([])), "[]");
        assert_eq!(debug_view(&space, &list, &json!(["a"])), "[\n    \"a\",\n]");
        assert_eq!(debug_view(&space, &TypeRef::Any, &json!({})), "Object {}");
    }
}
