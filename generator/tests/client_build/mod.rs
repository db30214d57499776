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
