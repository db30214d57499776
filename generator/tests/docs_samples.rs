//! Sample checking, seen from the outside: a bad sample fails generation with an error that
//! names its file and title; `lenient_samples` turns the errors into warnings and the sample
//! is still rendered (except one for an endpoint that does not exist).

mod docs_support;

use std::fs;
use std::path::PathBuf;

use docs_support::{repo_options, root};

/// A fresh folder holding one sample file (`bad.yaml`), and the repository's samples too
/// when `with_repo_samples` (the guides name some of them).
fn sample_dir(name: &str, yaml: &str, with_repo_samples: bool) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("seam-codegen-docs-samples-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    if with_repo_samples {
        for entry in fs::read_dir(root().join("spec/samples")).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let file = dir.join("bad.yaml");
    fs::write(&file, yaml).unwrap();
    (dir, file.display().to_string())
}

const BAD: &str = r#"
- title: Unknown endpoint
  description: Calls a path the API does not have.
  request:
    path: /acs/credentials/nope
    parameters:
      acs_credential_id: 66666666-6666-6666-6666-666666666666
  response:
    body: null

- title: Unknown parameter
  description: Passes a parameter the endpoint does not take.
  request:
    path: /acs/credentials/unassign
    parameters:
      acs_credential_id: 66666666-6666-6666-6666-666666666666
      acs_user_idx: 33333333-3333-3333-3333-333333333333
  response:
    body: null

- title: Missing required parameter
  description: Leaves out `acs_credential_id`.
  request:
    path: /acs/credentials/delete
    parameters: {}
  response:
    body: null

- title: Wrong type
  description: Passes a number for a string.
  request:
    path: /acs/credentials/get
    parameters:
      acs_credential_id: 5
  response:
    body:
      acs_credential:
        acs_credential_id: 99999999-9999-9999-9999-999999999999
        acs_user_id: 33333333-3333-3333-3333-333333333333
        display_name: Multi Phone Sync Credential
        acs_system_id: 11111111-1111-1111-1111-111111111111
        connected_account_id: 22222222-2222-2222-2222-222222222222
        access_method: mobile_key
        workspace_id: 00000000-0000-0000-0000-000000000000
        created_at: '2024-04-12T03:56:22.396Z'
        is_multi_phone_sync_credential: true
        is_managed: true
        errors: []
        warnings: []
"#;

/// What each bad sample must be told, in the diagnostic's message.
const EXPECTED: [(&str, &str); 4] = [
    ("Unknown endpoint", "no endpoint has the path `/acs/credentials/nope`"),
    ("Unknown parameter", "the endpoint has no parameter `acs_user_idx`"),
    (
        "Missing required parameter",
        "the required parameter `acs_credential_id` is missing",
    ),
    ("Wrong type", "`acs_credential_id` should be a string (uuid), found 5"),
];

#[test]
fn bad_samples_fail_with_their_file_and_title() {
    let (dir, file) = sample_dir("strict", BAD, true);
    let options = codegen::Options {
        samples: Some(dir.clone()),
        ..repo_options()
    };
    let diags = codegen::generate(&options).expect_err("bad samples must fail generation");
    let errors: Vec<String> = diags.errors().map(ToString::to_string).collect();
    for (title, message) in EXPECTED {
        let prefix = format!("error: {file} (sample \"{title}\"): ");
        assert!(
            errors.iter().any(|e| e.starts_with(&prefix) && e.contains(message)),
            "no error `{prefix}…{message}…` among:\n{}",
            errors.join("\n")
        );
    }
    assert_eq!(
        errors.len(),
        EXPECTED.len(),
        "one error per bad sample:\n{}",
        errors.join("\n")
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn lenient_samples_warn_and_still_render() {
    let (dir, file) = sample_dir("lenient", BAD, true);
    let options = codegen::Options {
        samples: Some(dir.clone()),
        lenient_samples: true,
        ..repo_options()
    };
    let generation = codegen::generate(&options).expect("lenient generation succeeds");
    let warnings: Vec<String> = generation.warnings.warnings().map(ToString::to_string).collect();
    for (title, message) in EXPECTED {
        let prefix = format!("warning: {file} (sample \"{title}\"): ");
        assert!(
            warnings.iter().any(|w| w.starts_with(&prefix) && w.contains(message)),
            "no warning `{prefix}…{message}…` among:\n{}",
            warnings.join("\n")
        );
    }
    let files = generation.files;
    // The bad samples are further samples of their endpoints, shown under Examples; the
    // unknown parameter is rendered as written, in every tab.
    let unassign = files.get("docs/acs/credentials/unassign.md").unwrap();
    assert!(unassign.contains("### Unknown parameter\n\nPasses a parameter the endpoint does not take."));
    assert!(unassign.contains("  acs_user_idx: \"33333333-3333-3333-3333-333333333333\",\n"));
    assert!(unassign.contains("--acs_user_idx \"33333333-3333-3333-3333-333333333333\""));
    // The sample without its required parameter still gets its tabs.
    let delete = files.get("docs/acs/credentials/delete.md").unwrap();
    assert!(delete.contains("await seam.acs.credentials.delete();"));
    // The wrong type is shown as the sample wrote it.
    let get = files.get("docs/acs/credentials/get.md").unwrap();
    assert!(get.contains("seam.acs.credentials.get(acs_credential_id=5)"));
    assert!(get.contains("AcsCredential(\n    acs_credential_id=\"99999999-9999-9999-9999-999999999999\","));
    // A sample of a path that does not exist has no page to go to.
    assert!(!files
        .iter()
        .any(|(_, text)| text.contains("Calls a path the API does not have.")));
    // The client's tests run only the samples without defects: a defective call need not
    // compile, nor its response decode. The repository's own samples are all there.
    let tests = files.get("client/tests/samples.rs").unwrap();
    for (title, _) in EXPECTED {
        assert!(!tests.contains(&format!("/// {title}\n")), "{title} is tested");
    }
    assert!(tests.contains("/// Unassign a credential from an ACS user\n"));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_guide_naming_a_missing_sample_fails_with_the_guide_and_line() {
    // The repository's guides name samples of `spec/samples`; with another sample set they
    // cannot be rendered, and the error says which guide and which sample.
    let (dir, _) = sample_dir(
        "guide",
        r#"
- title: Unassign again
  description: Another sample.
  request:
    path: /acs/credentials/unassign
    parameters:
      acs_credential_id: 66666666-6666-6666-6666-666666666666
  response:
    body: null
"#,
        false,
    );
    let options = codegen::Options {
        samples: Some(dir.clone()),
        ..repo_options()
    };
    let diags = codegen::generate(&options).expect_err("the guide's sample is missing");
    let text = diags.to_string();
    assert!(
        text.contains("template guides/assigning-credentials.md:")
            && text.contains("no sample is titled \"Assign a credential to an ACS user\""),
        "{text}"
    );
    fs::remove_dir_all(dir).unwrap();
}
