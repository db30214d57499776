//! Every bad input in `tests/bad_input/<case>/` gives the messages in its `expected.txt`,
//! byte for byte: the file, the line/column or JSON pointer, and what is wrong; never a panic,
//! never any output.
//!
//! Each case holds an `openapi.yaml` and, optionally, a `samples/` directory. To accept new
//! messages after a deliberate change, run with `UPDATE_EXPECT=1` and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input")
}

fn templates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates")
}

/// The messages `codegen::generate` gives for one case, with the case's folder written as `<case>`.
fn messages(case: &Path) -> String {
    let samples = case.join("samples");
    let options = codegen::Options {
        spec: case.join("openapi.yaml"),
        samples: samples.is_dir().then_some(samples),
        templates: templates_dir(),
        lenient_samples: false,
        guides: false,
    };
    let result = std::panic::catch_unwind(|| codegen::generate(&options));
    let text = match result {
        Err(_) => panic!("{}: the generator panicked", case.display()),
        Ok(Ok(generation)) => panic!(
            "{}: expected errors, but generation succeeded with {} files",
            case.display(),
            generation.files.len()
        ),
        Ok(Err(diags)) => {
            assert!(diags.has_errors(), "{}: failure without an error", case.display());
            diags.to_string()
        }
    };
    text.replace(&format!("{}/", case.display()), "<case>/")
}

#[test]
fn every_bad_input_gives_its_expected_messages() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases: Vec<PathBuf> = fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "the corpus lost cases: {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let actual = messages(case);
        let expected_path = case.join("expected.txt");
        if update {
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_EXPECT=1", expected_path.display()));
        if actual != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- actual\n{actual}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn independent_errors_are_reported_together() {
    let text = messages(&cases_dir().join("several_errors"));
    assert!(text.contains("missing component schema `thing`"), "{text}");
    assert!(text.contains("other files or URLs"), "{text}");
    assert!(text.contains("/nowhere"), "{text}");
}
