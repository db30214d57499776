//! The route pages of Seam's reference (`docs/<route>/README.md`) and its table of contents,
//! laid out from the model's resources and routes the way Seam's reference lays them out.
//!
//! A route is the folder of an endpoint's page (`/acs/credentials` for
//! `/acs/credentials/create`); a namespace is a leading folder that holds no endpoint itself
//! (`/acs`). A route's page documents the resources whose route it is (and those its route
//! file names), their errors, warnings and events, and lists its endpoints; a namespace's
//! page lists the resources below it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::Serialize;

use super::collation::compare;
use super::context::plain_text;
use crate::model::resources::{Format, ListItems, Resource, ResourceProperty, Tagged};
use crate::model::routes::RouteDoc;
use crate::model::{Api, Endpoint};

/// Action types the reference leaves out of the action attempt's `action_type` values: those
/// of internal bookkeeping.
const INTERNAL_ACTIONS: [&str; 4] = ["CREATE", "DELETE", "UPDATE", "SYNC"];

/// The routes and namespaces of the documented endpoints.
pub struct Routes<'a> {
    /// Each route (a folder holding endpoint pages), by path, with its endpoints in path order.
    pub routes: BTreeMap<String, Vec<&'a Endpoint>>,
    /// Each namespace, by path.
    pub namespaces: Vec<String>,
}

impl<'a> Routes<'a> {
    /// The routes and namespaces that get a page, by path.
    pub fn pages(&self) -> impl Iterator<Item = &String> {
        self.namespaces
            .iter()
            .chain(self.routes.keys())
            .filter(|path| !path.is_empty())
    }

    /// The route or namespace whose page lists the one at `path`: its nearest ancestor with a
    /// page; `None` at the top.
    pub fn listed_under<'p>(&self, path: &'p str) -> Option<&'p str> {
        let mut parent = parent_of_route(path);
        while let Some(candidate) = parent {
            if self.routes.contains_key(candidate) || self.namespaces.iter().any(|n| n == candidate) {
                return Some(candidate);
            }
            parent = parent_of_route(candidate);
        }
        None
    }

    /// The routes and namespaces of `documented`.
    pub fn of(documented: &[&'a Endpoint]) -> Self {
        let paths: Vec<String> = documented.iter().map(|endpoint| page_path(endpoint)).collect();
        let mut routes: BTreeMap<String, Vec<&Endpoint>> = BTreeMap::new();
        for (endpoint, path) in documented.iter().zip(&paths) {
            routes.entry(parent(path).to_owned()).or_default().push(endpoint);
        }
        let mut namespaces: Vec<String> = Vec::new();
        for path in &paths {
            if let Some(namespace) = namespace_of(path, &routes) {
                if !namespaces.contains(&namespace) && !routes.contains_key(&namespace) {
                    namespaces.push(namespace);
                }
            }
        }
        namespaces.sort();
        Routes { routes, namespaces }
    }
}

/// Where an endpoint's page sits, as a path: its page's segments (the request path's, made
/// usable as file names), e.g. `/acs/users/create`.
fn page_path(endpoint: &Endpoint) -> String {
    endpoint.page_segments().iter().map(|s| format!("/{s}")).collect()
}

/// An endpoint's page file below the reference's folder: `acs/users/create.md`; the root
/// path `/` is `index.md`.
fn page_file(endpoint: &Endpoint) -> String {
    match page_path(endpoint).trim_start_matches('/') {
        "" => "index.md".to_owned(),
        path => format!("{path}.md"),
    }
}

/// A path's parent, e.g. `/acs/users` for `/acs/users/create`.
fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(parent, _)| parent)
}

/// The parent of a route or namespace in the table of contents; `None` at the top.
fn parent_of_route(path: &str) -> Option<&str> {
    let parent = parent(path);
    (!parent.is_empty()).then_some(parent)
}

