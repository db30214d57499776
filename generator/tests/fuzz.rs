//! Mutation fuzzing: valid descriptions, mutated at random, never make the generator panic,
//! and whatever it generates is well-formed (Rust that parses, Markdown whose tags, fences and
//! details balance); whatever it rejects comes with an error.
//!
//! CI runs a short, fixed run. A long run:
//! `FUZZ_CASES=100000 cargo test --release -p seam-codegen --test fuzz -- --nocapture`
//! (`FUZZ_SEED=N` picks another sequence; a failure prints the case's seed to replay it).

mod docs_support;
mod fuzz_support;

use std::time::Instant;

use fuzz_support::{repo, Outcome, Rng};
use serde_json::{json, Map, Value};

const NASTY_NAMES: &[&str] = &[
    "type",
    "match",
    "ref",
    "self",
    "Self",
    "crate",
    "super",
    "async",
    "fn",
    "kebab-name",
    "dotted.name",
    "with space",
    "2fa",
    "ünïcode",
    "",
    "_",
    "__proto__",
    "ok",
    "error",
    "acs_user",
    "AcsUser",
    "acs-user",
];
const NASTY_TEXT: &[&str] = &[
    "ends a comment */ here",
    "raw string end \"# and ##",
    "`backticks` and ```fences```",
    "{% endtabs %} {% tab title=\"x\" %}",
    "{{ template }} {# note #} {% raw %}",
    // (No raw HTML: descriptions are Markdown whose HTML is passed through as written, so
    // unbalanced HTML in a description is the author's markup, not a generator defect.)
    "line\nbreak\r\nand\ttab",
    "\\ backslash $dollar ${interp} 'single' \"double\"",
    "",
];

fn random_value(rng: &mut Rng, components: &[String]) -> Value {
    match rng.below(14) {
        0 => Value::Null,
        1 => json!(rng.below(2) == 0),
        2 => json!(rng.below(1000) as i64 - 500),
        3 => json!(1.5),
        4 => json!(rng.pick(NASTY_TEXT)),
        5 => json!({}),
        6 => json!([]),
        7 => json!({"$ref": format!("#/components/schemas/{}", rng.pick(components))}),
        8 => json!({"$ref": "#/components/schemas/does_not_exist"}),
        9 => json!({"$ref": "other.yaml#/components/schemas/thing"}),
        10 => json!({"type": "string", "enum": [rng.pick(NASTY_NAMES), rng.pick(NASTY_NAMES), "on-hold", "on_hold"]}),
        11 => json!({"type": "string", "enum": []}),
        12 => {
            json!({"oneOf": [{"$ref": format!("#/components/schemas/{}", rng.pick(components))}, {"type": "object", "properties": {"type": {"type": "string", "enum": ["x"]}}}], "discriminator": {"propertyName": "type"}})
        }
        _ => {
            json!({"type": "object", "properties": {rng.pick(NASTY_NAMES).to_string(): {"type": "string", "description": rng.pick(NASTY_TEXT)}}, "required": [rng.pick(NASTY_NAMES)]})
        }
    }
}

