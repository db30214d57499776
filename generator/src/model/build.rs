//! Builds the model from a loaded description and its samples.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;
use openapiv3::{Operation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema, SchemaKind, Type};

use super::support;
use super::types::{deprecation, extension_text, Resolved, TypeSpace};
use super::{
    Api, AuthMethod, Endpoint, HttpMethod, KeyPlace, Namespace, Pagination, ParamLocation, Place, Property, Response,
    SchemeKind, SecurityScheme, TypeRef, Visibility, WorkspaceHeader,
};
use crate::diagnostics::{pointer_token, Diagnostics, Location};
use crate::load::{LoadedSpec, RawSample};

/// Options that change how strictly input is judged.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Sample defects become warnings instead of errors.
    pub lenient_samples: bool,
}

/// Builds the model; errors (and warnings) come back together, every independent problem at once.
pub fn build(
    spec: &LoadedSpec,
    samples: Vec<RawSample>,
    options: BuildOptions,
) -> Result<(Api, Diagnostics), Diagnostics> {
    let openapi = &spec.openapi;
    let file = spec.file.as_str();
    let empty = indexmap::IndexMap::new();
    let components = openapi.components.as_ref().map(|c| &c.schemas).unwrap_or(&empty);
    let mut space = TypeSpace::new(file, components);
    let mut diags = Diagnostics::new();

    let mut paths: Vec<(&String, &ReferenceOr<PathItem>)> = openapi.paths.paths.iter().collect();
    paths.sort_by(|a, b| a.0.cmp(b.0));
    let mut endpoints = Vec::with_capacity(paths.len());
    let mut long_names = Vec::with_capacity(paths.len());
    for (path, item) in paths {
        let pointer = format!("/paths/{}", pointer_token(path));
        let Some(item) = path_item(openapi, item) else {
            diags.error(
                Location::Pointer {
                    file: file.to_owned(),
                    pointer,
                },
                "a path item's `$ref` must name another path of this description (`#/paths/…`) that is written inline",
            );
            continue;
        };
        for ops in callable_operations(file, openapi, item, &pointer, &mut diags) {
            if let Some((endpoint, long_name)) =
                endpoint(file, openapi, path, item, ops, &pointer, &mut space, &mut diags)
            {
                endpoints.push(endpoint);
                long_names.push(long_name);
            }
        }
        if support::operations_of(item).is_empty() {
            diags.warning(
                Location::Pointer {
                    file: file.to_owned(),
                    pointer,
                },
                "path has no GET, POST, PUT, PATCH or DELETE operation; skipped",
            );
        }
    }
    lengthen_clashing_path_names(&mut endpoints, &long_names);
    let security_schemes = security_schemes(file, openapi, &mut diags);
    keep_callable_security(file, &security_schemes, &mut endpoints, &mut diags);
    space.resolve_all_components();
    let (types, type_diags) = space.finish();
    diags.extend(type_diags);
    drop_repeated_namespace(&mut endpoints);
    check_name_clashes(file, &endpoints, &mut diags);
    super::samples::attach(&mut endpoints, &types, samples, options.lenient_samples, &mut diags);
    let namespaces = namespaces(&endpoints);
    if diags.has_errors() {
        return Err(diags);
    }
    let info = &openapi.info;
    let base_url = openapi
        .servers
        .first()
        .map(|s| s.url.trim_end_matches('/').to_owned())
        .unwrap_or_default();
    let seam_profile = !endpoints.is_empty() && endpoints.iter().all(|e| e.seam_dialect);
    let api = Api {
        security_schemes,
        seam_profile,
        crate_name: None,
        title: info.title.clone(),
        version: info.version.clone(),
        base_url,
        endpoints,
        namespaces,
        types,
        resource_samples: Vec::new(),
        resource_routes: resource_routes(components),
    };
    Ok((api, diags))
}

/// A path item, looking through a `$ref` to another path of the description
/// (`#/paths/~1pets`); `None` for any other reference.
fn path_item<'o>(openapi: &'o openapiv3::OpenAPI, item: &'o ReferenceOr<PathItem>) -> Option<&'o PathItem> {
    match item {
        ReferenceOr::Item(item) => Some(item),
        ReferenceOr::Reference { reference } => {
            let token = percent_decoded(reference.strip_prefix("#/paths/")?)?;
            let path = token.replace("~1", "/").replace("~0", "~");
            match openapi.paths.paths.get(&path)? {
                ReferenceOr::Item(item) => Some(item),
                ReferenceOr::Reference { .. } => None,
            }
        }
    }
}

