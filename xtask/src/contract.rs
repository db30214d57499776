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
}

/// The figures of one description, both runs together.
#[derive(Debug, Default, Clone)]
struct Figures {
    operations: usize,
    called: usize,
    ok: usize,
    violations: usize,
    decode_failures: usize,
    /// The calls that were not ok, `<description> <call>`; `<description> *` where none could
    /// be called.
    failing: Vec<String>,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.operations += other.operations;
        self.called += other.called;
        self.ok += other.ok;
        self.violations += other.violations;
        self.decode_failures += other.decode_failures;
        self.failing.extend(other.failing.iter().cloned());
    }

    fn line(&self) -> String {
        format!(
            "contract: {} operations, {} called, {} ok, {} request violations, {} decode failures",
            self.operations, self.called, self.ok, self.violations, self.decode_failures
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
                    .filter(|w| w.contains("left out"))
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
        .env("CARGO_INCREMENTAL", "0");
    command
}

/// Runs one description's calls against Prism's static answers, then its dynamic ones; its
/// figures, and the text that lists what failed.
fn check(work: &Path, target: &Target, operations: usize, left_out: &[String]) -> Result<(Figures, String), String> {
    let mut runs = Vec::new();
    if operations == 0 {
        return Ok((Figures::default(), String::new()));
    }
    for answers in [Answers::Static, Answers::Dynamic { seed: SEED }] {
        let prism = Prism::start(&target.path, answers)?;
        let recorder = Recorder::start(&prism.url())?;
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
        for exchange in recorder.exchanges() {
            let outcome = outcomes.entry(exchange.call.clone()).or_default();
            outcome.called = true;
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
        for (answers, outcomes) in &runs {
            let mode = match answers {
                Answers::Static => "static",
                Answers::Dynamic { .. } => "dynamic",
            };
            let outcome = outcomes.get(call).cloned().unwrap_or_default();
            called &= outcome.called;
            if !outcome.called {
                ok = false;
                text += &format!("  {} {call} ({mode}): nothing reached Prism\n", target.label);
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
                }
                None => {
                    ok = false;
                    text += &format!("  {} {call} ({mode}): the test gave no verdict\n", target.label);
                }
            }
        }
        figures.called += usize::from(called);
        figures.ok += usize::from(ok);
        figures.violations += usize::from(violation);
        figures.decode_failures += usize::from(decode);
        if !ok {
            figures.failing.push(format!("{} {call}", target.label));
        }
    }
    for warning in left_out {
        text += &format!("  {}: {warning}\n", target.label);
    }
    Ok((figures, text))
}

/// One request that passed through the recorder, with Prism's verdict.
#[derive(Debug, Clone)]
struct Exchange {
    /// The test that sent it (`x-contract-call`).
    call: String,
    method: String,
    target: String,
    status: u16,
    /// Prism's objections to the request (its `sl-violations` header, or the `validation`
    /// list of the 422 it makes up), one sentence each.
    violations: Vec<String>,
    /// Why Prism answered with an error of its own other than the request's violations, e.g.
    /// that it could not make an answer.
    prism_error: Option<String>,
}

/// A pass-through HTTP/1.1 proxy on 127.0.0.1 in front of Prism that keeps, for each request,
/// Prism's status and `sl-violations` header. One request per connection: it asks Prism to
/// close each, and passes the answer on as it came.
struct Recorder {
    port: u16,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
}

impl Recorder {
    fn start(upstream: &str) -> Result<Recorder, String> {
        let upstream = upstream
            .strip_prefix("http://")
            .ok_or_else(|| format!("not an http URL: {upstream}"))?
            .to_owned();
        let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("cannot listen: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&exchanges);
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let upstream = upstream.clone();
                let kept = Arc::clone(&kept);
                std::thread::spawn(move || relay(stream, &upstream, &kept));
            }
        });
        Ok(Recorder { port, exchanges })
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges.lock().unwrap().clone()
    }
}

/// Passes one request to Prism and its answer back, keeping the exchange in `kept` before the
/// client reads the answer (so a finished test's requests are all kept).
fn relay(client: TcpStream, upstream: &str, kept: &Mutex<Vec<Exchange>>) -> Option<()> {
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
    let target = request_line.next()?.to_owned();
    let mut forwarded = String::new();
    for line in &head {
        let is_connection = line
            .split_once(':')
            .is_some_and(|(key, _)| key.trim().eq_ignore_ascii_case("connection"));
        if !is_connection {
            forwarded += line;
            forwarded += "\r\n";
        }
    }
    forwarded += "Connection: close\r\n\r\n";
    let mut prism = TcpStream::connect(upstream).ok()?;
    prism.write_all(forwarded.as_bytes()).ok()?;
    prism.write_all(&body).ok()?;
    let mut answer = Vec::new();
    prism.read_to_end(&mut answer).ok()?;
    let text = String::from_utf8_lossy(&answer);
    let answer_head = text.split("\r\n\r\n").next().unwrap_or_default();
    let status = answer_head
        .lines()
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let answer_header = |name: &str| {
        answer_head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
        })
    };
    let mut violations = answer_header("sl-violations")
        .map(|v| request_violations(&v))
        .unwrap_or_default();
    let body = answer.get(answer_head.len() + 4..).unwrap_or_default();
    let body = match answer_header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        true => dechunked(body),
        false => body.to_vec(),
    };
    let mut prism_error = None;
    if let Ok(problem) = serde_json::from_slice::<serde_json::Value>(&body) {
        let is_prism = problem["type"]
            .as_str()
            .is_some_and(|t| t.starts_with("https://stoplight.io/prism/errors#"));
        match problem["validation"].as_array() {
            _ if !is_prism => {}
            Some(list) if violations.is_empty() => {
                violations = request_violations(&serde_json::Value::Array(list.clone()).to_string())
            }
            Some(_) => {}
            // Credentials the description does not accept are a request it does not allow.
            None if problem["type"].as_str().is_some_and(|t| t.ends_with("#UNAUTHORIZED")) => {
                violations.push(format!("security: {}", problem["title"].as_str().unwrap_or_default()))
            }
            None => {
                prism_error = Some(format!(
                    "{}: {}",
                    problem["title"].as_str().unwrap_or_default(),
                    problem["detail"].as_str().unwrap_or_default()
                ))
            }
        }
    }
    kept.lock().unwrap().push(Exchange {
        call,
        method,
        target,
        status,
        violations,
        prism_error,
    });
    let mut client = client;
    client.write_all(&answer).ok()?;
    let _ = client.shutdown(Shutdown::Both);
    Some(())
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
/// are left out.
fn request_violations(header: &str) -> Vec<String> {
    let Ok(serde_json::Value::Array(list)) = serde_json::from_str::<serde_json::Value>(header) else {
        return vec![header.to_owned()];
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
            format!("{}: {}", location.join("."), v["message"].as_str().unwrap_or_default())
        })
        .collect()
}