/// Applies one random mutation somewhere in `root`.
fn mutate(rng: &mut Rng, root: &mut Value, components: &[String]) {
    // Choose a random path (as a JSON pointer), stopping at a random depth.
    let mut pointer = String::new();
    let mut node: &Value = root;
    for _ in 0..1 + rng.below(12) {
        let step = match node {
            Value::Object(map) if !map.is_empty() => {
                let key = map.keys().nth(rng.below(map.len())).unwrap();
                Some((key.replace('~', "~0").replace('/', "~1"), &map[key]))
            }
            Value::Array(list) if !list.is_empty() => {
                let index = rng.below(list.len());
                Some((index.to_string(), &list[index]))
            }
            _ => None,
        };
        match step {
            Some((token, child)) if matches!(child, Value::Object(_) | Value::Array(_)) => {
                pointer.push('/');
                pointer.push_str(&token);
                node = child;
            }
            _ => break,
        }
    }
    let Some(node) = root.pointer_mut(&pointer) else { return };
    match node {
        Value::Object(map) => match rng.below(6) {
            0 if !map.is_empty() => {
                let key = map.keys().nth(rng.below(map.len())).cloned().unwrap();
                map.remove(&key);
            }
            1 if !map.is_empty() => {
                let key = map.keys().nth(rng.below(map.len())).cloned().unwrap();
                map.insert(key, random_value(rng, components));
            }
            2 if !map.is_empty() => {
                // Rename a key to a nasty name (properties, paths, components alike).
                let key = map.keys().nth(rng.below(map.len())).cloned().unwrap();
                let value = map.remove(&key).unwrap();
                map.insert(rng.pick(NASTY_NAMES).to_string(), value);
            }
            3 => {
                map.insert("description".into(), json!(rng.pick(NASTY_TEXT)));
            }
            4 => {
                map.insert(
                    rng.pick(&["nullable", "deprecated", "x-undocumented", "x-deprecated", "x-draft"])
                        .to_string(),
                    json!(true),
                );
            }
            _ => {
                map.insert(rng.pick(NASTY_NAMES).to_string(), random_value(rng, components));
            }
        },
        Value::Array(list) => match rng.below(3) {
            0 if !list.is_empty() => {
                let index = rng.below(list.len());
                list.remove(index);
            }
            1 if !list.is_empty() => {
                let index = rng.below(list.len());
                let copy = list[index].clone();
                list.push(copy);
            }
            _ => list.push(random_value(rng, components)),
        },
        _ => {}
    }
}

/// Runs one mutated description through the whole pipeline: `Ok(true)` when it generated,
/// `Ok(false)` when it was rejected with errors.
fn run_case(
    spec: &Value,
    samples: &[codegen::load::RawSample],
    seed: u64,
    components: &[String],
) -> Result<bool, String> {
    let mut rng = Rng::new(seed);
    let mut value = spec.clone();
    for _ in 0..1 + rng.below(4) {
        mutate(&mut rng, &mut value, components);
    }
    let text = serde_json::to_string(&value).unwrap();
    match fuzz_support::run_pipeline("fuzz.json", &text, samples, true) {
        Ok(Outcome::Generated(_)) => Ok(true),
        Ok(Outcome::Rejected(_)) => Ok(false),
        Err(failure) => Err(format!("seed {seed}: {failure}")),
    }
}

#[test]
fn mutated_descriptions_never_panic_and_give_well_formed_output() {
    let cases: u64 = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let base_seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EA4);
    let specs: Vec<Value> = [
        repo().join("spec/openapi.yaml"),
        repo().join("generator/tests/tricky_input/openapi.yaml"),
    ]
    .iter()
    .map(|p| serde_yaml::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
    .collect();
    let samples = codegen::load::load_samples(&repo().join("spec/samples")).unwrap();
    let started = Instant::now();
    let (mut generated, mut rejected) = (0u64, 0u64);
    let mut failures = Vec::new();
    for case in 0..cases {
        let seed = base_seed.wrapping_mul(1_000_003).wrapping_add(case);
        let spec = &specs[(case % 2) as usize];
        let components: Vec<String> = spec
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(Map::keys)
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        let case_samples = if case % 2 == 0 { &samples[..] } else { &[] };
        match run_case(spec, case_samples, seed, &components) {
            Ok(true) => generated += 1,
            Ok(false) => rejected += 1,
            Err(failure) => failures.push(failure),
        }
    }
    println!(
        "fuzz: {cases} cases in {:.1}s: {generated} generated, {rejected} rejected with errors, {} failures",
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures, first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    assert!(
        generated > cases / 10,
        "mutations are too destructive to test generation: {generated} of {cases}"
    );
}
