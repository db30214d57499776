//! Raw HTML in a description's text. GitBook renders HTML written in Markdown, so a
//! description could put a `<script>`, an `<iframe>` or an `onerror=` attribute on every page
//! that shows it. Text from a description keeps only the bare tags that Seam's pages use
//! themselves and GitBook renders (`<b>`, `<i>`, `<strong>`, `<em>`, `<code>`, `<br>`,
//! `<details>`, `<summary>`, without attributes); any other tag, comment or declaration has its
//! `<` written as `&lt;`, so it shows as text. Code spans, fenced code, Markdown autolinks
//! (`<https://…>`) and a `<` that starts no tag (`a < b`) are left as written.

use std::borrow::Cow;

/// The tags kept, opening or closing, when written bare.
const KEPT_TAGS: &[&str] = &["b", "i", "strong", "em", "code", "br", "details", "summary"];

/// `text` with every raw HTML construct but the kept tags shown as text.
pub fn escape_raw_html(text: &str) -> Cow<'_, str> {
    if !text.contains('<') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    // Text between fences is escaped as one piece, as a code span may span lines.
    let mut prose = String::new();
    let mut in_fence = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let fence = line.len() - trimmed.len() < 4 && (trimmed.starts_with("```") || trimmed.starts_with("~~~"));
        if fence || in_fence {
            escape_prose(&prose, &mut out);
            prose.clear();
            out.push_str(line);
            in_fence ^= fence;
        } else {
            prose.push_str(line);
        }
    }
    escape_prose(&prose, &mut out);
    Cow::Owned(out)
}

/// Text outside fenced code: code spans kept, other raw HTML escaped.
fn escape_prose(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find(['`', '<']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let taken = if rest.starts_with('`') {
            let run = rest.len() - rest.trim_start_matches('`').len();
            let taken = code_span(rest, run).unwrap_or(run);
            out.push_str(&rest[..taken]);
            taken
        } else {
            match kept_tag(rest).or_else(|| autolink(rest)) {
                Some(len) => {
                    out.push_str(&rest[..len]);
                    len
                }
                None => {
                    out.push_str(if starts_html(rest) { "&lt;" } else { "<" });
                    1
                }
            }
        };
        rest = &rest[taken..];
    }
    out.push_str(rest);
}

/// The length of the code span that the `run` backticks at the start of `s` open: up to the
/// next run of exactly as many backticks, if there is one.
fn code_span(s: &str, run: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = run;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i] == b'`' {
            i += 1;
        }
        if i - start == run {
            return Some(i);
        }
    }
    None
}

/// Whether the `<` at the start of `s` opens HTML: a tag, a closing tag, a comment, a
/// declaration or a processing instruction.
fn starts_html(s: &str) -> bool {
    let mut chars = s.chars().skip(1);
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '!' || c == '?' => true,
        Some('/') => chars.next().is_some_and(|c| c.is_ascii_alphabetic()),
        _ => false,
    }
}

/// The length of a kept tag at the start of `s`: `<b>`, `</b>`, `<br/>`, `<br />`.
fn kept_tag(s: &str) -> Option<usize> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    let name = inner.strip_prefix('/').unwrap_or(inner);
    let name = name.strip_suffix('/').map_or(name, str::trim_end);
    KEPT_TAGS
        .iter()
        .any(|tag| name.eq_ignore_ascii_case(tag))
        .then_some(end + 1)
}

/// The length of a Markdown autolink at the start of `s`: `<scheme:…>` with no space, `<` or
/// `>` inside, the scheme a letter then 1 to 31 letters, digits, `+`, `.` or `-`.
fn autolink(s: &str) -> Option<usize> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    let (scheme, rest) = inner.split_once(':')?;
    let scheme_ok = (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    let rest_ok = !rest.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<');
    (scheme_ok && rest_ok).then_some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_seams_pages_use_are_kept() {
        let text =
            "A <b>bold</b>, <i>it</i>, <code>x</code><br>, <br/> <BR /> and <details><summary>s</summary></details>.";
        assert_eq!(escape_raw_html(text), text);
    }

    #[test]
    fn other_html_shows_as_text() {
        assert_eq!(
            escape_raw_html("Hi <script>alert(1)</script> <img src=x onerror=alert(1)> <!-- c --> <b onclick=x>"),
            "Hi &lt;script>alert(1)&lt;/script> &lt;img src=x onerror=alert(1)> &lt;!-- c --> &lt;b onclick=x>"
        );
    }

    #[test]
    fn code_autolinks_and_comparisons_are_left_alone() {
        let kept = [
            "Use `<script>` or ``a ` <iframe>`` here.",
            "See <https://docs.seam.co/latest> and <mailto:a@b.c>.",
            "When a < b and b > c, or x <= 2.",
            "```html\n<script>alert(1)</script>\n```\n",
            "No HTML at all.",
        ];
        for text in kept {
            assert_eq!(escape_raw_html(text), text);
        }
        assert_eq!(
            escape_raw_html("```\n<kept>\n```\nafter <script>\n"),
            "```\n<kept>\n```\nafter &lt;script>\n"
        );
        assert_eq!(escape_raw_html("an `unclosed <script>"), "an `unclosed &lt;script>");
    }
}
