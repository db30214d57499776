//! Deep but finite nesting either generates or stops with a located error, never a crash.
//!
//! Every case runs the whole pipeline on a thread with a small fixed stack, so a walk whose
//! depth follows the input's (rather than a bound of its own) overflows here first. The
//! inputs: inline schemas nested as deep as the YAML and JSON parsers allow, one level deeper
//! than that, and chains and cycles of thousands of `$ref`s, named so that they are resolved
//! front to back and back to front.

mod docs_support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// The stack every case runs on: a quarter of a spawned thread's default.
const SMALL_STACK: usize = 512 * 1024;

/// How deep inline schemas nest in the cases the parsers accept (each level is two YAML levels,
/// the schema and its `properties`, and the parsers stop at 128).
const PARSEABLE_DEPTH: usize = 55;

/// How many components the long chains and cycles hold.
const CHAIN_LENGTH: usize = 3_000;

/// The outcome of one case: the generated pages, or the errors.
enum Outcome {
    Generated(BTreeMap<String, String>),
    Refused(String),
}

fn run(name: &str, description: String) -> Outcome {
    let dir = std::env::temp_dir().join(format!("seam-deep-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("openapi.yaml");
    std::fs::write(&spec, description).unwrap();
    let options = codegen::Options {
        spec,
        samples: None,
        resource_samples: None,
        routes: None,
        previous: None,
        templates: Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates"),
        lenient_samples: false,
        guides: false,
        crate_name: None,
    };
    let outcome = std::thread::Builder::new()
        .name(format!("deep-{name}"))
        .stack_size(SMALL_STACK)
        .spawn(move || match codegen::generate(&options) {
            Ok(generation) => Outcome::Generated(docs_support::pages(&generation.files)),
            Err(diags) => Outcome::Refused(diags.to_string()),
        })
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("case `{name}` panicked"));
    let _ = std::fs::remove_dir_all(&dir);
    outcome
}

fn generates(name: &str, description: String) {
    match run(name, description) {
        Outcome::Generated(pages) => {
            let problems = docs_support::check(&pages);
            assert!(problems.is_empty(), "case `{name}`: {}", problems.join("\n"));
        }
        Outcome::Refused(errors) => panic!("case `{name}` was refused:\n{errors}"),
    }
}

fn refused(name: &str, description: String, expected: &str) {
    match run(name, description) {
        Outcome::Generated(_) => panic!("case `{name}` generated; expected an error containing `{expected}`"),
        Outcome::Refused(errors) => assert!(errors.contains(expected), "case `{name}`:\n{errors}"),
    }
}

/// A description whose one endpoint takes and returns `schema`, with `components` beside it.
fn description(schema: &str, components: &str) -> String {
    format!(
        "openapi: 3.0.0
info: {{title: Deep, version: \"1\"}}
servers: [{{url: \"https://deep.example.com\"}}]
paths:
  /deep/get:
    post:
      x-title: Get Deep
      x-fern-sdk-group-name: [deep]
      x-fern-sdk-method-name: get
      x-response-key: deep
      requestBody:
        content:
          application/json:
            schema: {{type: object, properties: {{value: {schema}}}}}
      responses:
        \"200\":
          description: OK
          content:
            application/json:
              schema: {{type: object, properties: {{deep: {schema}}}}}
components:
  schemas:
{components}"
    )
}

/// `depth` inline schemas, each wrapping the next the way `wrap` says.
fn nested(depth: usize, wrap: impl Fn(usize, String) -> String) -> String {
    (0..depth).fold("{type: string}".to_owned(), |inner, level| wrap(level, inner))
}

/// Wraps the schema of one level (the level's number, the inner schema) in the next.
type Wrap = fn(usize, String) -> String;

fn wrappers() -> Vec<(&'static str, Wrap)> {
    vec![
        ("object", |n, inner| {
            format!("{{type: object, properties: {{f{n}: {inner}}}}}")
        }),
        ("array", |_, inner| format!("{{type: array, items: {inner}}}")),
        ("map", |_, inner| {
            format!("{{type: object, additionalProperties: {inner}}}")
        }),
        ("all_of", |n, inner| {
            format!("{{allOf: [{{type: object, properties: {{f{n}: {inner}}}}}]}}")
        }),
        ("one_of", |n, inner| {
            format!("{{oneOf: [{{type: object, properties: {{f{n}: {inner}}}}}, {{type: object, properties: {{g{n}: {{type: string}}}}}}]}}")
        }),
        ("nullable_all_of", |n, inner| {
            format!("{{nullable: true, allOf: [{{type: object, properties: {{f{n}: {inner}}}}}]}}")
        }),
    ]
}

#[test]
fn inline_nesting_as_deep_as_the_parsers_allow_generates() {
    for (kind, wrap) in wrappers() {
        // Wrappers of two YAML levels (a composition and its part) get half the depth.
        let depth = if kind.contains("of") {
            PARSEABLE_DEPTH / 2
        } else {
            PARSEABLE_DEPTH
        };
        generates(kind, description(&nested(depth, wrap), "    unused: {type: string}\n"));
    }
}

#[test]
fn inline_nesting_deeper_than_the_parsers_allow_is_a_located_error() {
    for (kind, wrap) in wrappers() {
        refused(
            kind,
            description(&nested(200, wrap), "    unused: {type: string}\n"),
            "openapi.yaml:14:",
        );
    }
}

/// `count` components `{prefix}{i}`, each an object whose field refers to the next; the last
/// refers to `last`.
fn chain(count: usize, name: impl Fn(usize) -> String, last: &str) -> String {
    let mut components = String::new();
    for i in 0..count {
        let next = if i + 1 == count { last.to_owned() } else { name(i + 1) };
        let _ = writeln!(
            components,
            "    {}: {{type: object, properties: {{next: {{$ref: \"#/components/schemas/{next}\"}}, label: {{type: string}}}}}}",
            name(i)
        );
    }
    components
}

#[test]
fn a_chain_of_references_resolved_back_to_front_generates() {
    // The endpoint uses only the chain's end, and sorted by name the chain's last link comes
    // first, so each component is built when the one it refers to is known: no resolution
    // nests deeper than two levels, and the client emitter walks all 3,000 types.
    let name = |i: usize| format!("c{:05}", CHAIN_LENGTH - i);
    let components = chain(CHAIN_LENGTH, name, "end") + "    end: {type: object, properties: {x: {type: string}}}\n";
    generates(
        "chain_back",
        description("{$ref: \"#/components/schemas/end\"}", &components),
    );
}

#[test]
fn a_chain_of_references_resolved_front_to_back_is_a_located_error() {
    let name = |i: usize| format!("c{i:05}");
    let components = chain(CHAIN_LENGTH, name, "end") + "    end: {type: object, properties: {x: {type: string}}}\n";
    refused(
        "chain_front",
        description(&format!("{{$ref: \"#/components/schemas/{}\"}}", name(0)), &components),
        "levels deep here",
    );
}

#[test]
fn a_long_cycle_of_references_is_a_located_error() {
    let name = |i: usize| format!("c{i:05}");
    let components = chain(CHAIN_LENGTH, name, &name(0));
    refused(
        "cycle",
        description(&format!("{{$ref: \"#/components/schemas/{}\"}}", name(0)), &components),
        "levels deep here",
    );
}

#[test]
fn a_short_cycle_through_every_composition_generates() {
    // 200 components in one cycle, each reaching the next through another keyword.
    let keywords = [
        "{allOf: [{$ref: \"#/components/schemas/NEXT\"}], nullable: true}",
        "{type: array, items: {$ref: \"#/components/schemas/NEXT\"}}",
        "{type: object, additionalProperties: {$ref: \"#/components/schemas/NEXT\"}}",
        "{anyOf: [{$ref: \"#/components/schemas/NEXT\"}, {type: string}]}",
        "{oneOf: [{$ref: \"#/components/schemas/NEXT\"}], nullable: true}",
        "{type: array, items: {allOf: [{$ref: \"#/components/schemas/NEXT\"}]}}",
    ];
    let count = 200;
    let mut components = String::new();
    for i in 0..count {
        let next = format!("k{:03}", (i + 1) % count);
        let field = keywords[i % keywords.len()].replace("NEXT", &next);
        let _ = writeln!(
            components,
            "    k{i:03}: {{type: object, properties: {{next: {field}}}}}"
        );
    }
    generates(
        "short_cycle",
        description("{$ref: \"#/components/schemas/k000\"}", &components),
    );
}

#[test]
fn every_fuzz_finding_generates_well_formed_pages() {
    // The descriptions the generated-shapes fuzz found failing (stack overflows, and a diamond
    // of types whose pages grew without bound), kept as regression cases.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_findings");
    let mut findings: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    findings.sort();
    assert!(findings.len() >= 9, "{findings:?}");
    for path in findings {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        generates(&name, std::fs::read_to_string(&path).unwrap());
    }
}
