//! Every code tab is right for any value: generated sample values (both quote kinds,
//! backslashes, `$`, backticks, `#{`, `%`, newlines, tabs, non-ASCII and emoji, long strings,
//! large, negative and fractional numbers, deep nesting) go through our printers, then through
//! the formatters the live docs pipeline ran (prettier, prettier's PHP plugin, ruff, gofmt),
//! which must leave them as they are, and through each language's own parser (`node --check`,
//! `python3 -m py_compile`, `php -l`, `ruby -c`; gofmt parses Go).
//!
//! The formatters and parsers come from `cargo xtask oracles` (which `cargo xtask ci` runs
//! first). `TAB_VALUES_CASES=N` sets how many samples are generated (each with four values),
//! `TAB_VALUES_SEED=N` the seed of the first (sample `i` has seed `N + i`).

mod docs_support;
mod fuzz_support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use codegen::emit::docs::samples::{Lang, PythonLiterals, Renderer, Style};
use codegen::load::RawSample;
use docs_support::root;
use fuzz_support::Rng;
use serde_json::{json, Map, Value};

const DEFAULT_CASES: usize = 100;
const FIRST_SEED: u64 = 0x7AB5_0000;
const PARAMS: usize = 4;

/// Pieces strings are made of: what each language must escape, and what it must not.
const PIECES: &[&str] = &[
    "\"",
    "'",
    "\\",
    "$",
    "`",
    "#{x}",
    "#",
    "{",
    "}",
    "%",
    "%s",
    "%d",
    "\n",
    "\t",
    "\r",
    "é",
    "😀",
    "ß",
    "€",
    "${HOME}",
    "$(touch RAN)",
    "`touch RAN`",
    "<?php",
    "?>",
    "*/",
    "/*",
    "//",
    "\\n",
    "\\u0041",
    "{{",
    "}}",
    "@x",
    "$x",
    " ",
    "a",
    "word",
    "0",
    "-",
    "\u{7f}",
    "\u{1}",
    "\u{2028}",
    "\u{85}",
    "漢字",
    "e\u{301}",
    "👩\u{200d}👩\u{200d}👧",
    "👍🏽",
    "🇫🇷",
];

/// A string of pieces; now and then a long one.
fn string(rng: &mut Rng) -> String {
    let count = if rng.one_in(8) {
        60 + rng.below(60)
    } else {
        rng.below(6)
    };
    (0..count).map(|_| *rng.pick(PIECES)).collect()
}

fn number(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => json!(i64::MAX),
        1 => json!(i64::MIN),
        2 => json!(-(rng.below(1000) as i64)),
        3 => json!(rng.below(100) as f64 / 8.0 - 6.0),
        4 => json!(1.5e300),
        5 => json!(-2.5e-7),
        6 => json!(9_007_199_254_740_993_u64),
        _ => json!(rng.below(100_000)),
    }
}

/// A key: mostly a plain name, sometimes one no language reads bare.
fn key(rng: &mut Rng, index: usize) -> String {
    if rng.one_in(4) {
        format!("{}{index}", string(rng))
    } else {
        format!("k{index}")
    }
}

