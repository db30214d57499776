//! Python as `ruff format` prints it (88 columns, four-space indents): brackets stay on one
//! line when they fit; else a list or dict puts one item a line, while call arguments first
//! try to fit together on their own indented line. Broken brackets of more than one item end
//! with a trailing comma.
//!
//! By default the values are those of the live reference's sample builder: a call's own
//! arguments and a resource's own fields print `null` as `None`, while booleans and nested
//! values keep their JSON spelling (`true`, `null`), as the live pages show them — code that
//! parses, but stops at the first such name when run. [`Literals::Python`] spells them
//! `True`, `False` and `None` everywhere.

use serde_json::Value;

use super::doc::{self, concat, group, indent, softline, text, Doc};
use super::prettier::{js_number, js_string};
use super::width;

/// How JSON's `true`, `false` and `null` are spelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Literals {
    /// As the live reference: `None` for a null argument or field, JSON's spelling elsewhere.
    #[default]
    AsLiveReference,
    /// Python's own: `True`, `False`, `None`.
    Python,
}

/// ruff's default line length.
pub const WIDTH: usize = 88;

/// Prints a document at ruff's width and indentation.
pub fn print(doc: &Doc) -> String {
    doc::print(doc, WIDTH, "    ", width::ruff)
}

/// A list or a dict: on one line when it fits, else one item a line.
pub fn collection(open: &str, items: Vec<Doc>, close: &str) -> Doc {
    bracketed(open.to_owned(), items, close, |items| items)
}

/// Call arguments: on one line with the call when they fit, else together on their own
/// indented line when they fit there, else one a line.
fn arguments(open: String, items: Vec<Doc>) -> Doc {
    bracketed(open, items, ")", group)
}

/// `open`, the items joined by commas (`contents` wraps them), `close`; a trailing comma
/// when broken, if there is more than one item.
fn bracketed(open: String, items: Vec<Doc>, close: &str, contents: fn(Doc) -> Doc) -> Doc {
    if items.is_empty() {
        return text(format!("{open}{close}"));
    }
    let several = items.len() > 1;
    let mut joined = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            joined.push(text(","));
            joined.push(doc::line());
        }
        joined.push(item);
    }
    if several {
        joined.push(doc::if_break(text(","), text("")));
    }
    group(concat(vec![
        text(open),
        indent(concat(vec![softline(), contents(concat(joined))])),
        softline(),
        text(close),
    ]))
}

/// `name(key=value, …)`: a call with keyword arguments, `None` for a null argument.
pub fn call(name: &str, args: &serde_json::Map<String, Value>, literals: Literals) -> Doc {
    let items = args
        .iter()
        .map(|(key, value)| {
            let printed = match value {
                Value::Null => text("None"),
                other => self::value(other, literals),
            };
            concat(vec![text(format!("{key}=")), printed])
        })
        .collect();
    arguments(format!("{name}("), items)
}

/// A JSON value as Python source, `true`, `false` and `null` spelled as `literals` says.
pub fn value(json: &Value, literals: Literals) -> Doc {
    match json {
        Value::Array(items) => collection("[", items.iter().map(|v| value(v, literals)).collect(), "]"),
        Value::Object(map) => {
            let entries = map
                .iter()
                .map(|(k, v)| concat(vec![text(js_string(k)), text(": "), value(v, literals)]))
                .collect();
            collection("{", entries, "}")
        }
        Value::String(s) => text(js_string(s)),
        Value::Number(n) => text(js_number(n)),
        Value::Null if literals == Literals::Python => text("None"),
        Value::Bool(true) if literals == Literals::Python => text("True"),
        Value::Bool(false) if literals == Literals::Python => text("False"),
        scalar => text(scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn args(value: Value) -> serde_json::Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn a_call_that_fits_stays_on_one_line() {
        let doc = call(
            "seam.a.b",
            &args(json!({"x": null, "ok": true, "o": {"k": [1]}})),
            Literals::AsLiveReference,
        );
        assert_eq!(print(&doc), r#"seam.a.b(x=None, ok=true, o={"k": [1]})"#);
    }

    #[test]
    fn python_literals_are_spelled_as_python_reads_them_at_any_depth() {
        let doc = call(
            "f",
            &args(json!({"a": true, "b": [false, null], "c": {"d": null}})),
            Literals::Python,
        );
        assert_eq!(print(&doc), r#"f(a=True, b=[False, None], c={"d": None})"#);
    }

    #[test]
    fn arguments_that_fit_their_own_line_share_it() {
        let doc = call(
            "seam.a.b",
            &args(json!({"device_id": "d".repeat(30), "name": "n".repeat(30)})),
            Literals::AsLiveReference,
        );
        let expected = format!(
            "seam.a.b(\n    device_id=\"{}\", name=\"{}\"\n)",
            "d".repeat(30),
            "n".repeat(30)
        );
        assert_eq!(print(&doc), expected);
    }

    #[test]
    fn one_item_a_line_with_a_trailing_comma_only_for_several() {
        let long = "a".repeat(90);
        assert_eq!(
            print(&call(
                "f",
                &args(json!({"ids": [long.clone()]})),
                Literals::AsLiveReference
            )),
            format!("f(\n    ids=[\n        \"{long}\"\n    ]\n)")
        );
        assert_eq!(
            print(&call(
                "f",
                &args(json!({"x": long.clone(), "y": 1})),
                Literals::AsLiveReference
            )),
            format!("f(\n    x=\"{long}\",\n    y=1,\n)")
        );
    }
}
