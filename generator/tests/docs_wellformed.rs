//! Every generated page is well-formed (see `docs_support::check` for the rules), for the
//! repository's description always, and for the full Seam description when
//! `target/full-spec/openapi.json` exists (`cargo xtask full-spec`). Also: what is left out
//! of the docs stays out, and `SUMMARY.md` reaches every page.

mod docs_support;

use std::collections::BTreeMap;

use codegen::model::Api;
use docs_support::{anchors, check, generate, pages, repo_options, root};

fn assert_well_formed(pages: &BTreeMap<String, String>) {
    let problems = check(pages);
    assert!(
        problems.is_empty(),
        "{} problem(s) in the generated pages:\n{}",
        problems.len(),
        problems.iter().take(50).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// Pages exist exactly for the documented endpoints; undocumented properties never show; the
/// table of contents lists every page; every endpoint page has the sections of its anatomy.
fn assert_complete(api: &Api, pages: &BTreeMap<String, String>) {
    for endpoint in &api.endpoints {
        let page = format!("{}.md", &endpoint.path[1..]);
        match (endpoint.is_documented(), pages.get(&page)) {
            (true, None) => panic!("no page for the documented endpoint {}", endpoint.path),
            (false, Some(_)) => panic!("a page for the undocumented endpoint {}", endpoint.path),
            (false, None) => {}
            (true, Some(text)) => {
                assert!(text.starts_with(&format!("# {}\n", endpoint.title)), "{page}: title");
                let found = anchors(text);
                for section in ["request-parameters", "response"] {
                    assert!(found.contains(section), "{page}: no `{section}` section");
                }
                assert_eq!(
                    found.contains("examples"),
                    endpoint.samples.len() > 1,
                    "{page}: Examples"
                );
                assert_eq!(
                    text.contains("{% tabs %}"),
                    !endpoint.samples.is_empty(),
                    "{page}: tabs only with a sample"
                );
                for param in &endpoint.params {
                    let line = format!("**`{}`**", param.name);
                    if param.undocumented.is_some()
                        && !endpoint
                            .params
                            .iter()
                            .any(|p| p.name == param.name && p.undocumented.is_none())
                    {
                        assert!(
                            !text.contains(&line),
                            "{page}: shows the undocumented parameter {}",
                            param.name
                        );
                    } else if param.undocumented.is_none() {
                        assert!(text.contains(&line), "{page}: misses the parameter {}", param.name);
                    }
                }
            }
        }
    }
    let summary = &pages["SUMMARY.md"];
    for page in pages.keys().filter(|p| *p != "SUMMARY.md") {
        assert!(
            summary.contains(&format!("]({page})")),
            "SUMMARY.md does not list {page}"
        );
    }
}

#[test]
fn repository_pages_are_well_formed_and_complete() {
    let options = repo_options();
    let (api, _) = codegen::build_model(&options).expect("the repository's model");
    let pages = pages(&generate(&options));
    assert!(pages.contains_key("SUMMARY.md") && pages.contains_key("README.md"));
    assert!(pages.contains_key("guides/assigning-credentials.md"));
    assert_well_formed(&pages);
    assert_complete(&api, &pages);
}

#[test]
fn full_spec_pages_are_well_formed_and_complete() {
    let spec = root().join("target/full-spec/openapi.json");
    if !spec.exists() {
        eprintln!("skipped: {} is missing (run `cargo xtask full-spec`)", spec.display());
        return;
    }
    let options = codegen::Options {
        spec,
        samples: None,
        resource_samples: None,
        routes: None,
        previous: None,
        ..repo_options()
    };
    let (api, _) = codegen::build_model(&options).expect("the full model");
    let pages = pages(&generate(&options));
    assert!(
        api.endpoints.iter().any(|e| !e.is_documented()),
        "the full description has undocumented endpoints to leave out"
    );
    assert_well_formed(&pages);
    assert_complete(&api, &pages);
}

#[test]
fn the_checker_finds_broken_pages() {
    let broken = [
        ("a.md", "{% tabs %}\n{% tab title=\"x\" %}\n{% endtabs %}\n", "closes"),
        ("a.md", "{% tab title=\"x\" %}\n{% endtab %}\n", "outside"),
        ("a.md", "{% hint style=\"info\" %}\n", "never closed"),
        ("a.md", "<details>\n<details>\n</details>\n", "never closed"),
        ("a.md", "</details>\n", "without"),
        ("a.md", "```json\n{}\n", "never closed"),
        ("a.md", "- [R](#response)\n\n## Request\n", "#response"),
        ("a.md", "[x](./README.md#y)\n", "names no generated page"),
        ("a.md", "[x](./a.md#y)\n# z\n", "has no `#y`"),
        ("SUMMARY.md", "* [x](b.md)\n", "names no generated page"),
        ("a.md", "{% code %}\n", "unknown"),
    ];
    for (path, text, expected) in broken {
        let pages: BTreeMap<String, String> = [(path.to_owned(), text.to_owned())].into_iter().collect();
        let problems = check(&pages);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{text:?}: expected a problem with {expected:?}, got {problems:?}"
        );
    }
    // Links from descriptions into the larger site are not the generator's, so not checked;
    // code inside fences is not Markdown.
    let fine: BTreeMap<String, String> = [(
        "a/b.md".to_owned(),
        "# T\n\n[guide](../../guides/x.md)\n\n```\n{% tabs %} <details> [x](#nowhere)\n```\n".to_owned(),
    )]
    .into_iter()
    .collect();
    assert_eq!(check(&fine), Vec::<String>::new());
}
