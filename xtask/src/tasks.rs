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
    run_with_env(program, args, &[])
}

/// As [`run`], with `env` set for the command.
pub fn run_with_env(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let line = format!("{program} {}", args.join(" "));
    println!("$ {line}");
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("cannot run `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Every check CI runs, in order of cost: the cheapest failure comes first. Each step's time
/// is printed as it ends, and all of them at the end, so a slow step is seen at once.
pub fn ci() -> Result<ExitCode, String> {
    let root = workspace_root();
    let mut steps = Steps::default();
    steps.time("oracles and fetched descriptions", || {
        crate::node::install()?;
        crate::oracles::expected_tabs()?;
        crate::oracles::blueprint_resources()?;
        crate::node::live_spec()?;
        crate::node::full_spec()?;
        crate::node::github_spec()?;
        crate::httpsnippet::oracle()
    })?;
    steps.time("codegen --check", || {
        println!("$ cargo xtask codegen --check");
        let options = codegen::Options::repository(&root);
        match crate::codegen::run_with(&options, &root.join("generated"), Mode::Check)? {
            ExitCode::SUCCESS => Ok(()),
            _ => Err("generated/ is stale".to_owned()),
        }
    })?;
    steps.time("fmt", || run("cargo", &["fmt", "--all", "--check"]))?;
    steps.time("clippy", || {
        run(
            "cargo",
            &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"],
        )
    })?;
    steps.time("cargo test --workspace", || run("cargo", &["test", "--workspace"]))?;
    steps.time("contract --set ci", || {
        println!("$ cargo xtask contract --set ci");
        match crate::contract::run(&["--set".to_owned(), "ci".to_owned()])? {
            ExitCode::SUCCESS => Ok(()),
            _ => Err(
                "the contract run found calls that fail and are not listed, or listed calls that are ok now".to_owned(),
            ),
        }
    })?;
    steps.time("run-tabs", || match crate::run_tabs::run()? {
        ExitCode::SUCCESS => Ok(()),
        _ => Err("a code tab did not run, or Prism rejected its request".to_owned()),
    })?;
    steps.time("full client", crate::full_client::run)?;
    steps.time("fake Seam", crate::fake_seam::run)?;
    steps.time("live samples", crate::full_client::live_samples)?;
    let verdict = steps.time("semver pairs", crate::semver_pairs::run)?;
    steps.print();
    Ok(verdict)
}

/// The time each step of `cargo xtask ci` took.
#[derive(Default)]
struct Steps {
    done: Vec<(&'static str, std::time::Duration)>,
}

impl Steps {
    /// Runs `step`, then prints how long it took and the total so far.
    fn time<T>(&mut self, name: &'static str, step: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
        let started = std::time::Instant::now();
        let result = step();
        self.done.push((name, started.elapsed()));
        println!(
            "ci: {name}: {:.0} s ({:.0} s so far){}",
            started.elapsed().as_secs_f64(),
            self.total(),
            if result.is_err() { ", failed" } else { "" }
        );
        result
    }

    fn print(&self) {
        println!("\n| ci step | seconds |\n| --- | ---: |");
        for (name, took) in &self.done {
            println!("| {name} | {:.0} |", took.as_secs_f64());
        }
        println!("| total | {:.0} |", self.total());
    }

    /// The seconds all steps so far took.
    fn total(&self) -> f64 {
        self.done.iter().map(|(_, took)| took.as_secs_f64()).sum()
    }
}
