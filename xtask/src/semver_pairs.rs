//! `cargo xtask semver-pairs`: the API diff's verdict held against cargo-semver-checks on real
//! pairs of descriptions: every consecutive pair of the `@seamapi/types` releases from 1.875.0
//! on, and two releases of GitHub's REST description. For each pair both clients are generated
//! and cargo-semver-checks compares the built crates; the verdict must never be below the bump
//! it finds.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use codegen::diff::{self, rules::Bump};
use codegen::fileset::Mode;

use crate::tasks::workspace_root;

/// The `@seamapi/types` releases compared, in order.
const SEAM_VERSIONS: [&str; 4] = ["1.875.0", "1.885.0", "1.955.0", "1.977.0"];

/// The `@octokit/openapi` releases compared, in order.
const GITHUB_VERSIONS: [&str; 2] = ["22.0.0", "23.0.2"];

/// Generates the clients of every release and compares each consecutive pair.
pub fn run() -> Result<ExitCode, String> {
    let checker = crate::oracles::cargo_semver_checks()?;
    let root = workspace_root();
    let mut seam = Vec::new();
    for version in SEAM_VERSIONS {
        let spec = match version {
            "1.885.0" => crate::node::live_spec()?,
            "1.977.0" => crate::node::full_spec()?,
            other => crate::node::seam_types_spec(other)?,
        };
        let out = root.join(format!("target/semver-pairs/seam-{version}"));
        seam.push((version, generate(&spec, &out)?, spec));
    }
    let mut github = Vec::new();
    for version in GITHUB_VERSIONS {
        let spec = crate::node::github_spec_at(version)?;
        let out = root.join(format!("target/semver-pairs/github-{version}"));
        github.push((version, generate(&spec, &out)?, spec));
    }
    let mut rows = Vec::new();
    let mut below = Vec::new();
    for pair in seam.windows(2).chain(github.windows(2)) {
        let ((old_version, old_crate, old_spec), (new_version, new_crate, new_spec)) = (&pair[0], &pair[1]);
        let changes = diff::compare(&crate::api_diff::model(old_spec)?, &crate::api_diff::model(new_spec)?);
        let (breaking, ours) = diff::verdict(&changes);
        let theirs = semver_checks(&checker, old_crate, new_crate)?;
        rows.push(format!(
            "| {old_version} → {new_version} | {} changes, {breaking} breaking | {} | {} |",
            changes.len(),
            ours.word(),
            theirs.word()
        ));
        if ours < theirs {
            below.push(format!(
                "{old_version} → {new_version}: ours {} < cargo-semver-checks {}",
                ours.word(),
                theirs.word()
            ));
        }
    }
    println!(
        "\n| pair | api-diff | crate bump (api-diff) | crate bump (cargo-semver-checks) |\n| --- | --- | --- | --- |"
    );
    for row in rows {
        println!("{row}");
    }
    if below.is_empty() {
        println!("semver-pairs: the verdict is never below cargo-semver-checks'");
        Ok(ExitCode::SUCCESS)
    } else {
        Err(format!(
            "the verdict is below cargo-semver-checks':\n{}",
            below.join("\n")
        ))
    }
}

/// Generates the client of `spec` into `out`; returns the crate's folder.
fn generate(spec: &Path, out: &Path) -> Result<PathBuf, String> {
    let options = codegen::Options::description_only(spec.to_path_buf(), &workspace_root());
    if crate::codegen::run_with(&options, out, Mode::Write)? != ExitCode::SUCCESS {
        return Err(format!("generating the client of {} failed", spec.display()));
    }
    let crate_dir = out.join("client");
    crate::full_client::use_workspace_lock(&crate_dir)?;
    Ok(crate_dir)
}

/// The bump cargo-semver-checks finds from the crate in `old` to the one in `new`: major when
/// a check of major level fails, minor when only minor ones do.
fn semver_checks(checker: &Path, old: &Path, new: &Path) -> Result<Bump, String> {
    let target = workspace_root().join("target/semver-pairs/target");
    let output = Command::new(checker)
        .args(["semver-checks", "check-release", "--default-features"])
        .arg("--manifest-path")
        .arg(new.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(old)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", checker.display()))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    print!("{text}");
    if text.contains("no semver update required") {
        return Ok(Bump::None);
    }
    // "… semver requires new … version: N major and M minor checks failed"
    let counts = text.lines().find_map(|line| {
        let rest = line.split("version: ").nth(1)?;
        let words: Vec<&str> = rest.split_whitespace().collect();
        let major: usize = words.first()?.parse().ok()?;
        let minor: usize = words.get(3)?.parse().ok()?;
        Some((major, minor))
    });
    match counts {
        Some((major, _)) if major > 0 => Ok(Bump::Major),
        Some((_, minor)) if minor > 0 => Ok(Bump::Minor),
        Some(_) => Ok(Bump::None),
        None => Err(format!(
            "cargo-semver-checks gave no verdict comparing {} with {}",
            old.display(),
            new.display()
        )),
    }
}