/// The leading segments of `path` under which no endpoint sits directly, e.g. `/acs` for
/// `/acs/credentials/create`; `None` when the first segment holds an endpoint. `routes` are
/// the folders that hold an endpoint directly.
fn namespace_of<T>(path: &str, routes: &BTreeMap<String, T>) -> Option<String> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut namespace: Vec<&str> = Vec::new();
    for segment in segments.iter().take(segments.len().saturating_sub(1)) {
        let folder = format!("/{}", [&namespace[..], &[segment]].concat().join("/"));
        if routes.contains_key(&folder) {
            break;
        }
        namespace.push(segment);
    }
    (!namespace.is_empty()).then(|| format!("/{}", namespace.join("/")))
}

/// The title of a route or namespace: its route file's, else its last segment in capitals
/// (`access_groups` → `Access Groups`).
pub fn title(api: &Api, path: &str) -> String {
    match api.route_docs.routes.get(path) {
        Some(doc) if !doc.title.is_empty() => doc.title.clone(),
        _ => capital_case(path.rsplit('/').next().unwrap_or(path)),
    }
}

fn capital_case(name: &str) -> String {
    name.split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A route page.
#[derive(Debug, Serialize)]
pub struct RoutePage {
    title: String,
    description: Option<String>,
    overview: Option<String>,
    alpha: Option<String>,
    resources: Vec<RouteResource>,
    endpoints: Vec<RouteEndpoint>,
}

#[derive(Debug, Serialize)]
struct RouteEndpoint {
    path: String,
    file: String,
    description: String,
}

#[derive(Debug, Serialize)]
struct RouteResource {
    name: String,
    description: String,
    hide_preamble: bool,
    property_groups: Vec<PropertyGroup>,
    legacy_property_groups: Option<Vec<PropertyGroup>>,
    error_groups: Vec<VariantGroup>,
    warning_groups: Vec<VariantGroup>,
    events: Vec<RouteEvent>,
    has_endpoints: bool,
    samples: Vec<ResourceSampleTab>,
}

#[derive(Debug, Serialize)]
struct ResourceSampleTab {
    title: String,
    description: String,
    json: String,
}

#[derive(Debug, Serialize)]
struct PropertyGroup {
    name: Option<String>,
    properties: Vec<RouteProperty>,
}

#[derive(Debug, Serialize)]
struct VariantGroup {
    name: Option<String>,
    variants: Vec<VariantSummary>,
}

#[derive(Debug, Clone, Serialize)]
struct VariantSummary {
    name: String,
    description: String,
    #[serde(skip)]
    parent_resource: Option<String>,
}

#[derive(Debug, Serialize)]
struct RouteEvent {
    name: String,
    description: String,
    properties: Vec<RouteProperty>,
}

/// A property as the route pages print it.
#[derive(Debug, Clone, Default, Serialize)]
pub(super) struct RouteProperty {
    name: String,
    description: String,
    deprecated: Option<String>,
    format: String,
    list_item_format: String,
    pub(super) enum_values: Option<Vec<String>>,
    value: Option<String>,
    pub(super) object_properties: Option<Vec<RouteProperty>>,
    pub(super) list_properties: Option<Vec<RouteProperty>>,
    discriminator: Option<String>,
    variants: Vec<RouteVariant>,
    link_target: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct RouteVariant {
    name: String,
    description: String,
    properties: Vec<RouteProperty>,
}

/// The page of the route at `path`.
pub fn route_page(api: &Api, path: &str, endpoints: &[&Endpoint]) -> RoutePage {
    let doc = api.route_docs.routes.get(path).cloned().unwrap_or_default();
    let endpoints: Vec<RouteEndpoint> = endpoints
        .iter()
        .filter(|e| !e.title.is_empty())
        .map(|e| RouteEndpoint {
            path: plain_text(&e.path),
            file: page_file(e).rsplit('/').next().unwrap_or_default().to_owned(),
            description: plain_text(e.description.split("\n\n").next().unwrap_or_default()),
        })
        .collect();
    let docs = &api.resource_docs;
    let mut types: Vec<&str> = docs
        .resources
        .iter()
        .filter(|r| r.route == path && r.flags.undocumented.is_none())
        .map(|r| r.resource_type.as_str())
        .collect();
    for extra in &doc.resources {
        if !types.contains(&extra.as_str()) {
            types.push(extra);
        }
    }
    let mut resources = Vec::new();
    for resource_type in &types {
        if *resource_type == "action_attempt" {
            resources.push(action_attempt_resource(api));
            continue;
        }
        let Some(resource) = docs.resources.iter().find(|r| r.resource_type == *resource_type) else {
            continue;
        };
        if *resource_type == "event" {
            resources.push(event_resource(api));
            continue;
        }
        resources.push(resource_section(
            api,
            resource,
            &doc,
            path,
            &types,
            !endpoints.is_empty(),
        ));
    }
    RoutePage {
        title: plain_text(&title(api, path)),
        description: doc.description.clone(),
        overview: doc.overview.clone(),
        alpha: doc.alpha.clone().filter(|a| !a.is_empty()),
        resources,
        endpoints,
    }
}

fn resource_section(
    api: &Api,
    resource: &Resource,
    doc: &RouteDoc,
    path: &str,
    types: &[&str],
    has_endpoints: bool,
) -> RouteResource {
    let include = doc.include_groups.as_deref();
    let exclude = doc.exclude_groups.as_deref();
    let variant_groups = |name: &str| {
        resource
            .property(name)
            .map(|p| group_variants(p, include, exclude, &resource.resource_type, types))
            .unwrap_or_default()
    };
    let error_groups = variant_groups("errors");
    let warning_groups = variant_groups("warnings");
    let documented: Vec<&ResourceProperty> = resource
        .properties
        .iter()
        .filter(|p| p.flags.undocumented.is_none())
        .collect();
    let properties: Vec<&ResourceProperty> = documented.iter().copied().filter(|p| p.name != "properties").collect();
    let mut property_groups = group_properties(&properties, &resource.groups, include, exclude);
    if let Some(first) = property_groups.first_mut() {
        for property in &mut first.properties {
            property.link_target = match property.name.as_str() {
                "errors" if !error_groups.is_empty() => Some("./#errors".to_owned()),
                "warnings" if !warning_groups.is_empty() => Some("./#warnings".to_owned()),
                _ => None,
            };
        }
    }
    let legacy_property_groups = documented
        .iter()
        .find(|p| p.name == "properties")
        .and_then(|p| match &p.format {
            Format::Object { groups, properties } => {
                let properties: Vec<&ResourceProperty> = properties.iter().collect();
                Some(group_properties(&properties, groups, include, exclude))
            }
            _ => None,
        });
    let events = events_of(api, &resource.route);
    let samples = api
        .resource_samples
        .iter()
        .filter(|s| s.resource_type == resource.resource_type && sample_in_groups(&s.title, include, exclude))
        .map(|s| ResourceSampleTab {
            title: s.title.clone(),
            description: s.description.clone(),
            json: super::json::prettier(&serde_json::Value::Object(s.properties.clone())),
        })
        .collect();
    RouteResource {
        name: plain_text(&resource.resource_type),
        description: plain_text(&resource.description),
        hide_preamble: path != resource.route,
        property_groups,
        legacy_property_groups,
        error_groups,
        warning_groups,
        events,
        has_endpoints,
        samples,
    }
}

/// Whether a resource sample belongs on a page showing only some groups: its title names
/// one of them (the group's first word, less its last letter: `access_codes` → `acces`).
pub(super) fn sample_in_groups(title: &str, include: Option<&[String]>, exclude: Option<&[String]>) -> bool {
    let title = title.to_lowercase();
    let stem = |group: &String| {
        let word = group.split('_').next().unwrap_or_default();
        let mut chars = word.chars();
        chars.next_back();
        chars.as_str().to_owned()
    };
    match (include, exclude) {
        (Some(include), _) => include.iter().any(|g| title.contains(&stem(g))),
        (None, Some(exclude)) => !exclude.iter().any(|g| title.contains(&stem(g))),
        (None, None) => true,
    }
}

/// The event types whose route is `route`, in the description's order.
fn events_of(api: &Api, route: &str) -> Vec<RouteEvent> {
    api.resource_docs
        .events
        .iter()
        .filter(|e| e.resource.route == route)
        .map(route_event)
        .collect()
}

fn route_event(event: &Tagged) -> RouteEvent {
    RouteEvent {
        name: plain_text(&event.tag),
        description: plain_text(&event.resource.description),
        properties: event
            .resource
            .properties
            .iter()
            .filter(|p| p.flags.undocumented.is_none())
            .map(route_property)
            .collect(),
    }
}

/// The properties in groups: those of no group first, then each group by name; each sorted by
/// name. Showing only some groups merges them into one list.
fn group_properties(
    properties: &[&ResourceProperty],
    groups: &[crate::model::resources::Group],
    include: Option<&[String]>,
    exclude: Option<&[String]>,
) -> Vec<PropertyGroup> {
    let of_group = |key: Option<&str>| {
        let mut list: Vec<RouteProperty> = properties
            .iter()
            .filter(|p| p.group.as_deref() == key)
            .map(|p| route_property(p))
            .collect();
        list.sort_by(|a, b| compare(&a.name, &b.name));
        list
    };
    let mut all = vec![PropertyGroup {
        name: None,
        properties: of_group(None),
    }];
    let mut named: Vec<(String, PropertyGroup)> = groups
        .iter()
        .map(|g| {
            (
                g.key.clone(),
                PropertyGroup {
                    name: Some(g.name.clone()),
                    properties: of_group(Some(&g.key)),
                },
            )
        })
        .filter(|(key, _)| include.map_or(true, |inc| inc.contains(key)))
        .filter(|(key, _)| exclude.map_or(true, |exc| !exc.contains(key)))
        .collect();
    named.sort_by(|a, b| compare(a.1.name.as_deref().unwrap_or(""), b.1.name.as_deref().unwrap_or("")));
    all.extend(named.into_iter().map(|(_, g)| g));
    all.retain(|g| !g.properties.is_empty());
    if include.is_some() {
        let mut merged: Vec<RouteProperty> = all
            .into_iter()
            .flat_map(|g| g.properties)
            .filter(|p| !p.name.starts_with('_'))
            .collect();
        merged.sort_by(|a, b| compare(&a.name, &b.name));
        return vec![PropertyGroup {
            name: None,
            properties: merged,
        }];
    }
    all
}

/// The variants of a discriminated list (a resource's `errors` or `warnings`) in groups, as
/// [`group_properties`] groups properties; showing only some groups merges them, the
/// resource's own variants first.
fn group_variants(
    property: &ResourceProperty,
    include: Option<&[String]>,
    exclude: Option<&[String]>,
    resource_type: &str,
    types: &[&str],
) -> Vec<VariantGroup> {
    let Format::List { items } = &property.format else {
        return Vec::new();
    };
    let ListItems::Discriminated {
        discriminator,
        groups,
        variants,
    } = items.as_ref()
    else {
        return Vec::new();
    };
    let of_group = |key: Option<&str>| {
        let mut list: Vec<VariantSummary> = variants
            .iter()
            .filter(|v| v.group.as_deref() == key)
            .filter_map(|v| {
                let name = v
                    .properties
                    .iter()
                    .find(|p| &p.name == discriminator)?
                    .enum_values()?
                    .first()?
                    .name
                    .clone();
                let parent_resource = v.properties.iter().find_map(|p| {
                    types
                        .iter()
                        .find(|t| p.name == format!("is_{t}_error"))
                        .map(|t| (*t).to_owned())
                });
                Some(VariantSummary {
                    name: plain_text(&name),
                    description: plain_text(&v.description),
                    parent_resource,
                })
            })
            .collect();
        list.sort_by(|a, b| compare(&a.name, &b.name));
        list
    };
    let mut all = vec![(
        None,
        VariantGroup {
            name: None,
            variants: of_group(None),
        },
    )];
    for group in groups {
        all.push((
            Some(group.key.clone()),
            VariantGroup {
                name: Some(group.name.clone()),
                variants: of_group(Some(&group.key)),
            },
        ));
    }
    all.retain(|(key, g)| {
        !g.variants.is_empty()
            && (key.is_none() || include.map_or(true, |inc| inc.contains(key.as_ref().unwrap())))
            && (key.is_none() || exclude.map_or(true, |exc| !exc.contains(key.as_ref().unwrap())))
    });
    let mut all: Vec<VariantGroup> = all.into_iter().map(|(_, g)| g).collect();
    all.sort_by(|a, b| match (&a.name, &b.name) {
        (None, _) => Ordering::Less,
        (_, None) => Ordering::Greater,
        (Some(a), Some(b)) => compare(a, b),
    });
    if include.is_some() {
        let mut merged: Vec<VariantSummary> = all.into_iter().flat_map(|g| g.variants).collect();
        // The reference's order: the resource's own variants first, then those of no
        // resource, then those of other resources by resource; each by name. Its comparison
        // is not a total order, so the result depends on the sort's steps: a binary insertion
        // sort, which is what sorts lists this short.
        binary_insertion_sort(&mut merged, |a, b| own_first(a, b, resource_type));
        return vec![VariantGroup {
            name: None,
            variants: merged,
        }];
    }
    all
}

fn own_first(a: &VariantSummary, b: &VariantSummary, resource_type: &str) -> Ordering {
    match (&a.parent_resource, &b.parent_resource) {
        (None, None) => compare(&a.name, &b.name),
        (Some(p), _) if p == resource_type => Ordering::Less,
        (_, Some(p)) if p == resource_type => Ordering::Greater,
        (None, _) => Ordering::Less,
        (_, None) => Ordering::Greater,
        (Some(pa), Some(pb)) if pa != pb => compare(pa, pb),
        _ => compare(&a.name, &b.name),
    }
}

/// Sorts by binary insertion: each item is placed after the last of the sorted prefix that
/// it does not precede.
fn binary_insertion_sort<T: Clone>(items: &mut [T], order: impl Fn(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let pivot = items[i].clone();
        let (mut left, mut right) = (0, i);
        while left < right {
            let mid = left + ((right - left) >> 1);
            if order(&pivot, &items[mid]) == Ordering::Less {
                right = mid;
            } else {
                left = mid + 1;
            }
        }
        items[left..=i].rotate_right(1);
    }
}

/// A property as printed: its type word, enum values or single value, and its nested
/// properties (an object's flattened into dotted names).
pub(super) fn route_property(property: &ResourceProperty) -> RouteProperty {
    let mut printed = RouteProperty {
        name: plain_text(&property.name),
        description: plain_text(property.description.trim()),
        deprecated: property.flags.deprecated.clone(),
        format: format_word(&property.format).to_owned(),
        ..RouteProperty::default()
    };
    match &property.format {
        Format::Enum { values } => {
            let single = matches!(property.name.as_str(), "event_type" | "action_type") && values.len() == 1;
            if single {
                printed.value = Some(plain_text(&values[0].name));
            } else {
                printed.enum_values = Some(values.iter().map(|v| plain_text(&v.name)).collect());
            }
        }
        Format::Object { properties, .. } => {
            printed.object_properties = Some(flatten(properties, "").iter().map(route_property).collect());
        }
        Format::List { items } => {
            printed.list_item_format = list_item_word(items).to_owned();
            match items.as_ref() {
                ListItems::Object { properties } => {
                    printed.list_properties = Some(flatten(properties, "").iter().map(route_property).collect());
                }
                ListItems::Discriminated {
                    discriminator,
                    variants,
                    ..
                } => {
                    printed.discriminator = Some(discriminator.clone());
                    printed.variants = variants
                        .iter()
                        .map(|v| RouteVariant {
                            name: v
                                .properties
                                .iter()
                                .find(|p| &p.name == discriminator)
                                .and_then(|p| p.enum_values()?.first())
                                .map_or_else(|| "unknown_variant".to_owned(), |e| plain_text(&e.name)),
                            description: plain_text(&v.description),
                            properties: v
                                .properties
                                .iter()
                                .filter(|p| p.flags.undocumented.is_none())
                                .map(route_property)
                                .collect(),
                        })
                        .collect();
                }
                _ => {}
            }
        }
        _ => {}
    }
    printed
}

/// An object's documented properties, each nested object's followed by its own under dotted
/// names (`a`, `a.b`).
fn flatten(properties: &[ResourceProperty], prefix: &str) -> Vec<ResourceProperty> {
    let mut flat = Vec::new();
    for property in properties.iter().filter(|p| p.flags.undocumented.is_none()) {
        let name = format!("{prefix}{}", property.name);
        let mut renamed = property.clone();
        renamed.name = name.clone();
        flat.push(renamed);
        if let Format::Object { properties, .. } = &property.format {
            flat.extend(flatten(properties, &format!("{name}.")));
        }
    }
    flat
}

/// The type word of a format (`UUID`, `Datetime`, `List` …).
pub(super) fn format_word(format: &Format) -> &'static str {
    match format {
        Format::String => "String",
        Format::Number => "Number",
        Format::Boolean => "Boolean",
        Format::Datetime => "Datetime",
        Format::Id => "UUID",
        Format::Record | Format::Batch { .. } => "Record",
        Format::Enum { .. } => "Enum",
        Format::Object { .. } => "Object",
        Format::List { .. } => "List",
    }
}

pub(super) fn list_item_word(items: &ListItems) -> &'static str {
    match items {
        ListItems::Plain { format } => format_word(format),
        ListItems::Enum { .. } => "Enum",
        ListItems::Object { .. } | ListItems::Discriminated { .. } => "Object",
    }
}

