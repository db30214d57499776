//! Go's `net/http`, as `httpsnippet`'s `go`/`native` client prints it.

use super::js;
use super::literal::{safe, Syntax};
use super::{Lines, Prepared};

/// The code.
pub fn code(request: &Prepared) -> String {
    let mut out = Lines::new("\t");
    out.push("package main");
    out.blank();
    out.push("import (");
    out.push_at(1, "\"fmt\"");
    if request.text.is_some() {
        out.push_at(1, "\"strings\"");
    }
    out.push_at(1, "\"net/http\"");
    out.push_at(1, "\"io\"");
    out.push(")");
    out.blank();
    out.push("func main() {");
    out.blank();
    out.push_at(
        1,
        format!("url := {}", go(format!("\"{}\"", request.full_url), &request.full_url)),
    );
    out.blank();
    let method = &request.request.method;
    match &request.text {
        Some(text) => {
            out.push_at(
                1,
                format!("payload := strings.NewReader({})", go(js::string_literal(text), text)),
            );
            out.blank();
            out.push_at(1, format!("req, _ := http.NewRequest(\"{method}\", url, payload)"));
        }
        None => out.push_at(1, format!("req, _ := http.NewRequest(\"{method}\", url, nil)")),
    }
    out.blank();
    if !request.all_headers.is_empty() {
        for (name, value) in &request.all_headers {
            out.push_at(
                1,
                format!(
                    "req.Header.Add({}, {})",
                    go(format!("\"{name}\""), name),
                    go(format!("\"{}\"", js::escape_double(value)), value)
                ),
            );
        }
        out.blank();
    }
    out.push_at(1, "res, _ := http.DefaultClient.Do(req)");
    out.blank();
    out.push_at(1, "defer res.Body.Close()");
    out.push_at(1, "body, _ := io.ReadAll(res.Body)");
    out.blank();
    out.push_at(1, "fmt.Println(res)");
    out.push_at(1, "fmt.Println(string(body))");
    out.blank();
    out.push("}");
    out.join()
}

/// A Go string literal: the snippet library's when it reads back as `value`.
fn go(snippet: String, value: &str) -> String {
    safe(Syntax::GoDouble, snippet, value)
}
