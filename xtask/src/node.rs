//! The Node packages the tests and benchmarks use: the full Seam description
//! (`@seamapi/types`, and its 1.885.0 release the live reference was built from), the fake
//! Seam Connect server and the docs' oracles, pinned in `xtask/node/package-lock.json`.

use std::path::PathBuf;

use crate::tasks::{run, workspace_root};

/// Installs the pinned Node packages into `xtask/node/node_modules` unless they are there.
pub fn install() -> Result<(), String> {
    let dir = workspace_root().join("xtask/node");
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::read(&lock), std::fs::read(&installed)) {
        (Ok(_), Ok(_)) => {
            installed.metadata().and_then(|m| m.modified()).ok() >= lock.metadata().and_then(|m| m.modified()).ok()
        }
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    run(
        "npm",
        &[
            "ci",
            "--prefix",
            "xtask/node",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ],
    )
}

/// Writes the full Seam Connect description to `target/full-spec/openapi.json` and returns its path.
pub fn full_spec() -> Result<PathBuf, String> {
    export_spec("@seamapi/types", "target/full-spec/openapi.json")
}

/// Writes the description of the live reference's version (`@seamapi/types` 1.885.0) to
/// `target/oracles/openapi-1.885.0.json` and returns its path.
pub fn spec_1885() -> Result<PathBuf, String> {
    export_spec("seam-types-1885", "target/oracles/openapi-1.885.0.json")
}

fn export_spec(package: &str, out: &str) -> Result<PathBuf, String> {
    install()?;
    let out = workspace_root().join(out);
    let out_arg = out.to_string_lossy().into_owned();
    run("node", &["xtask/node/export-spec.cjs", &out_arg, package])?;
    Ok(out)
}

/// The version of `@seamapi/types` whose live reference pages `generator/tests/live-1.885.0/` holds.
const LIVE_VERSION: &str = "1.885.0";

/// Writes the description of the live reference's version to
/// `target/live-1.885.0/openapi.json`, unless it is there, and returns its path.
pub fn live_spec() -> Result<PathBuf, String> {
    packed_seam_spec(LIVE_VERSION, &format!("target/live-{LIVE_VERSION}"))
}

/// Writes the description of `@seamapi/types` at `version` to `target/seam-types-<version>/`,
/// unless it is there, and returns its path.
pub fn seam_types_spec(version: &str) -> Result<PathBuf, String> {
    packed_seam_spec(version, &format!("target/seam-types-{version}"))
}

/// Writes the description of `@seamapi/types` at `version` to `<dir>/openapi.json`, unless it
/// is there, and returns its path. The package is packed, not installed, so that it stays out
/// of the pinned packages.
fn packed_seam_spec(version: &str, dir: &str) -> Result<PathBuf, String> {
    let dir = workspace_root().join(dir);
    let out = dir.join("openapi.json");
    if out.is_file() {
        return Ok(out);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let dir_arg = dir.to_string_lossy().into_owned();
    let tarball = dir.join(format!("seamapi-types-{version}.tgz"));
    run(
        "npm",
        &[
            "pack",
            &format!("@seamapi/types@{version}"),
            "--pack-destination",
            &dir_arg,
            "--silent",
        ],
    )?;
    run("tar", &["-xzf", &tarball.to_string_lossy(), "-C", &dir_arg])?;
    let package = dir.join("package");
    run(
        "node",
        &[
            "xtask/node/export-packed-spec.mjs",
            &package.to_string_lossy(),
            &out.to_string_lossy(),
        ],
    )?;
    Ok(out)
}

/// The version of `@octokit/openapi` whose GitHub REST description the tests generate.
const GITHUB_VERSION: &str = "23.0.2";

/// Writes GitHub's REST description (`generated/api.github.com.json` of `@octokit/openapi`
/// 23.0.2) to `target/github-23.0.2/api.github.com.json`, unless it is there, and returns its
/// path.
pub fn github_spec() -> Result<PathBuf, String> {
    github_spec_at(GITHUB_VERSION)
}

/// Writes GitHub's REST description of `@octokit/openapi` at `version` to
/// `target/github-<version>/api.github.com.json`, unless it is there, and returns its path. The
/// package (29 MB packed, 385 MB unpacked) is packed, not installed, and only that one file is
/// taken out of it.
pub fn github_spec_at(version: &str) -> Result<PathBuf, String> {
    let dir = workspace_root().join(format!("target/github-{version}"));
    let out = dir.join("api.github.com.json");
    if out.is_file() {
        return Ok(out);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let dir_arg = dir.to_string_lossy().into_owned();
    let tarball = dir.join(format!("octokit-openapi-{version}.tgz"));
    run(
        "npm",
        &[
            "pack",
            &format!("@octokit/openapi@{version}"),
            "--pack-destination",
            &dir_arg,
            "--silent",
        ],
    )?;
    let member = "package/generated/api.github.com.json";
    run("tar", &["-xzf", &tarball.to_string_lossy(), "-C", &dir_arg, member])?;
    let package = dir.join("package");
    std::fs::rename(package.join("generated/api.github.com.json"), &out)
        .map_err(|e| format!("cannot move {member} to {}: {e}", out.display()))?;
    std::fs::remove_file(&tarball).map_err(|e| format!("cannot remove {}: {e}", tarball.display()))?;
    std::fs::remove_dir_all(&package).map_err(|e| format!("cannot remove {}: {e}", package.display()))?;
    Ok(out)
}
