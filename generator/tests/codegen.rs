//! Codegen run as a test: a stale `generated/` tree fails `cargo test`, with the diff.

use std::path::{Path, PathBuf};

use codegen::fileset::{self, FileSet, Mode};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn repo_options() -> codegen::Options {
    codegen::Options::repository(&repo())
}

fn generate(options: &codegen::Options) -> FileSet {
    match codegen::generate(options) {
        Ok(generation) => {
            assert!(
                generation.warnings.is_empty(),
                "the repository's spec gives warnings:\n{}",
                generation.warnings
            );
            generation.files
        }
        Err(diags) => panic!("generation failed:\n{diags}"),
    }
}

#[test]
fn generated_tree_is_fresh() {
    let files = generate(&repo_options());
    let report = fileset::apply(&repo().join("generated"), &files, Mode::Check).unwrap();
    assert!(
        report.is_clean(),
        "generated/ is stale; run `cargo xtask codegen` and commit the result.\n{}\nmissing: {:?}\nno longer generated: {:?}",
        report.diffs.concat(),
        report.missing,
        report.removed
    );
}

#[test]
fn two_runs_into_different_folders_give_identical_trees() {
    let base = std::env::temp_dir().join(format!("codegen-determinism-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let (first, second) = (base.join("one"), base.join("two"));
    fileset::apply(&first, &generate(&repo_options()), Mode::Write).unwrap();
    fileset::apply(&second, &generate(&repo_options()), Mode::Write).unwrap();
    let list = |root: &Path| -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let name = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                    out.push((name, std::fs::read(&path).unwrap()));
                }
            }
        }
        out.sort();
        out
    };
    let (a, b) = (list(&first), list(&second));
    assert!(a.len() > 25, "too few files: {}", a.len());
    assert!(a == b, "two runs differ");
    std::fs::remove_dir_all(&base).unwrap();
}

#[test]
fn an_edited_description_makes_check_fail_with_a_diff_that_shows_it() {
    let base = std::env::temp_dir().join(format!("codegen-edit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).unwrap();
    let out = base.join("out");
    let first = codegen::Options {
        previous: Some(out.clone()),
        ..repo_options()
    };
    fileset::apply(&out, &generate(&first), Mode::Write).unwrap();

    let spec = std::fs::read_to_string(repo().join("spec/openapi.yaml")).unwrap();
    let old = "Unassigns a specified [credential]";
    assert!(
        spec.contains(old),
        "the spec no longer has the description this test edits"
    );
    let edited = spec.replacen(old, "Detaches a specified [credential]", 1);
    std::fs::write(base.join("openapi.yaml"), edited).unwrap();
    let options = codegen::Options {
        spec: base.join("openapi.yaml"),
        previous: Some(out.clone()),
        ..repo_options()
    };
    let report = fileset::apply(&out, &generate(&options), Mode::Check).unwrap();
    assert!(!report.is_clean());
    let diff = report.diffs.concat();
    assert!(diff.contains("--- a/docs/acs/credentials/unassign.md"), "{diff}");
    // A description changed: a patch release, with its change report in the changelog.
    assert!(diff.contains("-version = \"0.1.0\"\n+version = \"0.1.1\""), "{diff}");
    assert!(
        diff.contains("+| description-changed | `acs.credentials.unassign` |"),
        "{diff}"
    );
    assert!(diff.contains("+Detaches a specified [credential]"), "{diff}");
    assert!(diff.contains("-Unassigns a specified [credential]"), "{diff}");
    std::fs::remove_dir_all(&base).unwrap();
}