fn plain(name: &str, description: &str, format: &str) -> RouteProperty {
    RouteProperty {
        name: name.to_owned(),
        description: description.to_owned(),
        format: format.to_owned(),
        ..RouteProperty::default()
    }
}

/// The action attempt, documented by what every type of it has: its id, status and type, and
/// its error and result. Its section links to no endpoints, as the reference's does not.
fn action_attempt_resource(api: &Api) -> RouteResource {
    let types: Vec<String> = api
        .resource_docs
        .action_attempts
        .iter()
        .filter(|a| a.resource.flags.undocumented.is_none() && a.resource.flags.deprecated.is_none())
        .filter(|a| !INTERNAL_ACTIONS.contains(&a.tag.split('_').next().unwrap_or_default()))
        .map(|a| a.tag.clone())
        .collect();
    let properties = vec![
        plain("action_attempt_id", "ID of the action attempt.", "UUID"),
        RouteProperty {
            enum_values: Some(vec!["pending".into(), "success".into(), "error".into()]),
            ..plain("status", "Status of the action attempt.", "Enum")
        },
        RouteProperty {
            enum_values: Some(types),
            ..plain("action_type", "Type of the action attempt.", "Enum")
        },
        plain(
            "error",
            "Error associated with the action attempt. Null for pending and successful action attempts.",
            "Object",
        ),
        plain(
            "result",
            "Result of the action attempt. Null for pending and errored action attempts.",
            "Object",
        ),
    ];
    pseudo_resource(
        "action_attempt",
        "Represents an attempt to perform an action against a device.",
        properties,
        events_of(api, "/action_attempts"),
        false,
    )
}

