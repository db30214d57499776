//! `cargo xtask contract`: every call of a description, sent by its generated client as its
//! sample (written, else synthesized from the description) says, to Prism, the validating mock
//! ([`crate::prism`]): once against its static answers and once with `--dynamic` (seeded).
//!
//! The clients of all the descriptions given are members of one Cargo workspace
//! (`target/contract/`), built once in the target folder the generated-client tests share.
//! Each run's requests pass through a small recorder on 127.0.0.1 that keeps Prism's verdict on
//! each (its status and `sl-violations` header), told apart by the `x-contract-call` header
//! each generated test sends. Several descriptions run side by side, each with its own Prism.
//!
//! A call is `ok` when it reached Prism, Prism found nothing to object to in its request, and
//! the client returned what it decodes (or, for a call whose description defines no success
//! answer, one of its described errors). The last line reads
//! `contract: O operations, C called, K ok, V request violations, D decode failures`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use codegen::fileset::{self, FileSet, Mode};

use crate::prism::{Answers, Prism};
use crate::tasks::workspace_root;

/// The seed of the dynamic run: fixed, so a run can be repeated.
const SEED: u64 = 19;

/// How many descriptions run against their Prism at once.
const PARALLEL: usize = 3;

/// The Petstore example, the first description of every CI run.
const PETSTORE: &str = "xtask/node/node_modules/@readme/oas-examples/3.0/json/petstore.json";

/// How many descriptions of the APIs.guru sample CI runs: the first ones of its list.
pub const DIRECTORY_SLICE: usize = 10;

/// One description to hold against Prism.
struct Target {
    /// As shown, e.g. `3.0/json/petstore.json`.
    label: String,
    path: PathBuf,
    /// Its workspace member and crate name.
    member: String,
}

/// What became of one call in one run.
#[derive(Debug, Clone, Default)]
struct Outcome {
    /// The generated test's verdict: `None` when it printed none (it did not run).
    test: Option<Result<(), String>>,
    /// Whether a request of the call reached Prism.
    called: bool,
    /// Prism's objections to the call's requests.
    violations: Vec<String>,
    /// Errors Prism made up for other reasons (it could not make an answer, …).
    prism_errors: Vec<String>,
    /// Why an answer was the mock's failure rather than the client's (see [`Exchange`]).
    mock_faults: Vec<String>,
    /// Requests the recorder did not pass on, being for another host.
    refused: Vec<String>,
    /// What Ajv made of the answers the client failed to decode.
    answer_checks: Vec<String>,
}

/// The figures of one description, both runs together.
#[derive(Debug, Default, Clone)]
pub(crate) struct Figures {
    pub(crate) operations: usize,
    pub(crate) called: usize,
    pub(crate) ok: usize,
    pub(crate) violations: usize,
    pub(crate) decode_failures: usize,
    /// Calls that failed only where the mock was at fault: Prism crashed, answered an
    /// informational status alone, or could not make an answer.
    pub(crate) mock_faults: usize,
    /// The calls that were not ok, `<description> <call>`; `<description> *` where none could
    /// be called.
    pub(crate) failing: Vec<String>,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.operations += other.operations;
        self.called += other.called;
        self.ok += other.ok;
        self.violations += other.violations;
        self.decode_failures += other.decode_failures;
        self.mock_faults += other.mock_faults;
        self.failing.extend(other.failing.iter().cloned());
    }

    pub(crate) fn line(&self) -> String {
        format!(
            "contract: {} operations, {} called, {} ok, {} request violations, {} decode failures, {} mock faults",
            self.operations, self.called, self.ok, self.violations, self.decode_failures, self.mock_faults
        )
    }
}

