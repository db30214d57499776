//! What the client cannot call correctly yet, said aloud: an operation it would call wrongly
//! (a header or cookie it would not send as described, a body that is not JSON, a query style
//! it would not follow, an operation that is no alias of the one its path calls) is left out
//! with a warning that names it, never generated half right.

use openapiv3::{
    Operation, Parameter, ParameterSchemaOrContent, PathItem, QueryStyle, ReferenceOr, RequestBody, Schema, SchemaKind,
    Type,
};

use super::HttpMethod;

/// Why `op` cannot be called as the client would call it: `Some(reason)` leaves it out.
/// Optional parameters the client cannot send are left out of it, each with a warning in
/// `notes`.
pub fn operation_problem(
    openapi: &openapiv3::OpenAPI,
    op: &Operation,
    path_item: &PathItem,
    notes: &mut Vec<String>,
) -> Option<String> {
    if let Err(problem) = own_server(openapi, op, path_item) {
        return Some(problem);
    }
    for param in path_item.parameters.iter().chain(&op.parameters) {
        let Some(param) = resolve_parameter(openapi, param) else {
            continue;
        };
        let (kind, data) = match param {
            Parameter::Query {
                parameter_data, style, ..
            } => {
                if let Err(problem) = query_style(openapi, style, parameter_data, has_seam_sdk_names(op)) {
                    return Some(problem);
                }
                continue;
            }
            Parameter::Path { .. } => continue,
            Parameter::Header { parameter_data, .. } => ("header", parameter_data),
            Parameter::Cookie { parameter_data, .. } => ("cookie", parameter_data),
        };
        let name = &data.name;
        if has_seam_sdk_names(op) {
            // Seam's dialect sends every parameter in the body or the query.
            if data.required {
                return Some(format!(
                    "the required {kind} parameter `{name}` cannot be sent in Seam's dialect (the client sends its parameters in the body or the query)"
                ));
            }
            notes.push(format!(
                "the optional {kind} parameter `{name}` is not supported in Seam's dialect and is never sent"
            ));
            continue;
        }
        if kind == "header" && is_reserved_header(name) {
            let security = super::security::call_security(openapi, path_item, op);
            let credential = data.required
                && name.eq_ignore_ascii_case(super::security::AUTHORIZATION_PARAMETER)
                && security == [vec![super::security::AUTHORIZATION_PARAMETER.to_owned()]];
            notes.push(match credential {
                true => format!(
                    "the header parameter `{name}` is sent as the credential `{}` the client holds, as the call declares no security scheme",
                    super::security::AUTHORIZATION_PARAMETER
                ),
                false => format!("the header parameter `{name}` is ignored, as OpenAPI says: the client sets it itself"),
            });
            continue;
        }
        let Some(problem) = placement_problem(openapi, param) else {
            continue;
        };
        if data.required {
            return Some(format!("the required {kind} parameter `{name}` {problem}"));
        }
        notes.push(format!(
            "the optional {kind} parameter `{name}` {problem}, and is never sent"
        ));
    }
    // An unresolvable body is reported where the body is read.
    let body = resolve_request_body(openapi, op.request_body.as_ref()?).ok()?;
    let form = "application/x-www-form-urlencoded";
    if body.content.is_empty() || body.content.contains_key("application/json") {
        return None;
    }
    // A form's fields are written as query pairs are: objects and nested lists cannot be.
    if let Some(media) = body.content.get(form).filter(|_| !has_seam_sdk_names(op)) {
        return form_problem(openapi, media);
    }
    if !has_seam_sdk_names(op) {
        return None;
    }
    let kinds: Vec<&str> = body.content.keys().map(String::as_str).collect();
    Some(format!(
        "request bodies of type {} are not supported yet in Seam's dialect (only `application/json`)",
        kinds.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
    ))
}

/// A server's URL with its variables set to their defaults and no trailing `/`: the URL a
/// client without other instructions calls (`https://{region}.example.com` with `region`'s
/// default `eu` is `https://eu.example.com`).
pub fn server_url(server: &openapiv3::Server) -> String {
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    url.trim_end_matches('/').to_owned()
}