/// A URI fragment's text with its `%XX` escapes decoded; `None` when one is not valid UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The route of each component schema that has one and is documented.
fn resource_routes(components: &indexmap::IndexMap<String, ReferenceOr<Schema>>) -> BTreeMap<String, String> {
    components
        .iter()
        .filter_map(|(name, schema)| {
            let ReferenceOr::Item(schema) = schema else {
                return None;
            };
            let extensions = &schema.schema_data.extensions;
            if extension_text(extensions, "x-undocumented").is_some() {
                return None;
            }
            let route = extensions.get("x-route-path")?.as_str()?;
            Some((name.clone(), route.to_owned()))
        })
        .collect()
}

/// The calls of a path: the operations the client can call correctly, grouped so that each
/// call holds one operation and its aliases (Seam's POST and GET twins are one call). The
/// path's POST, else its first operation, leads the first call. Each operation left out is a
/// warning that says why.
fn callable_operations<'o>(
    file: &str,
    openapi: &openapiv3::OpenAPI,
    item: &'o PathItem,
    pointer: &str,
    diags: &mut Diagnostics,
) -> Vec<Vec<(HttpMethod, &'o Operation)>> {
    let mut ops = Vec::new();
    for (method, op) in support::operations_of(item) {
        let at = Location::Pointer {
            file: file.to_owned(),
            pointer: format!("{pointer}/{}", method.as_str().to_lowercase()),
        };
        let mut notes = Vec::new();
        let problem = support::operation_problem(openapi, op, item, &mut notes);
        for note in notes {
            diags.warning(at.clone(), note);
        }
        match problem {
            Some(problem) => diags.warning(at, format!("{problem}; the operation is left out")),
            None => ops.push((method, op)),
        }
    }
    for (method, op) in [("head", &item.head), ("options", &item.options), ("trace", &item.trace)] {
        if op.is_some() {
            diags.warning(
                Location::Pointer {
                    file: file.to_owned(),
                    pointer: format!("{pointer}/{method}"),
                },
                format!(
                    "{} operations are not supported yet; the operation is left out",
                    method.to_uppercase()
                ),
            );
        }
    }
    if let Some(post) = ops.iter().position(|(m, _)| *m == HttpMethod::Post) {
        let lead = ops.remove(post);
        ops.insert(0, lead);
    }
    let mut calls: Vec<Vec<(HttpMethod, &Operation)>> = Vec::new();
    for (method, op) in ops {
        match calls.iter_mut().find(|call| support::is_alias(call[0].1, op)) {
            Some(call) => call.push((method, op)),
            None => calls.push(vec![(method, op)]),
        }
    }
    // The SDKs' order within a call: PUT > PATCH > GET > DELETE > POST.
    for call in &mut calls {
        call.sort_by_key(|(m, _)| support::preference(*m));
    }
    calls
}

