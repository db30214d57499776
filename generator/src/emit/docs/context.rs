//! What the page templates read: plain, serializable views of the model, already sorted and
//! filtered (undocumented endpoints and properties left out). No Markdown is made here.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::samples::{Lang, Renderer, Shown, Style};
use crate::model::{
    Api, AuthMethod, Endpoint, NamedType, Property, Response, Sample, TypeKind, TypeRef, WorkspaceHeader,
};

/// The named types, by id.
pub type Types<'a> = HashMap<&'a str, &'a NamedType>;

/// An endpoint's reference page.
#[derive(Debug, Serialize)]
pub struct EndpointPage<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub deprecated: Option<&'a str>,
    /// The primary sample's tabs, if the endpoint has a sample.
    pub primary: Option<SampleView>,
    /// The further samples.
    pub examples: Vec<SampleView>,
    pub auth: Vec<AuthView>,
    pub params: Vec<PropertyView>,
    pub response: ResponseView,
}

/// One sample, rendered in every language.
#[derive(Debug, Serialize)]
pub struct SampleView {
    pub title: String,
    pub description: String,
    /// Code and output by language key (`javascript`, `curl`, …); the templates pick the tabs.
    pub tabs: BTreeMap<&'static str, TabView>,
}

/// One language's code and output.
#[derive(Debug, Serialize)]
pub struct TabView {
    pub code: String,
    pub output: String,
}

/// An authentication method.
#[derive(Debug, Serialize)]
pub struct AuthView {
    pub name: &'static str,
    /// For a personal access token: `required`, `optional` or `forbidden` (the `seam-workspace` header).
    pub workspace: Option<&'static str>,
}

/// A parameter, a field, or a union's variant.
#[derive(Debug, Serialize)]
pub struct PropertyView {
    pub name: String,
    /// The capitalised JSON type: `String`, `Number`, `Boolean`, `Object`, `Array`, `Datetime`.
    pub ty: &'static str,
    /// For a list: its items, plural (`UUIDs`, `Strings`, `Objects`, …).
    pub of: Option<&'static str>,
    pub required: bool,
    pub description: String,
    pub deprecated: Option<String>,
    /// The known values of an enum.
    pub values: Vec<String>,
    /// The fields of an object (or of a list's objects), or the variants of a union.
    pub children: Vec<PropertyView>,
    /// For a union's variant: the field that tells the variants apart.
    pub discriminator: Option<String>,
}

/// What the endpoint returns.
#[derive(Debug, Serialize)]
pub struct ResponseView {
    pub void: bool,
    pub array: bool,
    /// The documented named type (an anchor of the folder's README), if the result is one.
    pub resource: Option<String>,
    /// Otherwise the type in words (`Boolean`, `Object`, `Strings` after `Array of`).
    pub type_text: Option<String>,
    /// The JSON of a sample's result.
    pub example: Option<String>,
}

/// A folder's `README.md`.
#[derive(Debug, Serialize)]
pub struct FolderPage {
    /// Path segments from `docs/`.
    pub segments: Vec<String>,
    pub api_title: String,
    pub endpoints: Vec<EndpointLink>,
    pub folders: Vec<FolderLink>,
    pub resources: Vec<ResourceView>,
    /// Guides, listed on the root page only.
    pub guides: Vec<GuideLink>,
}

/// A link to an endpoint page, relative to its folder.
#[derive(Debug, Serialize, Clone)]
pub struct EndpointLink {
    pub title: String,
    pub path: String,
    /// The file name, e.g. `unassign.md`.
    pub file: String,
    pub deprecated: bool,
}

/// A link to a subfolder's README.
#[derive(Debug, Serialize, Clone)]
pub struct FolderLink {
    pub name: String,
}

/// A guide, for the root README and SUMMARY.
#[derive(Debug, Serialize, Clone)]
pub struct GuideLink {
    pub title: String,
    /// The path from `docs/`, e.g. `guides/assigning-credentials.md`.
    pub file: String,
}

/// A documented type.
#[derive(Debug, Serialize)]
pub struct ResourceView {
    pub id: String,
    pub description: String,
    pub deprecated: Option<String>,
    /// `object`, `union` or `enum`.
    pub kind: &'static str,
    /// Fields (object), or variants (union).
    pub properties: Vec<PropertyView>,
    /// Values (enum).
    pub values: Vec<String>,
}

/// The SUMMARY's tree.
#[derive(Debug, Serialize)]
pub struct SummaryNode {
    pub name: String,
    /// The folder's path from `docs/`, `""` for the root.
    pub dir: String,
    pub pages: Vec<EndpointLink>,
    pub children: Vec<SummaryNode>,
}