/// The event, documented by what every event type has.
fn event_resource(api: &Api) -> RouteResource {
    let types: Vec<String> = api
        .resource_docs
        .events
        .iter()
        .filter(|e| e.resource.flags.undocumented.is_none() && e.resource.flags.deprecated.is_none())
        .map(|e| e.tag.clone())
        .collect();
    let properties =
        vec![
        plain("event_id", "ID of the event.", "UUID"),
        RouteProperty {
            enum_values: Some(types),
            ..plain("event_type", "Type of event.", "Enum")
        },
        plain(
            "workspace_id",
            "ID of the [workspace](https://docs.seam.co/latest/core-concepts/workspaces) associated with the event.",
            "UUID",
        ),
        plain("created_at", "Date and time at which the event was created.", "DateTime"),
        plain("occurred_at", "Date and time at which the event occurred.", "DateTime"),
    ];
    pseudo_resource(
        "event",
        "Represents an event that occurred in your workspace.",
        properties,
        Vec::new(),
        false,
    )
}

fn pseudo_resource(
    name: &str,
    description: &str,
    properties: Vec<RouteProperty>,
    events: Vec<RouteEvent>,
    has_endpoints: bool,
) -> RouteResource {
    RouteResource {
        name: name.to_owned(),
        description: description.to_owned(),
        hide_preamble: false,
        property_groups: vec![PropertyGroup { name: None, properties }],
        legacy_property_groups: None,
        error_groups: Vec::new(),
        warning_groups: Vec::new(),
        events,
        has_endpoints,
        samples: Vec::new(),
    }
}

