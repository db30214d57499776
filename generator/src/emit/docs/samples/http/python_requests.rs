//! Python's `requests`, as `httpsnippet`'s `python`/`requests` client prints it.

use serde_json::Value;

use super::js;
use super::literal::{kept, safe, Syntax};
use super::{grouped_value, Body, Lines, Prepared};

const INDENT: &str = "    ";

/// The code.
pub fn code(request: &Prepared) -> String {
    let mut out = Lines::new(INDENT);
    out.push("import requests");
    out.blank();
    out.push(format!("url = {}", py(format!("\"{}\"", request.url), &request.url)));
    out.blank();
    let has_query = !request.query.is_empty();
    if has_query {
        out.push(format!("querystring = {}", js::json(&grouped_value(&request.query))));
        out.blank();
    }
    let (payload, json) = match &request.request.body {
        Body::Json(_) => (request.json().map(|v| literal(&v, 1)), true),
        Body::Form(_) if !request.form.is_empty() => (Some(literal(&grouped_value(&request.form), 1)), false),
        _ => (request.text.as_deref().map(js::string_literal), false),
    };
    // httpsnippet prints no body that JavaScript reads as false; the call sends it all the same.
    let falsy = json && request.json().is_some_and(|value| read_as_false(&value));
    if let Some(payload) = &payload {
        let line = format!("payload = {payload}");
        match falsy {
            true => out.push(kept(Syntax::PythonFalsyBody, "", line + "\n").trim_end().to_owned()),
            false => out.push(line),
        }
    }
    let headers = &request.all_headers;
    let header = |(name, value): &(String, String)| {
        format!(
            "{}: {}",
            py(format!("\"{name}\""), name),
            py(format!("\"{}\"", js::escape_double(value)), value)
        )
    };
    match headers.len() {
        0 if payload.is_some() => out.blank(),
        0 => {}
        1 => {
            out.push(format!("headers = {{{}}}", header(&headers[0])));
            out.blank();
        }
        n => {
            out.push("headers = {");
            for (i, h) in headers.iter().enumerate() {
                let comma = if i + 1 < n { "," } else { "" };
                out.push_at(1, format!("{}{comma}", header(h)));
            }
            out.push("}");
            out.blank();
        }
    }
    let method = request.request.method.as_str();
    let mut call = if ["HEAD", "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].contains(&method) {
        format!("response = requests.{}(url", method.to_lowercase())
    } else {
        format!("response = requests.request(\"{method}\", url")
    };
    if payload.is_some() {
        match (json, falsy) {
            (true, true) => call.push_str(&kept(Syntax::PythonFalsyBody, "", ", json=payload".to_owned())),
            (true, false) => call.push_str(", json=payload"),
            (false, _) => call.push_str(", data=payload"),
        }
    }
    if !headers.is_empty() {
        call.push_str(", headers=headers");
    }
    if has_query {
        call.push_str(", params=querystring");
    }
    call.push(')');
    out.push(call);
    out.blank();
    out.push("print(response.json())");
    out.join()
}

/// `literalRepresentation` of the Python target's helpers, at `level`.
fn literal(value: &Value, level: usize) -> String {
    match value {
        Value::Number(n) => js::number(n),
        Value::Null => "None".to_owned(),
        Value::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
        Value::String(s) => py(format!("\"{}\"", s.replace('"', "\\\"")), s),
        Value::Array(items) => {
            let mut pretty = false;
            let values: Vec<String> = items
                .iter()
                .map(|item| {
                    if let Value::Object(map) = item {
                        pretty = map.len() > 1;
                    }
                    literal(item, level + 1)
                })
                .collect();
            concat('[', ']', &values, pretty, level)
        }
        Value::Object(map) => {
            let values: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", py(format!("\"{k}\""), k), literal(v, level + 1)))
                .collect();
            let pretty = values.len() > 1;
            concat('{', '}', &values, pretty, level)
        }
    }
}

fn concat(open: char, close: char, values: &[String], pretty: bool, level: usize) -> String {
    if pretty {
        let indent = INDENT.repeat(level);
        let closing = INDENT.repeat(level - 1);
        return format!(
            "{open}\n{indent}{}\n{closing}{close}",
            values.join(&format!(",\n{indent}"))
        );
    }
    if open == '{' && !values.is_empty() {
        return format!("{open} {} {close}", values.join(", "));
    }
    format!("{open}{}{close}", values.join(", "))
}

/// A Python string literal: the snippet library's when it reads back as `value`.
fn py(snippet: String, value: &str) -> String {
    safe(Syntax::PythonDouble, snippet, value)
}

/// Whether JavaScript reads `value` as false.
fn read_as_false(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => true,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}
