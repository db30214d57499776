//! `cargo xtask fake-seam`: a downstream crate of the full client (`xtask/fake-seam/`) against
//! `@seamapi/fake-seam-connect`, exactly as it answers: every call of the description the fake
//! serves works with `allow_missing_fields`, and a strict client fails with the missing
//! field's path. The full client is generated again (a second), and built in the full
//! client's target directory, so after `cargo xtask full-client` only the test is compiled.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::tasks::workspace_root;

/// Copies the downstream crate into `target/fake-seam`, points it at the full client and runs
/// its test, built in the full client's target directory.
pub fn run() -> Result<ExitCode, String> {
    let root = workspace_root();
    crate::node::install()?;
    let client = crate::full_client::generate()?;
    let out = root.join("target/fake-seam");
    copy_dir(&root.join("xtask/fake-seam"), &out)?;
    let manifest = out.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let client_path = client.display().to_string().replace('\\', "/");
    std::fs::write(&manifest, text.replacen("SEAM_CLIENT_PATH", &client_path, 1))
        .map_err(|e| format!("{}: {e}", manifest.display()))?;
    crate::full_client::use_workspace_lock(&out)?;
    let started = Instant::now();
    println!(
        "$ cargo test --manifest-path {} --target-dir target/full-client-target -- --nocapture",
        manifest.display()
    );
    let status = Command::new("cargo")
        .args(["test", "--manifest-path"])
        .arg(&manifest)
        .arg("--target-dir")
        .arg(root.join("target/full-client-target"))
        .args(["--", "--nocapture"])
        .env("SEAM_CODEGEN_ROOT", &root)
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "the full client against the fake Seam Connect failed ({status})"
        ));
    }
    println!("fake-seam: built and passed in {:.1}s", started.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}
