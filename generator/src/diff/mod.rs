//! API diff: what changes between two models, each change classified for callers on the wire
//! and for the generated crate by the rules table ([`rules::RULES`]).
//!
//! Calls are matched by their name in the client (`acs.users.create`), parameters by wire name,
//! types by id, fields by name, enum values and union variants by value. A stage of its own: it
//! reads two models and writes a report; nothing else reads it.

pub mod release;
pub mod rules;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{Api, Endpoint, NamedType, ParamLocation, Place, Property, Response, TypeKind, TypeRef};
use rules::{Bump, Kind, Wire};

/// One change, at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What kind of change.
    pub kind: Kind,
    /// Where: a call (`acs.users.create`), a parameter (`acs.users.create(email)`), a type
    /// (`acs_user`) or a field (`acs_user.email`).
    pub place: String,
    /// What it was and what it is, where that says more than the kind.
    pub detail: String,
}

impl Change {
    fn new(kind: Kind, place: impl Into<String>, detail: impl Into<String>) -> Self {
        Change {
            kind,
            place: place.into(),
            detail: detail.into(),
        }
    }

    /// Its consequence for callers on the wire.
    pub fn wire(&self) -> Wire {
        rules::of(self.kind).wire
    }

    /// The crate's bump it needs.
    pub fn bump(&self) -> Bump {
        rules::of(self.kind).bump
    }
}

/// Every change from `old` to `new`, in a stable order: calls, then types.
pub fn compare(old: &Api, new: &Api) -> Vec<Change> {
    let mut changes = Vec::new();
    let old_calls = calls(old);
    let new_calls = calls(new);
    for (name, before) in &old_calls {
        match new_calls.get(name) {
            None => changes.push(Change::new(Kind::OperationRemoved, name.clone(), before.path.clone())),
            Some(after) => compare_calls(name, before, after, &mut changes),
        }
    }
    for (name, after) in &new_calls {
        if !old_calls.contains_key(name) {
            changes.push(Change::new(Kind::OperationAdded, name.clone(), after.path.clone()));
        }
    }
    // Structs that parameters take are built by callers, so a field added to one breaks them.
    let inputs = crate::plan::parameter_types(new);
    let old_types: BTreeMap<&str, &NamedType> = old.types.iter().map(|t| (t.id.as_str(), t)).collect();
    let new_types: BTreeMap<&str, &NamedType> = new.types.iter().map(|t| (t.id.as_str(), t)).collect();
    for (id, before) in &old_types {
        match new_types.get(id) {
            None => changes.push(Change::new(Kind::TypeRemoved, *id, "")),
            Some(after) => compare_types(before, after, inputs.contains(id), &mut changes),
        }
    }
    for id in new_types.keys() {
        if !old_types.contains_key(id) {
            changes.push(Change::new(Kind::TypeAdded, *id, ""));
        }
    }
    changes
}

/// The calls of a model by their name in the client.
fn calls(api: &Api) -> BTreeMap<String, &Endpoint> {
    api.endpoints.iter().map(|e| (e.call_segments().join("."), e)).collect()
}

