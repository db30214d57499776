//! Attaches samples to their endpoints and checks them against the model, so the docs never
//! show a call the API would reject.

use std::collections::HashMap;

use serde_json::Value;

use super::{Endpoint, NamedType, Property, Response, Sample, TypeKind, TypeRef};
use crate::diagnostics::{Diagnostics, Location};
use crate::load::RawSample;

/// Gives each endpoint its samples, in the order read; reports every defect found.
pub fn attach(
    endpoints: &mut [Endpoint],
    types: &[NamedType],
    samples: Vec<RawSample>,
    lenient: bool,
    diags: &mut Diagnostics,
) {
    let types: HashMap<&str, &NamedType> = types.iter().map(|t| (t.id.as_str(), t)).collect();
    let mut by_path: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in endpoints.iter().enumerate() {
        by_path.entry(e.path.clone()).or_default().push(i);
    }
    for raw in samples {
        let location = Location::Sample {
            file: raw.file.clone(),
            title: raw.title.clone(),
        };
        let mut defective = false;
        let mut report = |message: String| {
            defective = true;
            if lenient {
                diags.warning(location.clone(), message);
            } else {
                diags.error(location.clone(), message);
            }
        };
        let calls = by_path.get(&raw.request.path).map(Vec::as_slice).unwrap_or_default();
        let index = match (calls, raw.request.method.as_deref()) {
            ([], _) => {
                report(format!(
                    "no endpoint has the path `{}`; the sample is left out",
                    raw.request.path
                ));
                continue;
            }
            ([only], None) => *only,
            (_, Some(method)) => match calls.iter().find(|&&i| {
                endpoints[i]
                    .http_methods
                    .iter()
                    .any(|m| m.as_str().eq_ignore_ascii_case(method))
            }) {
                Some(&index) => index,
                None => {
                    report(format!(
                        "no call of `{}` is sent with `{method}`; the sample is left out",
                        raw.request.path
                    ));
                    continue;
                }
            },
            (several, None) => {
                let methods: Vec<&str> = several.iter().map(|&i| endpoints[i].http_method.as_str()).collect();
                report(format!(
                    "`{}` has several calls ({}); say which with `request.method`; the sample is left out",
                    raw.request.path,
                    methods.join(", ")
                ));
                continue;
            }
        };
        let endpoint = &mut endpoints[index];
        let checker = Checker { types: &types };
        for problem in checker.request(&endpoint.params, &raw.request.parameters) {
            report(problem);
        }
        let response = match (&endpoint.response, raw.response.body) {
            (Response::Void, Value::Null) => None,
            (Response::Void, body) => {
                report("the endpoint returns nothing (`x-response-key: null`), but the sample's `response.body` is not null".to_owned());
                Some(body)
            }
            (Response::Body { nullable: true, .. }, Value::Null) => Some(Value::Null),
            (Response::Value { .. } | Response::Body { .. }, Value::Null) => {
                report("the endpoint returns a value, but the sample's `response.body` is null".to_owned());
                None
            }
            (response, body) => {
                for problem in response_problems(&checker, response, &body) {
                    report(problem);
                }
                Some(body)
            }
        };
        endpoint.samples.push(Sample {
            title: raw.title,
            description: raw.description,
            file: raw.file,
            params: raw.request.parameters,
            response,
            untested: defective.then(|| "it does not fit its call's types".to_owned()),
            synthesized: false,
        });
    }
}

/// Problems of a response body (not null) as the answer of a call returning `response`.
pub(super) fn response_problems(checker: &Checker<'_>, response: &Response, body: &Value) -> Vec<String> {
    match response {
        Response::Void => vec![
            "the endpoint returns nothing (`x-response-key: null`), but the sample's `response.body` is not null"
                .to_owned(),
        ],
        Response::Body { nullable: true, .. } if body.is_null() => Vec::new(),
        Response::Value { key, ty } => match body.get(key) {
            Some(value) => checker.value(ty, false, value, &format!("response.body.{key}")),
            None => vec![format!(
                "`response.body` has no `{key}` key, which holds this endpoint's result"
            )],
        },
        Response::Body { ty, .. } => checker.value(ty, false, body, "response.body"),
    }
}

/// Checks values against the model's types; each problem is a sentence naming the value by
/// its dotted path.
pub(super) struct Checker<'a> {
    pub(super) types: &'a HashMap<&'a str, &'a NamedType>,
}

