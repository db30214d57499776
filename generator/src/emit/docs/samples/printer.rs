//! One pretty-printer for every language's literals: a [`Node`] tree printed with a
//! language's [`Syntax`] and a [`Layout`].

use serde_json::Value;

/// A value to print, with the few things plain JSON cannot say (a class name, elided fields).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`, a boolean, a number or a string.
    Scalar(Value),
    /// A list.
    Array(Vec<Node>),
    /// An object, a map, or a call with named arguments.
    Object {
        /// A class or call name (`AcsCredential`, `seam.acs.users.get`); `None` for a plain map.
        class: Option<String>,
        /// The entries, in order.
        entries: Vec<(String, Node)>,
        /// `Some(note)` when more entries exist than are shown; the note is printed as a comment.
        elided: Option<String>,
    },
}

impl Node {
    /// The node of a JSON value, with no class names.
    pub fn from_value(value: &Value) -> Node {
        match value {
            Value::Array(items) => Node::Array(items.iter().map(Node::from_value).collect()),
            Value::Object(map) => Node::Object {
                class: None,
                entries: map.iter().map(|(k, v)| (k.clone(), Node::from_value(v))).collect(),
                elided: None,
            },
            scalar => Node::Scalar(scalar.clone()),
        }
    }

    /// An object or call node with a class name and entries.
    pub fn call(class: impl Into<String>, entries: Vec<(String, Node)>) -> Node {
        Node::Object {
            class: Some(class.into()),
            entries,
            elided: None,
        }
    }

    /// The same node with `class` set, when it is an object.
    pub fn with_class(self, class: Option<String>) -> Node {
        match self {
            Node::Object { entries, elided, .. } => Node::Object { class, entries, elided },
            other => other,
        }
    }

    /// Keeps the first `keep` entries of an object and marks the rest as elided with `note`.
    pub fn elide(self, keep: usize, note: &str) -> Node {
        match self {
            Node::Object { class, mut entries, .. } => {
                entries.truncate(keep);
                Node::Object {
                    class,
                    entries,
                    elided: Some(note.to_owned()),
                }
            }
            other => other,
        }
    }

    fn is_scalar(&self) -> bool {
        matches!(self, Node::Scalar(_))
    }
}

/// How a language spells literals.
pub trait Syntax {
    /// A scalar: `null`, a boolean, a number or a string.
    fn scalar(&self, value: &Value) -> String;
    /// Opens an object (`{`, `AcsUser(`, `[`); `{` unless said otherwise.
    fn open_object(&self, class: Option<&str>) -> String {
        let _ = class;
        "{".to_owned()
    }
    /// Closes an object; `}` unless said otherwise.
    fn close_object(&self, class: Option<&str>) -> String {
        let _ = class;
        "}".to_owned()
    }
    /// One entry, given the already printed value.
    fn entry(&self, class: Option<&str>, key: &str, value: &str) -> String;
    /// Opens a list of `items`.
    fn open_array(&self, items: &[Node]) -> String {
        let _ = items;
        "[".to_owned()
    }
    /// Closes a list.
    fn close_array(&self) -> String {
        "]".to_owned()
    }
    /// What separates the entries of an object of `class` (`None` also for lists).
    fn separator(&self, class: Option<&str>) -> &'static str {
        let _ = class;
        ","
    }
    /// An object without entries.
    fn empty_object(&self, class: Option<&str>) -> String {
        format!("{}{}", self.open_object(class), self.close_object(class))
    }
    /// A line that stands for elided entries; `// note` unless said otherwise.
    fn comment(&self, note: &str) -> String {
        format!("// {note}")
    }
}

/// Opens an object that is a call `Class(` when it has a class, else a map opened by `map`
/// (Python, PHP, C#).
pub fn open_call_or_map(class: Option<&str>, map: &str) -> String {
    match class {
        Some(class) => format!("{class}("),
        None => map.to_owned(),
    }
}

/// Closes what [`open_call_or_map`] opened: `)`, or `map`.
pub fn close_call_or_map(class: Option<&str>, map: &str) -> String {
    match class {
        Some(_) => ")".to_owned(),
        None => map.to_owned(),
    }
}

/// Indentation and punctuation choices.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// One level of indentation.
    pub indent: &'static str,
    /// Whether the last entry of a multi-line object or list ends with a separator too.
    pub trailing_comma: bool,
    /// Whether a non-empty list of scalars stays on one line.
    pub inline_scalar_lists: bool,
}

/// Prints `node` whose first line starts at indentation `level` (the first line itself is not indented).
pub fn print(node: &Node, syntax: &dyn Syntax, layout: &Layout, level: usize) -> String {
    let mut out = String::new();
    write_node(&mut out, node, syntax, layout, level);
    out
}

