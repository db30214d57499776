//! The pages of HTTP operations (any description outside Seam's profile): the Petstore's
//! pages equal the committed ones (`tests/fixtures/petstore-pages/`) byte for byte, and every
//! operation of every OpenAPI 3.0 example of `@readme/oas-examples` and of GitHub's
//! description has a well-formed page with the anatomy of a REST reference: its title, method
//! and path, its parameters under where they travel, its answers by status, its example
//! answer and its deprecation, and code tabs in all nine languages.
//!
//! `CODEGEN_BLESS=1 cargo test -p seam-codegen --test docs_operations` rewrites the Petstore's
//! pages after a deliberate change.

mod docs_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::model::{Api, Endpoint, ParamLocation, Place, Response};

fn petstore_options() -> codegen::Options {
    let root = docs_support::root();
    codegen::Options {
        spec: root.join("xtask/node/node_modules/@readme/oas-examples/3.0/json/petstore.json"),
        samples: Some(root.join("generator/tests/fixtures/petstore-samples")),
        resource_samples: None,
        routes: None,
        previous: None,
        guides: false,
        ..codegen::Options::repository(&root)
    }
}

fn options_for(spec: PathBuf) -> codegen::Options {
    codegen::Options {
        spec,
        samples: None,
        resource_samples: None,
        routes: None,
        previous: None,
        guides: false,
        ..codegen::Options::repository(&docs_support::root())
    }
}

