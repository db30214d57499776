//! `cargo xtask run-tabs`: every code tab the reference pages show for a description outside
//! Seam's dialect is run before it is published. The cURL, JavaScript, Python, Ruby, PHP, Go
//! and Java tabs of every sample of the Petstore example and of `@readme/oas-examples` are
//! run against Prism (`prism mock --errors`, the tab's server URL pointed at it), each with
//! its runtime installed here (Debian's `ruby`, `php-cli`, `php-guzzlehttp-guzzle`,
//! `golang-go` and `openjdk-17-jdk-headless`; `requests` with pip into a virtual environment
//! under `target/`). A tab fails when it does not run to its end, when it sends no request,
//! or when Prism finds a violation in the request it sends.
//!
//! Go's tabs of one description are built as one module, Java's compiled as one class.

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

/// Guzzle's autoloader as Debian installs it.
const GUZZLE: &str = "/usr/share/php/GuzzleHttp/autoload.php";

/// What one tab's run came to.
#[derive(Default)]
struct Tally {
    samples: usize,
    tabs: usize,
    violations: Vec<String>,
    failures: Vec<String>,
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
    // The samples synthesized from the descriptions are run with `--synthesized` only: their
    // tabs still send requests Prism rejects (bodies that are not objects, multipart, query
    // styles), which the printers do not lay out as the client sends them yet.
    let synthesized = std::env::args().any(|a| a == "--synthesized");
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
        let count: usize = documented(&api).map(|e| e.samples.len()).sum();
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
                        let prism = Prism::start(&spec, Answers::Static)?;
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
                        run_description(&name, &api, &prism, &dir, &python, &mut own)?;
                        let mut tally = tally.lock().map_err(|e| e.to_string())?;
                        tally.tabs += own.tabs;
                        tally.violations.extend(own.violations);
                        tally.failures.extend(own.failures);
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
        "run-tabs: {} samples, {} tabs run, {} request violations, {} tabs that did not run ({:.0} s)",
        tally.samples,
        tally.tabs,
        tally.violations.len(),
        tally.failures.len(),
        started.elapsed().as_secs_f64()
    );
    for line in tally.violations.iter().chain(&tally.failures) {
        println!("{line}");
    }
    Ok(
        if tally.violations.is_empty() && tally.failures.is_empty() && unparsed.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        },
    )
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

fn run_description(
    name: &str,
    api: &Api,
    prism: &Prism,
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
    for lang in LANGS {
        let tabs: Vec<Tab> = documented(api)
            .flat_map(|endpoint| {
                let page = endpoint.page_segments().join("/");
                let renderer = &renderer;
                endpoint.samples.iter().enumerate().map(move |(i, sample)| Tab {
                    id: format!("{name}:{page}#{i}"),
                    code: renderer.render(lang, Style::Page, endpoint, sample, None).code,
                })
            })
            .collect();
        let commands = prepare(lang, &tabs, dir, python)?;
        for (tab, mut command) in tabs.iter().zip(commands) {
            prism.drain_log();
            let output = run_with_timeout(command.envs(env.iter().map(|(k, v)| (k, v))).current_dir(dir))?;
            let log = answer_log(prism);
            tally.tabs += 1;
            let label = format!("{} {}", tab.id, lang.key());
            let received = log.iter().filter(|l| l.contains("Request received")).count();
            let violations: Vec<&String> = log
                .iter()
                .filter(|l| l.contains("[VALIDATOR] ✖") || l.contains("Request terminated with error"))
                .collect();
            if !violations.is_empty() {
                tally.violations.push(format!(
                    "{label}: Prism rejected the request:\n  {}",
                    violations.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n  ")
                ));
            } else if received != 1
                || !log
                    .iter()
                    .any(|l| l.contains("The request passed the validation rules"))
                || !(output.status.success() || answered_without_a_result(&log))
            {
                tally.failures.push(format!(
                    "{label}: {} request(s) sent, {}:\n{}\n{}",
                    received,
                    output.status,
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
        }
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

/// Whether Prism answered with an error status (the only answer the description defines,
/// e.g. Petstore's `405` of `POST /pet/{petId}`) or without a JSON body: the tabs, as
/// httpsnippet writes them, then fail reading the answer (Guzzle throws on a 4xx, `requests`
/// and `fetch` cannot decode it) after sending a request Prism accepted.
fn answered_without_a_result(log: &[String]) -> bool {
    let status = log.iter().find_map(|l| {
        let (_, rest) = l.split_once("> Responding with \"")?;
        rest.get(..3)?.parse::<u16>().ok()
    });
    let json = log
        .iter()
        .any(|l| l.contains("Found a compatible content for application/json"));
    status.is_some_and(|s| s >= 400) || !json
}

/// Writes each tab where its runtime finds it, builds what needs building once for all of
/// them, and returns the command that runs each.
fn prepare(lang: Lang, tabs: &[Tab], dir: &Path, python: &Path) -> Result<Vec<Command>, String> {
    let write = |file: &Path, text: &str| {
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))
    };
    let mut commands = Vec::new();
    match lang {
        Lang::Go => {
            let module = dir.join("go");
            write(&module.join("go.mod"), "module tabs\n\ngo 1.19\n")?;
            for (i, tab) in tabs.iter().enumerate() {
                write(&module.join(format!("tab{i}/main.go")), &format!("{}\n", tab.code))?;
            }
            let mut build = Command::new("go");
            build
                .args(["build", "-o", "bin/", "./..."])
                .current_dir(&module)
                .env("GOFLAGS", "-mod=mod")
                .env("GOCACHE", workspace_root().join("target/run-tabs-gocache"));
            check(&mut build, "go build")?;
            for i in 0..tabs.len() {
                commands.push(Command::new(module.join(format!("bin/tab{i}"))));
            }
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
            class.push_str("  public static void main(String[] args) throws Exception {\n    switch (args[0]) {\n");
            for i in 0..tabs.len() {
                class.push_str(&format!("      case \"{i}\": tab{i}(); break;\n"));
            }
            class.push_str("    }\n  }\n}\n");
            write(&java.join("Tabs.java"), &class)?;
            let mut compile = Command::new("javac");
            compile.arg("Tabs.java").current_dir(&java);
            check(&mut compile, "javac")?;
            for i in 0..tabs.len() {
                let mut command = Command::new("java");
                command.args(["-cp", &java.to_string_lossy(), "Tabs", &i.to_string()]);
                commands.push(command);
            }
        }
        _ => {
            for (i, tab) in tabs.iter().enumerate() {
                let (file, command) = match lang {
                    Lang::Curl => (format!("curl/tab{i}.sh"), Command::new("bash")),
                    Lang::JavaScript => (format!("javascript/tab{i}.mjs"), Command::new("node")),
                    Lang::Python => (format!("python/tab{i}.py"), Command::new(python)),
                    Lang::Ruby => (format!("ruby/tab{i}.rb"), Command::new("ruby")),
                    _ => (format!("php/tab{i}.php"), {
                        let mut php = Command::new("php");
                        php.args(["-d", &format!("auto_prepend_file={GUZZLE}")]);
                        php
                    }),
                };
                let path = dir.join(&file);
                write(&path, &format!("{}\n", tab.code))?;
                let mut command = command;
                command.arg(&path);
                commands.push(command);
            }
        }
    }
    Ok(commands)
}

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

/// Runs `command`, killing it after a minute.
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
        if started.elapsed() > Duration::from_secs(60) {
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
