//! The routes' documentation written beside the description (a route file, the shape of
//! `paths.yaml` in Seam's reference): each route's title and overview, and the hand-written
//! pages the table of contents lists first. Checked against the description like the samples.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Serialize;

use super::Api;
use crate::diagnostics::{Diagnostics, Location};
use crate::load::RawRoute;

/// The documentation of the reference's routes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RouteDocs {
    /// The title of the reference (the root route `/`), heading its table of contents.
    pub title: Option<String>,
    /// Hand-written pages, listed first in the table of contents.
    pub pages: Vec<PageLink>,
    /// Each route's documentation, by path (`/acs/credentials`).
    pub routes: BTreeMap<String, RouteDoc>,
}

/// A hand-written page.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Its title.
    pub title: String,
    /// Its file, relative to the reference's folder.
    pub file: String,
}

/// One route's documentation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RouteDoc {
    /// The page's title.
    pub title: String,
    /// One line about it (the page's front matter).
    pub description: Option<String>,
    /// Markdown shown under the title.
    pub overview: Option<String>,
    /// Resources documented here besides those whose route it is.
    pub resources: Vec<String>,
    /// Only these groups of properties and variants are shown, merged.
    pub include_groups: Option<Vec<String>>,
    /// These groups of properties and variants are left out.
    pub exclude_groups: Option<Vec<String>>,
    /// A notice that the route is in alpha.
    pub alpha: Option<String>,
}

/// Gives the model its routes' documentation; a route the description does not have, or a
/// resource it does not define, is a warning naming the route file.
pub fn attach(api: &mut Api, raw: IndexMap<String, RawRoute>) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut docs = RouteDocs::default();
    for (path, route) in raw {
        let location = Location::File(format!("{} (route `{path}`)", route.file));
        if path == "/" {
            docs.title = Some(route.title);
            docs.pages = route
                .pages
                .into_iter()
                .map(|p| PageLink {
                    title: p.title,
                    file: p.file,
                })
                .collect();
            continue;
        }
        if !route.pages.is_empty() {
            diags.warning(
                location.clone(),
                "only the root route `/` lists pages; these are left out",
            );
        }
        let prefix = format!("{path}/");
        if !api.endpoints.iter().any(|e| e.path.starts_with(&prefix)) {
            diags.warning(location.clone(), "the description has no endpoint below this route");
        }
        for resource in &route.resources {
            let known = api.resource_docs.resources.iter().any(|r| &r.resource_type == resource)
                || (resource == "action_attempt" && !api.resource_docs.action_attempts.is_empty());
            if !known {
                diags.warning(
                    location.clone(),
                    format!("the description documents no resource `{resource}`; it is left out of the page"),
                );
            }
        }
        docs.routes.insert(
            path,
            RouteDoc {
                title: route.title,
                description: route.description,
                overview: route.overview,
                resources: route.resources,
                include_groups: route.include_groups,
                exclude_groups: route.exclude_groups,
                alpha: route.alpha,
            },
        );
    }
    api.route_docs = docs;
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(title: &str) -> RawRoute {
        RawRoute {
            title: title.to_owned(),
            file: "routes.yaml".to_owned(),
            ..RawRoute::default()
        }
    }

    #[test]
    fn the_root_titles_the_reference_and_unknown_routes_or_resources_are_warnings() {
        let mut api = crate::plan::fixture::api(
            Vec::new(),
            vec![crate::plan::fixture::endpoint("/things/get", Vec::new(), None)],
        );
        let mut raw = IndexMap::new();
        raw.insert(
            "/".to_owned(),
            RawRoute {
                pages: vec![crate::load::RawPageLink {
                    title: "Overview".to_owned(),
                    file: "README.md".to_owned(),
                }],
                ..route("API Reference")
            },
        );
        raw.insert("/things".to_owned(), route("Things"));
        raw.insert("/nothing".to_owned(), route("Nothing"));
        raw.insert(
            "/things/more".to_owned(),
            RawRoute {
                resources: vec!["widget".to_owned()],
                ..route("More")
            },
        );
        let diags = attach(&mut api, raw);
        assert_eq!(api.route_docs.title.as_deref(), Some("API Reference"));
        assert_eq!(api.route_docs.pages.len(), 1);
        assert_eq!(api.route_docs.routes["/things"].title, "Things");
        let text = diags.to_string();
        assert!(!diags.has_errors(), "{text}");
        assert!(
            text.contains("routes.yaml (route `/nothing`): the description has no endpoint below this route"),
            "{text}"
        );
        assert!(
            text.contains("(route `/things/more`): the description has no endpoint below this route"),
            "{text}"
        );
        assert!(
            text.contains("the description documents no resource `widget`"),
            "{text}"
        );
        assert!(!text.contains("route `/things`)"), "{text}");
    }
}
