//! Samples synthesized from the description, for every call that has no written one, so that
//! each call has a request its page can show, its client test can send and the contract run
//! can hold against a validating mock.
//!
//! A value is taken from the first of these that gives one, as the docs tools users know do
//! (openapi-sampler, Scalar, ReadMe):
//!
//! 1. the parameter's, or the request or answer media type's, `example`, else the first of its
//!    `examples`;
//! 2. the schema's `example`, then its `default`;
//! 3. the first value of its `enum`;
//! 4. a placeholder of its kind: for a string of a known `format` one of that format (`uuid`,
//!    `date-time`, `date`, `email`, `uri`, `hostname`, `ipv4`, `ipv6`, `byte`, …), else
//!    `string` stretched or cut to `minLength`/`maxLength`, or a string made to match its
//!    `pattern` ([`pattern`]); zero for a number, or the value nearest to it that
//!    `minimum`/`maximum` and `multipleOf` allow; `true`; a list of one item (`minItems` of
//!    them, distinct where `uniqueItems` asks); an object of its fields, where a name listed
//!    in `required` that no property declares (a field of any value in the model) holds a
//!    value its `additionalProperties` accepts, else `"string"`;
//! 5. for `oneOf` the first branch whose value matches that branch alone, with its
//!    discriminator set to the branch's `mapping` key (else its schema's name) and, where
//!    other branches accept it too, a field they declare given a value of another type; for
//!    `anyOf` the first branch; for `allOf` every part's fields, merged.
//!
//! Every written value is held to its schema ([`conform`]); one that does not fit is a
//! warning naming its JSON pointer, and the next source gives the value. Where no value fits
//! (an `allOf` whose parts contradict each other, a `oneOf` no value matches exactly once)
//! or the client could not send it (a body that is no object, a text or bytes body whose
//! schema is no string, a required form field holding an object, which a form writes as its
//! fields' pairs and never under its own name), the call's sample, made from its types for its page, is not tested:
//! a warning names the call and why, so no test sends a request its description forbids.
//!
//! A request holds the required parameters and fields only (never a `readOnly` one), the
//! smallest call the description allows, but for a required form or multipart body whose
//! fields are all optional, which gets its first field (an empty one is no body at all to
//! the libraries of the pages' tabs); an answer holds required fields and optional ones
//! three levels deep (never a `writeOnly` one). A cycle is followed only through a required
//! field, and a list that would start one is empty.
//!
//! The answer is the first success response's JSON body. Every value must pass the model's
//! own sample checks ([`super::samples`]); one that does not is a warning naming the call,
//! and the sample is kept for the pages but left out of the tests, as a written sample with
//! defects is.
//!
//! Seam's profile shows only written samples: the profile says so
//! ([`crate::plan::Profile::synthesizes_samples`]) and [`super::build`] asks it, so
//! Seam's pages and client stay as their sample set writes them.

mod conform;
mod pattern;
mod values;

use std::collections::{HashMap, HashSet};

use openapiv3::{Example, MediaType, Operation, Parameter, PathItem, ReferenceOr};
use serde_json::{Map, Value};

use super::samples::{response_problems, Checker};
use super::support;
use super::{BodyContent, Endpoint, HttpMethod, NamedType, Response, Sample, TypeKind, TypeRef};
use crate::diagnostics::{Diagnostics, Location};
use conform::Conformance;
use values::{Purpose, Sampler};

/// The title of every synthesized sample.
pub const TITLE: &str = "Example request";

/// A call's synthesized request and answer, read from the description before the model
/// settles which calls stay.
pub(super) struct Candidate {
    params: Map<String, Value>,
    response: Option<Value>,
    /// Why the call's sample is not tested: its description allows no request the
    /// synthesizer could make, or none the client could send.
    refused: Option<String>,
    /// `(JSON pointer, what is wrong)` for each written value passed over on the way.
    warnings: Vec<(String, String)>,
    /// Whether the call's body is a required form or multipart body, which is never sent
    /// empty: where no field of it has a value, its first field is given one.
    body_required: bool,
}