/// `cargo xtask contract [--spec PATH]… [--set petstore|oas-examples|directory|ci]`: exits 1
/// when a call was refused by Prism or could not decode its answer.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut targets = Vec::new();
    let mut known = None;
    let mut write_known = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--spec" => {
                let path = PathBuf::from(args.next().ok_or("--spec needs a path")?);
                targets.push(target(path.display().to_string(), path));
            }
            "--set" => {
                let set = args.next().ok_or("--set needs a name")?;
                targets.extend(set_targets(set)?);
                if set == "ci" {
                    known.get_or_insert_with(|| workspace_root().join(KNOWN_FAILURES));
                }
            }
            "--known" => known = Some(PathBuf::from(args.next().ok_or("--known needs a path")?)),
            "--write-known" => write_known = Some(PathBuf::from(args.next().ok_or("--write-known needs a path")?)),
            other => return Err(format!("contract: unknown argument `{other}`")),
        }
    }
    if targets.is_empty() {
        return Err("contract needs --spec PATH or --set petstore|oas-examples|directory|ci".to_owned());
    }
    let figures = contract(&targets)?;
    if let Some(path) = write_known {
        let text = format!("{KNOWN_HEADER}{}\n", figures.failing.join("\n"));
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "contract: {} failing calls written to {}",
            figures.failing.len(),
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = known else {
        return Ok(match figures.failing.is_empty() {
            true => ExitCode::SUCCESS,
            false => ExitCode::FAILURE,
        });
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let entries: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    // An entry ending in ` ?` fails on some runs only (the calls on paths that hold a `#`,
    // which Prism resolves in no fixed order): it may pass without failing CI.
    let unsteady: BTreeSet<&str> = entries.iter().filter_map(|l| l.strip_suffix(" ?")).collect();
    let known: BTreeSet<&str> = entries.iter().map(|l| l.strip_suffix(" ?").unwrap_or(l)).collect();
    let failing: BTreeSet<&str> = figures.failing.iter().map(String::as_str).collect();
    let labels: BTreeSet<&str> = targets.iter().map(|t| t.label.as_str()).collect();
    let new: Vec<&&str> = failing.difference(&known).collect();
    let fixed: Vec<&&str> = known
        .difference(&failing)
        .filter(|entry| !unsteady.contains(**entry))
        .filter(|entry| entry.rsplit_once(' ').is_some_and(|(label, _)| labels.contains(label)))
        .collect();
    for entry in &new {
        println!("contract: {entry} fails, and {} does not list it", path.display());
    }
    for entry in &fixed {
        println!("contract: {entry} is ok now: remove it from {}", path.display());
    }
    println!(
        "contract: {} failing calls, all listed in {}",
        failing.len() - new.len(),
        path.display()
    );
    Ok(match new.is_empty() && fixed.is_empty() {
        true => ExitCode::SUCCESS,
        false => ExitCode::FAILURE,
    })
}

/// The contract of the descriptions given as (label, file), for `cargo xtask corpus`: each
/// one's failures are printed as `contract` prints them; the totals are returned.
pub(crate) fn measure(descriptions: &[(String, PathBuf)]) -> Result<Figures, String> {
    let targets: Vec<Target> = descriptions
        .iter()
        .map(|(label, path)| target(label.clone(), path.clone()))
        .collect();
    contract(&targets)
}

/// The calls CI knows to fail, each for a construct the client does not send or decode yet:
/// a call failing that is not listed fails CI, and so does one listed that is ok now.
const KNOWN_FAILURES: &str = "xtask/contract/known-failures.txt";

const KNOWN_HEADER: &str = "\
# The calls of `cargo xtask contract --set ci` that fail today, `<description> <call>` (or
# `<description> *` where none could be called), written by `--write-known`. CI fails on a
# failing call not listed here, and on a listed call that is ok now: remove it. An entry
# ending in ` ?` fails on some runs only, and may pass.
";

/// The descriptions of a named set; `ci` is the Petstore, every OpenAPI 3.0 example of
/// `@readme/oas-examples` and the first [`DIRECTORY_SLICE`] of the APIs.guru sample.
fn set_targets(set: &str) -> Result<Vec<Target>, String> {
    let root = workspace_root();
    let examples = || -> Result<Vec<Target>, String> {
        Ok(crate::corpus::oas_examples()?
            .descriptions
            .into_iter()
            .map(|d| target(d.label.clone(), d.path))
            .collect())
    };
    let directory = |take: usize| -> Result<Vec<Target>, String> {
        Ok(crate::corpus::directory()?
            .descriptions
            .into_iter()
            .take(take)
            .map(|d| target(d.label.clone(), d.path))
            .collect())
    };
    match set {
        "petstore" => {
            crate::node::install()?;
            Ok(vec![target("3.0/json/petstore.json".to_owned(), root.join(PETSTORE))])
        }
        "oas-examples" => examples(),
        "directory" => directory(usize::MAX),
        // The Petstore is one of the examples.
        "ci" => Ok(examples()?.into_iter().chain(directory(DIRECTORY_SLICE)?).collect()),
        other => Err(format!(
            "unknown set `{other}`: petstore, oas-examples, directory or ci"
        )),
    }
}

fn target(label: String, path: PathBuf) -> Target {
    // The file and its folder name the member: enough to tell the sets' files apart.
    let short: Vec<&str> = label.rsplit('/').take(2).collect();
    let short = short.into_iter().rev().collect::<Vec<_>>().join("/");
    let stem: String = short
        .rsplit_once('.')
        .map_or(label.as_str(), |(stem, _)| stem)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let member = format!(
        "contract_{}",
        stem.split('_').filter(|w| !w.is_empty()).collect::<Vec<_>>().join("_")
    );
    Target { label, path, member }
}

/// Generates, builds and runs every target; prints each one's figures and failures, then the
/// total as the last line.
fn contract(targets: &[Target]) -> Result<Figures, String> {
    let started = Instant::now();
    let work = workspace_root().join("target/contract");
    let mut generated = Vec::new();
    let mut totals = Figures::default();
    for target in targets {
        let options = codegen::Options {
            crate_name: Some(target.member.clone()),
            ..codegen::Options::description_only(target.path.clone(), &workspace_root())
        };
        let operations = count_operations(&target.path);
        totals.operations += operations;
        match codegen::generate(&options) {
            Ok(generation) => {
                let left_out: Vec<String> = generation
                    .warnings
                    .warnings()
                    .map(|w| w.to_string())
                    // What is not called: an operation left out, or a call whose sample no
                    // test sends (its description allows no request the synthesizer made).
                    .filter(|w| w.contains("left out") || w.contains("shown but not tested"))
                    .collect();
                generated.push((target, generation.files, operations, left_out));
            }
            Err(diags) => {
                let first = diags.errors().next().map(|e| e.to_string()).unwrap_or_default();
                println!("{}: refused: {first}", target.label);
                totals.failing.push(format!("{} *", target.label));
            }
        }
    }
    let built = build(&work, &generated)?;
    println!(
        "contract: {} descriptions generated and built in {:.0} s",
        generated.len(),
        started.elapsed().as_secs_f64()
    );
    let queue = Mutex::new(generated.iter().collect::<Vec<_>>());
    let reports = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..PARALLEL {
            scope.spawn(|| loop {
                let Some((target, _, operations, left_out)) = queue.lock().unwrap().pop() else {
                    break;
                };
                let report = if built.contains(&target.member) {
                    check(&work, target, *operations, left_out)
                } else {
                    Err("its client does not build (see the build's output above)".to_owned())
                };
                reports
                    .lock()
                    .unwrap()
                    .insert(target.label.clone(), (report, *operations));
            });
        }
    });
    for (label, (report, operations)) in reports.into_inner().unwrap() {
        match report {
            Ok((figures, text)) => {
                print!("{text}");
                println!("{label}: {}", figures.line());
                totals.add(&Figures {
                    operations: 0,
                    ..figures
                });
            }
            Err(why) => {
                println!("{label}: {why}; {operations} operations not called");
                totals.failing.push(format!("{label} *"));
            }
        }
    }
    println!("contract: {:.0} s in all", started.elapsed().as_secs_f64());
    println!("{}", totals.line());
    Ok(totals)
}

/// The operations a description defines (each HTTP method of each path), whatever the client
/// makes of them.
fn count_operations(path: &Path) -> usize {
    let Ok(text) = std::fs::read_to_string(path) else {
        return 0;
    };
    let Ok(document) = serde_yaml::from_str::<serde_json::Value>(&text) else {
        return 0;
    };
    let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
    document.get("paths").and_then(|p| p.as_object()).map_or(0, |paths| {
        paths
            .values()
            .filter_map(|item| item.as_object())
            .map(|item| item.keys().filter(|k| methods.contains(&k.as_str())).count())
            .sum()
    })
}

