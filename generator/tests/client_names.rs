//! Wire names that are not Rust identifiers (keywords, `-`, `.`, spaces, leading digits,
//! non-ASCII, names that clash once converted, a recursive type, a root-level endpoint): the
//! crate generated from `fixtures/client-names` must build without warnings and pass its own
//! sample tests, which send and decode every odd name.

mod client_build;
mod docs_support;

use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn generate() -> (codegen::Generation, PathBuf) {
    generate_from(&repo_root().join("generator/tests/fixtures/client-names"))
}

fn generate_from(fixture: &Path) -> (codegen::Generation, PathBuf) {
    let root = repo_root();
    let options = codegen::Options {
        spec: fixture.join("openapi.yaml"),
        samples: Some(fixture.join("samples")),
        resource_samples: None,
        routes: None,
        previous: None,
        guides: false,
        ..codegen::Options::repository(&root)
    };
    let generation = match codegen::generate(&options) {
        Ok(generation) => generation,
        Err(diags) => panic!("{diags}"),
    };
    (generation, root)
}

#[test]
fn odd_names_become_raw_identifiers_suffixes_and_renames() {
    let (generation, _) = generate();
    let types = generation.files.get("client/src/types.rs").unwrap();
    for expected in [
        "pub r#type: String,",
        "pub r#match: Kind,",
        "pub self_: Option<String>,",
        "pub self_2: Option<String>,",
        "pub a_b: Option<i64>,",
        "pub a_b_2: Option<i64>,",
        "pub _1st: Option<bool>,",
        "pub next: Option<Box<Node>>,",
        "r#type = \"type\"",
        "self_2 = \"Self\"",
        "a_b = \"a-b\"",
        "_1st = \"1st\"",
        "Self_ = \"Self\"",
        "AB2 = \"a_b\"",
        "Other2 = \"other\"",
        "V2fa = \"2fa\"",
        "V1st = \"1st\"",
    ] {
        assert!(types.contains(expected), "types.rs lacks `{expected}`:\n{types}");
    }
    let module = generation.files.get("client/src/match.rs").unwrap();
    for expected in [
        "pub mod self_ {",
        "pub fn r#type(&self) -> TypeRequest",
        "pub fn x_request_id(mut self",
        "pub fn a_b(mut self",
        "pub fn a_b_2(mut self",
        "pub fn _2fa(mut self",
        "pub fn h_llo(mut self",
        "pub fn crate_(",
        "pub fn super_(mut self",
        "pub fn pages_2(mut self",
        "pub fn pages_2_null(mut self)",
    ] {
        assert!(module.contains(expected), "match.rs lacks `{expected}`:\n{module}");
    }
    let lib = generation.files.get("client/src/lib.rs").unwrap();
    assert!(lib.contains("pub mod r#match;"), "{lib}");
    assert!(lib.contains("pub fn ping(&self) -> PingRequest"), "{lib}");
    let manifest = generation.files.get("client/Cargo.toml").unwrap();
    assert!(manifest.contains("default = [\"rustls-tls\", \"match\"]"), "{manifest}");
}

#[test]
fn the_odd_names_crate_builds_and_its_samples_pass() {
    let stdout = build_and_test("client-names", generate());
    // Its sample tests ran: the odd call and the root-level call.
    assert!(stdout.contains("2 passed"), "{stdout}");
}

#[test]
fn the_tricky_input_crate_builds_and_its_sample_passes() {
    let fixture = repo_root().join("generator/tests/tricky_input");
    let stdout = build_and_test("tricky-input", generate_from(&fixture));
    assert!(stdout.contains("1 passed"), "{stdout}");
}

#[test]
fn the_recursion_corpus_crate_builds_and_its_samples_pass() {
    // Self and mutual references through `allOf`, nullable `allOf`, `items`, `anyOf`, `oneOf`,
    // `additionalProperties`, inheritance and discriminated unions, and types named like the
    // runtime's own identifiers (`A`, `D`, `Visitor`, `Value`, `Map`, …).
    let fixture = repo_root().join("generator/tests/fixtures/recursion");
    let (generation, root) = generate_from(&fixture);
    let problems = docs_support::check(&docs_support::pages(&generation.files));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let stdout = build_and_test("recursion", (generation, root));
    assert!(stdout.contains("2 passed"), "{stdout}");
}

/// Builds the generated crate and runs its tests with warnings denied; returns what they printed.
fn build_and_test(name: &str, (generation, _): (codegen::Generation, PathBuf)) -> String {
    client_build::build_and_test(name, &generation.files).unwrap_or_else(|failure| panic!("{failure}"))
}
