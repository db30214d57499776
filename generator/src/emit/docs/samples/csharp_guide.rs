//! C# as the guides show it: the SDK's typed call (`seam.CredentialsAcs.Unassign(…);`), one
//! named argument a line, and the result as JSON with elided fields marked.

use heck::ToLowerCamelCase;
use serde_json::Value;

use super::printer::{self, print, Layout, Node, Syntax};
use super::{pascal, typed, Call, Shown};

/// C# keywords that a named argument must escape with `@`.
const KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "base",
    "bool",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "checked",
    "class",
    "const",
    "continue",
    "decimal",
    "default",
    "delegate",
    "do",
    "double",
    "else",
    "enum",
    "event",
    "explicit",
    "extern",
    "false",
    "finally",
    "fixed",
    "float",
    "for",
    "foreach",
    "goto",
    "if",
    "implicit",
    "in",
    "int",
    "interface",
    "internal",
    "is",
    "lock",
    "long",
    "namespace",
    "new",
    "null",
    "object",
    "operator",
    "out",
    "override",
    "params",
    "private",
    "protected",
    "public",
    "readonly",
    "ref",
    "return",
    "sbyte",
    "sealed",
    "short",
    "sizeof",
    "stackalloc",
    "static",
    "string",
    "struct",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "uint",
    "ulong",
    "unchecked",
    "unsafe",
    "ushort",
    "using",
    "virtual",
    "void",
    "volatile",
    "while",
];

struct Literal;

impl Syntax for Literal {
    fn scalar(&self, value: &Value) -> String {
        match value {
            Value::String(s) => printer::escape_double_quoted(s, printer::control_u4),
            other => other.to_string(),
        }
    }
    fn open_object(&self, class: Option<&str>) -> String {
        printer::open_call_or_map(class, "new Dictionary<string, object> {")
    }
    fn close_object(&self, class: Option<&str>) -> String {
        printer::close_call_or_map(class, "}")
    }
    fn entry(&self, class: Option<&str>, key: &str, value: &str) -> String {
        match class {
            Some(_) => format!("{}: {value}", argument(key)),
            None => format!("{{ {}, {value} }}", self.scalar(&Value::from(key))),
        }
    }
    fn open_array(&self, items: &[Node]) -> String {
        let element = typed::list_element(items, &ELEMENTS);
        format!("new List<{element}> {{")
    }
    fn close_array(&self) -> String {
        "}".to_owned()
    }
}

/// A named argument: camelCase, `@`-escaped when it is a keyword.
fn argument(key: &str) -> String {
    let name = key.to_lower_camel_case();
    if KEYWORDS.contains(&name.as_str()) {
        format!("@{name}")
    } else {
        name
    }
}

/// A list's element types: a list of objects holds the objects' class (`new T(…)` items in a
/// `List<T>`).
const ELEMENTS: typed::Elements = typed::Elements {
    float: "float",
    class: |class| class.trim_start_matches("new ").to_owned(),
    any: "object",
};

const LAYOUT: Layout = Layout {
    indent: "  ",
    trailing_comma: false,
    inline_scalar_lists: true,
};

/// The call: the namespace's segments in reverse order and PascalCase make the client's
/// property (`acs/credentials` → `CredentialsAcs`), then the method with named arguments.
pub fn code(call: &Call) -> String {
    let property: String = call.namespace.iter().rev().map(|s| pascal(s)).collect();
    let name = if property.is_empty() {
        format!("seam.{}", pascal(call.method))
    } else {
        format!("seam.{property}.{}", pascal(call.method))
    };
    let request = call.request_type();
    let node = Node::Object {
        class: Some(name),
        entries: typed::entries(call.params, &request, &|name: &str| format!("new {name}")),
        elided: None,
    };
    format!("{};", print(&node, &Literal, &LAYOUT, 0))
}

/// The result as JSON, `{}` when there is none.
pub fn output(shown: Option<&Shown>) -> String {
    match shown {
        None => "{}".to_owned(),
        Some(shown) => printer::json(&shown.resource_node(false), "//"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::test_call;
    use serde_json::json;

    #[test]
    fn named_arguments_nest_and_escape() {
        let call = test_call(
            "/acs/users/create",
            json!({"acs_system_id": "$a\"b\\c\n", "ids": ["x", "y"], "schedule": {"starts_at": "s"}, "event": null, "on": true}),
        );
        assert_eq!(
            code(&call),
            "seam.UsersAcs.Create(\n  acsSystemId: \"$a\\\"b\\\\c\\n\",\n  ids: new List<string> {\"x\", \"y\"},\n  \
             schedule: new UsersCreateRequestSchedule(\n    startsAt: \"s\"\n  ),\n  @event: null,\n  on: true\n);"
        );
        let call = test_call("/user_identities/list", json!({}));
        assert_eq!(code(&call), "seam.UserIdentities.List();");
    }
}
