//! Generated descriptions: well-formed descriptions that combine every composition keyword
//! with self and mutual references (see `fuzz_support::shapes`), half of them in Seam's
//! dialect and half as ordinary REST descriptions (path, query, header and cookie parameters,
//! five kinds of security scheme, whole-body results), never crash the generator;
//! each one generates files that pass the checks of the mutation fuzz, or is rejected with
//! errors that point at places of the description or its samples. A few of the generated
//! clients are built with warnings denied and run their sample tests, which encode every
//! sample's request and decode its response.
//!
//! A stack overflow aborts the process, so the cases run in worker processes (this test binary
//! again), each case on a thread with a fixed stack: a worker that dies is reported with the
//! seed it was running, and the next worker goes on from the case after it.
//!
//! CI runs a short fixed slice. A long run:
//! `FUZZ_SHAPES_CASES=100000 cargo test --release -p seam-codegen --test fuzz_shapes -- --nocapture`
//! (`FUZZ_SHAPES_SEED=N` reruns the case of seed N and prints its description and samples;
//! `FUZZ_SHAPES_BUILDS=N` sets how many generated clients are built, 4 by default, the two
//! dialects by turns).

mod client_build;
mod docs_support;
mod fuzz_support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Instant;

use codegen::load::RawSample;
use fuzz_support::{shapes, Outcome, Rng};
use serde_json::{json, Value};

const TEST_NAME: &str = "generated_descriptions_never_crash_and_generated_clients_pass_their_samples";
/// Set in a worker process: the seeds it runs, as `first count`.
const WORKER_SEEDS: &str = "FUZZ_SHAPES_WORKER_SEEDS";
/// Marks a worker's result lines among the test harness's output.
const RESULT_PREFIX: &str = "fuzz-shapes-result ";
/// The stack of every thread that runs generation. Generous, so only unbounded recursion
/// exhausts it; fixed, so a case fails the same way on every machine.
const STACK_BYTES: usize = 16 << 20;
/// The seed of the first case; case `i` has seed `FIRST_SEED + i`.
const FIRST_SEED: u64 = 0x5EA4_0000;
/// The cases CI runs, and how far apart the cases whose clients are built are.
const DEFAULT_CASES: u64 = 500;
const BUILD_STRIDE: u64 = 50;
const DEFAULT_BUILDS: u64 = 4;

/// One generated description with its samples.
struct Case {
    seed: u64,
    /// Written as an ordinary REST description, not in Seam's dialect.
    rest: bool,
    document: Value,
    samples: Vec<Value>,
}

impl Case {
    fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let mut description = shapes::describe(&mut rng);
        // Half the cases are written as ordinary REST descriptions; the draw is apart, so a
        // seed's shapes are the same either way.
        description.rest = Rng::new(seed.rotate_left(17)).below(2) == 0;
        let samples = shapes::samples(&description, &mut rng);
        Case {
            seed,
            rest: description.rest,
            document: shapes::document(&description),
            samples,
        }
    }

    fn raw_samples(&self) -> Vec<RawSample> {
        self.samples
            .iter()
            .map(|sample| {
                let mut raw: RawSample = serde_json::from_value(sample.clone()).expect("a sample the loader reads");
                raw.file = "samples.yaml".to_owned();
                raw
            })
            .collect()
    }

    /// Runs the pipeline; a rejection must have only errors that point at real places.
    fn run(&self) -> Result<Outcome, String> {
        let text = serde_json::to_string(&self.document).unwrap();
        let samples = self.raw_samples();
        let outcome = fuzz_support::run_pipeline("shapes.json", &text, &samples, false)?;
        if let Outcome::Rejected(diags) = &outcome {
            let unlocated = fuzz_support::unlocated_errors(diags, &self.document, &samples);
            if !unlocated.is_empty() {
                return Err(format!("errors that point nowhere:\n{}", unlocated.join("\n")));
            }
        }
        Ok(outcome)
    }

    /// The description and the samples, as a maintainer reproduces the case.
    fn yaml(&self) -> String {
        format!(
            "# seed {}: the description\n{}\n# the samples\n{}",
            self.seed,
            serde_yaml::to_string(&self.document).unwrap(),
            serde_yaml::to_string(&self.samples).unwrap()
        )
    }
}

/// How one case ended, as a worker reports it.
#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Generated,
    /// The first error.
    Rejected(String),
    Failed(String),
}

