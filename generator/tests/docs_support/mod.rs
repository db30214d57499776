//! What the docs tests share: the repository's paths, generation, and a checker of the
//! generated pages' structure.

#![allow(dead_code)]

pub mod parts;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use codegen::fileset::FileSet;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Options for the repository's description, samples and templates.
pub fn repo_options() -> codegen::Options {
    codegen::Options::repository(&root())
}

/// Options for a test case's folder below `tests/`: its `openapi.yaml` and `samples/`, the
/// repository's templates, no guides.
pub fn case_options(case: &Path) -> codegen::Options {
    codegen::Options {
        spec: case.join("openapi.yaml"),
        samples: Some(case.join("samples")),
        resource_samples: None,
        routes: None,
        previous: None,
        templates: root().join("templates"),
        lenient_samples: false,
        guides: false,
        crate_name: None,
    }
}

/// The inputs of the live reference's version (`generator/tests/live-1.885.0/`): its
/// description (`target/live-1.885.0/openapi.json`, written by `cargo xtask live-spec`),
/// samples, resource samples and route file.
pub fn live_options() -> codegen::Options {
    let live = root().join("generator/tests/live-1.885.0");
    let spec = root().join("target/live-1.885.0/openapi.json");
    assert!(
        spec.is_file(),
        "{} is missing: `cargo xtask live-spec` writes it",
        spec.display()
    );
    codegen::Options {
        spec,
        samples: Some(live.join("code-sample-definitions")),
        resource_samples: Some(live.join("resource-sample-definitions")),
        routes: Some(live.join("route-definitions")),
        previous: None,
        // The live sample set has defects of its own; they are reported, not fixed here.
        lenient_samples: true,
        guides: false,
        ..repo_options()
    }
}

/// Generates in memory; panics with every diagnostic on failure.
pub fn generate(options: &codegen::Options) -> FileSet {
    match codegen::generate(options) {
        Ok(generation) => generation.files,
        Err(diags) => panic!("generation failed:\n{diags}"),
    }
}

/// The `docs/` pages of a file set, by path below `docs/`.
pub fn pages(files: &FileSet) -> BTreeMap<String, String> {
    files
        .iter()
        .filter_map(|(path, text)| Some((path.strip_prefix("docs/")?.to_owned(), text.to_owned())))
        .filter(|(path, _)| path.ends_with(".md"))
        .collect()
}

/// GitBook's anchor of a heading: lower case, spaces as `-`, only letters, digits, `-`, `_`.
pub fn slug(heading: &str) -> String {
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

/// The lines of a page outside code fences, with their 1-based numbers; `Err` when a fence
/// is never closed.
fn prose_lines(text: &str) -> Result<Vec<(usize, &str)>, String> {
    let mut lines = Vec::new();
    let mut fence: Option<(usize, &str)> = None;
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim_start();
        match fence {
            Some((_, marker)) if trimmed.starts_with(marker) && trimmed.trim_end() == marker => fence = None,
            Some(_) => {}
            None if trimmed.starts_with("```") => {
                let marker = &trimmed[..trimmed.len() - trimmed.trim_start_matches('`').len()];
                fence = Some((number, marker));
            }
            None => lines.push((number, line)),
        }
    }
    match fence {
        Some((line, _)) => Err(format!("the code fence opened on line {line} is never closed")),
        None => Ok(lines),
    }
}

/// The anchors of a page's headings.
pub fn anchors(text: &str) -> BTreeSet<String> {
    let headings: Vec<&str> = prose_lines(text)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(_, line)| {
            let hashes = line.len() - line.trim_start_matches('#').len();
            (1..=6)
                .contains(&hashes)
                .then(|| line[hashes..].strip_prefix(' '))
                .flatten()
        })
        .collect();
    let mut anchors: BTreeSet<String> = headings.iter().map(|h| slug(h)).collect();
    // Seam's route pages are linked by resource: `#acs_user` names the section `## The
    // acs_user Object`, and `#device.properties` the heading `## device.properties`.
    for heading in headings {
        if let Some(resource) = heading.strip_prefix("The ").and_then(|h| h.strip_suffix(" Object")) {
            anchors.insert(resource.to_owned());
        }
        if !heading.contains(' ') {
            anchors.insert(heading.to_owned());
        }
    }
    anchors
}

/// Every Markdown link target of a prose line: `[text](target)`.
fn link_targets(line: &str) -> Vec<&str> {
    let mut targets = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("](") {
        let after = &rest[start + 2..];
        match after.find(')') {
            Some(end) => {
                targets.push(&after[..end]);
                rest = &after[end..];
            }
            None => break,
        }
    }
    targets
}

