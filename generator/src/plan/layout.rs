//! Where every endpoint sits in the crate: module, namespace struct, method and request
//! builder names, and the setters of each builder. The endpoint emitter and the samples both
//! read this, so a sample always calls the method the crate has.

use std::collections::HashMap;
use std::ops::Index;

use super::client::{ClientNames, RUNTIME_EXPORTS};
use super::names::{self, Namer};
use crate::model::{Api, Endpoint, HttpMethod, Namespace};

/// Methods `Seam` already has.
const SEAM_METHODS: &[&str] = &["new", "from_env", "builder", "base_url", "clone", "fmt"];
/// Methods every request builder already has.
const BUILDER_METHODS: &[&str] = &["pages", "wait_for_action_attempt", "into_future", "clone", "fmt"];

/// An endpoint's position in [`Api::endpoints`]: how the plan names an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EndpointId(pub usize);

impl EndpointId {
    /// The endpoint in `api`.
    pub fn of(self, api: &Api) -> &Endpoint {
        &api.endpoints[self.0]
    }
}

/// The names of one endpoint in the crate.
#[derive(Debug, Clone, Default)]
pub struct EndpointNames {
    /// The method that starts the call.
    pub method: String,
    /// The request builder.
    pub builder: String,
    /// The builder's setters, one per parameter, in parameter order.
    pub setters: Vec<Setter>,
}

/// The names of the namespaces and endpoints.
#[derive(Debug, Default)]
pub struct Layout {
    /// The crate's and the client's names.
    pub client: ClientNames,
    /// Namespace path → its module's identifier (the last segment).
    pub module: HashMap<Vec<String>, String>,
    /// Namespace path → its struct's name.
    pub struct_name: HashMap<Vec<String>, String>,
    /// Namespace path → the accessor method in its parent's struct (or on `Seam`).
    pub accessor: HashMap<Vec<String>, String>,
    /// The names of each endpoint, by [`EndpointId`].
    endpoints: Vec<EndpointNames>,
    /// Endpoint path and method → its id (a path may have several calls).
    ids: HashMap<(String, HttpMethod), EndpointId>,
}

impl Index<EndpointId> for Layout {
    type Output = EndpointNames;

    fn index(&self, id: EndpointId) -> &EndpointNames {
        &self.endpoints[id.0]
    }
}

impl Layout {
    /// Names everything in `api`.
    pub fn new(api: &Api) -> Self {
        let mut layout = Layout {
            client: ClientNames::of(api),
            endpoints: api
                .endpoints
                .iter()
                .map(|e| EndpointNames {
                    setters: setters(e),
                    ..EndpointNames::default()
                })
                .collect(),
            ..Layout::default()
        };
        for (index, e) in api.endpoints.iter().enumerate() {
            layout
                .ids
                .entry((e.path.clone(), e.http_method))
                .or_insert(EndpointId(index));
        }
        for ns in &api.namespaces {
            layout.name_namespace(api, ns);
        }
        layout
    }

    /// Names a namespace's struct, its children's modules and accessors, and the methods and
    /// builders of its endpoints.
    fn name_namespace(&mut self, api: &Api, ns: &Namespace) {
        let root = ns.path.is_empty();
        let mut types = if root {
            // The crate root, where the root namespace's builders go, holds the runtime's
            // exports, the client and its builder, and the `types` and `runtime` modules.
            let mut namer = Namer::with_reserved(RUNTIME_EXPORTS);
            for name in [
                self.client.client.as_str(),
                self.client.builder.as_str(),
                "types",
                "runtime",
            ] {
                namer.reserve(name);
            }
            namer
        } else {
            Namer::default()
        };
        let mut methods = if root {
            Namer::with_reserved(SEAM_METHODS)
        } else {
            Namer::default()
        };
        // A top-level module is the file `src/<module>.rs`: never the crate root's `lib.rs`,
        // nor a name Windows reserves for a device (`con.rs` cannot be created there).
        let mut modules = Namer::with_reserved(&["types", "runtime", "lib"]);
        for device in crate::output_path::DEVICE_NAMES {
            modules.reserve(device);
        }
        if !root {
            let last = ns.path.last().map(String::as_str).unwrap_or_default();
            let name = types.unique(names::pascal(last));
            self.struct_name.insert(ns.path.clone(), name);
        }
        for child in &ns.children {
            let mut path = ns.path.clone();
            path.push(child.clone());
            self.module.insert(path.clone(), modules.unique(names::snake(child)));
            self.accessor.insert(path, methods.unique(names::snake(child)));
        }
        for &index in &ns.endpoints {
            let e = &api.endpoints[index];
            let entry = &mut self.endpoints[index];
            entry.method = methods.unique(names::snake(&e.method_name));
            let stem = names::pascal(&e.method_name);
            entry.builder = types.unique(format!("{}Request", names::bare(&stem).trim_end_matches('_')));
        }
    }