fn compare_calls(name: &str, before: &Endpoint, after: &Endpoint, changes: &mut Vec<Change>) {
    match (&before.deprecated, &after.deprecated) {
        (None, Some(message)) => changes.push(Change::new(Kind::OperationDeprecated, name, message.clone())),
        (Some(_), None) => changes.push(Change::new(Kind::OperationUndeprecated, name, "")),
        _ => {}
    }
    if before.http_method != after.http_method {
        changes.push(Change::new(
            Kind::OperationMethodChanged,
            name,
            format!("{} → {}", before.http_method.as_str(), after.http_method.as_str()),
        ));
    }
    if before.path != after.path {
        changes.push(Change::new(
            Kind::OperationPathChanged,
            name,
            format!("{} → {}", before.path, after.path),
        ));
    }
    // A title made from the method and path changes with them; only a written one counts here.
    let retitled = before.title != after.title && before.path == after.path && before.http_method == after.http_method;
    if before.description != after.description || retitled {
        changes.push(Change::new(Kind::DescriptionChanged, name, ""));
    }
    match (before.response.ty(), after.response.ty()) {
        (None, Some(ty)) => changes.push(Change::new(Kind::ResultAdded, name, type_text(ty))),
        (Some(ty), None) => changes.push(Change::new(Kind::ResultRemoved, name, type_text(ty))),
        (Some(a), Some(b)) => {
            let detail = format!("{} → {}", type_text(a), type_text(b));
            let kind = match type_change(a, b) {
                _ if result_key(&before.response) != result_key(&after.response) => Some(Kind::ResultTypeChanged),
                TypeChange::Same => None,
                TypeChange::ElementsNullable(true) => Some(Kind::ResultElementsBecameNullable),
                TypeChange::ElementsNullable(false) => Some(Kind::ResultElementsBecameNonNullable),
                TypeChange::Other => Some(Kind::ResultTypeChanged),
            };
            if let Some(kind) = kind {
                changes.push(Change::new(kind, name, detail));
            }
        }
        _ => {}
    }
    let old_params: BTreeMap<&str, &Property> = documented(&before.params);
    let new_params: BTreeMap<&str, &Property> = documented(&after.params);
    for (param, was) in &old_params {
        let place = format!("{name}({param})");
        let Some(is) = new_params.get(param) else {
            changes.push(Change::new(Kind::ParameterRemoved, place, ""));
            continue;
        };
        if !was.required && is.required {
            changes.push(Change::new(Kind::ParameterBecameRequired, place.clone(), ""));
        }
        if was.required && !is.required {
            changes.push(Change::new(Kind::ParameterBecameOptional, place.clone(), ""));
        }
        if !was.nullable && is.nullable {
            changes.push(Change::new(Kind::ParameterBecameNullable, place.clone(), ""));
        }
        if was.nullable && !is.nullable {
            changes.push(Change::new(Kind::ParameterBecameNonNullable, place.clone(), ""));
        }
        let retyped = match type_change(&was.ty, &is.ty) {
            TypeChange::Same => None,
            TypeChange::ElementsNullable(true) => Some(Kind::ParameterElementsBecameNullable),
            TypeChange::ElementsNullable(false) => Some(Kind::ParameterElementsBecameNonNullable),
            TypeChange::Other => Some(Kind::ParameterTypeChanged),
        };
        if let Some(kind) = retyped {
            let detail = format!("{} → {}", type_text(&was.ty), type_text(&is.ty));
            changes.push(Change::new(kind, place.clone(), detail));
        }
        let (from, to) = (travels(before, param), travels(after, param));
        if from != to {
            changes.push(Change::new(
                Kind::ParameterMoved,
                place.clone(),
                format!("{from} → {to}"),
            ));
        }
        if was.deprecated.is_none() && is.deprecated.is_some() {
            changes.push(Change::new(Kind::ParameterDeprecated, place, ""));
        }
    }
    for (param, is) in &new_params {
        if !old_params.contains_key(param) {
            let kind = if is.required {
                Kind::ParameterAddedRequired
            } else {
                Kind::ParameterAddedOptional
            };
            changes.push(Change::new(kind, format!("{name}({param})"), type_text(&is.ty)));
        }
    }
    // Seam's calls are authenticated by the public methods its SDKs offer; any other by the
    // description's security requirements.
    let auth = |e: &Endpoint| -> BTreeSet<String> {
        if e.seam_dialect {
            e.auth.iter().map(|a| a.display_name().to_owned()).collect()
        } else {
            e.security.iter().map(|requirement| requirement.join(" + ")).collect()
        }
    };
    let (old_auth, new_auth) = (auth(before), auth(after));
    for method in old_auth.difference(&new_auth) {
        changes.push(Change::new(Kind::AuthMethodRemoved, name, method.clone()));
    }
    for method in new_auth.difference(&old_auth) {
        changes.push(Change::new(Kind::AuthMethodAdded, name, method.clone()));
    }
}

/// The parameters the crate has a setter for: all of them (undocumented ones too), by name.
fn documented(params: &[Property]) -> BTreeMap<&str, &Property> {
    params.iter().map(|p| (p.name.as_str(), p)).collect()
}

/// Where a call's parameter travels: the path, the query, a header, a cookie or the body.
fn travels(endpoint: &Endpoint, param: &str) -> &'static str {
    if endpoint.path_params.iter().any(|p| p == param) {
        return "path";
    }
    match endpoint.placed.iter().find(|(name, _)| name == param) {
        Some((_, Place::Query)) => "query",
        Some((_, Place::Header)) => "header",
        Some((_, Place::Cookie)) => "cookie",
        None => match endpoint.param_location {
            ParamLocation::Query => "query",
            ParamLocation::Body => "body",
        },
    }
}

