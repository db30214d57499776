//! How JavaScript writes values, which the HTTP tabs' layout follows: `String(number)`,
//! `JSON.stringify`, `encodeURIComponent` and the string escaping of the snippet library the
//! tabs are checked against.

use serde_json::{Number, Value};

/// A number as JavaScript's `String(n)` writes it: the shortest digits that read back, fixed
/// notation for exponents from -7 to 20, else `1e+21`, `1.5e-7`.
pub fn number(n: &Number) -> String {
    let Some(f) = n.as_f64() else { return n.to_string() };
    if f == 0.0 {
        return "0".to_owned();
    }
    // `{:e}` gives the shortest round-trip digits: `-1.2345e-7`.
    let exp_form = format!("{:e}", f.abs());
    let (mantissa, exponent) = exp_form.split_once('e').unwrap_or((&exp_form, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let sign = if f < 0.0 { "-" } else { "" };
    // `n` of the ECMAScript algorithm: the decimal point sits after `n` digits.
    let k = digits.len() as i32;
    let point = exponent + 1;
    let body = if k <= point && point <= 21 {
        format!("{digits}{}", "0".repeat((point - k) as usize))
    } else if 0 < point && point <= 21 {
        format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
    } else if -6 < point && point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else {
        let e = point - 1;
        let e = if e >= 0 { format!("+{e}") } else { e.to_string() };
        if k == 1 {
            format!("{digits}e{e}")
        } else {
            format!("{}.{}e{e}", &digits[..1], &digits[1..])
        }
    };
    format!("{sign}{body}")
}

/// `JSON.stringify(value)`: compact, numbers as JavaScript writes them.
pub fn json(value: &Value) -> String {
    let mut out = String::new();
    write_json(value, &mut out);
    out
}

fn write_json(value: &Value, out: &mut String) {
    match value {
        Value::Number(n) => out.push_str(&number(n)),
        Value::String(s) => out.push_str(&string_literal(s)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&string_literal(key));
                out.push(':');
                write_json(item, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// `JSON.stringify(text)`: a double-quoted string literal.
pub fn string_literal(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// The snippet library's `escapeString`: JSON's escapes, `delimiter` escaped, newlines kept
/// when `newlines` is false, other characters as they are.
pub fn escape(text: &str, delimiter: char, newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' if newlines => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' if newlines => out.push_str("\\r"),
            '\n' | '\r' => out.push(c),
            '\\' => out.push_str("\\\\"),
            c if c == delimiter => {
                out.push('\\');
                out.push(c);
            }
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// `escapeForDoubleQuotes`.
pub fn escape_double(text: &str) -> String {
    escape(text, '"', true)
}

/// `escapeForSingleQuotes`.
pub fn escape_single(text: &str) -> String {
    escape(text, '\'', true)
}

/// `encodeURIComponent`, which Node's `querystring.escape` matches: every byte but
/// `A–Z a–z 0–9 - _ . ! ~ * ' ( )` percent-encoded.
pub fn uri_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The length JavaScript gives a string: its UTF-16 code units.
pub fn length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Whether JavaScript lists `key` before the other keys of an object: an array index
/// (`0`, `42`), which objects keep first, in ascending order.
fn is_index(key: &str) -> bool {
    !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_digit())
        && (key == "0" || !key.starts_with('0'))
        && key.parse::<u32>().is_ok_and(|n| n < u32::MAX)
}

/// `keys` in the order a JavaScript object built from them in this order lists them: array
/// indexes first, ascending, then the others as inserted (the first insertion placing a key).
pub fn object_order<T>(entries: Vec<(String, T)>) -> Vec<(String, T)> {
    let (mut indexes, others): (Vec<_>, Vec<_>) = entries.into_iter().partition(|(k, _)| is_index(k));
    indexes.sort_by_key(|(k, _)| k.parse::<u32>().unwrap_or(0));
    indexes.extend(others);
    indexes
}

/// A value `stringify-object` prints.
#[derive(Debug, Clone)]
pub enum Printed {
    /// Printed as it is (a number, or a value a transform wrapped).
    Raw(String),
    /// A string, printed single-quoted.
    Str(String),
    /// An object's entries, in order.
    Object(Vec<(String, Printed)>),
    /// An array's items.
    Array(Vec<Printed>),
}

impl Printed {
    /// A JSON value, its objects' keys in JavaScript's order.
    pub fn from_value(value: &Value) -> Printed {
        match value {
            Value::String(s) => Printed::Str(s.clone()),
            Value::Number(n) => Printed::Raw(number(n)),
            Value::Array(items) => Printed::Array(items.iter().map(Printed::from_value).collect()),
            Value::Object(map) => Printed::Object(object_order(
                map.iter().map(|(k, v)| (k.clone(), Printed::from_value(v))).collect(),
            )),
            other => Printed::Raw(other.to_string()),
        }
    }
}

/// `stringify-object` 3.3.0 with `indent` and `inlineCharacterLimit: limit`; `transform`
/// rewrites the printed value of an object's property by its key.
pub fn stringify_object(
    value: &Printed,
    indent: &str,
    limit: usize,
    transform: &dyn Fn(&str, String) -> String,
) -> String {
    stringify(value, indent, limit, "", transform)
}

fn stringify(
    value: &Printed,
    indent: &str,
    limit: usize,
    pad: &str,
    transform: &dyn Fn(&str, String) -> String,
) -> String {
    // Each item: its text, then whether a `,` and a line break or space follows.
    let (open, close, items): (char, char, Vec<String>) = match value {
        Printed::Raw(text) => return text.clone(),
        Printed::Str(text) => return single_quoted(text),
        Printed::Array(items) if items.is_empty() => return "[]".to_owned(),
        Printed::Object(entries) if entries.is_empty() => return "{}".to_owned(),
        Printed::Array(items) => (
            '[',
            ']',
            items
                .iter()
                .map(|item| stringify(item, indent, limit, &format!("{pad}{indent}"), transform))
                .collect(),
        ),
        Printed::Object(entries) => (
            '{',
            '}',
            entries
                .iter()
                .map(|(key, item)| {
                    let classic = {
                        let mut chars = key.chars();
                        chars
                            .next()
                            .is_some_and(|c| c.is_ascii_alphabetic() || c == '$' || c == '_')
                            && chars.all(|c| c.is_ascii_alphanumeric() || c == '$' || c == '_')
                    };
                    let key_text = if classic { key.clone() } else { single_quoted(key) };
                    let printed = stringify(item, indent, limit, &format!("{pad}{indent}"), transform);
                    format!("{key_text}: {}", transform(key, printed))
                })
                .collect(),
        ),
    };
    let one_line = format!("{open}{}{close}", items.join(", "));
    if length(&one_line) <= limit {
        return one_line;
    }
    let inner = format!("{pad}{indent}");
    let lines: Vec<String> = items.iter().map(|item| format!("{inner}{item}")).collect();
    format!("{open}\n{}\n{pad}{close}", lines.join(",\n"))
}

/// A string as `stringify-object` quotes it when JavaScript reads that back as `text`, else
/// correctly escaped ([`super::literal`]).
fn single_quoted(text: &str) -> String {
    super::literal::safe(super::literal::Syntax::JsSingle, stringify_object_quoted(text), text)
}

/// A string as `stringify-object` quotes it: line breaks escaped, a quote (with the backslash
/// before it, if any) as `\'`, nothing else escaped.
fn stringify_object_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' if chars.peek() == Some(&'\'') => {
                chars.next();
                out.push_str("\\'");
            }
            '\'' => out.push_str("\\'"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        let cases = [
            (json!(10), "10"),
            (json!(-3), "-3"),
            (json!(1.5), "1.5"),
            (json!(0.1), "0.1"),
            (json!(1e21), "1e+21"),
            (json!(1e20), "100000000000000000000"),
            (json!(1.5e-7), "1.5e-7"),
            (json!(0.000001), "0.000001"),
            (json!(2.0), "2"),
            (json!(123.456), "123.456"),
        ];
        for (value, text) in cases {
            let Value::Number(n) = value else { unreachable!() };
            assert_eq!(number(&n), text);
        }
    }

    #[test]
    fn strings_are_escaped_as_the_snippet_library_escapes_them() {
        assert_eq!(escape_double("a \"b\" \\ \n\u{1}é"), "a \\\"b\\\" \\\\ \\n\\u0001é");
        assert_eq!(escape("it's\n", '\'', false), "it\\'s\n");
        assert_eq!(uri_component("a b&c'()*~é"), "a%20b%26c'()*~%C3%A9");
        // stringify-object escapes no backslash, but one before a quote becomes the quote's.
        assert_eq!(stringify_object_quoted("a\\b \\' ' \n"), "'a\\b \\' \\' \\n'");
    }

    #[test]
    fn short_objects_stay_on_one_line() {
        let value = Printed::Object(vec![
            ("method".to_owned(), Printed::Str("GET".to_owned())),
            (
                "headers".to_owned(),
                Printed::Object(vec![("accept".to_owned(), Printed::Str("application/json".to_owned()))]),
            ),
        ]);
        assert_eq!(
            stringify_object(&value, "  ", 80, &|_, v| v),
            "{method: 'GET', headers: {accept: 'application/json'}}"
        );
    }
}
