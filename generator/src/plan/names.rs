//! Rust identifiers from wire names: casing, keywords, invalid characters and clashes.

use std::collections::{HashMap, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::model::ascii_word;

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a `_` suffix.
const PLAIN_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A snake_case identifier (a field, method, parameter, module or variable), as Rust source:
/// keywords become raw identifiers (`r#type`) or take a `_` suffix (`self_`).
pub fn snake(wire: &str) -> String {
    let mut word = ascii_word(wire).to_snake_case();
    if word.is_empty() || word.chars().all(|c| c == '_') {
        word = "value".to_owned();
    }
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        word.insert(0, '_');
    }
    keyword_safe(word)
}

/// An UpperCamelCase identifier (a type or variant).
pub fn pascal(wire: &str) -> String {
    let mut word = ascii_word(wire).to_upper_camel_case();
    if word.is_empty() {
        word = "Empty".to_owned();
    }
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        word.insert(0, 'V');
    }
    keyword_safe(word)
}

fn keyword_safe(word: String) -> String {
    if PLAIN_KEYWORDS.contains(&word.as_str()) {
        format!("{word}_")
    } else if RAW_KEYWORDS.contains(&word.as_str()) {
        format!("r#{word}")
    } else {
        word
    }
}

/// The identifier without a raw prefix, e.g. to build other names from it.
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out names unique within one scope: a clash takes the first free numeric suffix.
#[derive(Debug, Default)]
pub struct Namer {
    used: HashSet<String>,
    /// Per stem, the suffix the last clash took. Names are only ever added, so every suffix
    /// up to it is still taken and the search for the next free one starts after it: a stem
    /// that clashes a thousand times costs a thousand look-ups, not half a million.
    last_suffix: HashMap<String, u32>,
}

impl Namer {
    /// A scope where `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Namer {
            used: reserved.iter().map(|s| (*s).to_owned()).collect(),
            last_suffix: HashMap::new(),
        }
    }

    /// Takes `name`, so that no later name is it.
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_owned());
    }

    /// `wanted` if free, else `wanted2`, `wanted3`, … (snake names get `_2`).
    pub fn unique(&mut self, wanted: String) -> String {
        if self.used.insert(wanted.clone()) {
            return wanted;
        }
        let stem = bare(&wanted).trim_end_matches('_').to_owned();
        let snake = stem.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
        let first = self.last_suffix.get(&stem).map_or(2, |n| n + 1);
        for n in first.. {
            let candidate = if snake {
                format!("{stem}_{n}")
            } else {
                format!("{stem}{n}")
            };
            if self.used.insert(candidate.clone()) {
                self.last_suffix.insert(stem, n);
                return candidate;
            }
        }
        unreachable!("the suffixes are unbounded")
    }
}

/// A Rust string literal of `text`.
pub fn string_literal(text: &str) -> String {
    format!("{text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_odd_wire_names_become_identifiers() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("match"), "r#match");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(snake("x-request-id"), "x_request_id");
        assert_eq!(snake("a.b c"), "a_b_c");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(snake("héllo"), "h_llo");
        assert_eq!(snake("-"), "value");
        assert_eq!(pascal("self"), "Self_");
        assert_eq!(pascal("Self"), "Self_");
        assert_eq!(pascal("type"), "Type");
        assert_eq!(pascal("1password"), "V1password");
        assert_eq!(pascal(""), "Empty");
        assert_eq!(pascal("salto ks"), "SaltoKs");
    }

    #[test]
    fn clashes_get_suffixes() {
        let mut namer = Namer::with_reserved(&["Other"]);
        assert_eq!(namer.unique(pascal("other")), "Other2");
        assert_eq!(namer.unique(pascal("a-b")), "AB");
        assert_eq!(namer.unique(pascal("a_b")), "AB2");
        let mut fields = Namer::default();
        assert_eq!(fields.unique(snake("a-b")), "a_b");
        assert_eq!(fields.unique(snake("a.b")), "a_b_2");
        assert_eq!(fields.unique(snake("type")), "r#type");
        assert_eq!(fields.unique(snake("type")), "type_2");
    }

    #[test]
    fn each_clash_takes_the_first_free_suffix() {
        let mut namer = Namer::default();
        namer.reserve("Item4");
        let names: Vec<String> = (0..6).map(|_| namer.unique("Item".to_owned())).collect();
        assert_eq!(names, ["Item", "Item2", "Item3", "Item5", "Item6", "Item7"]);
        // A name taken as itself is skipped by the stem's next clash.
        assert_eq!(namer.unique("Item8".to_owned()), "Item8");
        assert_eq!(namer.unique("Item".to_owned()), "Item9");
    }
}