fn value(rng: &mut Rng, depth: usize) -> Value {
    let nested = depth < 6;
    match rng.below(if nested { 8 } else { 5 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => number(rng),
        3 | 4 => Value::String(string(rng)),
        5 | 6 => Value::Array((0..rng.below(4)).map(|_| value(rng, depth + 1)).collect()),
        _ => Value::Object(
            (0..rng.below(4))
                .map(|i| (key(rng, i), value(rng, depth + 1)))
                .collect(),
        ),
    }
}

/// One endpoint in Seam's dialect whose parameters take any JSON value.
fn description() -> String {
    let properties: Map<String, Value> = (0..PARAMS).map(|i| (format!("p{i}"), json!({}))).collect();
    json!({
        "openapi": "3.0.0",
        "info": {"title": "Values", "version": "1"},
        "servers": [{"url": "https://connect.getseam.com"}],
        "paths": {"/things/create": {"post": {
            "x-title": "Create a Thing",
            "x-fern-sdk-group-name": ["things"],
            "x-fern-sdk-method-name": "create",
            "x-response-key": null,
            "requestBody": {"content": {"application/json": {"schema": {
                "type": "object", "properties": properties
            }}}},
            "responses": {"200": {"description": "OK"}}
        }}}
    })
    .to_string()
}

fn samples(first_seed: u64, cases: usize) -> Vec<RawSample> {
    (0..cases)
        .map(|i| {
            let mut rng = Rng::new(first_seed + i as u64);
            let parameters: Map<String, Value> = (0..PARAMS).map(|p| (format!("p{p}"), value(&mut rng, 0))).collect();
            let mut raw: RawSample = serde_json::from_value(json!({
                "title": format!("Values {i}"),
                "request": {"path": "/things/create", "parameters": parameters},
                "response": {"body": null}
            }))
            .unwrap();
            raw.file = "values.yaml".to_owned();
            raw
        })
        .collect()
}

/// A language of the test: its tab, the file its code is written to, and its parser.
struct Checked {
    lang: Lang,
    extension: &'static str,
    /// The parser's program and arguments before the file.
    parser: (&'static str, &'static [&'static str]),
}

const CHECKED: [Checked; 5] = [
    Checked {
        lang: Lang::JavaScript,
        extension: "mjs",
        parser: ("node", &["--check"]),
    },
    Checked {
        lang: Lang::Python,
        extension: "py",
        parser: ("python3", &["-m", "py_compile"]),
    },
    Checked {
        lang: Lang::Php,
        extension: "php",
        parser: ("php", &["-l"]),
    },
    Checked {
        lang: Lang::Ruby,
        extension: "rb",
        parser: ("ruby", &["-c"]),
    },
    Checked {
        lang: Lang::Go,
        extension: "go",
        parser: ("/usr/lib/go/bin/gofmt", &["-e", "-l"]),
    },
];

/// The file a tab's code is parsed as: PHP opens with `<?php`; Go's tab is a whole program.
fn source(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Php => format!("<?php\n{code}\n"),
        _ => format!("{code}\n"),
    }
}

fn installed(program: &str) -> bool {
    if program.starts_with('/') {
        return Path::new(program).is_file();
    }
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `program args file`; the error text when it fails.
fn run(program: &str, args: &[&str], file: &Path) -> Result<(), String> {
    let output = Command::new(program)
        .args(args)
        .arg(file)
        .output()
        .map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// `program args` fed `input`; its output, or why it failed.
fn pipe(program: &Path, args: &[&str], input: &str) -> Result<String, String> {
    use std::io::Write as _;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// What prettier and its PHP plugin print for each `(syntax, code)`, in order.
fn prettier(tabs: &[(&str, String)], dir: &Path) -> Vec<Result<String, String>> {
    let input = dir.join("prettier-in.json");
    let output = dir.join("prettier-out.json");
    let list: Vec<Value> = tabs
        .iter()
        .map(|(syntax, code)| json!({"syntax": syntax, "code": code}))
        .collect();
    fs::write(&input, Value::Array(list).to_string()).unwrap();
    let script = root().join("xtask/node/format-tabs.mjs");
    run("node", &[&script.to_string_lossy(), &input.to_string_lossy()], &output)
        .unwrap_or_else(|e| panic!("prettier: {e}; run `cargo xtask oracles` first"));
    let results: Vec<Value> = serde_json::from_str(&fs::read_to_string(&output).unwrap()).unwrap();
    results
        .into_iter()
        .map(|r| match r.get("formatted").and_then(Value::as_str) {
            Some(text) => Ok(text.to_owned()),
            None => Err(r["error"].as_str().unwrap_or_default().to_owned()),
        })
        .collect()
}

/// Runs each tab of `key` (`javascript` or `python`) with a stand-in `seam` whose calls hand
/// back their arguments: what each call was given, as JSON, or why it failed.
fn run_calls(key: &str, codes: &[String], dir: &Path) -> Vec<Result<Value, String>> {
    let input = dir.join(format!("{key}-codes.json"));
    fs::write(&input, serde_json::to_string(codes).unwrap()).unwrap();
    let (program, script) = match key {
        "python" => ("python3", PYTHON_RUNNER),
        _ => ("node", JAVASCRIPT_RUNNER),
    };
    let runner = dir.join(format!("{key}-runner"));
    fs::write(&runner, script).unwrap();
    let output = Command::new(program).arg(&runner).arg(&input).output().unwrap();
    assert!(
        output.status.success(),
        "{key} runner: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), codes.len(), "one result per tab");
    lines
        .into_iter()
        .map(|line| match line.get("sent") {
            Some(sent) => Ok(sent.clone()),
            None => Err(line["error"].as_str().unwrap_or_default().to_owned()),
        })
        .collect()
}

/// Executes each tab with `seam` standing for an object every attribute of which is itself,
/// and whose call prints its keyword arguments.
const PYTHON_RUNNER: &str = r#"
import json, sys
class Seam:
    def __getattr__(self, name): return self
    def __call__(self, *args, **kwargs):
        self.sent = kwargs
for code in json.load(open(sys.argv[1])):
    seam = Seam()
    try:
        exec(code, {"seam": seam})
        print(json.dumps({"sent": seam.sent}))
    except Exception as e:
        print(json.dumps({"error": repr(e)}))
"#;

/// The same for JavaScript: an awaited call whose one argument is the parameters' object.
const JAVASCRIPT_RUNNER: &str = r#"
const fs = require("fs");
const AsyncFunction = (async () => {}).constructor;
(async () => {
  for (const code of JSON.parse(fs.readFileSync(process.argv[2], "utf8"))) {
    let sent;
    const seam = new Proxy(function () {}, {
      get: (target, name) => seam,
      apply: (target, self, args) => { sent = args[0]; },
    });
    try {
      await new AsyncFunction("seam", code)(seam);
      console.log(JSON.stringify({ sent }));
    } catch (e) {
      console.log(JSON.stringify({ error: String(e) }));
    }
  }
})();
"#;

/// Whether two JSON values are equal, numbers by the double each language reads them as
/// (JavaScript has no other; `2.0` prints as `2`).
fn same_values(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_values(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_values(v, w)))
        }
        _ => a == b,
    }
}

/// Failures by check, the first few of each shown.
#[derive(Default)]
struct Tally {
    checked: BTreeMap<String, usize>,
    failed: BTreeMap<String, Vec<String>>,
}

impl Tally {
    fn record(&mut self, check: &str, result: Result<(), String>) {
        *self.checked.entry(check.to_owned()).or_default() += 1;
        if let Err(problem) = result {
            self.failed.entry(check.to_owned()).or_default().push(problem);
        }
    }
}

fn equal(ours: &str, formatted: Result<String, String>, code: &str) -> Result<(), String> {
    match formatted {
        Ok(text) if text.trim_end() == ours.trim_end() => Ok(()),
        Ok(text) => Err(format!(
            "ours:\n{code}\nformatted:\n{text}\n{}",
            similar::TextDiff::from_lines(ours.trim_end(), text.trim_end())
                .unified_diff()
                .context_radius(1)
        )),
        Err(problem) => Err(format!("{code}\nthe formatter refused it: {problem}")),
    }
}

#[test]
fn every_tab_is_formatted_and_parses_for_any_value() {
    let cases = std::env::var("TAB_VALUES_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    let first_seed = std::env::var("TAB_VALUES_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(FIRST_SEED);
    let loaded = codegen::load::load_spec_text("values.json", &description()).unwrap();
    let options = codegen::BuildOptions { lenient_samples: true };
    let (api, _) =
        codegen::model::build(&loaded, samples(first_seed, cases), options).unwrap_or_else(|d| panic!("{d}"));
    // Tabs meant to run: Python spells `True`, `False` and `None` as Python reads them.
    let renderer = Renderer::new(&api).with_python_literals(PythonLiterals::Python);
    let endpoint = &api.endpoints[0];
    assert_eq!(endpoint.samples.len(), cases, "every sample is kept");

    let dir = std::env::temp_dir().join(format!("codegen-tab-values-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let ruff = root().join("target/oracles/ruff-0.17.6/bin/ruff");
    let gofmt = PathBuf::from("/usr/lib/go/bin/gofmt");
    let mut notes = Vec::new();
    let mut tally = Tally::default();
    let mut prettier_tabs = Vec::new();
    let mut run_tabs: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (index, sample) in endpoint.samples.iter().enumerate() {
        for checked in &CHECKED {
            let code = renderer.render(checked.lang, Style::Page, endpoint, sample, None).code;
            let key = checked.lang.key();
            if matches!(checked.lang, Lang::JavaScript | Lang::Python) {
                run_tabs.entry(key).or_default().push(code.clone());
            }
            match checked.lang {
                Lang::JavaScript | Lang::Php => prettier_tabs.push((key, code.clone())),
                Lang::Python => tally.record("ruff format", equal(&code, pipe(&ruff, &["format", "-"], &code), &code)),
                Lang::Go => {
                    let file = source(Lang::Go, &code);
                    let formatted = pipe(&gofmt, &[], &file);
                    tally.record("gofmt", equal(&file, formatted, &file));
                }
                _ => {}
            }
            let (program, args) = checked.parser;
            if !installed(program) {
                let note = format!("SKIPPED: `{program}` is not installed, so {key} tabs are not parsed");
                if !notes.contains(&note) {
                    notes.push(note);
                }
                continue;
            }
            let file = dir.join(format!("tab{index}.{}", checked.extension));
            fs::write(&file, source(checked.lang, &code)).unwrap();
            tally.record(
                &format!("{program} {}", args.join(" ")),
                run(program, args, &file).map_err(|e| format!("{code}\n{e}")),
            );
        }
    }
    let formatted = prettier(&prettier_tabs, &dir);
    for ((syntax, code), formatted) in prettier_tabs.iter().zip(formatted) {
        let check = if *syntax == "php" {
            "prettier plugin-php"
        } else {
            "prettier"
        };
        tally.record(check, equal(code, formatted, code));
    }
    for (key, codes) in &run_tabs {
        let check = format!("{key} run: arguments equal the sample's values");
        for ((code, sent), sample) in codes.iter().zip(run_calls(key, codes, &dir)).zip(&endpoint.samples) {
            let expected = Value::Object(sample.params.clone());
            let result = match sent {
                Ok(sent) if same_values(&sent, &expected) => Ok(()),
                Ok(sent) => Err(format!("{code}\nsent:     {sent}\nexpected: {expected}")),
                Err(problem) => Err(format!("{code}\n{problem}")),
            };
            tally.record(&check, result);
        }
    }
    assert!(
        !dir.join("RAN").exists() && !root().join("RAN").exists(),
        "a tab ran a command"
    );
    fs::remove_dir_all(&dir).unwrap();

    let mut report = format!("{cases} samples from seed {first_seed}, {} values:\n", cases * PARAMS);
    for (check, count) in &tally.checked {
        let failed = tally.failed.get(check).map_or(0, Vec::len);
        let _ = writeln!(report, "  {check}: {} of {count} tabs pass", count - failed);
    }
    for note in &notes {
        let _ = writeln!(report, "  {note}");
    }
    for (check, problems) in &tally.failed {
        for problem in problems.iter().take(2) {
            let _ = writeln!(report, "\n--- {check}:\n{problem}");
        }
    }
    println!("{report}");
    assert!(tally.failed.is_empty(), "{report}");
}
