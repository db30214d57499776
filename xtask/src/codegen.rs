//! `cargo xtask codegen`: generate in memory, then write or check the output folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen::fileset::{self, Mode};

use crate::tasks::workspace_root;

/// Warnings printed one by one before the rest are only counted.
const WARNINGS_SHOWN: usize = 20;

struct Args {
    mode: Mode,
    spec: Option<PathBuf>,
    samples: Option<PathBuf>,
    resource_samples: Option<PathBuf>,
    routes: Option<PathBuf>,
    out: Option<PathBuf>,
    lenient_samples: bool,
    crate_name: Option<String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        mode: Mode::Write,
        spec: None,
        samples: None,
        resource_samples: None,
        routes: None,
        out: None,
        lenient_samples: false,
        crate_name: None,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--check" => parsed.mode = Mode::Check,
            "--lenient-samples" => parsed.lenient_samples = true,
            "--spec" => parsed.spec = Some(value("--spec")?),
            "--samples" => parsed.samples = Some(value("--samples")?),
            "--resource-samples" => parsed.resource_samples = Some(value("--resource-samples")?),
            "--routes" => parsed.routes = Some(value("--routes")?),
            "--out" => parsed.out = Some(value("--out")?),
            "--crate-name" => {
                let name = value("--crate-name")?;
                parsed.crate_name = Some(name.to_string_lossy().into_owned());
            }
            other => {
                return Err(format!(
                    "unknown argument `{other}` for codegen (see `cargo xtask --help`)"
                ))
            }
        }
    }
    Ok(parsed)
}

/// Runs codegen with command-line arguments.
/// `--all-warnings` prints every warning, not the first [`WARNINGS_SHOWN`].
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let all = args.iter().any(|a| a == "--all-warnings");
    let args: Vec<String> = args.iter().filter(|a| *a != "--all-warnings").cloned().collect();
    let (options, out, mode) = options(&args)?;
    run_showing(&options, &out, mode, if all { usize::MAX } else { WARNINGS_SHOWN })
}

/// Prints the model as JSON.
pub fn dump_model(args: &[String]) -> Result<ExitCode, String> {
    let (options, _, _) = options(args)?;
    match codegen::build_model(&options) {
        Ok((api, _)) => {
            println!("{}", serde_json::to_string_pretty(&api).map_err(|e| e.to_string())?);
            Ok(ExitCode::SUCCESS)
        }
        Err(diags) => {
            eprint!("{diags}");
            Err("the model could not be built".to_owned())
        }
    }
}

fn options(args: &[String]) -> Result<(codegen::Options, PathBuf, Mode), String> {
    let args = parse(args)?;
    let root = workspace_root();
    // The repository's samples (code and resource samples) and guides belong to the repository's description; another
    // description gets samples only when they are named, and no guides.
    let repository = codegen::Options::repository(&root);
    let options = match args.spec {
        None => codegen::Options {
            samples: args.samples.or(repository.samples.clone()),
            resource_samples: args.resource_samples.or(repository.resource_samples.clone()),
            routes: args.routes.or(repository.routes.clone()),
            ..repository
        },
        Some(spec) => codegen::Options {
            spec,
            samples: args.samples,
            resource_samples: args.resource_samples,
            routes: args.routes,
            guides: false,
            ..repository
        },
    };
    let options = codegen::Options {
        lenient_samples: args.lenient_samples,
        crate_name: args.crate_name,
        ..options
    };
    let out = args.out.unwrap_or_else(|| root.join("generated"));
    // The crate's release follows from the description the output folder was generated from.
    let options = codegen::Options {
        previous: Some(out.clone()),
        ..options
    };
    Ok((options, out, args.mode))
}

/// Generates from `options` and writes or checks `out`.
pub fn run_with(options: &codegen::Options, out: &Path, mode: Mode) -> Result<ExitCode, String> {
    run_showing(options, out, mode, WARNINGS_SHOWN)
}

/// As [`run_with`], printing the first `shown` warnings.
fn run_showing(options: &codegen::Options, out: &Path, mode: Mode, shown: usize) -> Result<ExitCode, String> {
    let started = Instant::now();
    let generation = match codegen::generate(options) {
        Ok(generation) => generation,
        Err(diags) => {
            eprint!("{diags}");
            let errors = diags.errors().count();
            return Err(format!(
                "{errors} error{} in the input; nothing was written",
                if errors == 1 { "" } else { "s" }
            ));
        }
    };
    let warnings: Vec<_> = generation.warnings.warnings().collect();
    for warning in warnings.iter().take(shown) {
        eprintln!("{warning}");
    }
    if warnings.len() > shown {
        eprintln!(
            "… and {} more warnings (`--all-warnings` prints them all)",
            warnings.len() - shown
        );
    }
    if !generation.changes.is_empty() {
        // What the description's change means, beside the files it changes.
        println!("{}", codegen::diff::summary_line(&generation.changes));
    }
    let report =
        fileset::apply(out, &generation.files, mode).map_err(|e| format!("cannot update {}: {e}", out.display()))?;
    let elapsed = started.elapsed().as_secs_f64();
    for foreign in &report.foreign {
        eprintln!(
            "note: {}/{foreign} was not produced by codegen; left as it is",
            out.display()
        );
    }
    match mode {
        Mode::Write => {
            println!(
                "codegen: {} written, {} unchanged, {} removed, {} warning{} in {elapsed:.2}s → {}",
                report.changed.len(),
                report.unchanged,
                report.removed.len(),
                warnings.len(),
                if warnings.len() == 1 { "" } else { "s" },
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Mode::Check if report.is_clean() => {
            println!(
                "codegen --check: {} files up to date in {elapsed:.2}s",
                report.unchanged
            );
            Ok(ExitCode::SUCCESS)
        }
        Mode::Check => {
            for diff in &report.diffs {
                print!("{diff}");
            }
            for missing in &report.missing {
                println!("missing: {}/{missing}", out.display());
            }
            for removed in &report.removed {
                println!("no longer generated: {}/{removed}", out.display());
            }
            println!(
                "codegen --check: {} stale, {} missing, {} to remove in {}; run `cargo xtask codegen` and commit the result",
                report.changed.len() - report.missing.len(),
                report.missing.len(),
                report.removed.len(),
                out.display()
            );
            Ok(ExitCode::FAILURE)
        }
    }
}