/// The server an operation is sent to where it is not the description's first: the
/// operation's first, else its path's, its variables set to their defaults and a relative URL
/// read against the description's. `Err` when it cannot be made absolute.
pub fn own_server(
    openapi: &openapiv3::OpenAPI,
    op: &Operation,
    path_item: &PathItem,
) -> Result<Option<String>, String> {
    let absolute = server_url;
    let base = openapi.servers.first().map(absolute);
    let Some(own) = op.servers.first().or(path_item.servers.first()).map(absolute) else {
        return Ok(None);
    };
    if Some(&own) == base.as_ref() {
        return Ok(None);
    }
    // An absolute server is called as it is; one relative to the host (`/v2`) on the host of
    // the client's base URL, wherever that points.
    if own.contains("://") || own.starts_with('/') {
        return Ok(Some(own));
    }
    Err(format!(
        "its own server `{own}` is neither absolute nor relative to the host, so the client cannot reach it"
    ))
}

/// Why a header or cookie parameter cannot be sent as the client sends them (a header's list
/// joined by commas, a cookie's one value), if it cannot.
pub fn placement_problem(openapi: &openapiv3::OpenAPI, param: &Parameter) -> Option<&'static str> {
    let (data, lists) = match param {
        Parameter::Header { parameter_data, .. } => (parameter_data, true),
        Parameter::Cookie { parameter_data, .. } => (parameter_data, false),
        Parameter::Query { .. } | Parameter::Path { .. } => return None,
    };
    match &data.format {
        ParameterSchemaOrContent::Content(_) => Some("is given by `content`, which is not supported yet"),
        ParameterSchemaOrContent::Schema(schema) => match shape_of(openapi, schema) {
            Shape::Scalar => None,
            Shape::List if lists => None,
            Shape::List => Some("holds a list, which is not supported yet"),
            Shape::Object => Some("holds an object, which is not supported yet"),
        },
    }
}

/// Headers that OpenAPI says a header parameter cannot set.
pub fn is_reserved_header(name: &str) -> bool {
    ["accept", "content-type", "authorization"].contains(&name.to_ascii_lowercase().as_str())
}

/// Why a form body cannot be sent as the client writes forms (its fields as `name=value`
/// pairs, a list's items as repeated pairs, an object's fields as [`form_styles`] says), if it
/// cannot.
fn form_problem(openapi: &openapiv3::OpenAPI, media: &openapiv3::MediaType) -> Option<String> {
    let schema = match media.schema.as_ref()? {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => component_schema(openapi, reference)?,
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_)) => None,
        _ => Some("a form body that is not an object is not supported yet".to_owned()),
    }
}

/// How a form's fields that hold objects are written, as OpenAPI's `encoding` says: spread
/// (`field=value`, the default `style: form` with `explode: true`) or nested
/// (`name[field]=value`, `style: deepObject`).
pub fn form_styles(openapi: &openapiv3::OpenAPI, media: &openapiv3::MediaType) -> Vec<(String, super::QueryStyle)> {
    let schema = match media.schema.as_ref() {
        Some(ReferenceOr::Item(schema)) => Some(schema),
        Some(ReferenceOr::Reference { reference }) => component_schema(openapi, reference),
        None => None,
    };
    let Some(SchemaKind::Type(Type::Object(object))) = schema.map(|s| &s.schema_kind) else {
        return Vec::new();
    };
    object
        .properties
        .iter()
        .filter(|(_, field)| {
            let schema = match field {
                ReferenceOr::Item(field) => Some(&**field),
                ReferenceOr::Reference { reference } => component_schema(openapi, reference),
            };
            matches!(schema.map(shape_of_schema), Some(Shape::Object))
        })
        .map(|(name, _)| {
            let deep = media
                .encoding
                .get(name)
                .is_some_and(|e| matches!(e.style, Some(QueryStyle::DeepObject)));
            let style = match deep {
                true => super::QueryStyle::Deep,
                false => super::QueryStyle::Spread,
            };
            (name.clone(), style)
        })
        .collect()
}

