//! JavaScript's `fetch`, as `httpsnippet`'s `javascript`/`fetch` client prints it.

use super::js::{self, Printed};
use super::literal::{safe, Syntax};
use super::{Body, Lines, Prepared};

/// The code.
pub fn code(request: &Prepared) -> String {
    let mut out = Lines::new("  ");
    let mut options = vec![("method".to_owned(), Printed::Str(request.request.method.clone()))];
    // `FormData` states its own content type, with its boundary.
    let multipart = matches!(request.request.body, Body::Multipart(_));
    let headers: Vec<(String, Printed)> = request
        .all_headers
        .iter()
        .filter(|(k, _)| !(multipart && k.eq_ignore_ascii_case("content-type")))
        .map(|(k, v)| (k.clone(), Printed::Str(v.clone())))
        .collect();
    if !headers.is_empty() {
        options.push(("headers".to_owned(), Printed::Object(headers)));
    }
    out.push(format!(
        "const url = {};",
        safe(Syntax::JsSingle, format!("'{}'", request.full_url), &request.full_url)
    ));
    let form = matches!(request.request.body, Body::Form(_));
    match &request.request.body {
        Body::Form(_) => options.push(("body".to_owned(), form_object(request))),
        Body::Json(_) => {
            let text = request.json().map(|v| js::json(&v)).unwrap_or_default();
            options.push(("body".to_owned(), Printed::Str(text)));
        }
        Body::Text { text, .. } if !text.is_empty() => options.push(("body".to_owned(), Printed::Str(text.clone()))),
        Body::Multipart(parts) => {
            out.push("const form = new FormData();");
            for part in parts {
                out.push(format!(
                    "form.append({}, {});",
                    safe(Syntax::JsSingle, format!("'{}'", part.name), &part.name),
                    safe(Syntax::JsSingle, format!("'{}'", part.value), &part.value)
                ));
            }
            out.blank();
        }
        Body::Text { .. } | Body::None => {}
    }
    let transform = |key: &str, printed: String| {
        if form && key == "body" {
            format!("new URLSearchParams({printed})")
        } else {
            printed
        }
    };
    out.push(format!(
        "const options = {};",
        js::stringify_object(&Printed::Object(options), "  ", 80, &transform)
    ));
    out.blank();
    if multipart {
        out.push("options.body = form;");
        out.blank();
    }
    out.push("try {");
    out.push_at(1, "const response = await fetch(url, options);");
    out.push_at(1, "const data = await response.json();");
    out.push_at(1, "console.log(data);");
    out.push("} catch (error) {");
    out.push_at(1, "console.error(error);");
    out.push("}");
    out.join()
}

/// A form's pairs as the object JavaScript's tabs print: a repeated name's values in a list.
pub(super) fn form_object(request: &Prepared) -> Printed {
    Printed::Object(
        request
            .form
            .iter()
            .map(|(k, g)| (k.clone(), Printed::from_value(&g.value())))
            .collect(),
    )
}
