//! Class names for nested values in the typed SDKs (Go, Java, C#): a nested object's type is
//! its parent's type name plus the field name in PascalCase (plus `Item` inside a list).

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
