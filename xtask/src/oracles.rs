//! The oracles the reference pages' code tabs are checked against: Seam's own sample builder
//! (`@seamapi/blueprint`) at the version of the live reference, and the formatters the live
//! docs pipeline ran on its output (prettier and its PHP plugin from npm, ruff from PyPI,
//! gofmt from Debian), and the parsers the code tabs must pass for any value (`php -l` and
//! `ruby -c`, from Debian; node and python3 are already needed). Each is pinned here or in
//! `xtask/node/package-lock.json`.
//!
//! `cargo xtask oracles` writes `target/oracles/expected-tabs.json`: for every sample of the
//! live sample set, every language's code and output as the live reference shows them. It is
//! rebuilt only when one of its inputs changes.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::tasks::{run, run_with_env, workspace_root};

/// The ruff release the Python tabs are formatted with.
const RUFF_VERSION: &str = "0.17.6";

/// The live reference's sample set, committed as test data.
const LIVE_SAMPLES: &str = "generator/tests/live-1.885.0/code-sample-definitions";

/// Where everything this module makes lives.
fn dir() -> PathBuf {
    workspace_root().join("target/oracles")
}

/// Installs every oracle and writes the expected tabs; returns their path.
pub fn expected_tabs() -> Result<PathBuf, String> {
    crate::node::install()?;
    let ruff = install_ruff()?;
    let gofmt = install_from_debian("/usr/lib/go/bin/gofmt", "golang-go")?;
    install_from_debian("/usr/bin/php", "php-cli")?;
    install_from_debian("/usr/bin/ruby", "ruby")?;
    let spec = crate::node::spec_1885()?;
    let samples = write_samples_json()?;
    let out = dir().join("expected-tabs.json");
    let stamp = dir().join("expected-tabs.inputs");
    let fingerprint = fingerprint(&[
        &spec,
        &samples,
        &workspace_root().join("xtask/node/package-lock.json"),
        &workspace_root().join("xtask/node/expected-tabs.mjs"),
        &ruff,
        &gofmt,
    ])?;
    if out.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(fingerprint.as_str()) {
        return Ok(out);
    }
    let args = [&samples, &ruff, &gofmt, &out].map(|p| p.to_string_lossy().into_owned());
    let mut argv = vec!["xtask/node/expected-tabs.mjs"];
    argv.extend(args.iter().map(String::as_str));
    run("node", &argv)?;
    std::fs::write(&stamp, fingerprint).map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    Ok(out)
}

/// The `@seamapi/types` copies whose resources `@seamapi/blueprint` lays out for the resource
/// model's differential test: the installed package name and the version it holds.
const BLUEPRINT_DESCRIPTIONS: [(&str, &str); 2] = [("seam-types-1885", "1.885.0"), ("@seamapi/types", "1.977.0")];

/// Writes `target/oracles/blueprint-resources-<version>.json` for each of
/// [`BLUEPRINT_DESCRIPTIONS`]: the resources, event types and action-attempt types that
/// `@seamapi/blueprint` lays out. Each is rebuilt only when the pinned packages or the script
/// change.
pub fn blueprint_resources() -> Result<Vec<PathBuf>, String> {
    crate::node::install()?;
    let script = workspace_root().join("xtask/node/blueprint-resources.mjs");
    let lock = workspace_root().join("xtask/node/package-lock.json");
    let fingerprint = fingerprint(&[&lock, &script])?;
    let mut written = Vec::new();
    for (package, version) in BLUEPRINT_DESCRIPTIONS {
        let out = dir().join(format!("blueprint-resources-{version}.json"));
        let stamp = dir().join(format!("blueprint-resources-{version}.inputs"));
        let fresh = out.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(fingerprint.as_str());
        if !fresh {
            let out_arg = out.to_string_lossy().into_owned();
            run("node", &["xtask/node/blueprint-resources.mjs", package, &out_arg])?;
            std::fs::write(&stamp, &fingerprint).map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
        }
        written.push(out);
    }
    Ok(written)
}

/// The cargo-semver-checks release the API diff's verdict is held against.
const CARGO_SEMVER_CHECKS_VERSION: &str = "0.51.0";

/// `cargo-semver-checks` from crates.io at [`CARGO_SEMVER_CHECKS_VERSION`], built once into
/// `target/oracles/cargo-semver-checks-<version>`.
pub fn cargo_semver_checks() -> Result<PathBuf, String> {
    let root = dir().join(format!("cargo-semver-checks-{CARGO_SEMVER_CHECKS_VERSION}"));
    let binary = root.join("bin/cargo-semver-checks");
    if !binary.exists() {
        let root_arg = root.to_string_lossy().into_owned();
        let pin = format!("cargo-semver-checks@{CARGO_SEMVER_CHECKS_VERSION}");
        // Its release profile asks for fat LTO in one codegen unit, which makes it the slowest
        // build of CI by far; the checks it runs are the same without, a little slower.
        run_with_env(
            "cargo",
            &["install", "--locked", "--quiet", &pin, "--root", &root_arg],
            &[
                ("CARGO_PROFILE_RELEASE_LTO", "false"),
                ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
            ],
        )?;
    }
    Ok(binary)
}

/// `ruff` from PyPI at [`RUFF_VERSION`], in `target/oracles/ruff`.
fn install_ruff() -> Result<PathBuf, String> {
    let target = dir().join(format!("ruff-{RUFF_VERSION}"));
    let ruff = target.join("bin/ruff");
    if !ruff.exists() {
        let target_arg = target.to_string_lossy().into_owned();
        let pin = format!("ruff=={RUFF_VERSION}");
        run(
            "python3",
            &[
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
                &target_arg,
                &pin,
            ],
        )?;
    }
    Ok(ruff)
}

/// `program` from Debian's `package`, installed when missing.
pub fn install_from_debian(program: &str, package: &str) -> Result<PathBuf, String> {
    let program = PathBuf::from(program);
    if !program.exists() {
        run(
            "apt-get",
            &["install", "--yes", "--quiet", "--no-install-recommends", package],
        )?;
    }
    Ok(program)
}

/// The live sample set as one JSON list, each sample with the file it came from.
fn write_samples_json() -> Result<PathBuf, String> {
    let source = workspace_root().join(LIVE_SAMPLES);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&source)
        .map_err(|e| format!("cannot read {}: {e}", source.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let samples: Vec<serde_json::Map<String, serde_json::Value>> =
            serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for mut sample in samples {
            sample.insert("file".to_owned(), name.clone().into());
            all.push(serde_json::Value::Object(sample));
        }
    }
    let out = dir().join("live-samples.json");
    write_if_changed(&out, &serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?)?;
    Ok(out)
}

/// Writes `text` unless the file holds it already, so its modification time tells of changes.
fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    std::fs::create_dir_all(dir()).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// A digest of the files' contents (the formatters' executables among them).
pub fn fingerprint(files: &[&Path]) -> Result<String, String> {
    let mut hasher = DefaultHasher::new();
    for file in files {
        let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        bytes.hash(&mut hasher);
    }
    Ok(format!("{:016x}\n", hasher.finish()))
}
