//! Where each call sits in the client and how it is named: Seam's SDK names, else tags and
//! `operationId`s, else the path's words; and the clashes between names.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;
use openapiv3::Operation;

use super::{Endpoint, Namespace};
use crate::diagnostics::{pointer_token, Diagnostics, Location};

/// Where the call sits in the client: Seam's `x-fern-sdk-group-name` and
/// `x-fern-sdk-method-name`; else the operation's first tag and its `operationId`
/// (snake_cased); else the path's leading segments and its last one.
/// The third value says whether a tag or an `operationId` named it (not Seam's rules).
pub(super) fn call_names(op: &Operation, segments: &[&str]) -> (Vec<String>, String, bool) {
    let leading = || -> Vec<String> {
        segments
            .iter()
            .take(segments.len().saturating_sub(1))
            .map(|s| (*s).to_owned())
            .collect()
    };
    let mut generic = false;
    let namespace = match op.extensions.get("x-fern-sdk-group-name") {
        Some(serde_json::Value::Array(groups)) => groups.iter().filter_map(|g| g.as_str()).map(str::to_owned).collect(),
        _ => match op.tags.first() {
            Some(tag) => {
                generic = true;
                vec![tag.to_snake_case()]
            }
            None => leading(),
        },
    };
    let method_name = match op.extensions.get("x-fern-sdk-method-name").and_then(|v| v.as_str()) {
        Some(name) => name.to_owned(),
        None => match &op.operation_id {
            Some(id) => {
                generic = true;
                id.to_snake_case()
            }
            None => segments
                .last()
                .map(|s| (*s).to_owned())
                .unwrap_or_else(|| "root".to_owned()),
        },
    };
    (namespace, method_name, generic)
}

/// The id stem for an endpoint's inline types, e.g. `acs_credentials_unassign`.
pub(super) fn call_hint(namespace: &[String], method: &str) -> String {
    let mut parts: Vec<String> = namespace.iter().map(|s| s.to_snake_case()).collect();
    parts.push(method.to_snake_case());
    parts.join("_")
}

/// Calls named after their path's last word that would share a name (`GET /reports/tags/{id}`
/// and `GET /reports/sites/{id}`, both `reports.by_id`) are named by their long names instead
/// (`get_reports_tags_by_id`, `get_reports_sites_by_id`), so a fallback never refuses a
/// description. `long_names[i]` is the long name of `endpoints[i]`, `None` for a call the
/// description names.
pub(super) fn lengthen_clashing_path_names(endpoints: &mut [Endpoint], long_names: &[Option<String>]) {
    let call = |e: &Endpoint| fold_call(&e.call_segments());
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for e in endpoints.iter() {
        *count.entry(call(e)).or_default() += 1;
    }
    for (e, long) in endpoints.iter_mut().zip(long_names) {
        if let Some(long) = long.as_ref().filter(|_| count[&call(e)] > 1) {
            e.method_name = long.clone();
        }
    }
}

/// A call outside Seam's dialect whose name repeats its namespace's
/// (`reactions.reactions_create_for_issue`, from an `operationId` that starts with its tag)
/// drops the repetition (`reactions.create_for_issue`), unless that would name it like
/// another call or a namespace beside it.
pub(super) fn drop_repeated_namespace(endpoints: &mut [Endpoint]) {
    let shortened: Vec<Option<String>> = endpoints
        .iter()
        .map(|e| {
            let last = e.namespace.last()?.to_snake_case();
            let rest = e.method_name.strip_prefix(&last)?.strip_prefix('_')?;
            (!e.seam_dialect && rest.starts_with(|c: char| c.is_ascii_alphabetic())).then(|| rest.to_owned())
        })
        .collect();
    // How many calls each (namespace, name) would have, every shortening made; and every
    // namespace a call sits in or below.
    let mut named: BTreeMap<(&[String], String), usize> = BTreeMap::new();
    for (e, short) in endpoints.iter().zip(&shortened) {
        let name = short.as_deref().unwrap_or(&e.method_name).to_snake_case();
        *named.entry((e.namespace.as_slice(), name)).or_default() += 1;
    }
    let namespaces: BTreeSet<&[String]> = endpoints
        .iter()
        .flat_map(|e| (1..=e.namespace.len()).map(|depth| &e.namespace[..depth]))
        .collect();
    let keep: Vec<bool> = endpoints
        .iter()
        .zip(&shortened)
        .map(|(e, short)| {
            short.as_deref().is_some_and(|name| {
                let mut full = e.namespace.clone();
                full.push(name.to_owned());
                named[&(e.namespace.as_slice(), name.to_snake_case())] == 1 && !namespaces.contains(full.as_slice())
            })
        })
        .collect();
    for ((e, short), keep) in endpoints.iter_mut().zip(shortened).zip(keep) {
        if let (Some(short), true) = (short, keep) {
            e.method_name = short;
        }
    }
}

