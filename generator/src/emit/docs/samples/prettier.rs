//! JavaScript and JSON literals as prettier 3 prints them (80 columns, two-space indents):
//! objects `{ a: 1 }` on one line when they fit, else one entry a line; lists `[1, 2]` alike,
//! and always broken when they hold more than one object (or list) of more than one entry;
//! JavaScript adds a trailing comma to broken literals, leaves the quotes off keys that are
//! identifiers and picks the quote that needs fewer escapes.

use serde_json::{Number, Value};

use super::doc::{self, bracketed, text, Doc};
use super::printer;
use super::width;

/// prettier's default line width.
pub const WIDTH: usize = 80;

/// Prints a document as prettier does: at its width, two-space indents, text measured by
/// its `getStringWidth`.
pub fn print(doc: &Doc) -> String {
    doc::print(doc, WIDTH, "  ", width::prettier)
}

/// JSON, as `prettier --parser json` prints `JSON.stringify(value)`.
pub fn json(value: &Value) -> String {
    print(&literal(value, Dialect::Json))
}

/// `JSON.stringify(value, null, 2)`: every list and object broken, two-space indents.
pub fn stringify_pretty(value: &Value) -> String {
    serde_json::to_string_pretty(&with_js_numbers(value)).unwrap_or_default()
}

/// The value with integral floats as integers, the way JavaScript reads and prints them.
fn with_js_numbers(value: &Value) -> Value {
    match value {
        Value::Number(n) => js_number(n).parse().unwrap_or_else(|_| value.clone()),
        Value::Array(items) => Value::Array(items.iter().map(with_js_numbers).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), with_js_numbers(v))).collect()),
        other => other.clone(),
    }
}

/// Which language a literal is printed in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// JSON: keys quoted, no trailing commas.
    Json,
    /// JavaScript (TypeScript parser): bare identifier keys, trailing commas.
    JavaScript,
}

/// The document of a literal.
pub fn literal(value: &Value, dialect: Dialect) -> Doc {
    let trailing = if dialect == Dialect::Json { "" } else { "," };
    match value {
        Value::Array(items) if items.is_empty() => text("[]"),
        Value::Array(items) => {
            let docs = items.iter().map(|v| literal(v, dialect)).collect();
            let list = bracketed("[", docs, ",", trailing, "]", false);
            if holds_only_large_collections(items) {
                doc::force_break(list)
            } else {
                list
            }
        }
        Value::Object(map) if map.is_empty() => text("{}"),
        Value::Object(map) => {
            let entries = map.iter().map(|(k, v)| property(k, v, dialect)).collect();
            bracketed("{", entries, ",", trailing, "}", true)
        }
        Value::String(s) if dialect == Dialect::JavaScript => text(js_string(s)),
        Value::Number(n) => text(js_number(n)),
        scalar => text(scalar.to_string()),
    }
}

/// `key: value`, in the layouts prettier gives an object property. JSON never breaks after
/// the colon, nor does JavaScript after a key narrower than prettier's tab width plus three
/// (breaking there gains nothing) or before a boolean or an unsigned number. Any other value
/// moves to its own, deeper line when what it starts with does not fit after the key: all
/// of a string, `null` or a negative number, or the `{` or `[` that opens an object or list
/// (which then breaks on its own) — prettier's "break-after-operator" layout for strings and
/// its "fluid" one for the rest, which lay out such values alike.
fn property(k: &str, value: &Value, dialect: Dialect) -> Doc {
    /// prettier keeps values after keys narrower than its tab width plus this overlap.
    const MIN_OVERLAP_FOR_BREAK: usize = 3;
    const TAB_WIDTH: usize = 2;
    let key = key(k, dialect);
    let short_key = width::prettier(&key) < TAB_WIDTH + MIN_OVERLAP_FOR_BREAK;
    let never_breaks = dialect == Dialect::Json || short_key || value.is_boolean() || is_unsigned_number(value);
    if never_breaks {
        doc::concat(vec![text(key), text(": "), literal(value, dialect)])
    } else {
        doc::group(doc::concat(vec![
            text(key),
            text(":"),
            doc::fluid_line(literal(value, dialect)),
        ]))
    }
}

