//! The order the reference sorts names and titles in: the Unicode collation's, as a browser's
//! `localeCompare` gives it, for the characters names and titles use. Letters compare without
//! their case first; spaces and punctuation come before digits, digits before letters; only
//! when two texts are otherwise equal does lower case come before upper case.

use std::cmp::Ordering;

/// Compares two texts in the reference's order.
pub fn compare(a: &str, b: &str) -> Ordering {
    let primary = a.chars().map(primary_weight).cmp(b.chars().map(primary_weight));
    primary.then_with(|| a.chars().map(case_weight).cmp(b.chars().map(case_weight)))
}

/// A character's place ignoring case: spaces and punctuation (in the collation's order of
/// the common ones), then digits, then letters.
fn primary_weight(c: char) -> (u8, u32) {
    const PUNCTUATION: &str = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";
    if let Some(index) = PUNCTUATION.find(c) {
        return (0, index as u32);
    }
    if c.is_ascii_digit() {
        return (1, c as u32);
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    (2, lower as u32)
}

/// Lower case before upper case.
fn case_weight(c: char) -> (bool, u32) {
    (c.is_uppercase(), c.to_lowercase().next().unwrap_or(c) as u32)
}

#[cfg(test)]
mod tests {
    use super::compare;
    use std::cmp::Ordering::*;

    #[test]
    fn orders_as_the_reference_does() {
        assert_eq!(compare("Access Groups", "ACS Users"), Less);
        assert_eq!(compare("List ACS User-Accessible Entrances", "List ACS Users"), Less);
        assert_eq!(
            compare("Create an Access Code", "Create Multiple Linked Access Codes"),
            Less
        );
        assert_eq!(compare("Set the HVAC Mode", "Set to Cool Mode"), Less);
        assert_eq!(compare("is_backup", "is_backup_access_code_available"), Less);
        assert_eq!(compare("a", "A"), Less);
        assert_eq!(compare("b", "A"), Greater);
        assert_eq!(compare("same", "same"), Equal);
    }
}
