//! `cargo xtask run-tabs`: every code tab the reference pages show for a description outside
//! Seam's dialect is run before it is published. The cURL, JavaScript, Python, Ruby, PHP, Go
//! and Java tabs of every sample of the Petstore example and of `@readme/oas-examples` are
//! run against Prism (`prism mock --errors`, the tab's server URL pointed at it), each with
//! its runtime installed here (Debian's `ruby`, `php-cli`, `php-guzzlehttp-guzzle`,
//! `golang-go` and `openjdk-17-jdk-headless`; `requests` with pip into a virtual environment
//! under `target/`). A tab fails when it does not run to its end, when it sends no request,
//! or when Prism finds a violation in the request it sends.
//!
//! Each language's tabs of a description run in one process ([`Runner`]): Go's built as one
//! binary, Java's compiled as one class, Node, Python, Ruby and PHP each running the tab files
//! in turn; a Prism that fails on a request is a mock fault, reported apart.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output, Stdio};
use std::time::{Duration, Instant};

use codegen::emit::docs::samples::{Lang, Renderer, Style};
use codegen::model::{Api, SchemeKind};
use codegen::plan::{Anatomy, Profile};
use heck::ToShoutySnakeCase;

use crate::prism::{Answers, Prism};
use crate::tasks::workspace_root;

/// The `requests` release the Python tabs run with.
const REQUESTS_VERSION: &str = "2.32.3";

/// The languages run, in the pages' order.
const LANGS: [Lang; 7] = [
    Lang::Curl,
    Lang::JavaScript,
    Lang::Python,
    Lang::Ruby,
    Lang::Php,
    Lang::Go,
    Lang::Java,
];

/// How long a tab may take: one request to a mock on this machine takes well under a second.
const TAB_TIMEOUT: Duration = Duration::from_secs(20);

/// Guzzle's autoloader as Debian installs it.
const GUZZLE: &str = "/usr/share/php/GuzzleHttp/autoload.php";

/// What one tab's run came to.
#[derive(Default)]
struct Tally {
    samples: usize,
    tabs: usize,
    violations: Vec<String>,
    failures: Vec<String>,
    /// The tabs whose request Prism failed on, ending with an error of its own: the tab is
    /// not judged (neither passed nor failed) and Prism is started again.
    mock_faults: Vec<String>,
    /// The time each language's tabs took, building included, in [`LANGS`]' order.
    times: [Duration; LANGS.len()],
    /// The samples shown on a page but never sent: their call has no request its description
    /// allows that the synthesizer could make ([`codegen::model::Sample::checked`] is false).
    /// Their tabs are not run, and not counted as passing.
    shown_not_run: Vec<String>,
    /// Every sample run, by name.
    names: std::collections::BTreeSet<String>,
}

