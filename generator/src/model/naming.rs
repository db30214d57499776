//! Unique ids for named types, and the ASCII words every name is made of.
//!
//! Ids must stay unique after any emitter's case conversion, so two ids that differ only in
//! case or separators (`foo_bar`, `fooBar`) are treated as the same name.

use std::collections::HashSet;

use heck::ToSnakeCase;

/// The ids handed out so far, by their case-folded form.
#[derive(Debug, Default)]
pub struct IdRegistry {
    taken: HashSet<String>,
}

impl IdRegistry {
    /// Claims `wanted`, or `wanted_2`, `wanted_3`, … when taken, and returns the id claimed.
    pub fn claim(&mut self, wanted: &str) -> String {
        let base = sanitize(wanted);
        if self.taken.insert(fold(&base)) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}_{n}"))
            .find(|candidate| self.taken.insert(fold(candidate)))
            .expect("an unbounded range always yields a free id")
    }
}

/// The form two ids are compared in: snake_case, then without separators.
fn fold(id: &str) -> String {
    id.to_snake_case().replace('_', "")
}

/// Replaces every character that cannot appear in an identifier by `_` (non-ASCII letters
/// included, so names stay typeable).
pub fn ascii_word(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// A snake_case id made of ASCII letters, digits and `_`, never empty, never starting with a digit.
pub fn sanitize(raw: &str) -> String {
    let mut id = ascii_word(raw).to_snake_case();
    if id.is_empty() {
        id = "unnamed".to_owned();
    }
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert_str(0, "n_");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_fold_alike_get_suffixes() {
        let mut ids = IdRegistry::default();
        assert_eq!(ids.claim("acs_user"), "acs_user");
        assert_eq!(ids.claim("acsUser"), "acs_user_2");
        assert_eq!(ids.claim("acs-user"), "acs_user_3");
    }

    #[test]
    fn sanitize_makes_plain_ids() {
        assert_eq!(sanitize("2fa mode"), "n_2fa_mode");
        assert_eq!(sanitize("été"), "t");
        assert_eq!(sanitize("***"), "unnamed");
        assert_eq!(sanitize("x.y-z"), "x_y_z");
    }
}
