//! The parameters of a call: from its JSON or form body, its query, path, headers and
//! cookies, each where the description declares it; and the HTTP method that carries them.

use std::collections::BTreeSet;

use openapiv3::{Operation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr};

use super::support;
use super::types::{deprecation, Resolved, TypeSpace};
use super::{BodyContent, HttpMethod, ParamLocation, Place, Property, QueryStyle, TypeRef};
use crate::diagnostics::{pointer_token, Diagnostics, Location};

/// The parameters of an operation's body, and what the body holds. A JSON object's fields
/// and a form's or a multipart body's are parameters each; outside Seam's dialect, any other
/// JSON value, a text or bytes is one parameter, `body`, set whole. The media type is the
/// first the body offers of: `application/json`, a form, `multipart/form-data`, another JSON
/// type (`…+json`), a text (`text/…`), then any other as bytes.
pub(super) fn body_params(
    openapi: &openapiv3::OpenAPI,
    op: &Operation,
    hint: &str,
    pointer: &str,
    space: &mut TypeSpace,
    diags: &mut Diagnostics,
) -> (Vec<Property>, BodyContent) {
    let none = (Vec::new(), BodyContent::Fields);
    let Some(body) = &op.request_body else {
        return none;
    };
    let body = match support::resolve_request_body(openapi, body) {
        Ok(body) => body,
        Err(reference) => {
            diags.error(
                Location::Pointer { file: space.file().to_owned(), pointer: format!("{pointer}/requestBody") },
                format!("cannot resolve `$ref: {reference}`; only `#/components/requestBodies/…` defined inline are supported"),
            );
            return none;
        }
    };
    let seam = support::has_seam_sdk_names(op);
    let Some((media_type, media, kind)) = chosen_media(body, seam) else {
        return none;
    };
    let schema_pointer = format!("{pointer}/requestBody/content/{}/schema", pointer_token(media_type));
    let whole = |space: &mut TypeSpace, ty: Option<TypeRef>| {
        let resolved = match (&media.schema, ty) {
            (_, Some(ty)) => Resolved { ty, nullable: false },
            (Some(schema), None) => space.resolve(schema, &format!("{hint}_body"), &schema_pointer),
            (None, None) => Resolved {
                ty: TypeRef::Any,
                nullable: false,
            },
        };
        let data = match &media.schema {
            Some(ReferenceOr::Item(schema)) => Some(&schema.schema_data),
            _ => None,
        };
        let mut property = space.property(WHOLE_BODY, resolved, body.required, data, &schema_pointer);
        if let Some(description) = &body.description {
            property.description = description.clone();
        }
        property
    };
    let media_type = media_type.to_owned();
    match kind {
        MediaKind::Fields => {
            let Some(schema) = &media.schema else { return none };
            let fields = space.params_of(schema, hint, &schema_pointer);
            if seam || !fields.is_empty() || media_type == FORM {
                return (fields, BodyContent::Fields);
            }
            let property = whole(space, None);
            (
                vec![property],
                BodyContent::Json {
                    param: WHOLE_BODY.to_owned(),
                    media_type,
                },
            )
        }
        MediaKind::Json => {
            let property = whole(space, None);
            (
                vec![property],
                BodyContent::Json {
                    param: WHOLE_BODY.to_owned(),
                    media_type,
                },
            )
        }
        MediaKind::Multipart => {
            let Some(schema) = &media.schema else { return none };
            let fields = space.params_of(schema, hint, &schema_pointer);
            let files = fields
                .iter()
                .filter(|p| is_binary(&p.ty))
                .map(|p| p.name.clone())
                .collect();
            (fields, BodyContent::Multipart { files })
        }
        MediaKind::Text => {
            let property = whole(space, Some(TypeRef::String { format: String::new() }));
            (
                vec![property],
                BodyContent::Text {
                    param: WHOLE_BODY.to_owned(),
                    media_type,
                },
            )
        }
        MediaKind::Bytes => {
            let property = whole(
                space,
                Some(TypeRef::String {
                    format: "binary".to_owned(),
                }),
            );
            (
                vec![property],
                BodyContent::Bytes {
                    param: WHOLE_BODY.to_owned(),
                    media_type,
                },
            )
        }
    }
}

