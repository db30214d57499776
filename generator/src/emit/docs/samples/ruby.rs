//! Ruby: `seam.acs.credentials.unassign(acs_user_id: "…")`, outputs as Ruby hashes, laid out as
//! syntax_tree (prettier's Ruby plugin) prints them at 100 columns with trailing commas:
//!
//! - a call, hash or list stays on one line when it fits (with what follows it up to the next
//!   possible break), else puts each item on a line of its own and ends with a comma;
//! - a list of two or more strings that hold no space, bracket or backslash is a `%w[]` word
//!   list (broken one word per line, without commas);
//! - a hash that is the value of a hash entry or argument is laid out with what holds it: it
//!   breaks when that breaks, even if it would fit (an empty one as `{` and `}` on two lines);
//! - a hash entry whose value is neither a hash nor a list moves the value to the next line,
//!   indented, when it does not fit after its key;
//! - the SDK prints a resource with string keys (`"key" => value`); the hashes inside it, and the
//!   call's arguments, use symbol keys (`key: value`);
//! - a hash that is itself a value is written as JSON, so a `null` inside it stays `null`;
//!   elsewhere it is `nil`;
//! - an integer of five or more digits has its digits grouped in threes with `_`
//!   (`101923` → `101_923`).

use serde_json::{Map, Value};

use super::{is_identifier, Call, Shown};
use crate::emit::docs::pretty::{self, join, line, softline, text, Doc};

/// The line width the live pipeline formats Ruby at.
const WIDTH: usize = 100;

/// The call.
pub fn code(call: &Call) -> String {
    let name = format!("seam.{}", call.chain_joined(str::to_owned, "."));
    let args = call
        .params
        .iter()
        .map(|(key, value)| entry(Key::Symbol(key), value, false))
        .collect();
    pretty::print(
        &Doc::Concat(vec![text(name), bracketed("(", args, ")", softline)]),
        WIDTH,
        "  ",
    )
}

/// What the call returns: `nil`, or the resource (each resource of a list) as a hash.
pub fn output(shown: Option<&Shown>) -> String {
    let Some(shown) = shown else {
        return "nil".to_owned();
    };
    let doc = match (shown.resource(), shown.ty) {
        (Value::Array(items), crate::model::TypeRef::Array { .. }) => {
            bracketed("[", items.iter().map(resource).collect(), "]", softline)
        }
        (value, _) => resource(value),
    };
    pretty::print(&doc, WIDTH, "  ")
}

/// A resource as the SDK prints it: a hash with string keys.
fn resource(value: &Value) -> Doc {
    match value {
        Value::Object(fields) => Doc::Group(vec![hash_contents(fields, Key::String, false)]),
        other => literal(other, false),
    }
}

