//! The Rust tab of a sample: exactly the call a downstream crate writes.
//!
//! Types are named without a path, as after `use seam::types::*;`.

use serde_json::{Map, Value};

use super::debug_view::result_view;
use super::layout::{EndpointId, Layout};
use super::names;
use super::rust_type::{rust_type, Scope};
use super::types::{FieldRole, TypeInfo, TypeSpace};
use crate::model::{Api, Endpoint, Response, Sample, TypeKind, TypeRef};

/// Renders the call that `sample` makes with the generated client, as Rust source. To render
/// many samples of one API, make one [`RustSamples`] instead: this analyses the API each time.
pub fn rust_sample(api: &Api, endpoint: &Endpoint, sample: &Sample) -> String {
    RustSamples::new(api).call(endpoint, sample)
}

/// The Rust calls of an API's samples, with the API's types and names analysed once.
pub struct RustSamples<'a> {
    ctx: TypeSpace<'a>,
    layout: Layout,
}

impl<'a> RustSamples<'a> {
    /// Analyses `api`'s types and the client's names.
    pub fn new(api: &'a Api) -> Self {
        RustSamples {
            ctx: TypeSpace::without_gates(api),
            layout: Layout::new(api),
        }
    }

    /// The call that `sample` makes with the generated client, as Rust source; empty for an
    /// endpoint that is not `api`'s.
    pub fn call(&self, endpoint: &Endpoint, sample: &Sample) -> String {
        match self.layout.id_of(endpoint) {
            Some(id) => render_call(&self.ctx, &self.layout, id, &sample.params),
            None => String::new(),
        }
    }

    /// What a call of `endpoint` returns when it receives `result`, as `{:#?}` prints it;
    /// `()` for a call without a result.
    pub fn output(&self, endpoint: &Endpoint, result: Option<&Value>) -> String {
        match result {
            Some(value) => result_view(&self.ctx, &endpoint.response, value),
            None => "()".to_owned(),
        }
    }
}

/// The variable a value-returning sample binds its result to.
pub fn result_variable(endpoint: &Endpoint) -> Option<String> {
    match &endpoint.response {
        Response::Value { key, .. } => Some(names::snake(key)),
        Response::Body { .. } => Some("result".to_owned()),
        Response::Void => None,
    }
}

/// The statement(s) of a call with `params`, ending in `.await?;` and a newline.
pub fn render_call(ctx: &TypeSpace, layout: &Layout, id: EndpointId, params: &Map<String, Value>) -> String {
    let endpoint = id.of(ctx.api);
    let setters = &layout[id].setters;
    let mut out = String::new();
    if let Some(var) = result_variable(endpoint) {
        out.push_str(&format!("let {var} = "));
    }
    out.push_str(&layout.call(ctx.api, id));
    if params.is_empty() {
        out.push_str(".await?;\n");
        return out;
    }
    for (name, value) in params {
        let Some(position) = endpoint.params.iter().position(|p| &p.name == name) else {
            continue;
        };
        let param = &endpoint.params[position];
        let setter = &setters[position];
        match (&setter.null_ident, value) {
            (Some(null), Value::Null) => out.push_str(&format!("\n    .{null}()")),
            _ => {
                let arg = expr(ctx, &param.ty, value, Mode::Arg, 4);
                out.push_str(&format!("\n    .{}({arg})", setter.ident));
            }
        }
    }
    out.push_str("\n    .await?;\n");
    out
}

/// Whether an expression is a setter's argument (`impl Into<String>`, lists as arrays) or an
/// owned value of a struct field.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Arg,
    Owned,
}

fn pad(indent: usize) -> String {
    " ".repeat(indent)
}

/// A Rust expression for `value` of type `ty`; continuation lines are indented from `indent`.
fn expr(ctx: &TypeSpace, ty: &TypeRef, value: &Value, mode: Mode, indent: usize) -> String {
    match (ty, value) {
        (TypeRef::String { .. }, Value::String(s)) => match mode {
            Mode::Arg => names::string_literal(s),
            Mode::Owned => format!("{}.to_owned()", names::string_literal(s)),
        },
        (TypeRef::Integer, Value::Number(n)) => n.to_string(),
        (TypeRef::Number, Value::Number(n)) => float_literal(n),
        (TypeRef::Boolean, Value::Bool(b)) => b.to_string(),
        (TypeRef::Array { items }, Value::Array(list)) => array_expr(ctx, items, list, mode, indent),
        (TypeRef::Map { values }, Value::Object(map)) => {
            if map.is_empty() {
                return "std::collections::BTreeMap::new()".to_owned();
            }
            let inner = indent + 4;
            let mut text = "std::collections::BTreeMap::from([\n".to_owned();
            for (k, v) in map {
                text.push_str(&format!(
                    "{}({}.to_owned(), {}),\n",
                    pad(inner),
                    names::string_literal(k),
                    expr(ctx, values, v, Mode::Owned, inner)
                ));
            }
            text.push_str(&format!("{}])", pad(indent)));
            text
        }
        (TypeRef::Named { id }, _) => match ctx.types.get(id.as_str()).filter(|t| t.emitted) {
            Some(info) => named(ctx, info, value, indent),
            None => json(value),
        },
        _ => json(value),
    }
}

