//! The oracle of the HTTP tabs: httpsnippet 3.0.10 (pinned in `xtask/node`) prints the
//! request of every sample of the test set (the Petstore example with its samples, the
//! escaping cases of `generator/tests/fixtures/http-tabs`, GitHub's description with its
//! samples, every OpenAPI 3.0 example of `@readme/oas-examples`) given as a HAR, with the clients the tabs follow.
//!
//! `cargo xtask httpsnippet` writes `target/oracles/httpsnippet-descriptions.json` (the
//! descriptions and sample folders of the set) and `target/oracles/httpsnippet.json` (for
//! each request, its HAR and what each client prints); `generator/tests/httpsnippet.rs`
//! rebuilds the requests from the descriptions and compares. Node runs only when the
//! requests, the script or the pinned packages change.

use std::path::PathBuf;

use serde_json::{json, Map, Value};

use crate::tasks::{run, workspace_root};

/// A description of the set: its name, the description, its samples.
struct Description {
    name: String,
    spec: PathBuf,
    samples: Option<PathBuf>,
}

fn descriptions() -> Result<Vec<Description>, String> {
    let root = workspace_root();
    let examples = root.join("xtask/node/node_modules/@readme/oas-examples/3.0/json");
    let mut set = vec![
        Description {
            name: "petstore".to_owned(),
            spec: examples.join("petstore.json"),
            samples: Some(root.join("generator/tests/fixtures/petstore-samples")),
        },
        Description {
            name: "http-tabs".to_owned(),
            spec: root.join("generator/tests/fixtures/http-tabs/openapi.yaml"),
            samples: Some(root.join("generator/tests/fixtures/http-tabs/samples")),
        },
        Description {
            name: "github".to_owned(),
            spec: crate::node::github_spec()?,
            samples: Some(root.join("generator/tests/fixtures/github-samples")),
        },
    ];
    let mut files: Vec<PathBuf> = std::fs::read_dir(&examples)
        .map_err(|e| format!("cannot read {}: {e}", examples.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for spec in files {
        let stem = spec
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        set.push(Description {
            name: format!("oas-examples/{stem}"),
            spec,
            samples: None,
        });
    }
    Ok(set)
}

/// Writes the oracle unless it is up to date; returns its path.
pub fn oracle() -> Result<PathBuf, String> {
    crate::node::install()?;
    let root = workspace_root();
    let dir = root.join("target/oracles");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut listed = Vec::new();
    let mut requests = Map::new();
    for description in descriptions()? {
        let options = options_of(&description);
        // A description the generator refuses has no pages, hence no tabs; the corpus and the
        // oas-examples test account for it.
        let built = std::panic::catch_unwind(|| codegen::build_model(&options));
        let Ok(Ok((api, _))) = built else { continue };
        for (id, request) in codegen::emit::docs::samples::http::requests(&api, &api.base_url) {
            requests.insert(format!("{}:{id}", description.name), request.har());
        }
        listed.push(json!({
            "name": description.name,
            "spec": description.spec,
            "samples": description.samples,
        }));
    }
    let requests_path = dir.join("httpsnippet-requests.json");
    let text = serde_json::to_string_pretty(&Value::Object(requests)).map_err(|e| e.to_string())?;
    write_if_changed(&requests_path, &text)?;
    let listed_text = serde_json::to_string_pretty(&listed).map_err(|e| e.to_string())?;
    write_if_changed(&dir.join("httpsnippet-descriptions.json"), &listed_text)?;
    let out = dir.join("httpsnippet.json");
    let stamp = dir.join("httpsnippet.inputs");
    let fingerprint = crate::oracles::fingerprint(&[
        &requests_path,
        &root.join("xtask/node/package-lock.json"),
        &root.join("xtask/node/httpsnippet.mjs"),
    ])?;
    if out.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(fingerprint.as_str()) {
        return Ok(out);
    }
    let args = [&requests_path, &out].map(|p| p.to_string_lossy().into_owned());
    run("node", &["xtask/node/httpsnippet.mjs", &args[0], &args[1]])?;
    std::fs::write(&stamp, fingerprint).map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    Ok(out)
}

fn options_of(description: &Description) -> codegen::Options {
    codegen::Options {
        samples: description.samples.clone(),
        ..codegen::Options::description_only(description.spec.clone(), &workspace_root())
    }
}

fn write_if_changed(path: &std::path::Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
