//! What the fuzz tests share: a seeded random source, the whole pipeline run on one
//! description, and the checks every generation must pass. The test crate that uses it also
//! declares `mod docs_support;`.

#![allow(dead_code)]

pub mod shapes;

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use codegen::diagnostics::{Diagnostics, Location};
use codegen::load::RawSample;
use codegen::Generation;
use serde_json::Value;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// xorshift64*: small, fast, and the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`. Neighbouring seeds start far apart (a splitmix64 step), and
    /// the state is never zero, where xorshift would stay.
    pub fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` different items of `items` (all of them when there are fewer), in random order.
    pub fn pick_distinct<T: Clone>(&mut self, items: &[T], count: usize) -> Vec<T> {
        let mut pool: Vec<T> = items.to_vec();
        let mut picked = Vec::with_capacity(count.min(pool.len()));
        while picked.len() < count && !pool.is_empty() {
            let index = self.below(pool.len());
            picked.push(pool.swap_remove(index));
        }
        picked
    }
}

/// How the pipeline ended for one description.
pub enum Outcome {
    /// Files that passed every check.
    Generated(Generation),
    /// Errors, each with its place.
    Rejected(Diagnostics),
}

/// Runs load, model and every emitter on `text` (a description named `file`) with `samples`,
/// and checks what comes out: no panic; every `.rs` file parses; every page is well-formed;
/// a rejection carries at least one error. `Err` describes the first broken promise.
pub fn run_pipeline(file: &str, text: &str, samples: &[RawSample], lenient_samples: bool) -> Result<Outcome, String> {
    let templates = repo().join("templates");
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        let loaded = codegen::load::load_spec_text(file, text)?;
        let options = codegen::BuildOptions { lenient_samples };
        let (api, warnings) = codegen::model::build(&loaded, samples.to_vec(), options)?;
        codegen::emit_all(&api, &templates, false, warnings)
    }));
    match outcome {
        Err(payload) => Err(format!("the generator panicked: {}", panic_message(payload.as_ref()))),
        Ok(Err(diags)) if diags.has_errors() => Ok(Outcome::Rejected(diags)),
        Ok(Err(diags)) => Err(format!("generation failed without an error:\n{diags}")),
        Ok(Ok(generation)) => {
            check_generation(&generation)?;
            Ok(Outcome::Generated(generation))
        }
    }
}

/// Every path stays below the output folder, every `.rs` file parses as Rust and every page
/// passes the well-formedness check.
pub fn check_generation(generation: &Generation) -> Result<(), String> {
    if let Some((path, problem)) = generation.files.refused().first() {
        return Err(format!("an output path was refused: {path}: {problem}"));
    }
    for (path, contents) in generation.files.iter() {
        codegen::output_path::check_relative(path)
            .map_err(|problem| format!("{path} could leave the output folder: {problem}"))?;
        if path.ends_with(".rs") {
            syn::parse_file(contents).map_err(|e| format!("{path} is not Rust: {e}"))?;
        }
    }
    let problems = crate::docs_support::check(&crate::docs_support::pages(&generation.files));
    match problems.first() {
        Some(first) => Err(format!("{first} ({} problems)", problems.len())),
        None => Ok(()),
    }
}

/// The errors of a rejection that do not point at a place that exists: a JSON pointer must
/// lead to a value of `description`, a sample must be one of `samples`, a file must be named.
pub fn unlocated_errors(diags: &Diagnostics, description: &Value, samples: &[RawSample]) -> Vec<String> {
    diags
        .errors()
        .filter(|error| match &error.location {
            Location::Pointer { pointer, .. } => description.pointer(pointer).is_none(),
            Location::Sample { title, .. } => !samples.iter().any(|s| &s.title == title),
            Location::File(file) | Location::Line { file, .. } => file.is_empty(),
            Location::Template { .. } => false,
            Location::Option(option) => option.is_empty(),
        })
        .map(ToString::to_string)
        .collect()
}

/// The text of a panic's payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".to_owned())
}
