//! The Response section of an endpoint's page: what the call returns, named and linked as
//! the reference names it, with the returned resource's sample.

use serde::Serialize;
use serde_json::{Map, Value};

use super::context::Types;
use crate::model::{Api, Endpoint, ResourceSample, Response, TypeKind, TypeRef};

/// What the endpoint returns.
#[derive(Debug, Default, Serialize)]
pub struct ResponseView {
    pub void: bool,
    pub array: bool,
    /// What it returns, as the page names it: the resource's type (`access\_code`, escaped for
    /// Markdown), plural for a list (`access\_codes`).
    pub name: Option<String>,
    /// The link to where the reference documents the resource.
    pub link: Option<String>,
    /// The resources of a batch result, in the order of its keys; empty for any other result.
    pub batch: Vec<BatchEntryView>,
    /// The resource's sample, as JSON.
    pub example: Option<String>,
}

/// One list of resources that a batch result holds.
#[derive(Debug, Serialize)]
pub struct BatchEntryView {
    /// The batch's key that holds the list, e.g. `acs_entrances`.
    pub key: String,
    /// The resource's type made plural as the reference does (an `s` added) and escaped for
    /// Markdown: `acs\_entrances`, `user\_identitys`.
    pub name: String,
    /// The link to where the reference documents the resource.
    pub link: Option<String>,
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
            ty: TypeRef::Array { items, .. },
            ..
        } => match items.as_ref() {
            TypeRef::Named { id } => Some(id),
            _ => None,
        },
        _ => None,
    }
}

/// The type the reference calls an action attempt: the result of an action, documented apart
/// from the resources.
const ACTION_ATTEMPT: &str = "action_attempt";

/// The Response section: void, or the resource returned (alone or as a list), linked to where
/// the reference documents it, with the resource's sample.
pub fn response_view(endpoint: &Endpoint, types: &Types, api: &Api) -> ResponseView {
    if let Response::Body { ty, .. } = &endpoint.response {
        return body_view(ty);
    }
    let Response::Value { ty, .. } = &endpoint.response else {
        return ResponseView {
            void: true,
            ..ResponseView::default()
        };
    };
    let array = matches!(ty, TypeRef::Array { .. });
    let resource = returned_type(endpoint).filter(|id| types.get(id).is_some_and(|t| t.component));
    let Some(id) = resource else {
        return inline_view(endpoint, types, api, array);
    };
    let name = if array { format!("{id}s") } else { id.to_owned() };
    let (link, example) = if id == ACTION_ATTEMPT {
        // Each kind of action attempt has its own sample; a list of them shows none.
        let kind = endpoint.action_attempt_type.as_deref();
        let sample = kind.and_then(|kind| {
            api.resource_samples
                .iter()
                .find(|s| s.resource_type == id && s.action_type() == Some(kind))
        });
        (Some("./".to_owned()), sample)
    } else {
        let link = api
            .resource_routes
            .get(id)
            .map(|route| route_link(&endpoint.path, route));
        (link, resource_sample(api, &endpoint.path, id))
    };
    ResponseView {
        array,
        name: Some(markdown_escaped(&name)),
        link,
        example: example.map(|s| super::json::prettier(&Value::Object(s.properties.clone()))),
        ..ResponseView::default()
    }
}

/// The Response of a result typed inline, which no resource page documents. A batch of
/// resources lists each kind it holds, and its sample is one sample of each in a list under
/// its key, written as `JSON.stringify` writes it (two-space indents, nothing kept on one
/// line), not as prettier does. Any other is named `unknown` (`unknowns` for a list) and
/// linked to the endpoint's own folder, as Seam's reference names a result of no known type.
fn inline_view(endpoint: &Endpoint, types: &Types, api: &Api, array: bool) -> ResponseView {
    let batch = batch_resources(endpoint, types);
    if batch.is_empty() {
        let name = if array { "unknowns" } else { "unknown" };
        return ResponseView {
            array,
            name: Some(name.to_owned()),
            link: Some("./".to_owned()),
            ..ResponseView::default()
        };
    }
    let samples: Map<String, Value> = batch
        .iter()
        .filter_map(|(key, id)| {
            let sample = resource_sample(api, &endpoint.path, id)?;
            Some((
                key.clone(),
                Value::Array(vec![Value::Object(sample.properties.clone())]),
            ))
        })
        .collect();
    let entries = batch
        .into_iter()
        .map(|(key, id)| BatchEntryView {
            key,
            name: markdown_escaped(&format!("{id}s")),
            link: api
                .resource_routes
                .get(&id)
                .map(|route| route_link(&endpoint.path, route)),
        })
        .collect();
    ResponseView {
        batch: entries,
        // No resource of the batch has a sample: there is nothing to show.
        example: (!samples.is_empty())
            .then(|| serde_json::to_string_pretty(&Value::Object(samples)).ok())
            .flatten(),
        ..ResponseView::default()
    }
}

