//! How wide text is on a line, as each formatter counts it when it decides where to break:
//! a CJK character or an emoji takes two columns, a combining mark none.

use unicode_width::UnicodeWidthChar;

/// How a formatter measures text.
pub type Measure = fn(&str) -> usize;

/// prettier's `getStringWidth` (prettier 3, also under its PHP plugin): text of printable
/// ASCII (DEL included) is one column a character; other text counts an emoji sequence as two
/// columns, control characters and combining marks as none, East Asian wide and fullwidth
/// characters as two, anything else as one.
pub fn prettier(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..=0x7f).contains(&b)) {
        return text.len();
    }
    let mut width = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_regional_indicator(c) {
            // A flag is a pair of regional indicators, one emoji.
            width += 2;
            chars.next_if(|&next| is_regional_indicator(next));
            continue;
        }
        let columns = match c.width() {
            None => 0,
            Some(0) if is_emoji_joiner(c) => 0,
            // Format characters (a zero-width space) are not marks: prettier counts them.
            Some(0) if is_format(c) => 1,
            Some(columns) => columns,
        };
        width += columns;
        if columns == 2 {
            // The rest of an emoji sequence (a skin tone, a variation selector, a joined
            // emoji) belongs to the emoji's two columns.
            while let Some(&next) = chars.peek() {
                if is_emoji_joiner(next) || is_skin_tone(next) {
                    chars.next();
                    if next == ZERO_WIDTH_JOINER {
                        chars.next();
                    }
                } else {
                    break;
                }
            }
        }
    }
    width
}

/// ruff's formatter: each character's `unicode-width` (control characters none).
pub fn ruff(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

const ZERO_WIDTH_JOINER: char = '\u{200d}';

fn is_emoji_joiner(c: char) -> bool {
    matches!(c, ZERO_WIDTH_JOINER | '\u{fe0e}' | '\u{fe0f}' | '\u{20e3}')
}

fn is_skin_tone(c: char) -> bool {
    ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

/// The zero-width format characters `unicode-width` gives no columns but which are no
/// combining marks (General_Category Cf, and the Hangul fillers).
fn is_format(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_and_emoji_take_two_columns() {
        assert_eq!(prettier("a😀b"), 4);
        assert_eq!(ruff("a😀b"), 4);
        assert_eq!(prettier("漢字"), 4);
        assert_eq!(prettier("€ß"), 2);
    }

    #[test]
    fn marks_and_controls_take_none() {
        assert_eq!(prettier("e\u{301}"), 1);
        assert_eq!(ruff("e\u{301}"), 1);
        assert_eq!(prettier("é\u{85}"), 1);
        assert_eq!(ruff("\u{85}a"), 1);
    }

    #[test]
    fn printable_ascii_counts_del_as_a_column_but_not_beside_other_text() {
        assert_eq!(prettier("a\u{7f}"), 2);
        assert_eq!(prettier("é\u{7f}"), 1);
    }

    #[test]
    fn an_emoji_sequence_is_one_emoji() {
        assert_eq!(prettier("👩\u{200d}👩\u{200d}👧"), 2);
        assert_eq!(prettier("👍🏽"), 2);
        assert_eq!(prettier("🇫🇷"), 2);
    }
}
