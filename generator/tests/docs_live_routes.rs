//! The route pages (`README.md` of each route and namespace) and the table of contents of
//! `@seamapi/types` 1.885.0, generated with that version's live inputs (samples, resource
//! samples, route file), against the files the live reference published: whole files, byte
//! for byte.
//!
//! The description is read from `target/live-1.885.0/openapi.json`, which
//! `cargo xtask live-spec` writes (`cargo xtask ci` runs it first).

mod docs_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use docs_support::root;

fn live_dir() -> PathBuf {
    root().join("generator/tests/live-1.885.0")
}

/// The live route pages and `SUMMARY.md`, by path below `pages/`.
fn live_route_pages() -> BTreeMap<String, String> {
    let base = live_dir().join("pages");
    let mut pages = BTreeMap::new();
    let mut stack = vec![base.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.ends_with("README.md") || path.ends_with("SUMMARY.md") {
                pages.insert(relative(&base, &path), std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    pages
}

fn relative(base: &Path, path: &Path) -> String {
    path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/")
}

/// The first lines where two texts differ, with a little context, as a unified diff.
fn first_difference(ours: &str, theirs: &str) -> String {
    similar::TextDiff::from_lines(theirs, ours)
        .unified_diff()
        .context_radius(2)
        .header("live", "generated")
        .to_string()
        .lines()
        .take(40)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn route_pages_and_the_table_of_contents_equal_the_live_ones_whole() {
    let options = docs_support::live_options();
    let generated = docs_support::pages(&docs_support::generate(&options));
    let live = live_route_pages();
    assert!(live.len() >= 7, "the development set has {} route pages", live.len());
    let mut differing = Vec::new();
    for (name, text) in &live {
        match generated.get(name) {
            Some(ours) if ours == text => {}
            Some(ours) => {
                eprintln!("{name} differs from the live page:\n{}\n", first_difference(ours, text));
                differing.push(name.clone());
            }
            None => {
                eprintln!("{name} was not generated");
                differing.push(name.clone());
            }
        }
    }
    eprintln!(
        "{} of {} route pages equal the live ones",
        live.len() - differing.len(),
        live.len()
    );
    assert!(differing.is_empty(), "differing from the live pages: {differing:?}");
}