/// Writes the clients as one workspace and builds their contract tests once; the members that
/// built.
fn build(work: &Path, generated: &[(&Target, FileSet, usize, Vec<String>)]) -> Result<BTreeSet<String>, String> {
    let mut members = Vec::new();
    for (target, files, ..) in generated {
        let mut client = FileSet::new();
        for (path, text) in files.iter() {
            if let Some(path) = path.strip_prefix("client/") {
                client.insert(path, text);
            }
        }
        fileset::apply(&work.join(&target.member), &client, Mode::Write)
            .map_err(|e| format!("cannot write the crate {}: {e:?}", target.member))?;
        members.push(format!("{:?}", target.member));
    }
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", "));
    std::fs::write(work.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::copy(workspace_root().join("Cargo.lock"), work.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let output = cargo(work)
        .args(["build", "--workspace", "--keep-going", "--test", "contract"])
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let printed = String::from_utf8_lossy(&output.stderr);
    let failed: BTreeSet<String> = printed
        .lines()
        .filter_map(|line| line.split("could not compile `").nth(1))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_owned)
        .collect();
    if !failed.is_empty() {
        let errors: Vec<&str> = printed.lines().filter(|l| l.starts_with("error")).take(20).collect();
        println!(
            "contract: the clients of {} fail to build:\n{}",
            failed.iter().cloned().collect::<Vec<_>>().join(", "),
            errors.join("\n")
        );
    } else if !output.status.success() {
        return Err(format!("the contract tests failed to build:\n{printed}"));
    }
    Ok(generated
        .iter()
        .map(|(t, ..)| t.member.clone())
        .filter(|m| !failed.contains(m))
        .collect())
}

