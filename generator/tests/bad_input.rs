//! Every bad input in `tests/bad_input/<case>/` gives the messages in its `expected.txt`,
//! byte for byte: the file, the line/column or JSON pointer, and what is wrong; never a panic,
//! never any output.
//!
//! Each case holds an `openapi.yaml` and, optionally, a `samples/` directory and a `templates/`
//! directory whose files replace the repository's templates of the same name. To accept new
//! messages after a deliberate change, run with `UPDATE_EXPECT=1` and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input")
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// The repository's templates, with the case's own templates laid over them.
fn templates_dir(case: &Path) -> PathBuf {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates");
    let overlay = case.join("templates");
    if !overlay.is_dir() {
        return repository;
    }
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let merged = std::env::temp_dir().join(format!("codegen-templates-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&merged);
    copy_tree(&repository, &merged);
    copy_tree(&overlay, &merged);
    merged
}

/// The messages `codegen::generate` gives for one case, with the case's folder written as `<case>`.
fn messages(case: &Path) -> String {
    let samples = case.join("samples");
    let routes = case.join("routes");
    let options = codegen::Options {
        spec: case.join("openapi.yaml"),
        samples: samples.is_dir().then_some(samples),
        resource_samples: None,
        routes: routes.is_dir().then_some(routes),
        previous: None,
        templates: templates_dir(case),
        lenient_samples: false,
        guides: false,
        crate_name: None,
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
        .replace(&format!("{}/", options.templates.display()), "<templates>/")
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