/// The resources a batch result holds (`x-batch-keys`): each key, in order, whose field of
/// the result is a list of a resource, with that resource's type.
fn batch_resources(endpoint: &Endpoint, types: &Types) -> Vec<(String, String)> {
    let Some(TypeKind::Object { fields }) = returned_type(endpoint).and_then(|id| types.get(id)).map(|t| &t.kind)
    else {
        return Vec::new();
    };
    endpoint
        .batch_keys
        .iter()
        .filter_map(|key| {
            let field = fields.iter().find(|f| &f.name == key)?;
            let TypeRef::Array { items, .. } = &field.ty else {
                return None;
            };
            let TypeRef::Named { id } = items.as_ref() else {
                return None;
            };
            types
                .get(id)
                .is_some_and(|t| t.component)
                .then(|| (key.clone(), id.clone()))
        })
        .collect()
}

/// The sample a page shows of the resource `id`: the first of the resource's samples that
/// belongs to the groups the endpoint's route shows (its route file's `include_groups` and
/// `exclude_groups`), else the first that belongs to those of the resource's own route, as
/// Seam's reference chooses: `/thermostats/list` shows the device sample titled "Thermostat
/// Device", since the thermostats route shows the `thermostats` group. A route that names no
/// groups takes the first sample.
fn resource_sample<'a>(api: &'a Api, endpoint_path: &str, id: &str) -> Option<&'a ResourceSample> {
    let first_in = |route: Option<&str>| {
        let doc = route.and_then(|r| api.route_docs.routes.get(r));
        let include = doc.and_then(|d| d.include_groups.as_deref());
        let exclude = doc.and_then(|d| d.exclude_groups.as_deref());
        api.resource_samples
            .iter()
            .find(|s| s.resource_type == id && super::routes::sample_in_groups(&s.title, include, exclude))
    };
    let parent = endpoint_path.rsplit_once('/').map(|(parent, _)| parent);
    first_in(parent).or_else(|| first_in(api.resource_routes.get(id).map(String::as_str)))
}

/// The Response section of a call that returns its whole body (outside Seam's dialect): the
/// body's type, or a list of it, by name.
fn body_view(ty: &TypeRef) -> ResponseView {
    let (array, item) = match ty {
        TypeRef::Array { items, .. } => (true, items.as_ref()),
        other => (false, other),
    };
    let name = match item {
        TypeRef::Named { id } if array => format!("{id}s"),
        TypeRef::Named { id } => id.clone(),
        TypeRef::String { .. } => "String".to_owned(),
        TypeRef::Integer | TypeRef::Number => "Number".to_owned(),
        TypeRef::Boolean => "Boolean".to_owned(),
        TypeRef::Array { .. } => "Array".to_owned(),
        TypeRef::Map { .. } | TypeRef::Any => "Object".to_owned(),
    };
    ResponseView {
        array,
        name: Some(markdown_escaped(&name)),
        ..ResponseView::default()
    }
}

/// The relative link from an endpoint's page to the route that documents a resource, where the
/// first step up (to the endpoint's own folder) is written `.`: `/access_codes/get` →
/// `/access_codes` is `.`, `/thermostats/set_hvac_mode` → `/devices` is `./../devices`.
pub fn route_link(endpoint: &str, route: &str) -> String {
    let from: Vec<&str> = endpoint.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = route.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut steps: Vec<&str> = vec![".."; from.len() - common];
    steps.extend(&to[common..]);
    let relative = steps.join("/");
    relative.replacen("..", ".", 1)
}