/// How a path parameter is written, when its style asks for more than `simple` without
/// `explode` (which the client writes by default).
pub fn path_style(style: &openapiv3::PathStyle, data: &openapiv3::ParameterData) -> Option<super::QueryStyle> {
    use super::QueryStyle as Written;
    let explode = data.explode.unwrap_or(false);
    match (style, explode) {
        (openapiv3::PathStyle::Simple, false) => None,
        (openapiv3::PathStyle::Simple, true) => Some(Written::SimpleExploded),
        (openapiv3::PathStyle::Label, false) => Some(Written::Label),
        (openapiv3::PathStyle::Label, true) => Some(Written::LabelExploded),
        (openapiv3::PathStyle::Matrix, false) => Some(Written::Matrix),
        (openapiv3::PathStyle::Matrix, true) => Some(Written::MatrixExploded),
    }
}

/// How a query parameter outside Seam's way is written, when its style and shape ask for
/// more than repeated `name=value` pairs; `Err` when the client cannot write it.
pub fn query_style(
    openapi: &openapiv3::OpenAPI,
    style: &QueryStyle,
    data: &openapiv3::ParameterData,
    seam_sdk_names: bool,
) -> Result<Option<super::QueryStyle>, String> {
    use super::QueryStyle as Written;
    let name = &data.name;
    let shape = match &data.format {
        ParameterSchemaOrContent::Schema(schema) => shape_of(openapi, schema),
        ParameterSchemaOrContent::Content(_) => {
            return Err(format!(
                "the query parameter `{name}` is given by `content`, which is not supported yet"
            ))
        }
    };
    let explode = data.explode.unwrap_or(matches!(style, QueryStyle::Form));
    Ok(match (style, shape) {
        (_, Shape::Scalar) => None,
        // Seam's serializer (and this client) writes an object's fields as `name.field=value`,
        // right for Seam's dialect only.
        (QueryStyle::Form, Shape::Object) if seam_sdk_names && explode => None,
        (QueryStyle::Form, Shape::List) if explode => None,
        (QueryStyle::Form, Shape::Object) if explode => Some(Written::Spread),
        (QueryStyle::Form, _) => Some(Written::Comma),
        (QueryStyle::DeepObject, Shape::Object) => Some(Written::Deep),
        (QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited, Shape::List) if explode => None,
        (QueryStyle::SpaceDelimited, Shape::List) => Some(Written::Space),
        (QueryStyle::PipeDelimited, Shape::List) => Some(Written::Pipe),
        (QueryStyle::DeepObject, Shape::List) => {
            return Err(format!(
                "the query parameter `{name}` is a list in `style: deepObject`, which OpenAPI does not define"
            ))
        }
        (QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited, Shape::Object) => {
            return Err(format!(
                "the query parameter `{name}` is an object in a delimited style, which OpenAPI does not define"
            ))
        }
    })
}

/// Whether a parameter's schema holds a scalar (no list, no object), as far as its
/// serialization cares.
pub fn is_scalar(openapi: &openapiv3::OpenAPI, schema: &ReferenceOr<Schema>) -> bool {
    matches!(shape_of(openapi, schema), Shape::Scalar)
}

/// What a query parameter holds, as far as its serialization cares.
enum Shape {
    Scalar,
    List,
    Object,
}

fn shape_of(openapi: &openapiv3::OpenAPI, schema: &ReferenceOr<Schema>) -> Shape {
    match schema {
        ReferenceOr::Item(schema) => shape_of_schema(schema),
        ReferenceOr::Reference { reference } => {
            component_schema(openapi, reference).map_or(Shape::Scalar, shape_of_schema)
        }
    }
}

/// The component schema a `#/components/schemas/…` reference names, when it is written inline.
fn component_schema<'o>(openapi: &'o openapiv3::OpenAPI, reference: &str) -> Option<&'o Schema> {
    match openapi
        .components
        .as_ref()?
        .schemas
        .get(reference.strip_prefix("#/components/schemas/")?)?
    {
        ReferenceOr::Item(schema) => Some(schema),
        ReferenceOr::Reference { .. } => None,
    }
}