pub fn run() -> Result<ExitCode, String> {
    let started = Instant::now();
    let python = install()?;
    let (parsed, unparsed) = crate::tab_parse::check(&python)?;
    println!(
        "run-tabs: {parsed} HTTP tabs of the escaping cases parsed, {} did not ({:.0} s)",
        unparsed.len(),
        started.elapsed().as_secs_f64()
    );
    for line in &unparsed {
        println!("{line}");
    }
    if std::env::args().any(|a| a == "--parse-only") {
        return Ok(if unparsed.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    // Every sample is run, the synthesized ones too; `--written` runs the written ones only.
    let synthesized = !std::env::args().any(|a| a == "--written");
    let root = workspace_root();
    let examples = root.join("xtask/node/node_modules/@readme/oas-examples/3.0/json");
    let mut set = vec![(
        "petstore".to_owned(),
        examples.join("petstore.json"),
        Some(root.join("generator/tests/fixtures/petstore-samples")),
    )];
    let mut files: Vec<PathBuf> = std::fs::read_dir(&examples)
        .map_err(|e| format!("cannot read {}: {e}", examples.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for spec in files {
        let stem = spec
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        set.push((format!("oas-examples/{stem}"), spec, None));
    }
    // `--only TEXT`: the descriptions whose name holds TEXT.
    let args: Vec<String> = std::env::args().collect();
    let only = args.iter().position(|a| a == "--only").and_then(|at| args.get(at + 1));
    if let Some(only) = only {
        set.retain(|(name, _, _)| name.contains(only.as_str()));
    }
    // Only a run of every sample can tell that a listed sample no longer exists.
    let whole_set = only.is_none() && synthesized;
    let mut jobs = Vec::new();
    let mut tally = Tally::default();
    for (name, spec, samples) in set {
        let options = codegen::Options {
            samples,
            ..codegen::Options::description_only(spec.clone(), &root)
        };
        let built = std::panic::catch_unwind(|| codegen::build_model(&options));
        let Ok(Ok((mut api, _))) = built else { continue };
        if !synthesized {
            for endpoint in &mut api.endpoints {
                endpoint.samples.retain(|sample| !sample.synthesized);
            }
        }
        for endpoint in documented(&api) {
            let page = endpoint.page_segments().join("/");
            for (i, sample) in endpoint.samples.iter().enumerate() {
                if !sample.checked() {
                    tally.shown_not_run.push(format!("{name}:{page}#{i}"));
                }
            }
        }
        let count: usize = documented(&api)
            .map(|e| e.samples.iter().filter(|s| s.checked()).count())
            .sum();
        if count > 0 {
            tally.samples += count;
            jobs.push((name, spec, api));
        }
    }
    // Descriptions run side by side, each against a Prism of its own, so that what Prism
    // logs belongs to one tab at a time.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len())
        .max(1);
    let queue = std::sync::Mutex::new(jobs.into_iter());
    let tally = std::sync::Mutex::new(tally);
    let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result<(), String> {
                    loop {
                        let job = queue.lock().map_err(|e| e.to_string())?.next();
                        let Some((name, spec, mut api)) = job else {
                            return Ok(());
                        };
                        let mut prism = Prism::start(&spec, Answers::Static)?;
                        let dir = root.join("target/run-tabs").join(&name);
                        let _ = std::fs::remove_dir_all(&dir);
                        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
                        api.base_url = prism.url();
                        // Prism routes on paths alone, whatever server a call names, and a tab
                        // must never reach a server of the description's.
                        for endpoint in &mut api.endpoints {
                            endpoint.server = None;
                        }
                        let mut own = Tally::default();
                        run_description(&name, &api, &spec, &mut prism, &dir, &python, &mut own)?;
                        let mut tally = tally.lock().map_err(|e| e.to_string())?;
                        tally.tabs += own.tabs;
                        tally.violations.extend(own.violations);
                        tally.failures.extend(own.failures);
                        tally.mock_faults.extend(own.mock_faults);
                        tally.names.extend(own.names);
                        for (total, own) in tally.times.iter_mut().zip(own.times) {
                            *total += own;
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|_| Err("a worker panicked".to_owned())))
            .collect()
    });
    results.into_iter().collect::<Result<Vec<()>, String>>()?;
    let tally = tally.into_inner().map_err(|e| e.to_string())?;
    println!(
        "run-tabs: {} samples, {} tabs run, {} request violations, {} tabs that did not run, \
         {} mock faults (Prism ended on the request, an error in its own code; not judged), \
         {} samples shown but not run (no request their description allows was found) ({:.0} s)",
        tally.samples,
        tally.tabs,
        tally.violations.len(),
        tally.failures.len(),
        tally.mock_faults.len(),
        tally.shown_not_run.len(),
        started.elapsed().as_secs_f64()
    );
    let times: Vec<String> = LANGS
        .iter()
        .zip(tally.times)
        .map(|(lang, time)| format!("{} {:.0} s", lang.key(), time.as_secs_f64()))
        .collect();
    println!("run-tabs: time by language (both workers' added): {}", times.join(", "));
    let known = known_failures()?;
    let is_known = |line: &String| {
        let label = line.split(": ").next().unwrap_or_default();
        let (sample, lang) = label.rsplit_once(' ').unwrap_or((label, ""));
        known
            .iter()
            .any(|(s, langs, _)| s == sample && (langs == "all" || langs.split(',').any(|l| l == lang)))
    };
    let (listed, unlisted): (Vec<&String>, Vec<&String>) = tally
        .violations
        .iter()
        .chain(&tally.failures)
        .partition(|line| is_known(line));
    for line in unlisted.iter().copied().chain(&tally.mock_faults) {
        println!("{line}");
    }
    for line in &listed {
        println!("(listed in {KNOWN_FAILURES}) {line}");
    }
    println!(
        "run-tabs: {} of the violations and tabs that did not run are listed in {KNOWN_FAILURES}, {} are not",
        listed.len(),
        unlisted.len()
    );
    // A listed sample that no longer fails is named, so that the list is kept short.
    let failing = |sample: &str| {
        listed.iter().any(|line| {
            line.split(": ")
                .next()
                .unwrap_or_default()
                .starts_with(&format!("{sample} "))
        })
    };
    for (sample, _, _) in known.iter().filter(|(sample, _, _)| !failing(sample)) {
        if tally.names.contains(sample) {
            println!("{sample}: listed in {KNOWN_FAILURES} but every tab passes now; remove it");
        } else if whole_set {
            println!("{sample}: listed in {KNOWN_FAILURES} but no sample has that name; remove it");
        }
    }
    for sample in &tally.shown_not_run {
        println!("{sample}: shown, not run");
    }
    Ok(if unlisted.is_empty() && unparsed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The file listing the tabs known to fail, each with why.
const KNOWN_FAILURES: &str = "xtask/run-tabs-known-failures.txt";

/// The known failures: (sample, `all` or the languages, why).
fn known_failures() -> Result<Vec<(String, String, String)>, String> {
    let path = workspace_root().join(KNOWN_FAILURES);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (head, why) = line
                .split_once(": ")
                .ok_or_else(|| format!("{KNOWN_FAILURES}: no reason in `{line}`"))?;
            let (sample, langs) = head
                .rsplit_once(' ')
                .ok_or_else(|| format!("{KNOWN_FAILURES}: no languages in `{line}`"))?;
            Ok((sample.to_owned(), langs.to_owned(), why.to_owned()))
        })
        .collect()
}

/// The endpoints whose pages show HTTP libraries' tabs.
fn documented(api: &Api) -> impl Iterator<Item = &codegen::model::Endpoint> {
    let profile = Profile::of(api);
    api.endpoints
        .iter()
        .filter(move |e| e.is_documented() && profile.anatomy(e) == Anatomy::Operation)
}

/// Installs the runtimes; returns the Python interpreter that has `requests`.
fn install() -> Result<PathBuf, String> {
    crate::node::install()?;
    for (program, package) in [
        ("/usr/bin/ruby", "ruby"),
        ("/usr/bin/php", "php-cli"),
        (GUZZLE, "php-guzzlehttp-guzzle"),
        // Guzzle sends through PHP's curl extension where it is loaded, as it is wherever
        // Guzzle is deployed; its fallback stream handler drops a body that PHP reads as
        // empty (`"0"`) and waits for it forever. The package installs no program: its
        // copyright file marks it.
        ("/usr/share/doc/php-curl/copyright", "php-curl"),
        ("/usr/bin/go", "golang-go"),
        ("/usr/bin/javac", "openjdk-17-jdk-headless"),
    ] {
        crate::oracles::install_from_debian(program, package)?;
    }
    let venv = workspace_root().join("target/run-tabs-venv");
    let python = venv.join("bin/python");
    let pin = format!("requests=={REQUESTS_VERSION}");
    let stamp = venv.join("installed");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(pin.as_str()) {
        let venv_arg = venv.to_string_lossy().into_owned();
        crate::tasks::run("python3", &["-m", "venv", &venv_arg])?;
        let python_arg = python.to_string_lossy().into_owned();
        crate::tasks::run(&python_arg, &["-m", "pip", "install", "--quiet", &pin])?;
        std::fs::write(&stamp, &pin).map_err(|e| e.to_string())?;
    }
    Ok(python)
}

/// One tab: its sample's name and its code.
struct Tab {
    id: String,
    code: String,
}

#[allow(clippy::too_many_arguments)]
fn run_description(
    name: &str,
    api: &Api,
    spec: &Path,
    prism: &mut Prism,
    dir: &Path,
    python: &Path,
    tally: &mut Tally,
) -> Result<(), String> {
    let renderer = Renderer::new(api);
    let mut env: Vec<(String, String)> = Vec::new();
    for scheme in &api.security_schemes {
        let var = scheme.name.to_shouty_snake_case();
        env.push((var.clone(), format!("YOUR_{var}")));
        if matches!(scheme.kind, SchemeKind::Basic) {
            env.push((format!("{var}_USERNAME"), "user".to_owned()));
            env.push((format!("{var}_PASSWORD"), "password".to_owned()));
        }
    }
    for (lang_index, lang) in LANGS.into_iter().enumerate() {
        let lang_started = Instant::now();
        let tabs: Vec<Tab> = documented(api)
            .flat_map(|endpoint| {
                let page = endpoint.page_segments().join("/");
                let renderer = &renderer;
                endpoint
                    .samples
                    .iter()
                    .enumerate()
                    .filter(|(_, sample)| sample.checked())
                    .map(move |(i, sample)| Tab {
                        id: format!("{name}:{page}#{i}"),
                        code: renderer.render(lang, Style::Page, endpoint, sample, None).code,
                    })
            })
            .collect();
        tally.names.extend(tabs.iter().map(|tab| tab.id.clone()));
        let mut runner = prepare(lang, &tabs, dir, python)?;
        for (i, tab) in tabs.iter().enumerate() {
            prism.drain_log();
            let output = runner.run(i, &env, dir)?;
            let mut log = answer_log(prism);
            tally.tabs += 1;
            let label = format!("{} {}", tab.id, lang.key());
            // A failed tab may have met a Prism that was ending: it is given a second to end,
            // unless Prism's answer explains the failure (an error status, or no JSON to read).
            let explained = answered_status(&log).is_some() && answered_without_a_result(&log);
            let grace = if output.ok || explained {
                Duration::ZERO
            } else {
                Duration::from_secs(1)
            };
            if let Some(last_lines) = prism.ended_within(grace) {
                // Prism's own error, whatever the request: its stack trace says where.
                let mut trace: Vec<String> = log
                    .iter()
                    .chain(&last_lines)
                    .skip_while(|l| !l.contains("Request received"))
                    .skip(1)
                    .filter(|l| !l.trim().is_empty())
                    .take(3)
                    .cloned()
                    .collect();
                // The error thrown and where in Prism's code, when they come after those.
                for error in [
                    log.iter().chain(&last_lines).find(|l| l.contains("Error:")),
                    log.iter()
                        .chain(&last_lines)
                        .find(|l| l.contains("node_modules/@stoplight/prism")),
                ]
                .into_iter()
                .flatten()
                {
                    if !trace.contains(error) {
                        trace.push(error.trim_end().to_owned());
                    }
                }
                let line = format!("{label}: Prism ended on the request:\n  {}", trace.join("\n  "));
                // Only an error thrown inside Prism's own code is Prism's fault; one that
                // names what the request lacks (a `label` or `matrix` path value without its
                // `.` or `;`) is a violation Prism throws instead of answering 422.
                // The whole of what it wrote is searched: on a loaded machine its trace may
                // come apart from the request's lines.
                let wrote = || log.iter().chain(&last_lines);
                if wrote().any(|l| l.contains("serialization style requires")) {
                    tally.violations.push(line);
                } else if wrote().any(|l| l.contains("node_modules/@stoplight/prism")) {
                    tally.mock_faults.push(line);
                } else {
                    tally.failures.push(line);
                }
                *prism = Prism::start_on(spec, Answers::Static, prism.port())?;
                continue;
            }
            let received = log.iter().filter(|l| l.contains("Request received")).count();
            let passed = log
                .iter()
                .any(|l| l.contains("The request passed the validation rules"));
            if passed && !output.ok && !answered_without_a_result(&log) {
                // Prism checks its own answer after logging it: a 500 for an answer that
                // breaks its schema is logged a moment later.
                log.extend(late_log(prism));
            }
            // After a request that passed, an error is Prism's own answer breaking its
            // schema (`--errors` turns it into a 500): the request is not at fault.
            let violations: Vec<&String> = log
                .iter()
                .filter(|l| l.contains("[VALIDATOR] ✖") || (!passed && l.contains("Request terminated with error")))
                .collect();
            let answer_refused = passed && log.iter().any(|l| l.contains("Request terminated with error"));
            if !violations.is_empty() {
                tally.violations.push(format!(
                    "{label}: Prism rejected the request:\n  {}",
                    violations.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n  ")
                ));
                continue;
            }
            let status = answered_status(&log);
            // The Fetch standard sends a request once more on a new connection when it is
            // answered 421 (Misdirected Request): Node's fetch sends the tab's request twice.
            let sent = match (lang, status) {
                (Lang::JavaScript, Some(421)) => 2,
                _ => 1,
            };
            let ran = output.ok || answer_refused || answered_without_a_result(&log);
            if received == sent && passed && ran {
                continue;
            }
            if passed && status.is_some_and(|s| (100..200).contains(&s)) {
                // Prism answers a 1xx status as the final answer, with nothing after it; HTTP
                // makes a 1xx an interim answer that a final one follows (RFC 9110, 15.2), so
                // a client that waits for it (Ruby's Net::HTTP) reads the connection's end.
                tally.mock_faults.push(format!(
                    "{label}: Prism answered {} with no final answer after it (the request passed):\n{}",
                    status.unwrap_or_default(),
                    output.text
                ));
            } else {
                tally.failures.push(format!(
                    "{label}: {} request(s) sent, {}:\n{}",
                    received,
                    if output.ok { "ran to its end" } else { "failed" },
                    output.text
                ));
            }
        }
        tally.times[lang_index] += lang_started.elapsed();
    }
    Ok(())
}

/// Prism's log of the request a tab sent: it logs its answer before sending it, but the lines
/// may still be on their way; waits for the answer's line, two seconds at most (a tab that
/// sent nothing).
fn answer_log(prism: &Prism) -> Vec<String> {
    let started = Instant::now();
    let mut log = Vec::new();
    loop {
        log.extend(prism.drain_log());
        let answered = log
            .iter()
            .any(|l| l.contains("> Responding with") || l.contains("Request terminated with error"));
        if answered || started.elapsed() > Duration::from_secs(2) {
            // The violations come before the answer's line; nothing of this request follows.
            return log;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// What Prism logs within a second after its answer's line, until it ends the request.
fn late_log(prism: &Prism) -> Vec<String> {
    let started = Instant::now();
    let mut log = Vec::new();
    while started.elapsed() < Duration::from_secs(1) {
        log.extend(prism.drain_log());
        if log.iter().any(|l| l.contains("Request terminated with error")) {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    log
}

/// Whether Prism answered with an error status (the only answer the description defines,
/// e.g. Petstore's `405` of `POST /pet/{petId}`) or without a JSON body: the tabs, as
/// httpsnippet writes them, then fail reading the answer (Guzzle throws on a 4xx, `requests`
/// and `fetch` cannot decode it) after sending a request Prism accepted.
fn answered_without_a_result(log: &[String]) -> bool {
    let status = answered_status(log);
    let json = log
        .iter()
        .any(|l| l.contains("Found a compatible content for application/json"));
    status.is_some_and(|s| s >= 400) || !json
}

/// The status Prism says it answers with (`> Responding with "200"`).
fn answered_status(log: &[String]) -> Option<u16> {
    log.iter().find_map(|l| {
        let (_, rest) = l.split_once("> Responding with \"")?;
        rest.get(..3)?.parse::<u16>().ok()
    })
}

/// What a runner writes after each tab, at the end of a line: `\u{1}DONE ok` or `\u{1}DONE fail`.
const DONE: &str = "\u{1}DONE ";

/// What running one tab came to: whether it ran to its end, and what it wrote.
struct TabOutput {
    ok: bool,
    text: String,
}

/// How a language's tabs are run: a process per tab (cURL's shell), or one process that
/// runs each tab it is told on its standard input, in turn, each isolated from the others
/// (its own module, namespace, function or class method), and writes [`DONE`] after each:
/// one runtime start for all the tabs of a description.
enum Runner {
    Each(Vec<Command>),
    Serving {
        command: Box<Command>,
        process: Option<Serving>,
    },
}

/// A running serving runner.
struct Serving {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Runner {
    /// Runs tab `i`, killing it after [`TAB_TIMEOUT`].
    fn run(&mut self, i: usize, env: &[(String, String)], dir: &Path) -> Result<TabOutput, String> {
        match self {
            Runner::Each(commands) => {
                let command = commands[i].envs(env.iter().map(|(k, v)| (k, v))).current_dir(dir);
                let output = run_with_timeout(command)?;
                Ok(TabOutput {
                    ok: output.status.success(),
                    text: format!(
                        "{}\n{}",
                        String::from_utf8_lossy(&output.stdout),
                        String::from_utf8_lossy(&output.stderr)
                    ),
                })
            }
            Runner::Serving { command, process } => {
                use std::io::Write;
                if process.is_none() {
                    let mut child = command
                        .envs(env.iter().map(|(k, v)| (k, v)))
                        .current_dir(dir)
                        .stdin(Stdio::piped())
                        .stdout(Stdio::piped())
                        .stderr(Stdio::piped())
                        .spawn()
                        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
                    let stdin = child.stdin.take().ok_or("no stdin")?;
                    let stdout = child.stdout.take().ok_or("no stdout")?;
                    let stderr = child.stderr.take().ok_or("no stderr")?;
                    let (sender, lines) = std::sync::mpsc::channel();
                    for stream in [Box::new(stdout) as Box<dyn std::io::Read + Send>, Box::new(stderr)] {
                        let sender = sender.clone();
                        std::thread::spawn(move || {
                            use std::io::BufRead;
                            for line in std::io::BufReader::new(stream).lines().map_while(Result::ok) {
                                if sender.send(line).is_err() {
                                    break;
                                }
                            }
                        });
                    }
                    *process = Some(Serving { child, stdin, lines });
                }
                let serving = process.as_mut().ok_or("no runner")?;
                let mut text = String::new();
                if writeln!(serving.stdin, "{i}")
                    .and_then(|()| serving.stdin.flush())
                    .is_err()
                {
                    *process = None;
                    return Ok(TabOutput {
                        ok: false,
                        text: "the runner had ended".to_owned(),
                    });
                }
                let started = Instant::now();
                loop {
                    let left = TAB_TIMEOUT.saturating_sub(started.elapsed());
                    match serving.lines.recv_timeout(left) {
                        // A tab's last output may not end its line (PHP's `echo`).
                        Ok(line) => match line.find(DONE) {
                            Some(at) => {
                                text.push_str(&line[..at]);
                                return Ok(TabOutput {
                                    ok: &line[at + DONE.len()..] == "ok",
                                    text,
                                });
                            }
                            None => {
                                text.push_str(&line);
                                text.push('\n');
                            }
                        },
                        // The tab hung, or took its runner down: a new one runs the next.
                        Err(_) => {
                            *process = None;
                            text.push_str("(the tab did not end, or its runner stopped)");
                            return Ok(TabOutput { ok: false, text });
                        }
                    }
                }
            }
        }
    }
}

/// Writes each tab where its runtime finds it, builds what needs building once for all of
/// them, and returns how they are run.
fn prepare(lang: Lang, tabs: &[Tab], dir: &Path, python: &Path) -> Result<Runner, String> {
    let write = |file: &Path, text: &str| {
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))
    };
    let serving = |command: Command| Runner::Serving {
        command: Box::new(command),
        process: None,
    };
    let each_file = |folder: &str, extension: &str| -> Result<(), String> {
        for (i, tab) in tabs.iter().enumerate() {
            write(
                &dir.join(format!("{folder}/tab{i}.{extension}")),
                &format!("{}\n", tab.code),
            )?;
        }
        Ok(())
    };
    // An interpreted language: every tab a file of its own, and a runner that runs them in turn.
    let script = |folder: &str, extension: &str, program: &OsStr, runner: &str| -> Result<Runner, String> {
        each_file(folder, extension)?;
        let runner_file = dir.join(format!("{folder}/runner.{extension}"));
        write(&runner_file, runner)?;
        let mut command = Command::new(program);
        command.arg(runner_file);
        Ok(serving(command))
    };
    Ok(match lang {
        Lang::Go => {
            let module = dir.join("go");
            write(&module.join("go.mod"), "module tabs\n\ngo 1.19\n")?;
            // Each tab's `main` becomes a function of its own file; one `main` runs them.
            let mut table = String::new();
            for (i, tab) in tabs.iter().enumerate() {
                let code = tab.code.replacen("func main() {", &format!("func tab{i}() {{"), 1);
                write(&module.join(format!("tab{i}.go")), &format!("{code}\n"))?;
                table.push_str(&format!("\t{i}: tab{i},\n"));
            }
            write(&module.join("runner.go"), &GO_RUNNER.replace("TABS", &table))?;
            let mut build = Command::new("go");
            build
                // No symbol table nor debugging data: the link, most of the build, is shorter.
                .args(["build", "-ldflags=-s -w", "-o", "tabs", "."])
                .current_dir(&module)
                .env("GOFLAGS", "-mod=mod")
                .env("GOCACHE", workspace_root().join("target/run-tabs-gocache"));
            check(&mut build, "go build")?;
            serving(Command::new(module.join("tabs")))
        }
        Lang::Java => {
            let java = dir.join("java");
            let mut class = String::from(
                "import java.net.URI;\nimport java.net.http.HttpClient;\nimport java.net.http.HttpRequest;\n\
                 import java.net.http.HttpResponse;\n\npublic class Tabs {\n",
            );
            for (i, tab) in tabs.iter().enumerate() {
                class.push_str(&format!(
                    "  static void tab{i}() throws Exception {{\n{}\n  }}\n\n",
                    indent(&tab.code, "    ")
                ));
            }
            class.push_str("  static void run(int tab) throws Exception {\n    switch (tab) {\n");
            for i in 0..tabs.len() {
                class.push_str(&format!("      case {i}: tab{i}(); break;\n"));
            }
            class.push_str("    }\n  }\n\n");
            class.push_str(JAVA_MAIN);
            class.push_str("}\n");
            write(&java.join("Tabs.java"), &class)?;
            // A JVM that compiles little (C1 only) and collects with one thread starts and
            // ends sooner: the tabs are short, and javac and the runner start once a description.
            let mut compile = Command::new("javac");
            compile
                .args(["-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "Tabs.java"])
                .current_dir(&java);
            check(&mut compile, "javac")?;
            let mut command = Command::new("java");
            command.args([
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                &java.to_string_lossy(),
                "Tabs",
            ]);
            serving(command)
        }
        Lang::JavaScript => {
            let runner = script("javascript", "mjs", OsStr::new("node"), NODE_RUNNER)?;
            // A tab on Node's `http` module (a GET with a body, which fetch refuses) is
            // CommonJS, and ends when its answer has come: it runs as a program of its own.
            for (i, tab) in tabs.iter().enumerate() {
                if tab.code.contains("= require('http") {
                    let module = dir.join(format!("javascript/tab{i}.mjs"));
                    std::fs::rename(&module, module.with_extension("cjs")).map_err(|e| e.to_string())?;
                }
            }
            runner
        }
        Lang::Python => script("python", "py", python.as_os_str(), PYTHON_RUNNER)?,
        Lang::Ruby => script("ruby", "rb", OsStr::new("ruby"), RUBY_RUNNER)?,
        Lang::Php => script("php", "php", OsStr::new("php"), &PHP_RUNNER.replace("GUZZLE", GUZZLE))?,
        _ => {
            each_file("curl", "sh")?;
            Runner::Each(
                (0..tabs.len())
                    .map(|i| {
                        let mut command = Command::new("bash");
                        command.arg(dir.join(format!("curl/tab{i}.sh")));
                        command
                    })
                    .collect(),
            )
        }
    })
}

/// Runs the tab of each index read, each in a module of its own (a fresh import), or a
/// CommonJS tab as a program of its own.
const NODE_RUNNER: &str = r#"import readline from 'node:readline'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
console.error = console.log
const lines = readline.createInterface({ input: process.stdin })
for await (const line of lines) {
  let ok = true
  const program = fileURLToPath(new URL(`tab${line.trim()}.cjs`, import.meta.url))
  try {
    if (existsSync(program)) {
      const run = spawnSync(process.execPath, [program], { encoding: 'utf8', env: process.env })
      process.stdout.write(run.stdout + run.stderr)
      ok = run.status === 0
    } else {
      await import(pathToFileURL(new URL(`tab${line.trim()}.mjs`, import.meta.url).pathname).href)
    }
  } catch (error) {
    ok = false
    console.log(String(error && error.stack || error))
  }
  process.stdout.write(`\u0001DONE ${ok ? 'ok' : 'fail'}\n`)
}
"#;

/// Runs the tab of each index read as `__main__`, in a namespace of its own.
const PYTHON_RUNNER: &str = r#"import os, runpy, sys, traceback
sys.stderr = sys.stdout
here = os.path.dirname(os.path.abspath(__file__))
for line in sys.stdin:
    ok = True
    try:
        runpy.run_path(os.path.join(here, f"tab{line.strip()}.py"), run_name="__main__")
    except SystemExit as exit:
        ok = exit.code in (None, 0)
    except BaseException:
        traceback.print_exc()
        ok = False
    print("\x01DONE " + ("ok" if ok else "fail"), flush=True)
"#;

/// Runs the tab of each index read, wrapped in an anonymous module.
const RUBY_RUNNER: &str = r#"$stderr = $stdout
$stdout.sync = true
while (line = $stdin.gets)
  ok = true
  begin
    load File.join(__dir__, "tab#{line.strip}.rb"), true
  rescue Exception => e
    puts e.full_message(highlight: false)
    ok = false
  end
  puts "\x01DONE #{ok ? 'ok' : 'fail'}"
end
"#;

/// Runs the tab of each index read, in a function's scope.
const PHP_RUNNER: &str = r#"<?php
require 'GUZZLE';
function run_tab(string $file): void { include $file; }
while (($line = fgets(STDIN)) !== false) {
    $ok = true;
    try {
        run_tab(__DIR__ . '/tab' . trim($line) . '.php');
    } catch (\Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
        $ok = false;
    }
    echo "\x01DONE ", $ok ? 'ok' : 'fail', "\n";
    // PHP holds its output back while its input stays open.
    flush();
}
"#;

/// Runs the tab function of each index read, a panic caught.
const GO_RUNNER: &str = "package main

import (
\t\"bufio\"
\t\"fmt\"
\t\"os\"
\t\"strconv\"
)

var tabs = map[int]func(){
TABS}

func run(tab func()) (ok bool) {
\tdefer func() {
\t\tif r := recover(); r != nil {
\t\t\tfmt.Println(\"panic:\", r)
\t\t\tok = false
\t\t}
\t}()
\ttab()
\treturn true
}

func main() {
\tos.Stderr = os.Stdout
\tlines := bufio.NewScanner(os.Stdin)
\tfor lines.Scan() {
\t\ti, _ := strconv.Atoi(lines.Text())
\t\tverdict := \"fail\"
\t\tif tab, found := tabs[i]; found && run(tab) {
\t\t\tverdict = \"ok\"
\t\t}
\t\tfmt.Printf(\"\\x01DONE %s\\n\", verdict)
\t}
}
";

/// The main method running the tab of each index read, an exception caught.
const JAVA_MAIN: &str = "  public static void main(String[] args) throws Exception {
    System.setErr(System.out);
    java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
    String line;
    while ((line = lines.readLine()) != null) {
      boolean ok = true;
      try {
        run(Integer.parseInt(line.trim()));
      } catch (Throwable e) {
        e.printStackTrace(System.out);
        ok = false;
      }
      System.out.println(\"\\u0001DONE \" + (ok ? \"ok\" : \"fail\"));
      System.out.flush();
    }
  }
";

fn indent(code: &str, by: &str) -> String {
    code.lines().map(|l| format!("{by}{l}")).collect::<Vec<_>>().join("\n")
}

fn check(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command.output().map_err(|e| format!("cannot run {what}: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    ))
}

/// Runs `command`, killing it after [`TAB_TIMEOUT`].
fn run_with_timeout(command: &mut Command) -> Result<Output, String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let started = Instant::now();
    loop {
        if child.try_wait().map_err(|e| e.to_string())?.is_some() {
            return child.wait_with_output().map_err(|e| e.to_string());
        }
        if started.elapsed() > TAB_TIMEOUT {
            let _ = child.kill();
            return child.wait_with_output().map_err(|e| e.to_string());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(test)]
mod tests {
    use super::answered_without_a_result;

    fn log(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| (*l).to_owned()).collect()
    }

    #[test]
    fn only_an_answer_without_a_result_excuses_a_failing_tab() {
        // Prism's lines as it writes them.
        let json_200 = log(&[
            "[9:22:59 AM] ›     [NEGOTIATOR] ✔  success   Found a compatible content for application/json",
            "[9:22:59 AM] ›     [NEGOTIATOR] ℹ  info      > Responding with \"200\"",
        ]);
        assert!(!answered_without_a_result(&json_200));
        let error_405 = log(&["[9:22:59 AM] ›     [NEGOTIATOR] ℹ  info      > Responding with \"405\""]);
        assert!(answered_without_a_result(&error_405));
        let empty_204 = log(&["[9:22:59 AM] ›     [NEGOTIATOR] ℹ  info      > Responding with \"204\""]);
        assert!(answered_without_a_result(&empty_204));
    }
}
