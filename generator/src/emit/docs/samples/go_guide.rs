//! Go as the guides show it: the SDK's typed call (`access_code, uErr := client.AccessCodes.Create(…)`).

use serde_json::Value;

use super::printer::{self, print, Layout, Node, Syntax};
use super::{pascal, typed, Call, Shown, Style};

struct Literal;

impl Syntax for Literal {
    fn scalar(&self, value: &Value) -> String {
        match value {
            Value::Null => "nil".to_owned(),
            Value::String(s) => printer::escape_double_quoted(s, printer::control_u4),
            other => other.to_string(),
        }
    }
    fn open_object(&self, class: Option<&str>) -> String {
        match class {
            Some(class) => format!("{class}{{"),
            None => "map[string]interface{}{".to_owned(),
        }
    }
    fn entry(&self, class: Option<&str>, key: &str, value: &str) -> String {
        match class {
            Some(_) => format!("{}: {value}", super::go::field_name(key)),
            None => format!("{}: {value}", self.scalar(&Value::from(key))),
        }
    }
    fn open_array(&self, items: &[Node]) -> String {
        let element = typed::list_element(items, &ELEMENTS);
        format!("[]{element}{{")
    }
    fn close_array(&self) -> String {
        "}".to_owned()
    }
}

/// A list's element types: a struct list holds pointers (`&pkg.T{…}` items in a `[]*pkg.T`).
const ELEMENTS: typed::Elements = typed::Elements {
    float: "float64",
    class: |class| class.replacen('&', "*", 1),
    any: "interface{}",
};

const LAYOUT: Layout = Layout {
    indent: "  ",
    trailing_comma: true,
    inline_scalar_lists: true,
};

/// The call. The result's variable is named after the shown response's key; the request type
/// lives in the package of the chain's first segment (`api` for two-segment chains).
pub fn code(call: &Call, shown: Option<&Shown>) -> String {
    let chain = call.chain();
    let package = if chain.len() > 2 {
        chain[0].replace('_', "").to_lowercase()
    } else {
        "api".to_owned()
    };
    let wrap = |name: &str| format!("&{package}.{name}");
    let request = call.request_type();
    let node = Node::Object {
        class: Some(wrap(&request)),
        entries: typed::entries(call.params, &request, &wrap),
        elided: None,
    };
    let result = match shown {
        Some(shown) => format!("{}, uErr := ", shown.key),
        None => "uErr := ".to_owned(),
    };
    let request = print(&node, &Literal, &LAYOUT, 1);
    let method = call.chain_joined(pascal, ".");
    format!("{result}client.{method}(\n  context.Background(), {request},\n)")
}

/// What the call returns: `nil`, the result as JSON (pages), or the whole response body
/// (guides).
pub fn output(shown: Option<&Shown>, style: Style) -> String {
    match (shown, style) {
        (None, _) => "nil".to_owned(),
        (Some(shown), Style::Page) => printer::json(&shown.resource_node(false), "//"),
        (Some(shown), Style::Guide) => printer::json(&shown.body_node(true), "#"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::test_call;
    use serde_json::json;

    #[test]
    fn nested_structs_lists_and_escapes() {
        let call = test_call(
            "/acs/users/create",
            json!({
                "acs_system_id": "$s\"\\\n",
                "acs_access_group_ids": ["a", "b"],
                "access_schedule": {"starts_at": "x", "ends_at": null},
                "limit": 2,
                "on": true
            }),
        );
        assert_eq!(
            code(&call, None),
            "uErr := client.Acs.Users.Create(\n  context.Background(), &acs.UsersCreateRequest{\n    \
             AcsSystemId: \"$s\\\"\\\\\\n\",\n    AcsAccessGroupIds: []string{\"a\", \"b\"},\n    \
             AccessSchedule: &acs.UsersCreateRequestAccessSchedule{\n      StartsAt: \"x\",\n      EndsAt: nil,\n    },\n    \
             Limit: 2,\n    On: true,\n  },\n)"
        );
    }

    #[test]
    fn two_segment_paths_use_the_api_package() {
        let call = test_call("/devices/list", json!({}));
        assert_eq!(
            code(&call, None),
            "uErr := client.Devices.List(\n  context.Background(), &api.DevicesListRequest{},\n)"
        );
        assert_eq!(output(None, Style::Page), "nil");
    }
}