/// The parameter that holds a body set whole.
pub(super) const WHOLE_BODY: &str = "body";

/// Whether a parameter holds bytes: a string of `format: binary`.
pub fn is_binary(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::String { format } if format == "binary")
}

/// How a body of a media type is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MediaKind {
    /// `application/json` or a form: the fields of an object.
    Fields,
    /// Another JSON type, set whole.
    Json,
    Multipart,
    Text,
    Bytes,
}

/// The media type the client sends of those a body offers, by the order of
/// [`body_params`]; in Seam's dialect only JSON and forms.
fn chosen_media(body: &openapiv3::RequestBody, seam: bool) -> Option<(&str, &openapiv3::MediaType, MediaKind)> {
    let kind = |media_type: &str| -> (u8, MediaKind) {
        let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match essence.as_str() {
            JSON | FORM => (0, MediaKind::Fields),
            "multipart/form-data" => (2, MediaKind::Multipart),
            _ if essence.ends_with("+json") || essence.ends_with("/json") => (3, MediaKind::Json),
            _ if essence.starts_with("text/") => (4, MediaKind::Text),
            _ => (5, MediaKind::Bytes),
        }
    };
    if let Some((media_type, media)) = [JSON, FORM]
        .into_iter()
        .find_map(|media_type| body.content.get_key_value(media_type))
    {
        return Some((media_type.as_str(), media, MediaKind::Fields));
    }
    if seam {
        return None;
    }
    body.content
        .iter()
        .map(|(media_type, media)| (kind(media_type), media_type, media))
        .min_by_key(|((rank, _), _, _)| *rank)
        .map(|((_, kind), media_type, media)| (media_type.as_str(), media, kind))
}

/// The media types of the request bodies the client sends as an object's fields: JSON,
/// then a form.
const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

/// Whether `op` sends its body as a form: it has one and no JSON body.
pub(super) fn sends_form(openapi: &openapiv3::OpenAPI, op: &Operation) -> bool {
    op.request_body
        .as_ref()
        .and_then(|body| support::resolve_request_body(openapi, body).ok())
        .is_some_and(|body| !body.content.contains_key(JSON) && body.content.contains_key(FORM))
}

/// The query parameters an operation declares itself.
pub(super) fn query_params(
    openapi: &openapiv3::OpenAPI,
    op: &Operation,
    hint: &str,
    pointer: &str,
    space: &mut TypeSpace,
    diags: &mut Diagnostics,
) -> Vec<Property> {
    let declared = op
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("{pointer}/parameters/{i}"), p));
    located_params(openapi, declared, In::Query, hint, space, diags)
}

/// The parameters of an operation outside Seam's dialect that are not in its path or body,
/// declared by the operation or its path item (the operation's first): each with its place
/// apart, or `None` for a query parameter of a call without a body, which is one of the call's
/// own parameters. A query parameter beside a body is placed in the query.
#[allow(clippy::too_many_arguments)]
pub(super) fn placed_params(
    openapi: &openapiv3::OpenAPI,
    item: &PathItem,
    op: &Operation,
    hint: &str,
    op_pointer: &str,
    has_body: bool,
    space: &mut TypeSpace,
    diags: &mut Diagnostics,
) -> Vec<(Property, Option<Place>)> {
    let mut apart = Vec::new();
    let query_place = has_body.then_some(Place::Query);
    for (wanted, place) in [
        (In::Query, query_place),
        (In::Header, Some(Place::Header)),
        (In::Cookie, Some(Place::Cookie)),
    ] {
        let declared = declared_params(item, op, op_pointer);
        for property in located_params(openapi, declared, wanted, hint, space, diags) {
            apart.push((property, place));
        }
    }
    apart
}

/// The parameters an operation declares, then those its path item declares (which an
/// operation's own parameter of the same name overrides), each with its pointer.
pub(super) fn declared_params<'o>(
    item: &'o PathItem,
    op: &'o Operation,
    op_pointer: &str,
) -> impl Iterator<Item = (String, &'o ReferenceOr<Parameter>)> {
    let item_pointer = op_pointer
        .rsplit_once('/')
        .map_or(op_pointer, |(item, _)| item)
        .to_owned();
    let op_pointer = op_pointer.to_owned();
    let own = op
        .parameters
        .iter()
        .enumerate()
        .map(move |(i, p)| (format!("{op_pointer}/parameters/{i}"), p));
    let shared = item
        .parameters
        .iter()
        .enumerate()
        .map(move |(i, p)| (format!("{item_pointer}/parameters/{i}"), p));
    own.chain(shared)
}

