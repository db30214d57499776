//! `cargo xtask bench`: the figures of the performance targets, measured on the full Seam
//! description, printed as median and spread. Not a test: it measures, the reader judges.
//!
//! 1. generation of the client and every page from the full description, as users run it
//!    (`cargo xtask codegen --spec … --out …`, warm);
//! 2. `cargo xtask codegen --check` on the repository's description;
//! 3. `cargo build` of the generated full client alone (dependencies already built), with
//!    every feature and with only `acs`: wall time and peak memory of the largest process;
//! 4. `cargo build` of an example crate that awaits every endpoint of that client: the
//!    decoding code is generic and instantiated where a call is awaited, so this is what a
//!    downstream crate that uses every endpoint pays on top;
//! 5. the generated client's line count.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use crate::node;
use crate::tasks::workspace_root;

/// One measured figure over several runs.
struct Figure {
    name: String,
    unit: &'static str,
    samples: Vec<f64>,
}

impl Figure {
    fn new(name: impl Into<String>, unit: &'static str) -> Self {
        Figure {
            name: name.into(),
            unit,
            samples: Vec::new(),
        }
    }

    fn line(&self) -> String {
        let mut sorted = self.samples.clone();
        sorted.sort_by(f64::total_cmp);
        let median = match sorted.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => sorted[n / 2],
            n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
        };
        let (min, max) = (
            sorted.first().copied().unwrap_or(f64::NAN),
            sorted.last().copied().unwrap_or(f64::NAN),
        );
        format!(
            "| {} | {median:.3} {unit} | {min:.3}–{max:.3} {unit} | {} |",
            self.name,
            sorted.len(),
            unit = self.unit
        )
    }
}

/// Runs a command, returning its wall time in seconds and the peak resident memory, in MB, of
/// its largest process (measured by re-running this binary as a small `rusage` wrapper).
fn measure(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result<(f64, f64), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let output = Command::new(exe)
        .arg("rusage")
        .arg(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(workspace_root())
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(format!(
            "`{program} {}` failed:\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let peak_kb: f64 = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("rusage-maxrss-kb: "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(f64::NAN);
    Ok((seconds, peak_kb / 1024.0))
}

/// `xtask rusage PROGRAM ARGS…`: runs the program and reports the peak RSS of its largest
/// descendant on stderr.
pub fn rusage(args: &[String]) -> Result<ExitCode, String> {
    let (program, rest) = args.split_first().ok_or("rusage needs a program")?;
    let status = Command::new(program)
        .args(rest)
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    // SAFETY: getrusage only writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let peak = if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0 {
        usage.ru_maxrss
    } else {
        -1
    };
    eprintln!("rusage-maxrss-kb: {peak}");
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Builds once (dependencies), then `runs` times after touching `touched`, so each measured
/// build compiles that crate again; returns its wall time and peak memory figures.
fn measure_build(
    what: &str,
    args: &[String],
    touched: &Path,
    runs: usize,
    env: &[(&str, &str)],
) -> Result<[Figure; 2], String> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    measure("cargo", &args, env)?;
    let mut wall = Figure::new(format!("`cargo build` of {what}"), "s");
    let mut memory = Figure::new(format!("peak memory of that build ({what})"), "MB");
    for _ in 0..runs {
        touch(touched)?;
        let (seconds, megabytes) = measure("cargo", &args, env)?;
        wall.samples.push(seconds);
        memory.samples.push(megabytes);
    }
    Ok([wall, memory])
}

/// Writes `examples/every_endpoint.rs` into the generated crate: one awaited call of each
/// endpoint, as the docs' Rust tab writes it (no parameters: they are checked at run time).
fn write_every_endpoint_example(spec: &Path, crate_dir: &Path) -> Result<usize, String> {
    let options = codegen::Options::description_only(spec.to_path_buf(), &workspace_root());
    let (api, _) = codegen::build_model(&options).map_err(|d| d.to_string())?;
    let empty = codegen::model::Sample {
        title: String::new(),
        description: String::new(),
        file: String::new(),
        params: serde_json::Map::new(),
        response: None,
        untested: None,
        synthesized: false,
    };
    let rust_calls = codegen::plan::RustSamples::new(&api);
    let mut calls = String::new();
    for endpoint in &api.endpoints {
        calls.push_str("    ");
        calls.push_str(&rust_calls.call(endpoint, &empty));
    }
    let text = format!(
        "//! Awaits every endpoint once, so that every response decoder is compiled.\n\
         #![allow(unused_variables, unused_imports, deprecated)]\n\
         use seam::types::*;\n\n\
         async fn every_endpoint(seam: seam::Seam) -> Result<(), seam::Error> {{\n{calls}    Ok(())\n}}\n\n\
         fn main() {{\n    \
         let seam = seam::Seam::new(\"key\").expect(\"a client\");\n    \
         let call: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), seam::Error>>>> = Box::pin(every_endpoint(seam));\n    \
         let _ = std::hint::black_box(call);\n}}\n"
    );
    let dir = crate_dir.join("examples");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("every_endpoint.rs"), text).map_err(|e| e.to_string())?;
    Ok(api.endpoints.len())
}

/// Touches the crate root so the next build recompiles the crate alone.
fn touch(file: &Path) -> Result<(), String> {
    let text = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    std::fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))
}

