//! GitHub's REST description (`@octokit/openapi` 23.0.2, fetched into `target/github-23.0.2/`
//! by `cargo xtask ci`), a large description written by others: its client builds with
//! warnings denied, its pages are well formed, and the calls of its samples
//! (`fixtures/github-samples`) send the described requests to a mock server.

mod client_build;
mod docs_support;

use std::time::Instant;

#[test]
fn github_s_client_builds_and_its_samples_send_the_described_requests() {
    let root = docs_support::root();
    let spec = root.join("target/github-23.0.2/api.github.com.json");
    assert!(
        spec.is_file(),
        "{} is missing: `cargo xtask ci` fetches it",
        spec.display()
    );
    let options = codegen::Options {
        spec,
        samples: Some(root.join("generator/tests/fixtures/github-samples")),
        resource_samples: None,
        routes: None,
        previous: None,
        guides: false,
        ..codegen::Options::repository(&root)
    };
    let started = Instant::now();
    let generation = codegen::generate(&options).unwrap_or_else(|d| panic!("{d}"));
    println!("generated in {:.1?}", started.elapsed());
    // GitHub's own Markdown links to headings of docs.github.com's pages (`[Set GitHub Actions
    // permissions for an organization](#set-github-actions-permissions-for-an-organization)`),
    // which lead nowhere on the generated pages: each is written as its text, with a warning.
    let warnings: Vec<String> = generation.warnings.warnings().map(ToString::to_string).collect();
    let unlinked: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("which is no heading of its page"))
        .collect();
    assert!(!unlinked.is_empty(), "{warnings:#?}");
    assert!(
        unlinked.iter().any(|w| w.starts_with(
            "warning: docs/actions/get_allowed_actions_organization.md:5:1: the description of \
             `/orgs/{org}/actions/permissions/selected-actions` links to \
             `#set-github-actions-permissions-for-an-organization`"
        )),
        "{unlinked:#?}"
    );
    let problems = docs_support::check(&docs_support::pages(&generation.files));
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // Each sample's page shows the described request: method, percent-encoded path segments
    // (`octo cat`, and `hello/world` as one segment), query and JSON body.
    let page = |path: &str| {
        generation
            .files
            .get(path)
            .unwrap_or_else(|| panic!("{path} is not generated"))
    };
    let reaction = page("docs/reactions/create_for_issue.md");
    assert!(
        reaction.contains(
            "curl --include --request POST \"https://api.github.com/repos/octo%20cat/hello%2Fworld/issues/1347/reactions\" \\\n"
        ),
        "{reaction}"
    );
    assert!(reaction.contains("{\n  \"content\": \"heart\"\n}\n"), "{reaction}");
    assert!(
        reaction.contains(".content(ReactionsReactionsCreateForCommitCommentContent::Heart)"),
        "{reaction}"
    );
    let labels = page("docs/issues/list_labels_on_issue.md");
    assert!(
        labels.contains(
            "curl --include --request GET \"https://api.github.com/repos/octo%20cat/Hello-World/issues/1347/labels?page=2&per_page=2\"\n"
        ),
        "{labels}"
    );
    let languages = page("docs/repos/list_languages.md");
    assert!(
        languages.contains(
            "curl --include --request GET \"https://api.github.com/repos/octo%20cat/Hello-World/languages\"\n"
        ),
        "{languages}"
    );
    let delete = page("docs/reactions/delete_for_issue.md");
    assert!(
        delete.contains(
            "curl --include --request DELETE \"https://api.github.com/repos/octo%20cat/Hello-World/issues/1347/reactions/1\"\n"
        ),
        "{delete}"
    );

    let started = Instant::now();
    let stdout =
        client_build::build_and_test("github", &generation.files).unwrap_or_else(|failure| panic!("{failure}"));
    println!("built and tested in {:.1?}", started.elapsed());
    // The four written samples, and one synthesized for each other call but the upload to
    // another host: every test of tests/samples.rs passed.
    let samples = generation.files.get("client/tests/samples.rs").unwrap();
    let tests = samples.matches("#[tokio::test]").count();
    assert!(tests > 4, "{tests} sample tests");
    assert!(
        stdout.contains(&format!("test result: ok. {tests} passed;")),
        "{stdout}"
    );
}