/// Cargo on the contract workspace, in the target folder the generated-client tests share, with
/// the same flags (so dependencies built for one are reused by the other).
fn cargo(work: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command
        .arg("--quiet")
        .current_dir(work)
        .env("CARGO_TARGET_DIR", workspace_root().join("target/generated-clients"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .env("CARGO_INCREMENTAL", "0")
        // Debug info would make each test binary ~70 MB; the generated-client tests use the same
        // profile, so the dependencies built for one are reused by the other.
        .env("CARGO_PROFILE_DEV_DEBUG", "false");
    command
}

/// Runs one description's calls against Prism's static answers, then its dynamic ones; its
/// figures, and the text that lists what failed.
fn check(work: &Path, target: &Target, operations: usize, left_out: &[String]) -> Result<(Figures, String), String> {
    let mut runs = Vec::new();
    // The answers of calls that failed to decode them, to be held to their schemas: (run, call,
    // the exchange).
    let mut undecoded = Vec::new();
    if operations == 0 {
        return Ok((Figures::default(), String::new()));
    }
    for answers in [Answers::Static, Answers::Dynamic { seed: SEED }] {
        let recorder = Recorder::start(&target.path, answers)?;
        let output = cargo(work)
            .args([
                "test",
                "-p",
                &target.member,
                "--test",
                "contract",
                "--",
                "--ignored",
                "--nocapture",
                "--test-threads",
                "4",
            ])
            .env("CONTRACT_BASE_URL", recorder.url())
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let mut outcomes: BTreeMap<String, Outcome> = BTreeMap::new();
        for line in printed.lines() {
            // With --nocapture a test's line may follow libtest's `test … ` on one line.
            let Some((_, rest)) = line.split_once("contract: ") else {
                continue;
            };
            let (call, verdict) = rest.split_once(' ').unwrap_or((rest, ""));
            outcomes.entry(call.to_owned()).or_default().test = Some(match verdict.starts_with("ok") {
                true => Ok(()),
                false => Err(verdict.to_owned()),
            });
        }
        if recorder.restarts() > 0 {
            println!(
                "  {}: Prism crashed and was started again {} times",
                target.label,
                recorder.restarts()
            );
        }
        let exchanges = recorder.exchanges();
        for exchange in &exchanges {
            let failed_to_decode = outcomes
                .get(&exchange.call)
                .and_then(|o| o.test.as_ref())
                .is_some_and(|t| t.as_ref().is_err_and(|why| why.starts_with("decode failure")));
            if failed_to_decode && exchange.refused.is_none() && exchange.status != 0 {
                undecoded.push((runs.len(), exchange.call.clone(), exchange.clone()));
            }
        }
        for exchange in exchanges {
            // A tunnel asked for (`CONNECT`, an https server elsewhere) names no call: it is the
            // call's whose test could not reach that server's URL.
            if exchange.call.is_empty() {
                if let Some(why) = &exchange.refused {
                    let refusal = format!("{} {}: {why}", exchange.method, exchange.target);
                    let url = format!("https://{}/", exchange.target.trim_end_matches(":443"));
                    let mut tunnelled = outcomes
                        .values_mut()
                        .filter(|o| matches!(&o.test, Some(Err(failure)) if failure.contains(&url)))
                        .peekable();
                    if tunnelled.peek().is_none() {
                        println!("  {}: refused: {refusal}", target.label);
                    }
                    for outcome in tunnelled {
                        if !outcome.refused.contains(&refusal) {
                            outcome.refused.push(refusal.clone());
                        }
                    }
                }
                continue;
            }
            let outcome = outcomes.entry(exchange.call.clone()).or_default();
            if let Some(why) = &exchange.refused {
                outcome
                    .refused
                    .push(format!("{} {}: {why}", exchange.method, exchange.target));
                continue;
            }
            outcome.called = true;
            if let Some(why) = &exchange.mock_fault {
                outcome.mock_faults.push(format!(
                    "{} {} → {}: {why}",
                    exchange.method, exchange.target, exchange.status
                ));
            }
            if let Some(why) = &exchange.prism_error {
                outcome.prism_errors.push(format!(
                    "{} {} → {}: {why}",
                    exchange.method, exchange.target, exchange.status
                ));
            }
            if !exchange.violations.is_empty() {
                outcome.violations.push(format!(
                    "{} {} → {}: {}",
                    exchange.method,
                    exchange.target,
                    exchange.status,
                    exchange.violations.join("; ")
                ));
            }
        }
        runs.push((answers, outcomes));
    }
    // A decode failure on an answer that breaks its own schema is the mock's fault; on one
    // Ajv accepts, the client's.
    let verdicts = answer_verdicts(&target.path, &undecoded)?;
    for ((run, call, exchange), verdict) in undecoded.iter().zip(verdicts) {
        let outcome = runs[*run].1.entry(call.clone()).or_default();
        let answer = format!("{} {} → {}", exchange.method, exchange.target, exchange.status);
        match verdict {
            AnswerVerdict::Breaks(errors) => outcome.mock_faults.push(format!(
                "{answer}: Prism's answer breaks its response schema, by Ajv: {errors}"
            )),
            AnswerVerdict::Valid => outcome
                .answer_checks
                .push(format!("{answer}: Ajv finds the answer valid by its response schema")),
            AnswerVerdict::Misrouted(evidence) => outcome.mock_faults.push(format!("{answer}: {evidence}")),
            AnswerVerdict::Unchecked(why) => outcome
                .answer_checks
                .push(format!("{answer}: not held to a schema by Ajv: {why}")),
        }
    }
    let mut figures = Figures {
        operations,
        ..Figures::default()
    };
    let mut text = String::new();
    let calls: BTreeSet<&String> = runs.iter().flat_map(|(_, o)| o.keys()).collect();
    for call in calls {
        let mut called = true;
        let mut ok = true;
        let mut violation = false;
        let mut decode = false;
        // Failed in some run, and in each such run with the mock's fault shown.
        let mut failed = false;
        let mut all_mock = true;
        for (answers, outcomes) in &runs {
            let mode = match answers {
                Answers::Static => "static",
                Answers::Dynamic { .. } => "dynamic",
            };
            let outcome = outcomes.get(call).cloned().unwrap_or_default();
            called &= outcome.called;
            for why in &outcome.refused {
                text += &format!("  {} {call} ({mode}): refused: {why}\n", target.label);
            }
            if !outcome.called {
                ok = false;
                let why = match outcome.refused.is_empty() {
                    true => "",
                    false => ": its request went to a server other than 127.0.0.1 (its own `servers`), which the contract never reaches",
                };
                text += &format!("  {} {call} ({mode}): nothing reached Prism{why}\n", target.label);
            }
            for why in &outcome.mock_faults {
                text += &format!("  {} {call} ({mode}): mock fault: {why}\n", target.label);
            }
            let failed_here =
                !outcome.called || !outcome.violations.is_empty() || !matches!(outcome.test, Some(Ok(())));
            failed |= failed_here;
            if failed_here && (outcome.mock_faults.is_empty() || !outcome.violations.is_empty()) {
                all_mock = false;
            }
            if !outcome.violations.is_empty() {
                ok = false;
                violation = true;
                for v in &outcome.violations {
                    text += &format!("  {} {call} ({mode}): request violation: {v}\n", target.label);
                }
            }
            match &outcome.test {
                Some(Ok(())) => {}
                Some(Err(why)) => {
                    ok = false;
                    decode |= why.starts_with("decode failure");
                    text += &format!("  {} {call} ({mode}): {why}\n", target.label);
                    for error in &outcome.prism_errors {
                        text += &format!("    Prism's own error: {error}\n");
                    }
                    for check in &outcome.answer_checks {
                        text += &format!("    {check}\n");
                    }
                }
                None => {
                    ok = false;
                    text += &format!("  {} {call} ({mode}): the test gave no verdict\n", target.label);
                }
            }
        }
        let mock = failed && all_mock;
        figures.called += usize::from(called);
        figures.ok += usize::from(ok);
        figures.violations += usize::from(violation);
        figures.decode_failures += usize::from(decode && !mock);
        figures.mock_faults += usize::from(mock);
        if !ok {
            figures.failing.push(format!("{} {call}", target.label));
        }
    }
    for warning in left_out {
        text += &format!("  {}: {warning}\n", target.label);
    }
    Ok((figures, text))
}

/// What Ajv made of an answer held to its response schema.
enum AnswerVerdict {
    /// Prism's router matches the request to another operation than the call's, whose answer
    /// it gave: the evidence (the operation matched, and what Ajv makes of the answer by its
    /// schema).
    Misrouted(String),
    Valid,
    /// Ajv's errors.
    Breaks(String),
    /// Why it was not held to a schema (none given, not JSON).
    Unchecked(String),
}

/// Holds each answer to the response schema its description gives it, with Ajv
/// (`xtask/node/check-answers.mjs`), in one Node process for them all.
fn answer_verdicts(description: &Path, answers: &[(usize, String, Exchange)]) -> Result<Vec<AnswerVerdict>, String> {
    if answers.is_empty() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(description).map_err(|e| format!("{}: {e}", description.display()))?;
    let document: serde_json::Value =
        serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", description.display()))?;
    let answers_json: Vec<serde_json::Value> = answers
        .iter()
        .map(|(_, _, exchange)| {
            serde_json::json!({
                "method": exchange.method,
                // Ajv finds the schema by the description's path, without its `#…`.
                "path": exchange.template.split('#').next(),
                "target": exchange.routed,
                "status": exchange.status,
                "contentType": exchange.answer_type,
                "body": String::from_utf8_lossy(&exchange.answer_body),
            })
        })
        .collect();
    let file = std::path::absolute(description).map_err(|e| format!("{}: {e}", description.display()))?;
    let input = serde_json::json!({"description": document, "file": file, "answers": answers_json}).to_string();
    let script = workspace_root().join("xtask/node/check-answers.mjs");
    let mut child = Command::new("node")
        .arg(&script)
        .current_dir(workspace_root().join("xtask/node"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run node: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin for node")?;
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|e| format!("node: {e}"))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(format!(
            "{} failed: {}",
            script.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let verdicts: Vec<serde_json::Value> =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("{}: {e}", script.display()))?;
    Ok(verdicts
        .iter()
        .zip(answers)
        .map(|(v, (_, _, exchange))| {
            if let Some(other) = v["routedTo"].as_object() {
                return AnswerVerdict::Misrouted(misrouted(exchange, other, v));
            }
            match (v["valid"].as_bool(), v["errors"].as_str(), v["skipped"].as_str()) {
                (Some(true), ..) => AnswerVerdict::Valid,
                (Some(false), errors, _) => AnswerVerdict::Breaks(errors.unwrap_or_default().to_owned()),
                (_, _, why) => AnswerVerdict::Unchecked(why.unwrap_or("no verdict").to_owned()),
            }
        })
        .collect())
}

/// The evidence that Prism answered a request with another operation's answer: the operation
/// its router matches the request to (`other`: `path`, `method`, `operationId`, and `valid`,
/// whether the answer fits that operation's schema), beside what Ajv made of the answer by the
/// call's own schema (`own`).
fn misrouted(
    exchange: &Exchange,
    other: &serde_json::Map<String, serde_json::Value>,
    own: &serde_json::Value,
) -> String {
    let text = |key: &str| other.get(key).and_then(|v| v.as_str()).unwrap_or_default();
    let id = match text("operationId") {
        "" => String::new(),
        id => format!(" ({id})"),
    };
    let fits = match other.get("valid").and_then(|v| v.as_bool()) {
        Some(true) => "fits",
        _ => "does not fit",
    };
    let by_own = match (own["valid"].as_bool(), own["errors"].as_str(), own["skipped"].as_str()) {
        (Some(true), ..) => "fits the call's own schema too".to_owned(),
        (Some(false), errors, _) => format!("breaks the call's own ({})", errors.unwrap_or_default()),
        (_, _, why) => format!("is not held to the call's own ({})", why.unwrap_or_default()),
    };
    format!(
        "Prism's router matches {} {} to the operation {} {}{id}, not to the call's {}: the description's paths differ only in their parameters' names (OpenAPI 3.0: such paths are identical and MUST NOT both exist); the answer {fits} that operation's response schema by Ajv, and {by_own}",
        exchange.method,
        exchange.routed,
        text("method").to_ascii_uppercase(),
        text("path"),
        exchange.template
    )
}

/// One request that passed through the recorder, with Prism's verdict.
#[derive(Debug, Clone)]
struct Exchange {
    /// The test that sent it (`x-contract-call`).
    call: String,
    method: String,
    /// The request target as the client sent it.
    target: String,
    /// The request target Prism was sent (see [`routed_target`]).
    routed: String,
    status: u16,
    /// Prism's objections to the request (its `sl-violations` header, or the `validation`
    /// list of the 422 it makes up), one sentence each.
    violations: Vec<String>,
    /// Why Prism answered with an error of its own other than the request's violations, e.g.
    /// that it could not make an answer.
    prism_error: Option<String>,
    /// Why the answer is the mock's failure and says nothing of the client: Prism crashed on
    /// the request, answered with an informational status only, or failed to make an answer.
    mock_fault: Option<String>,
    /// Why the request was not passed on: the client sent it to a host other than 127.0.0.1.
    refused: Option<String>,
    /// The description's path of the call (`x-contract-path`).
    template: String,
    /// The answer's `Content-Type`, and its body.
    answer_type: Option<String>,
    answer_body: Vec<u8>,
}

/// The Prism a recorder passes requests to; restarted when it crashes.
struct Upstream {
    /// Taken out (so stopped) when the recorder is dropped: its threads outlive it.
    prism: Option<Prism>,
    description: PathBuf,
    answers: Answers,
    /// How many times it was started again, telling a request sent to a Prism that has been
    /// replaced since.
    generation: u64,
    /// Why each start ended, by generation: the request Prism's log names last (`post /x`),
    /// the one it was handling, and the error it ended with.
    crashes: Vec<(String, String)>,
}

/// A pass-through HTTP/1.1 proxy on 127.0.0.1 in front of Prism that keeps, for each request,
/// Prism's status and `sl-violations` header. One request per connection: it asks Prism to
/// close each, and passes the answer on as it came.
///
/// Every generated test names it as its HTTP proxy too, so that each request of the client,
/// to whatever host, reaches it: one for a host other than 127.0.0.1 is refused and kept as
/// such, and nothing leaves the machine.
///
/// Where the description's path of the call (the `x-contract-path` header) holds a `#` (the
/// client sends what precedes it: AWS's `/#X-Amz-Target=…` is `POST /`) or the request went to
/// an operation's own server (whose path comes first), the request is passed to Prism on the
/// description's path alone, with the `#` written `%23`: Prism's router knows the operation by
/// it. The client's own request target is what is kept and shown.
///
/// Prism 5.16 crashes on some requests its description allows (an optional header holding a
/// list, left out): the recorder then starts it again and sends the request once more; a
/// request that crashes it twice is kept as the mock's fault, with Prism's own error.
struct Recorder {
    port: u16,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
    upstream: Arc<Mutex<Upstream>>,
}

impl Recorder {
    fn start(description: &Path, answers: Answers) -> Result<Recorder, String> {
        let prism = Prism::start(description, answers)?;
        let upstream = Arc::new(Mutex::new(Upstream {
            prism: Some(prism),
            description: description.to_owned(),
            answers,
            generation: 0,
            crashes: Vec::new(),
        }));
        let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("cannot listen: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&exchanges);
        let shared = Arc::clone(&upstream);
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let kept = Arc::clone(&kept);
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || relay(stream, &shared, &kept));
            }
        });
        Ok(Recorder {
            port,
            exchanges,
            upstream,
        })
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges.lock().unwrap().clone()
    }

    /// How many times Prism crashed and was started again.
    fn restarts(&self) -> u64 {
        self.upstream.lock().unwrap().generation
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        if let Ok(mut upstream) = self.upstream.lock() {
            upstream.prism = None;
        }
    }
}

/// The address Prism listens on now, and which start of it that is.
fn current(upstream: &Mutex<Upstream>) -> (String, u64) {
    let upstream = upstream.lock().unwrap();
    let url = upstream.prism.as_ref().map(Prism::url).unwrap_or_default();
    (url.trim_start_matches("http://").to_owned(), upstream.generation)
}

/// After Prism dropped a connection of start `generation`: if that Prism has ended, starts it
/// again (unless another request did already) and returns the request its log names last
/// (`post /x`: Node handles one request at a time up to the crash) and the error it ended with.
fn restart_if_crashed(upstream: &Mutex<Upstream>, generation: u64) -> Option<(String, String)> {
    let mut upstream = upstream.lock().unwrap();
    if upstream.generation != generation {
        return upstream.crashes.get(generation as usize).cloned();
    }
    let started = Instant::now();
    let log = loop {
        if let Some(log) = upstream.prism.as_mut()?.ended() {
            break log;
        }
        // A crashing Node process can take seconds to end on a loaded machine.
        if started.elapsed() > Duration::from_secs(10) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let why = log
        .iter()
        .find(|line| line.contains("Error:") && !line.contains("[HTTP SERVER]"))
        .or_else(|| log.last())
        .cloned()
        .unwrap_or_default();
    // `[HTTP SERVER] post /x ℹ  info      Request received`
    let handling = log
        .iter()
        .rev()
        .filter(|line| line.contains("Request received"))
        .find_map(|line| {
            let rest = line.split("[HTTP SERVER] ").nth(1)?;
            let mut words = rest.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .unwrap_or_default();
    upstream.crashes.push((handling, why.trim().to_owned()));
    // The crashed one is dropped first: nothing is left behind if the new one cannot start.
    upstream.prism = None;
    upstream.prism = Some(Prism::start(&upstream.description, upstream.answers).ok()?);
    upstream.generation += 1;
    upstream.crashes.last().cloned()
}

/// Sends one request to Prism and reads its whole answer; `None` when Prism dropped the
/// connection without answering.
fn exchange_with(address: &str, head: &str, body: &[u8]) -> Option<Vec<u8>> {
    let mut prism = TcpStream::connect(address).ok()?;
    prism.write_all(head.as_bytes()).ok()?;
    prism.write_all(body).ok()?;
    let mut answer = Vec::new();
    prism.read_to_end(&mut answer).ok()?;
    (!answer.is_empty()).then_some(answer)
}

/// The target Prism routes: the description's path of the call (`template`) stands for the
/// request's last path segments (a server's path may come first) and its `#…` is passed on
/// as `%23…`; the request's own target where it does not fit.
fn routed_target(target: &str, template: &str) -> String {
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let (template_path, fragment) = match template.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (template, None),
    };
    let wanted = template_path.trim_start_matches('/').split('/').count();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    if segments.len() < wanted || template_path.contains('?') {
        return target.to_owned();
    }
    let mut routed = format!("/{}", segments[segments.len() - wanted..].join("/"));
    if let Some(fragment) = fragment {
        routed += "%23";
        routed += &fragment.replace('%', "%25").replace(' ', "%20").replace('?', "%3F");
    }
    if let Some(query) = query {
        routed += "?";
        routed += query;
    }
    routed
}

/// The header each generated test names the description's path of its call in.
const PATH_HEADER: &str = "x-contract-path";

/// Passes one request to Prism and its answer back, keeping the exchange in `kept` before the
/// client reads the answer (so a finished test's requests are all kept).
fn relay(client: TcpStream, upstream: &Mutex<Upstream>, kept: &Mutex<Vec<Exchange>>) -> Option<()> {
    client.set_read_timeout(Some(Duration::from_secs(60))).ok()?;
    let mut reader = BufReader::new(client.try_clone().ok()?);
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end().to_owned();
        if line.is_empty() {
            break;
        }
        head.push(line);
    }
    let header = |name: &str| {
        head.iter().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    };
    let length: usize = header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let call = header(codegen_call_header()).unwrap_or_default();
    let mut request_line = head.first()?.split(' ');
    let method = request_line.next()?.to_owned();
    let mut target = request_line.next()?.to_owned();
    let version = request_line.next().unwrap_or("HTTP/1.1").to_owned();
    let mut client = client;
    let mut exchange = Exchange {
        call,
        method: method.clone(),
        target: target.clone(),
        routed: target.clone(),
        status: 0,
        violations: Vec::new(),
        prism_error: None,
        mock_fault: None,
        refused: None,
        template: header(PATH_HEADER).unwrap_or_default(),
        answer_type: None,
        answer_body: Vec::new(),
    };
    // As a proxy it is sent `CONNECT host:port` or an absolute URL: only 127.0.0.1 is passed on.
    let elsewhere = match method.as_str() {
        "CONNECT" => Some(target.clone()),
        _ => match target
            .strip_prefix("http://")
            .map(|rest| rest.split_once('/').unwrap_or((rest, "")))
        {
            None => None,
            Some((authority, path)) => match authority.rsplit_once(':').map_or(authority, |(host, _)| host) {
                "127.0.0.1" | "localhost" => {
                    let path = format!("/{path}");
                    target = path;
                    exchange.target = target.clone();
                    None
                }
                _ => Some(authority.to_owned()),
            },
        },
    };
    if let Some(host) = elsewhere {
        exchange.refused = Some(format!("sent to {host}, a host other than 127.0.0.1: not passed on"));
        kept.lock().unwrap().push(exchange);
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        let _ = client.shutdown(Shutdown::Both);
        return Some(());
    }
    let routed = header(PATH_HEADER).map_or_else(|| target.clone(), |template| routed_target(&target, &template));
    exchange.routed = routed.clone();
    let mut forwarded = format!("{method} {routed} {version}\r\n");
    for line in head.iter().skip(1) {
        let skipped = line.split_once(':').is_some_and(|(key, _)| {
            let key = key.trim();
            key.eq_ignore_ascii_case("connection")
                || key.eq_ignore_ascii_case("proxy-connection")
                || key.eq_ignore_ascii_case(PATH_HEADER)
        });
        if !skipped {
            forwarded += line;
            forwarded += "\r\n";
        }
    }
    forwarded += "Connection: close\r\n\r\n";
    // Prism handling this request when it crashed, by its log, is the mock's fault; a request
    // cut off by another one's crash is sent again to the Prism started after it.
    let this_request = format!(
        "{} {}",
        method.to_ascii_lowercase(),
        routed.split('?').next().unwrap_or_default()
    );
    // A form body as sent, to tell Prism's misreadings of it (see [`prism_misreading`]).
    let sent_form = header("content-type")
        .filter(|t| t.starts_with("application/x-www-form-urlencoded"))
        .map(|_| String::from_utf8_lossy(&body).into_owned());
    let mut answer = None;
    // Each try may be cut off by another call's crash (a description's calls run four at a
    // time, and parameters-style crashes Prism on eight of them).
    for _ in 0..10 {
        let (address, generation) = current(upstream);
        if let Some(reply) = exchange_with(&address, &forwarded, &body) {
            answer = Some(reply);
            break;
        }
        match restart_if_crashed(upstream, generation) {
            None => break,
            Some((handling, why)) if handling.split('?').next() == Some(this_request.as_str()) => {
                exchange.mock_fault = Some(format!("Prism crashed handling the request: {why}"));
                break;
            }
            Some(_) => {}
        }
    }
    let Some(answer) = answer else {
        if exchange.mock_fault.is_none() {
            exchange.prism_error = Some("Prism closed the connection without answering".to_owned());
        }
        kept.lock().unwrap().push(exchange);
        let _ = client.shutdown(Shutdown::Both);
        return Some(());
    };
    let text = String::from_utf8_lossy(&answer);
    let answer_head = text.split("\r\n\r\n").next().unwrap_or_default();
    let status = answer_head
        .lines()
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    exchange.status = status;
    let answer_header = |name: &str| {
        answer_head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    };
    let (mut violations, ignored) = answer_header("sl-violations")
        .map(|v| request_violations(&v))
        .unwrap_or_default();
    if !ignored.is_empty() {
        exchange.mock_fault = Some(ignored_headers_fault(&ignored));
    }
    if (100..200).contains(&status) {
        // HTTP sends an informational status only ahead of the final answer, never alone.
        exchange.mock_fault = Some(format!(
            "Prism answered {status}, an informational status, with no final answer after it"
        ));
    }
    let body = answer.get(answer_head.len() + 4..).unwrap_or_default();
    let body = match answer_header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        true => dechunked(body),
        false => body.to_vec(),
    };
    exchange.answer_type = answer_header("content-type");
    exchange.answer_body = body.clone();
    if let Ok(problem) = serde_json::from_slice::<serde_json::Value>(&body) {
        let kind = problem["type"]
            .as_str()
            .and_then(|t| t.strip_prefix("https://stoplight.io/prism/errors#"));
        // Prism checks its own answer too: one that breaks the description (a `response`
        // violation, answered as its 500) is the mock's fault.
        let broken: Vec<String> = problem["validation"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|v| v["location"].get(0).and_then(|l| l.as_str()) == Some("response"))
            .filter_map(|v| v["message"].as_str().map(str::to_owned))
            .collect();
        if kind.is_some() && !broken.is_empty() {
            exchange.mock_fault = Some(format!(
                "Prism's own answer breaks the description: {}",
                broken.join("; ")
            ));
        }
        match problem["validation"].as_array() {
            _ if kind.is_none() => {}
            Some(list) if violations.is_empty() => {
                let (found, ignored) = request_violations(&serde_json::Value::Array(list.clone()).to_string());
                violations = found;
                if !ignored.is_empty() {
                    exchange.mock_fault = Some(ignored_headers_fault(&ignored));
                }
            }
            Some(_) => {}
            // Credentials the description does not accept are a request it does not allow.
            None if kind == Some("UNAUTHORIZED") => {
                violations.push(format!("security: {}", problem["title"].as_str().unwrap_or_default()))
            }
            None => {
                let why = format!(
                    "{}: {}",
                    problem["title"].as_str().unwrap_or_default(),
                    problem["detail"].as_str().unwrap_or_default()
                );
                // A 5xx of Prism's own (not one the description defines) says Prism could not
                // make an answer: the request itself routed and passed its checks.
                if status >= 500 {
                    exchange.mock_fault = Some(format!("Prism could not make an answer ({status}): {why}"));
                }
                exchange.prism_error = Some(why);
            }
        }
    }
    // Prism 5.16 reads no path parameter of a description path that holds a `#` (AWS's
    // `/tags/{resourceArn}#tagKeys`): that it finds one missing that was sent is its fault.
    let (unread, mut violations): (Vec<String>, Vec<String>) = violations
        .into_iter()
        .partition(|v| sent_path_parameter(v, &exchange.template, &target).is_some());
    if !unread.is_empty() {
        exchange.mock_fault = Some(format!(
            "Prism finds missing a path parameter the request holds ({}), on a description path with `#` ({}): {}",
            unread
                .iter()
                .filter_map(|v| sent_path_parameter(v, &exchange.template, &target))
                .collect::<Vec<_>>()
                .join(", "),
            exchange.template,
            unread.join("; ")
        ));
    }
    let misread: Vec<String> = violations
        .iter()
        .filter_map(|v| prism_misreading(v, &target, sent_form.as_deref()))
        .collect();
    if !violations.is_empty() && misread.len() == violations.len() {
        let misread = misread.join("; ");
        exchange.mock_fault = Some(match exchange.mock_fault.take() {
            Some(before) => format!("{before}; {misread}"),
            None => misread,
        });
        violations.clear();
    }
    exchange.violations = violations;
    if routed != target {
        exchange.target = format!("{target} (routed to Prism as {routed})");
    }
    kept.lock().unwrap().push(exchange);
    client.write_all(&answer).ok()?;
    let _ = client.shutdown(Shutdown::Both);
    Some(())
}

/// Why a violation Prism 5.16 names is its misreading of a request the description allows,
/// shown by the request itself:
/// - a required query parameter whose name it percent-encodes (`filter[tag]`) is named missing
///   (as `'filter%5btag%5d'`) though the query holds it: Prism matches no spelling of it;
/// - a form field named as not a list though the form holds it: Prism reads a form field as
///   a list only where the description writes its `encoding`, yet OpenAPI's default (form,
///   exploded) writes a list of one item as one `name=value` pair.
fn prism_misreading(violation: &str, target: &str, form: Option<&str>) -> Option<String> {
    if let Some(name) = violation
        .split_once("Request query must have required property '")
        .and_then(|(_, rest)| rest.strip_suffix('\''))
        .filter(|name| name.contains('%'))
    {
        let query = target.split_once('?')?.1;
        let held = query
            .split('&')
            .any(|pair| pair.split('=').next().is_some_and(|key| key.eq_ignore_ascii_case(name)));
        return held.then(|| format!("Prism names the query parameter `{name}` missing, which the request holds"));
    }
    let field = violation
        .split_once("Request body property ")
        .and_then(|(_, rest)| rest.strip_suffix(" must be array"))?;
    let held = form?.split('&').any(|pair| pair.split('=').next() == Some(field));
    held.then(|| {
        format!(
            "Prism reads the form field `{field}` as a list only where the description writes its `encoding`, and the form holds it"
        )
    })
}

/// A chunked body's bytes.
fn dechunked(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = body.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = std::str::from_utf8(&body[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or_default().trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 || body.len() < end + 2 + size {
            return out;
        }
        out.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = body.get(end + 4 + size..).unwrap_or_default();
    }
}

/// The header the generated contract tests name themselves in.
fn codegen_call_header() -> &'static str {
    "x-contract-call"
}

/// The violations of the request in Prism's `sl-violations` header (a JSON list of
/// `{location, severity, code, message}`), each `location: message`; those of its own answer
/// are left out. The second list holds those that require a header parameter OpenAPI says to
/// ignore (see [`requires_an_ignored_header`]): the mock's fault, not the request's.
fn request_violations(header: &str) -> (Vec<String>, Vec<String>) {
    let Ok(serde_json::Value::Array(list)) = serde_json::from_str::<serde_json::Value>(header) else {
        return (vec![header.to_owned()], Vec::new());
    };
    list.iter()
        .filter(|v| v["severity"].as_str() == Some("Error"))
        // Prism's own 422 names places without `request`; its header says which side.
        .filter(|v| v["location"].get(0).and_then(|l| l.as_str()) != Some("response"))
        .map(|v| {
            let location: Vec<&str> = v["location"]
                .as_array()
                .map(|l| l.iter().filter_map(|p| p.as_str()).collect())
                .unwrap_or_default();
            let message = v["message"].as_str().unwrap_or_default();
            (
                requires_an_ignored_header(&location, message),
                format!("{}: {message}", location.join(".")),
            )
        })
        .fold(
            (Vec::new(), Vec::new()),
            |(mut found, mut ignored), (is_ignored, text)| {
                match is_ignored {
                    true => ignored.push(text),
                    false => found.push(text),
                }
                (found, ignored)
            },
        )
}

/// Where a violation says a path parameter is missing (`path: Request path must have required
/// property 'resourcearn'`) though the description's path holds a `#` and the request sent a
/// value in that parameter's segment: the parameter and the value sent.
fn sent_path_parameter(violation: &str, template: &str, target: &str) -> Option<String> {
    let (before, _) = template.split_once('#')?;
    let name = violation
        .strip_prefix("path: ")?
        .split("must have required property '")
        .nth(1)?
        .strip_suffix('\'')?;
    let wanted: Vec<&str> = before.trim_start_matches('/').split('/').collect();
    let path = target.split('?').next()?;
    let sent: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let offset = sent.len().checked_sub(wanted.len())?;
    let at = wanted.iter().position(|segment| {
        segment
            .strip_prefix('{')
            .and_then(|s| s.strip_suffix('}'))
            .is_some_and(|p| p.eq_ignore_ascii_case(name))
    })?;
    let value = sent[offset + at];
    (!value.is_empty()).then(|| format!("`{name}` = `{value}`"))
}

/// The header parameters OpenAPI 3.0 says SHALL be ignored: the client sends these headers by
/// its own rules (the body's media type, the answer's, the security scheme's credentials).
const IGNORED_HEADER_PARAMETERS: [&str; 3] = ["accept", "content-type", "authorization"];

/// Whether a violation Prism reports is exactly that a header parameter OpenAPI says to ignore
/// is missing or wrong (`request.header: must have required property 'authorization'`, or
/// `request.header.authorization: …`).
fn requires_an_ignored_header(location: &[&str], message: &str) -> bool {
    let ignored = |name: &str| IGNORED_HEADER_PARAMETERS.iter().any(|h| h.eq_ignore_ascii_case(name));
    match location {
        ["request", "header", name] => ignored(name),
        ["request", "header"] => message
            .strip_prefix("must have required property '")
            .or_else(|| message.strip_prefix("Request header must have required property '"))
            .and_then(|rest| rest.strip_suffix('\''))
            .is_some_and(ignored),
        _ => false,
    }
}

fn ignored_headers_fault(ignored: &[String]) -> String {
    format!(
        "Prism holds the request to a header parameter OpenAPI 3.0 says SHALL be ignored (Accept, Content-Type, Authorization): {}",
        ignored.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::{request_violations, routed_target, sent_path_parameter};

    #[test]
    fn a_path_parameter_prism_finds_missing_on_a_path_with_a_fragment_is_named_when_sent() {
        let violation = "path: Request path must have required property 'resourcearn'";
        let template = "/tags/{resourceArn}#tagKeys";
        assert_eq!(
            sent_path_parameter(violation, template, "/tags/arn%3Aa?tagKeys=k").as_deref(),
            Some("`resourcearn` = `arn%3Aa`")
        );
        // Not sent, no `#` in the description's path, or another parameter: the request's fault.
        assert_eq!(sent_path_parameter(violation, template, "/tags/?tagKeys=k"), None);
        assert_eq!(sent_path_parameter(violation, "/tags/{resourceArn}", "/tags/a"), None);
        let other = "path: Request path must have required property 'name'";
        assert_eq!(sent_path_parameter(other, template, "/tags/a"), None);
    }

    #[test]
    fn only_a_violation_naming_a_header_parameter_openapi_ignores_is_the_mock_s() {
        let header = r#"[
            {"location":["request","header"],"severity":"Error","code":"required","message":"Request header must have required property 'authorization'"},
            {"location":["request","header"],"severity":"Error","code":"required","message":"Request header must have required property 'x-authorization'"},
            {"location":["request","header","Accept"],"severity":"Error","code":"enum","message":"must be equal to one of the allowed values"},
            {"location":["request","query"],"severity":"Error","code":"required","message":"must have required property 'authorization'"}
        ]"#;
        let (violations, ignored) = request_violations(header);
        assert_eq!(
            ignored,
            [
                "request.header: Request header must have required property 'authorization'",
                "request.header.Accept: must be equal to one of the allowed values"
            ]
        );
        assert_eq!(
            violations,
            [
                "request.header: Request header must have required property 'x-authorization'",
                "request.query: must have required property 'authorization'"
            ]
        );
    }

    #[test]
    fn a_fragment_of_the_description_path_is_passed_to_prism_encoded() {
        assert_eq!(
            routed_target("/", "/#X-Amz-Target=Svc.ListThings"),
            "/%23X-Amz-Target=Svc.ListThings"
        );
        assert_eq!(
            routed_target("/cookies?a=1", "/cookies#formExploded"),
            "/cookies%23formExploded?a=1"
        );
    }

    #[test]
    fn a_server_path_ahead_of_the_description_path_is_left_out() {
        assert_eq!(routed_target("/anything/common/demo/path", "/path"), "/path");
        assert_eq!(routed_target("/v2/pets/7?x=1", "/pets/{id}"), "/pets/7?x=1");
    }

    #[test]
    fn a_request_on_its_description_path_is_passed_as_it_came() {
        assert_eq!(routed_target("/pets/7", "/pets/{id}"), "/pets/7");
        assert_eq!(routed_target("/", "/"), "/");
        // Fewer segments than the description's path: nothing to map, sent unchanged.
        assert_eq!(routed_target("/pets", "/pets/{id}/toys"), "/pets");
    }
}
