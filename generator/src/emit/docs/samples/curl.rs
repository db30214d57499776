//! cURL: one POST with a JSON body, as the API reference pages and the guides write it; for an
//! endpoint outside Seam's dialect, the request its description defines.

use serde_json::{Map, Value};

use super::{prettier, printer};
use super::{shell_single_quoted, Call, Shown, Style};
use crate::model::{wire, Endpoint, ParamLocation};

/// The command.
pub fn code(call: &Call, style: Style) -> String {
    let url = format!("{}{}", call.base_url, call.path);
    match style {
        Style::Page => {
            let mut out = format!(
                "curl --include --request POST {} \\\n  --header \"Authorization: Bearer $SEAM_API_KEY\"",
                super::shell_double_quoted(&url)
            );
            if !call.params.is_empty() {
                out.push_str(" \\\n  --json @- <<EOF\n");
                out.push_str(&prettier::stringify_pretty(&Value::Object(call.params.clone())));
                out.push_str("\nEOF");
            }
            out
        }
        Style::Guide => {
            let mut out = format!(
                "curl -X 'POST' \\\n  {} \\\n  -H \"Authorization: Bearer ${{API_KEY}}\"",
                shell_single_quoted(&url)
            );
            if !call.params.is_empty() {
                out.push_str(" \\\n  -H 'Content-Type: application/json' \\\n  -d ");
                out.push_str(&shell_single_quoted(&printer::json(&call.params_node(None), "#")));
            }
            out
        }
    }
}

/// The request an endpoint outside Seam's dialect defines: its method, its path with the
/// path parameters filled in, the others in the query or as a JSON body.
pub fn described_request(base_url: &str, endpoint: &Endpoint, params: &Map<String, Value>) -> String {
    let (path, rest) = endpoint.fill_path(params);
    let mut url = format!("{base_url}{path}");
    let query = endpoint.param_location == ParamLocation::Query;
    if query && !rest.is_empty() {
        let pairs: Vec<String> = wire::query_pairs(&rest)
            .iter()
            .map(|(key, value)| format!("{}={}", wire::percent_encoded(key), wire::percent_encoded(value)))
            .collect();
        url = format!("{url}?{}", pairs.join("&"));
    }
    let mut out = format!(
        "curl --include --request {} {} \\\n  --header \"Authorization: Bearer $API_TOKEN\"",
        endpoint.http_method.as_str(),
        super::shell_double_quoted(&url)
    );
    if !query && !rest.is_empty() {
        out.push_str(" \\\n  --json @- <<EOF\n");
        out.push_str(&prettier::stringify_pretty(&Value::Object(rest)));
        out.push_str("\nEOF");
    }
    out
}

/// The response body: as the sample wrote it (pages), or with `"ok": true` as the API sends
/// it (guides).
pub fn output(shown: Option<&Shown>, style: Style) -> String {
    match shown {
        None => "{}".to_owned(),
        // The whole body is the result.
        Some(shown) if shown.key.is_empty() => prettier::json(shown.resource()),
        Some(shown) if style == Style::Page => prettier::json(&Value::Object(Map::from_iter([(
            shown.key.to_owned(),
            shown.resource().clone(),
        )]))),
        Some(shown) => printer::json(&shown.body_node(true), "#"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::test_call;
    use serde_json::json;

    #[test]
    fn the_body_is_pretty_json_in_a_here_document() {
        let call = Call {
            base_url: "https://connect.getseam.com",
            ..test_call("/acs/credentials/create", json!({"code": "a$b", "ids": ["x"], "o": {}}))
        };
        assert_eq!(
            code(&call, Style::Page),
            "curl --include --request POST \"https://connect.getseam.com/acs/credentials/create\" \\\n  \
             --header \"Authorization: Bearer $SEAM_API_KEY\" \\\n  --json @- <<EOF\n{\n  \
             \"code\": \"a$b\",\n  \"ids\": [\n    \"x\"\n  ],\n  \"o\": {}\n}\nEOF"
        );
    }

    #[test]
    fn guide_body_is_single_quoted() {
        let call = test_call(
            "/a/b",
            json!({"name": "it's", "n": [1, 2], "o": {"k": null, "b": true}}),
        );
        assert_eq!(
            code(&call, Style::Guide),
            "curl -X 'POST' \\\n  'https://h/a/b' \\\n  -H \"Authorization: Bearer ${API_KEY}\" \\\n  \
             -H 'Content-Type: application/json' \\\n  -d '{\n  \"name\": \"it'\\''s\",\n  \"n\": [\n    1,\n    2\n  ],\n  \
             \"o\": {\n    \"k\": null,\n    \"b\": true\n  }\n}'"
        );
    }

    #[test]
    fn no_parameters_no_body() {
        let call = test_call("/a/list", json!({}));
        assert_eq!(
            code(&call, Style::Page),
            "curl --include --request POST \"https://h/a/list\" \\\n  --header \"Authorization: Bearer $SEAM_API_KEY\""
        );
        assert_eq!(output(None, Style::Page), "{}");
    }
}