    /// The id of the endpoint of the model with `endpoint`'s path and method.
    pub fn id_of(&self, endpoint: &Endpoint) -> Option<EndpointId> {
        self.ids.get(&(endpoint.path.clone(), endpoint.http_method)).copied()
    }

    /// The call up to the method, e.g. `seam.acs().credentials().unassign()`.
    pub fn call(&self, api: &Api, id: EndpointId) -> String {
        let e = id.of(api);
        let mut text = self.client.variable.clone();
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
        text.push_str(&self[id].method);
        text.push_str("()");
        text
    }
}

/// A parameter's setter(s).
#[derive(Debug, Clone, Default)]
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
            // A keyword's setter (`crate_`) must not give `crate__null`.
            let stem = names::bare(&setter.ident).trim_end_matches('_');
            setter.null_ident = Some(namer.unique(format!("{stem}_null")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;
    use super::*;
    use crate::model::{Namespace, Property};

    /// `seam.health()` at the root (a method `Seam` has is renamed), and
    /// `seam.acs().users().list()` two levels down.
    fn layered() -> Api {
        let mut api = api(
            Vec::new(),
            vec![
                endpoint("/new", Vec::new(), Some(TypeRef::Boolean)),
                endpoint(
                    "/acs/users/list",
                    vec![
                        field("user_id", string()),
                        field("pages", string()),
                        Property {
                            nullable: true,
                            ..optional("limit", TypeRef::Integer)
                        },
                        optional("limit_null", string()),
                        Property {
                            nullable: true,
                            ..optional("crate", string())
                        },
                    ],
                    None,
                ),
            ],
        );
        let namespace = |path: &[&str], endpoints: Vec<usize>, children: &[&str]| Namespace {
            path: path.iter().map(|s| (*s).to_owned()).collect(),
            endpoints,
            children: children.iter().map(|s| (*s).to_owned()).collect(),
        };
        api.namespaces = vec![
            namespace(&[], vec![0], &["acs"]),
            namespace(&["acs"], Vec::new(), &["users"]),
            namespace(&["acs", "users"], vec![1], &[]),
        ];
        api
    }

    use crate::model::TypeRef;

    #[test]
    fn endpoints_are_named_once_and_found_by_id() {
        let api = layered();
        let layout = Layout::new(&api);
        let root = EndpointId(0);
        let list = layout.id_of(&api.endpoints[1]).expect("an endpoint of the api");
        assert_eq!(list, EndpointId(1));
        assert_eq!(list.of(&api).path, "/acs/users/list");
        assert_eq!(
            (layout[root].method.as_str(), layout[root].builder.as_str()),
            ("new_2", "NewRequest")
        );
        assert_eq!(layout[list].method, "list");
        assert_eq!(layout.call(&api, root), "seam.new_2()");
        assert_eq!(layout.call(&api, list), "seam.acs().users().list()");
        assert_eq!(layout.id_of(&endpoint("/elsewhere", Vec::new(), None)), None);
    }

    #[test]
    fn the_layout_keeps_each_builders_setters() {
        let api = layered();
        let layout = Layout::new(&api);
        let setters: Vec<(&str, Option<&str>)> = layout[EndpointId(1)]
            .setters
            .iter()
            .map(|s| (s.ident.as_str(), s.null_ident.as_deref()))
            .collect();
        // `pages` is a builder method; `limit_null` is taken before `limit`'s null setter.
        assert_eq!(
            setters,
            [
                ("user_id", None),
                ("pages_2", None),
                ("limit", Some("limit_null_2")),
                ("limit_null", None),
                // A keyword's null setter is `crate_null`, not `crate__null`.
                ("crate_", Some("crate_null"))
            ]
        );
        let again: Vec<String> = super::setters(&api.endpoints[1]).into_iter().map(|s| s.ident).collect();
        assert_eq!(again, ["user_id", "pages_2", "limit", "limit_null", "crate_"]);
    }
}
