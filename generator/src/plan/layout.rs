//! Where every endpoint sits in the crate: module, namespace struct, method and request
//! builder names, and the setters of each builder. The endpoint emitter and the samples both
//! read this, so a sample always calls the method the crate has.

use std::collections::HashMap;

use super::names::{self, Namer};
use crate::model::{Api, Endpoint};

/// Names reserved in the crate root, where the root namespace's builders go.
const ROOT_TYPES: &[&str] = &[
    "Seam",
    "SeamBuilder",
    "Error",
    "ApiError",
    "DecodeError",
    "Pages",
    "Response",
    "ActionAttemptError",
    "WaitForActionAttempt",
    "types",
    "runtime",
];
/// Methods `Seam` already has.
const SEAM_METHODS: &[&str] = &["new", "from_env", "builder", "base_url", "clone", "fmt"];
/// Methods every request builder already has.
const BUILDER_METHODS: &[&str] = &["pages", "wait_for_action_attempt", "into_future", "clone", "fmt"];

/// The names of the namespaces and endpoints.
#[derive(Debug, Default)]
pub struct Layout {
    /// Namespace path → its module's identifier (the last segment).
    pub module: HashMap<Vec<String>, String>,
    /// Namespace path → its struct's name.
    pub struct_name: HashMap<Vec<String>, String>,
    /// Namespace path → the accessor method in its parent's struct (or on `Seam`).
    pub accessor: HashMap<Vec<String>, String>,
    /// Endpoint index → method name.
    pub method: Vec<String>,
    /// Endpoint index → request builder name.
    pub builder: Vec<String>,
}

impl Layout {
    /// Names everything in `api`.
    pub fn new(api: &Api) -> Self {
        let mut layout = Layout {
            method: vec![String::new(); api.endpoints.len()],
            builder: vec![String::new(); api.endpoints.len()],
            ..Layout::default()
        };
        for ns in &api.namespaces {
            let root = ns.path.is_empty();
            let mut types = if root {
                Namer::with_reserved(ROOT_TYPES)
            } else {
                Namer::default()
            };
            let mut methods = if root {
                Namer::with_reserved(SEAM_METHODS)
            } else {
                Namer::default()
            };
            let mut modules = Namer::with_reserved(&["types", "runtime"]);
            if !root {
                let last = ns.path.last().map(String::as_str).unwrap_or_default();
                let name = types.unique(names::pascal(last));
                layout.struct_name.insert(ns.path.clone(), name);
            }
            for child in &ns.children {
                let mut path = ns.path.clone();
                path.push(child.clone());
                layout.module.insert(path.clone(), modules.unique(names::snake(child)));
                layout.accessor.insert(path, methods.unique(names::snake(child)));
            }
            for &index in &ns.endpoints {
                let e = &api.endpoints[index];
                layout.method[index] = methods.unique(names::snake(&e.method_name));
                let stem = names::pascal(&e.method_name);
                layout.builder[index] = types.unique(format!("{}Request", names::bare(&stem).trim_end_matches('_')));
            }
        }
        layout
    }

    /// The endpoint's index in the model.
    pub fn index_of(api: &Api, endpoint: &Endpoint) -> Option<usize> {
        api.endpoints.iter().position(|e| e.path == endpoint.path)
    }

    /// The call up to the method, e.g. `seam.acs().credentials().unassign()`.
    pub fn call(&self, api: &Api, index: usize) -> String {
        let e = &api.endpoints[index];
        let mut text = String::from("seam");
        for depth in 1..=e.namespace.len() {
            let path = e.namespace[..depth].to_vec();
            let accessor = self
                .accessor
                .get(&path)
                .cloned()
                .unwrap_or_else(|| names::snake(&path[depth - 1]));
            text.push('.');
            text.push_str(&accessor);
            text.push_str("()");
        }
        text.push('.');
        text.push_str(&self.method[index]);
        text.push_str("()");
        text
    }
}

/// A parameter's setter(s).
pub struct Setter {
    /// The setter's name.
    pub ident: String,
    /// The name of the setter that sends `null`, for nullable parameters.
    pub null_ident: Option<String>,
}

/// The setters of an endpoint's request builder, one per parameter, in parameter order.
pub fn setters(endpoint: &Endpoint) -> Vec<Setter> {
    let mut namer = Namer::with_reserved(BUILDER_METHODS);
    let mut out: Vec<Setter> = endpoint
        .params
        .iter()
        .map(|p| Setter {
            ident: namer.unique(names::snake(&p.name)),
            null_ident: None,
        })
        .collect();
    for (setter, p) in out.iter_mut().zip(&endpoint.params) {
        if p.nullable {
            setter.null_ident = Some(namer.unique(format!("{}_null", names::bare(&setter.ident))));
        }
    }
    out
}
