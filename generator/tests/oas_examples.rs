//! Every OpenAPI 3.0 JSON example of `@readme/oas-examples` (pinned in `xtask/node`, installed
//! by `cargo xtask ci`): each is generated, or refused with located errors, never a panic; the
//! pages of those generated are well formed, and their client crates build with warnings
//! denied, all in one cargo workspace.

#[allow(dead_code)]
mod client_build;
mod docs_support;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use codegen::fileset::FileSet;

/// The examples the generator refuses, each with a text its errors hold and why. The list is
/// exact: an example refused but not listed, or listed but generated, fails the test.
/// Empty today: every example generates.
const REFUSED: &[(&str, &str, &str)] = &[];

/// The `.json` files under `dir`, by path relative to `base`, sorted.
fn walk(dir: &Path, base: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, base, files);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            let rel = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            files.push((rel, path));
        }
    }
}

/// The unique package name of an example's client: `openapi-workshop/anyOf-allOf.json` →
/// `oas_openapi_workshop_anyof_allof`.
fn member_name(rel: &str) -> String {
    let stem = rel.strip_suffix(".json").unwrap_or(rel);
    let snake: String = stem
        .chars()
        .map(|c| match c.is_ascii_alphanumeric() {
            true => c.to_ascii_lowercase(),
            false => '_',
        })
        .collect();
    format!("oas_{snake}")
}

/// The `openapi` field of a JSON description.
fn openapi_version(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("openapi")?.as_str().map(str::to_owned)
}

#[test]
fn every_openapi_3_0_example_generates_or_is_refused_with_located_errors_and_its_client_builds() {
    let started = Instant::now();
    let root = docs_support::root();
    let examples = root.join("xtask/node/node_modules/@readme/oas-examples/3.0/json");
    assert!(
        examples.is_dir(),
        "{} is missing: `cargo xtask ci` installs it",
        examples.display()
    );
    let mut found = Vec::new();
    walk(&examples, &examples, &mut found);
    found.sort();

    let mut failures = Vec::new();
    let mut generated: Vec<(String, String, FileSet)> = Vec::new();
    let mut refused = Vec::new();
    for (rel, path) in &found {
        match openapi_version(path) {
            Some(version) if version.starts_with("3.0.") => {}
            other => {
                println!("skipped    {rel}: not OpenAPI 3.0 ({other:?})");
                continue;
            }
        }
        let options = codegen::Options {
            spec: path.clone(),
            samples: None,
            resource_samples: None,
            routes: None,
            previous: None,
            guides: false,
            ..codegen::Options::repository(&root)
        };
        let one = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| codegen::generate(&options)));
        let took = one.elapsed();
        let listed = REFUSED.iter().find(|(file, ..)| file == rel);
        match (result, listed) {
            (Err(panic), _) => {
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)");
                println!("PANICKED   {rel}");
                failures.push(format!("{rel}: generation panicked: {message}"));
            }
            (Ok(Ok(generation)), listed) => {
                println!(
                    "generated  {rel} ({}): {} files, {} warnings in {took:.1?}",
                    member_name(rel),
                    generation.files.len(),
                    generation.warnings.warnings().count()
                );
                if listed.is_some() {
                    failures.push(format!(
                        "{rel} generates now: remove it from REFUSED in generator/tests/oas_examples.rs"
                    ));
                }
                let problems = docs_support::check(&docs_support::pages(&generation.files));
                failures.extend(problems.iter().map(|problem| format!("{rel}: {problem}")));
                generated.push((rel.clone(), member_name(rel), generation.files));
            }
            (Ok(Err(diags)), listed) => {
                let errors: Vec<String> = diags.errors().map(ToString::to_string).collect();
                println!("refused    {rel}: {} errors in {took:.1?}", errors.len());
                refused.push(rel.clone());
                // Every error names the file and a JSON pointer into it.
                let place = format!("error: {}#/", path.display());
                for error in &errors {
                    if !error.starts_with(&place) {
                        failures.push(format!("{rel}: an error without its place in the file: {error}"));
                    }
                }
                match listed {
                    Some((_, text, _)) if errors.iter().any(|e| e.contains(text)) => {}
                    Some((_, text, _)) => failures.push(format!(
                        "{rel} is refused, but not with \"{text}\" as REFUSED expects:\n{diags}"
                    )),
                    None => failures.push(format!(
                        "{rel} is refused; support it, or add it to REFUSED in generator/tests/oas_examples.rs with the reason:\n{diags}"
                    )),
                }
            }
        }
    }
    for (file, ..) in REFUSED {
        if !found.iter().any(|(rel, _)| rel == file) {
            failures.push(format!("{file} of REFUSED is no example of {}", examples.display()));
        }
    }
    println!(
        "{} examples: {} generated, {} refused, in {:.1?}",
        found.len(),
        generated.len(),
        refused.len(),
        started.elapsed()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let built = Instant::now();
    let clients: Vec<(String, &FileSet)> = generated
        .iter()
        .map(|(_, member, files)| (member.clone(), files))
        .collect();
    client_build::build_workspace("oas-examples", &clients, &["build"]).unwrap_or_else(|failure| panic!("{failure}"));
    println!(
        "{} clients built in {:.1?}; {:.1?} in all",
        clients.len(),
        built.elapsed(),
        started.elapsed()
    );
}