/// Text with Markdown's emphasis character `_` escaped, as the reference writes type names.
fn markdown_escaped(text: &str) -> String {
    text.replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api_with_samples(samples: &[(&str, &str)]) -> Api {
        let mut api = crate::plan::fixture::api(Vec::new(), Vec::new());
        api.resource_samples = samples
            .iter()
            .map(|(title, resource_type)| ResourceSample {
                title: (*title).to_owned(),
                resource_type: (*resource_type).to_owned(),
                description: String::new(),
                file: "all-resources.yaml".to_owned(),
                properties: serde_json::Map::new(),
            })
            .collect();
        api
    }

    #[test]
    fn a_page_shows_the_first_sample_of_the_groups_its_route_shows() {
        let mut api = api_with_samples(&[
            ("Lock Device", "device"),
            ("Noise Sensor Device", "device"),
            ("Thermostat Device", "device"),
            ("Thermostat Schedule", "thermostat_schedule"),
        ]);
        for (route, group) in [("/thermostats", "thermostats"), ("/noise_sensors", "noise_sensors")] {
            api.route_docs.routes.insert(
                route.to_owned(),
                crate::model::routes::RouteDoc {
                    title: route.to_owned(),
                    include_groups: Some(vec![group.to_owned()]),
                    ..Default::default()
                },
            );
        }
        api.route_docs.routes.insert(
            "/locks".to_owned(),
            crate::model::routes::RouteDoc {
                title: "Locks".to_owned(),
                exclude_groups: Some(vec!["locks".to_owned()]),
                ..Default::default()
            },
        );
        let title = |path: &str, id: &str| resource_sample(&api, path, id).map(|s| s.title.as_str());
        assert_eq!(title("/thermostats/list", "device"), Some("Thermostat Device"));
        assert_eq!(title("/noise_sensors/list", "device"), Some("Noise Sensor Device"));
        assert_eq!(title("/devices/list", "device"), Some("Lock Device"));
        assert_eq!(title("/locks/get", "device"), Some("Noise Sensor Device"));
        assert_eq!(title("/spaces/list_devices", "device"), Some("Lock Device"));
        assert_eq!(
            title("/thermostats/schedules/get", "thermostat_schedule"),
            Some("Thermostat Schedule")
        );
        assert_eq!(title("/thermostats/list", "space"), None);
    }

    #[test]
    fn a_batch_lists_its_resources_and_shows_a_sample_of_each_under_its_key() {
        use crate::plan::fixture::{component, endpoint, field, named, object, string};
        let list_of = |id: &str| TypeRef::list_of(named(id));
        let types = vec![
            component(object("space", vec![field("space_id", string())])),
            component(object("user_identity", vec![field("user_identity_id", string())])),
            object(
                "batch",
                vec![
                    field("spaces", list_of("space")),
                    field("user_identities", list_of("user_identity")),
                    field("note", string()),
                ],
            ),
        ];
        let mut batch = endpoint("/spaces/get_related", Vec::new(), Some(named("batch")));
        batch.batch_keys = ["user_identities", "spaces", "note", "missing"]
            .map(str::to_owned)
            .to_vec();
        let mut api = crate::plan::fixture::api(types, vec![batch.clone()]);
        api.resource_routes.insert("space".to_owned(), "/spaces".to_owned());
        api.resource_samples = vec![ResourceSample {
            title: "Space".to_owned(),
            resource_type: "space".to_owned(),
            description: String::new(),
            file: "all-resources.yaml".to_owned(),
            properties: serde_json::json!({"space_id": "s1", "tags": ["a", "b"], "meta": {}})
                .as_object()
                .cloned()
                .unwrap_or_default(),
        }];
        let view = response_view(&batch, &Types::of(&api), &api);
        let entries: Vec<(&str, &str, Option<&str>)> = view
            .batch
            .iter()
            .map(|e| (e.key.as_str(), e.name.as_str(), e.link.as_deref()))
            .collect();
        assert_eq!(
            entries,
            [
                ("user_identities", "user\\_identitys", None),
                ("spaces", "spaces", Some(".")),
            ]
        );
        assert_eq!(
            view.example.as_deref(),
            Some(
                "{\n  \"spaces\": [\n    {\n      \"space_id\": \"s1\",\n      \"tags\": [\n        \"a\",\n        \
                 \"b\"\n      ],\n      \"meta\": {}\n    }\n  ]\n}"
            )
        );

        // Without batch keys, the same inline result is of no known type.
        let mut plain = batch;
        plain.batch_keys.clear();
        let view = response_view(&plain, &Types::of(&api), &api);
        assert_eq!(
            (view.name.as_deref(), view.link.as_deref()),
            (Some("unknown"), Some("./"))
        );
        assert!(view.batch.is_empty() && view.example.is_none());
    }

    #[test]
    fn a_list_of_no_known_type_is_a_list_of_unknowns() {
        use crate::plan::fixture::{endpoint, field, named, object, string};
        let types = vec![object("inline", vec![field("id", string())])];
        let list = endpoint(
            "/things/unmanaged/list",
            Vec::new(),
            Some(TypeRef::list_of(named("inline"))),
        );
        let api = crate::plan::fixture::api(types, vec![list.clone()]);
        let view = response_view(&list, &Types::of(&api), &api);
        assert!(view.array);
        assert_eq!(
            (view.name.as_deref(), view.link.as_deref()),
            (Some("unknowns"), Some("./"))
        );
    }

    #[test]
    fn route_links_write_the_first_step_up_as_a_dot() {
        assert_eq!(route_link("/access_codes/get", "/access_codes"), ".");
        assert_eq!(route_link("/thermostats/set_hvac_mode", "/devices"), "./../devices");
        assert_eq!(route_link("/devices/list", "/devices/unmanaged"), "./unmanaged");
        assert_eq!(route_link("/acs/users/update", "/acs/users"), ".");
    }
}
