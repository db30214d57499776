//! cURL: one POST with a JSON body, as the API reference pages and the guides write it; for an
//! endpoint outside Seam's dialect, the request its description defines.

use serde_json::{Map, Value};

use super::shell::{self, double_quoted, double_quoted_text, single_quoted};
use super::{prettier, printer};
use super::{Call, Shown, Style};
use heck::ToShoutySnakeCase;

use crate::model::{wire, Api, BodyContent, Endpoint, KeyPlace, SchemeKind};

/// The command.
pub fn code(call: &Call, style: Style) -> String {
    let url = format!("{}{}", call.base_url, call.path);
    match style {
        Style::Page => {
            let mut out = format!(
                "curl --include --request POST {} \\\n  --header \"Authorization: Bearer $SEAM_API_KEY\"",
                double_quoted(&url)
            );
            if !call.params.is_empty() {
                out.push_str(&json_body(&Value::Object(call.params.clone())));
            }
            out
        }
        Style::Guide => {
            let mut out = format!(
                "curl -X 'POST' \\\n  {} \\\n  -H \"Authorization: Bearer ${{API_KEY}}\"",
                single_quoted(&url)
            );
            if !call.params.is_empty() {
                out.push_str(" \\\n  -H 'Content-Type: application/json' \\\n  -d ");
                out.push_str(&single_quoted(&printer::json(&call.params_node(None), "#")));
            }
            out
        }
    }
}

/// The request an endpoint outside Seam's dialect defines: its method, its path with the
/// path parameters filled in, its query, headers and cookies, its JSON body, and the
/// credentials of its first security requirement, each read from a shell variable named
/// after its scheme.
pub fn described_request(api: &Api, endpoint: &Endpoint, params: &Map<String, Value>) -> String {
    let request = endpoint.request(params);
    let mut query: Vec<String> = wire::styled_query_pairs(&request.query, &request.query_styles)
        .iter()
        .map(|(key, value)| format!("{}={}", wire::percent_encoded(key), wire::percent_encoded(value)))
        .collect();
    let mut headers: Vec<String> = request
        .headers
        .iter()
        .map(|(name, value)| double_quoted(&format!("{name}: {value}")))
        .collect();
    let mut cookies: Vec<String> = request
        .cookie_header()
        .into_iter()
        .map(|c| double_quoted_text(&c))
        .collect();
    let mut user = None;
    for scheme in api.first_requirement(endpoint) {
        let variable = format!("${}", scheme.name.to_shouty_snake_case());
        match &scheme.kind {
            SchemeKind::Bearer => headers.insert(0, format!("\"Authorization: Bearer {variable}\"")),
            SchemeKind::Basic => user = Some(format!("\"{variable}_USERNAME:{variable}_PASSWORD\"")),
            SchemeKind::ApiKey { name, place } => match place {
                KeyPlace::Header => headers.push(format!("\"{}: {variable}\"", double_quoted_text(name))),
                KeyPlace::Query => query.push(format!("{}={variable}", wire::percent_encoded(name))),
                KeyPlace::Cookie => cookies.push(format!("{}={variable}", double_quoted_text(name))),
            },
        }
    }
    let mut url = double_quoted_text(&format!("{}{}", api.base_url, request.path));
    if !query.is_empty() {
        url = format!("{url}?{}", query.join("&"));
    }
    // curl waits for the body a HEAD request's answer announces unless told it has none.
    let mut out = match endpoint.http_method {
        crate::model::HttpMethod::Head => format!("curl --include --head \"{url}\""),
        method => format!("curl --include --request {} \"{url}\"", method.as_str()),
    };
    if let Some(user) = user {
        out.push_str(&format!(" \\\n  --user {user}"));
    }
    for header in headers {
        out.push_str(&format!(" \\\n  --header {header}"));
    }
    if !cookies.is_empty() {
        out.push_str(&format!(" \\\n  --cookie \"{}\"", cookies.join("; ")));
    }
    match (&request.whole, request.media_type.as_deref()) {
        (Some(value), Some(media_type)) => {
            let essence = media_type.split(';').next().unwrap_or("").trim();
            match &endpoint.body {
                BodyContent::Json { .. } => {
                    if essence != "application/json" {
                        out.push_str(&format!(
                            " \\\n  --header {}",
                            double_quoted(&format!("Content-Type: {media_type}"))
                        ));
                    }
                    out.push_str(&json_body(value));
                }
                _ => {
                    let media_type = if media_type.contains('*') {
                        "application/octet-stream"
                    } else {
                        media_type
                    };
                    out.push_str(&format!(
                        " \\\n  --header {} \\\n  --data-binary {}",
                        double_quoted(&format!("Content-Type: {media_type}")),
                        double_quoted(&wire::text(value))
                    ));
                }
            }
            return out;
        }
        (None, Some(_)) if !request.files.is_empty() || matches!(endpoint.body, BodyContent::Multipart { .. }) => {
            // Each field a part, taken as it is (`--form-string`: no `@file` or `<file`
            // read), a list's items a part each, as the runtime sends them; a file's bytes,
            // given as text, sent last as `application/octet-stream`.
            let fields = request.body.iter().flatten();
            for (name, value) in fields.clone().filter(|(name, _)| !request.files.contains(name)) {
                let items = match value {
                    Value::Array(items) => items.clone(),
                    other => vec![other.clone()],
                };
                for item in items {
                    let text = match item {
                        Value::Object(_) | Value::Array(_) => item.to_string(),
                        scalar => wire::text(&scalar),
                    };
                    out.push_str(&format!(
                        " \\\n  --form-string {}",
                        double_quoted(&format!("{name}={text}"))
                    ));
                }
            }
            for (name, value) in fields.filter(|(name, _)| request.files.contains(name)) {
                let part = format!("{name}={};type=application/octet-stream", wire::text(value));
                out.push_str(&format!(" \\\n  --form {}", double_quoted(&part)));
            }
            return out;
        }
        _ => {}
    }
    match request.body {
        Some(body) if request.form => {
            out.push_str(&format!(
                " \\\n  --data {}",
                double_quoted(&wire::form_encoded(&body, &request.query_styles))
            ));
        }
        // The runtime sends a JSON body's fields as an object, an empty one too.
        Some(body) => out.push_str(&json_body(&Value::Object(body))),
        None => {}
    }
    out
}