/// Why no text or bytes the client sends as a body set whole fits its schema: the schema is
/// of another type than a string (an object sent as `text/plain` or `*/*`).
fn unsendable_whole_body(openapi: &openapiv3::OpenAPI, op: &Operation, endpoint: &Endpoint) -> Option<String> {
    let (BodyContent::Text { media_type, .. } | BodyContent::Bytes { media_type, .. }) = &endpoint.body else {
        return None;
    };
    let body = support::resolve_request_body(openapi, op.request_body.as_ref()?).ok()?;
    let mut schema = body.content.get(media_type)?.schema.as_ref()?;
    // A chain of references ends at a schema, or at none the description defines.
    for _ in 0..16 {
        let ReferenceOr::Reference { reference } = schema else {
            break;
        };
        schema = openapi
            .components
            .as_ref()?
            .schemas
            .get(reference.strip_prefix("#/components/schemas/")?)?;
    }
    let ReferenceOr::Item(schema) = schema else {
        return None;
    };
    match &schema.schema_kind {
        openapiv3::SchemaKind::Type(openapiv3::Type::String(_)) => None,
        openapiv3::SchemaKind::Any(any)
            if matches!(any.typ.as_deref(), None | Some("string")) && any.properties.is_empty() =>
        {
            None
        }
        _ => Some(format!(
            "its `{media_type}` body's schema is no string, and the client sends that body as it is given"
        )),
    }
}

