//! Node's `http` module, as `httpsnippet`'s `node`/`native` client prints it: the JavaScript
//! tab of a GET or HEAD that carries a body, which `fetch` refuses to send ("Request with
//! GET/HEAD method cannot have body").

use super::js::{self, Printed};
use super::{Body, Lines, Prepared};

/// Whether `fetch` cannot send the request, so the JavaScript tab uses Node's `http`.
pub fn needed(request: &super::HttpRequest) -> bool {
    matches!(request.method.as_str(), "GET" | "HEAD") && !matches!(request.body, Body::None)
}

/// The code.
pub fn code(request: &Prepared) -> String {
    let mut out = Lines::new("  ");
    let (scheme, rest) = request
        .full_url
        .split_once("://")
        .unwrap_or(("https", &request.full_url));
    let (host, path) = rest.find('/').map_or((rest, "/"), |at| rest.split_at(at));
    // `url.parse`'s `hostname` and `port` (a string, `null` where the URL names none).
    let (hostname, port) = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, Some(port)),
        _ => (host, None),
    };
    let headers = request
        .all_headers
        .iter()
        .map(|(name, value)| (name.clone(), Printed::Str(value.clone())))
        .collect();
    let options = Printed::Object(vec![
        ("method".to_owned(), Printed::Str(request.request.method.clone())),
        ("hostname".to_owned(), Printed::Str(hostname.to_owned())),
        (
            "port".to_owned(),
            port.map_or(Printed::Raw("null".to_owned()), |p| Printed::Str(p.to_owned())),
        ),
        ("path".to_owned(), Printed::Str(path.to_owned())),
        ("headers".to_owned(), Printed::Object(headers)),
    ]);
    let form = matches!(request.request.body, Body::Form(_));
    if form {
        out.push("const qs = require('querystring');");
    }
    out.push(format!("const http = require('{scheme}');"));
    out.blank();
    // The options are printed without an inline limit: every object on lines of its own.
    out.push(format!(
        "const options = {};",
        js::stringify_object(&options, "  ", 0, &|_, p| p)
    ));
    out.blank();
    out.push("const req = http.request(options, function (res) {");
    out.push_at(1, "const chunks = [];");
    out.blank();
    out.push_at(1, "res.on('data', function (chunk) {");
    out.push_at(2, "chunks.push(chunk);");
    out.push_at(1, "});");
    out.blank();
    out.push_at(1, "res.on('end', function () {");
    out.push_at(2, "const body = Buffer.concat(chunks);");
    out.push_at(2, "console.log(body.toString());");
    out.push_at(1, "});");
    out.push("});");
    out.blank();
    let object = |printed: &Printed| js::stringify_object(printed, "  ", 80, &|_, p| p);
    match &request.request.body {
        Body::Form(_) => {
            let fields = super::javascript_fetch::form_object(request);
            out.push(format!("req.write(qs.stringify({}));", object(&fields)));
        }
        Body::Json(_) => {
            if let Some(value) = request.json() {
                out.push(format!(
                    "req.write(JSON.stringify({}));",
                    object(&Printed::from_value(&value))
                ));
            }
        }
        Body::Text { .. } | Body::Multipart(_) => {
            if let Some(text) = request.text.as_ref().filter(|t| !t.is_empty()) {
                out.push(format!("req.write({});", object(&Printed::Str(text.clone()))));
            }
        }
        Body::None => {}
    }
    out.push("req.end();");
    out.join()
}
