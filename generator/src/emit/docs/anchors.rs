//! In-page links that name no heading of their page. A description's Markdown may link to a
//! heading of another site's page (`[Set permissions](#set-permissions)`); on the generated
//! page such a link leads nowhere, so it is written as its text, and said aloud.

use std::collections::BTreeSet;

/// `text` with each in-page link (`[label](#anchor)`, outside code fences) whose anchor is no
/// heading of the page written as its label; and each such link's line (1-based) and anchor.
pub fn unlink_missing_anchors(text: &str) -> (String, Vec<(usize, String)>) {
    // Most pages link to no anchor at all: they need no walk through their lines.
    if !text.contains("](#") {
        return (text.to_owned(), Vec::new());
    }
    let anchors = heading_anchors(text);
    let mut out = String::with_capacity(text.len());
    let mut removed = Vec::new();
    let mut fence: Option<String> = None;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        match &fence {
            Some(marker) => {
                if trimmed.trim_end() == marker {
                    fence = None;
                }
                out.push_str(line);
            }
            None if trimmed.starts_with("```") => {
                fence = Some(trimmed[..trimmed.len() - trimmed.trim_start_matches('`').len()].to_owned());
                out.push_str(line);
            }
            None if !line.contains("](#") => out.push_str(line),
            None => out.push_str(&unlink_line(line, &anchors, index + 1, &mut removed)),
        }
    }
    (out, removed)
}

/// One prose line with its links to missing anchors written as their labels.
fn unlink_line(line: &str, anchors: &BTreeSet<String>, number: usize, removed: &mut Vec<(usize, String)>) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(middle) = rest.find("](#") {
        let Some(open) = rest[..middle].rfind('[') else { break };
        let Some(close) = rest[middle..].find(')') else { break };
        let anchor = &rest[middle + 3..middle + close];
        out.push_str(&rest[..open]);
        if anchors.contains(anchor) {
            out.push_str(&rest[open..middle + close + 1]);
        } else {
            out.push_str(&rest[open + 1..middle]);
            removed.push((number, anchor.to_owned()));
        }
        rest = &rest[middle + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The anchors of a page's headings, outside code fences.
fn heading_anchors(text: &str) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    let mut fence: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        match fence {
            Some(marker) if trimmed.trim_end() == marker => fence = None,
            Some(_) => {}
            None if trimmed.starts_with("```") => {
                fence = Some(&trimmed[..trimmed.len() - trimmed.trim_start_matches('`').len()]);
            }
            None => {
                let hashes = line.len() - line.trim_start_matches('#').len();
                if let Some(heading) = (1..=6)
                    .contains(&hashes)
                    .then(|| line[hashes..].strip_prefix(' '))
                    .flatten()
                {
                    anchors.insert(slug(heading));
                }
            }
        }
    }
    anchors
}

/// GitBook's anchor of a heading: lower case, spaces as `-`, only letters, digits, `-`, `_`.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_missing_headings_become_their_labels() {
        let page = "# /a\n\n- [Request Parameters](#request-parameters)\n\nSee [other](#elsewhere) and \
                    [this](#request-parameters).\n\n```md\n[kept](#nowhere)\n```\n\n## Request Parameters\n";
        let (text, removed) = unlink_missing_anchors(page);
        assert_eq!(
            text,
            "# /a\n\n- [Request Parameters](#request-parameters)\n\nSee other and \
             [this](#request-parameters).\n\n```md\n[kept](#nowhere)\n```\n\n## Request Parameters\n"
        );
        assert_eq!(removed, [(5, "elsewhere".to_owned())]);
        let unchanged = "Text [a](b) and (#c) ] stray [x](#\n";
        assert_eq!(unlink_missing_anchors(unchanged).0, unchanged);
    }
}