/// Two endpoints must not share a client method or a page, and a method must not share its
/// name with a namespace beside it.
/// Outside Seam's profile a method named like a namespace beside it (`tyk.apis` for
/// `/tyk/apis/` beside `tyk.apis.by_id` for `/tyk/apis/{id}`), which a user of someone else's
/// description cannot rename, takes its HTTP method's name in front (`tyk.get_apis`; then
/// `tyk.get_apis_2`, … while that is taken too), with a warning.
pub(super) fn rename_methods_named_like_namespaces(file: &str, endpoints: &mut [Endpoint], diags: &mut Diagnostics) {
    let mut namespaces: BTreeSet<String> = BTreeSet::new();
    for e in endpoints.iter() {
        for depth in 1..=e.namespace.len() {
            namespaces.insert(fold_call(
                &e.namespace[..depth].iter().map(String::as_str).collect::<Vec<_>>(),
            ));
        }
    }
    let mut taken: BTreeSet<String> = endpoints.iter().map(|e| fold_call(&e.call_segments())).collect();
    for e in endpoints.iter_mut() {
        let call = fold_call(&e.call_segments());
        if !namespaces.contains(&call) {
            continue;
        }
        let base = format!(
            "{}_{}",
            e.http_method.as_str().to_lowercase(),
            e.method_name.to_snake_case()
        );
        let mut name = base.clone();
        let mut n = 2;
        let folded = |name: &str, e: &Endpoint| {
            let mut segments: Vec<&str> = e.namespace.iter().map(String::as_str).collect();
            segments.push(name);
            fold_call(&segments)
        };
        while taken.contains(&folded(&name, e)) || namespaces.contains(&folded(&name, e)) {
            name = format!("{base}_{n}");
            n += 1;
        }
        let before = e.call_segments().join(".");
        e.method_name = name;
        taken.insert(fold_call(&e.call_segments()));
        diags.warning(
            Location::Pointer {
                file: file.to_owned(),
                pointer: format!("/paths/{}", pointer_token(&e.path)),
            },
            format!(
                "the client method `{before}` has the name of a namespace; it is `{}`",
                e.call_segments().join(".")
            ),
        );
    }
}

pub(super) fn check_name_clashes(file: &str, endpoints: &[Endpoint], diags: &mut Diagnostics) {
    let mut calls: BTreeMap<String, String> = BTreeMap::new();
    let mut pages: BTreeMap<String, String> = BTreeMap::new();
    let mut namespaces: BTreeSet<String> = BTreeSet::new();
    for e in endpoints {
        for depth in 1..=e.namespace.len() {
            namespaces.insert(fold_call(
                &e.namespace[..depth].iter().map(String::as_str).collect::<Vec<_>>(),
            ));
        }
    }
    for e in endpoints {
        let at = Location::Pointer {
            file: file.to_owned(),
            pointer: format!("/paths/{}", pointer_token(&e.path)),
        };
        // A path of several calls names each by its method too.
        let label = if e.seam_dialect {
            e.path.clone()
        } else {
            format!("{} {}", e.http_method.as_str(), e.path)
        };
        let call = fold_call(&e.call_segments());
        if let Some(other) = calls.insert(call.clone(), label.clone()) {
            diags.error(
                at.clone(),
                format!(
                    "`{}` and `{other}` would both become the client method `{}`; give one another `x-fern-sdk-method-name` or `x-fern-sdk-group-name`",
                    label,
                    e.call_segments().join(".")
                ),
            );
        }
        if namespaces.contains(&call) {
            diags.error(
                at.clone(),
                format!(
                    "the client method `{}` of `{}` has the name of a namespace; rename the method with `x-fern-sdk-method-name`",
                    e.call_segments().join("."),
                    label
                ),
            );
        }
        let page = e
            .page_segments()
            .iter()
            .map(|s| s.to_lowercase())
            .collect::<Vec<_>>()
            .join("/");
        if let Some(other) = pages.insert(page.clone(), label.clone()) {
            diags.error(
                at,
                format!("`{label}` and `{other}` would both become the page `{page}.md`"),
            );
        }
    }
}

/// A documented endpoint whose page would be named by something that cannot name a file or
/// folder (`..`, a device name, a character Windows forbids) gets a usable name instead, with
/// a warning that says which.
pub(super) fn warn_unusable_page_names(file: &str, endpoints: &[Endpoint], diags: &mut Diagnostics) {
    for e in endpoints.iter().filter(|e| e.is_documented()) {
        let names = e.page_names();
        let segments = e.page_segments();
        if names.iter().zip(&segments).all(|(name, segment)| name == segment) {
            continue;
        }
        let from = if e.seam_dialect {
            "its path"
        } else {
            "its namespace and method name"
        };
        diags.warning(
            Location::Pointer {
                file: file.to_owned(),
                pointer: format!("/paths/{}", pointer_token(&e.path)),
            },
            format!(
                "the page of `{}` cannot be named `{}.md` after {from}, which could lead out of the output folder or cannot be a file name everywhere; it is `{}.md`",
                e.path.escape_debug(),
                names.join("/").escape_debug(),
                segments.join("/"),
            ),
        );
    }
}

pub(super) fn fold_call(segments: &[&str]) -> String {
    segments.iter().map(|s| s.to_snake_case()).collect::<Vec<_>>().join(".")
}

/// Every namespace that holds an endpoint, and every ancestor of one.
pub(super) fn namespaces(endpoints: &[Endpoint]) -> Vec<Namespace> {
    let mut map: BTreeMap<Vec<String>, (Vec<usize>, BTreeSet<String>)> = BTreeMap::new();
    for (index, e) in endpoints.iter().enumerate() {
        map.entry(e.namespace.clone()).or_default().0.push(index);
        for depth in 0..e.namespace.len() {
            let parent = e.namespace[..depth].to_vec();
            map.entry(parent).or_default().1.insert(e.namespace[depth].clone());
        }
    }
    map.into_iter()
        .map(|(path, (mut eps, children))| {
            eps.sort_by(|a, b| endpoints[*a].method_name.cmp(&endpoints[*b].method_name));
            Namespace {
                path,
                endpoints: eps,
                children: children.into_iter().collect(),
            }
        })
        .collect()
}