/// Builds an endpoint's page view.
pub fn endpoint_page<'a>(endpoint: &'a Endpoint, types: &Types, renderer: &Renderer) -> EndpointPage<'a> {
    let mut views = endpoint.samples.iter().map(|s| sample_view(endpoint, s, renderer));
    let primary = views.next();
    let examples = views.collect();
    EndpointPage {
        path: &endpoint.path,
        title: &endpoint.title,
        description: endpoint.description.trim_end(),
        deprecated: endpoint.deprecated.as_deref(),
        primary,
        examples,
        auth: endpoint.auth.iter().map(|a| auth_view(*a)).collect(),
        params: properties(&endpoint.params, types, Order::RequiredFirst, &mut Vec::new()),
        response: response_view(endpoint, types),
    }
}

fn sample_view(endpoint: &Endpoint, sample: &Sample, renderer: &Renderer) -> SampleView {
    let shown = Shown::of(endpoint, sample);
    let tabs = Lang::ALL
        .into_iter()
        .map(|lang| {
            let r = renderer.render(lang, Style::Page, endpoint, sample, shown.as_ref());
            (
                lang.key(),
                TabView {
                    code: r.code,
                    output: r.output,
                },
            )
        })
        .collect();
    SampleView {
        title: sample.title.clone(),
        description: sample.description.trim_end().to_owned(),
        tabs,
    }
}

fn auth_view(method: AuthMethod) -> AuthView {
    let workspace = match method {
        AuthMethod::PersonalAccessToken { workspace } => Some(match workspace {
            WorkspaceHeader::Required => "required",
            WorkspaceHeader::Optional => "optional",
            WorkspaceHeader::Forbidden => "forbidden",
        }),
        _ => None,
    };
    AuthView {
        name: method.display_name(),
        workspace,
    }
}

/// How a list of properties is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Required ones first, then by name (request parameters).
    RequiredFirst,
    /// By name only, and none marked required (a resource's fields).
    Alphabetical,
}

/// The documented properties, ordered; `stack` holds the named types being expanded, so a
/// recursive type is not expanded again inside itself.
fn properties(props: &[Property], types: &Types, order: Order, stack: &mut Vec<String>) -> Vec<PropertyView> {
    let mut documented: Vec<&Property> = props.iter().filter(|p| p.undocumented.is_none()).collect();
    documented.sort_by(|a, b| match order {
        Order::RequiredFirst => b.required.cmp(&a.required).then_with(|| a.name.cmp(&b.name)),
        Order::Alphabetical => a.name.cmp(&b.name),
    });
    documented
        .into_iter()
        .map(|p| property(p, types, order, stack))
        .collect()
}

fn property(p: &Property, types: &Types, order: Order, stack: &mut Vec<String>) -> PropertyView {
    let (ty, of) = type_words(&p.ty, types);
    let (values, children) = expand(&p.ty, types, order, stack);
    PropertyView {
        name: p.name.clone(),
        ty,
        of,
        required: p.required && order == Order::RequiredFirst,
        description: p.description.trim_end().to_owned(),
        deprecated: p.deprecated.clone(),
        values,
        children,
        discriminator: None,
    }
}

/// The enum values and the children (fields or variants) of a type, looking through lists.
fn expand(ty: &TypeRef, types: &Types, order: Order, stack: &mut Vec<String>) -> (Vec<String>, Vec<PropertyView>) {
    let id = match ty {
        TypeRef::Named { id } => id,
        TypeRef::Array { items } => return expand(items, types, order, stack),
        _ => return (Vec::new(), Vec::new()),
    };
    let Some(named) = types.get(id.as_str()) else {
        return (Vec::new(), Vec::new());
    };
    if stack.contains(id) {
        return (Vec::new(), Vec::new());
    }
    stack.push(id.clone());
    let result = match &named.kind {
        TypeKind::Enum { values } => (values.clone(), Vec::new()),
        TypeKind::Object { fields } => (Vec::new(), properties(fields, types, order, stack)),
        TypeKind::Union {
            discriminator,
            variants,
        } => (Vec::new(), union_variants(discriminator, variants, types, order, stack)),
    };
    stack.pop();
    result
}

