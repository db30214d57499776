//! Golden test: the pages of the seed endpoints and the guide, generated from `spec/`, equal
//! the seed pages (`tests/seeds/`) byte for byte, once the known differences listed here —
//! and only those — are applied to the seeds.
//!
//! Where the seeds disagree, the pages follow the live reference (`tests/live-1.885.0/`), which
//! agrees with the newest seed (`user-identities-remove-acs-user.md`) in most things:
//! `#### Code:` / `#### Output:`, the response stated in a success hint (`Returns:` then
//! `**void**` or the resource), PHP without `<?php`, with prettier's trailing comma and an empty
//! output for a void call. Every page adds a Rust tab (this project's
//! client) after Seam CLI.

mod docs_support;

use codegen::model::Api;
use docs_support::{generate, repo_options, root};

/// One known difference: where the seed holds `seed`, the generated page holds `generated`.
struct Difference {
    /// Why they differ.
    why: &'static str,
    seed: &'static str,
    generated: String,
    /// How many times the seed holds `seed` (checked, so that the list cannot go stale).
    count: usize,
}

fn diff(why: &'static str, seed: &'static str, generated: &str, count: usize) -> Difference {
    Difference {
        why,
        seed,
        generated: generated.to_owned(),
        count,
    }
}

/// The Rust tab that the pages add after the Seam CLI tab: the primary sample's description,
/// the client's call (`rust_sample`, filled in by the client's emitter) and `()` for a void result.
fn rust_tab(api: &Api, path: &str) -> Difference {
    let endpoint = api
        .endpoints
        .iter()
        .find(|e| e.path == path)
        .expect("the seed's endpoint");
    let sample = &endpoint.samples[0];
    let code = codegen::plan::rust_sample(api, endpoint, sample);
    let tab = format!(
        "{{% endtab %}}\n\n{{% tab title=\"Rust\" %}}\n\n{}\n\n#### Code:\n\n```rust\n{}\n```\n\n#### Output:\n\n```rust\n()\n```\n{{% endtab %}}\n\n{{% endtabs %}}",
        sample.description,
        code.trim_end()
    );
    Difference {
        why: "the pages add a Rust tab (this project's client) after Seam CLI",
        seed: "{% endtab %}\n\n{% endtabs %}",
        generated: tab,
        count: 1,
    }
}

/// The two older seeds' PHP tab, where the live reference (and the newest seed) differ: the
/// code opens with `<?php` and its last argument, `last_argument`, has no trailing comma; a
/// void call outputs `null` (the live pipeline formats `null` as PHP and drops its only line).
fn older_php(last_argument: &'static str) -> Vec<Difference> {
    vec![
        diff(
            "older seeds: PHP code opens with `<?php`",
            "```php\n<?php\n$seam->",
            "```php\n$seam->",
            1,
        ),
        Difference {
            why: "older seeds: no trailing comma after the last PHP argument",
            seed: last_argument,
            generated: last_argument.replace("\"\n);", "\",\n);"),
            count: 1,
        },
        diff(
            "older seeds: a void PHP call outputs `null`",
            "```php\nnull\n```",
            "```php\n\n```",
            1,
        ),
    ]
}

/// The differences of a seed written in the older house style (`#### Code`, a plain `void`)
/// from the live reference's.
fn older_house_style() -> Vec<Difference> {
    vec![
        diff(
            "the live reference writes headings with a colon",
            "#### Code\n",
            "#### Code:\n",
            6,
        ),
        diff(
            "the live reference writes headings with a colon",
            "#### Output\n",
            "#### Output:\n",
            6,
        ),
        diff(
            "the live reference states the result in a success hint",
            "## Response\n\nvoid\n",
            "## Response\n\n{% hint style=\"success\" %}\nReturns:\n**void**\n\n{% endhint %}\n",
            1,
        ),
    ]
}

