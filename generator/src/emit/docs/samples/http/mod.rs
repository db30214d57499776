//! The tabs that call the API with a language's HTTP library (JavaScript's `fetch`, Python's
//! `requests`, Ruby's `net/http`, PHP's Guzzle, Go's `net/http`, Java's `java.net.http`, C#'s
//! `HttpClient`), for descriptions outside Seam's dialect.
//!
//! Every tab prints one language-neutral [`HttpRequest`], built from the model's request
//! layout ([`Endpoint::request`]) and a sample's values. Their layout is what the snippet
//! library ReadMe and Stoplight build on (`httpsnippet` 3.0.10) prints for the same request
//! given as a HAR ([`HttpRequest::har`]); `generator/tests/httpsnippet.rs` compares the two.

mod csharp_httpclient;
mod go_native;
mod java_nethttp;
mod javascript_fetch;
pub mod js;
pub mod literal;
mod node_native;
mod php_guzzle;
mod python_requests;
mod ruby_nethttp;

use heck::ToShoutySnakeCase;
use serde_json::{json, Map, Value};

use crate::model::{wire, Api, BodyContent, Endpoint, KeyPlace, Response, SchemeKind};
use crate::plan::{Anatomy, Profile};

/// An HTTP library a tab calls the API with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Client {
    /// JavaScript's `fetch`.
    JavaScriptFetch,
    /// Python's `requests`.
    PythonRequests,
    /// Ruby's `net/http`.
    RubyNetHttp,
    /// PHP's Guzzle.
    PhpGuzzle,
    /// Go's `net/http`.
    GoNative,
    /// Java's `java.net.http`.
    JavaNetHttp,
    /// C#'s `HttpClient`.
    CSharpHttpClient,
}

impl Client {
    /// Every client, in the order of the pages' tabs.
    pub const ALL: [Client; 7] = [
        Client::JavaScriptFetch,
        Client::PythonRequests,
        Client::RubyNetHttp,
        Client::PhpGuzzle,
        Client::GoNative,
        Client::JavaNetHttp,
        Client::CSharpHttpClient,
    ];

    /// The snippet library's target and client names the tab of `request` is printed as, e.g.
    /// `("javascript", "fetch")`; a GET or HEAD with a body, which `fetch` refuses to send, is
    /// printed with Node's `http` (`("node", "native")`).
    pub fn httpsnippet(self, request: &HttpRequest) -> (&'static str, &'static str) {
        match self {
            Client::JavaScriptFetch if node_native::needed(request) => ("node", "native"),
            Client::JavaScriptFetch => ("javascript", "fetch"),
            Client::PythonRequests => ("python", "requests"),
            Client::RubyNetHttp => ("ruby", "native"),
            Client::PhpGuzzle => ("php", "guzzle"),
            Client::GoNative => ("go", "native"),
            Client::JavaNetHttp => ("java", "nethttp"),
            Client::CSharpHttpClient => ("csharp", "httpclient"),
        }
    }

    /// The code that sends `request`, with the literals printed other than the snippet
    /// library prints them, because its text does not read back as the value
    /// ([`literal`]).
    pub fn code_and_corrections(self, request: &HttpRequest) -> (String, Vec<literal::Correction>) {
        literal::recording(|| self.code(request))
    }

    /// The code that sends `request`.
    pub fn code(self, request: &HttpRequest) -> String {
        let prepared = Prepared::of(request);
        match self {
            Client::JavaScriptFetch if node_native::needed(request) => node_native::code(&prepared),
            Client::JavaScriptFetch => javascript_fetch::code(&prepared),
            Client::PythonRequests => python_requests::code(&prepared),
            Client::RubyNetHttp => ruby_nethttp::code(&prepared),
            Client::PhpGuzzle => php_guzzle::code(&prepared),
            Client::GoNative => go_native::code(&prepared),
            Client::JavaNetHttp => java_nethttp::code(&prepared),
            Client::CSharpHttpClient => csharp_httpclient::code(&prepared),
        }
    }
}

/// One HTTP request, as every HTTP tab sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpRequest {
    /// The method, e.g. `GET`.
    pub method: String,
    /// The URL without its query: the base URL and the path, its parameters filled in.
    pub url: String,
    /// The query's pairs, not yet encoded, in order.
    pub query: Vec<(String, String)>,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The cookies, not yet encoded, in order.
    pub cookies: Vec<(String, String)>,
    /// The body.
    pub body: Body,
}