fn write_node(out: &mut String, node: &Node, syntax: &dyn Syntax, layout: &Layout, level: usize) {
    match node {
        Node::Scalar(value) => out.push_str(&syntax.scalar(value)),
        Node::Array(items) => {
            out.push_str(&syntax.open_array(items));
            if items.is_empty() {
            } else if layout.inline_scalar_lists && items.iter().all(Node::is_scalar) {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(syntax.separator(None));
                        out.push(' ');
                    }
                    write_node(out, item, syntax, layout, level);
                }
            } else {
                out.push('\n');
                for (i, item) in items.iter().enumerate() {
                    push_indent(out, layout, level + 1);
                    write_node(out, item, syntax, layout, level + 1);
                    if i + 1 < items.len() || layout.trailing_comma {
                        out.push_str(syntax.separator(None));
                    }
                    out.push('\n');
                }
                push_indent(out, layout, level);
            }
            out.push_str(&syntax.close_array());
        }
        Node::Object { class, entries, elided } => {
            let class = class.as_deref();
            if entries.is_empty() && elided.is_none() {
                out.push_str(&syntax.empty_object(class));
            } else {
                out.push_str(&syntax.open_object(class));
                out.push('\n');
                for (i, (key, value)) in entries.iter().enumerate() {
                    push_indent(out, layout, level + 1);
                    let printed = print(value, syntax, layout, level + 1);
                    out.push_str(&syntax.entry(class, key, &printed));
                    // Elided entries follow the shown ones, so every shown entry is separated.
                    if i + 1 < entries.len() || layout.trailing_comma || elided.is_some() {
                        out.push_str(syntax.separator(class));
                    }
                    out.push('\n');
                }
                if let Some(note) = elided {
                    push_indent(out, layout, level + 1);
                    out.push_str(&syntax.comment(note));
                    out.push('\n');
                }
                push_indent(out, layout, level);
                out.push_str(&syntax.close_object(class));
            }
        }
    }
}

fn push_indent(out: &mut String, layout: &Layout, level: usize) {
    for _ in 0..level {
        out.push_str(layout.indent);
    }
}

/// A string between `quote`s the way C-like languages read it: `\\`, the quote, `\n`, `\r`
/// and `\t` escaped with a backslash, other control characters by `control`.
pub fn quoted(s: &str, quote: char, control: fn(char) -> String) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&control(c)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A string between double quotes (see [`quoted`]).
pub fn escape_double_quoted(s: &str, control: fn(char) -> String) -> String {
    quoted(s, '"', control)
}

/// `\u00XX`-style escape (JavaScript, Java, C#, JSON).
pub fn control_u4(c: char) -> String {
    format!("\\u{:04x}", c as u32)
}

/// `\xXX`-style escape (Python, PHP-free languages that read it).
pub fn control_x2(c: char) -> String {
    if (c as u32) < 0x100 {
        format!("\\x{:02x}", c as u32)
    } else {
        format!("\\u{:04x}", c as u32)
    }
}

/// JSON's own spelling of a scalar, strings included.
pub fn json_scalar(value: &Value) -> String {
    value.to_string()
}

/// JSON, as `JSON.stringify(value, null, 2)` prints it, with optional elision comments.
pub struct Json {
    /// What starts a comment line (`//` or `#`; JSON itself has none).
    pub comment: &'static str,
}

impl Syntax for Json {
    fn scalar(&self, value: &Value) -> String {
        json_scalar(value)
    }
    fn entry(&self, _: Option<&str>, key: &str, value: &str) -> String {
        format!("{}: {value}", Value::from(key))
    }
    fn comment(&self, note: &str) -> String {
        format!("{} {note}", self.comment)
    }
}

/// The layout of pretty JSON: two spaces, no trailing commas, every list item on its own line.
pub const JSON_LAYOUT: Layout = Layout {
    indent: "  ",
    trailing_comma: false,
    inline_scalar_lists: false,
};

/// Pretty JSON of `node`, two-space indented.
pub fn json(node: &Node, comment: &'static str) -> String {
    print(node, &Json { comment }, &JSON_LAYOUT, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_matches_serde_pretty_printing() {
        let value = json!({"a": [1, 2], "b": {"c": null, "d": []}, "e": {}, "f": "q\"\\\n"});
        let ours = json(&Node::from_value(&value), "//");
        assert_eq!(ours, serde_json::to_string_pretty(&value).unwrap());
    }

    #[test]
    fn elided_objects_end_with_a_comment_after_a_separator() {
        let value = json!({"a": 1, "b": 2, "c": 3});
        let node = Node::from_value(&value).elide(2, "more");
        assert_eq!(json(&node, "#"), "{\n  \"a\": 1,\n  \"b\": 2,\n  # more\n}");
    }
}