#[allow(clippy::too_many_arguments)]
fn endpoint(
    file: &str,
    openapi: &openapiv3::OpenAPI,
    path: &str,
    item: &PathItem,
    ops: Vec<(HttpMethod, &Operation)>,
    pointer: &str,
    space: &mut TypeSpace,
    diags: &mut Diagnostics,
) -> Option<(Endpoint, Option<String>)> {
    let at = |p: String| Location::Pointer {
        file: file.to_owned(),
        pointer: p,
    };
    // POST carries the canonical parameters and metadata; a call without POST uses its first
    // method.
    let (primary_method, primary) = ops
        .iter()
        .find(|(m, _)| *m == HttpMethod::Post)
        .or_else(|| ops.first())
        .copied()?;
    let op_pointer = format!("{pointer}/{}", primary_method.as_str().to_lowercase());
    // A call is named by the path's words, never by its `{parameters}`: a path that ends in
    // one reads `…/by_name` (by its first, where a segment holds several).
    let raw_segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let last = raw_segments.len().saturating_sub(1);
    let words: Vec<String> = raw_segments
        .iter()
        .enumerate()
        .filter_map(|(i, segment)| match template_names(segment).first() {
            Some(name) if i == last && path.ends_with('}') => Some(format!("by_{name}")),
            Some(_) => None,
            None => Some((*segment).to_owned()),
        })
        .collect();
    let segments: Vec<&str> = words.iter().map(String::as_str).collect();
    let (namespace, method_name, generic_names) = call_names(primary, &segments);
    // A call named after its path's last word may clash with another: then it is named after
    // its method and every word of its path, which no other call shares.
    let named_by_path = primary.operation_id.is_none() && !primary.extensions.contains_key("x-fern-sdk-method-name");
    let long_name = named_by_path.then(|| {
        let every_word = raw_segments
            .iter()
            .map(|segment| match template_names(segment).as_slice() {
                [] => (*segment).to_owned(),
                names => names
                    .iter()
                    .map(|name| format!("by_{name}"))
                    .collect::<Vec<_>>()
                    .join("_"),
            });
        let method = primary_method.as_str().to_lowercase();
        std::iter::once(method).chain(every_word).collect::<Vec<_>>().join("_")
    });
    let hint = call_hint(&namespace, &method_name);

    // Parameters: the primary operation's JSON body, else its query parameters, else the
    // query parameters of a twin.
    let mut params = body_params(openapi, primary, &hint, &op_pointer, space, diags);
    if params.is_empty() {
        params = query_params(openapi, primary, &hint, &op_pointer, space, diags);
    }
    if params.is_empty() {
        for (method, op) in &ops {
            let twin_pointer = format!("{pointer}/{}", method.as_str().to_lowercase());
            let twin = query_params(openapi, op, &hint, &twin_pointer, space, diags);
            if !twin.is_empty() {
                params = twin;
                break;
            }
        }
    }

    let path_params = match path_params(openapi, path, item, primary, &hint, &op_pointer, space, diags) {
        Ok(found) => found,
        Err(missing) => {
            diags.warning(
                at(op_pointer.clone()),
                format!("the path's `{{{missing}}}` is declared by no path parameter; the operation is left out"),
            );
            return None;
        }
    };
    let path_param_names: Vec<String> = path_params.iter().map(|p| p.name.clone()).collect();
    params.retain(|p| !path_param_names.contains(&p.name));
    // Outside Seam's dialect every parameter travels where it is declared.
    let mut placed = Vec::new();
    if !support::has_seam_sdk_names(primary) {
        let has_body = primary.request_body.is_some();
        let apart = placed_params(openapi, item, primary, &hint, &op_pointer, has_body, space, diags);
        if !has_body {
            // The query parameters are the call's own, its path item's included.
            params.clear();
        }
        for (property, place) in apart {
            if params.iter().chain(&path_params).any(|p| p.name == property.name) {
                diags.warning(
                    at(op_pointer.clone()),
                    format!(
                        "the parameter `{}` is declared in two places; the operation is left out",
                        property.name
                    ),
                );
                return None;
            }
            if let Some(place) = place {
                placed.push((property.name.clone(), place));
            }
            params.push(property);
        }
    }
    let (http_method, param_location) = preferred_method(openapi, &ops, &params);
    params.splice(0..0, path_params);
    let response = response(primary, &hint, &op_pointer, space, diags);
    let error = match primary.extensions.contains_key("x-response-key") {
        true => None,
        false => error_body(primary, &hint, &op_pointer, space),
    };
    let pagination = pagination(primary, &params);
    let auth = auth_methods(primary.security.as_ref().or(openapi.security.as_ref()));
    let visibility = if let Some(reason) = extension_text(&primary.extensions, "x-undocumented") {
        Visibility::Undocumented(reason)
    } else if let Some(reason) = extension_text(&primary.extensions, "x-draft") {
        Visibility::Draft(reason)
    } else {
        Visibility::Public
    };
    let deprecated = deprecation(extension_text(&primary.extensions, "x-deprecated"), primary.deprecated);
    let title = primary
        .extensions
        .get("x-title")
        .and_then(|v| v.as_str())
        .map(str::to_owned)
        .unwrap_or_else(|| path.to_owned());
    let endpoint = Endpoint {
        path: path.to_owned(),
        namespace,
        method_name,
        title,
        description: primary.description.clone().unwrap_or_default(),
        http_method,
        http_methods: ops.iter().map(|(m, _)| *m).collect(),
        param_location,
        seam_dialect: path_param_names.is_empty() && !generic_names && !matches!(response, Response::Body { .. }),
        path_params: path_param_names,
        form: param_location == ParamLocation::Body && sends_form(openapi, primary),
        placed,
        security: security_requirements(primary.security.as_ref().or(openapi.security.as_ref())),
        params,
        response,
        error,
        auth,
        deprecated,
        visibility,
        samples: Vec::new(),
        pagination,
        action_attempt_type: extension_text(&primary.extensions, "x-action-attempt-type"),
    };
    Some((endpoint, long_name))
}

