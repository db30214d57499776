//! Class names for nested values in the typed SDKs (Go, Java, C#): a nested object's type is
//! its parent's type name plus the field name in PascalCase (plus `Item` inside a list); and
//! the element type of a list literal.

use serde_json::Value;

use super::pascal;
use super::printer::Node;

/// `value` as a node whose objects are classed `wrap(type name)`, the type named `name`.
pub fn node(value: &Value, name: &str, wrap: &dyn Fn(&str) -> String) -> Node {
    match value {
        Value::Object(map) => Node::Object {
            class: Some(wrap(name)),
            entries: entries(map, name, wrap),
            elided: None,
        },
        Value::Array(items) => Node::Array(
            items
                .iter()
                .map(|item| node(item, &format!("{name}Item"), wrap))
                .collect(),
        ),
        scalar => Node::Scalar(scalar.clone()),
    }
}

/// The entries of an object of type `name`.
pub fn entries(map: &serde_json::Map<String, Value>, name: &str, wrap: &dyn Fn(&str) -> String) -> Vec<(String, Node)> {
    map.iter()
        .map(|(k, v)| (k.clone(), node(v, &format!("{name}{}", pascal(k)), wrap)))
        .collect()
}

/// How a typed language names the element types of its lists, besides `string`, `int` and
/// `bool`.
pub struct Elements {
    /// A number with a fraction.
    pub float: &'static str,
    /// The type of objects of class `class` (the class as the literal writes it).
    pub class: fn(&str) -> String,
    /// Anything else: a mixed list, or plain objects.
    pub any: &'static str,
}

/// The element type of a list of `items`: the type every item has (whole numbers are `int`,
/// an empty list holds strings), else the first item's class, else `any`.
pub fn list_element(items: &[Node], names: &Elements) -> String {
    let all = |is: fn(&Value) -> bool| items.iter().all(|i| matches!(i, Node::Scalar(v) if is(v)));
    if all(Value::is_string) {
        "string".to_owned()
    } else if all(|v| v.is_i64() || v.is_u64()) {
        "int".to_owned()
    } else if all(Value::is_number) {
        names.float.to_owned()
    } else if all(Value::is_boolean) {
        "bool".to_owned()
    } else {
        match items.first() {
            Some(Node::Object { class: Some(class), .. }) => (names.class)(class),
            _ => names.any.to_owned(),
        }
    }
}