impl Checker<'_> {
    pub(super) fn request(&self, params: &[Property], given: &serde_json::Map<String, Value>) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, value) in given {
            match params.iter().find(|p| &p.name == name) {
                Some(param) => problems.extend(self.value(&param.ty, param.nullable, value, name)),
                None => problems.push(format!(
                    "the endpoint has no parameter `{name}`; it has: {}",
                    params.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
                )),
            }
        }
        for param in params.iter().filter(|p| p.required) {
            if !given.contains_key(&param.name) {
                problems.push(format!("the required parameter `{}` is missing", param.name));
            }
        }
        problems
    }

    fn fields(&self, fields: &[Property], object: &serde_json::Map<String, Value>, at: &str) -> Vec<String> {
        let mut problems = Vec::new();
        for field in fields {
            match object.get(&field.name) {
                Some(value) => {
                    problems.extend(self.value(&field.ty, field.nullable, value, &format!("{at}.{}", field.name)))
                }
                None if field.required => problems.push(format!("`{at}` lacks the required field `{}`", field.name)),
                None => {}
            }
        }
        for key in object.keys() {
            if !fields.iter().any(|f| &f.name == key) {
                problems.push(format!("`{at}` has the field `{key}`, which its type does not have"));
            }
        }
        problems
    }

    /// Problems with `value` as a `ty`, described at `at` (a dotted path).
    pub(super) fn value(&self, ty: &TypeRef, nullable: bool, value: &Value, at: &str) -> Vec<String> {
        let wrong = |expected: &str| vec![format!("`{at}` should be {expected}, found {}", describe(value))];
        match (ty, value) {
            (_, Value::Null) if nullable => Vec::new(),
            (TypeRef::Any, _) => Vec::new(),
            (TypeRef::String { .. }, Value::String(_)) => Vec::new(),
            (TypeRef::String { format }, _) if format.is_empty() => wrong("a string"),
            (TypeRef::String { format }, _) => wrong(&format!("a string ({format})")),
            (TypeRef::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => Vec::new(),
            (TypeRef::Integer, _) => wrong("a whole number"),
            (TypeRef::Number, Value::Number(_)) => Vec::new(),
            (TypeRef::Number, _) => wrong("a number"),
            (TypeRef::Boolean, Value::Bool(_)) => Vec::new(),
            (TypeRef::Boolean, _) => wrong("true or false"),
            (TypeRef::Array { items }, Value::Array(list)) => list
                .iter()
                .enumerate()
                .flat_map(|(i, item)| self.value(items, false, item, &format!("{at}[{i}]")))
                .collect(),
            (TypeRef::Array { .. }, _) => wrong("a list"),
            (TypeRef::Map { values }, Value::Object(map)) => map
                .iter()
                .flat_map(|(k, v)| self.value(values, false, v, &format!("{at}.{k}")))
                .collect(),
            (TypeRef::Map { .. }, _) => wrong("an object"),
            (TypeRef::Named { id }, _) => match self.types.get(id.as_str()).map(|t| &t.kind) {
                None => Vec::new(),
                Some(TypeKind::Enum { values }) => match value {
                    Value::String(s) if values.contains(s) => Vec::new(),
                    _ => wrong(&format!(
                        "one of {}",
                        values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
                    )),
                },
                Some(TypeKind::Object { fields }) => match value {
                    Value::Object(object) => self.fields(fields, object, at),
                    _ => wrong("an object"),
                },
                Some(TypeKind::Union {
                    discriminator,
                    variants,
                }) => {
                    let tag = value.get(discriminator).and_then(Value::as_str);
                    // Several variants may share a tag (e.g. one per status of one kind of
                    // action); the value fits when it fits any of them.
                    let problems: Vec<Vec<String>> = variants
                        .iter()
                        .filter(|v| Some(v.tag.as_str()) == tag)
                        .map(|variant| self.value(&TypeRef::named(variant.ty.clone()), false, value, at))
                        .collect();
                    match problems.iter().find(|p| p.is_empty()).or(problems.first()) {
                        Some(first) => first.clone(),
                        None => wrong(&format!(
                            "an object whose `{discriminator}` is one of {}",
                            variants
                                .iter()
                                .map(|v| format!("`{}`", v.tag))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    }
                }
            },
        }
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