/// Where the call sits in the client: Seam's `x-fern-sdk-group-name` and
/// `x-fern-sdk-method-name`; else the operation's first tag and its `operationId`
/// (snake_cased); else the path's leading segments and its last one.
/// The third value says whether a tag or an `operationId` named it (not Seam's rules).
fn call_names(op: &Operation, segments: &[&str]) -> (Vec<String>, String, bool) {
    let leading = || -> Vec<String> {
        segments
            .iter()
            .take(segments.len().saturating_sub(1))
            .map(|s| (*s).to_owned())
            .collect()
    };
    let mut generic = false;
    let namespace = match op.extensions.get("x-fern-sdk-group-name") {
        Some(serde_json::Value::Array(groups)) => groups.iter().filter_map(|g| g.as_str()).map(str::to_owned).collect(),
        _ => match op.tags.first() {
            Some(tag) => {
                generic = true;
                vec![tag.to_snake_case()]
            }
            None => leading(),
        },
    };
    let method_name = match op.extensions.get("x-fern-sdk-method-name").and_then(|v| v.as_str()) {
        Some(name) => name.to_owned(),
        None => match &op.operation_id {
            Some(id) => {
                generic = true;
                id.to_snake_case()
            }
            None => segments
                .last()
                .map(|s| (*s).to_owned())
                .unwrap_or_else(|| "root".to_owned()),
        },
    };
    (namespace, method_name, generic)
}

/// The id stem for an endpoint's inline types, e.g. `acs_credentials_unassign`.
fn call_hint(namespace: &[String], method: &str) -> String {
    let mut parts: Vec<String> = namespace.iter().map(|s| s.to_snake_case()).collect();
    parts.push(method.to_snake_case());
    parts.join("_")
}

fn body_params(
    openapi: &openapiv3::OpenAPI,
    op: &Operation,
    hint: &str,
    pointer: &str,
    space: &mut TypeSpace,
    diags: &mut Diagnostics,
) -> Vec<Property> {
    let Some(body) = &op.request_body else {
        return Vec::new();
    };
    let body = match support::resolve_request_body(openapi, body) {
        Ok(body) => body,
        Err(reference) => {
            diags.error(
                Location::Pointer { file: space.file().to_owned(), pointer: format!("{pointer}/requestBody") },
                format!("cannot resolve `$ref: {reference}`; only `#/components/requestBodies/…` defined inline are supported"),
            );
            return Vec::new();
        }
    };
    let Some((media_type, media)) = [JSON, FORM]
        .into_iter()
        .find_map(|media_type| Some((media_type, body.content.get(media_type)?)))
    else {
        return Vec::new();
    };
    let Some(schema) = &media.schema else { return Vec::new() };
    let schema_pointer = format!("{pointer}/requestBody/content/{}/schema", pointer_token(media_type));
    space.params_of(schema, hint, &schema_pointer)
}

/// The media types of the request bodies the client sends, in order of preference.
const JSON: &str = "application/json";
const FORM: &str = "application/x-www-form-urlencoded";

/// Whether `op` sends its body as a form: it has one and no JSON body.
fn sends_form(openapi: &openapiv3::OpenAPI, op: &Operation) -> bool {
    op.request_body
        .as_ref()
        .and_then(|body| support::resolve_request_body(openapi, body).ok())
        .is_some_and(|body| !body.content.contains_key(JSON) && body.content.contains_key(FORM))
}