/// ` --json @-` reading `body`, pretty JSON, from a here-document: `<<EOF` as the live pages
/// write it, `<<'EOF'` when a value would expand in it.
fn json_body(body: &Value) -> String {
    let json = prettier::stringify_pretty(body);
    let (opener, delimiter) = shell::here_document(&json);
    format!(" \\\n  --json @- {opener}\n{json}\n{delimiter}")
}

/// The response body: as the sample wrote it (pages), or with `"ok": true` as the API sends
/// it (guides).
pub fn output(shown: Option<&Shown>, style: Style) -> String {
    match shown {
        None => "{}".to_owned(),
        // The whole body is the result.
        Some(shown) if shown.key.is_empty() => shown.resource_json().to_owned(),
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
            ..test_call("/acs/credentials/create", json!({"code": "a b", "ids": ["x"], "o": {}}))
        };
        assert_eq!(
            code(&call, Style::Page),
            "curl --include --request POST \"https://connect.getseam.com/acs/credentials/create\" \\\n  \
             --header \"Authorization: Bearer $SEAM_API_KEY\" \\\n  --json @- <<EOF\n{\n  \
             \"code\": \"a b\",\n  \"ids\": [\n    \"x\"\n  ],\n  \"o\": {}\n}\nEOF"
        );
    }

    #[test]
    fn a_body_that_would_expand_is_in_a_quoted_here_document() {
        for value in ["a$b", "`id`", "q\"uote"] {
            let call = test_call("/a/b", json!({ "code": value }));
            let code = code(&call, Style::Page);
            assert!(code.contains("--json @- <<'EOF'\n{\n"), "{code}");
            assert!(code.ends_with("\n}\nEOF"), "{code}");
        }
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
