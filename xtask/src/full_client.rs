//! `cargo xtask full-client`: generates the client of the full Seam description (316 paths)
//! into `target/full-client` and builds it with warnings denied, printing the build time and
//! the crate's size.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

use codegen::fileset::Mode;

use crate::tasks::workspace_root;

/// Generates and builds the full client.
pub fn run() -> Result<ExitCode, String> {
    let root = workspace_root();
    let started = Instant::now();
    let crate_dir = generate()?;
    let generation = started.elapsed().as_secs_f64();
    let manifest = crate_dir.join("Cargo.toml");
    let (files, lines) = count_lines(&crate_dir)?;
    use_workspace_lock(&crate_dir)?;
    let target = root.join("target/full-client-target");
    println!(
        "$ RUSTFLAGS=\"-D warnings\" cargo build --manifest-path {} --target-dir {} [--no-default-features --features acs]",
        manifest.display(),
        target.display()
    );
    let build = cargo_build(&manifest, &target, &[])?;
    // One namespace alone: a crate that needs only `acs` compiles only its part.
    let acs = cargo_build(&manifest, &target, &["--no-default-features", "--features", "acs"])?;
    println!(
        "full-client: generated in {generation:.2}s; {files} files, {lines} lines; `cargo build` took {build:.1}s \
         (dependencies included when not built yet), {acs:.1}s with only the `acs` feature"
    );
    Ok(ExitCode::SUCCESS)
}

/// Generates the client of the full description into `target/full-client`; returns the
/// crate's folder.
pub fn generate() -> Result<std::path::PathBuf, String> {
    let root = workspace_root();
    let spec = crate::node::full_spec()?;
    let out = root.join("target/full-client");
    let options = codegen::Options::description_only(spec, &root);
    println!(
        "$ cargo xtask codegen --spec {} --out {}",
        options.spec.display(),
        out.display()
    );
    if crate::codegen::run_with(&options, &out, Mode::Write)? != ExitCode::SUCCESS {
        return Err("generating the full client failed".to_owned());
    }
    Ok(out.join("client"))
}

/// Gives a generated crate the dependency versions the workspace is tested with. (The crate
/// lies under `target/`, which the workspace excludes, so Cargo builds it as a crate of its own.)
pub fn use_workspace_lock(crate_dir: &Path) -> Result<(), String> {
    let lock = crate_dir.join("Cargo.lock");
    std::fs::copy(workspace_root().join("Cargo.lock"), &lock).map_err(|e| format!("{}: {e}", lock.display()))?;
    Ok(())
}

/// `cargo xtask live-client`: generates the client of the live reference's version with that
/// version's sample set, and runs its sample tests with warnings denied: each checked sample's
/// call against a mock that checks the request, and the page's Rust Output against what the
/// call's result prints. A sample with defects of its own is reported and left out.
pub fn live_samples() -> Result<ExitCode, String> {
    let root = workspace_root();
    let live = root.join("generator/tests/live-1.885.0");
    let out = root.join("target/live-client");
    let options = codegen::Options {
        spec: crate::node::live_spec()?,
        samples: Some(live.join("code-sample-definitions")),
        resource_samples: Some(live.join("resource-sample-definitions")),
        routes: Some(live.join("route-definitions")),
        previous: None,
        lenient_samples: true,
        guides: false,
        ..codegen::Options::repository(&root)
    };
    println!(
        "$ cargo xtask codegen --spec {} --samples {} --lenient-samples --out {}",
        options.spec.display(),
        live.join("code-sample-definitions").display(),
        out.display()
    );
    if crate::codegen::run_with(&options, &out, Mode::Write)? != ExitCode::SUCCESS {
        return Err("generating the live client failed".to_owned());
    }
    let crate_dir = out.join("client");
    use_workspace_lock(&crate_dir)?;
    let started = Instant::now();
    let status = Command::new("cargo")
        .args(["test", "--test", "samples", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(root.join("target/full-client-target"))
        .env("RUSTFLAGS", "-D warnings")
        // Built once and run once: without incremental data and debug info the disk is spared
        // gigabytes (fake-seam shares this target folder and these settings).
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("the live client's sample tests failed ({status})"));
    }
    println!(
        "live-client: the sample tests built and passed in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Builds the crate with warnings denied; returns the seconds it took.
fn cargo_build(manifest: &Path, target: &Path, extra: &[&str]) -> Result<f64, String> {
    let started = Instant::now();
    let status = Command::new("cargo")
        .args(["build", "--manifest-path"])
        .arg(manifest)
        .arg("--target-dir")
        .arg(target)
        .args(extra)
        .env("RUSTFLAGS", "-D warnings")
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "the full client does not build with `{}` ({status})",
            extra.join(" ")
        ));
    }
    Ok(started.elapsed().as_secs_f64())
}

/// Files and lines of Rust and TOML under `dir`, `target/` left out.
pub fn count_lines(dir: &Path) -> Result<(usize, usize), String> {
    let mut files = 0;
    let mut lines = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let path = entry.path();
            if path.is_dir() {
                if entry.file_name() != "target" {
                    stack.push(path);
                }
            } else if matches!(path.extension().and_then(|e| e.to_str()), Some("rs" | "toml")) {
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                files += 1;
                lines += text.lines().count();
            }
        }
    }
    Ok((files, lines))
}