/// The last panic's message and place, recorded by the worker's panic hook.
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// Runs one case on a thread of its own with a fixed stack.
fn run_on_thread(seed: u64) -> Verdict {
    let thread = std::thread::Builder::new()
        .name(format!("fuzz-shapes seed {seed}"))
        .stack_size(STACK_BYTES)
        .spawn(move || match Case::new(seed).run() {
            Ok(Outcome::Generated(_)) => Verdict::Generated,
            Ok(Outcome::Rejected(diags)) => Verdict::Rejected(diags.errors().next().unwrap().to_string()),
            Err(failure) => Verdict::Failed(failure),
        })
        .expect("a thread for the case");
    match thread.join() {
        Ok(Verdict::Failed(failure)) if failure.starts_with("the generator panicked") => {
            Verdict::Failed(format!("{failure}\n{}", LAST_PANIC.lock().unwrap()))
        }
        Ok(verdict) => verdict,
        Err(_) => Verdict::Failed(format!("the test's own code panicked: {}", LAST_PANIC.lock().unwrap())),
    }
}

/// In a worker process: runs the seeds it was given and prints one result line each.
fn work(seeds: &str) {
    let mut parts = seeds.split(' ').map(|n| n.parse::<u64>().expect("a worker's seeds"));
    let (first, count) = (parts.next().unwrap(), parts.next().unwrap());
    std::panic::set_hook(Box::new(|info| *LAST_PANIC.lock().unwrap() = info.to_string()));
    for seed in first..first + count {
        let line = match run_on_thread(seed) {
            Verdict::Generated => json!({"seed": seed, "generated": true}),
            Verdict::Rejected(error) => json!({"seed": seed, "rejected": error}),
            Verdict::Failed(failure) => json!({"seed": seed, "failed": failure}),
        };
        println!("{RESULT_PREFIX}{line}");
    }
}

/// What a run found.
#[derive(Default)]
struct Tally {
    generated: Vec<u64>,
    rejected: u64,
    /// The first error of each rejection with its specifics left out, and how often it came.
    rejections: BTreeMap<String, u64>,
    failures: Vec<(u64, String)>,
}

impl Tally {
    fn record(&mut self, seed: u64, verdict: Verdict) {
        match verdict {
            Verdict::Generated => self.generated.push(seed),
            Verdict::Rejected(error) => {
                self.rejected += 1;
                *self.rejections.entry(without_specifics(&error)).or_default() += 1;
            }
            Verdict::Failed(failure) => self.failures.push((seed, failure)),
        }
    }

    fn cases(&self) -> u64 {
        self.generated.len() as u64 + self.rejected + self.failures.len() as u64
    }
}

/// An error message with its place and quoted names left out, so that errors of one kind
/// count together.
fn without_specifics(error: &str) -> String {
    let message = error.splitn(3, ": ").nth(2).unwrap_or(error);
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
        .collect::<Vec<_>>()
        .join("`")
}

/// Failures grouped by their message without seeds and numbers, with their seeds.
fn failure_kinds(failures: &[(u64, String)]) -> BTreeMap<String, Vec<u64>> {
    let mut kinds: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for (seed, failure) in failures {
        let kind: String = failure
            .lines()
            .filter(|line| !line.starts_with("note:"))
            .take(3)
            .collect::<Vec<_>>()
            .join(" / ")
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .take(240)
            .collect();
        kinds.entry(kind).or_default().push(*seed);
    }
    kinds
}

/// Runs `count` cases from `first` in worker processes, starting a new worker after one dies.
fn run_in_workers(first: u64, count: u64) -> Tally {
    let mut tally = Tally::default();
    let end = first + count;
    let mut next = first;
    let started = Instant::now();
    while next < end {
        let mut worker = Command::new(std::env::current_exe().unwrap())
            .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
            .env(WORKER_SEEDS, format!("{next} {}", end - next))
            // The generator's own threads get the same fixed stack.
            .env("RUST_MIN_STACK", STACK_BYTES.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("a worker process");
        let mut stderr = worker.stderr.take().unwrap();
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            text
        });
        for line in BufReader::new(worker.stdout.take().unwrap()).lines() {
            // With `--nocapture` the harness starts a test's line before the test prints.
            let line = line.unwrap();
            let Some(at) = line.find(RESULT_PREFIX) else { continue };
            let result = &line[at + RESULT_PREFIX.len()..];
            let result: Value = serde_json::from_str(result).unwrap();
            let seed = result["seed"].as_u64().unwrap();
            let verdict = match (&result["rejected"], &result["failed"]) {
                (Value::String(error), _) => Verdict::Rejected(error.clone()),
                (_, Value::String(failure)) => Verdict::Failed(failure.clone()),
                _ => Verdict::Generated,
            };
            tally.record(seed, verdict);
            next = seed + 1;
            if (next - first) % 10_000 == 0 {
                println!(
                    "fuzz_shapes: {} cases, {:.0}s, {} failures",
                    next - first,
                    started.elapsed().as_secs_f64(),
                    tally.failures.len()
                );
            }
        }
        let status = worker.wait().unwrap();
        let errors = errors.join().unwrap();
        if next < end {
            // The worker died in the middle of case `next`: a stack overflow or an abort.
            let tail: Vec<&str> = errors.lines().rev().take(5).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            let message = format!("the process died ({status}):\n{}", tail.join("\n"));
            tally.record(next, Verdict::Failed(message));
            next += 1;
        }
    }
    tally
}

