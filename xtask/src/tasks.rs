//! `cargo xtask ci` and the helpers every task shares.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use codegen::fileset::Mode;

/// The repository root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// Runs a command in the repository root; fails with the command line when it fails.
pub fn run(program: &str, args: &[&str]) -> Result<(), String> {
    let line = format!("{program} {}", args.join(" "));
    println!("$ {line}");
    let status = Command::new(program)
        .args(args)
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("cannot run `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Every check CI runs, in order of cost: the cheapest failure comes first.
pub fn ci() -> Result<ExitCode, String> {
    let root = workspace_root();
    crate::node::install()?;
    crate::oracles::expected_tabs()?;
    crate::oracles::blueprint_resources()?;
    crate::node::live_spec()?;
    crate::node::full_spec()?;
    crate::node::github_spec()?;
    crate::httpsnippet::oracle()?;
    println!("$ cargo xtask codegen --check");
    let options = codegen::Options::repository(&root);
    if crate::codegen::run_with(&options, &root.join("generated"), Mode::Check)? != ExitCode::SUCCESS {
        return Err("generated/ is stale".to_owned());
    }
    run("cargo", &["fmt", "--all", "--check"])?;
    run(
        "cargo",
        &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"],
    )?;
    run("cargo", &["test", "--workspace"])?;
    println!("$ cargo xtask contract --set ci");
    if crate::contract::run(&["--set".to_owned(), "ci".to_owned()])? != ExitCode::SUCCESS {
        return Err(
            "the contract run found calls that fail and are not listed, or listed calls that are ok now".to_owned(),
        );
    }
    if crate::run_tabs::run()? != ExitCode::SUCCESS {
        return Err("a code tab did not run, or Prism rejected its request".to_owned());
    }
    crate::full_client::run()?;
    crate::fake_seam::run()?;
    crate::full_client::live_samples()?;
    crate::semver_pairs::run()
}