/// Resolves `target` relative to the folder of `page` (both below `docs/`); `None` when it
/// climbs out of the tree.
fn resolve(page: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Every structural problem of the pages (paths below `docs/`):
///
/// - GitBook tags (`tabs`/`tab`/`hint` and their `end…`) balanced and properly nested, a
///   `tab` only directly inside `tabs`, no unknown tag;
/// - `<details>` / `</details>` balanced, never closed before opened;
/// - every code fence closed;
/// - every in-page link (`](#anchor)`, the tables of contents) names a heading of the page;
/// - every link the generator writes points to a generated page, and its anchor to a heading
///   there. The generator writes its links as `./…` (endpoint lists, folder lists, Response
///   and resource links) and in `SUMMARY.md`. Other relative links come from the
///   description's Markdown or a guide's hand-written text and point into the larger docs
///   site, outside the generated tree; they are not checked.
pub fn check(pages: &BTreeMap<String, String>) -> Vec<String> {
    let mut problems = Vec::new();
    let anchors_of: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(path, text)| (path.as_str(), anchors(text)))
        .collect();
    for (path, text) in pages {
        let mut problem = |line: usize, message: String| problems.push(format!("docs/{path}:{line}: {message}"));
        let lines = match prose_lines(text) {
            Ok(lines) => lines,
            Err(message) => {
                problem(0, message);
                continue;
            }
        };
        let mut tags: Vec<(&str, usize)> = Vec::new();
        let mut details: Vec<usize> = Vec::new();
        for &(number, line) in &lines {
            // GitBook tags.
            let mut rest = line;
            while let Some(start) = rest.find("{%") {
                let Some(end) = rest[start..].find("%}") else {
                    problem(number, "a `{%` without `%}`".to_owned());
                    break;
                };
                let tag = rest[start + 2..start + end].trim();
                let name = tag.split_whitespace().next().unwrap_or("");
                match name {
                    "tabs" | "hint" => tags.push((name, number)),
                    "tab" => {
                        if tags.last().map(|t| t.0) != Some("tabs") {
                            problem(number, "`{% tab %}` outside `{% tabs %}`".to_owned());
                        }
                        tags.push((name, number));
                    }
                    "endtabs" | "endtab" | "endhint" => {
                        let opener = &name[3..];
                        match tags.pop() {
                            Some((open, _)) if open == opener => {}
                            Some((open, line)) => problem(
                                number,
                                format!("`{{% {name} %}}` closes `{{% {open} %}}` of line {line}"),
                            ),
                            None => problem(number, format!("`{{% {name} %}}` without an opening tag")),
                        }
                    }
                    other => problem(number, format!("unknown GitBook tag `{other}`")),
                }
                rest = &rest[start + end + 2..];
            }
            // <details>.
            let opens = line.matches("<details>").count();
            let closes = line.matches("</details>").count();
            for _ in 0..opens {
                details.push(number);
            }
            for _ in 0..closes {
                if details.pop().is_none() {
                    problem(number, "`</details>` without `<details>`".to_owned());
                }
            }
            // Links.
            for target in link_targets(line) {
                let generated = path == "SUMMARY.md" || target == "." || target.starts_with("./");
                if let Some(anchor) = target.strip_prefix('#') {
                    if !anchors_of[path.as_str()].contains(anchor) {
                        problem(number, format!("no heading has the anchor `#{anchor}`"));
                    }
                    continue;
                }
                if !generated || target.contains("://") {
                    continue;
                }
                let (file, anchor) = match target.split_once('#') {
                    Some((file, anchor)) => (file, Some(anchor)),
                    None => (target, None),
                };
                let Some(resolved) = resolve(path, file) else {
                    problem(number, format!("the link `{target}` leaves the docs folder"));
                    continue;
                };
                // GitBook opens a folder's README for a link to the folder.
                let folder_readme = match resolved.as_str() {
                    "" => "README.md".to_owned(),
                    folder => format!("{folder}/README.md"),
                };
                let resolved =
                    if anchors_of.contains_key(resolved.as_str()) || !anchors_of.contains_key(folder_readme.as_str()) {
                        resolved
                    } else {
                        folder_readme
                    };
                match (anchors_of.get(resolved.as_str()), anchor) {
                    (None, _) => problem(number, format!("the link `{target}` names no generated page")),
                    (Some(found), Some(anchor)) if !found.contains(anchor) => problem(
                        number,
                        format!("the link `{target}`: docs/{resolved} has no `#{anchor}`"),
                    ),
                    _ => {}
                }
            }
        }
        for (tag, line) in tags {
            problem(line, format!("`{{% {tag} %}}` is never closed"));
        }
        for line in details {
            problem(line, "`<details>` is never closed".to_owned());
        }
    }
    problems
}