/// Where a parameter travels.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum In {
    Query,
    Path,
    Header,
    Cookie,
}

/// The parameters of `declared` (pointer and parameter) that travel `wanted`, as properties.
pub(super) fn located_params<'o>(
    openapi: &'o openapiv3::OpenAPI,
    declared: impl Iterator<Item = (String, &'o ReferenceOr<Parameter>)>,
    wanted: In,
    hint: &str,
    space: &mut TypeSpace,
    diags: &mut Diagnostics,
) -> Vec<Property> {
    let mut params: Vec<Property> = Vec::new();
    for (param_pointer, param) in declared {
        let Some(param) = support::resolve_parameter(openapi, param) else {
            if let ReferenceOr::Reference { reference } = param {
                diags.error(
                    Location::Pointer { file: space.file().to_owned(), pointer: param_pointer },
                    format!("cannot resolve `$ref: {reference}`; only `#/components/parameters/…` defined inline are supported"),
                );
            }
            continue;
        };
        let parameter_data = match (param, wanted) {
            (Parameter::Query { parameter_data, .. }, In::Query)
            | (Parameter::Path { parameter_data, .. }, In::Path) => parameter_data,
            // OpenAPI ignores the reserved ones; one the client cannot send is a warning
            // already.
            (Parameter::Header { parameter_data, .. }, In::Header)
                if !support::is_reserved_header(&parameter_data.name)
                    && support::placement_problem(openapi, param).is_none() =>
            {
                parameter_data
            }
            (Parameter::Cookie { parameter_data, .. }, In::Cookie)
                if support::placement_problem(openapi, param).is_none() =>
            {
                parameter_data
            }
            _ => continue,
        };
        if params.iter().any(|p| p.name == parameter_data.name) {
            continue;
        }
        let (schema, schema_pointer) = match &parameter_data.format {
            ParameterSchemaOrContent::Schema(schema) => (schema.clone(), format!("{param_pointer}/schema")),
            // A path parameter given by `content` of a type other than JSON holds a scalar
            // written as its text, as `simple` writes it (see `path_content`).
            ParameterSchemaOrContent::Content(content) if wanted == In::Path => match path_content(openapi, content) {
                Ok((media_type, schema)) => (
                    schema,
                    format!("{param_pointer}/content/{}/schema", pointer_token(media_type)),
                ),
                Err(_) => continue,
            },
            ParameterSchemaOrContent::Content(_) => continue,
        };
        let schema = &schema;
        let name = &parameter_data.name;
        let resolved: Resolved = space.resolve(schema, &format!("{hint}_{name}"), &schema_pointer);
        let data = match schema {
            ReferenceOr::Item(s) => Some(&s.schema_data),
            ReferenceOr::Reference { .. } => None,
        };
        // A path parameter is always required: the path is not whole without it.
        let required = parameter_data.required || wanted == In::Path;
        let mut property = space.property(name, resolved, required, data, &schema_pointer);
        if let Some(description) = &parameter_data.description {
            property.description = description.clone();
        }
        // The schema's own deprecation first, then the parameter's flag.
        property.deprecated = deprecation(property.deprecated.take(), parameter_data.deprecated == Some(true));
        params.push(property);
    }
    params
}