/// A request's body.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// No body.
    None,
    /// A JSON document (`application/json`): an object, a list or a scalar.
    Json(Value),
    /// A form (`application/x-www-form-urlencoded`): its pairs, not yet encoded, in order.
    Form(Vec<(String, String)>),
    /// A body set whole as text: plain text, bytes given as text, or JSON of another media
    /// type (`application/vnd.api+json`).
    Text {
        /// The media type it is sent as.
        mime: String,
        /// The body.
        text: String,
    },
    /// A `multipart/form-data` body: its parts, in order.
    Multipart(Vec<Part>),
}

/// One part of a multipart body, as the client's runtime sends it: a text field, a list's
/// item, an object as JSON (`application/json`), or a file's bytes given as text
/// (`application/octet-stream`, without a file name).
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The field's name.
    pub name: String,
    /// The part's content.
    pub value: String,
    /// The part's `Content-Type`, when it has one.
    pub content_type: Option<String>,
}

/// The boundary the snippet library writes a multipart body with.
const BOUNDARY: &str = "---011000010111000001101001";

impl Body {
    /// The `Content-Type` the body is sent with.
    pub fn mime_type(&self) -> Option<&str> {
        match self {
            Body::None => None,
            Body::Json(_) => Some("application/json"),
            Body::Form(_) => Some("application/x-www-form-urlencoded"),
            Body::Text { mime, .. } => Some(mime),
            Body::Multipart(_) => Some("multipart/form-data"),
        }
    }
}

/// The parts of a multipart body of `fields`, the fields named in `files` sent as files.
fn parts(fields: &Map<String, Value>, files: &[String]) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut files_parts = Vec::new();
    for (name, value) in fields {
        let part = |value: &Value| match value {
            Value::Object(_) | Value::Array(_) => Part {
                name: name.clone(),
                value: value.to_string(),
                content_type: Some("application/json".to_owned()),
            },
            scalar => Part {
                name: name.clone(),
                value: wire::text(scalar),
                content_type: None,
            },
        };
        if files.contains(name) {
            // The runtime sends the files after the fields.
            files_parts.push(Part {
                name: name.clone(),
                value: wire::text(value),
                content_type: Some("application/octet-stream".to_owned()),
            });
        } else if let Value::Array(items) = value {
            parts.extend(items.iter().map(part));
        } else {
            parts.push(part(value));
        }
    }
    parts.extend(files_parts);
    parts
}

/// A multipart body as the snippet library writes it (the `form-data` package's layout).
fn multipart_text(parts: &[Part]) -> String {
    let mut out = String::new();
    for part in parts {
        out.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{}\"\r\n",
            part.name
        ));
        if let Some(content_type) = &part.content_type {
            out.push_str(&format!("Content-Type: {content_type}\r\n"));
        }
        out.push_str(&format!("\r\n{}\r\n", part.value));
    }
    out.push_str(&format!("--{BOUNDARY}--\r\n"));
    out
}

/// A description without servers, or whose server is relative to where the description is
/// served (`/v2`), names no host; a tab must, so it shows such a server on `https://example.com`
/// (the host RFC 2606 keeps for examples), where a reader sees at once what to replace.
fn with_host(base_url: &str) -> std::borrow::Cow<'_, str> {
    if base_url.contains("://") {
        base_url.into()
    } else {
        format!("https://example.com{base_url}").into()
    }
}

/// Where a call of `endpoint` goes: its own server, one relative to the host (`/v2`) read on
/// the host of `base_url`, else `base_url`.
fn server_of(endpoint: &Endpoint, base_url: &str) -> String {
    match endpoint.server.as_deref() {
        Some(own) if own.starts_with('/') => {
            let host_end = base_url
                .find("://")
                .and_then(|scheme| base_url[scheme + 3..].find('/').map(|i| scheme + 3 + i))
                .unwrap_or(base_url.len());
            format!("{}{own}", &base_url[..host_end])
        }
        Some(own) => own.to_owned(),
        None => base_url.to_owned(),
    }
}

