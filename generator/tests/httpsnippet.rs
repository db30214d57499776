//! The HTTP tabs against httpsnippet 3.0.10: for every sample of the test set that
//! `cargo xtask httpsnippet` printed with it (run by `cargo xtask ci`), the request the
//! generator builds is the HAR the oracle was given, and each tab is byte for byte what the
//! oracle's client printed — except where the oracle's string literal does not read back as
//! the value it holds (`codegen::emit::docs::samples::http::literal`): there the tab prints a
//! correct literal instead, and the test checks that these literals are the only difference,
//! that each replaces the oracle's own text, and that the oracle's text is wrong for its value.
//! The escaping cases named in [`CORRECTED`] must need their corrections, so the check is seen
//! to work; any other sample (a description's example with a line break in a JSON string, say)
//! may need one too, under the same proof.

mod docs_support;

use std::collections::BTreeMap;

use codegen::emit::docs::samples::http::literal::{decode, Correction};
use codegen::emit::docs::samples::http::{requests, Client};
use serde_json::Value;

fn read_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}; `cargo xtask httpsnippet` writes it", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Escaping cases whose values httpsnippet's literals do not hold, with the tabs concerned:
/// each must be corrected.
const CORRECTED: &[(&str, &[&str])] = &[
    // A JSON body of `0`: httpsnippet's Python tab sends no body.
    (
        "oas-examples/schema-types:numbers/number_top_level#0",
        &["python/requests"],
    ),
    // The query's `'` ends JavaScript's and PHP's `'…'` URL.
    ("http-tabs:notes/list_notes#0", &["javascript/fetch", "php/guzzle"]),
    // A JSON body with `\"`: stringify-object leaves the backslash, Python's literal too.
    (
        "http-tabs:notes/create_note#0",
        &["javascript/fetch", "python/requests"],
    ),
    // A quote in a form value, printed raw.
    ("http-tabs:notes/share_note#0", &["csharp/httpclient"]),
    // Hostile values and names everywhere. Go's and Java's literals (JSON's escapes) hold them.
    (
        "http-tabs:hostile/send_hostile#0",
        &[
            "javascript/fetch",
            "python/requests",
            "ruby/native",
            "php/guzzle",
            "csharp/httpclient",
        ],
    ),
    // A GET's JSON body of hostile values, which Node's `http` module sends for JavaScript.
    ("http-tabs:hostile/query_hostile#0", &["node/native"]),
    // Guzzle's multipart item before the headers lacks its comma: PHP cannot parse it.
    ("http-tabs:constructs/upload#0", &["php/guzzle"]),
    // The form's text is URL-encoded, which Ruby's, Go's and Java's literals hold.
    (
        "http-tabs:hostile/send_hostile_form#0",
        &["javascript/fetch", "python/requests", "php/guzzle", "csharp/httpclient"],
    ),
];

/// Whether `got` is `want` with some of its literals replaced by the corrections: each
/// correction's printed literal stands where the oracle printed its own, and the oracle's
/// literal does not read back as the value.
fn only_corrected_literals_differ(got: &str, want: &str, corrections: &[Correction]) -> Result<(), String> {
    // Where each correction stands in the tab (the printers record them in their own order).
    let mut placed: Vec<(usize, &Correction)> = Vec::new();
    for c in corrections {
        if decode(c.syntax, &c.snippet).as_deref() == Some(c.value.as_str()) {
            return Err(format!("{:?} reads back as its value but was replaced", c.snippet));
        }
        let at = got
            .match_indices(&c.printed)
            .map(|(at, _)| at)
            .find(|at| !placed.iter().any(|(p, _)| p == at))
            .ok_or_else(|| format!("{:?} is not in the tab", c.printed))?;
        placed.push((at, c));
    }
    placed.sort_by_key(|(at, _)| *at);
    let mut restored = String::new();
    let mut from = 0;
    for (at, c) in placed {
        restored.push_str(&got[from..at]);
        restored.push_str(&c.snippet);
        from = at + c.printed.len();
    }
    restored.push_str(&got[from..]);
    if restored == want {
        Ok(())
    } else {
        Err("the tab differs from httpsnippet's beyond its corrected literals".to_owned())
    }
}

#[test]
fn every_http_tab_is_what_httpsnippet_prints() {
    let oracles = docs_support::root().join("target/oracles");
    let descriptions = read_json(&oracles.join("httpsnippet-descriptions.json"));
    let oracle = read_json(&oracles.join("httpsnippet.json"));
    let oracle = oracle.as_object().expect("the oracle is an object of requests");
    let mut built = BTreeMap::new();
    for description in descriptions.as_array().expect("a list of descriptions") {
        let name = description["name"].as_str().unwrap();
        let spec = std::path::PathBuf::from(description["spec"].as_str().unwrap());
        let options = codegen::Options {
            samples: description["samples"].as_str().map(std::path::PathBuf::from),
            ..codegen::Options::description_only(spec, &docs_support::root())
        };
        let (api, _) = codegen::build_model(&options).unwrap_or_else(|d| panic!("{name}: {d}"));
        for (id, request) in requests(&api, &api.base_url) {
            built.insert(format!("{name}:{id}"), request);
        }
    }
    let printed: Vec<&String> = oracle.keys().collect();
    let ours: Vec<&String> = built.keys().collect();
    let mut printed_sorted = printed.clone();
    printed_sorted.sort();
    assert_eq!(
        ours, printed_sorted,
        "the oracle is stale: run `cargo xtask httpsnippet`"
    );
    // The escaping cases and the Petstore's samples at least.
    assert!(built.keys().filter(|id| id.starts_with("http-tabs:")).count() >= 9);
    assert!(built.keys().filter(|id| id.starts_with("petstore:")).count() >= 4);
    let mut failures = Vec::new();
    let mut tabs = 0;
    let mut corrected = Vec::new();
    for (id, request) in &built {
        let expected = &oracle[id];
        assert_eq!(
            request.har(),
            expected["har"],
            "{id}: the oracle printed another request: run `cargo xtask httpsnippet`"
        );
        for client in Client::ALL {
            let (target, name) = client.httpsnippet(request);
            let want = expected["snippets"][format!("{target}/{name}")]
                .as_str()
                .unwrap_or_else(|| panic!("{id}: no {target}/{name} snippet"));
            let (got, corrections) = client.code_and_corrections(request);
            tabs += 1;
            let tab = format!("{target}/{name}");
            let verdict = match corrections.is_empty() {
                true if got == want => Ok(()),
                true => Err("differs".to_owned()),
                false => only_corrected_literals_differ(&got, want, &corrections),
            };
            if !corrections.is_empty() {
                corrected.push(format!("{id} {tab}"));
            }
            if let Err(why) = verdict {
                failures.push(format!("{id} {tab}: {why}\n--- httpsnippet\n{want}\n--- ours\n{got}\n"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {tabs} tabs differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every named tab needed its corrections: none is excused for nothing.
    for (sample, tabs) in CORRECTED {
        for tab in *tabs {
            assert!(
                corrected.contains(&format!("{sample} {tab}")),
                "{sample} {tab} is named in CORRECTED but prints httpsnippet's literals"
            );
        }
    }
    println!(
        "{} samples, {} tabs equal to httpsnippet's, {} with corrected literals",
        built.len(),
        tabs - corrected.len(),
        corrected.len()
    );
}
