//! The Rust tab's output: a `{:#?}`-like view of the result, typed by the model. Fields that
//! are optional or nullable in the model print as `Some(…)`/`None`, enum values as their
//! PascalCase variant, and a resource that omits fields of its type ends with `..`, as
//! `Debug` prints a non-exhaustive struct. `()` when the endpoint returns nothing.

use std::collections::HashMap;

use serde_json::Value;

use super::{pascal, Shown};
use crate::model::{NamedType, TypeKind, TypeRef};

const INDENT: &str = "    ";

/// The named types, by id.
pub type Types<'a> = HashMap<&'a str, &'a NamedType>;

/// What the call returns.
pub fn output(shown: Option<&Shown>, types: &Types) -> String {
    match shown {
        None => "()".to_owned(),
        Some(shown) => {
            let mut out = String::new();
            value(&mut out, shown.resource(), Some(shown.ty), types, 0);
            out
        }
    }
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str(INDENT);
    }
}

/// Writes `v` as a value of type `ty` (`None`: untyped).
fn value(out: &mut String, v: &Value, ty: Option<&TypeRef>, types: &Types, level: usize) {
    match (ty, v) {
        (_, Value::Null) => out.push_str("None"),
        (Some(TypeRef::Named { id }), _) => named(out, v, id, types, level),
        (Some(TypeRef::Array { items }), Value::Array(list)) => array(out, list, Some(items), types, level),
        (Some(TypeRef::Map { values }), Value::Object(map)) => {
            let entries: Vec<(String, &Value, Option<&TypeRef>)> = map
                .iter()
                .map(|(k, v)| (format!("{k:?}: "), v, Some(values.as_ref())))
                .collect();
            block(out, "{", "}", &entries, false, types, level);
        }
        (_, Value::Array(list)) => array(out, list, None, types, level),
        (_, Value::Object(map)) => {
            let entries: Vec<(String, &Value, Option<&TypeRef>)> =
                map.iter().map(|(k, v)| (format!("{k:?}: "), v, None)).collect();
            block(out, "{", "}", &entries, false, types, level);
        }
        (_, Value::String(s)) => out.push_str(&format!("{s:?}")),
        (_, scalar) => out.push_str(&scalar.to_string()),
    }
}

fn named(out: &mut String, v: &Value, id: &str, types: &Types, level: usize) {
    match (types.get(id).map(|t| &t.kind), v) {
        (Some(TypeKind::Enum { .. }), Value::String(s)) => out.push_str(&pascal(s)),
        (Some(TypeKind::Object { fields }), Value::Object(map)) => {
            let entries: Vec<(String, &Value, Option<&TypeRef>)> = map
                .iter()
                .map(|(k, v)| match fields.iter().find(|f| &f.name == k) {
                    Some(f) if (f.required && !f.nullable) || v.is_null() => (format!("{k}: "), v, Some(&f.ty)),
                    Some(f) => (format!("{k}: Some("), v, Some(&f.ty)),
                    None => (format!("{k}: "), v, None),
                })
                .collect();
            let complete = fields.iter().all(|f| map.contains_key(&f.name));
            block(
                out,
                &format!("{} {{", pascal(id)),
                "}",
                &entries,
                !complete,
                types,
                level,
            );
        }
        (
            Some(TypeKind::Union {
                discriminator,
                variants,
            }),
            Value::Object(_),
        ) => {
            let tag = v.get(discriminator).and_then(Value::as_str);
            match variants.iter().find(|variant| Some(variant.tag.as_str()) == tag) {
                Some(variant) => named(out, v, &variant.ty, types, level),
                None => value(out, v, None, types, level),
            }
        }
        _ => value(out, v, None, types, level),
    }
}

fn array(out: &mut String, list: &[Value], items: Option<&TypeRef>, types: &Types, level: usize) {
    let entries: Vec<(String, &Value, Option<&TypeRef>)> = list.iter().map(|v| (String::new(), v, items)).collect();
    block(out, "[", "]", &entries, false, types, level);
}

/// Writes a multi-line block; an entry whose prefix opens `Some(` is closed after its value.
fn block(
    out: &mut String,
    open: &str,
    close: &str,
    entries: &[(String, &Value, Option<&TypeRef>)],
    non_exhaustive: bool,
    types: &Types,
    level: usize,
) {
    out.push_str(open);
    if entries.is_empty() && !non_exhaustive {
        out.push_str(close);
        return;
    }
    out.push('\n');
    for (prefix, v, ty) in entries {
        indent(out, level + 1);
        out.push_str(prefix);
        value(out, v, *ty, types, level + 1);
        if prefix.ends_with("Some(") {
            out.push(')');
        }
        out.push_str(",\n");
    }
    if non_exhaustive {
        indent(out, level + 1);
        out.push_str("..\n");
    }
    indent(out, level);
    out.push_str(close);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Property, TypeKind};
    use serde_json::json;

    fn field(name: &str, ty: TypeRef, required: bool, nullable: bool) -> Property {
        Property {
            name: name.to_owned(),
            ty,
            required,
            nullable,
            description: String::new(),
            deprecated: None,
            undocumented: None,
            default: None,
        }
    }

    #[test]
    fn typed_debug_view() {
        let string = TypeRef::String { format: String::new() };
        let user = NamedType {
            id: "acs_user".to_owned(),
            component: true,
            description: String::new(),
            deprecated: None,
            kind: TypeKind::Object {
                fields: vec![
                    field("acs_user_id", string.clone(), true, false),
                    field("email", string.clone(), false, false),
                    field("phone", string.clone(), true, true),
                    field("kind", TypeRef::named("acs_user_kind"), true, false),
                    field(
                        "tags",
                        TypeRef::Array {
                            items: Box::new(string.clone()),
                        },
                        true,
                        false,
                    ),
                    field("extra", string, false, false),
                ],
            },
        };
        let kind = NamedType {
            id: "acs_user_kind".to_owned(),
            component: false,
            description: String::new(),
            deprecated: None,
            kind: TypeKind::Enum {
                values: vec!["salto_site_user".to_owned()],
            },
        };
        let types: Types = [("acs_user", &user), ("acs_user_kind", &kind)].into_iter().collect();
        let body = json!({"acs_user": {
            "acs_user_id": "a\"b", "email": "e", "phone": null, "kind": "salto_site_user", "tags": []
        }});
        let ty = TypeRef::named("acs_user");
        let shown = Shown {
            key: "acs_user",
            body: &body,
            ty: &ty,
            elide: None,
        };
        assert_eq!(
            output(Some(&shown), &types),
            "AcsUser {\n    acs_user_id: \"a\\\"b\",\n    email: Some(\"e\"),\n    phone: None,\n    \
             kind: SaltoSiteUser,\n    tags: [],\n    ..\n}"
        );
        assert_eq!(output(None, &types), "()");
    }
}
