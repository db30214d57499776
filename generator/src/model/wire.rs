//! How the client puts parameters on the wire: a path parameter as one percent-encoded
//! segment, query parameters as Seam's serializer writes them. The generated tests' mocks and
//! the cURL tab read these, so both show the request the client's runtime really sends.

use serde_json::{Map, Value};

use super::QueryStyle;

/// A call's request as the client sends it (see [`super::Endpoint::request`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    /// The path, its parameters filled in.
    pub path: String,
    /// The query parameters, not yet written as pairs (see [`query_pairs`]).
    pub query: Map<String, Value>,
    /// The headers that parameters set, by name, in the order declared.
    pub headers: Vec<(String, String)>,
    /// The cookies that parameters set, by name, their values not yet encoded.
    pub cookies: Vec<(String, String)>,
    /// The body's fields, when the call sends one.
    pub body: Option<Map<String, Value>>,
    /// Whether the body is a form (else JSON).
    pub form: bool,
    /// The query parameters written in a style of their own (see [`styled_query_pairs`]).
    pub query_styles: Vec<(String, QueryStyle)>,
    /// A body set whole (a JSON value; a text; bytes, given as a text), instead of fields.
    pub whole: Option<Value>,
    /// The media type of a body set whole, or `multipart/form-data` for a multipart body;
    /// `None` for a JSON object or a form.
    pub media_type: Option<String>,
    /// For a multipart body: the fields of [`Request::body`] sent as file parts.
    pub files: Vec<String>,
}