/// A namespace page: the resources of the routes below it.
#[derive(Debug, Serialize)]
pub struct NamespacePage {
    title: String,
    description: Option<String>,
    overview: Option<String>,
    resources: Vec<NamespaceResource>,
}

#[derive(Debug, Serialize)]
struct NamespaceResource {
    name: String,
    link: String,
    description: String,
}

/// The page of the namespace at `path`.
pub fn namespace_page(api: &Api, path: &str) -> NamespacePage {
    let doc = api.route_docs.routes.get(path).cloned().unwrap_or_default();
    let prefix = format!("{path}/");
    let resources = api
        .resource_docs
        .resources
        .iter()
        .filter(|r| r.flags.undocumented.is_none())
        .filter_map(|r| {
            let below = r.route.strip_prefix(&prefix)?;
            Some(NamespaceResource {
                name: plain_text(&r.resource_type),
                link: format!("./{below}/README.md#{}", r.resource_type),
                description: plain_text(&r.description),
            })
        })
        .collect();
    NamespacePage {
        title: plain_text(&title(api, path)),
        description: doc.description,
        overview: doc.overview,
        resources,
    }
}

/// A node of the table of contents.
#[derive(Debug, Serialize)]
pub struct TocNode {
    title: String,
    file: String,
    children: Vec<TocNode>,
}

