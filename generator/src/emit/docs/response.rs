//! The Response section of an endpoint's page: what the call returns, named and linked as
//! the reference names it, with the returned resource's sample.

use serde::Serialize;

use super::context::Types;
use crate::model::{Api, Endpoint, ResourceSample, Response, TypeRef};

/// What the endpoint returns.
#[derive(Debug, Serialize)]
pub struct ResponseView {
    pub void: bool,
    pub array: bool,
    /// What it returns, as the page names it: the resource's type (`access\_code`, escaped for
    /// Markdown), plural for a list (`access\_codes`).
    pub name: Option<String>,
    /// The link to where the reference documents the resource.
    pub link: Option<String>,
    /// The resource's sample, as JSON.
    pub example: Option<String>,
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

/// The type the reference calls an action attempt: the result of an action, documented apart
/// from the resources.
const ACTION_ATTEMPT: &str = "action_attempt";

/// The Response section: void, or the resource returned (alone or as a list), linked to where
/// the reference documents it, with the resource's sample.
pub fn response_view(endpoint: &Endpoint, types: &Types, api: &Api) -> ResponseView {
    if let Response::Body { ty, .. } = &endpoint.response {
        return body_view(ty);
    }
    let Response::Value { key, ty } = &endpoint.response else {
        return ResponseView {
            void: true,
            array: false,
            name: None,
            link: None,
            example: None,
        };
    };
    let array = matches!(ty, TypeRef::Array { .. });
    let resource = returned_type(endpoint).filter(|id| types.get(id).is_some_and(|t| t.component));
    let Some(id) = resource else {
        // A result typed inline: named by its key, with no page of its own to link to.
        return ResponseView {
            void: false,
            array,
            name: Some(markdown_escaped(key)),
            link: None,
            example: None,
        };
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
        void: false,
        array,
        name: Some(markdown_escaped(&name)),
        link,
        example: example.map(|s| super::json::prettier(&serde_json::Value::Object(s.properties.clone()))),
    }
}

/// The sample a page shows of the resource `id`: the first of the resource's samples whose
/// title names the endpoint's top-level route, else the first. The route's name is the first
/// word of the path's first segment without a plural `s`, matched in the lowercased title:
/// `/thermostats/list` shows the device sample titled "Thermostat Device", `/noise_sensors/list`
/// the "Noise Sensor Device", `/devices/list` the first device sample. This is how Seam's
/// reference chooses among one resource's samples (it matches the route's groups of
/// properties, named as the route is, against the titles the same way).
fn resource_sample<'a>(api: &'a Api, endpoint_path: &str, id: &str) -> Option<&'a ResourceSample> {
    let mut samples = api.resource_samples.iter().filter(|s| s.resource_type == id);
    let first_word = endpoint_path
        .trim_start_matches('/')
        .split(['/', '_'])
        .next()
        .unwrap_or_default();
    let route = first_word.strip_suffix('s').unwrap_or(first_word);
    if route.is_empty() {
        return samples.next();
    }
    samples
        .clone()
        .find(|s| s.title.to_lowercase().contains(route))
        .or_else(|| samples.next())
}

/// The Response section of a call that returns its whole body (outside Seam's dialect): the
/// body's type, or a list of it, by name.
fn body_view(ty: &TypeRef) -> ResponseView {
    let (array, item) = match ty {
        TypeRef::Array { items } => (true, items.as_ref()),
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
        void: false,
        array,
        name: Some(markdown_escaped(&name)),
        link: None,
        example: None,
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
                file: "all-resources.yaml".to_owned(),
                properties: serde_json::Map::new(),
            })
            .collect();
        api
    }

    #[test]
    fn a_page_shows_the_sample_whose_title_names_its_route_else_the_first() {
        let api = api_with_samples(&[
            ("Lock Device", "device"),
            ("Noise Sensor Device", "device"),
            ("Thermostat Device", "device"),
            ("Thermostat Schedule", "thermostat_schedule"),
        ]);
        let title = |path: &str, id: &str| resource_sample(&api, path, id).map(|s| s.title.as_str());
        assert_eq!(title("/thermostats/list", "device"), Some("Thermostat Device"));
        assert_eq!(title("/noise_sensors/list", "device"), Some("Noise Sensor Device"));
        assert_eq!(title("/devices/list", "device"), Some("Lock Device"));
        assert_eq!(title("/locks/get", "device"), Some("Lock Device"));
        assert_eq!(title("/spaces/list_devices", "device"), Some("Lock Device"));
        assert_eq!(
            title("/thermostats/schedules/get", "thermostat_schedule"),
            Some("Thermostat Schedule")
        );
        assert_eq!(title("/thermostats/list", "space"), None);
    }

    #[test]
    fn route_links_write_the_first_step_up_as_a_dot() {
        assert_eq!(route_link("/access_codes/get", "/access_codes"), ".");
        assert_eq!(route_link("/thermostats/set_hvac_mode", "/devices"), "./../devices");
        assert_eq!(route_link("/devices/list", "/devices/unmanaged"), "./unmanaged");
        assert_eq!(route_link("/acs/users/update", "/acs/users"), ".");
    }
}