/// The values of the call `endpoint`, made from its primary operation `op` of `item`.
pub(super) fn candidate(
    openapi: &openapiv3::OpenAPI,
    item: &PathItem,
    op: &Operation,
    endpoint: &Endpoint,
) -> Candidate {
    let conformance = Conformance::new(openapi);
    let request = Sampler::new(&conformance, Purpose::Request);
    let path_pointer = format!("/paths/{}", crate::diagnostics::pointer_token(&endpoint.path));
    let op_pointer = format!("{path_pointer}/{}", endpoint.http_method.as_str().to_lowercase());
    let mut refused = None;
    let mut given: HashMap<String, Value> = HashMap::new();
    // The operation's own parameters first: they override the path item's.
    let listed = (op
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("{op_pointer}/parameters/{i}"), p)))
    .chain(
        item.parameters
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("{path_pointer}/parameters/{i}"), p)),
    );
    for (pointer, param) in listed {
        let pointer = match param {
            ReferenceOr::Reference { reference } => reference.trim_start_matches('#').to_owned(),
            ReferenceOr::Item(_) => pointer,
        };
        let Some(param) = support::resolve_parameter(openapi, param) else {
            continue;
        };
        let data = parameter_data(param);
        if given.contains_key(&data.name) {
            continue;
        }
        let in_path = matches!(param, Parameter::Path { .. });
        let value = match &data.format {
            openapiv3::ParameterSchemaOrContent::Schema(schema) => {
                let written = data.example.iter().map(|e| (format!("{pointer}/example"), e.clone()));
                let named = named_examples(openapi, &data.examples, format!("{pointer}/examples"));
                let value = written
                    .chain(named)
                    .find(|(at, example)| fits_or_warn(&request, schema, example, at))
                    .map(|(_, example)| example)
                    .or_else(|| request.value(schema, &format!("{pointer}/schema")));
                match value {
                    Some(value) if in_path && is_empty(&value) => {
                        let filled = filled_path_value(&conformance, schema, &format!("{pointer}/schema"));
                        if filled.is_none() {
                            refused.get_or_insert_with(|| {
                                format!(
                                    "its path parameter `{}` has no value but an empty one, which leaves its \
                                     path segment empty",
                                    data.name
                                )
                            });
                        }
                        filled.or(Some(value))
                    }
                    value => value,
                }
            }
            openapiv3::ParameterSchemaOrContent::Content(content) => data
                .example
                .clone()
                .or_else(|| {
                    named_examples(openapi, &data.examples, String::new())
                        .next()
                        .map(|(_, v)| v)
                })
                .or_else(|| {
                    let (media_type, media) = content.first()?;
                    let at = format!("{pointer}/content/{}", crate::diagnostics::pointer_token(media_type));
                    media_value(openapi, &request, media, &at)
                }),
        };
        match value {
            Some(value) => {
                given.insert(data.name.clone(), value);
            }
            None if data.required => {
                refused.get_or_insert_with(|| format!("no value was found for its required parameter `{}`", data.name));
            }
            None => {}
        }
    }
    let body = op
        .request_body
        .as_ref()
        .and_then(|body| support::resolve_request_body(openapi, body).ok())
        .and_then(|body| {
            ["application/json", "application/x-www-form-urlencoded"]
                .into_iter()
                .find_map(|media_type| Some((media_type, body.content.get(media_type)?)))
        });
    let body_required = op
        .request_body
        .as_ref()
        .and_then(|body| support::resolve_request_body(openapi, body).ok())
        .is_some_and(|body| body.required)
        && endpoint.param_location == super::ParamLocation::Body
        && (endpoint.form || matches!(endpoint.body, BodyContent::Multipart { .. }));
    // The body's fields by their names on the wire.
    let body_fields: std::collections::HashSet<&str> = endpoint
        .params
        .iter()
        .filter(|p| travels_in_body(endpoint, &p.name))
        .map(|p| endpoint.wire_name(&p.name))
        .collect();
    let mut from_body = HashMap::new();
    if let Some((media_type, media)) = body {
        let at = format!(
            "{op_pointer}/requestBody/content/{}",
            crate::diagnostics::pointer_token(media_type)
        );
        match (media_value(openapi, &request, media, &at), &endpoint.body) {
            // A body set whole is one parameter's value.
            (
                Some(value),
                BodyContent::Json {
                    param,
                    media_type: sent,
                },
            ) if sent == media_type => {
                from_body.insert(param.clone(), value);
            }
            (Some(Value::Object(mut fields)), _) => {
                // The client sends the fields the model knows of, and no other: an example's
                // field that the schema does not declare is left out where the schema does not
                // require it.
                let undeclared: Vec<String> = fields
                    .keys()
                    .filter(|k| !body_fields.contains(k.as_str()) && !endpoint.path_params.contains(k))
                    .cloned()
                    .collect();
                if !undeclared.is_empty() {
                    let mut without = fields.clone();
                    without.retain(|k, _| !undeclared.contains(k));
                    let problem = media
                        .schema
                        .as_ref()
                        .and_then(|schema| conformance.problem(schema, &Value::Object(without.clone())));
                    let them = if undeclared.len() == 1 { "it" } else { "them" };
                    match problem {
                        None => {
                            request.warn(
                                &at,
                                format!(
                                    "the body's example has {}, which its schema does not declare and the client does \
                                     not send; the request leaves {them} out",
                                    field_list(&undeclared),
                                ),
                            );
                            fields = without;
                        }
                        Some(why) => {
                            refused.get_or_insert_with(|| {
                                format!(
                                    "its body needs {}, which its schema does not declare, so the client has no \
                                     parameter for {them}: without {them}, {why}",
                                    field_list(&undeclared),
                                )
                            });
                        }
                    }
                }
                // In Seam's dialect a field named as a path parameter is sent in the path only.
                if let Some(field) = fields.keys().find(|k| !body_fields.contains(k.as_str())) {
                    refused.get_or_insert_with(|| {
                        format!("its body needs the field `{field}`, which the client does not send in the body")
                    });
                }
                from_body.extend(fields);
            }
            (Some(_), _) => {
                refused
                    .get_or_insert_with(|| "its body is no object, and the client sends an object's fields".to_owned());
            }
            (None, _) if media.schema.is_some() => {
                refused.get_or_insert_with(|| "no body was found that its schema accepts".to_owned());
            }
            (None, _) => {}
        }
    }
    if let Some(why) = unsendable_whole_body(openapi, op, endpoint) {
        refused.get_or_insert(why);
    }
    let mut params = Map::new();
    for param in &endpoint.params {
        // A parameter renamed beside another of its name is found by its wire name.
        let wire = endpoint.wire_name(&param.name);
        // A value the description wrote for an optional body field is part of its example;
        // a path parameter's or one placed apart is the parameter's own.
        let value = match travels_in_body(endpoint, &param.name) {
            true => from_body
                .remove(wire)
                .or_else(|| param.required.then(|| given.remove(wire)).flatten()),
            false if param.required || wire != param.name => given.remove(wire),
            false => None,
        };
        if let Some(value) = value {
            params.insert(param.name.clone(), value);
        }
    }
    let answer = Sampler::new(&conformance, Purpose::Answer);
    let response = match &endpoint.response {
        Response::Void => None,
        _ => json_success(op).and_then(|(status, media)| {
            let at = format!("{op_pointer}/responses/{status}/content/application~1json");
            media_value(openapi, &answer, media, &at)
        }),
    };
    if endpoint.form {
        // OpenAPI 3.0 writes a form's object field as one pair per field of the object
        // (`style: form`, `explode: true` where `encoding` says nothing; `deepObject` alike),
        // never under the field's own name: an object of no fields writes no pair, so the
        // form lacks the field, which a validating server reads as missing.
        let empty = endpoint.params.iter().filter(|p| p.required).find(|p| {
            params
                .get(&p.name)
                .is_some_and(|v| v.as_object().is_some_and(Map::is_empty))
        });
        if let Some(field) = empty {
            let whose = match field.ty {
                TypeRef::Named { .. } => "whose schema requires none of its fields",
                _ => "whose schema declares no fields",
            };
            refused.get_or_insert_with(|| {
                format!(
                    "its required form field `{}` holds an empty object, {whose}, and OpenAPI 3.0 \
                     writes a form's object field as one pair per field of the object, by default `style: form` \
                     with `explode: true`, never under its own name: the empty object writes no pair, so the form \
                     lacks `{}`, which its schema requires",
                    field.name, field.name
                )
            });
        }
    }
    let mut warnings = request.warnings.into_inner();
    warnings.extend(answer.warnings.into_inner());
    Candidate {
        params,
        response,
        refused,
        warnings,
        body_required,
    }
}

