//! Quoting for the shell tabs (cURL, the Seam CLI): a reader pastes them into an interactive
//! shell, so no value may expand there, whoever wrote it. Values that need no protection keep
//! the layout the live reference shows; only a value that would expand is quoted otherwise.
//! A control character (a newline, a tab) is written as bash's `$'\n'` beside the quotes,
//! so a command stays on its lines and no value can end the page's code block.

/// `s` between single quotes, where nothing expands; a `'` of the text is `'\''`. Lines of
/// the text stay lines: for text laid out on several lines, such as pretty JSON.
pub(crate) fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A value between single quotes on one line: as [`single_quoted`], but each control
/// character as `$'\x0a'` beside the quotes.
pub(crate) fn single_quoted_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("'\\''"),
            c if c.is_control() => out.push_str(&format!("'{}'", ansi_c(c))),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A control character as bash's ANSI-C quoting writes it: `$'\x0a'`.
fn ansi_c(c: char) -> String {
    match u32::from(c) {
        code @ 0..=0x7f => format!("$'\\x{code:02x}'"),
        code => format!("$'\\u{code:04x}'"),
    }
}

/// `s` between double quotes: `\`, `"`, `$` and `` ` `` escaped by a backslash, and each `!`
/// that an interactive shell would read as a history expansion written as `"'!'"` (between
/// double quotes a backslash cannot stop that, and stays in the text).
pub(crate) fn double_quoted(s: &str) -> String {
    format!("\"{}\"", escaped(s, true))
}

/// What [`double_quoted`] writes between its quotes, to write beside shell variables that
/// must expand (`"Authorization: Bearer $TOKEN"`), or other text: a `!` at its end is
/// protected too.
pub(crate) fn double_quoted_text(s: &str) -> String {
    escaped(s, false)
}

/// The text between double quotes; `closes`: the closing quote follows it.
fn escaped(s: &str, closes: bool) -> String {
    let escapes = |c: char| matches!(c, '\\' | '"' | '$' | '`');
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // What the shell reads after a `!`: a backslash before an escaped character.
        let next = match chars.peek() {
            Some(&n) if escapes(n) => Some('\\'),
            Some(&n) => Some(n),
            None if closes => Some('"'),
            None => Some('!'),
        };
        match c {
            c if escapes(c) => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\"{}\"", ansi_c(c))),
            '!' if expands_history(next) => out.push_str("\"'!'\""),
            c => out.push(c),
        }
    }
    out
}

/// Whether an interactive bash reads a `!` followed by `next` (`None`: the end of the word)
/// as a history expansion: it does not before a blank, `=` or a double quote that closes.
fn expands_history(next: Option<char>) -> bool {
    !matches!(next, None | Some(' ' | '\t' | '\n' | '=' | '"'))
}

/// Whether the text of a JSON value, written bare as a word, can expand beyond what JSON's
/// own double quotes leave: a `$`, `` ` `` or `\` (JSON writes a `"` or a control character
/// of a string with one), or a `!` that starts a history expansion.
pub(crate) fn json_word_expands(json: &str) -> bool {
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '$' | '`' | '\\' => return true,
            // Inside a JSON string a `"` after a `!` closes it: any other is written `\"`.
            '!' if expands_history(chars.peek().copied()) => return true,
            _ => {}
        }
    }
    false
}

/// The start of a here-document that feeds `body` to a command's standard input, and its
/// delimiter: `<<EOF` when nothing in the body would expand, else `<<'EOF'`, in which
/// nothing does; the delimiter is one no line of the body is.
pub(crate) fn here_document(body: &str) -> (String, String) {
    let mut delimiter = "EOF".to_owned();
    let mut n = 1;
    while body.lines().any(|line| line == delimiter) {
        n += 1;
        delimiter = format!("EOF{n}");
    }
    let opener = if body.contains(['$', '`', '\\']) {
        format!("<<'{delimiter}'")
    } else {
        format!("<<{delimiter}")
    };
    (opener, delimiter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_quotes_escape_what_expands_and_keep_the_rest() {
        assert_eq!(double_quoted("https://h/a/b"), "\"https://h/a/b\"");
        assert_eq!(double_quoted("a$b `c` \\ \"d\""), r#""a\$b \`c\` \\ \"d\"""#);
        assert_eq!(double_quoted("Acme! done!"), "\"Acme! done!\"");
        assert_eq!(double_quoted("!!x"), "\"\"'!'\"\"'!'\"x\"");
        assert_eq!(double_quoted("a\nb"), "\"a\"$'\\x0a'\"b\"");
    }

    #[test]
    fn single_quotes_keep_everything_on_one_line() {
        assert_eq!(single_quoted("it's $x\n"), "'it'\\''s $x\n'");
        assert_eq!(single_quoted_line("it's $x"), r"'it'\''s $x'");
        assert_eq!(single_quoted_line("a\tb\u{85}"), r"'a'$'\x09''b'$'\u0085'''");
    }

    #[test]
    fn json_words_that_expand() {
        for safe in [r#""u""#, r#"["a","b"]"#, r#"{"k":"Acme!"}"#, "12", r#""a ! b""#] {
            assert!(!json_word_expands(safe), "{safe}");
        }
        for hostile in [
            r#""$(id)""#,
            r#""`id`""#,
            r#""a\"b""#,
            r#""a\nb""#,
            r#""!!""#,
            r#"["x!y"]"#,
        ] {
            assert!(json_word_expands(hostile), "{hostile}");
        }
    }

    #[test]
    fn here_documents_are_quoted_only_when_the_body_expands() {
        assert_eq!(here_document("{\n  \"a\": 1\n}").0, "<<EOF");
        assert_eq!(here_document("{\n  \"a\": \"$x\"\n}").0, "<<'EOF'");
        assert_eq!(here_document("{\n  \"a\": \"\\\"\"\n}").0, "<<'EOF'");
        assert_eq!(here_document("EOF\nEOF2"), ("<<EOF3".to_owned(), "EOF3".to_owned()));
    }
}
