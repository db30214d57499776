//! The HTTP tabs against httpsnippet 3.0.10: for every sample of the test set that
//! `cargo xtask httpsnippet` printed with it (run by `cargo xtask ci`), the request the
//! generator builds is the HAR the oracle was given, and each tab is byte for byte what the
//! oracle's client printed.

mod docs_support;

use std::collections::BTreeMap;

use codegen::emit::docs::samples::http::{requests, Client};
use serde_json::Value;

fn read_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}; `cargo xtask httpsnippet` writes it", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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
    assert!(built.keys().filter(|id| id.starts_with("http-tabs:")).count() >= 7);
    assert!(built.keys().filter(|id| id.starts_with("petstore:")).count() >= 4);
    let mut failures = Vec::new();
    let mut tabs = 0;
    for (id, request) in &built {
        let expected = &oracle[id];
        assert_eq!(
            request.har(),
            expected["har"],
            "{id}: the oracle printed another request: run `cargo xtask httpsnippet`"
        );
        for client in Client::ALL {
            let (target, name) = client.httpsnippet();
            let want = expected["snippets"][format!("{target}/{name}")]
                .as_str()
                .unwrap_or_else(|| panic!("{id}: no {target}/{name} snippet"));
            let got = client.code(request);
            tabs += 1;
            if got != want {
                failures.push(format!(
                    "{id} {target}/{name}:\n--- httpsnippet\n{want}\n--- ours\n{got}\n"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {tabs} tabs differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{} samples, {tabs} tabs equal to httpsnippet's", built.len());
}
