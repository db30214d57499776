//! The pages of `@seamapi/types` 1.885.0, generated with that version's live sample set and
//! resource samples, against the live reference of that version (`tests/live-1.885.0/`):
//! the development pages part by part, and every published Ruby example.
//!
//! The description is read from `target/live-1.885.0/openapi.json`, which
//! `cargo xtask live-spec` writes (`cargo xtask ci` runs it first).

mod docs_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use docs_support::parts::{self, Parts, Tab};
use docs_support::root;

/// The parts that equal the live page's on every development page.
const MATCHING_PARTS: [&str; 19] = [
    "title",
    "contents",
    "description",
    "authentication",
    "parameters",
    "response",
    "examples",
    "JavaScript code",
    "JavaScript output",
    "cURL code",
    "cURL output",
    "Python code",
    "Python output",
    "Ruby code",
    "Ruby output",
    "PHP code",
    "PHP output",
    "Seam CLI code",
    "Seam CLI output",
];

fn live_dir() -> PathBuf {
    root().join("generator/tests/live-1.885.0")
}

/// The generated pages of the live version, by path below `docs/`.
fn generated() -> &'static BTreeMap<String, String> {
    static PAGES: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let spec = root().join("target/live-1.885.0/openapi.json");
        assert!(
            spec.is_file(),
            "{} is missing: `cargo xtask live-spec` writes it",
            spec.display()
        );
        let options = codegen::Options {
            spec,
            samples: Some(live_dir().join("code-sample-definitions")),
            resource_samples: Some(live_dir().join("resource-sample-definitions")),
            routes: Some(live_dir().join("route-definitions")),
            // The live sample set has defects of its own; they are reported, not fixed here.
            lenient_samples: true,
            guides: false,
            ..docs_support::repo_options()
        };
        docs_support::pages(&docs_support::generate(&options))
    })
}

/// The live endpoint pages (route READMEs left out), by path below `pages/`.
fn live_pages() -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    let base = live_dir().join("pages");
    let mut stack = vec![base.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") && !path.ends_with("README.md") {
                let name = relative(&base, &path);
                pages.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    pages
}

fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/")
}

/// The generated page standing for a live page.
fn generated_page(name: &str) -> &'static str {
    generated()
        .get(name)
        .unwrap_or_else(|| panic!("{name} was not generated"))
}

#[test]
fn development_pages_equal_the_live_ones_part_by_part() {
    let live = live_pages();
    assert!(live.len() >= 18, "the development set has {} pages", live.len());
    let mut equal: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut differing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut whole = 0;
    for (name, text) in &live {
        let ours = parts::split(generated_page(name));
        let theirs = parts::split(text);
        let mut all = true;
        for (part, value) in &theirs.parts {
            let same = ours.parts.get(part) == Some(value);
            let entry = equal.entry(part.clone()).or_default();
            entry.1 += 1;
            if same {
                entry.0 += 1;
            } else {
                all = false;
                differing.entry(part.clone()).or_default().push(name.clone());
                report_difference(name, part, &ours, &theirs);
            }
        }
        whole += usize::from(all);
    }
    println!("\n| part | equal to the live page |\n| --- | --- |");
    for (part, (same, total)) in &equal {
        println!("| {part} | {same} of {total} |");
    }
    println!("| **pages equal in every part** | **{whole} of {}** |", live.len());
    for part in MATCHING_PARTS {
        assert!(
            !differing.contains_key(part),
            "the part `{part}` differs on {:?}",
            differing.get(part)
        );
    }
}

/// Prints where a part differs: the first differing parameter, or the part's texts.
fn report_difference(page: &str, part: &str, ours: &Parts, theirs: &Parts) {
    if std::env::var_os("LIVE_DIFF").as_deref() != Some(std::ffi::OsStr::new(part)) {
        return;
    }
    if part == "parameters" {
        for (i, (name, text)) in theirs.params.iter().enumerate() {
            let mine = ours.params.get(i).map(|(_, t)| t.as_str()).unwrap_or("<none>");
            if mine != text {
                println!("{page} parameter {name}:\n  live: {text}\n  ours: {mine}");
                return;
            }
        }
        println!(
            "{page}: {} live parameters, {} ours",
            theirs.params.len(),
            ours.params.len()
        );
        return;
    }
    println!(
        "{page} {part}:\n  live: {}\n  ours: {}",
        theirs.parts[part],
        ours.parts.get(part).map(String::as_str).unwrap_or("<none>")
    );
}

/// One published Ruby example: where it is, and its code and output.
struct RubyExample {
    /// The page (below `docs/`) and the example's title (`None` for the primary sample).
    page: String,
    example: Option<String>,
    code: String,
    output: String,
}

/// Every Ruby example of the development pages and of `ruby-tabs.md`.
fn ruby_examples() -> Vec<RubyExample> {
    let mut examples = Vec::new();
    for (name, text) in live_pages() {
        for tab in parts::tabs(&text).into_iter().filter(|t| t.title == "Ruby") {
            examples.push(RubyExample {
                page: name.clone(),
                example: tab.example,
                code: tab.code,
                output: tab.output,
            });
        }
    }
    let text = std::fs::read_to_string(live_dir().join("ruby-tabs.md")).unwrap();
    for section in text.split("\n## ").skip(1) {
        let (endpoint, body) = section.split_once('\n').unwrap();
        let blocks: Vec<&str> = body
            .split("```ruby\n")
            .skip(1)
            .map(|b| b.split("\n```").next().unwrap())
            .collect();
        assert_eq!(blocks.len(), 2, "ruby-tabs.md, {endpoint}: expected code and output");
        examples.push(RubyExample {
            page: format!("{}.md", endpoint.trim().trim_start_matches('/')),
            example: None,
            code: blocks[0].to_owned(),
            output: blocks[1].to_owned(),
        });
    }
    examples
}

#[test]
fn every_published_ruby_example_is_printed_as_the_live_site_prints_it() {
    let examples = ruby_examples();
    assert!(examples.len() >= 49 + 18, "only {} Ruby examples found", examples.len());
    let mut failures = Vec::new();
    for example in &examples {
        let ours: Vec<Tab> = parts::tabs(generated_page(&example.page))
            .into_iter()
            .filter(|t| t.title == "Ruby" && t.example == example.example)
            .collect();
        let Some(tab) = ours.first() else {
            failures.push(format!("{} {:?}: no Ruby tab generated", example.page, example.example));
            continue;
        };
        for (kind, mine, theirs) in [
            ("code", &tab.code, &example.code),
            ("output", &tab.output, &example.output),
        ] {
            if mine != theirs {
                failures.push(format!(
                    "{} {:?} {kind}:\n--- live\n{theirs}\n--- ours\n{mine}",
                    example.page, example.example
                ));
            }
        }
    }
    println!(
        "Ruby examples matching: {} of {}",
        examples.len() - failures_by_example(&failures),
        examples.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// How many examples the failures name (an example may fail in code and output).
fn failures_by_example(failures: &[String]) -> usize {
    let mut names: Vec<&str> = failures
        .iter()
        .map(|f| f.split(" code:").next().unwrap().split(" output:").next().unwrap())
        .collect();
    names.dedup();
    names.len()
}