fn shape_of_schema(schema: &Schema) -> Shape {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Array(_)) => Shape::List,
        SchemaKind::Type(Type::Object(_)) => Shape::Object,
        SchemaKind::Any(any) if any.typ.as_deref() == Some("array") || any.items.is_some() => Shape::List,
        SchemaKind::Any(any) if any.typ.as_deref() == Some("object") || !any.properties.is_empty() => Shape::Object,
        _ => Shape::Scalar,
    }
}

/// Whether `op` is written in Seam's dialect (it names its SDK namespace or method).
pub fn has_seam_sdk_names(op: &Operation) -> bool {
    op.extensions.contains_key("x-fern-sdk-group-name") || op.extensions.contains_key("x-fern-sdk-method-name")
}

/// Whether `other` is another way to call `primary` (Seam's POST and GET twins of one call),
/// rather than an operation of its own. Operations that name one SDK method are aliases;
/// operations with distinct `operationId`s and no shared SDK method name are not. Without
/// either, operations are twins only in Seam's dialect (one of them uses its extensions):
/// elsewhere each method of a path is an operation of its own, which merged would be sent
/// with another's method and body.
pub fn is_alias(primary: &Operation, other: &Operation) -> bool {
    let seam_marked = |op: &Operation| op.extensions.contains_key("x-response-key") || has_seam_sdk_names(op);
    let method_name = |op: &Operation| {
        op.extensions
            .get("x-fern-sdk-method-name")
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    match (method_name(primary), method_name(other)) {
        (Some(a), Some(b)) => a == b,
        _ => match (&primary.operation_id, &other.operation_id) {
            (Some(a), Some(b)) => a == b,
            _ => seam_marked(primary) || seam_marked(other),
        },
    }
}

/// Where a method stands in the SDKs' order of preference (PUT first).
pub fn preference(method: HttpMethod) -> u8 {
    match method {
        HttpMethod::Put => 0,
        HttpMethod::Patch => 1,
        HttpMethod::Get => 2,
        HttpMethod::Delete => 3,
        HttpMethod::Post => 4,
        HttpMethod::Head => 5,
    }
}

/// The operations of a path item, in the order the SDKs prefer them.
pub fn operations_of(item: &PathItem) -> Vec<(HttpMethod, &Operation)> {
    [
        (HttpMethod::Put, &item.put),
        (HttpMethod::Patch, &item.patch),
        (HttpMethod::Get, &item.get),
        (HttpMethod::Delete, &item.delete),
        (HttpMethod::Post, &item.post),
        (HttpMethod::Head, &item.head),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.as_ref().map(|op| (method, op)))
    .collect()
}

/// A request body, looking through a reference to `#/components/requestBodies/…`; the
/// reference it cannot resolve otherwise.
pub fn resolve_request_body<'o>(
    openapi: &'o openapiv3::OpenAPI,
    body: &'o ReferenceOr<RequestBody>,
) -> Result<&'o RequestBody, &'o str> {
    match body {
        ReferenceOr::Item(body) => Ok(body),
        ReferenceOr::Reference { reference } => match reference
            .strip_prefix("#/components/requestBodies/")
            .and_then(|name| openapi.components.as_ref()?.request_bodies.get(name))
        {
            Some(ReferenceOr::Item(body)) => Ok(body),
            _ => Err(reference),
        },
    }
}

/// A parameter, looking through a reference to `#/components/parameters/…`.
pub fn resolve_parameter<'o>(
    openapi: &'o openapiv3::OpenAPI,
    param: &'o ReferenceOr<Parameter>,
) -> Option<&'o Parameter> {
    match param {
        ReferenceOr::Item(p) => Some(p),
        ReferenceOr::Reference { reference } => match reference
            .strip_prefix("#/components/parameters/")
            .and_then(|name| openapi.components.as_ref()?.parameters.get(name))?
        {
            ReferenceOr::Item(p) => Some(p),
            ReferenceOr::Reference { .. } => None,
        },
    }
}