/// The parameters that fill the path's template, in its order: declared by the operation or
/// by its path item. A `{name}` that no parameter declares anywhere is taken as a required
/// string path parameter, with a warning naming the operation; `Err(why)` when the call
/// cannot be made: the name is declared, but not as a path parameter the client can fill
/// (in the query, a header, a cookie or the body, `body_fields`; or by `content` it cannot
/// write).
#[allow(clippy::too_many_arguments)]
pub(super) fn path_params(
    openapi: &openapiv3::OpenAPI,
    path: &str,
    item: &PathItem,
    op: &Operation,
    body_fields: &[Property],
    hint: &str,
    op_pointer: &str,
    space: &mut TypeSpace,
    diags: &mut Diagnostics,
) -> Result<Vec<Property>, String> {
    let names = template_names(path);
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let declared = declared_params(item, op, op_pointer);
    let mut found = located_params(openapi, declared, In::Path, hint, space, diags);
    let mut ordered = Vec::with_capacity(names.len());
    for name in names {
        if let Some(at) = found.iter().position(|p| p.name == name) {
            ordered.push(found.remove(at));
            continue;
        }
        if let Some(why) = undeclared_path_problem(openapi, item, op, body_fields, name) {
            return Err(why);
        }
        // Nothing says what it holds: a string, which any segment is.
        diags.warning(
            Location::Pointer {
                file: space.file().to_owned(),
                pointer: op_pointer.to_owned(),
            },
            format!(
                "the path's `{{{name}}}` is declared by no parameter; it is taken as a required string path \
                 parameter `{name}`"
            ),
        );
        let string = Resolved {
            ty: TypeRef::String { format: String::new() },
            nullable: false,
        };
        ordered.push(space.property(name, string, true, None, op_pointer));
    }
    Ok(ordered)
}

/// Why a `{name}` of the path that no path parameter fills cannot be filled: the name is
/// declared elsewhere (the query, a header, a cookie, the body), so the description says it
/// travels there and taking it for a path parameter would guess; or a path parameter of that
/// name is given by `content` the client cannot write. `None` when nothing declares it.
fn undeclared_path_problem(
    openapi: &openapiv3::OpenAPI,
    item: &PathItem,
    op: &Operation,
    body_fields: &[Property],
    name: &str,
) -> Option<String> {
    for (_, param) in declared_params(item, op, "") {
        let Some(param) = support::resolve_parameter(openapi, param) else {
            continue;
        };
        let (place, data) = match param {
            Parameter::Path { parameter_data, .. } => ("path", parameter_data),
            Parameter::Query { parameter_data, .. } => ("query", parameter_data),
            Parameter::Header { parameter_data, .. } => ("header", parameter_data),
            Parameter::Cookie { parameter_data, .. } => ("cookie", parameter_data),
        };
        if data.name != name {
            continue;
        }
        return Some(match (&data.format, place) {
            (ParameterSchemaOrContent::Content(content), "path") => match path_content(openapi, content) {
                Err(why) => format!("the path parameter `{name}` is given by `content` {why}"),
                Ok(_) => format!("the path parameter `{name}` cannot be read"),
            },
            _ => format!(
                "the path's `{{{name}}}` is declared by no path parameter, and `{name}` is declared as a {place} \
                 parameter: where its value travels cannot be told"
            ),
        });
    }
    body_fields.iter().any(|p| p.name == name).then(|| {
        format!(
            "the path's `{{{name}}}` is declared by no path parameter, and `{name}` is a field of the body: where \
             its value travels cannot be told"
        )
    })
}

/// The media type and schema of a path parameter given by `content`, when the client can
/// write it: one media type that is not JSON (a JSON string would travel in quotes), whose
/// schema holds a scalar, written as its text. `Err` says why not.
fn path_content<'o>(
    openapi: &openapiv3::OpenAPI,
    content: &'o openapiv3::Content,
) -> Result<(&'o str, openapiv3::ReferenceOr<openapiv3::Schema>), String> {
    let Some((media_type, media)) = content.first() else {
        return Err("of no media type".to_owned());
    };
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence.ends_with("/json") || essence.ends_with("+json") {
        return Err(format!("of `{media_type}`, which is not supported yet"));
    }
    let Some(schema) = &media.schema else {
        return Err(format!("of `{media_type}` without a schema"));
    };
    if !support::is_scalar(openapi, schema) {
        return Err(format!(
            "of `{media_type}` holding a list or an object, which is not supported yet"
        ));
    }
    Ok((media_type.as_str(), schema.clone()))
}

/// The `{name}`s of a path template (or of one segment), in order: a segment may hold
/// several (`{base}...{head}`).
pub(super) fn template_names(path: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(length) = rest[open..].find('}') else { break };
        names.push(&rest[open + 1..open + length]);
        rest = &rest[open + length + 1..];
    }
    names
}

