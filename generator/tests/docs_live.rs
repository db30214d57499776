//! The pages of `@seamapi/types` 1.885.0, generated with that version's live sample set,
//! resource samples and route file, against the live reference of that version
//! (`tests/live-1.885.0/`): every development endpoint page whole, byte for byte (our Rust tab
//! removed, as the live pages have none), every route page (`README.md`) and `SUMMARY.md`
//! whole, and every published Ruby example. With `--nocapture` the pages are also compared part
//! by part, and the table of parts printed, to show where a difference lies.
//!
//! The description is read from `target/live-1.885.0/openapi.json`, which
//! `cargo xtask live-spec` writes (`cargo xtask ci` runs it first).

mod docs_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use docs_support::parts::{self, Parts, Tab};
use docs_support::root;

/// How many lines of a differing page's diff the failure shows.
const DIFF_LINES: usize = 40;

fn live_dir() -> PathBuf {
    root().join("generator/tests/live-1.885.0")
}

/// The generated pages of the live version, by path below `docs/`.
fn generated() -> &'static BTreeMap<String, String> {
    static PAGES: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let options = docs_support::live_options();
        docs_support::pages(&docs_support::generate(&options))
    })
}

/// The live pages `keep` selects, by path below `pages/`.
fn live_files(keep: impl Fn(&Path) -> bool) -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    let base = live_dir().join("pages");
    let mut stack = vec![base.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") && keep(&path) {
                let name = relative(&base, &path);
                pages.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    pages
}

/// Whether a live page is a route page (`README.md`) or the table of contents.
fn is_route_page(path: &Path) -> bool {
    path.ends_with("README.md") || path.ends_with("SUMMARY.md")
}

/// The live endpoint pages, by path below `pages/`.
fn live_pages() -> BTreeMap<String, String> {
    live_files(|path| !is_route_page(path))
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

/// The page without the Rust tabs the generator adds (the live pages have none): each
/// `{% tab title="Rust" %}` … `{% endtab %}` block and the blank line after it.
fn without_rust_tabs(page: &str) -> String {
    const OPEN: &str = "{% tab title=\"Rust\" %}\n";
    const CLOSE: &str = "{% endtab %}\n\n";
    let mut kept = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find(OPEN) {
        kept.push_str(&rest[..start]);
        let tab = &rest[start..];
        rest = &tab[tab.find(CLOSE).map_or(tab.len(), |end| end + CLOSE.len())..];
    }
    kept.push_str(rest);
    kept
}

#[test]
fn only_the_rust_tabs_are_removed() {
    let page = "{% tabs %}\n{% tab title=\"Seam CLI\" %}\nseam\n{% endtab %}\n\n\
                {% tab title=\"Rust\" %}\nlet x = 1;\n{% endtab %}\n\n{% endtabs %}\n";
    assert_eq!(
        without_rust_tabs(page),
        "{% tabs %}\n{% tab title=\"Seam CLI\" %}\nseam\n{% endtab %}\n\n{% endtabs %}\n"
    );
    assert_eq!(without_rust_tabs("no tabs\n"), "no tabs\n");
}

/// The first lines of a unified diff from the live page to ours.
fn first_differences(name: &str, live: &str, ours: &str) -> String {
    let diff = similar::TextDiff::from_lines(live, ours)
        .unified_diff()
        .context_radius(2)
        .header(&format!("live {name}"), &format!("generated {name}"))
        .to_string();
    let mut lines: Vec<&str> = diff.lines().collect();
    let more = lines.len().saturating_sub(DIFF_LINES);
    lines.truncate(DIFF_LINES);
    let tail = if more > 0 {
        format!("\n… {more} more lines")
    } else {
        String::new()
    };
    format!("{}{tail}", lines.join("\n"))
}

#[test]
fn development_endpoint_pages_equal_the_live_ones_whole() {
    let live = live_pages();
    assert!(
        live.len() >= 18,
        "the development set has {} endpoint pages",
        live.len()
    );
    print_part_table(&live);
    assert_equal_whole("development endpoint pages", &live, |name| {
        without_rust_tabs(generated_page(name))
    });
}

/// Asserts that each live page equals the generated one (`ours` of its name) whole, byte for
/// byte; prints how many do, and fails with the first differing lines of each that does not.
fn assert_equal_whole(what: &str, live: &BTreeMap<String, String>, ours: impl Fn(&str) -> String) {
    let differing: Vec<String> = live
        .iter()
        .filter_map(|(name, text)| {
            let ours = ours(name);
            (ours != *text).then(|| first_differences(name, text, &ours))
        })
        .collect();
    println!("{what} equal whole: {} of {}", live.len() - differing.len(), live.len());
    assert!(
        differing.is_empty(),
        "{} of {} {what} differ from the live ones:\n\n{}",
        differing.len(),
        live.len(),
        differing.join("\n\n")
    );
}

#[test]
fn route_pages_and_the_table_of_contents_equal_the_live_ones_whole() {
    let live = live_files(is_route_page);
    assert!(live.len() >= 7, "the development set has {} route pages", live.len());
    assert_equal_whole("route pages and SUMMARY.md", &live, |name| {
        generated_page(name).to_owned()
    });
}

/// Compares the pages part by part and prints, for each part, on how many pages it equals the
/// live one: a map of where whole pages differ. `LIVE_DIFF=<part>` also prints that part's
/// differences.
fn print_part_table(live: &BTreeMap<String, String>) {
    let mut equal: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut whole = 0;
    for (name, text) in live {
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