/// A list: an array (a setter's argument) or a `vec!` (an owned value), on one line when it
/// fits.
fn array_expr(ctx: &TypeSpace, items: &TypeRef, list: &[Value], mode: Mode, indent: usize) -> String {
    let item_mode = match (mode, items) {
        (Mode::Arg, TypeRef::Array { .. } | TypeRef::Map { .. } | TypeRef::Any) => Mode::Owned,
        _ => mode,
    };
    if list.is_empty() {
        return match mode {
            Mode::Arg => format!("Vec::<{}>::new()", type_text(ctx, items)),
            Mode::Owned => "Vec::new()".to_owned(),
        };
    }
    let (open, close) = match mode {
        Mode::Arg => ("[", "]"),
        Mode::Owned => ("vec![", "]"),
    };
    let inline: Vec<String> = list.iter().map(|v| expr(ctx, items, v, item_mode, indent)).collect();
    let one_line = format!("{open}{}{close}", inline.join(", "));
    if one_line.len() + indent <= 90 && !one_line.contains('\n') {
        return one_line;
    }
    let inner = indent + 4;
    let mut text = format!("{open}\n");
    for v in list {
        text.push_str(&format!("{}{},\n", pad(inner), expr(ctx, items, v, item_mode, inner)));
    }
    text.push_str(&format!("{}{close}", pad(indent)));
    text
}

fn type_text(ctx: &TypeSpace, ty: &TypeRef) -> String {
    rust_type(ctx, ty, Scope::Types)
        .to_string()
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace(" :: ", "::")
}

fn json(value: &Value) -> String {
    format!(
        "serde_json::json!({})",
        serde_json::to_string(value).unwrap_or_default()
    )
}

fn float_literal(n: &serde_json::Number) -> String {
    let text = n.to_string();
    if text.contains(['.', 'e', 'E']) {
        text
    } else {
        format!("{text}.0")
    }
}

fn named(ctx: &TypeSpace, info: &TypeInfo, value: &Value, indent: usize) -> String {
    let name = &info.name;
    match (&info.ty.kind, value) {
        (TypeKind::Enum { .. }, Value::String(s)) => match info.variants.iter().find(|v| v.wire == s) {
            Some(v) => format!("{name}::{}", v.ident),
            None => format!("{name}::from({})", names::string_literal(s)),
        },
        (TypeKind::Object { .. }, Value::Object(object)) => struct_literal(ctx, info, object, indent),
        (TypeKind::Union { discriminator, .. }, Value::Object(object)) => {
            let tag = object.get(discriminator).and_then(Value::as_str);
            let variant = info.variants.iter().find(|v| Some(v.wire) == tag);
            match variant.and_then(|v| Some((v, ctx.types.get(v.ty?)?))) {
                Some((v, target)) if target.emitted => {
                    let inner = struct_literal(ctx, target, object, indent);
                    if v.boxed {
                        format!("{name}::{}(Box::new({inner}))", v.ident)
                    } else {
                        format!("{name}::{}({inner})", v.ident)
                    }
                }
                _ => format!("{name}::Unknown({})", json(value)),
            }
        }
        _ => json(value),
    }
}

