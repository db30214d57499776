//! The Response section of each kind of result, on the small description of
//! `fixtures/responses/`: a resource (named, linked to its page, with its sample), a batch of
//! resources (each kind listed and linked, one sample of each under its key), and results
//! typed inline, which no resource page documents (`unknown`, linked to the endpoint's folder).

mod docs_support;

use std::collections::BTreeMap;

use docs_support::{generate, pages, root};

fn generated() -> BTreeMap<String, String> {
    let fixture = root().join("generator/tests/fixtures/responses");
    let options = codegen::Options {
        spec: fixture.join("openapi.yaml"),
        samples: None,
        resource_samples: Some(fixture.join("resource-samples")),
        routes: None,
        previous: None,
        guides: false,
        ..codegen::Options::repository(&root())
    };
    pages(&generate(&options))
}

/// A page's Response section, to the end of the page.
fn response(pages: &BTreeMap<String, String>, page: &str) -> String {
    let text = pages.get(page).unwrap_or_else(|| panic!("{page} was not generated"));
    let at = text.find("## Response\n").expect("a Response section");
    text[at..].to_owned()
}

/// The hint that opens every Response section, around what it says the call returns, and the
/// blank line after it.
fn returns(what: &str) -> String {
    format!("## Response\n\n{{% hint style=\"success\" %}}\nReturns:\n{what}\n\n{{% endhint %}}\n\n")
}

/// The JSON tab that shows a sample.
fn json_tab(json: &str) -> String {
    format!("\n{{% tabs %}}\n{{% tab title=\"JSON\" %}}\n\n\n\n```json\n{json}\n```\n{{% endtab %}}\n{{% endtabs %}}\n")
}

#[test]
fn a_resource_is_named_linked_and_shown_as_prettier_prints_it() {
    let json = "{\n  \"space_id\": \"5afeb047-3277-4102-b8c4-99edf05b91d2\",\n  \"name\": \"My Space\",\n  \
                \"device_ids\": [\"a\", \"b\"]\n}";
    assert_eq!(
        response(&generated(), "spaces/get.md"),
        returns("**[space](.)**") + &json_tab(json)
    );
}

#[test]
fn a_batch_lists_each_kind_it_holds_and_shows_one_of_each_as_json_stringify_writes_it() {
    let list = "batch response\n- `spaces`: Array of [spaces](.)\n\
                - `user_identities`: Array of [user\\_identitys](./../user_identities)";
    let json = "{\n  \"spaces\": [\n    {\n      \"space_id\": \"5afeb047-3277-4102-b8c4-99edf05b91d2\",\n      \
                \"name\": \"My Space\",\n      \"device_ids\": [\n        \"a\",\n        \"b\"\n      ]\n    }\n  ],\n  \
                \"user_identities\": [\n    {\n      \"user_identity_id\": \"43947360-cdc8-4db6-8b22-e079416d1d8b\"\n    }\n  ]\n}";
    assert_eq!(
        response(&generated(), "spaces/get_related.md"),
        returns(list) + &json_tab(json)
    );
}

#[test]
fn a_result_typed_inline_is_unknown_and_links_to_the_endpoints_folder() {
    let pages = generated();
    assert_eq!(
        response(&pages, "spaces/unmanaged/get.md"),
        returns("**[unknown](./)**")
    );
    assert_eq!(
        response(&pages, "spaces/unmanaged/list.md"),
        returns("**Array of [unknowns](./)**")
    );
}
