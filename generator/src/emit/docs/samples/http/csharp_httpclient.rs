//! C#'s `HttpClient`, as `httpsnippet`'s `csharp`/`httpclient` client prints it.

use super::js;
use super::literal::{safe, Syntax};
use super::{Body, Lines, Prepared};

/// The code.
pub fn code(request: &Prepared) -> String {
    let mut out = Lines::new("    ");
    out.push("using System.Net.Http.Headers;");
    let header = |name: &str| request.all_headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name));
    let cookies = request.all_headers.iter().any(|(n, v)| n == "cookie" && !v.is_empty());
    let decompression: Vec<&str> = header("accept-encoding")
        .map(|(_, v)| {
            v.split(',')
                .filter_map(|encoding| match encoding.trim_start().split([';', ' ', '\t']).next() {
                    Some("gzip") => Some("DecompressionMethods.GZip"),
                    Some("deflate") => Some("DecompressionMethods.Deflate"),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let mut handler = "";
    if cookies || !decompression.is_empty() {
        handler = "clientHandler";
        out.push("var clientHandler = new HttpClientHandler");
        out.push("{");
        if cookies {
            out.push_at(1, "UseCookies = false,");
        }
        if !decompression.is_empty() {
            out.push_at(1, format!("AutomaticDecompression = {},", decompression.join(" | ")));
        }
        out.push("};");
    }
    out.push(format!("var client = new HttpClient({handler});"));
    out.push("var request = new HttpRequestMessage");
    out.push("{");
    let method = request.request.method.to_uppercase();
    let method = if ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"].contains(&method.as_str()) {
        format!("HttpMethod.{}{}", &method[..1], method[1..].to_lowercase())
    } else {
        format!("new HttpMethod(\"{method}\")")
    };
    out.push_at(1, format!("Method = {method},"));
    out.push_at(
        1,
        format!(
            "RequestUri = new Uri({}),",
            cs(format!("\"{}\"", request.full_url), &request.full_url)
        ),
    );
    let headers: Vec<&(String, String)> = request
        .all_headers
        .iter()
        .filter(|(name, _)| {
            !matches!(
                name.to_lowercase().as_str(),
                "content-type" | "content-length" | "accept-encoding"
            )
        })
        .collect();
    if !headers.is_empty() {
        out.push_at(1, "Headers =");
        out.push_at(1, "{");
        for (name, value) in headers {
            out.push_at(
                2,
                format!(
                    "{{ {}, {} }},",
                    cs(format!("\"{name}\""), name),
                    cs(format!("\"{}\"", js::escape_double(value)), value)
                ),
            );
        }
        out.push_at(1, "},");
    }
    if let Some(text) = &request.text {
        match &request.request.body {
            Body::Multipart(parts) => {
                out.push_at(1, "Content = new MultipartFormDataContent");
                out.push_at(1, "{");
                for part in parts {
                    out.push_at(
                        2,
                        format!(
                            "new StringContent({})",
                            cs(js::string_literal(&part.value), &part.value)
                        ),
                    );
                    out.push_at(2, "{");
                    out.push_at(3, "Headers =");
                    out.push_at(3, "{");
                    if let Some(content_type) = &part.content_type {
                        out.push_at(
                            4,
                            format!("ContentType = new MediaTypeHeaderValue(\"{content_type}\"),"),
                        );
                    }
                    out.push_at(
                        4,
                        "ContentDisposition = new ContentDispositionHeaderValue(\"form-data\")",
                    );
                    out.push_at(4, "{");
                    out.push_at(5, format!("Name = {},", cs(format!("\"{}\"", part.name), &part.name)));
                    out.push_at(4, "}");
                    out.push_at(3, "}");
                    out.push_at(2, "},");
                }
                out.push_at(1, "},");
            }
            Body::Form(pairs) => {
                out.push_at(1, "Content = new FormUrlEncodedContent(new Dictionary<string, string>");
                out.push_at(1, "{");
                for (name, value) in pairs {
                    out.push_at(
                        2,
                        format!(
                            "{{ {}, {} }},",
                            cs(format!("\"{name}\""), name),
                            cs(format!("\"{value}\""), value)
                        ),
                    );
                }
                out.push_at(1, "}),");
            }
            _ => {
                out.push_at(
                    1,
                    format!("Content = new StringContent({})", cs(js::string_literal(text), text)),
                );
                out.push_at(1, "{");
                out.push_at(2, "Headers =");
                out.push_at(2, "{");
                out.push_at(
                    3,
                    format!("ContentType = new MediaTypeHeaderValue(\"{}\")", request.mime_type()),
                );
                out.push_at(2, "}");
                out.push_at(1, "}");
            }
        }
    }
    out.push("};");
    out.push("using (var response = await client.SendAsync(request))");
    out.push("{");
    out.push_at(1, "response.EnsureSuccessStatusCode();");
    out.push_at(1, "var body = await response.Content.ReadAsStringAsync();");
    out.push_at(1, "Console.WriteLine(body);");
    out.push("}");
    out.join()
}

/// A C# string literal: the snippet library's when it reads back as `value`.
fn cs(snippet: String, value: &str) -> String {
    safe(Syntax::CSharpDouble, snippet, value)
}