fn struct_literal(ctx: &TypeSpace, info: &TypeInfo, object: &Map<String, Value>, indent: usize) -> String {
    if !matches!(info.ty.kind, TypeKind::Object { .. }) {
        return json(&Value::Object(object.clone()));
    }
    let name = &info.name;
    let inner = indent + 4;
    let mut lines = Vec::new();
    let mut given = Vec::new();
    for (key, value) in object {
        let Some(field) = info.fields.iter().find(|f| &f.prop.name == key) else {
            continue;
        };
        if field.role == FieldRole::Dropped {
            continue;
        }
        given.push(key.as_str());
        let mut text = match (value, field.role) {
            (Value::Null, _) if field.optional => {
                lines.push(format!("{}{}: None,", pad(inner), field.ident));
                continue;
            }
            (Value::String(s), FieldRole::Tag) => format!("{}.to_owned()", names::string_literal(s)),
            _ => expr(ctx, &field.prop.ty, value, Mode::Owned, inner),
        };
        if field.boxed {
            text = format!("Box::new({text})");
        }
        if field.optional {
            text = format!("Some({text})");
        }
        lines.push(format!("{}{}: {text},", pad(inner), field.ident));
    }
    let missing: Vec<_> = info
        .fields
        .iter()
        .filter(|f| f.role != FieldRole::Dropped && !given.contains(&f.prop.name.as_str()))
        .collect();
    if lines.is_empty() && info.default {
        return format!("{name}::default()");
    }
    if !missing.is_empty() {
        if info.default {
            lines.push(format!("{}..Default::default()", pad(inner)));
        } else {
            for f in missing {
                let fill = if f.optional { "None" } else { "Default::default()" };
                lines.push(format!("{}{}: {fill},", pad(inner), f.ident));
            }
        }
    }
    format!("{name} {{\n{}\n{}}}", lines.join("\n"), pad(indent))
}

/// A JSON value for a parameter when no sample gives one: enough to make a call that compiles.
pub fn placeholder(ctx: &TypeSpace, ty: &TypeRef, name: &str, depth: usize) -> Value {
    match ty {
        TypeRef::String { format } => Value::String(
            match format.as_str() {
                "uuid" => "00000000-0000-0000-0000-000000000000",
                "date-time" => "2025-01-01T00:00:00.000Z",
                "date" => "2025-01-01",
                "email" => "jane@example.com",
                "uri" | "url" => "https://example.com",
                _ if name.ends_with("_id") => "00000000-0000-0000-0000-000000000000",
                _ => "example",
            }
            .to_owned(),
        ),
        TypeRef::Integer => Value::from(1),
        TypeRef::Number => Value::from(1),
        TypeRef::Boolean => Value::Bool(true),
        TypeRef::Array { items } if depth < 4 => Value::Array(vec![placeholder(ctx, items, name, depth + 1)]),
        TypeRef::Array { .. } => Value::Array(Vec::new()),
        TypeRef::Map { .. } | TypeRef::Any => Value::Object(Map::new()),
        TypeRef::Named { id } => {
            let Some(info) = ctx.types.get(id.as_str()) else {
                return Value::Null;
            };
            match &info.ty.kind {
                TypeKind::Enum { values } => values.first().cloned().map(Value::String).unwrap_or(Value::Null),
                TypeKind::Object { fields } => {
                    let mut object = Map::new();
                    if depth < 4 {
                        for f in fields.iter().filter(|f| f.required) {
                            object.insert(f.name.clone(), placeholder(ctx, &f.ty, &f.name, depth + 1));
                        }
                    }
                    Value::Object(object)
                }
                TypeKind::Union {
                    discriminator,
                    variants,
                } => {
                    let Some(first) = variants.first() else {
                        return Value::Object(Map::new());
                    };
                    let mut value = placeholder(ctx, &TypeRef::named(first.ty.clone()), name, depth + 1);
                    if let Value::Object(object) = &mut value {
                        object.insert(discriminator.clone(), Value::String(first.tag.clone()));
                    }
                    value
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::fixture::*;
    use super::*;
    use crate::model::{Namespace, Property};

    #[test]
    fn a_call_uses_the_endpoints_setters_and_only_endpoints_of_the_api_have_one() {
        let mut api = api(
            Vec::new(),
            vec![endpoint(
                "/users/update",
                vec![
                    field("pages", string()),
                    Property {
                        nullable: true,
                        ..optional("note", string())
                    },
                ],
                Some(string()),
            )],
        );
        api.namespaces = vec![
            Namespace {
                path: Vec::new(),
                endpoints: Vec::new(),
                children: vec!["users".to_owned()],
            },
            Namespace {
                path: vec!["users".to_owned()],
                endpoints: vec![0],
                children: Vec::new(),
            },
        ];
        let samples = RustSamples::new(&api);
        let Value::Object(params) = json!({"pages": "p", "note": null, "ignored": 1}) else {
            unreachable!()
        };
        let call = render_call(&samples.ctx, &samples.layout, EndpointId(0), &params);
        assert_eq!(
            call,
            "let result = seam.users().update()\n    .pages_2(\"p\")\n    .note_null()\n    .await?;\n"
        );
        let sample = Sample {
            title: String::new(),
            description: String::new(),
            file: String::new(),
            params,
            response: None,
            untested: None,
            synthesized: false,
        };
        assert_eq!(samples.call(&api.endpoints[0], &sample), call);
        let foreign = endpoint("/users/delete", Vec::new(), None);
        assert_eq!(samples.call(&foreign, &sample), "");
    }
}