/// How a hash spells its keys.
#[derive(Clone, Copy)]
enum Key<'a> {
    /// `"key" => value`.
    String(&'a str),
    /// `key: value` (`"key": value` when the key is not an identifier).
    Symbol(&'a str),
}

/// `key => value` or `key: value`, `nested` inside a hash that is itself a value. A hash value
/// is no group of its own: it breaks whenever the hash or call holding it breaks (an empty one
/// too, as `{` and `}` on two lines). A value other than a hash or list moves to the next line
/// when it does not fit after the key.
fn entry(key: Key, value: &Value, nested: bool) -> Doc {
    let key = match key {
        Key::String(k) => format!("{} =>", string(k)),
        Key::Symbol(k) if is_identifier(k) => format!("{k}:"),
        Key::Symbol(k) => format!("{}:", string(k)),
    };
    match value {
        Value::Object(fields) => Doc::Concat(vec![text(key), text(" "), hash_contents(fields, Key::Symbol, true)]),
        Value::Array(_) => Doc::Concat(vec![text(key), text(" "), literal(value, nested)]),
        scalar => Doc::Concat(vec![
            text(key),
            Doc::Group(vec![Doc::Indent(vec![line(), literal(scalar, nested)])]),
        ]),
    }
}

/// A hash's braces and entries, breaking with the group that holds them; its values are
/// `nested` when it is itself a value.
fn hash_contents<'a>(fields: &'a Map<String, Value>, key: fn(&'a str) -> Key<'a>, nested: bool) -> Doc {
    if fields.is_empty() {
        return Doc::Concat(vec![text("{"), softline(), text("}")]);
    }
    let entries = fields.iter().map(|(k, v)| entry(key(k), v, nested)).collect();
    Doc::Concat(separated("{", entries, "}", line))
}

/// A value. Inside a hash that is itself a value (`nested`) the SDK writes JSON, so `null`
/// stays `null` there; elsewhere it is Ruby's `nil`.
fn literal(value: &Value, nested: bool) -> Doc {
    match value {
        Value::Null if nested => text("null"),
        Value::Null => text("nil"),
        Value::String(s) => text(string(s)),
        Value::Array(items) if items.is_empty() => text("[]"),
        Value::Array(items) => match words(items) {
            Some(words) => Doc::Group(vec![
                text("%w["),
                Doc::Indent(vec![
                    softline(),
                    Doc::Concat(join(words.into_iter().map(text).collect(), line)),
                ]),
                softline(),
                text("]"),
            ]),
            None => bracketed("[", items.iter().map(|i| literal(i, nested)).collect(), "]", softline),
        },
        Value::Object(fields) if fields.is_empty() => text("{}"),
        Value::Object(fields) => Doc::Group(vec![hash_contents(fields, Key::Symbol, true)]),
        Value::Number(n) => text(number(n)),
        other => text(other.to_string()),
    }
}

/// A number as syntax_tree prints it: it writes a decimal integer literal of five or more
/// digits with `_` between each group of three digits from the right, and leaves every other
/// number (shorter integers, floats) as written. A minus sign is an operator of its own, so it
/// does not count as a digit.
fn number(n: &serde_json::Number) -> String {
    let written = n.to_string();
    let (sign, digits) = written.split_at(usize::from(written.starts_with('-')));
    if !(n.is_i64() || n.is_u64()) || digits.len() < 5 {
        return written;
    }
    let groups: Vec<&str> = digits
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|group| std::str::from_utf8(group).unwrap_or_default())
        .collect();
    format!("{sign}{}", groups.join("_"))
}

/// The words of a `%w[]` list: two or more strings, each non-empty and, as written in Ruby,
/// free of whitespace, brackets and backslashes.
fn words(items: &[Value]) -> Option<Vec<String>> {
    if items.len() < 2 {
        return None;
    }
    items
        .iter()
        .map(|item| {
            let printed = string(item.as_str()?);
            let word = &printed[1..printed.len() - 1];
            let plain = !word.is_empty() && !word.contains(|c: char| c.is_whitespace() || "[]\\".contains(c));
            plain.then(|| word.to_owned())
        })
        .collect()
}

/// A group of `open`, the items separated by commas, a trailing comma when broken, `close`;
/// `edge` is the break inside the brackets (`softline` for calls and lists, `line` for hashes).
fn bracketed(open: &str, items: Vec<Doc>, close: &str, edge: fn() -> Doc) -> Doc {
    if items.is_empty() {
        return text(format!("{open}{close}"));
    }
    Doc::Group(separated(open, items, close, edge))
}

/// `open`, the items separated by commas, a trailing comma when broken, `close`.
fn separated(open: &str, items: Vec<Doc>, close: &str, edge: fn() -> Doc) -> Vec<Doc> {
    let separator = || Doc::Concat(vec![text(","), line()]);
    vec![
        text(open),
        Doc::Indent(vec![edge(), Doc::Concat(join(items, separator))]),
        Doc::IfBreak {
            broken: ",".to_owned(),
            flat: String::new(),
        },
        edge(),
        text(close),
    ]
}

