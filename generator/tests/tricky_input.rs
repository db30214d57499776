//! Names and text that must degrade gracefully: keywords, odd characters, colliding names,
//! recursive types and descriptions full of comment, string and template delimiters all
//! generate, with a warning where information is lost, and identically every time.

mod docs_support;

use std::path::{Path, PathBuf};

fn case() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tricky_input")
}

fn options() -> codegen::Options {
    docs_support::case_options(&case())
}

#[test]
fn tricky_input_generates_with_warnings_where_information_is_lost() {
    let generation = codegen::generate(&options()).unwrap_or_else(|diags| panic!("generation failed:\n{diags}"));
    let warnings = generation
        .warnings
        .to_string()
        .replace(&format!("{}/", case().display()), "<case>/");
    let expected = "\
warning: <case>/openapi.yaml#/components/schemas/node: component schema `node` clashes with another name once case and separators are ignored; its type is named `node_2`
warning: <case>/openapi.yaml#/components/schemas/node/properties/unmodeled: `not` schemas are not modeled; the value is treated as any JSON
";
    assert_eq!(warnings, expected);
    assert!(generation.files.get("client/Cargo.toml").is_some());
    // An `allOf` that includes itself is its other parts: nothing is lost, so nothing is said.
    let types = generation.files.get("client/src/types.rs").unwrap();
    assert!(
        types.contains("pub struct Looped {\n    /// The `x` field.\n    pub x: Option<String>,\n}"),
        "{types}"
    );
    let page = generation
        .files
        .get("docs/nodes/get.md")
        .expect("the page of /nodes/get");
    // GitBook tags in spec text are neutralised; the rest of the text is kept.
    assert!(
        page.starts_with("# Get a Node `*/` {{ braces }} &#123;% endtabs %&#125;\n"),
        "{page}"
    );
    // The root path `/` has a page in the root folder, listed in the table of contents.
    assert!(generation.files.get("docs/index.md").is_some());
    let summary = generation.files.get("docs/SUMMARY.md").unwrap();
    assert!(summary.contains("\n* [The Root Path](index.md)\n"), "{summary}");
    let problems = docs_support::check(&docs_support::pages(&generation.files));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn generation_is_deterministic() {
    let first = codegen::generate(&options()).unwrap().files;
    for _ in 0..3 {
        assert_eq!(codegen::generate(&options()).unwrap().files, first);
    }
}
