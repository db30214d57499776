//! Java: `seam.acs().credentials().unassign(CredentialsUnassignRequest.builder()….build());`.

use heck::ToLowerCamelCase;
use serde_json::Value;

use super::printer::{self, print, Layout, Node, Syntax};
use super::{typed, Call, Shown};

const INDENT: &str = "    ";

struct Literal;

impl Syntax for Literal {
    fn scalar(&self, value: &Value) -> String {
        match value {
            Value::String(s) => printer::escape_double_quoted(s, printer::control_u4),
            other => other.to_string(),
        }
    }
    fn open_object(&self, class: Option<&str>) -> String {
        match class {
            Some(class) => format!("{class}.builder()"),
            None => "Map.of(".to_owned(),
        }
    }
    fn close_object(&self, class: Option<&str>) -> String {
        match class {
            // The closing call continues the builder chain, one level deeper.
            Some(_) => format!("{INDENT}.build()"),
            None => ")".to_owned(),
        }
    }
    fn empty_object(&self, class: Option<&str>) -> String {
        match class {
            Some(class) => format!("{class}.builder().build()"),
            None => "Map.of()".to_owned(),
        }
    }
    fn entry(&self, class: Option<&str>, key: &str, value: &str) -> String {
        match class {
            Some(_) => format!(".{}({value})", key.to_lower_camel_case()),
            None => format!("{}, {value}", self.scalar(&Value::from(key))),
        }
    }
    fn separator(&self, class: Option<&str>) -> &'static str {
        match class {
            Some(_) => "",
            None => ",",
        }
    }
    fn open_array(&self, _: &[Node]) -> String {
        "List.of(".to_owned()
    }
    fn close_array(&self) -> String {
        ")".to_owned()
    }
    fn comment(&self, note: &str) -> String {
        format!("// {note}")
    }
}

const LAYOUT: Layout = Layout {
    indent: INDENT,
    trailing_comma: false,
    inline_scalar_lists: true,
};

/// The call: one accessor per namespace segment, then the method with a request builder.
pub fn code(call: &Call) -> String {
    let segments = call.segments();
    let chain = segments
        .iter()
        .map(|s| format!("{}()", s.to_lower_camel_case()))
        .collect::<Vec<_>>();
    let (method, namespaces) = chain.split_last().expect("a path has at least one segment");
    let method = method.trim_end_matches("()");
    let receiver = std::iter::once("seam".to_owned())
        .chain(namespaces.iter().cloned())
        .collect::<Vec<_>>()
        .join(".");
    if call.params.is_empty() {
        return format!("{receiver}.{method}();");
    }
    let request = call.request_type();
    let node = Node::Object {
        class: Some(request.clone()),
        entries: typed::entries(call.params, &request, &|name: &str| name.to_owned()),
        elided: None,
    };
    format!("{receiver}.{method}({});", print(&node, &Literal, &LAYOUT, 1))
}

/// The result as JSON, `// void` when there is none.
pub fn output(shown: Option<&Shown>) -> String {
    match shown {
        None => "// void".to_owned(),
        Some(shown) => printer::json(&shown.resource_node(false), "//"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn builders_nest_and_strings_escape() {
        let p = json!({"acs_system_id": "$a\"b\\c\n", "acs_access_group_ids": ["x"], "access_schedule": {"starts_at": "s"}, "n": null});
        let p = p.as_object().unwrap().clone();
        let call = Call {
            base_url: "",
            path: "/acs/users/create",
            params: &p,
        };
        assert_eq!(
            code(&call),
            "seam.acs().users().create(UsersCreateRequest.builder()\n        .acsSystemId(\"$a\\\"b\\\\c\\n\")\n        \
             .acsAccessGroupIds(List.of(\"x\"))\n        .accessSchedule(UsersCreateRequestAccessSchedule.builder()\n            \
             .startsAt(\"s\")\n            .build())\n        .n(null)\n        .build());"
        );
        let empty = serde_json::Map::new();
        let call = Call {
            base_url: "",
            path: "/acs/systems/list",
            params: &empty,
        };
        assert_eq!(code(&call), "seam.acs().systems().list();");
        assert_eq!(output(None), "// void");
    }
}