impl HttpRequest {
    /// The request a call of `endpoint` with `params` sends on `base_url`: laid out as the
    /// client's runtime lays it out ([`Endpoint::request`]), with `accept` and `content-type`
    /// headers for JSON, and the credentials of the first security requirement as
    /// placeholders named after their scheme (`YOUR_API_KEY`).
    pub fn of(api: &Api, base_url: &str, endpoint: &Endpoint, params: &Map<String, Value>) -> HttpRequest {
        let layout = endpoint.request(params);
        let styles = &layout.query_styles;
        let body = match (layout.whole, layout.media_type) {
            (Some(value), Some(mime)) => {
                let essence = mime.split(';').next().unwrap_or("").trim().to_owned();
                match endpoint.body {
                    BodyContent::Json { .. } if essence == "application/json" => Body::Json(value),
                    BodyContent::Json { .. } => Body::Text {
                        mime,
                        text: value.to_string(),
                    },
                    // A range (`image/*`) is sent as what the runtime sends a file without a
                    // type as.
                    _ if mime.contains('*') => Body::Text {
                        mime: "application/octet-stream".to_owned(),
                        text: wire::text(&value),
                    },
                    _ => Body::Text {
                        mime,
                        text: wire::text(&value),
                    },
                }
            }
            (None, Some(_)) if matches!(endpoint.body, BodyContent::Multipart { .. }) => {
                let fields = layout.body.unwrap_or_default();
                match parts(&fields, &layout.files) {
                    parts if parts.is_empty() => Body::None,
                    parts => Body::Multipart(parts),
                }
            }
            _ => match layout.body {
                Some(fields) if layout.form && !wire::styled_query_pairs(&fields, styles).is_empty() => Body::Form({
                    let mut pairs = wire::styled_query_pairs(&fields, styles);
                    // The runtime sends a form's pairs sorted by name.
                    pairs.sort_by(|a, b| a.0.cmp(&b.0));
                    pairs
                }),
                Some(_) if layout.form => Body::None,
                // The runtime sends a JSON body's fields as an object, an empty one too (a
                // required body whose fields are all optional is `{}`, not no body at all).
                Some(fields) => Body::Json(Value::Object(fields)),
                None => Body::None,
            },
        };
        let mut headers = Vec::new();
        if let Some(accept) = &endpoint.accept {
            headers.push(("accept".to_owned(), accept.clone()));
        } else if !matches!(endpoint.response, Response::Void) {
            headers.push(("accept".to_owned(), "application/json".to_owned()));
        }
        if let Some(mime) = body.mime_type() {
            headers.push(("content-type".to_owned(), mime.to_owned()));
        }
        headers.extend(layout.headers);
        let mut query = wire::styled_query_pairs(&layout.query, styles);
        let mut cookies = layout.cookies;
        for scheme in api.first_requirement(endpoint) {
            let placeholder = format!("YOUR_{}", scheme.name.to_shouty_snake_case());
            match &scheme.kind {
                SchemeKind::Bearer => headers.push(("Authorization".to_owned(), format!("Bearer {placeholder}"))),
                SchemeKind::Basic => headers.push((
                    "Authorization".to_owned(),
                    format!(
                        "Basic {}",
                        base64(&format!("{placeholder}_USERNAME:{placeholder}_PASSWORD"))
                    ),
                )),
                SchemeKind::ApiKey { name, place } => match place {
                    KeyPlace::Header => headers.push((name.clone(), placeholder)),
                    KeyPlace::Query => query.push((name.clone(), placeholder)),
                    KeyPlace::Cookie => cookies.push((name.clone(), placeholder)),
                },
            }
        }
        HttpRequest {
            method: endpoint.http_method.as_str().to_owned(),
            url: format!("{}{}", with_host(&server_of(endpoint, base_url)), layout.path),
            query,
            headers,
            cookies,
            body,
        }
    }

    /// The request as a HAR request object, which the snippet library reads.
    pub fn har(&self) -> Value {
        let pairs = |pairs: &[(String, String)]| -> Vec<Value> {
            pairs
                .iter()
                .map(|(name, value)| json!({"name": name, "value": value}))
                .collect()
        };
        let mut har = json!({
            "method": self.method,
            "url": self.url,
            "httpVersion": "HTTP/1.1",
            "queryString": pairs(&self.query),
            "headers": pairs(&self.headers),
            "cookies": pairs(&self.cookies),
            "headersSize": -1,
            "bodySize": -1,
        });
        match &self.body {
            Body::None => {}
            Body::Json(value) => {
                har["postData"] = json!({"mimeType": "application/json", "text": js::json(value)});
            }
            Body::Form(fields) => {
                har["postData"] = json!({"mimeType": "application/x-www-form-urlencoded", "params": pairs(fields)});
            }
            Body::Text { mime, text } => har["postData"] = json!({"mimeType": mime, "text": text}),
            Body::Multipart(parts) => {
                let params: Vec<Value> = parts
                    .iter()
                    .map(|part| match &part.content_type {
                        Some(content_type) => {
                            json!({"name": part.name, "value": part.value, "contentType": content_type})
                        }
                        None => json!({"name": part.name, "value": part.value}),
                    })
                    .collect();
                har["postData"] = json!({"mimeType": "multipart/form-data", "params": params});
            }
        }
        har
    }
}