fn union_variants(
    discriminator: &str,
    variants: &[crate::model::UnionVariant],
    types: &Types,
    order: Order,
    stack: &mut Vec<String>,
) -> Vec<PropertyView> {
    variants
        .iter()
        .map(|v| {
            let (_, children) = expand(&TypeRef::named(v.ty.clone()), types, order, stack);
            let description = types.get(v.ty.as_str()).map(|t| t.description.trim_end().to_owned());
            PropertyView {
                name: v.tag.clone(),
                ty: "Object",
                of: None,
                required: false,
                description: description.unwrap_or_default(),
                deprecated: types.get(v.ty.as_str()).and_then(|t| t.deprecated.clone()),
                values: Vec::new(),
                children,
                discriminator: Some(discriminator.to_owned()),
            }
        })
        .collect()
}

/// The capitalised JSON type, and for a list the plural of its items.
pub fn type_words(ty: &TypeRef, types: &Types) -> (&'static str, Option<&'static str>) {
    match ty {
        TypeRef::Array { items } => ("Array", Some(plural(items, types))),
        other => (singular(other, types), None),
    }
}

fn singular(ty: &TypeRef, types: &Types) -> &'static str {
    match ty {
        TypeRef::String { format } if format == "date-time" => "Datetime",
        TypeRef::String { .. } => "String",
        TypeRef::Integer | TypeRef::Number => "Number",
        TypeRef::Boolean => "Boolean",
        TypeRef::Array { .. } => "Array",
        TypeRef::Map { .. } | TypeRef::Any => "Object",
        TypeRef::Named { id } => match types.get(id.as_str()).map(|t| &t.kind) {
            Some(TypeKind::Enum { .. }) => "String",
            _ => "Object",
        },
    }
}

fn plural(ty: &TypeRef, types: &Types) -> &'static str {
    match ty {
        TypeRef::String { format } if format == "uuid" => "UUIDs",
        TypeRef::String { format } if format == "date-time" => "Datetimes",
        TypeRef::String { .. } => "Strings",
        TypeRef::Integer | TypeRef::Number => "Numbers",
        TypeRef::Boolean => "Booleans",
        TypeRef::Array { .. } => "Arrays",
        TypeRef::Map { .. } | TypeRef::Any => "Objects",
        TypeRef::Named { id } => match types.get(id.as_str()).map(|t| &t.kind) {
            Some(TypeKind::Enum { .. }) => "Enums",
            _ => "Objects",
        },
    }
}

/// The named type an endpoint returns (directly or as a list's items), which its folder's
/// README documents.
pub fn returned_type(endpoint: &Endpoint) -> Option<&str> {
    match &endpoint.response {
        Response::Value {
            ty: TypeRef::Named { id },
            ..
        } => Some(id),
        Response::Value {
            ty: TypeRef::Array { items },
            ..
        } => match items.as_ref() {
            TypeRef::Named { id } => Some(id),
            _ => None,
        },
        _ => None,
    }
}

fn response_view(endpoint: &Endpoint, types: &Types) -> ResponseView {
    let Response::Value { key, ty } = &endpoint.response else {
        return ResponseView {
            void: true,
            array: false,
            resource: None,
            type_text: None,
            example: None,
        };
    };
    let array = matches!(ty, TypeRef::Array { .. });
    let resource = returned_type(endpoint).map(str::to_owned);
    let type_text = match (resource.is_some(), ty) {
        (true, _) => None,
        (false, TypeRef::Array { items }) => Some(plural(items, types).to_owned()),
        (false, other) => Some(singular(other, types).to_owned()),
    };
    let example = endpoint
        .samples
        .iter()
        .find_map(|s| s.response.as_ref()?.get(key))
        .map(|value| super::samples::printer::json(&super::samples::printer::Node::from_value(value), "//"));
    ResponseView {
        void: false,
        array,
        resource,
        type_text,
        example,
    }
}

/// A documented type's view.
pub fn resource_view(named: &NamedType, types: &Types) -> ResourceView {
    let mut stack = vec![named.id.clone()];
    let (kind, properties, values) = match &named.kind {
        TypeKind::Object { fields } => (
            "object",
            properties(fields, types, Order::Alphabetical, &mut stack),
            Vec::new(),
        ),
        TypeKind::Union {
            discriminator,
            variants,
        } => (
            "union",
            union_variants(discriminator, variants, types, Order::Alphabetical, &mut stack),
            Vec::new(),
        ),
        TypeKind::Enum { values } => ("enum", Vec::new(), values.clone()),
    };
    ResourceView {
        id: named.id.clone(),
        description: named.description.trim_end().to_owned(),
        deprecated: named.deprecated.clone(),
        kind,
        properties,
        values,
    }
}

/// The named types of `api`, by id.
pub fn types_of(api: &Api) -> Types<'_> {
    api.types.iter().map(|t| (t.id.as_str(), t)).collect()
}