fn query_params(
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
fn placed_params(
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
fn declared_params<'o>(
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
enum In {
    Query,
    Path,
    Header,
    Cookie,
}

/// The parameters of `declared` (pointer and parameter) that travel `wanted`, as properties.
fn located_params<'o>(
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
        let ParameterSchemaOrContent::Schema(schema) = &parameter_data.format else {
            continue;
        };
        let name = &parameter_data.name;
        let schema_pointer = format!("{param_pointer}/schema");
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
/// by its path item. `Err(name)` names a `{name}` of the template that nothing declares.
#[allow(clippy::too_many_arguments)]
fn path_params(
    openapi: &openapiv3::OpenAPI,
    path: &str,
    item: &PathItem,
    op: &Operation,
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
        let at = found
            .iter()
            .position(|p| p.name == name)
            .ok_or_else(|| name.to_owned())?;
        ordered.push(found.remove(at));
    }
    Ok(ordered)
}

/// The `{name}`s of a path template (or of one segment), in order: a segment may hold
/// several (`{base}...{head}`).
fn template_names(path: &str) -> Vec<&str> {
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
fn preferred_method(
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
            HttpMethod::Get | HttpMethod::Delete => {
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
        Some((method @ (HttpMethod::Get | HttpMethod::Delete), op)) if op.request_body.is_none() => {
            (*method, ParamLocation::Query)
        }
        Some((method, _)) => (*method, ParamLocation::Body),
        None => (HttpMethod::Post, ParamLocation::Body),
    }
}

fn fits_in_query(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String { .. } | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean => true,
        // Named types in a query are enums in practice; objects are rejected by the caller's
        // parameter list (objects never appear as GET parameters in the real API).
        TypeRef::Named { .. } => true,
        TypeRef::Array { items } => matches!(
            **items,
            TypeRef::String { .. } | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean | TypeRef::Named { .. }
        ),
        TypeRef::Map { .. } | TypeRef::Any => false,
    }
}

fn response(op: &Operation, hint: &str, pointer: &str, space: &mut TypeSpace, diags: &mut Diagnostics) -> Response {
    let key = match op.extensions.get("x-response-key") {
        Some(serde_json::Value::String(key)) => key.clone(),
        Some(_) => return Response::Void,
        // Outside Seam's dialect the result is the first success response's whole body.
        None => {
            let Some((code, schema)) = json_success(op) else {
                if let Some((code, media_type)) = other_success(op) {
                    diags.warning(
                        Location::Pointer {
                            file: space.file().to_owned(),
                            pointer: format!("{pointer}/responses/{code}/content"),
                        },
                        format!(
                            "a `{media_type}` response is not decoded yet (only `application/json`); the call returns nothing"
                        ),
                    );
                }
                return Response::Void;
            };
            let schema_pointer = format!("{pointer}/responses/{code}/content/application~1json/schema");
            let resolved = space.resolve(schema, &format!("{hint}_response"), &schema_pointer);
            return Response::Body {
                ty: resolved.ty,
                nullable: resolved.nullable,
            };
        }
    };
    let ok = op
        .responses
        .responses
        .get(&openapiv3::StatusCode::Code(200))
        .and_then(|r| match r {
            ReferenceOr::Item(r) => Some(r),
            ReferenceOr::Reference { .. } => None,
        })
        .and_then(|r| r.content.get("application/json"))
        .and_then(|m| m.schema.as_ref());
    let schema_pointer = format!("{pointer}/responses/200/content/application~1json/schema");
    let property = ok.and_then(|schema| match schema {
        ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Type(Type::Object(o)),
            ..
        }) => o.properties.get(&key),
        _ => None,
    });
    match property {
        Some(schema) => {
            let value_pointer = format!("{schema_pointer}/properties/{}", pointer_token(&key));
            let resolved = space.resolve_boxed(schema, &format!("{hint}_{key}"), &value_pointer);
            Response::Value { key, ty: resolved.ty }
        }
        None => {
            diags.warning(
                Location::Pointer {
                    file: space.file().to_owned(),
                    pointer: schema_pointer,
                },
                format!(
                    "`x-response-key: {key}` names no property of the 200 response; the result is typed as any JSON"
                ),
            );
            Response::Value { key, ty: TypeRef::Any }
        }
    }
}

