//! `cargo xtask api-diff`: what changes between two descriptions, for callers on the wire and
//! for the generated crate, as a Markdown report on standard output.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use codegen::diff::{self, rules::Bump};

use crate::tasks::workspace_root;

/// When the task fails, for CI.
#[derive(Clone, Copy, PartialEq)]
enum FailOn {
    Never,
    Major,
    Breaking,
}

/// Runs the task with its command-line arguments.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut old: Option<PathBuf> = None;
    let mut new: Option<PathBuf> = None;
    let mut base: Option<String> = None;
    let mut fail_on = FailOn::Never;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| iter.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--old" => old = Some(PathBuf::from(value("--old")?)),
            "--new" => new = Some(PathBuf::from(value("--new")?)),
            "--base" => base = Some(value("--base")?),
            "--fail-on" => {
                fail_on = match value("--fail-on")?.as_str() {
                    "major" => FailOn::Major,
                    "breaking" => FailOn::Breaking,
                    other => return Err(format!("--fail-on takes `major` or `breaking`, not `{other}`")),
                }
            }
            other => {
                return Err(format!(
                    "unknown argument `{other}` for api-diff (see `cargo xtask --help`)"
                ))
            }
        }
    }
    let root = workspace_root();
    let new = new.unwrap_or_else(|| root.join("spec/openapi.yaml"));
    let old = match (old, base) {
        (Some(old), None) => old,
        (None, Some(rev)) => committed_spec(&rev)?,
        (Some(_), Some(_)) => return Err("give --old or --base, not both".to_owned()),
        (None, None) => return Err("api-diff needs --old PATH or --base GIT_REV".to_owned()),
    };
    let before = model(&old)?;
    let after = model(&new)?;
    let changes = diff::compare(&before, &after);
    let name = |api: &codegen::model::Api| format!("{} {}", api.title, api.version);
    print!("{}", diff::report(&name(&before), &name(&after), &changes));
    let (breaking, bump) = diff::verdict(&changes);
    let fails = match fail_on {
        FailOn::Never => false,
        FailOn::Major => bump == Bump::Major,
        FailOn::Breaking => breaking > 0,
    };
    Ok(if fails { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The model of a description alone (no samples, routes or crate name).
pub fn model(spec: &Path) -> Result<codegen::model::Api, String> {
    let options = codegen::Options::description_only(spec.to_path_buf(), &workspace_root());
    codegen::build_model(&options)
        .map(|(api, _)| api)
        .map_err(|diags| format!("{}: the description could not be read:\n{diags}", spec.display()))
}

/// `spec/openapi.yaml` as committed at `rev`, written to `target/api-diff/`.
fn committed_spec(rev: &str) -> Result<PathBuf, String> {
    let root = workspace_root();
    let output = Command::new("git")
        .args(["show", &format!("{rev}:spec/openapi.yaml")])
        .current_dir(&root)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`git show {rev}:spec/openapi.yaml` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let dir = root.join("target/api-diff");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let safe: String = rev
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let path = dir.join(format!("openapi-{safe}.yaml"));
    std::fs::write(&path, output.stdout).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}
