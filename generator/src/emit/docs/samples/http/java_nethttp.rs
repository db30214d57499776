//! Java's `java.net.http`, as `httpsnippet`'s `java`/`nethttp` client prints it.

use super::js;
use super::literal::{safe, Syntax};
use super::{Lines, Prepared};

/// The code.
pub fn code(request: &Prepared) -> String {
    let mut out = Lines::new("  ");
    out.push("HttpRequest request = HttpRequest.newBuilder()");
    out.push_at(
        2,
        format!(
            ".uri(URI.create({}))",
            java(format!("\"{}\"", request.full_url), &request.full_url)
        ),
    );
    for (name, value) in &request.all_headers {
        out.push_at(
            2,
            format!(
                ".header({}, {})",
                java(format!("\"{name}\""), name),
                java(format!("\"{}\"", js::escape_double(value)), value)
            ),
        );
    }
    let method = request.request.method.to_uppercase();
    match &request.text {
        Some(text) => out.push_at(
            2,
            format!(
                ".method(\"{method}\", HttpRequest.BodyPublishers.ofString({}))",
                java(js::string_literal(text), text)
            ),
        ),
        None => out.push_at(2, format!(".method(\"{method}\", HttpRequest.BodyPublishers.noBody())")),
    }
    out.push_at(2, ".build();");
    out.push(
        "HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());",
    );
    out.push("System.out.println(response.body());");
    out.join()
}

/// A Java string literal: the snippet library's when it reads back as `value`.
fn java(snippet: String, value: &str) -> String {
    safe(Syntax::JavaDouble, snippet, value)
}