/// `` `a` `` or `` the fields `a`, `b` ``.
fn field_list(names: &[String]) -> String {
    match names {
        [one] => format!("the field `{one}`"),
        many => format!(
            "the fields {}",
            many.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Whether a written example fits its schema; one that does not is a warning naming it.
fn fits_or_warn<'o>(
    sampler: &Sampler<'o>,
    schema: &'o ReferenceOr<openapiv3::Schema>,
    example: &Value,
    at: &str,
) -> bool {
    match sampler.conformance.problem(schema, example) {
        None => true,
        Some(why) => {
            sampler.warn(
                at,
                format!("the example does not fit its schema: {why}; the sample takes the next source"),
            );
            false
        }
    }
}

/// Gives each endpoint without a written sample its candidate, checked as written samples
/// are; a candidate that fails the checks is a warning naming the call.
pub(super) fn attach(
    file: &str,
    endpoints: &mut [Endpoint],
    types: &[NamedType],
    mut candidates: HashMap<(String, HttpMethod), Candidate>,
    diags: &mut Diagnostics,
) {
    let by_id: HashMap<&str, &NamedType> = types.iter().map(|t| (t.id.as_str(), t)).collect();
    let checker = Checker { types: &by_id };
    let mut warned = HashSet::new();
    for endpoint in endpoints.iter_mut().filter(|e| e.samples.is_empty()) {
        let Some(candidate) = candidates.remove(&(endpoint.path.clone(), endpoint.http_method)) else {
            continue;
        };
        for (pointer, message) in candidate.warnings {
            // A component's example is met by every call that uses it: it is named once.
            if warned.insert((pointer.clone(), message.clone())) {
                diags.warning(
                    Location::Pointer {
                        file: file.to_owned(),
                        pointer,
                    },
                    message,
                );
            }
        }
        let call = Location::Pointer {
            file: file.to_owned(),
            pointer: format!(
                "/paths/{}/{}",
                crate::diagnostics::pointer_token(&endpoint.path),
                endpoint.http_method.as_str().to_lowercase()
            ),
        };
        // A call whose request no value fits keeps a sample for its page, made from its
        // types, which its tests never send.
        if let Some(why) = &candidate.refused {
            diags.warning(
                call.clone(),
                format!("no request that its description allows was synthesized for this call ({why}); its sample is shown but not tested"),
            );
        }
        let mut params = candidate.params;
        // A required parameter the description gives no value for is made from its type.
        for param in endpoint.params.iter().filter(|p| p.required) {
            if !params.contains_key(&param.name) {
                params.insert(param.name.clone(), from_type(&by_id, &param.ty, 0));
            }
        }
        // A required form or multipart body whose fields are all optional is given its first
        // field: an empty one is no body to the tabs' libraries, and shows nothing to a reader.
        if candidate.body_required {
            let mut body_fields = endpoint.params.iter().filter(|p| {
                !endpoint.path_params.contains(&p.name) && !endpoint.placed.iter().any(|(n, _)| *n == p.name)
            });
            if let Some(first) = body_fields.clone().next() {
                if !body_fields.any(|p| params.contains_key(&p.name)) {
                    params.insert(first.name.clone(), from_type(&by_id, &first.ty, 0));
                }
            }
        }
        // Keep the parameters' order, as written samples keep theirs.
        let params: Map<String, Value> = endpoint
            .params
            .iter()
            .filter_map(|p| Some((p.name.clone(), params.remove(&p.name)?)))
            .collect();
        let mut response = candidate.response;
        if response.is_none() {
            response = endpoint.response.ty().map(|ty| match &endpoint.response {
                Response::Value { key, .. } => {
                    serde_json::json!({ key.clone(): from_type(&by_id, ty, 0) })
                }
                _ => from_type(&by_id, ty, 0),
            });
        }
        let mut problems = checker.request(&endpoint.params, &params);
        if let Some(body) = &response {
            let answer_problems = response_problems(&checker, &endpoint.response, body);
            // An answer the description wrote that does not fit its schema gives way to one
            // made from its type.
            if !answer_problems.is_empty() {
                let ty = endpoint.response.ty().cloned().unwrap_or(TypeRef::Any);
                let made = match &endpoint.response {
                    Response::Value { key, .. } => serde_json::json!({ key.clone(): from_type(&by_id, &ty, 0) }),
                    _ => from_type(&by_id, &ty, 0),
                };
                match response_problems(&checker, &endpoint.response, &made).is_empty() {
                    true => response = Some(made),
                    false => problems.extend(answer_problems),
                }
            }
        }
        let untested = match (&candidate.refused, problems.is_empty()) {
            (Some(why), _) => Some(format!(
                "its description allows no request that could be made for it ({why})"
            )),
            (None, false) => Some(format!(
                "the request made for it does not fit its types ({})",
                problems.join("; ")
            )),
            (None, true) => None,
        };
        if !problems.is_empty() {
            diags.warning(
                call,
                format!(
                    "the sample synthesized for this call does not fit its types ({}); it is shown but not tested",
                    problems.join("; ")
                ),
            );
        }
        endpoint.samples.push(Sample {
            title: TITLE.to_owned(),
            description: String::new(),
            file: file.to_owned(),
            params,
            response,
            untested,
            synthesized: true,
        });
    }
}

/// The value of a media type found at `pointer`: its `example`, the first of its `examples`,
/// else one made from its schema; a written one that does not fit the schema is passed over
/// with a warning.
fn media_value<'o>(
    openapi: &'o openapiv3::OpenAPI,
    sampler: &Sampler<'o>,
    media: &'o MediaType,
    pointer: &str,
) -> Option<Value> {
    let written = media.example.iter().map(|e| (format!("{pointer}/example"), e.clone()));
    let named = named_examples(openapi, &media.examples, format!("{pointer}/examples"));
    let mut written = written.chain(named);
    let Some(schema) = &media.schema else {
        return written.next().map(|(_, example)| example);
    };
    written
        .find(|(at, example)| fits_or_warn(sampler, schema, example, at))
        .map(|(_, example)| example)
        .or_else(|| sampler.value(schema, &format!("{pointer}/schema")))
}

/// The named examples' values with their pointers, looking through `#/components/examples/…`.
fn named_examples<'a>(
    openapi: &'a openapiv3::OpenAPI,
    examples: &'a indexmap::IndexMap<String, ReferenceOr<Example>>,
    pointer: String,
) -> impl Iterator<Item = (String, Value)> + 'a {
    examples.iter().filter_map(move |(name, example)| {
        let (at, example) = match example {
            ReferenceOr::Item(example) => (
                format!("{pointer}/{}/value", crate::diagnostics::pointer_token(name)),
                example,
            ),
            ReferenceOr::Reference { reference } => {
                let component = reference.strip_prefix("#/components/examples/")?;
                match openapi.components.as_ref()?.examples.get(component)? {
                    ReferenceOr::Item(example) => (format!("{}/value", reference.trim_start_matches('#')), example),
                    ReferenceOr::Reference { .. } => return None,
                }
            }
        };
        Some((at, example.value.clone()?))
    })
}