impl Request {
    /// The `Cookie` header's value: `name=value` pairs, values percent-encoded, or `None`.
    pub fn cookie_header(&self) -> Option<String> {
        (!self.cookies.is_empty()).then(|| {
            self.cookies
                .iter()
                .map(|(name, value)| format!("{name}={}", percent_encoded(value)))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }
}

/// A form body as the runtime writes it (`application/x-www-form-urlencoded`): the fields'
/// pairs sorted by name (a list's items in order), each byte but `A–Z a–z 0–9 * - . _`
/// percent-encoded and a space as `+`.
pub fn form_encoded(fields: &Map<String, Value>, styles: &[(String, QueryStyle)]) -> String {
    let mut pairs = styled_query_pairs(fields, styles);
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let encode = |text: &str| {
        let mut out = String::with_capacity(text.len());
        for byte in text.bytes() {
            match byte {
                b' ' => out.push('+'),
                b'*' | b'-' | b'.' | b'_' => out.push(char::from(byte)),
                _ if byte.is_ascii_alphanumeric() => out.push(char::from(byte)),
                _ => out.push_str(&format!("%{byte:02X}")),
            }
        }
        out
    };
    pairs
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A scalar as it stands in a path, a header or a cookie: a string as it is, whole numbers
/// without a fraction, anything else as JSON.
pub fn text(value: &Value) -> String {
    query_text(value)
}

/// A header's value (OpenAPI's `simple` style): a list's items joined by commas.
pub fn header_text(value: &Value) -> String {
    match value {
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
        other => text(other),
    }
}

/// `text` with every byte but the unreserved characters (`A–Z a–z 0–9 - . _ ~`)
/// percent-encoded.
pub fn percent_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `text` as one path segment: percent-encoded, and a `.` or `..` segment encoded too, so a
/// value can never climb out of its place.
pub fn path_segment(text: &str) -> String {
    if text == "." || text == ".." {
        return text.replace('.', "%2E");
    }
    percent_encoded(text)
}

/// A path parameter's value as it stands in the path, in its style (`None`: `simple`): each
/// scalar one percent-encoded segment (see [`path_segment`]), a list's items and an object's
/// keys and values joined as OpenAPI's `simple`, `label` and `matrix` styles say.
pub fn path_text(name: &str, value: &Value, style: Option<QueryStyle>) -> String {
    let texts = |value: &Value| -> Vec<(Option<String>, String)> {
        match value {
            Value::Array(items) => items.iter().map(|item| (None, path_segment(&text(item)))).collect(),
            Value::Object(fields) => fields
                .iter()
                .map(|(key, value)| (Some(path_segment(key)), path_segment(&text(value))))
                .collect(),
            scalar => vec![(None, path_segment(&text(scalar)))],
        }
    };
    let parts = texts(value);
    let flat = || {
        parts
            .iter()
            .flat_map(|(key, value)| key.iter().cloned().chain([value.clone()]))
            .collect::<Vec<_>>()
            .join(",")
    };
    let pairs = |separator: &str, lead: &str| {
        parts
            .iter()
            .map(|(key, value)| match key {
                Some(key) => format!("{lead}{key}={value}"),
                None => format!("{lead}{value}"),
            })
            .collect::<Vec<_>>()
            .join(separator)
    };
    let name = path_segment(name);
    let scalar = !matches!(value, Value::Array(_) | Value::Object(_));
    let text = match style {
        None
        | Some(QueryStyle::Comma | QueryStyle::Space | QueryStyle::Pipe | QueryStyle::Spread | QueryStyle::Deep) => {
            flat()
        }
        Some(QueryStyle::SimpleExploded) => pairs(",", ""),
        Some(QueryStyle::Label) => format!(".{}", flat()),
        Some(QueryStyle::LabelExploded) => format!(".{}", pairs(".", "")),
        Some(QueryStyle::Matrix | QueryStyle::MatrixExploded) if scalar && flat().is_empty() => format!(";{name}"),
        Some(QueryStyle::Matrix) => format!(";{name}={}", flat()),
        Some(QueryStyle::MatrixExploded) => match value {
            Value::Object(_) => pairs("", ";"),
            _ => pairs("", &format!(";{name}=")),
        },
    };
    // A `.` alone (`label`, nothing after it) would be dropped as a dot segment of the URL.
    match text.as_str() {
        "." | ".." => text.replace('.', "%2E"),
        _ => text,
    }
}

/// The query pairs the runtime sends for these parameters, not yet encoded: lists as repeated
/// keys and an empty list as an empty value, object fields under dotted names, `null` as an
/// empty value, empty strings left out, whole numbers without a fraction.
pub fn query_pairs(params: &Map<String, Value>) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    flatten(params, "", &mut pairs);
    pairs
}

/// [`query_pairs`], but each parameter named in `styles` written in its style: a list's
/// items (or an object's keys and values) joined by `,`, ` ` or `|`, an object's fields as
/// `field=value` or `name[field]=value`.
pub fn styled_query_pairs(params: &Map<String, Value>, styles: &[(String, QueryStyle)]) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (key, value) in params {
        match styles.iter().find(|(name, _)| name == key) {
            Some((_, style)) => styled(key, value, *style, &mut pairs),
            None => flatten(&Map::from_iter([(key.clone(), value.clone())]), "", &mut pairs),
        }
    }
    pairs
}

fn styled(name: &str, value: &Value, style: QueryStyle, pairs: &mut Vec<(String, String)>) {
    let joined = |separator: &str, texts: Vec<String>| (name.to_owned(), texts.join(separator));
    match (style, value) {
        (QueryStyle::Comma, Value::Array(items)) => pairs.push(joined(",", items.iter().map(query_text).collect())),
        (QueryStyle::Space, Value::Array(items)) => pairs.push(joined(" ", items.iter().map(query_text).collect())),
        (QueryStyle::Pipe, Value::Array(items)) => pairs.push(joined("|", items.iter().map(query_text).collect())),
        (QueryStyle::Comma, Value::Object(fields)) => pairs.push(joined(
            ",",
            fields.iter().flat_map(|(k, v)| [k.clone(), query_text(v)]).collect(),
        )),
        (QueryStyle::Spread, Value::Object(fields)) => flatten(fields, "", pairs),
        (QueryStyle::Deep, Value::Object(fields)) => deep(name, fields, pairs),
        _ => flatten(&Map::from_iter([(name.to_owned(), value.clone())]), "", pairs),
    }
}

fn deep(prefix: &str, fields: &Map<String, Value>, pairs: &mut Vec<(String, String)>) {
    for (key, value) in fields {
        let name = format!("{prefix}[{key}]");
        match value {
            Value::Object(inner) => deep(&name, inner, pairs),
            Value::Array(items) => pairs.extend(items.iter().map(|item| (name.clone(), query_text(item)))),
            other => pairs.push((name, query_text(other))),
        }
    }
}

fn flatten(params: &Map<String, Value>, prefix: &str, pairs: &mut Vec<(String, String)>) {
    for (key, value) in params {
        let name = format!("{prefix}{key}");
        match value {
            Value::Object(fields) => flatten(fields, &format!("{name}."), pairs),
            Value::String(text) if text.is_empty() => {}
            Value::Array(items) if items.is_empty() => pairs.push((name, String::new())),
            Value::Array(items) => {
                for item in items {
                    pairs.push((name.clone(), query_text(item)));
                }
            }
            other => pairs.push((name, query_text(other))),
        }
    }
}

fn query_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// The examples of OpenAPI 3.0.3's table of style values (`id` = 5, [3, 4, 5],
    /// {"role": "admin", "firstName": "Alex"}).
    #[test]
    fn path_values_are_written_as_openapi_styles_them() {
        let (five, list) = (json!(5), json!([3, 4, 5]));
        let object = json!({"role": "admin", "firstName": "Alex"});
        let cases = [
            (None, "5", "3,4,5", "role,admin,firstName,Alex"),
            (
                Some(QueryStyle::SimpleExploded),
                "5",
                "3,4,5",
                "role=admin,firstName=Alex",
            ),
            (Some(QueryStyle::Label), ".5", ".3,4,5", ".role,admin,firstName,Alex"),
            (
                Some(QueryStyle::LabelExploded),
                ".5",
                ".3.4.5",
                ".role=admin.firstName=Alex",
            ),
            (
                Some(QueryStyle::Matrix),
                ";id=5",
                ";id=3,4,5",
                ";id=role,admin,firstName,Alex",
            ),
            (
                Some(QueryStyle::MatrixExploded),
                ";id=5",
                ";id=3;id=4;id=5",
                ";role=admin;firstName=Alex",
            ),
        ];
        for (style, scalar, items, fields) in cases {
            assert_eq!(path_text("id", &five, style), scalar, "{style:?}");
            assert_eq!(path_text("id", &list, style), items, "{style:?}");
            assert_eq!(path_text("id", &object, style), fields, "{style:?}");
        }
        // Each value stays one segment's worth: separators inside values are encoded.
        assert_eq!(
            path_text("id", &json!(["a,b", "c/d"]), Some(QueryStyle::Label)),
            ".a%2Cb,c%2Fd"
        );
        assert_eq!(path_text("id", &json!(""), Some(QueryStyle::Matrix)), ";id");
        assert_eq!(path_text("id", &json!({}), Some(QueryStyle::Label)), "%2E");
    }

