//! An endpoint page split into the parts a reader sees: title, contents, description, each
//! tab's code and output, authentication, each parameter, response, examples. Two pages are
//! compared part by part, whitespace normalised.

use std::collections::BTreeMap;

/// The languages of the live pages' tabs, by tab title.
pub const TABS: [&str; 6] = ["JavaScript", "cURL", "Python", "Ruby", "PHP", "Seam CLI"];

/// The parts of one page, by name; a part is absent when the page has none.
#[derive(Debug, Default)]
pub struct Parts {
    pub parts: BTreeMap<String, String>,
    /// Each request parameter, in page order: name and text.
    pub params: Vec<(String, String)>,
}

/// The code and output of each tab of each sample on a page, in page order: the primary
/// sample first, then each example.
#[derive(Debug, Clone, PartialEq)]
pub struct Tab {
    /// The sample's title under Examples; `None` for the primary sample.
    pub example: Option<String>,
    pub title: String,
    pub code: String,
    pub output: String,
}

/// Whitespace runs as one space, ends trimmed.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits an endpoint page.
pub fn split(page: &str) -> Parts {
    let mut parts = Parts::default();
    let (head, rest) = cut(page, "\n## Request Parameters\n");
    let (params, rest) = cut(rest, "\n## Response\n");
    let (response, examples) = match rest.find("\n## Examples\n") {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    let response = response.trim_end().trim_end_matches("---");

    let mut lines = head.lines();
    let title = lines.next().unwrap_or_default();
    parts.parts.insert("title".into(), normalise(title));
    let after_title = &head[title.len().min(head.len())..];
    let (before_auth, auth) = cut(after_title, "<details>\n\n<summary>Authentication Methods</summary>");
    let contents: Vec<&str> = before_auth
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.starts_with("- ["))
        .collect();
    parts.parts.insert("contents".into(), normalise(&contents.join("\n")));
    let body = before_auth.trim_start();
    let body = body[contents.iter().map(|l| l.len() + 1).sum::<usize>().min(body.len())..].trim();
    let description = match body.find("{% tabs %}") {
        Some(at) => &body[..at],
        None => body,
    };
    parts.parts.insert("description".into(), normalise(description));
    parts.parts.insert(
        "authentication".into(),
        normalise(auth.split("</details>").next().unwrap_or_default()),
    );

    for tab in tabs(page) {
        if !TABS.contains(&tab.title.as_str()) {
            continue;
        }
        for (kind, text) in [("code", &tab.code), ("output", &tab.output)] {
            let entry = parts.parts.entry(format!("{} {kind}", tab.title)).or_default();
            entry.push_str(&format!(
                "[{}] {} ",
                tab.example.as_deref().unwrap_or(""),
                normalise(text)
            ));
        }
    }

    parts.params = parameters(params);
    parts.parts.insert(
        "parameters".into(),
        parts
            .params
            .iter()
            .map(|(_, text)| text.as_str())
            .collect::<Vec<_>>()
            .join(" | "),
    );
    parts.parts.insert("response".into(), normalise(response));
    parts
        .parts
        .insert("examples".into(), normalise(&without_tabs(examples)));
    parts
}

/// `(before, after)` of the first `marker`; `(text, "")` without one.
fn cut<'t>(text: &'t str, marker: &str) -> (&'t str, &'t str) {
    match text.find(marker) {
        Some(at) => (&text[..at], &text[at + marker.len()..]),
        None => (text, ""),
    }
}

/// The request parameters of the section's text, split at each top-level `**\`name\`**`.
fn parameters(section: &str) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = Vec::new();
    for line in section.lines() {
        if let Some(rest) = line.strip_prefix("**`") {
            let name = rest.split('`').next().unwrap_or_default().to_owned();
            params.push((name, String::new()));
        }
        if let Some((_, text)) = params.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    params
        .into_iter()
        .map(|(name, text)| (name, normalise(&text)))
        .collect()
}

/// The text of `section` with every tab group removed.
fn without_tabs(section: &str) -> String {
    let mut out = String::new();
    let mut rest = section;
    while let Some(start) = rest.find("{% tabs %}") {
        out.push_str(&rest[..start]);
        match rest[start..].find("{% endtabs %}") {
            Some(end) => rest = &rest[start + end + "{% endtabs %}".len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every code tab of a page (the Response section's JSON tab left out), in page order.
pub fn tabs(page: &str) -> Vec<Tab> {
    let mut found = Vec::new();
    let mut example = None;
    let mut in_response = false;
    let mut lines = page.lines().peekable();
    while let Some(line) = lines.next() {
        if line == "## Response" {
            in_response = true;
        } else if line == "## Examples" {
            in_response = false;
        } else if let Some(title) = line.strip_prefix("### ") {
            example = Some(title.trim().to_owned());
        } else if let Some(title) = line
            .strip_prefix("{% tab title=\"")
            .and_then(|l| l.strip_suffix("\" %}"))
        {
            let mut tab = Tab {
                example: example.clone(),
                title: title.to_owned(),
                code: String::new(),
                output: String::new(),
            };
            let mut target: Option<bool> = None;
            while let Some(line) = lines.next() {
                if line == "{% endtab %}" {
                    break;
                }
                if line.starts_with("#### Code") {
                    target = Some(true);
                } else if line.starts_with("#### Output") {
                    target = Some(false);
                } else if line.starts_with("```") {
                    let mut block = Vec::new();
                    for inner in lines.by_ref() {
                        if inner.starts_with("```") {
                            break;
                        }
                        block.push(inner);
                    }
                    let text = block.join("\n");
                    match target {
                        Some(true) => tab.code = text,
                        Some(false) => tab.output = text,
                        None => {}
                    }
                }
            }
            if !in_response {
                found.push(tab);
            }
        }
    }
    found
}
