//! Every code tab against the live reference's own pipeline: for every sample of the live
//! sample set (`tests/live-1.885.0/code-sample-definitions`), the code and the output of each
//! language equal what Seam's sample builder writes and the live docs' formatters print
//! (`target/oracles/expected-tabs.json`, written by `cargo xtask oracles`, which `cargo xtask
//! ci` runs first).

mod docs_support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use codegen::emit::docs::samples::{Lang, Renderer, Shown, Style};
use codegen::model::{Api, Endpoint, Sample};
use docs_support::root;
use serde::Deserialize;

/// The languages whose every tab must equal the oracle's.
const CHECKED: [Lang; 8] = [
    Lang::JavaScript,
    Lang::Python,
    Lang::Php,
    Lang::Curl,
    Lang::SeamCli,
    Lang::Go,
    Lang::Java,
    Lang::CSharp,
];

/// How many differing tabs of each language the failure message shows.
const SHOWN_DIFFS: usize = 3;

/// One sample as the oracle saw it; `tabs` is `None` when the sample's path is no endpoint.
#[derive(Deserialize)]
struct Expected {
    file: String,
    title: String,
    path: String,
    tabs: Option<BTreeMap<String, Tab>>,
}

#[derive(Deserialize, PartialEq, Eq)]
struct Tab {
    code: String,
    output: String,
}

impl Tab {
    /// The tab as a page shows it: no trailing blank lines.
    fn trimmed(&self) -> Tab {
        Tab {
            code: self.code.trim_end().to_owned(),
            output: self.output.trim_end().to_owned(),
        }
    }
}

fn oracle_dir() -> PathBuf {
    root().join("target/oracles")
}

fn expected() -> Vec<Expected> {
    let path = oracle_dir().join("expected-tabs.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask oracles` first", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn live_api() -> Api {
    let options = codegen::Options {
        spec: oracle_dir().join("openapi-1.885.0.json"),
        samples: Some(root().join("generator/tests/live-1.885.0/code-sample-definitions")),
        templates: root().join("templates"),
        resource_samples: None,
        routes: None,
        previous: None,
        lenient_samples: true,
        guides: false,
        crate_name: None,
    };
    match codegen::build_model(&options) {
        Ok((api, _)) => api,
        Err(diags) => panic!("the live description does not load:\n{diags}"),
    }
}

/// Every sample of the model by file name and title, in order (a title may repeat).
fn samples_by_title(api: &Api) -> BTreeMap<(String, String), Vec<(&Endpoint, &Sample)>> {
    let mut map: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for endpoint in &api.endpoints {
        for sample in &endpoint.samples {
            let file = sample.file.rsplit('/').next().unwrap_or(&sample.file).to_owned();
            map.entry((file, sample.title.clone()))
                .or_default()
                .push((endpoint, sample));
        }
    }
    map
}

/// Per language: how many samples match, and the first differences.
#[derive(Default)]
struct Tally {
    matching: usize,
    total: usize,
    diffs: Vec<String>,
}

#[test]
fn every_tab_equals_the_live_pipelines() {
    let expected = expected();
    let api = live_api();
    let renderer = Renderer::new(&api);
    let mut ours = samples_by_title(&api);
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut unmatched = Vec::new();
    for sample in &expected {
        let key = (sample.file.clone(), sample.title.clone());
        let Some(expected_tabs) = &sample.tabs else {
            // The live builder leaves out a sample of a path that is no endpoint; so must we.
            if ours.get(&key).is_some_and(|list| !list.is_empty()) {
                unmatched.push(format!(
                    "{} (sample \"{}\", {}): rendered, but no endpoint",
                    sample.file, sample.title, sample.path
                ));
            }
            continue;
        };
        let found = ours
            .get_mut(&key)
            .filter(|list| !list.is_empty())
            .map(|list| list.remove(0));
        let Some((endpoint, our_sample)) = found else {
            unmatched.push(format!(
                "{} (sample \"{}\", {})",
                sample.file, sample.title, sample.path
            ));
            continue;
        };
        let shown = Shown::of(endpoint, our_sample);
        for lang in CHECKED {
            let tally = tallies.entry(lang.key()).or_default();
            tally.total += 1;
            let want = expected_tabs[lang.key()].trimmed();
            let got = renderer.render(lang, Style::Page, endpoint, our_sample, shown.as_ref());
            let got = Tab {
                code: got.code,
                output: got.output,
            };
            if got == want {
                tally.matching += 1;
            } else if tally.diffs.len() < SHOWN_DIFFS {
                tally.diffs.push(describe(sample, &want, &got));
            }
        }
    }
    let mut report = String::new();
    for (lang, tally) in &tallies {
        let _ = writeln!(report, "{lang}: {} of {} samples equal", tally.matching, tally.total);
    }
    let failing: Vec<_> = tallies.iter().filter(|(_, t)| t.matching < t.total).collect();
    for (lang, tally) in &failing {
        for diff in &tally.diffs {
            let _ = writeln!(report, "\n--- {lang}: {diff}");
        }
    }
    if !unmatched.is_empty() {
        let _ = writeln!(report, "\nsamples the live builder and we disagree on: {unmatched:#?}");
    }
    println!("{report}");
    assert!(failing.is_empty() && unmatched.is_empty(), "{report}");
}

fn describe(sample: &Expected, want: &Tab, got: &Tab) -> String {
    let mut out = format!("{} (sample \"{}\")\n", sample.file, sample.title);
    for (part, want, got) in [("code", &want.code, &got.code), ("output", &want.output, &got.output)] {
        if want != got {
            let diff = similar::TextDiff::from_lines(want.as_str(), got.as_str());
            let _ = write!(
                out,
                "{part} (- oracle, + ours):\n{}",
                diff.unified_diff().context_radius(2)
            );
        }
    }
    out
}