/// Builds the client of `seed`'s case and runs its sample tests; every sample must pass.
fn build_client(seed: u64) -> Result<(), String> {
    let case = Case::new(seed);
    let Ok(Outcome::Generated(generation)) = case.run() else {
        return Err("the case no longer generates".to_owned());
    };
    let stdout = client_build::build_and_test(&format!("fuzz-shapes-{seed}"), &generation.files)?;
    let expected = format!("test result: ok. {} passed", case.samples.len());
    match stdout.contains(&expected) {
        true => Ok(()),
        false => Err(format!(
            "the sample tests did not all run (expected `{expected}`):\n{stdout}"
        )),
    }
}

/// The seeds whose clients are built: the first generated case with samples at or after every
/// `BUILD_STRIDE`th case, in Seam's dialect and as a REST description by turns.
fn seeds_to_build(tally: &Tally, first: u64, count: u64, builds: u64) -> Vec<u64> {
    let fits = |seed: u64, rest: bool| {
        let case = Case::new(seed);
        !case.samples.is_empty() && case.rest == rest
    };
    (0..builds)
        .map(|k| (k, first + k * BUILD_STRIDE))
        .filter(|&(_, start)| start < first + count)
        .filter_map(|(k, start)| {
            tally
                .generated
                .iter()
                .filter(|&&s| s >= start)
                .find(|&&s| fits(s, k % 2 == 1))
                .copied()
        })
        .collect()
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name)
        .ok()
        .map(|v| v.parse().unwrap_or_else(|_| panic!("{name} must be a number")))
}

#[test]
fn generated_descriptions_never_crash_and_generated_clients_pass_their_samples() {
    if let Ok(seeds) = std::env::var(WORKER_SEEDS) {
        return work(&seeds);
    }
    let single = env_number("FUZZ_SHAPES_SEED");
    let (first, count) = match single {
        Some(seed) => (seed, 1),
        None => (FIRST_SEED, env_number("FUZZ_SHAPES_CASES").unwrap_or(DEFAULT_CASES)),
    };
    if single.is_some() {
        println!("{}", Case::new(first).yaml());
    }
    let started = Instant::now();
    let mut tally = run_in_workers(first, count);
    let fuzz_seconds = started.elapsed().as_secs_f64();
    println!(
        "fuzz_shapes: {count} cases from seed {first} in {fuzz_seconds:.1}s: {} generated, {} rejected with located errors, {} failures",
        tally.generated.len(),
        tally.rejected,
        tally.failures.len()
    );
    let mut reasons: Vec<(&String, &u64)> = tally.rejections.iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(a.1));
    for (reason, times) in reasons.iter().take(8) {
        println!("  rejected {times}×: {reason}");
    }
    assert_eq!(tally.cases(), count, "every case has a verdict");
    for (kind, seeds) in failure_kinds(&tally.failures) {
        println!("  failed {}× (seeds {seeds:?}): {kind}", seeds.len());
    }

    let builds = env_number("FUZZ_SHAPES_BUILDS").unwrap_or(DEFAULT_BUILDS);
    let to_build = seeds_to_build(&tally, first, count, builds);
    for &seed in &to_build {
        let started = Instant::now();
        let result = build_client(seed);
        println!(
            "fuzz_shapes: the client of seed {seed} ({}) {} in {:.1}s",
            if Case::new(seed).rest { "REST" } else { "Seam's dialect" },
            if result.is_ok() { "passed its samples" } else { "FAILED" },
            started.elapsed().as_secs_f64()
        );
        if let Err(failure) = result {
            tally.failures.push((seed, failure));
        }
    }

    let shown: Vec<String> = tally
        .failures
        .iter()
        .take(5)
        .map(|(seed, failure)| format!("seed {seed}: {failure}\n{}", Case::new(*seed).yaml()))
        .collect();
    assert!(
        tally.failures.is_empty(),
        "{} failures (seeds {:?}); rerun one with FUZZ_SHAPES_SEED=<seed>. The first ones:\n\n{}",
        tally.failures.len(),
        tally.failures.iter().map(|(seed, _)| *seed).collect::<Vec<_>>(),
        shown.join("\n\n")
    );
    assert!(
        builds == 0 || !to_build.is_empty(),
        "no generated case had samples to build a client from"
    );
}
