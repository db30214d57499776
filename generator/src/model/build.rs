//! Builds the model from a loaded description and its samples.

use std::collections::BTreeMap;

use openapiv3::{Operation, PathItem, ReferenceOr, Schema};

use super::call_names::{
    call_hint, call_names, check_name_clashes, drop_repeated_namespace, lengthen_clashing_path_names, namespaces,
    rename_methods_named_like_namespaces, warn_unusable_page_names,
};
use super::params::{
    body_params, form_field_styles, path_params, placed_params, preferred_method, query_params, query_styles,
    sends_form, template_names,
};
use super::responses::{answers, error_body, pagination, response};
use super::security::{
    add_authorization_parameter, auth_methods, call_security, keep_callable_security, security_schemes,
};
use super::support;
use super::types::{deprecation, extension_text, extension_texts, TypeSpace};
use super::{Answer, Api, BodyContent, Endpoint, HttpMethod, ParamLocation, Place, Property, Response, Visibility};
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
    let mut diags = spec.warnings.clone();

    let mut paths: Vec<(&String, &ReferenceOr<PathItem>)> = openapi.paths.paths.iter().collect();
    paths.sort_by(|a, b| a.0.cmp(b.0));
    let mut endpoints = Vec::with_capacity(paths.len());
    let mut long_names = Vec::with_capacity(paths.len());
    // What a sample would be synthesized from: the path item, the primary operation and the
    // call as first built. Synthesizing waits until the profile is known, as Seam's needs none.
    let mut sources = Vec::new();
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
        let calls = callable_operations(file, openapi, item, &pointer, &mut diags);
        // In Seam's dialect a path is one call (its methods are twins); a path of several
        // calls names each by its method.
        let shared_path = calls.len() > 1;
        for ops in calls {
            if let Some((mut endpoint, long_name, primary)) =
                endpoint(file, openapi, path, item, ops, &pointer, &mut space, &mut diags)
            {
                sources.push((item, primary, endpoint.clone()));
                endpoint.seam_dialect &= !shared_path;
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
    let mut security_schemes = security_schemes(file, openapi, &mut diags);
    add_authorization_parameter(openapi, &endpoints, &mut security_schemes);
    keep_callable_security(file, &security_schemes, &mut endpoints, &mut diags);
    space.resolve_all_components();
    let (types, type_diags) = space.finish();
    diags.extend(type_diags);
    drop_repeated_namespace(&mut endpoints);
    // Seam's own description names its methods itself (`x-fern-sdk-method-name`).
    if !endpoints.iter().all(|e| e.seam_dialect) {
        rename_methods_named_like_namespaces(file, &mut endpoints, &mut diags);
    }
    check_name_clashes(file, &endpoints, &mut diags);
    warn_unusable_page_names(file, &endpoints, &mut diags);
    super::samples::attach(&mut endpoints, &types, samples, options.lenient_samples, &mut diags);
    let namespaces = namespaces(&endpoints);
    if diags.has_errors() {
        return Err(diags);
    }
    let info = &openapi.info;
    let base_url = openapi
        .servers
        .first()
        .map(super::support::server_url)
        .unwrap_or_default();
    let mut api = Api {
        security_schemes,
        crate_name: None,
        title: info.title.clone(),
        version: info.version.clone(),
        base_url,
        endpoints,
        namespaces,
        types,
        resource_samples: Vec::new(),
        resource_routes: resource_routes(components),
        resource_docs: super::resources::read(&spec.raw),
        route_docs: Default::default(),
        release: Default::default(),
    };
    // Seam's profile shows only written samples (the profile says whether it synthesizes);
    // any other description gets one made from it for each call without one.
    if crate::plan::Profile::of(&api).synthesizes_samples() {
        let candidates = sources
            .into_iter()
            .map(|(item, primary, first)| {
                let candidate = super::synth::candidate(openapi, item, primary, &first);
                ((first.path, first.http_method), candidate)
            })
            .collect();
        super::synth::attach(file, &mut api.endpoints, &api.types, candidates, &mut diags);
    }
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
    for (method, op) in [("options", &item.options), ("trace", &item.trace)] {
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
fn endpoint<'o>(
    file: &str,
    openapi: &openapiv3::OpenAPI,
    path: &str,
    item: &PathItem,
    ops: Vec<(HttpMethod, &'o Operation)>,
    pointer: &str,
    space: &mut TypeSpace,
    diags: &mut Diagnostics,
) -> Option<(Endpoint, Option<String>, &'o Operation)> {
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

    // Parameters: the primary operation's JSON body; in Seam's dialect, else its query
    // parameters, else the query parameters of a twin (outside it, below, every parameter
    // where it is declared).
    let seam_names = support::has_seam_sdk_names(primary);
    let (mut params, mut body) = body_params(openapi, primary, &hint, &op_pointer, space, diags);
    if seam_names && params.is_empty() {
        params = query_params(openapi, primary, &hint, &op_pointer, space, diags);
    }
    if seam_names && params.is_empty() {
        for (method, op) in &ops {
            let twin_pointer = format!("{pointer}/{}", method.as_str().to_lowercase());
            let twin = query_params(openapi, op, &hint, &twin_pointer, space, diags);
            if !twin.is_empty() {
                params = twin;
                break;
            }
        }
    }

    let path_params = match path_params(openapi, path, item, primary, &params, &hint, &op_pointer, space, diags) {
        Ok(found) => found,
        Err(why) => {
            diags.warning(at(op_pointer.clone()), format!("{why}; the operation is left out"));
            return None;
        }
    };
    let path_param_names: Vec<String> = path_params.iter().map(|p| p.name.clone()).collect();
    let mut wire_names = Vec::new();
    if seam_names {
        // Seam's dialect sends a value once: in the path, where one is named alike.
        params.retain(|p| !path_param_names.contains(&p.name));
    } else if matches!(body, BodyContent::Fields | BodyContent::Multipart { .. }) {
        // A body field named as a path parameter is sent too: the path parameter keeps its
        // name and the field is set as `<name>_in_body`, keeping its name on the wire.
        for at_field in 0..params.len() {
            if !path_param_names.contains(&params[at_field].name) {
                continue;
            }
            let renamed = format!("{}_in_body", params[at_field].name);
            if params.iter().chain(&path_params).any(|p| p.name == renamed) {
                diags.warning(
                    at(op_pointer.clone()),
                    format!(
                        "the parameter `{}` is declared in two places; the operation is left out",
                        params[at_field].name
                    ),
                );
                return None;
            }
            let wire = std::mem::replace(&mut params[at_field].name, renamed.clone());
            if let BodyContent::Multipart { files } = &mut body {
                for file in files.iter_mut().filter(|file| **file == wire) {
                    file.clone_from(&renamed);
                }
            }
            wire_names.push((renamed, wire));
        }
    }
    // A body set whole takes the name `request_body` where a parameter is named `body`.
    rename_whole_body(&mut body, &mut params, &path_params);
    // Outside Seam's dialect every parameter travels where it is declared.
    let mut placed = Vec::new();
    if !seam_names {
        let has_body = primary.request_body.is_some();
        // Without a body, the query parameters are the call's own, its path item's included.
        let apart = placed_params(openapi, item, primary, &hint, &op_pointer, has_body, space, diags);
        for (mut property, place) in apart {
            let taken = |name: &str, params: &[Property]| params.iter().chain(&path_params).any(|p| p.name == name);
            if taken(&property.name, &params) {
                // Declared in the body (or the path) and apart: the one apart is renamed
                // after where it travels, and keeps its name on the wire.
                let renamed = format!("{}_in_{}", property.name, place_word(place));
                if taken(&renamed, &params) {
                    diags.warning(
                        at(op_pointer.clone()),
                        format!(
                            "the parameter `{}` is declared in two places; the operation is left out",
                            property.name
                        ),
                    );
                    return None;
                }
                wire_names.push((renamed.clone(), std::mem::replace(&mut property.name, renamed)));
                placed.push((property.name.clone(), place.unwrap_or(Place::Query)));
                params.push(property);
                continue;
            }
            if let Some(place) = place {
                placed.push((property.name.clone(), place));
            }
            params.push(property);
        }
    }
    let (http_method, param_location) = preferred_method(openapi, &ops, &params);
    params.splice(0..0, path_params);
    let answer = match (http_method, primary.extensions.contains_key("x-response-key")) {
        (HttpMethod::Head, _) | (_, true) => Answer::Json,
        _ => match super::responses::raw_answer(primary) {
            Some(super::responses::RawAnswer::Text(media_type)) => Answer::Text { media_type },
            Some(super::responses::RawAnswer::Bytes(media_type)) => Answer::Bytes { media_type },
            None => match super::responses::bodiless_successes(primary) {
                statuses if statuses.is_empty() => Answer::Json,
                statuses => Answer::JsonOrNothing { statuses },
            },
        },
    };
    // A HEAD answer has no body, whatever its description's media types.
    let response = match http_method {
        HttpMethod::Head => Response::Void,
        _ => response(primary, &hint, &op_pointer, space, diags),
    };
    let error = match primary.extensions.contains_key("x-response-key") {
        true => None,
        false => error_body(primary, &hint, &op_pointer, space),
    };
    let answers = match primary.extensions.contains_key("x-response-key") {
        true => Vec::new(),
        false => answers(openapi, primary, &response, &hint, &op_pointer, space),
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
        .or_else(|| primary.summary.clone().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| match seam_names {
            true => path.to_owned(),
            false => format!("{} {path}", http_method.as_str()),
        });
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
        seam_marked: primary.extensions.contains_key("x-response-key") || super::support::has_seam_sdk_names(primary),
        path_params: path_param_names,
        form: param_location == ParamLocation::Body && sends_form(openapi, primary),
        placed,
        query_styles: match seam_names {
            true => Vec::new(),
            // A form's fields are written as query pairs, in their styles too.
            false => [
                query_styles(openapi, item, primary),
                form_field_styles(openapi, primary),
            ]
            .concat(),
        },
        body,
        wire_names,
        // The call asks for what it reads: JSON, or the one other type it returns as it is.
        accept: match &answer {
            Answer::Json | Answer::JsonOrNothing { .. } => response.ty().map(|_| "application/json".to_owned()),
            Answer::Text { media_type } | Answer::Bytes { media_type } => {
                (!media_type.contains('*')).then(|| media_type.clone())
            }
        },
        answer,
        server: support::own_server(openapi, primary, item).ok().flatten(),
        security: call_security(openapi, item, primary),
        params,
        response,
        error,
        answers,
        success: primary.responses.responses.keys().any(|status| {
            matches!(
                status,
                openapiv3::StatusCode::Code(200..=299) | openapiv3::StatusCode::Range(2)
            )
        }),
        auth,
        deprecated,
        visibility,
        samples: Vec::new(),
        pagination,
        action_attempt_type: extension_text(&primary.extensions, "x-action-attempt-type"),
        batch_keys: extension_texts(&primary.extensions, "x-batch-keys"),
    };
    Some((endpoint, long_name, primary))
}

/// The word a parameter declared apart takes where its name is the body's already.
fn place_word(place: Option<Place>) -> &'static str {
    match place {
        Some(Place::Query) | None => "query",
        Some(Place::Header) => "header",
        Some(Place::Cookie) => "cookie",
    }
}

/// Names a body set whole `request_body` (`request_body_2`, …) where another parameter is
/// called `body`.
fn rename_whole_body(body: &mut BodyContent, params: &mut [Property], path_params: &[Property]) {
    let (BodyContent::Json { param, .. } | BodyContent::Text { param, .. } | BodyContent::Bytes { param, .. }) = body
    else {
        return;
    };
    let others = |name: &str| path_params.iter().any(|p| p.name == name);
    if !others(param) {
        return;
    }
    let mut name = "request_body".to_owned();
    let mut n = 2;
    while others(&name) || params.iter().any(|p| p.name == name) {
        name = format!("request_body_{n}");
        n += 1;
    }
    if let Some(property) = params.iter_mut().find(|p| p.name == *param) {
        property.name = name.clone();
    }
    *param = name;
}