/// Whether a value is written as nothing at all in a path: an empty text, list or object
/// (a `label` or `matrix` one leaves its `.` or `;name` alone, which servers read as no value).
fn is_empty(value: &Value) -> bool {
    match value {
        Value::String(text) => text.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(fields) => fields.is_empty(),
        _ => false,
    }
}

/// A value for a path parameter whose smallest value is empty: its optional fields given
/// too (as an answer's are), else its placeholder; `None` when no value that is not empty
/// fits its schema.
fn filled_path_value<'o>(
    conformance: &'o Conformance<'o>,
    schema: &'o ReferenceOr<openapiv3::Schema>,
    pointer: &str,
) -> Option<Value> {
    let fuller = Sampler::new(conformance, Purpose::Answer);
    let request = Sampler::new(conformance, Purpose::Request);
    [fuller.value(schema, pointer), request.value(schema, pointer)]
        .into_iter()
        .flatten()
        .find(|value| !is_empty(value) && conformance.problem(schema, value).is_none())
}

fn parameter_data(param: &Parameter) -> &openapiv3::ParameterData {
    match param {
        Parameter::Query { parameter_data, .. }
        | Parameter::Header { parameter_data, .. }
        | Parameter::Path { parameter_data, .. }
        | Parameter::Cookie { parameter_data, .. } => parameter_data,
    }
}