/// A double-quoted Ruby string: `\`, `"` and control characters escaped, and `#` escaped where
/// it would start an interpolation (`#{`, `#$`, `#@`).
pub(crate) fn string(s: &str) -> String {
    // `\x85` is a byte, which would leave a UTF-8 string invalid: past ASCII, `\u0085`.
    let quoted = super::printer::quoted(s, '"', |c| match u32::from(c) {
        code @ 0..=0x7f => format!("\\x{code:02x}"),
        code => format!("\\u{code:04x}"),
    });
    // No escape writes `#`, `{`, `$` or `@`, so each such pair left is the text's own.
    ["#{", "#$", "#@"]
        .into_iter()
        .fold(quoted, |out, pair| out.replace(pair, &format!("\\{pair}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::test_call;
    use crate::model::TypeRef;
    use serde_json::json;

    fn call_of(params: Value) -> String {
        code(&test_call("/acs/users/create", params))
    }

    #[test]
    fn a_call_that_fits_stays_on_one_line() {
        assert_eq!(call_of(json!({})), "seam.acs.users.create()");
        assert_eq!(
            call_of(json!({"on": true, "gone": null, "o": {"k": [1, 2]}})),
            "seam.acs.users.create(on: true, gone: nil, o: { k: [1, 2] })"
        );
    }

    #[test]
    fn a_call_that_does_not_fit_puts_each_argument_on_its_own_line() {
        let long = "x".repeat(80);
        assert_eq!(
            call_of(json!({"name": long, "ids": ["a", "b"], "one": ["a"], "spaced": ["a b", "c"], "k-k": 1})),
            format!(
                "seam.acs.users.create(\n  name: \"{long}\",\n  ids: %w[a b],\n  one: [\"a\"],\n  \
                 spaced: [\"a b\", \"c\"],\n  \"k-k\": 1,\n)"
            )
        );
    }

    #[test]
    fn strings_are_escaped_and_words_with_escapes_stay_strings() {
        assert_eq!(
            call_of(json!({"s": "a \"b\" #{x} #$y #@z # $w\n", "w": ["a\"", "b"]})),
            "seam.acs.users.create(s: \"a \\\"b\\\" \\#{x} \\#$y \\#@z # $w\\n\", w: [\"a\\\"\", \"b\"])"
        );
        assert_eq!(string("##{ \\#@ #\n"), r##""#\#{ \\\#@ #\n""##);
    }

    #[test]
    fn a_resource_has_string_keys_and_its_hashes_symbol_keys() {
        let long = "y".repeat(100);
        let body = json!({"acs_user": {"acs_user_id": "1", "errors": [], "meta": {"a": 1, "b": null}, "none": {}, "gone": null, "url": long,
            "ids": ["p", "q", "r"]}});
        let ty = TypeRef::named("acs_user");
        let shown = Shown::new("acs_user", &body, &ty);
        assert_eq!(
            output(Some(&shown)),
            format!(
                "{{\n  \"acs_user_id\" => \"1\",\n  \"errors\" => [],\n  \"meta\" => {{\n    a: 1,\n    b: null,\n  }},\n  \"none\" => {{\n  }},\n  \"gone\" => nil,\n  \
                 \"url\" =>\n    \"{long}\",\n  \"ids\" => %w[p q r],\n}}"
            )
        );
        assert_eq!(output(None), "nil");
    }

    #[test]
    fn integers_of_five_or_more_digits_are_grouped_in_threes() {
        assert_eq!(
            call_of(json!({"a": 1234, "b": 12345, "c": 101923, "d": -1234567, "e": 12345.5, "f": 0})),
            "seam.acs.users.create(a: 1234, b: 12_345, c: 101_923, d: -1_234_567, e: 12345.5, f: 0)"
        );
        let body = json!({"n": {"count": 1000000, "meta": {"size": 99999}}});
        let ty = TypeRef::named("n");
        let shown = Shown::new("n", &body, &ty);
        assert_eq!(
            output(Some(&shown)),
            "{ \"count\" => 1_000_000, \"meta\" => { size: 99_999 } }"
        );
    }
}
