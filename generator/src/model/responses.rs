//! What a call returns: the value under Seam's `x-response-key`, else the whole JSON body of
//! its first success response; its typed error body; and whether it pages.

use openapiv3::{Operation, ReferenceOr, Schema, SchemaKind, Type};

use super::types::TypeSpace;
use super::{Pagination, Property, Response, TypeRef};
use crate::diagnostics::{pointer_token, Diagnostics, Location};

pub(super) fn response(
    op: &Operation,
    hint: &str,
    pointer: &str,
    space: &mut TypeSpace,
    diags: &mut Diagnostics,
) -> Response {
    let key = match op.extensions.get("x-response-key") {
        Some(serde_json::Value::String(key)) => key.clone(),
        Some(_) => return Response::Void,
        // Outside Seam's dialect the result is the first success response's whole body.
        None => {
            let Some((code, schema)) = json_success(op) else {
                // Any other answer is returned as a text or as bytes (see [`raw_answer`]).
                return match raw_answer(op) {
                    Some(RawAnswer::Text(_)) => Response::Body {
                        ty: TypeRef::String { format: String::new() },
                        nullable: false,
                    },
                    Some(RawAnswer::Bytes(_)) => Response::Body {
                        ty: TypeRef::String {
                            format: "binary".to_owned(),
                        },
                        nullable: false,
                    },
                    None => Response::Void,
                };
            };
            let schema_pointer = format!("{pointer}/responses/{code}/content/application~1json/schema");
            let resolved = space.resolve(schema, &format!("{hint}_response"), &schema_pointer);
            // A result typed by a schema that states no type (an `allOf` of untyped object
            // parts) may be `null`, as the description allows, and one beside a success
            // answered without a body may be nothing: an `Option`. Any JSON already holds
            // `null`.
            let untyped_null = resolved.ty != TypeRef::Any && space.accepts_null(schema);
            let optional = untyped_null || !bodiless_successes(op).is_empty();
            return Response::Body {
                ty: resolved.ty,
                nullable: resolved.nullable || optional,
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
pub(super) fn error_body(op: &Operation, hint: &str, pointer: &str, space: &mut TypeSpace) -> Option<TypeRef> {
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

/// Every answer of `op` with its JSON body's type: the success that is the call's result
/// takes `result`'s type; the others are resolved as error bodies are.
pub(super) fn answers(
    openapi: &openapiv3::OpenAPI,
    op: &Operation,
    result: &Response,
    hint: &str,
    pointer: &str,
    space: &mut TypeSpace,
) -> Vec<super::StatusAnswer> {
    let result_status = json_success(op).map(|(code, _)| code.to_string());
    let listed = op.responses.responses.iter().map(|(status, r)| (status.to_string(), r));
    let default = op.responses.default.as_ref().map(|r| ("default".to_owned(), r));
    listed
        .chain(default)
        .map(|(status, r)| {
            let answer = match r {
                ReferenceOr::Item(r) => Some(r),
                ReferenceOr::Reference { reference } => reference
                    .strip_prefix("#/components/responses/")
                    .and_then(|name| openapi.components.as_ref()?.responses.get(name))
                    .and_then(ReferenceOr::as_item),
            };
            let description = answer.map(|r| r.description.clone()).unwrap_or_default();
            let schema = answer
                .and_then(|r| r.content.get("application/json"))
                .and_then(|m| m.schema.as_ref());
            let ty = if Some(&status) == result_status.as_ref() {
                result.ty().cloned()
            } else {
                schema.map(|schema| {
                    let schema_pointer = format!(
                        "{pointer}/responses/{}/content/application~1json/schema",
                        pointer_token(&status)
                    );
                    let hint = match status.starts_with('2') {
                        true => format!("{hint}_{status}_response"),
                        false => format!("{hint}_error"),
                    };
                    space.resolve(schema, &hint, &schema_pointer).ty
                })
            };
            super::StatusAnswer {
                status,
                description,
                ty,
            }
        })
        .collect()
}

/// The status and media type of the first success response that has a body, if any.
/// A success answer that is not JSON, as the call returns it: a text (`text/…`, XML, YAML,
/// CSV) or bytes (any other type), with the media type it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum RawAnswer {
    Text(String),
    Bytes(String),
}

/// How the first success answer is returned when it is not JSON; `None` when it is JSON or
/// has no body.
pub(super) fn raw_answer(op: &Operation) -> Option<RawAnswer> {
    if json_success(op).is_some() {
        return None;
    }
    let (_, media_type) = other_success(op)?;
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let text = essence.starts_with("text/")
        || essence.ends_with("xml")
        || essence.ends_with("yaml")
        || essence.ends_with("csv")
        || essence.ends_with("javascript");
    Some(match text {
        true => RawAnswer::Text(media_type.to_owned()),
        false => RawAnswer::Bytes(media_type.to_owned()),
    })
}

pub(super) fn other_success(op: &Operation) -> Option<(u16, &str)> {
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

/// The success statuses answered without a body, where another success answers JSON (a `200`
/// without a body beside a `201` with JSON): on them the call returns no value.
pub(super) fn bodiless_successes(op: &Operation) -> Vec<u16> {
    if json_success(op).is_none() {
        return Vec::new();
    }
    op.responses
        .responses
        .iter()
        .filter_map(|(status, response)| match (status, response) {
            (openapiv3::StatusCode::Code(code @ 200..=299), ReferenceOr::Item(r)) if r.content.is_empty() => {
                Some(*code)
            }
            _ => None,
        })
        .collect()
}

/// The status and JSON schema of the first success response that has a JSON body, if any.
pub(super) fn json_success(op: &Operation) -> Option<(u16, &ReferenceOr<Schema>)> {
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

pub(super) fn pagination(op: &Operation, params: &[Property]) -> Option<Pagination> {
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