/// The request of every sample of every documented endpoint whose page reads as an HTTP
/// operation (whose tabs are HTTP libraries' tabs, see [`crate::plan::Profile::anatomy`]), sent to
/// `base_url`, each named by its page and its place among the endpoint's samples:
/// `pet/get_pet_by_id#0`.
pub fn requests(api: &Api, base_url: &str) -> Vec<(String, HttpRequest)> {
    let profile = Profile::of(api);
    api.endpoints
        .iter()
        .filter(|e| e.is_documented() && profile.anatomy(e) == Anatomy::Operation)
        .flat_map(|endpoint| {
            let page = endpoint.page_segments().join("/");
            endpoint.samples.iter().enumerate().map(move |(i, sample)| {
                (
                    format!("{page}#{i}"),
                    HttpRequest::of(api, base_url, endpoint, &sample.params),
                )
            })
        })
        .collect()
}

/// A query or form value as the snippet library groups them: one value, or the values of a
/// repeated name.
#[derive(Debug, Clone)]
enum Grouped {
    One(String),
    Many(Vec<String>),
}

impl Grouped {
    fn values(&self) -> Vec<&str> {
        match self {
            Grouped::One(v) => vec![v],
            Grouped::Many(vs) => vs.iter().map(String::as_str).collect(),
        }
    }

    fn value(&self) -> Value {
        match self {
            Grouped::One(v) => Value::String(v.clone()),
            Grouped::Many(vs) => Value::Array(vs.iter().cloned().map(Value::String).collect()),
        }
    }
}

/// Pairs grouped by name into a JavaScript object: a repeated name's values in a list, names
/// in the object's order.
fn grouped(pairs: &[(String, String)]) -> Vec<(String, Grouped)> {
    let mut out: Vec<(String, Grouped)> = Vec::new();
    for (name, value) in pairs {
        match out.iter().position(|(n, _)| n == name) {
            Some(at) => {
                let group = &mut out[at].1;
                *group = match std::mem::replace(group, Grouped::Many(Vec::new())) {
                    Grouped::One(first) => Grouped::Many(vec![first, value.clone()]),
                    Grouped::Many(mut values) => {
                        values.push(value.clone());
                        Grouped::Many(values)
                    }
                };
            }
            None => out.push((name.clone(), Grouped::One(value.clone()))),
        }
    }
    js::object_order(out)
}

/// Node's `querystring.stringify` of grouped pairs.
fn query_string(groups: &[(String, Grouped)]) -> String {
    groups
        .iter()
        .flat_map(|(name, group)| {
            group
                .values()
                .into_iter()
                .map(|value| format!("{}={}", js::uri_component(name), js::uri_component(value)))
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A grouped object as a JSON value.
fn grouped_value(groups: &[(String, Grouped)]) -> Value {
    Value::Object(groups.iter().map(|(k, g)| (k.clone(), g.value())).collect())
}

/// A value as JavaScript's `JSON.parse` hands it over: objects' array-index keys first.
fn parsed(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            js::object_order(map.iter().map(|(k, v)| (k.clone(), parsed(v))).collect())
                .into_iter()
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(parsed).collect()),
        other => other.clone(),
    }
}

/// What the snippet library derives from a HAR request before any client prints it.
struct Prepared<'a> {
    request: &'a HttpRequest,
    /// The URL without its query, as `url.format` writes it.
    url: String,
    /// The query grouped by name.
    query: Vec<(String, Grouped)>,
    /// The URL with its query, as `url.format` writes it.
    full_url: String,
    /// The headers by name, a repeated name's last value kept.
    headers: Vec<(String, String)>,
    /// `cookie` (when there are cookies), then the headers.
    all_headers: Vec<(String, String)>,
    /// The body as text: the JSON document, or the form encoded.
    text: Option<String>,
    /// The form's pairs grouped by name.
    form: Vec<(String, Grouped)>,
}