/// The type of an error answer's JSON body: the `default` response's, else the first
/// `4XX` or `5XX` response's that has one.
fn error_body(op: &Operation, hint: &str, pointer: &str, space: &mut TypeSpace) -> Option<TypeRef> {
    use openapiv3::StatusCode;
    let default = op.responses.default.as_ref().map(|r| ("default".to_owned(), r));
    let failures = op.responses.responses.iter().filter_map(|(status, r)| match status {
        StatusCode::Code(400..=599) | StatusCode::Range(4 | 5) => Some((status.to_string(), r)),
        _ => None,
    });
    let (status, schema) = default.into_iter().chain(failures).find_map(|(status, r)| match r {
        ReferenceOr::Item(r) => Some((status, r.content.get("application/json")?.schema.as_ref()?)),
        ReferenceOr::Reference { .. } => None,
    })?;
    let schema_pointer = format!("{pointer}/responses/{status}/content/application~1json/schema");
    Some(space.resolve(schema, &format!("{hint}_error"), &schema_pointer).ty)
}

/// The status and media type of the first success response that has a body, if any.
fn other_success(op: &Operation) -> Option<(u16, &str)> {
    op.responses
        .responses
        .iter()
        .find_map(|(status, response)| match (status, response) {
            (openapiv3::StatusCode::Code(code @ 200..=299), ReferenceOr::Item(r)) => {
                Some((*code, r.content.keys().next()?.as_str()))
            }
            _ => None,
        })
}

/// The status and JSON schema of the first success response that has a JSON body, if any.
fn json_success(op: &Operation) -> Option<(u16, &ReferenceOr<Schema>)> {
    op.responses
        .responses
        .iter()
        .find_map(|(status, response)| match (status, response) {
            (openapiv3::StatusCode::Code(code @ 200..=299), ReferenceOr::Item(r)) => {
                Some((*code, r.content.get("application/json")?.schema.as_ref()?))
            }
            _ => None,
        })
}

fn pagination(op: &Operation, params: &[Property]) -> Option<Pagination> {
    let has_cursor = params.iter().any(|p| p.name == "page_cursor");
    let has_pagination = op
        .responses
        .responses
        .get(&openapiv3::StatusCode::Code(200))
        .and_then(|r| match r {
            ReferenceOr::Item(r) => r.content.get("application/json"),
            ReferenceOr::Reference { .. } => None,
        })
        .and_then(|m| match m.schema.as_ref()? {
            ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::Type(Type::Object(o)),
                ..
            }) => Some(o.properties.contains_key("pagination")),
            _ => None,
        })
        .unwrap_or(false);
    (has_cursor && has_pagination).then(|| Pagination {
        cursor_param: "page_cursor".to_owned(),
        response_key: "pagination".to_owned(),
    })
}

/// The public authentication methods that the security requirements allow.
fn auth_methods(security: Option<&Vec<openapiv3::SecurityRequirement>>) -> Vec<AuthMethod> {
    let schemes: BTreeSet<&str> = security
        .into_iter()
        .flatten()
        .flat_map(|requirement| requirement.keys())
        .map(String::as_str)
        .collect();
    let mut methods = BTreeSet::new();
    for scheme in &schemes {
        match *scheme {
            "api_key" => {
                methods.insert(AuthMethod::ApiKey);
            }
            "publishable_key" => {
                methods.insert(AuthMethod::PublishableKey);
            }
            s if s.starts_with("client_session") => {
                methods.insert(AuthMethod::ClientSessionToken);
            }
            _ => {}
        }
    }
    let with = schemes.contains("pat_with_workspace");
    let without = schemes.contains("pat_without_workspace");
    let workspace = match (with, without) {
        (true, true) => Some(WorkspaceHeader::Optional),
        (true, false) => Some(WorkspaceHeader::Required),
        (false, true) => Some(WorkspaceHeader::Forbidden),
        (false, false) => None,
    };
    if let Some(workspace) = workspace {
        methods.insert(AuthMethod::PersonalAccessToken { workspace });
    }
    let mut methods: Vec<AuthMethod> = methods.into_iter().collect();
    methods.sort_by_key(|m| m.display_name());
    methods
}

/// A call's security requirements, any one of which it may meet: each the schemes it needs.
fn security_requirements(security: Option<&Vec<openapiv3::SecurityRequirement>>) -> Vec<Vec<String>> {
    security
        .into_iter()
        .flatten()
        .map(|requirement| requirement.keys().cloned().collect())
        .collect()
}