/// The table of contents' tree: below each route or namespace its endpoints and the routes
/// and namespaces below it, by title, leaves first.
pub fn toc(api: &Api, routes: &Routes) -> Vec<TocNode> {
    toc_below(api, routes, None)
}

fn toc_below(api: &Api, routes: &Routes, parent: Option<&str>) -> Vec<TocNode> {
    let mut nodes: Vec<TocNode> = Vec::new();
    // The endpoints of the route, or at the top those whose pages sit in the root folder.
    for endpoint in routes.routes.get(parent.unwrap_or("")).into_iter().flatten() {
        if endpoint.title.is_empty() {
            continue;
        }
        nodes.push(TocNode {
            title: plain_text(&endpoint.title),
            file: page_file(endpoint),
            children: Vec::new(),
        });
    }
    for path in routes.pages() {
        if routes.listed_under(path) != parent {
            continue;
        }
        nodes.push(TocNode {
            title: plain_text(&title(api, path)),
            file: format!("{}/README.md", path.trim_start_matches('/')),
            children: toc_below(api, routes, Some(path)),
        });
    }
    nodes.sort_by(|a, b| {
        let leaf = |n: &TocNode| n.children.is_empty();
        leaf(b).cmp(&leaf(a)).then_with(|| compare(&a.title, &b.title))
    });
    nodes
}