fn result_key(response: &Response) -> Option<&str> {
    match response {
        Response::Value { key, .. } => Some(key),
        _ => None,
    }
}

fn compare_types(before: &NamedType, after: &NamedType, input: bool, changes: &mut Vec<Change>) {
    let id = &before.id;
    match (&before.kind, &after.kind) {
        (TypeKind::Object { fields: was }, TypeKind::Object { fields: is }) => {
            let old_fields: BTreeMap<&str, &Property> = documented(was);
            let new_fields: BTreeMap<&str, &Property> = documented(is);
            for (field, was) in &old_fields {
                let place = format!("{id}.{field}");
                let Some(is) = new_fields.get(field) else {
                    changes.push(Change::new(Kind::FieldRemoved, place, ""));
                    continue;
                };
                let optional = |p: &Property| !p.required || p.nullable;
                if !optional(was) && optional(is) {
                    changes.push(Change::new(Kind::FieldBecameOptional, place.clone(), ""));
                }
                if optional(was) && !optional(is) {
                    changes.push(Change::new(Kind::FieldBecameRequired, place.clone(), ""));
                }
                let retyped = match type_change(&was.ty, &is.ty) {
                    TypeChange::Same => None,
                    TypeChange::ElementsNullable(true) => Some(Kind::FieldElementsBecameNullable),
                    TypeChange::ElementsNullable(false) => Some(Kind::FieldElementsBecameNonNullable),
                    TypeChange::Other => Some(Kind::FieldTypeChanged),
                };
                if let Some(kind) = retyped {
                    let detail = format!("{} → {}", type_text(&was.ty), type_text(&is.ty));
                    changes.push(Change::new(kind, place.clone(), detail));
                }
                if was.deprecated.is_none() && is.deprecated.is_some() {
                    changes.push(Change::new(Kind::FieldDeprecated, place, ""));
                }
            }
            for (field, is) in &new_fields {
                if !old_fields.contains_key(field) {
                    let kind = match (input, is.required) {
                        (false, _) => Kind::FieldAdded,
                        (true, false) => Kind::InputFieldAddedOptional,
                        (true, true) => Kind::InputFieldAddedRequired,
                    };
                    changes.push(Change::new(kind, format!("{id}.{field}"), type_text(&is.ty)));
                }
            }
        }
        (TypeKind::Enum { values: was }, TypeKind::Enum { values: is }) => {
            for value in was.iter().filter(|v| !is.contains(v)) {
                changes.push(Change::new(Kind::EnumValueRemoved, id.clone(), value.clone()));
            }
            for value in is.iter().filter(|v| !was.contains(v)) {
                changes.push(Change::new(Kind::EnumValueAdded, id.clone(), value.clone()));
            }
        }
        (TypeKind::Union { variants: was, .. }, TypeKind::Union { variants: is, .. }) => {
            let tags = |variants: &[crate::model::UnionVariant]| -> BTreeSet<String> {
                variants.iter().map(|v| v.tag.clone()).collect()
            };
            let (was, is) = (tags(was), tags(is));
            for tag in was.difference(&is) {
                changes.push(Change::new(Kind::VariantRemoved, id.clone(), tag.clone()));
            }
            for tag in is.difference(&was) {
                changes.push(Change::new(Kind::VariantAdded, id.clone(), tag.clone()));
            }
        }
        _ => {
            changes.push(Change::new(Kind::TypeRemoved, id.clone(), kind_word(&before.kind)));
            changes.push(Change::new(Kind::TypeAdded, id.clone(), kind_word(&after.kind)));
        }
    }
    if before.description != after.description {
        changes.push(Change::new(Kind::DescriptionChanged, id.clone(), ""));
    }
}

fn kind_word(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Object { .. } => "object",
        TypeKind::Enum { .. } => "enum",
        TypeKind::Union { .. } => "union",
    }
}

/// How a type changed between two models.
enum TypeChange {
    Same,
    /// Only in whether list items or map values may be `null`: `true` where some may now,
    /// `false` where some no longer may.
    ElementsNullable(bool),
    /// Anything else, or items made nullable in one place and not in another.
    Other,
}