/// Keeps the security requirements whose schemes the client can all send; an endpoint left
/// with none of its requirements cannot authenticate, and is left out with a warning.
fn keep_callable_security(
    file: &str,
    schemes: &[SecurityScheme],
    endpoints: &mut Vec<Endpoint>,
    diags: &mut Diagnostics,
) {
    endpoints.retain_mut(|e| {
        if e.security.is_empty() {
            return true;
        }
        let known = |name: &String| schemes.iter().any(|s| &s.name == name);
        let missing: BTreeSet<String> = e.security.iter().flatten().filter(|n| !known(n)).cloned().collect();
        e.security.retain(|requirement| requirement.iter().all(known));
        if !e.security.is_empty() {
            return true;
        }
        let missing: Vec<String> = missing.iter().map(|n| format!("`{n}`")).collect();
        diags.warning(
            Location::Pointer {
                file: file.to_owned(),
                pointer: format!(
                    "/paths/{}/{}",
                    pointer_token(&e.path),
                    e.http_method.as_str().to_lowercase()
                ),
            },
            format!(
                "every security requirement needs a scheme the client cannot send ({}); the operation is left out",
                missing.join(", ")
            ),
        );
        false
    });
}

/// The description's security schemes a client can send; each other one is a warning that
/// names it (its calls then cannot meet a requirement that needs it).
fn security_schemes(file: &str, openapi: &openapiv3::OpenAPI, diags: &mut Diagnostics) -> Vec<SecurityScheme> {
    use openapiv3::{APIKeyLocation, SecurityScheme as Scheme};
    let Some(components) = &openapi.components else {
        return Vec::new();
    };
    let mut schemes = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let at = Location::Pointer {
            file: file.to_owned(),
            pointer: format!("/components/securitySchemes/{}", pointer_token(name)),
        };
        let ReferenceOr::Item(scheme) = scheme else {
            diags.warning(
                at,
                "security schemes given by `$ref` are not supported; calls that need it cannot be made",
            );
            continue;
        };
        let (kind, description) = match scheme {
            Scheme::HTTP {
                scheme, description, ..
            } => match scheme.to_ascii_lowercase().as_str() {
                "bearer" => (SchemeKind::Bearer, description),
                "basic" => (SchemeKind::Basic, description),
                other => {
                    diags.warning(
                        at,
                        format!("the HTTP authentication scheme `{other}` is not supported; calls that need it cannot be made"),
                    );
                    continue;
                }
            },
            Scheme::APIKey {
                location,
                name: key,
                description,
                ..
            } => {
                let place = match location {
                    APIKeyLocation::Header => KeyPlace::Header,
                    APIKeyLocation::Query => KeyPlace::Query,
                    APIKeyLocation::Cookie => KeyPlace::Cookie,
                };
                (
                    SchemeKind::ApiKey {
                        name: key.clone(),
                        place,
                    },
                    description,
                )
            }
            // The client holds the access token; getting one is the caller's business.
            Scheme::OAuth2 { description, .. } | Scheme::OpenIDConnect { description, .. } => {
                (SchemeKind::Bearer, description)
            }
        };
        schemes.push(SecurityScheme {
            name: name.clone(),
            kind,
            description: description.clone().unwrap_or_default(),
        });
    }
    schemes
}

/// Calls named after their path's last word that would share a name (`GET /reports/tags/{id}`
/// and `GET /reports/sites/{id}`, both `reports.by_id`) are named by their long names instead
/// (`get_reports_tags_by_id`, `get_reports_sites_by_id`), so a fallback never refuses a
/// description. `long_names[i]` is the long name of `endpoints[i]`, `None` for a call the
/// description names.
fn lengthen_clashing_path_names(endpoints: &mut [Endpoint], long_names: &[Option<String>]) {
    let call = |e: &Endpoint| fold_call(&e.call_segments());
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for e in endpoints.iter() {
        *count.entry(call(e)).or_default() += 1;
    }
    for (e, long) in endpoints.iter_mut().zip(long_names) {
        if let Some(long) = long.as_ref().filter(|_| count[&call(e)] > 1) {
            e.method_name = long.clone();
        }
    }
}

