//! Builds a generated client crate and runs its tests, as a downstream user would, with
//! warnings denied.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::fileset::{self, FileSet, Mode};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Writes `files` to a temporary folder named after `name`, runs the `client/` crate's tests
/// with warnings denied and returns what they printed, or why the build or a test failed.
///
/// Every generated crate shares one target folder, so their dependencies are built once.
pub fn build_and_test(name: &str, files: &FileSet) -> Result<String, String> {
    let root = repo_root();
    let work = std::env::temp_dir().join(format!("seam-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    fileset::apply(&work, files, Mode::Write).map_err(|e| format!("cannot write the crate: {e:?}"))?;
    let crate_dir = work.join("client");
    // The workspace's lock file pins the same dependency versions the workspace builds with.
    std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let output = Command::new(env!("CARGO"))
        .args(["test", "--quiet", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(root.join("target/generated-clients"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        // Built once and run once: incremental data and debug info (~70 MB a test binary) would
        // only fill the disk.
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let _ = std::fs::remove_dir_all(&work);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    match output.status.success() {
        true => Ok(stdout),
        false => Err(format!(
            "the generated crate failed to build or test ({}):\n{stdout}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )),
    }
}

/// Writes the `client/` crates of `clients` (each a unique name and a generation's files) as
/// the members of one workspace, `target/generated-workspaces/<name>`, and runs `cargo <args>
/// --workspace` there once with warnings denied: one build of many crates, which share their
/// dependencies. Returns what cargo printed, or why a crate failed (cargo names it by its
/// package name, the unique name given here).
///
/// Every generated crate's package is `seam`; each member's package is renamed to its unique
/// name, and its library keeps the name its code and tests use.
#[allow(dead_code)]
pub fn build_workspace(name: &str, clients: &[(String, &FileSet)], args: &[&str]) -> Result<String, String> {
    let root = repo_root();
    // A folder of its own that stays: the members' paths, and so their build's names in the
    // target folder, are the same every run (a run overwrites the previous one's artifacts),
    // and a member whose files did not change is not built again.
    let work = root.join("target/generated-workspaces").join(name);
    let mut members = Vec::new();
    for (member, files) in clients {
        let manifest = files
            .get("client/Cargo.toml")
            .ok_or_else(|| format!("{member}: no client/Cargo.toml was generated"))?;
        let mut client = FileSet::new();
        client.insert(
            "Cargo.toml",
            rename_package(manifest, member).map_err(|e| format!("{member}: {e}"))?,
        );
        for (path, text) in files.iter() {
            match path.strip_prefix("client/") {
                Some("Cargo.toml") | None => {}
                Some(path) => client.insert(path, text),
            }
        }
        fileset::apply(&work.join(member), &client, Mode::Write)
            .map_err(|e| format!("cannot write the crate {member}: {e:?}"))?;
        members.push(format!("{member:?}"));
    }
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", "));
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    std::fs::write(work.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    // The repository's lock file pins the same dependency versions the repository builds with.
    std::fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let output = Command::new(env!("CARGO"))
        .args(args)
        .args(["--workspace", "--keep-going", "--manifest-path"])
        .arg(work.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(root.join("target/generated-clients"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        // A member is built whole or not at all: incremental data and debug info would only fill
        // the disk.
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    match output.status.success() {
        true => Ok(printed),
        false => Err(format!(
            "the generated crates failed to build ({}):\n{printed}",
            output.status
        )),
    }
}

/// `manifest` with its package named `member`. Without a `[lib]` section, the library keeps
/// the package's former name in a new one.
fn rename_package(manifest: &str, member: &str) -> Result<String, String> {
    let mut in_package = false;
    let mut former = None;
    let mut lines = Vec::new();
    for line in manifest.lines() {
        if line.starts_with('[') {
            in_package = line.trim() == "[package]";
        }
        match line.strip_prefix("name = ") {
            Some(name) if in_package && former.is_none() => {
                former = Some(name.trim().trim_matches('"').to_owned());
                lines.push(format!("name = \"{member}\""));
            }
            _ => lines.push(line.to_owned()),
        }
    }
    let former = former.ok_or("the generated Cargo.toml names no package")?;
    let mut renamed = lines.join("\n") + "\n";
    if !manifest.lines().any(|line| line.trim() == "[lib]") {
        renamed.push_str(&format!("\n[lib]\nname = \"{}\"\n", former.replace('-', "_")));
    }
    Ok(renamed)
}
