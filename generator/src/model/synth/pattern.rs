//! A string that matches a schema's `pattern`, made deterministically from the pattern's
//! syntax tree (the `regex` crate's parser): a literal stands for itself, a class gives its
//! first letter or digit (else its first character), an alternation its first branch, a
//! repetition its fewest repeats (more where `minLength` asks for it), anchors and groups
//! nothing of their own. The result is matched against the pattern before it is used, so a
//! construct this reading gets wrong (a word boundary, say) is caught rather than sent;
//! lookaround and backreferences, which the parser does not read, give no string at all.

use regex_syntax::hir::{Class, Hir, HirKind};

/// A string matching `pattern` whose length (in UTF-16 code units, as a validating server
/// counts) lies within the bounds; else why there is none.
pub(super) fn matching(pattern: &str, min: Option<usize>, max: Option<usize>) -> Result<String, String> {
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .map_err(|_| "it uses a construct the generator does not read (lookaround or a backreference)".to_owned())?;
    use super::conform::matches;
    matches(pattern, "").ok_or("the `regex` crate cannot read it")?;
    let min = min.unwrap_or(0);
    let max = max.unwrap_or(usize::MAX);
    // Each open repetition repeats `stretch` times more until the string is long enough.
    for stretch in 0..=min.clamp(1, 64) {
        let mut text = String::new();
        write(&hir, stretch, &mut text);
        let length = text.encode_utf16().count();
        if length > max {
            break;
        }
        if length >= min && matches(pattern, &text) == Some(true) {
            return Ok(text);
        }
    }
    Err(match (min, max) {
        (0, usize::MAX) => "no string its syntax gives matches it".to_owned(),
        _ => "no string its syntax gives matches it within `minLength`/`maxLength`".to_owned(),
    })
}

fn write(hir: &Hir, stretch: usize, out: &mut String) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(&String::from_utf8_lossy(&literal.0)),
        HirKind::Class(Class::Unicode(class)) => {
            let chars = class.ranges().iter().flat_map(|r| [r.start(), r.end()]);
            let within = |c: char| class.ranges().iter().any(|r| r.start() <= c && c <= r.end());
            let pick = ['a', 'x', '0', '1', 'A', 'X', '_', '-']
                .into_iter()
                .find(|c| within(*c))
                .or_else(|| chars.clone().find(|c| c.is_ascii_graphic()))
                .or_else(|| chars.clone().next());
            out.extend(pick);
        }
        HirKind::Class(Class::Bytes(class)) => {
            let within = |b: u8| class.ranges().iter().any(|r| r.start() <= b && b <= r.end());
            let pick = [b'a', b'0', b'A']
                .into_iter()
                .find(|b| within(*b))
                .or_else(|| class.ranges().first().map(|r| r.start()));
            out.extend(pick.filter(u8::is_ascii).map(char::from));
        }
        HirKind::Repetition(repetition) => {
            let least = repetition.min as usize;
            let most = repetition.max.map_or(usize::MAX, |m| m as usize);
            let times = (least + stretch).min(most).max(least);
            for _ in 0..times {
                write(&repetition.sub, stretch, out);
            }
        }
        HirKind::Capture(capture) => write(&capture.sub, stretch, out),
        HirKind::Concat(parts) => parts.iter().for_each(|part| write(part, stretch, out)),
        HirKind::Alternation(branches) => {
            if let Some(first) = branches.first() {
                write(first, stretch, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_match_the_patterns_descriptions_write() {
        for pattern in [
            r"^AC[0-9a-fA-F]{32}$",
            r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
            r"^\+?[1-9]\d{1,14}$",
            r"^(https?|ftp)://[^\s/$.?#].[^\s]*$",
            r"^\d{3}-\d{2}-\d{4}$",
            r"[A-Z]{2}",
            r"^(foo|bar)+baz$",
            r"^[^\s]+$",
        ] {
            let text = matching(pattern, None, None).unwrap();
            assert!(
                regex::Regex::new(pattern).unwrap().is_match(&text),
                "{pattern} → {text}"
            );
        }
        assert_eq!(matching(r"^AC[0-9a-fA-F]{2}$", None, None).unwrap(), "ACaa");
    }

    #[test]
    fn lengths_stretch_open_repetitions_or_give_no_string() {
        assert_eq!(matching(r"^[a-z]+$", Some(5), None).unwrap(), "aaaaa");
        assert!(matching(r"^[a-z]{6}$", None, Some(3)).is_err());
        // Lookahead is beyond the parser: no string rather than a wrong one.
        assert!(matching(r"^(?=.*\d)[a-z\d]+$", None, None).is_err());
    }
}