fn with_rust_tab(mut differences: Vec<Difference>, api: &Api, path: &str) -> Vec<Difference> {
    differences.push(rust_tab(api, path));
    differences
}

/// The known differences of each seed.
fn differences(seed: &str, api: &Api) -> Vec<Difference> {
    match seed {
        "acs-credentials-unassign.md" => with_rust_tab(
            [
                older_php("acs_credential_id: \"66666666-6666-6666-6666-666666666666\"\n);"),
                older_house_style(),
            ]
            .into_iter()
            .flatten()
            .collect(),
            api,
            "/acs/credentials/unassign",
        ),
        "acs-users-remove-from-access-group.md" => with_rust_tab(
            [
                older_php("acs_access_group_id: \"123e4567-e89b-12d3-a456-426614174000\"\n);"),
                older_house_style(),
            ]
            .into_iter()
            .flatten()
            .collect(),
            api,
            "/acs/users/remove_from_access_group",
        ),
        "user-identities-remove-acs-user.md" => vec![
            diff(
                "the seed leaves the bold `void` unclosed; the live reference closes it",
                "**void\n\n{% endhint %}",
                "**void**\n\n{% endhint %}",
                1,
            ),
            rust_tab(api, "/user_identities/remove_acs_user"),
        ],
        "guide-assigning-credentials.md" => vec![
            diff(
                "Python prints null as `None`; the seed's `code=null` is not Python",
                "  code=null,\n",
                "  code=None,\n",
                2,
            ),
            diff(
                "the seed's PHP, C# and Go tabs cut the last group of the sample's UUID to 8 digits",
                "\"66666666-6666-6666-6666-66666666\"",
                "\"66666666-6666-6666-6666-666666666666\"",
                6,
            ),
        ],
        other => panic!("no list of differences for the seed {other}"),
    }
}

/// The seeds and the generated pages they stand for.
const SEEDS: [(&str, &str); 4] = [
    ("acs-credentials-unassign.md", "docs/acs/credentials/unassign.md"),
    (
        "acs-users-remove-from-access-group.md",
        "docs/acs/users/remove_from_access_group.md",
    ),
    (
        "user-identities-remove-acs-user.md",
        "docs/user_identities/remove_acs_user.md",
    ),
    ("guide-assigning-credentials.md", "docs/guides/assigning-credentials.md"),
];

/// The seed with its known differences applied.
fn expected(seed: &str, api: &Api) -> String {
    let path = root().join("generator/tests/seeds").join(seed);
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for d in differences(seed, api) {
        let found = text.matches(d.seed).count();
        assert_eq!(
            found, d.count,
            "{seed}: the known difference ({}) expects {:?} {} time(s), found {found}",
            d.why, d.seed, d.count
        );
        text = text.replace(d.seed, &d.generated);
    }
    text
}

fn assert_same(seed: &str, expected: &str, actual: &str, source: &str) {
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected, actual)
            .unified_diff()
            .header(&format!("seed {seed} (known differences applied)"), source)
            .to_string();
        panic!("{source} differs from the seed {seed} beyond its known differences:\n{diff}");
    }
}

#[test]
fn generated_pages_in_memory_equal_the_seeds_but_for_the_listed_differences() {
    let options = repo_options();
    let (api, _) = codegen::build_model(&options).expect("the repository's model");
    let files = generate(&options);
    for (seed, page) in SEEDS {
        let actual = files.get(page).unwrap_or_else(|| panic!("{page} was not generated"));
        assert_same(seed, &expected(seed, &api), actual, page);
    }
}

#[test]
fn committed_pages_equal_the_seeds_but_for_the_listed_differences() {
    let options = repo_options();
    let (api, _) = codegen::build_model(&options).expect("the repository's model");
    for (seed, page) in SEEDS {
        let path = root().join("generated").join(page);
        let actual = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_same(seed, &expected(seed, &api), &actual, &format!("generated/{page}"));
    }
}
