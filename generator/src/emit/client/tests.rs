//! `tests/samples.rs` of the generated crate: every sample, run as written against a mock
//! server that checks the request (method, path, bearer token, exact body or query) and answers
//! with the sample's response, which the call must return.
//!
//! The file is written as text, not through prettyplease, so each sample's code stays exactly
//! what the docs show; the tests are `#[rustfmt::skip]` for the same reason.

use std::fmt::Write as _;

use serde_json::Value;

use super::rust::HEADER;
use crate::model::{ParamLocation, Response};
use crate::plan::names::{self, Namer};
use crate::plan::EndpointId;
use crate::plan::{debug_view, feature_of, render_call, result_variable, rust_type, Layout, Scope, TypeSpace};

/// The API key the tests' client sends.
const KEY: &str = "seam_test_api_key";

/// The contents of `tests/samples.rs`.
pub fn emit(ctx: &TypeSpace, layout: &Layout) -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        r#"//! Every sample of the API description, run against a mock server that checks the request
//! and answers with the sample's response.

#![allow(deprecated, unused_imports, dead_code)]

use seam::types::*;

/// Matches a query string with exactly these pairs, in any order.
struct Query(&'static [(&'static str, &'static str)]);

impl wiremock::Match for Query {
    fn matches(&self, request: &wiremock::Request) -> bool {
        let mut got: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut want: Vec<(String, String)> = self.0.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        got.sort();
        want.sort();
        got == want
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

async fn client(server: &wiremock::MockServer) -> seam::Seam {
"#,
    );
    let _ = writeln!(
        out,
        "    seam::Seam::builder()\n        .api_key(\"{KEY}\")\n        .base_url(server.uri())\n        \
         // A sample's response is the API's first answer: an action attempt is not polled.\n        \
         .wait_for_action_attempt(false)\n        .build()\n        .unwrap()\n}}"
    );
    let mut namer = Namer::with_reserved(&["client", "json"]);
    for (index, e) in ctx.api.endpoints.iter().enumerate() {
        for sample in &e.samples {
            let name = namer.unique(names::snake(&sample.title));
            out.push('\n');
            let _ = writeln!(out, "/// {}", sample.title.replace('\n', " "));
            if let Some(feature) = feature_of(e) {
                let _ = writeln!(out, "#[cfg(feature = \"{feature}\")]");
            }
            let _ = writeln!(out, "#[tokio::test]\n#[rustfmt::skip]");
            let _ = writeln!(out, "async fn {name}() -> Result<(), seam::Error> {{");
            out.push_str("    let server = wiremock::MockServer::start().await;\n");
            let _ = writeln!(
                out,
                "    wiremock::Mock::given(wiremock::matchers::method(\"{}\"))",
                e.http_method.as_str()
            );
            let _ = writeln!(out, "        .and(wiremock::matchers::path({:?}))", e.path);
            let _ = writeln!(
                out,
                "        .and(wiremock::matchers::header(\"authorization\", \"Bearer {KEY}\"))"
            );
            match e.param_location {
                ParamLocation::Body => {
                    let body = serde_json::to_string(&Value::Object(sample.params.clone())).unwrap_or_default();
                    let _ = writeln!(out, "        .and(wiremock::matchers::body_json(json({})))", raw(&body));
                }
                ParamLocation::Query => {
                    let pairs: Vec<String> = query_pairs(&sample.params)
                        .iter()
                        .map(|(k, v)| format!("({k:?}, {v:?})"))
                        .collect();
                    let _ = writeln!(out, "        .and(Query(&[{}]))", pairs.join(", "));
                }
            }
            let response = match &sample.response {
                Some(body) => serde_json::to_string(body).unwrap_or_default(),
                None => "{\"ok\":true}".to_owned(),
            };
            let _ = writeln!(
                out,
                "        .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(json({})))",
                raw(&response)
            );
            out.push_str("        .expect(1)\n        .mount(&server)\n        .await;\n");
            out.push_str("    let seam = client(&server).await;\n");
            let call = render_call(ctx, layout, EndpointId(index), &sample.params);
            for line in call.lines() {
                let _ = writeln!(out, "    {line}");
            }
            if let (Response::Value { key, ty }, Some(var), Some(body)) =
                (&e.response, result_variable(e), &sample.response)
            {
                let expected = body.get(key).cloned().unwrap_or(Value::Null);
                let printed = debug_view(ctx, ty, &expected);
                let ty = rust_type(ctx, ty, Scope::Types).to_string();
                let ty = ty.replace(" < ", "<").replace(" >", ">").replace(" :: ", "::");
                let _ = writeln!(
                    out,
                    "    let expected: {ty} = serde_json::from_value(json({})).unwrap();",
                    raw(&serde_json::to_string(&expected).unwrap_or_default())
                );
                let _ = writeln!(out, "    assert_eq!({var}, expected);");
                // The page's Output is this text: it must be what the call prints.
                // A format string names a keyword without `r#`.
                let bare = names::bare(&var);
                let _ = writeln!(out, "    assert_eq!(format!(\"{{{bare}:#?}}\"), {});", raw(&printed));
            }
            out.push_str("    Ok(())\n}\n");
        }
    }
    out
}

/// A raw string literal that can hold `text`.
fn raw(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}

/// The query pairs the runtime sends for these parameters: lists as repeated keys and an
/// empty list as an empty value, object fields under dotted names, `null` as an empty value,
/// empty strings left out, whole numbers without a fraction.
fn query_pairs(params: &serde_json::Map<String, Value>) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    flatten(params, "", &mut pairs);
    pairs
}

fn flatten(params: &serde_json::Map<String, Value>, prefix: &str, pairs: &mut Vec<(String, String)>) {
    for (key, value) in params {
        let name = format!("{prefix}{key}");
        match value {
            Value::Object(fields) => flatten(fields, &format!("{name}."), pairs),
            Value::String(text) if text.is_empty() => {}
            Value::Array(items) if items.is_empty() => pairs.push((name, String::new())),
            Value::Array(items) => {
                for item in items {
                    pairs.push((name.clone(), query_text(item)));
                }
            }
            other => pairs.push((name, query_text(other))),
        }
    }
}

fn query_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}