/// The method the SDKs call: PUT > PATCH > GET > DELETE > POST, where GET and DELETE are only
/// chosen when their query parameters (or body) can carry every parameter.
pub(super) fn preferred_method(
    openapi: &openapiv3::OpenAPI,
    ops: &[(HttpMethod, &Operation)],
    params: &[Property],
) -> (HttpMethod, ParamLocation) {
    for (method, op) in ops {
        match method {
            // Outside Seam's dialect an operation without a body sends its parameters where
            // it declares them: in the query.
            HttpMethod::Put | HttpMethod::Patch | HttpMethod::Post
                if op.request_body.is_none() && !support::has_seam_sdk_names(op) =>
            {
                return (*method, ParamLocation::Query)
            }
            HttpMethod::Put | HttpMethod::Patch | HttpMethod::Post => return (*method, ParamLocation::Body),
            HttpMethod::Get | HttpMethod::Delete | HttpMethod::Head => {
                if op.request_body.is_some() {
                    return (*method, ParamLocation::Body);
                }
                let query: BTreeSet<&str> = op
                    .parameters
                    .iter()
                    .filter_map(|p| match support::resolve_parameter(openapi, p)? {
                        Parameter::Query { parameter_data, .. } => Some(parameter_data.name.as_str()),
                        _ => None,
                    })
                    .collect();
                let fits = params
                    .iter()
                    .all(|p| query.contains(p.name.as_str()) && fits_in_query(&p.ty));
                if fits {
                    return (*method, ParamLocation::Query);
                }
            }
        }
    }
    // Nothing fits the query: POST with a body where the path has it, else the operation
    // itself, its parameters where it keeps them.
    match ops.iter().find(|(m, _)| *m == HttpMethod::Post).or_else(|| ops.first()) {
        Some((method @ (HttpMethod::Get | HttpMethod::Delete | HttpMethod::Head), op)) if op.request_body.is_none() => {
            (*method, ParamLocation::Query)
        }
        Some((method, _)) => (*method, ParamLocation::Body),
        None => (HttpMethod::Post, ParamLocation::Body),
    }
}

pub(super) fn fits_in_query(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String { .. } | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean => true,
        // Named types in a query are enums in practice; objects are rejected by the caller's
        // parameter list (objects never appear as GET parameters in the real API).
        TypeRef::Named { .. } => true,
        TypeRef::Array { items, .. } => matches!(
            **items,
            TypeRef::String { .. } | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean | TypeRef::Named { .. }
        ),
        TypeRef::Map { .. } | TypeRef::Any => false,
    }
}

/// The query parameters of a call outside Seam's dialect that are written otherwise than as
/// repeated `name=value` pairs, with how (the operation's declaration over its path item's).
pub(super) fn query_styles(openapi: &openapiv3::OpenAPI, item: &PathItem, op: &Operation) -> Vec<(String, QueryStyle)> {
    let mut styles: Vec<(String, QueryStyle)> = Vec::new();
    let mut seen = BTreeSet::new();
    for (_, param) in declared_params(item, op, "") {
        let (parameter_data, written) = match support::resolve_parameter(openapi, param) {
            Some(Parameter::Query {
                parameter_data, style, ..
            }) => (
                parameter_data,
                support::query_style(openapi, style, parameter_data, false)
                    .ok()
                    .flatten(),
            ),
            // A path parameter's style, which the runtime reads as it fills the path.
            Some(Parameter::Path { parameter_data, style }) => {
                (parameter_data, support::path_style(style, parameter_data))
            }
            _ => continue,
        };
        if !seen.insert(parameter_data.name.clone()) {
            continue;
        }
        if let Some(written) = written {
            styles.push((parameter_data.name.clone(), written));
        }
    }
    styles
}

/// The styles of a form body's fields that hold objects (see [`support::form_styles`]).
pub(super) fn form_field_styles(openapi: &openapiv3::OpenAPI, op: &Operation) -> Vec<(String, QueryStyle)> {
    let Some(body) = op
        .request_body
        .as_ref()
        .and_then(|body| support::resolve_request_body(openapi, body).ok())
    else {
        return Vec::new();
    };
    match body.content.get(FORM) {
        Some(media) if !body.content.contains_key(JSON) => support::form_styles(openapi, media),
        _ => Vec::new(),
    }
}
