//! JSON as prettier prints it (80 columns) from one-line input, which is how the reference
//! shows a resource's sample: an object or list stays on one line when it fits, else puts each
//! item on a line of its own; a list of two or more objects (or lists) that each have two or
//! more items always breaks.

use serde_json::Value;

use super::pretty::{self, join, line, softline, text, Doc};

/// prettier's default line width.
const WIDTH: usize = 80;

/// `value` as prettier prints it.
pub fn prettier(value: &Value) -> String {
    pretty::print(&doc(value), WIDTH, "  ")
}

fn doc(value: &Value) -> Doc {
    match value {
        Value::Object(map) if map.is_empty() => text("{}"),
        Value::Object(map) => {
            let entries = map
                .iter()
                .map(|(k, v)| Doc::Concat(vec![text(Value::from(k.as_str()).to_string()), text(": "), doc(v)]))
                .collect();
            group("{", entries, "}", line, false)
        }
        Value::Array(items) if items.is_empty() => text("[]"),
        Value::Array(items) => group(
            "[",
            items.iter().map(doc).collect(),
            "]",
            softline,
            breaks_always(items),
        ),
        scalar => text(scalar.to_string()),
    }
}

/// Whether a list breaks even when it fits: two or more items, all objects or all lists, each
/// with more than one item.
fn breaks_always(items: &[Value]) -> bool {
    let size = |v: &Value| match v {
        Value::Object(map) => Some((true, map.len())),
        Value::Array(list) => Some((false, list.len())),
        _ => None,
    };
    let first = items.first().and_then(size).map(|(object, _)| object);
    items.len() > 1
        && items
            .iter()
            .all(|item| matches!(size(item), Some((object, len)) if Some(object) == first && len > 1))
}

fn group(open: &str, items: Vec<Doc>, close: &str, edge: fn() -> Doc, always_break: bool) -> Doc {
    let separator = || Doc::Concat(vec![text(","), line()]);
    let parts = vec![
        text(open),
        Doc::Indent(vec![edge(), Doc::Concat(join(items, separator))]),
        edge(),
        text(close),
    ];
    if always_break {
        Doc::BrokenGroup(parts)
    } else {
        Doc::Group(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_and_lists_stay_on_one_line_when_they_fit() {
        let value = json!({"result": {"was_confirmed_by_device": false}, "errors": [], "empty": {},
            "capabilities": ["lock", "thermostat"], "status": "success", "long": "x".repeat(60)});
        assert_eq!(
            prettier(&value),
            format!(
                "{{\n  \"result\": {{ \"was_confirmed_by_device\": false }},\n  \"errors\": [],\n  \"empty\": {{}},\n  \
                 \"capabilities\": [\"lock\", \"thermostat\"],\n  \"status\": \"success\",\n  \"long\": \"{}\"\n}}",
                "x".repeat(60)
            )
        );
        assert_eq!(prettier(&json!({"a": 1})), "{ \"a\": 1 }");
    }

    #[test]
    fn lists_of_objects_with_several_fields_always_break() {
        assert_eq!(
            prettier(&json!([{"a": 1, "b": 2}, {"a": 3, "b": 4}])),
            "[\n  { \"a\": 1, \"b\": 2 },\n  { \"a\": 3, \"b\": 4 }\n]"
        );
        assert_eq!(prettier(&json!([{"a": 1}, {"a": 3}])), "[{ \"a\": 1 }, { \"a\": 3 }]");
    }
}