/// A number without a sign, which JavaScript reads as a numeric literal (not a negation).
fn is_unsigned_number(value: &Value) -> bool {
    value.as_number().is_some_and(|n| !js_number(n).starts_with('-'))
}

/// prettier breaks a list of two or more objects (or lists) that each hold more than one entry.
fn holds_only_large_collections(items: &[Value]) -> bool {
    let objects = items.iter().all(|v| v.as_object().is_some_and(|m| m.len() > 1));
    let arrays = items.iter().all(|v| v.as_array().is_some_and(|a| a.len() > 1));
    items.len() > 1 && (objects || arrays)
}

fn key(k: &str, dialect: Dialect) -> String {
    if dialect == Dialect::JavaScript && is_js_identifier(k) {
        k.to_owned()
    } else {
        match dialect {
            Dialect::Json => Value::from(k).to_string(),
            Dialect::JavaScript => js_string(k),
        }
    }
}

/// Whether prettier writes `k` as a key without quotes: an identifier, whose letters may be
/// any script's (`ß0`), as ES5 reads it.
fn is_js_identifier(k: &str) -> bool {
    let mut chars = k.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// A string as prettier prints `JSON.stringify(s)`: double quotes unless the text holds more
/// double quotes than single ones.
pub fn js_string(s: &str) -> String {
    let doubles = s.matches('"').count();
    let singles = s.matches('\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    printer::quoted(s, quote, json_control)
}

/// A control character as `JSON.stringify` writes it: backspace and form feed by name, the
/// others below U+0020 as `\u00XX`, and DEL and the C1 controls as they are.
fn json_control(c: char) -> String {
    match c {
        '\u{8}' => "\\b".to_owned(),
        '\u{c}' => "\\f".to_owned(),
        c if (c as u32) < 0x20 => printer::control_u4(c),
        c => c.to_string(),
    }
}

/// A number as JavaScript prints it and prettier (and ruff) keep it: integral values without
/// a fraction, an exponent without its `+` (`1.5e300`).
pub fn js_number(n: &Number) -> String {
    match n.as_f64() {
        Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
        _ => n.to_string().replace("e+", "e"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn short_objects_stay_on_one_line_with_spaces_inside_the_braces() {
        assert_eq!(
            json(&json!({"a": {"b": 1}, "c": [1, 2]})),
            r#"{ "a": { "b": 1 }, "c": [1, 2] }"#
        );
    }

    #[test]
    fn lists_of_several_large_objects_always_break() {
        let value = json!({"d": [{"x": 1, "y": 2}, {"x": 1, "y": 2}]});
        assert_eq!(
            json(&value),
            "{\n  \"d\": [\n    { \"x\": 1, \"y\": 2 },\n    { \"x\": 1, \"y\": 2 }\n  ]\n}"
        );
        assert_eq!(
            json(&json!([{"x": 1, "y": 2}, {"x": 1}])),
            r#"[{ "x": 1, "y": 2 }, { "x": 1 }]"#
        );
    }

    #[test]
    fn javascript_unquotes_identifier_keys_and_picks_quotes() {
        let value = json!({"a": "it's \"q\"", "b-c": "x\n", "n": 2.0});
        let printed = print(&literal(&value, Dialect::JavaScript));
        assert_eq!(printed, r#"{ a: 'it\'s "q"', "b-c": "x\n", n: 2 }"#);
    }

    #[test]
    fn strings_escape_as_json_stringify_does() {
        assert_eq!(js_string("\u{8}\u{c}\u{1}\u{7f}\"\\"), "'\\b\\f\\u0001\u{7f}\"\\\\'");
        assert_eq!(js_string("it's"), "\"it's\"");
    }

    #[test]
    fn broken_javascript_literals_end_with_a_comma() {
        let (a, b) = ("a".repeat(30), "b".repeat(30));
        let value = json!({"ids": [a, b], "name": "xxxxxxxxxx"});
        let printed = print(&literal(&value, Dialect::JavaScript));
        assert_eq!(
            printed,
            format!("{{\n  ids: [\"{a}\", \"{b}\"],\n  name: \"xxxxxxxxxx\",\n}}")
        );
    }
}