fn type_change(was: &TypeRef, is: &TypeRef) -> TypeChange {
    if type_text(was) == type_text(is) {
        return TypeChange::Same;
    }
    let (mut before, mut after) = (Vec::new(), Vec::new());
    if shape_text(was, &mut before) != shape_text(is, &mut after) {
        return TypeChange::Other;
    }
    let gained = before.iter().zip(&after).any(|(was, is)| !was && *is);
    let lost = before.iter().zip(&after).any(|(was, is)| *was && !is);
    match (gained, lost) {
        (true, false) => TypeChange::ElementsNullable(true),
        (false, true) => TypeChange::ElementsNullable(false),
        _ => TypeChange::Other,
    }
}

/// A type as [`type_text`] writes it but for whether its elements may be `null`, which is
/// gathered in `nullable`, outermost first.
fn shape_text(ty: &TypeRef, nullable: &mut Vec<bool>) -> String {
    match ty.element() {
        Some((element, may_be_null)) => {
            nullable.push(may_be_null);
            let container = if matches!(ty, TypeRef::Array { .. }) {
                "array"
            } else {
                "map"
            };
            format!("{container}<{}>", shape_text(element, nullable))
        }
        None => type_text(ty),
    }
}

/// A type as the report writes it, e.g. `array<acs_user>`, `string(uuid)`.
pub fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String { format } if format.is_empty() => "string".to_owned(),
        TypeRef::String { format } => format!("string({format})"),
        TypeRef::Integer => "integer".to_owned(),
        TypeRef::Number => "number".to_owned(),
        TypeRef::Boolean => "boolean".to_owned(),
        TypeRef::Array { items, items_nullable } => format!("array<{}>", element_text(items, *items_nullable)),
        TypeRef::Map {
            values,
            values_nullable,
        } => format!("map<{}>", element_text(values, *values_nullable)),
        TypeRef::Named { id } => id.clone(),
        TypeRef::Any => "any".to_owned(),
    }
}

/// A list's items or a map's values as the report writes them: `string | null` where one may
/// be `null`.
fn element_text(ty: &TypeRef, nullable: bool) -> String {
    match nullable {
        true => format!("{} | null", type_text(ty)),
        false => type_text(ty),
    }
}

/// The verdict over all changes: how many break callers, and the crate's bump.
pub fn verdict(changes: &[Change]) -> (usize, Bump) {
    let breaking = changes.iter().filter(|c| c.wire() == Wire::Breaking).count();
    let bump = changes.iter().map(Change::bump).max().unwrap_or(Bump::None);
    (breaking, bump)
}

/// The last line of the report: `api-diff: N changes, B breaking for callers; crate bump: …`.
pub fn summary_line(changes: &[Change]) -> String {
    let (breaking, bump) = verdict(changes);
    format!(
        "api-diff: {} changes, {breaking} breaking for callers; crate bump: {}",
        changes.len(),
        bump.word()
    )
}

/// The change report in Markdown: the counts per kind, every change with its consequences,
/// and the verdict as its last line.
pub fn report(old_name: &str, new_name: &str, changes: &[Change]) -> String {
    let mut out = format!("# API changes: {old_name} → {new_name}\n\n");
    if changes.is_empty() {
        out.push_str("No change.\n\n");
    } else {
        let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
        for change in changes {
            *counts.entry(change.kind).or_default() += 1;
        }
        out.push_str("| kind of change | count | callers | crate | why |\n| --- | --- | --- | --- | --- |\n");
        for (kind, count) in &counts {
            let rule = rules::of(*kind);
            let _ = writeln!(
                out,
                "| {} | {count} | {} | {} | {} |",
                kind_name(*kind),
                wire_word(rule.wire),
                rule.bump.word(),
                rule.reason
            );
        }
        out.push_str(
            "\n## Changes\n\n| change | where | detail | callers | crate |\n| --- | --- | --- | --- | --- |\n",
        );
        for change in changes {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} | {} |",
                kind_name(change.kind),
                change.place.replace('|', "\\|"),
                change.detail.replace('|', "\\|").replace('\n', " "),
                wire_word(change.wire()),
                change.bump().word()
            );
        }
        out.push('\n');
    }
    out.push_str(&summary_line(changes));
    out.push('\n');
    out
}

/// A kind's name in the report, e.g. `parameter-added-required`.
pub fn kind_name(kind: Kind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn wire_word(wire: Wire) -> &'static str {
    match wire {
        Wire::Compatible => "compatible",
        Wire::Breaking => "breaking",
    }
}
