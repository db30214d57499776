//! Java's `java.net.http`, as `httpsnippet`'s `java`/`nethttp` client prints it.

use super::js;
use super::{Lines, Prepared};

/// The code.
pub fn code(request: &Prepared) -> String {
    let mut out = Lines::new("  ");
    out.push("HttpRequest request = HttpRequest.newBuilder()");
    out.push_at(2, format!(".uri(URI.create(\"{}\"))", request.full_url));
    for (name, value) in &request.all_headers {
        out.push_at(2, format!(".header(\"{name}\", \"{}\")", js::escape_double(value)));
    }
    let method = request.request.method.to_uppercase();
    match &request.text {
        Some(text) => out.push_at(
            2,
            format!(
                ".method(\"{method}\", HttpRequest.BodyPublishers.ofString({}))",
                js::string_literal(text)
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