/// Runs the benchmark; `--runs N` sets the repetitions (default 5).
pub fn bench(args: &[String]) -> Result<ExitCode, String> {
    let runs: usize = match args {
        [flag, n] if flag == "--runs" => n.parse().map_err(|_| "--runs takes a number")?,
        [] => 5,
        _ => return Err("usage: cargo xtask bench [--runs N]".to_owned()),
    };
    let root = workspace_root();
    let spec = node::full_spec()?;
    let spec_arg = spec.to_string_lossy().into_owned();
    let bench_dir = root.join("target/bench");
    let out: PathBuf = bench_dir.join("full");
    let out_arg = out.to_string_lossy().into_owned();

    let codegen_args = ["xtask", "codegen", "--spec", &spec_arg, "--out", &out_arg];
    // Warm up: builds xtask if needed and fills the page cache.
    measure("cargo", &codegen_args, &[])?;
    let mut generation = Figure::new("generation, full spec (`cargo xtask codegen --spec … --out …`)", "s");
    for _ in 0..runs {
        // A fresh output folder each run, so every file is written.
        let _ = std::fs::remove_dir_all(&out);
        generation.samples.push(measure("cargo", &codegen_args, &[])?.0);
    }
    // GitHub's description: the largest the tests generate, and the slowest pages (every
    // operation's nine tabs).
    let github = node::github_spec()?.to_string_lossy().into_owned();
    let github_out = bench_dir.join("github");
    let github_out_arg = github_out.to_string_lossy().into_owned();
    let github_args = ["xtask", "codegen", "--spec", &github, "--out", &github_out_arg];
    let mut github_generation = Figure::new(
        "generation, GitHub's description (`cargo xtask codegen --spec … --out …`)",
        "s",
    );
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&github_out);
        github_generation.samples.push(measure("cargo", &github_args, &[])?.0);
    }
    let mut check = Figure::new("check mode, repository spec (`cargo xtask codegen --check`)", "s");
    for _ in 0..runs {
        check
            .samples
            .push(measure("cargo", &["xtask", "codegen", "--check"], &[])?.0);
    }

    let manifest = out.join("client/Cargo.toml").to_string_lossy().into_owned();
    let target = bench_dir.join("target").to_string_lossy().into_owned();
    let lib = out.join("client/src/lib.rs");
    let (_, lines) = crate::full_client::count_lines(&out.join("client"))?;
    crate::full_client::use_workspace_lock(&out.join("client"))?;
    let mut figures = vec![generation, github_generation, check];
    // Without incremental compilation, so each run compiles the whole crate as a first build
    // of it does (a touched file with incremental on would reuse almost everything).
    let flags = [("RUSTFLAGS", "-D warnings"), ("CARGO_INCREMENTAL", "0")];
    let build = |extra: &[&'static str]| -> Vec<String> {
        let mut args: Vec<String> = [
            "build",
            "--quiet",
            "--manifest-path",
            &manifest,
            "--target-dir",
            &target,
        ]
        .map(str::to_owned)
        .to_vec();
        args.extend(extra.iter().map(|a| (*a).to_owned()));
        args
    };
    let builds = runs.min(3);
    figures.extend(measure_build(
        "the full client, every feature",
        &build(&[]),
        &lib,
        builds,
        &flags,
    )?);
    figures.extend(measure_build(
        "the full client, only `acs`",
        &build(&["--no-default-features", "--features", "acs"]),
        &lib,
        builds,
        &flags,
    )?);
    // A downstream crate that awaits every endpoint (the client itself is built by now).
    let endpoints = write_every_endpoint_example(&spec, &out.join("client"))?;
    figures.extend(measure_build(
        &format!("an example awaiting all {endpoints} endpoints (client built)"),
        &build(&["--example", "every_endpoint"]),
        &out.join("client/examples/every_endpoint.rs"),
        builds,
        &flags,
    )?);

    println!("\n| figure | median | spread (min–max) | runs |");
    println!("| --- | --- | --- | --- |");
    for figure in &figures {
        println!("{}", figure.line());
    }
    println!("| lines of the generated full client (`.rs` and `.toml` files) | {lines} | | |");
    Ok(ExitCode::SUCCESS)
}
