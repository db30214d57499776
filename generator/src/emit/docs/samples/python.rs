//! Python: `seam.acs.credentials.unassign(acs_user_id="…")`, outputs as the SDK's resource reprs.

use serde_json::Value;

use super::doc::Doc;
use super::printer::{self, print, Layout, Syntax};
use super::ruff::{self, Literals};
use super::Types;
use super::{pascal, Call, Shown, Style};

/// Python literals; a classed object is a call with keyword arguments, a plain one a dict.
struct Literal {
    /// Whether strings are written as `repr()` does (single quotes) instead of double quotes.
    repr: bool,
}

impl Syntax for Literal {
    fn scalar(&self, value: &Value) -> String {
        match value {
            Value::Null => "None".to_owned(),
            Value::Bool(true) => "True".to_owned(),
            Value::Bool(false) => "False".to_owned(),
            Value::Number(n) => n.to_string(),
            Value::String(s) if self.repr => repr(s),
            Value::String(s) => printer::escape_double_quoted(s, printer::control_x2),
            other => other.to_string(),
        }
    }
    fn open_object(&self, class: Option<&str>) -> String {
        printer::open_call_or_map(class, "{")
    }
    fn close_object(&self, class: Option<&str>) -> String {
        printer::close_call_or_map(class, "}")
    }
    fn entry(&self, class: Option<&str>, key: &str, value: &str) -> String {
        match class {
            Some(_) => format!("{key}={value}"),
            None => format!("{}: {value}", self.scalar(&Value::from(key))),
        }
    }
    fn comment(&self, note: &str) -> String {
        format!("# {note}")
    }
}

/// A string as Python's `repr()` writes it: single quotes unless the text holds a single
/// quote and no double quote.
pub(crate) fn repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    printer::quoted(s, quote, printer::control_x2)
}

fn layout(style: Style) -> Layout {
    match style {
        Style::Page => Layout {
            indent: "    ",
            trailing_comma: true,
            inline_scalar_lists: true,
        },
        Style::Guide => Layout {
            indent: "  ",
            trailing_comma: false,
            inline_scalar_lists: true,
        },
    }
}

/// The call.
pub fn code(call: &Call, style: Style, literals: Literals) -> String {
    let name = format!("seam.{}", call.chain_joined(str::to_owned, "."));
    if style == Style::Page {
        return ruff::print(&ruff::call(&name, call.params, literals));
    }
    print(
        &call.params_node(Some(name)),
        &Literal { repr: false },
        &layout(style),
        0,
    )
}

/// What the call returns: `None`, or the resource as the SDK's class prints it.
pub fn output(shown: Option<&Shown>, style: Style, types: &Types, literals: Literals) -> String {
    match shown {
        None => "None".to_owned(),
        Some(shown) if style == Style::Page => ruff::print(&resource(shown, types, literals)),
        Some(shown) => print(
            &shown.resource_node(true),
            &Literal {
                repr: style == Style::Guide,
            },
            &layout(style),
            0,
        ),
    }
}

/// The resource as the live reference shows it: `Class(field=value, …)`, or a list of them.
fn resource(shown: &Shown, types: &Types, literals: Literals) -> Doc {
    let class = class_name(shown, types);
    let object = |value: &Value| match value {
        Value::Object(fields) => ruff::call(&class, fields, literals),
        other => ruff::value(other, literals),
    };
    match shown.resource() {
        Value::Array(items) => ruff::collection("[", items.iter().map(object).collect(), "]"),
        single => object(single),
    }
}

/// The SDK's class of a resource: its resource type in PascalCase, except events, which the
/// SDK calls `SeamEvent`.
fn class_name(shown: &Shown, types: &Types) -> String {
    match shown.resource_type(types) {
        "event" => "SeamEvent".to_owned(),
        other => pascal(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::test_call;
    use crate::model::{NamedType, TypeKind, TypeRef};
    use serde_json::json;

    #[test]
    fn call_with_nested_values_and_escapes() {
        let call = test_call(
            "/acs/users/create",
            json!({"name": "say \"hi\" \\ $5\n", "ok": false, "n": 3, "x": null, "ids": ["a"], "o": {"k": "v"}}),
        );
        assert_eq!(
            code(&call, Style::Page, Literals::AsLiveReference),
            "seam.acs.users.create(\n    name='say \"hi\" \\\\ $5\\n', ok=false, n=3, x=None, ids=[\"a\"], o={\"k\": \"v\"}\n)"
        );
        let call = test_call("/acs/systems/list", json!({}));
        assert_eq!(
            code(&call, Style::Page, Literals::AsLiveReference),
            "seam.acs.systems.list()"
        );
    }

    #[test]
    fn resources_print_as_classes_and_lists_of_them() {
        let body = json!({"acs_users": [{"acs_user_id": "1", "is_suspended": true}]});
        let ty = TypeRef::list_of(TypeRef::named("acs_user"));
        let shown = Shown::new("acs_users", &body, &ty);
        let resource = |component| NamedType {
            id: "acs_user".to_owned(),
            component,
            description: String::new(),
            deprecated: None,
            kind: TypeKind::Object { fields: Vec::new() },
        };
        let (component, inline) = (resource(true), resource(false));
        let types = |t| Types::from([("acs_user", t)]);
        assert_eq!(
            output(Some(&shown), Style::Page, &types(&component), Literals::AsLiveReference),
            "[AcsUser(acs_user_id=\"1\", is_suspended=true)]"
        );
        assert_eq!(
            output(Some(&shown), Style::Page, &types(&inline), Literals::AsLiveReference),
            "[Unknown(acs_user_id=\"1\", is_suspended=true)]"
        );
        assert_eq!(
            output(None, Style::Page, &Types::new(), Literals::AsLiveReference),
            "None"
        );
    }

    #[test]
    fn repr_picks_quotes_like_python() {
        assert_eq!(repr("plain"), "'plain'");
        assert_eq!(repr("it's"), "\"it's\"");
        assert_eq!(repr("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(repr("a\\b\n\u{1}"), "'a\\\\b\\n\\x01'");
    }
}