/// The JSON media type of the first success response, as the model reads the result from
/// it, with its status.
fn json_success(op: &Operation) -> Option<(u16, &MediaType)> {
    op.responses
        .responses
        .iter()
        .find_map(|(status, response)| match (status, response) {
            (openapiv3::StatusCode::Code(code @ 200..=299), ReferenceOr::Item(r)) => {
                Some((*code, r.content.get("application/json")?))
            }
            _ => None,
        })
}

/// A value of a model type, where the description gives none: the same placeholders, with
/// the required fields of an object and the first variant of a union.
fn from_type(types: &HashMap<&str, &NamedType>, ty: &TypeRef, depth: usize) -> Value {
    use serde_json::json;
    if depth > 32 {
        return Value::Null;
    }
    match ty {
        TypeRef::String { format } => Value::String(
            match format.as_str() {
                "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "date-time" => "2024-01-01T00:00:00Z",
                "date" => "2024-01-01",
                "email" => "user@example.com",
                "uri" | "url" => "https://example.com",
                _ => "string",
            }
            .to_owned(),
        ),
        TypeRef::Integer | TypeRef::Number => json!(0),
        TypeRef::Boolean => json!(true),
        TypeRef::Array { .. } => json!([]),
        TypeRef::Map { .. } | TypeRef::Any => json!({}),
        TypeRef::Named { id } => match types.get(id.as_str()).map(|t| &t.kind) {
            Some(TypeKind::Enum { values }) => values.first().map_or(Value::Null, |v| Value::String(v.clone())),
            Some(TypeKind::Object { fields }) => Value::Object(
                fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| (f.name.clone(), from_type(types, &f.ty, depth + 1)))
                    .collect(),
            ),
            Some(TypeKind::Union {
                discriminator,
                variants,
            }) => match variants.first() {
                Some(variant) => {
                    let mut value = from_type(types, &TypeRef::named(variant.ty.clone()), depth + 1);
                    if let Value::Object(fields) = &mut value {
                        fields.insert(discriminator.clone(), Value::String(variant.tag.clone()));
                    }
                    value
                }
                None => json!({}),
            },
            None => json!({}),
        },
    }
}

/// Whether a parameter is a field of the call's body (or, without a body, one of its own
/// query parameters): neither in the path nor placed apart.
fn travels_in_body(endpoint: &Endpoint, param: &str) -> bool {
    !endpoint.path_params.iter().any(|p| p == param) && !endpoint.placed.iter().any(|(name, _)| name == param)
}