impl<'a> Prepared<'a> {
    fn of(request: &'a HttpRequest) -> Prepared<'a> {
        let query = grouped(&request.query);
        let search = query_string(&query);
        let url = node_url(&request.url);
        let full_url = if search.is_empty() {
            url.clone()
        } else {
            format!("{url}?{search}")
        };
        let mut headers: Vec<(String, String)> = Vec::new();
        for (name, value) in &request.headers {
            // The snippet library states the multipart body's boundary in its content type.
            let value = match &request.body {
                Body::Multipart(_) if name.eq_ignore_ascii_case("content-type") => {
                    format!("multipart/form-data; boundary={BOUNDARY}")
                }
                _ => value.clone(),
            };
            match headers.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = value.clone(),
                None => headers.push((name.clone(), value.clone())),
            }
        }
        let headers = js::object_order(headers);
        let mut all_headers = Vec::new();
        if !request.cookies.is_empty() {
            all_headers.push(("cookie".to_owned(), cookie_header(&request.cookies)));
        }
        for (name, value) in &headers {
            match all_headers.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = value.clone(),
                None => all_headers.push((name.clone(), value.clone())),
            }
        }
        let all_headers = js::object_order(all_headers);
        let form = match &request.body {
            Body::Form(pairs) => grouped(pairs),
            _ => Vec::new(),
        };
        let text = match &request.body {
            Body::None => None,
            Body::Json(value) => Some(js::json(value)),
            Body::Form(_) => Some(query_string(&form)),
            Body::Text { text, .. } => Some(text.clone()),
            Body::Multipart(parts) => Some(multipart_text(parts)),
        };
        Prepared {
            request,
            url,
            query,
            full_url,
            headers,
            all_headers,
            text: text.filter(|t| !t.is_empty()),
            form,
        }
    }

    /// The body's MIME type as the clients read it (`application/octet-stream` for none).
    fn mime_type(&self) -> &str {
        self.request.body.mime_type().unwrap_or("application/octet-stream")
    }

    /// The JSON body as `JSON.parse` hands it over.
    fn json(&self) -> Option<Value> {
        match &self.request.body {
            Body::Json(value) => Some(parsed(value)),
            _ => None,
        }
    }
}

/// A URL as Node's `url.format(url.parse(…))` writes it: the scheme and host in lower case,
/// an empty path as `/`, a backslash in the path as `/`, and the characters Node escapes
/// automatically (`{ } | ^ \` ' < > "`, space, tab, line breaks) percent-encoded.
fn node_url(raw: &str) -> String {
    let Some((scheme, rest)) = raw.split_once("://") else {
        return raw.to_owned();
    };
    let (host, path) = rest.find('/').map_or((rest, ""), |at| rest.split_at(at));
    let mut out = format!("{}://{}", scheme.to_lowercase(), host.to_lowercase());
    if path.is_empty() {
        out.push('/');
    }
    for c in path.chars() {
        match c {
            '\\' => out.push('/'),
            '{' | '}' | '|' | '^' | '`' | '\'' | '<' | '>' | '"' | ' ' | '\t' | '\r' | '\n' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// The `cookie` header: `name=value` pairs, both `encodeURIComponent`-encoded.
fn cookie_header(cookies: &[(String, String)]) -> String {
    cookies
        .iter()
        .map(|(name, value)| format!("{}={}", js::uri_component(name), js::uri_component(value)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Standard base64, padded.
fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Lines joined by line breaks, as the snippet library's code builder joins them.
struct Lines {
    indent: &'static str,
    lines: Vec<String>,
}

impl Lines {
    fn new(indent: &'static str) -> Lines {
        Lines {
            indent,
            lines: Vec::new(),
        }
    }

    fn push(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }

    fn push_at(&mut self, level: usize, line: impl Into<String>) {
        self.lines.push(format!("{}{}", self.indent.repeat(level), line.into()));
    }

    fn blank(&mut self) {
        self.lines.push(String::new());
    }

    fn join(&self) -> String {
        self.lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads() {
        assert_eq!(base64("username:password"), "dXNlcm5hbWU6cGFzc3dvcmQ=");
        assert_eq!(base64("ab"), "YWI=");
        assert_eq!(base64("abc"), "YWJj");
    }

    #[test]
    fn urls_are_written_as_node_formats_them() {
        assert_eq!(
            node_url("HTTPS://API.Example.com/V1/pet"),
            "https://api.example.com/V1/pet"
        );
        assert_eq!(node_url("http://x"), "http://x/");
        assert_eq!(node_url("http://x/a b/{c}/'q'"), "http://x/a%20b/%7Bc%7D/%27q%27");
        assert_eq!(node_url("http://x/p|^`\\"), "http://x/p%7C%5E%60/");
    }

    #[test]
    fn repeated_names_are_grouped_where_they_first_stand() {
        let pairs = [("a", "1"), ("b", "2"), ("a", "3"), ("a", "x y")].map(|(k, v)| (k.to_owned(), v.to_owned()));
        let groups = grouped(&pairs);
        assert_eq!(query_string(&groups), "a=1&a=3&a=x%20y&b=2");
    }
}