    #[test]
    fn segments_and_query_pairs_are_written_as_the_runtime_writes_them() {
        assert_eq!(path_segment("a b/c"), "a%20b%2Fc");
        let form = json!({"z": "a b&c*", "ids": [1, 2], "blank": ""});
        assert_eq!(form_encoded(form.as_object().unwrap(), &[]), "ids=1&ids=2&z=a+b%26c*");
        assert_eq!(path_segment(".."), "%2E%2E");
        assert_eq!(percent_encoded("x~y.z"), "x~y.z");
        let params = json!({"ids": ["a", "b"], "none": [], "blank": "", "n": 2.0, "f": {"g": true}});
        assert_eq!(
            query_pairs(params.as_object().unwrap()),
            [
                ("ids".to_owned(), "a".to_owned()),
                ("ids".to_owned(), "b".to_owned()),
                ("none".to_owned(), String::new()),
                ("n".to_owned(), "2".to_owned()),
                ("f.g".to_owned(), "true".to_owned()),
            ]
        );
    }

    #[test]
    fn styled_query_parameters_are_joined_spread_or_nested() {
        let params = json!({
            "ids": [1, 2], "tags": ["x", "y"], "words": ["p", "q"], "all": ["m", "n"],
            "page": {"size": 10, "from": "a"}, "filter": {"color": "red", "size": {"min": 1}}
        });
        let styles = [
            ("ids".to_owned(), QueryStyle::Comma),
            ("tags".to_owned(), QueryStyle::Pipe),
            ("words".to_owned(), QueryStyle::Space),
            ("page".to_owned(), QueryStyle::Spread),
            ("filter".to_owned(), QueryStyle::Deep),
        ];
        let pairs: Vec<String> = styled_query_pairs(params.as_object().unwrap(), &styles)
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        assert_eq!(
            pairs,
            [
                "ids=1,2",
                "tags=x|y",
                "words=p q",
                "all=m",
                "all=n",
                "size=10",
                "from=a",
                "filter[color]=red",
                "filter[size][min]=1"
            ]
        );
    }
}