#[test]
fn the_petstore_s_pages_equal_the_committed_ones() {
    let golden = docs_support::root().join("generator/tests/fixtures/petstore-pages");
    let pages = docs_support::pages(&docs_support::generate(&petstore_options()));
    if std::env::var_os("CODEGEN_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&golden);
        for (path, text) in &pages {
            let file = golden.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
    }
    let mut committed = BTreeMap::new();
    read_tree(&golden, &golden, &mut committed);
    assert_eq!(
        pages.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "the Petstore's pages are not the committed ones"
    );
    for (path, text) in &pages {
        assert!(
            text == &committed[path],
            "docs/{path} differs from tests/fixtures/petstore-pages/{path}:\n{}",
            first_difference(&committed[path], text)
        );
    }
}

#[test]
fn every_petstore_page_has_the_anatomy_of_its_operation() {
    let options = petstore_options();
    let (api, _) = codegen::build_model(&options).expect("the Petstore's model");
    let pages = docs_support::pages(&docs_support::generate(&options));
    assert_anatomy("petstore", &api, &pages);
    // Titled by the operation's summary, not its path.
    assert!(pages["pet/find_pets_by_status.md"].starts_with("# Finds Pets by status\n\n`GET /pet/findByStatus`\n"));
    // The answers by status, the example answer of its sample, the deprecation.
    let find = &pages["pet/find_pets_by_status.md"];
    for part in [
        "## Query Parameters\n\n**`status`** *Array* *of Enums* (Required)",
        "**200 OK**: *List* *of Objects*",
        "**`photoUrls`** *List* *of Strings*",
        "**400 Bad Request**\n{% endhint %}\n\nInvalid status value",
        "{% tab title=\"JSON\" %}\n\n```json\n[\n  {\n    \"id\": 10,",
    ] {
        assert!(
            find.contains(part),
            "pet/find_pets_by_status.md lacks {part:?}:\n{find}"
        );
    }
    let by_tags = &pages["pet/find_pets_by_tags.md"];
    assert!(
        by_tags.contains("{% hint style=\"warning\" %}\n**Deprecated**."),
        "{by_tags}"
    );
    let get = &pages["pet/get_pet_by_id.md"];
    assert!(
        get.contains("## Path Parameters\n\n**`petId`** *Number* (Required)"),
        "{get}"
    );
    assert!(get.contains("**404 Not Found**"), "{get}");
}

#[test]
fn every_oas_example_and_github_operation_has_a_well_formed_page() {
    let root = docs_support::root();
    let examples = root.join("xtask/node/node_modules/@readme/oas-examples/3.0/json");
    assert!(
        examples.is_dir(),
        "{} is missing: `cargo xtask ci` installs it",
        examples.display()
    );
    let mut specs = Vec::new();
    walk(&examples, &mut specs);
    specs.sort();
    let github = root.join("target/github-23.0.2/api.github.com.json");
    assert!(
        github.is_file(),
        "{} is missing: `cargo xtask ci` fetches it",
        github.display()
    );
    specs.push(github);
    let (mut checked, mut untested) = (0, 0);
    for spec in specs {
        let options = options_for(spec.clone());
        // Descriptions the generator refuses are oas_examples' concern (REFUSED there).
        let Ok((api, _)) = codegen::build_model(&options) else {
            continue;
        };
        let Ok(generation) = codegen::generate(&options) else {
            continue;
        };
        let pages = docs_support::pages(&generation.files);
        let problems = docs_support::check(&pages);
        assert!(problems.is_empty(), "{}:\n{}", spec.display(), problems.join("\n"));
        // A description whose every operation happens to read as Seam's dialect (no path
        // parameter, no JSON body answered whole) is laid out in Seam's profile.
        if codegen::plan::Profile::of(&api) == codegen::plan::Profile::Http {
            let (pages_checked, samples_untested) = assert_anatomy(&spec.display().to_string(), &api, &pages);
            checked += pages_checked;
            untested += samples_untested;
        }
    }
    assert!(checked > 1000, "only {checked} operation pages checked");
    // The oas-examples hold samples no request of their description fits (discriminators,
    // contradictory `allOf`s): their pages must say so.
    assert!(untested > 0, "no page shows a sample that was not sent");
}

/// Checks each documented operation's page; returns how many it checked, and how many of
/// their samples say they were not sent.
fn assert_anatomy(spec: &str, api: &Api, pages: &BTreeMap<String, String>) -> (usize, usize) {
    let (mut checked, mut untested) = (0, 0);
    for endpoint in api.endpoints.iter().filter(|e| e.is_documented()) {
        let file = format!("{spec}: {}.md", endpoint.page_segments().join("/"));
        let page_file = format!("{}.md", endpoint.page_segments().join("/"));
        let page = pages
            .get(&page_file)
            .unwrap_or_else(|| panic!("no page {file} for {}", endpoint.path));
        // A title of plain words is printed as it is (others are escaped for Markdown).
        let plain = endpoint
            .title
            .chars()
            .all(|c| c.is_alphanumeric() || " /{}-.,()'".contains(c));
        let first = page.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("# ") && (!plain || first == format!("# {}", endpoint.title)),
            "{file}: the title {:?}, not {first:?}",
            endpoint.title
        );
        let method_line = format!("`{} {}`", endpoint.http_method.as_str(), endpoint.path);
        let at = page
            .find(&method_line)
            .unwrap_or_else(|| panic!("{file}: the method and path"));
        assert_eq!(
            page[..at].contains("**Deprecated**."),
            endpoint.deprecated.is_some(),
            "{file}: the deprecation"
        );
        for param in endpoint.params.iter().filter(|p| p.undocumented.is_none()) {
            let heading = format!("## {}", place_heading(endpoint, &param.name));
            let at = page.find(&heading).unwrap_or_else(|| panic!("{file}: no {heading:?}"));
            let line = format!("**`{}`**", param.name);
            assert!(page[at..].contains(&line), "{file}: {line} is not under {heading:?}");
        }
        assert!(page.contains("\n## Response\n"), "{file}: no Response");
        for answer in &endpoint.answers {
            let shown = format!("**{}", answer.status);
            assert!(page.contains(&shown), "{file}: the answer {}", answer.status);
        }
        if endpoint.answers.iter().any(|a| !a.is_success()) {
            assert!(page.contains("\n## Errors\n"), "{file}: no Errors");
        }
        // Every operation's request in nine languages, and its answer whenever it returns one.
        for title in [
            "JavaScript",
            "cURL",
            "Python",
            "Ruby",
            "PHP",
            "Go",
            "Java",
            "C#",
            "Rust",
        ] {
            let tab = format!("{{% tab title=\"{title}\" %}}");
            assert!(page.contains(&tab), "{file}: no {title} tab");
        }
        if !matches!(endpoint.response, Response::Void) {
            assert!(page.contains("{% tab title=\"JSON\" %}"), "{file}: no example answer");
        }
        // A sample that was not sent says so under its tabs, and why; one that was says nothing.
        let reasons: Vec<&str> = endpoint.samples.iter().filter_map(|s| s.untested.as_deref()).collect();
        assert_eq!(
            page.matches("This sample was not sent to a mock server before it was published: ")
                .count(),
            reasons.len(),
            "{file}: the notes of samples not sent"
        );
        for why in reasons.iter().filter(|why| !why.contains(['<', '>', '&', '{'])) {
            assert!(
                page.contains(&format!("published: {why}.\n")),
                "{file}: the note does not say {why:?}"
            );
        }
        untested += reasons.len();
        checked += 1;
    }
    (checked, untested)
}

/// The heading a parameter is listed under: where it travels.
fn place_heading(endpoint: &Endpoint, name: &str) -> &'static str {
    if endpoint.path_params.iter().any(|p| p == name) {
        return "Path Parameters";
    }
    match endpoint.placed.iter().find(|(n, _)| n == name).map(|(_, place)| place) {
        Some(Place::Query) => "Query Parameters",
        Some(Place::Header) => "Header Parameters",
        Some(Place::Cookie) => "Cookie Parameters",
        None => match endpoint.param_location {
            ParamLocation::Query => "Query Parameters",
            ParamLocation::Body => "Request Body",
        },
    }
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if text.contains("\"openapi\": \"3.0") {
                found.push(path);
            }
        }
    }
}

fn read_tree(dir: &Path, base: &Path, files: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_tree(&path, base, files);
        } else {
            let rel = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read_to_string(&path).unwrap());
        }
    }
}

fn first_difference(expected: &str, actual: &str) -> String {
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    format!(
        "line {}: expected {:?}, generated {:?}",
        line + 1,
        expected.lines().nth(line),
        actual.lines().nth(line)
    )
}