/// A call outside Seam's dialect whose name repeats its namespace's
/// (`reactions.reactions_create_for_issue`, from an `operationId` that starts with its tag)
/// drops the repetition (`reactions.create_for_issue`), unless that would name it like
/// another call or a namespace beside it.
fn drop_repeated_namespace(endpoints: &mut [Endpoint]) {
    let shortened: Vec<Option<String>> = endpoints
        .iter()
        .map(|e| {
            let last = e.namespace.last()?.to_snake_case();
            let rest = e.method_name.strip_prefix(&last)?.strip_prefix('_')?;
            (!e.seam_dialect && rest.starts_with(|c: char| c.is_ascii_alphabetic())).then(|| rest.to_owned())
        })
        .collect();
    let taken = |namespace: &[String], name: &str, skip: usize| {
        let mut full = namespace.to_vec();
        full.push(name.to_owned());
        endpoints.iter().enumerate().any(|(i, other)| {
            let other_name = shortened[i].as_deref().unwrap_or(&other.method_name);
            let clash = i != skip && other.namespace == namespace && other_name.to_snake_case() == name.to_snake_case();
            clash || other.namespace.starts_with(&full)
        })
    };
    let keep: Vec<bool> = shortened
        .iter()
        .enumerate()
        .map(|(i, short)| {
            short
                .as_deref()
                .is_some_and(|name| !taken(&endpoints[i].namespace, name, i))
        })
        .collect();
    for ((e, short), keep) in endpoints.iter_mut().zip(shortened).zip(keep) {
        if let (Some(short), true) = (short, keep) {
            e.method_name = short;
        }
    }
}

/// Two endpoints must not share a client method or a page, and a method must not share its
/// name with a namespace beside it.
fn check_name_clashes(file: &str, endpoints: &[Endpoint], diags: &mut Diagnostics) {
    let mut calls: BTreeMap<String, String> = BTreeMap::new();
    let mut pages: BTreeMap<String, String> = BTreeMap::new();
    let mut namespaces: BTreeSet<String> = BTreeSet::new();
    for e in endpoints {
        for depth in 1..=e.namespace.len() {
            namespaces.insert(fold_call(
                &e.namespace[..depth].iter().map(String::as_str).collect::<Vec<_>>(),
            ));
        }
    }
    for e in endpoints {
        let at = Location::Pointer {
            file: file.to_owned(),
            pointer: format!("/paths/{}", pointer_token(&e.path)),
        };
        // A path of several calls names each by its method too.
        let label = if e.seam_dialect {
            e.path.clone()
        } else {
            format!("{} {}", e.http_method.as_str(), e.path)
        };
        let call = fold_call(&e.call_segments());
        if let Some(other) = calls.insert(call.clone(), label.clone()) {
            diags.error(
                at.clone(),
                format!(
                    "`{}` and `{other}` would both become the client method `{}`; give one another `x-fern-sdk-method-name` or `x-fern-sdk-group-name`",
                    label,
                    e.call_segments().join(".")
                ),
            );
        }
        if namespaces.contains(&call) {
            diags.error(
                at.clone(),
                format!(
                    "the client method `{}` of `{}` has the name of a namespace; rename the method with `x-fern-sdk-method-name`",
                    e.call_segments().join("."),
                    label
                ),
            );
        }
        let page = e
            .page_segments()
            .iter()
            .map(|s| s.to_lowercase())
            .collect::<Vec<_>>()
            .join("/");
        if let Some(other) = pages.insert(page.clone(), label.clone()) {
            diags.error(
                at,
                format!("`{label}` and `{other}` would both become the page `{page}.md`"),
            );
        }
    }
}

fn fold_call(segments: &[&str]) -> String {
    segments.iter().map(|s| s.to_snake_case()).collect::<Vec<_>>().join(".")
}

/// Every namespace that holds an endpoint, and every ancestor of one.
fn namespaces(endpoints: &[Endpoint]) -> Vec<Namespace> {
    let mut map: BTreeMap<Vec<String>, (Vec<usize>, BTreeSet<String>)> = BTreeMap::new();
    for (index, e) in endpoints.iter().enumerate() {
        map.entry(e.namespace.clone()).or_default().0.push(index);
        for depth in 0..e.namespace.len() {
            let parent = e.namespace[..depth].to_vec();
            map.entry(parent).or_default().1.insert(e.namespace[depth].clone());
        }
    }
    map.into_iter()
        .map(|(path, (mut eps, children))| {
            eps.sort_by(|a, b| endpoints[*a].method_name.cmp(&endpoints[*b].method_name));
            Namespace {
                path,
                endpoints: eps,
                children: children.into_iter().collect(),
            }
        })
        .collect()
}
