//! String literals the HTTP tabs print, right for every value.
//!
//! The rule: each literal is first written as the snippet library writes it; when the language
//! reads that text back as exactly the value ([`decode`]), it is printed as it is, so tabs stay
//! byte for byte what httpsnippet prints; when it does not (a quote or a backslash breaks out of
//! the string, an escape the language does not know, a line break in a one-line string,
//! `#{…}` in Ruby's or `$x` in PHP's double quotes), the value is printed as a correctly
//! escaped literal of the same kind instead ([`encode`]). Each such replacement is recorded,
//! so that the differential test can check that the snippet library's text was wrong for it.

use std::cell::RefCell;

/// A kind of string literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JavaScript, `'…'`.
    JsSingle,
    /// Python, `"…"`.
    PythonDouble,
    /// Ruby, `'…'`.
    RubySingle,
    /// Ruby, `"…"` (interpolating).
    RubyDouble,
    /// PHP, `'…'`.
    PhpSingle,
    /// Go, `"…"`.
    GoDouble,
    /// Java, `"…"`.
    JavaDouble,
    /// C#, `"…"`.
    CSharpDouble,
    /// An item of a PHP array that another item follows, its value the item's text with the
    /// comma that separates it from the next (the snippet library leaves out the comma after
    /// Guzzle's `'multipart' => […]`, which PHP refuses to parse).
    PhpArrayItem,
    /// Python's JSON body (its `payload = …` line, or `, json=payload` of the call) where
    /// the snippet library prints none: it leaves out a body JavaScript reads as false (`0`,
    /// `false`, `""`, `null`), so the request would go without the body its call sends.
    PythonFalsyBody,
}

/// A literal printed instead of the snippet library's: the value, what the library prints
/// for it, and what is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The literal's kind.
    pub syntax: Syntax,
    /// The value.
    pub value: String,
    /// The snippet library's literal, which does not read back as the value.
    pub snippet: String,
    /// The literal printed.
    pub printed: String,
}

thread_local! {
    static CORRECTIONS: RefCell<Option<Vec<Correction>>> = const { RefCell::new(None) };
}

/// Runs `print`, returning what it prints and the literals it corrected.
pub fn recording(print: impl FnOnce() -> String) -> (String, Vec<Correction>) {
    let outer = CORRECTIONS.with(|c| c.borrow_mut().replace(Vec::new()));
    let code = print();
    let corrections = CORRECTIONS
        .with(|c| std::mem::replace(&mut *c.borrow_mut(), outer))
        .unwrap_or_default();
    (code, corrections)
}

/// `snippet`, the snippet library's literal for `value`, when the language reads it back as
/// `value`; else a correct literal of the same kind.
pub fn safe(syntax: Syntax, snippet: String, value: &str) -> String {
    if decode(syntax, &snippet).as_deref() == Some(value) {
        return snippet;
    }
    let printed = encode(syntax, value);
    CORRECTIONS.with(|c| {
        if let Some(list) = c.borrow_mut().as_mut() {
            list.push(Correction {
                syntax,
                value: value.to_owned(),
                snippet,
                printed: printed.clone(),
            });
        }
    });
    printed
}

/// `printed`, recorded as a correction of `snippet` (what the snippet library prints in its
/// place), where the library leaves out what the request needs.
pub fn kept(syntax: Syntax, snippet: &str, printed: String) -> String {
    CORRECTIONS.with(|c| {
        if let Some(list) = c.borrow_mut().as_mut() {
            list.push(Correction {
                syntax,
                value: printed.clone(),
                snippet: snippet.to_owned(),
                printed: printed.clone(),
            });
        }
    });
    printed
}

