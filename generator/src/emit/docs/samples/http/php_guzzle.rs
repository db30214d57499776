//! PHP's Guzzle, as `httpsnippet`'s `php`/`guzzle` client prints it.

use serde_json::Value;

use super::js;
use super::literal::{safe, Syntax};
use super::{cookie_header, grouped_value, Body, Lines, Prepared};

const INDENT: &str = "  ";

/// The code.
pub fn code(request: &Prepared) -> String {
    let mut out = Lines::new(INDENT);
    out.push("<?php");
    out.blank();
    let mut options: Vec<String> = Vec::new();
    let mut multipart = None;
    match &request.request.body {
        Body::Multipart(parts) => {
            let fields: Vec<Value> = parts
                .iter()
                .filter(|part| !part.value.is_empty())
                .map(|part| {
                    Value::Object(
                        [
                            ("name".to_owned(), Value::String(part.name.clone())),
                            ("contents".to_owned(), Value::String(part.value.clone())),
                        ]
                        .into_iter()
                        .collect(),
                    )
                })
                .collect();
            if !fields.is_empty() {
                multipart = Some(php_value(&Value::Array(fields), &INDENT.repeat(2), INDENT));
            }
        }
        Body::Form(_) => options.push(format!(
            "{INDENT}'form_params' => {},",
            php_value(&grouped_value(&request.form), &INDENT.repeat(2), INDENT)
        )),
        _ => {
            if let Some(text) = &request.text {
                options.push(format!(
                    "{INDENT}'body' => {},",
                    php_value(&Value::String(text.clone()), "", "")
                ));
            }
        }
    }
    // Guzzle states a multipart body's content type itself, with its boundary.
    let mut headers: Vec<&(String, String)> = request
        .headers
        .iter()
        .filter(|(name, _)| multipart.is_none() || !name.eq_ignore_ascii_case("content-type"))
        .collect();
    headers.sort_by(|a, b| utf16_order(&a.0, &b.0));
    let mut header_lines: Vec<String> = headers
        .iter()
        .map(|(name, value)| {
            format!(
                "{INDENT}{INDENT}{} => {},",
                php(format!("'{name}'"), name),
                php(format!("'{}'", js::escape_single(value)), value)
            )
        })
        .collect();
    if !request.request.cookies.is_empty() {
        let cookie = cookie_header(&request.request.cookies);
        header_lines.push(format!(
            "{INDENT}{INDENT}'cookie' => {},",
            php(format!("'{}'", js::escape_single(&cookie)), &cookie)
        ));
    }
    if let Some(fields) = multipart {
        let item = format!("{INDENT}'multipart' => {fields}");
        // The snippet library ends this item without the comma PHP needs before the next.
        options.push(match header_lines.is_empty() {
            true => item,
            false => safe(Syntax::PhpArrayItem, item.clone(), &format!("{item},")),
        });
    }
    if !header_lines.is_empty() {
        options.push(format!("{INDENT}'headers' => ["));
        options.push(header_lines.join("\n"));
        options.push(format!("{INDENT}],"));
    }
    out.push("$client = new \\GuzzleHttp\\Client();");
    out.blank();
    let method = &request.request.method;
    if options.is_empty() {
        out.push(format!(
            "$response = $client->request('{method}', {});",
            php(format!("'{}'", request.full_url), &request.full_url)
        ));
    } else {
        out.push(format!(
            "$response = $client->request('{method}', {}, [",
            php(format!("'{}'", request.full_url), &request.full_url)
        ));
        out.push(options.join("\n"));
        out.push("]);");
    }
    out.blank();
    out.push("echo $response->getBody();");
    out.join()
}

/// JavaScript's default sort order: by UTF-16 code units.
fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// `convertType` of the PHP target's helpers.
fn php_value(value: &Value, indent: &str, last_indent: &str) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::String(s) => php(format!("'{}'", js::escape(s, '\'', false)), s),
        Value::Number(n) => js::number(n),
        Value::Array(items) => {
            let deeper = format!("{indent}{indent}");
            let contents: Vec<String> = items.iter().map(|item| php_value(item, &deeper, indent)).collect();
            format!("[\n{indent}{}\n{last_indent}]", contents.join(&format!(",\n{indent}")))
        }
        Value::Object(map) => {
            let deeper = format!("{indent}{indent}");
            let contents: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{} => {}",
                        php_value(&Value::String(k.clone()), indent, ""),
                        php_value(v, &deeper, indent)
                    )
                })
                .collect();
            format!("[\n{indent}{}\n{last_indent}]", contents.join(&format!(",\n{indent}")))
        }
        Value::Bool(_) => "null".to_owned(),
    }
}

/// A PHP string literal: the snippet library's when it reads back as `value`.
fn php(snippet: String, value: &str) -> String {
    safe(Syntax::PhpSingle, snippet, value)
}
