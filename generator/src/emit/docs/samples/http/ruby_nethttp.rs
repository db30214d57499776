//! Ruby's `net/http`, as `httpsnippet`'s `ruby`/`native` client prints it.

use super::js;
use super::literal::{safe, Syntax};
use super::{Lines, Prepared};

const METHODS: [&str; 12] = [
    "GET", "POST", "HEAD", "DELETE", "PATCH", "PUT", "OPTIONS", "COPY", "LOCK", "UNLOCK", "MOVE", "TRACE",
];

/// The code.
pub fn code(request: &Prepared) -> String {
    let mut out = Lines::new("");
    out.push("require 'uri'");
    out.push("require 'net/http'");
    out.blank();
    let method = request.request.method.to_uppercase();
    let class = format!("{}{}", &method[..1], method[1..].to_lowercase());
    if !METHODS.contains(&method.as_str()) {
        out.push(format!("class Net::HTTP::{class} < Net::HTTPRequest"));
        out.push(format!("  METHOD = '{method}'"));
        out.push(format!(
            "  REQUEST_HAS_BODY = '{}'",
            if request.text.is_some() { "true" } else { "false" }
        ));
        out.push("  RESPONSE_HAS_BODY = true");
        out.push("end");
        out.blank();
    }
    out.push(format!(
        "url = URI({})",
        safe(
            Syntax::RubyDouble,
            format!("\"{}\"", request.full_url),
            &request.full_url
        )
    ));
    out.blank();
    out.push("http = Net::HTTP.new(url.host, url.port)");
    if request.full_url.to_lowercase().starts_with("https:") {
        out.push("http.use_ssl = true");
    }
    out.blank();
    out.push(format!("request = Net::HTTP::{class}.new(url)"));
    for (name, value) in &request.all_headers {
        out.push(format!(
            "request[{}] = {}",
            safe(Syntax::RubyDouble, format!("\"{name}\""), name),
            safe(Syntax::RubySingle, format!("'{}'", js::escape_single(value)), value)
        ));
    }
    if let Some(text) = &request.text {
        out.push(format!(
            "request.body = {}",
            safe(Syntax::RubyDouble, js::string_literal(text), text)
        ));
    }
    out.blank();
    out.push("response = http.request(request)");
    out.push("puts response.read_body");
    out.join()
}