/// A correct literal of `value`. Where the kind cannot hold the value (Ruby's and PHP's single
/// quotes have no escape for a control character), the language's double-quoted form.
pub fn encode(syntax: Syntax, value: &str) -> String {
    let control = |c: char| c.is_control() || c == '\u{2028}' || c == '\u{2029}';
    match syntax {
        Syntax::PhpArrayItem | Syntax::PythonFalsyBody => value.to_owned(),
        Syntax::JsSingle => {
            let mut out = String::from("'");
            for c in value.chars() {
                match c {
                    '\'' => out.push_str("\\'"),
                    '\\' => out.push_str("\\\\"),
                    c => push_json_char(&mut out, c),
                }
            }
            out.push('\'');
            out
        }
        Syntax::PythonDouble | Syntax::GoDouble | Syntax::JavaDouble => json_quoted(value, |_| false),
        Syntax::CSharpDouble => json_quoted(value, |c| matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')),
        Syntax::RubyDouble => json_quoted(value, |_| false).replace('#', "\\#"),
        Syntax::RubySingle if !value.chars().any(control) => single_quoted(value),
        Syntax::RubySingle => json_quoted(value, |_| false).replace('#', "\\#"),
        Syntax::PhpSingle if !value.chars().any(control) => single_quoted(value),
        Syntax::PhpSingle => {
            let mut out = String::from("\"");
            for c in value.chars() {
                match c {
                    '"' | '\\' | '$' => {
                        out.push('\\');
                        out.push(c);
                    }
                    c if control(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
    }
}

/// `'…'` with only `\` and `'` escaped, as Ruby and PHP read single quotes.
fn single_quoted(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `JSON.stringify(value)`, the characters `also` picks escaped as `\uXXXX` too.
fn json_quoted(value: &str, also: impl Fn(char) -> bool) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if also(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => push_json_char(&mut out, c),
        }
    }
    out.push('"');
    out
}

/// A character as JSON writes it inside a string, quotes and backslash aside; U+2028 and
/// U+2029 escaped too, as older JavaScript requires.
fn push_json_char(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        c if c < ' ' || c == '\u{2028}' || c == '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push(c),
    }
}

/// The value the language reads from `literal`, or `None` when it reads none, reads it only
/// with a warning, or would run part of it (interpolation). Knows the escapes the snippet
/// library writes; any other escape counts as not read.
pub fn decode(syntax: Syntax, literal: &str) -> Option<String> {
    if syntax == Syntax::PhpArrayItem {
        // Without its comma, the item runs into the next one.
        return literal.trim_end().ends_with(',').then(|| literal.to_owned());
    }
    if syntax == Syntax::PythonFalsyBody {
        // Left out, the body is not sent at all.
        return (!literal.is_empty()).then(|| literal.to_owned());
    }
    let quote = match syntax {
        Syntax::JsSingle | Syntax::RubySingle | Syntax::PhpSingle => '\'',
        _ => '"',
    };
    let inner = literal.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        let raw_line_break = matches!(c, '\n' | '\r');
        match c {
            c if c == quote => return None,
            '\\' => {
                let e = chars.next()?;
                match syntax {
                    Syntax::RubySingle | Syntax::PhpSingle => {
                        if e != '\\' && e != '\'' {
                            out.push('\\');
                        }
                        out.push(e);
                    }
                    _ => {
                        let simple = match e {
                            '\\' => Some('\\'),
                            '"' => Some('"'),
                            '\'' if syntax != Syntax::GoDouble => Some('\''),
                            'n' => Some('\n'),
                            'r' => Some('\r'),
                            't' => Some('\t'),
                            'b' => Some('\u{8}'),
                            'f' => Some('\u{c}'),
                            '#' if syntax == Syntax::RubyDouble => Some('#'),
                            _ => None,
                        };
                        match (simple, e) {
                            (Some(s), _) => out.push(s),
                            (None, 'u') => {
                                let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                                let code = u32::from_str_radix(&hex, 16).ok().filter(|_| hex.len() == 4)?;
                                out.push(char::from_u32(code)?);
                            }
                            _ => return None,
                        }
                    }
                }
            }
            // A one-line string cannot hold a line break; Python and Go refuse NUL in source;
            // C# ends a line at U+0085, U+2028 and U+2029 too.
            _ if raw_line_break && !matches!(syntax, Syntax::RubySingle | Syntax::RubyDouble | Syntax::PhpSingle) => {
                return None
            }
            '\0' if matches!(syntax, Syntax::PythonDouble | Syntax::GoDouble) => return None,
            '\u{85}' | '\u{2028}' | '\u{2029}' if syntax == Syntax::CSharpDouble => return None,
            '#' if syntax == Syntax::RubyDouble && matches!(chars.peek(), Some('{' | '$' | '@')) => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &[&str] = &[
        "plain",
        "it's \"q\" \\ back",
        "\\\"",
        "line\nbreak\r\ttab",
        "nul\0bell\u{7}",
        "${x} #{x} #$x #@x $x `x` */ \"\"\"",
        "ünï©ødé ☃ 𝄞 \u{2028}\u{2029}\u{85}",
        "\\u0041 \\n",
    ];

    #[test]
    fn every_encoded_literal_reads_back_as_its_value() {
        for syntax in [
            Syntax::JsSingle,
            Syntax::PythonDouble,
            Syntax::RubySingle,
            Syntax::RubyDouble,
            Syntax::PhpSingle,
            Syntax::GoDouble,
            Syntax::JavaDouble,
            Syntax::CSharpDouble,
        ] {
            for value in HOSTILE {
                let literal = encode(syntax, value);
                let read = if literal.starts_with('"') && matches!(syntax, Syntax::RubySingle) {
                    decode(Syntax::RubyDouble, &literal)
                } else if literal.starts_with('"') && syntax == Syntax::PhpSingle {
                    // PHP's double quotes: read by hand below.
                    continue;
                } else {
                    decode(syntax, &literal)
                };
                assert_eq!(read.as_deref(), Some(*value), "{syntax:?} {literal}");
            }
        }
    }

    #[test]
    fn the_snippet_librarys_literal_is_kept_when_it_reads_back() {
        assert_eq!(safe(Syntax::PythonDouble, "\"a 'b'\"".into(), "a 'b'"), "\"a 'b'\"");
        // Python's literal of httpsnippet escapes only the quote.
        assert_eq!(
            safe(Syntax::PythonDouble, "\"a \\ b\"".into(), "a \\ b"),
            "\"a \\\\ b\""
        );
        assert_eq!(safe(Syntax::RubyDouble, "\"#{x}\"".into(), "#{x}"), "\"\\#{x}\"");
        assert_eq!(safe(Syntax::PhpSingle, "'a\\nb'".into(), "a\nb"), "\"a\\u{a}b\"");
        assert_eq!(decode(Syntax::GoDouble, "\"it\\'s\""), None);
        assert_eq!(decode(Syntax::JsSingle, "'a\\'b'").as_deref(), Some("a'b"));
    }

    #[test]
    fn corrections_are_recorded() {
        let (code, corrections) = recording(|| safe(Syntax::JsSingle, "'a\\b'".into(), "a\\b"));
        assert_eq!(code, "'a\\\\b'");
        assert_eq!(corrections.len(), 1);
        assert_eq!(corrections[0].snippet, "'a\\b'");
    }
}
