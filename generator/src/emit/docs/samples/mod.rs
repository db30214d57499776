//! Code samples in every language, from one language-neutral [`crate::model::Sample`].
//!
//! Each language has a module with `code` (the call) and `output` (what the call prints).
//! Only code text is made here; the Markdown around it (tabs, fences, headings) lives in the
//! templates.

mod csharp;
mod csharp_guide;
mod curl;
mod doc;
mod go;
mod go_guide;
pub mod http;
mod java;
mod javascript;
mod php;
mod prettier;
pub(crate) mod printer;
mod python;
mod ruby;
mod ruff;

pub use ruff::Literals as PythonLiterals;
mod seam_cli;
mod shell;
mod typed;
mod width;

use std::cell::OnceCell;

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

use crate::model::{Api, Endpoint, Response, Sample, TypeRef};
use crate::plan::{Anatomy, Profile};
use printer::Node;

/// The model's named types, by id.
pub type Types<'a> = std::collections::HashMap<&'a str, &'a crate::model::NamedType>;

/// A language a sample is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// JavaScript (`seam` npm package).
    JavaScript,
    /// cURL.
    Curl,
    /// Python.
    Python,
    /// Ruby.
    Ruby,
    /// PHP.
    Php,
    /// The Seam CLI.
    SeamCli,
    /// Go.
    Go,
    /// Java.
    Java,
    /// C#.
    CSharp,
    /// The Rust client of this project.
    Rust,
}

impl Lang {
    /// Every language, in the order of the endpoint pages' tabs, then the others.
    pub const ALL: [Lang; 10] = [
        Lang::JavaScript,
        Lang::Curl,
        Lang::Python,
        Lang::Ruby,
        Lang::Php,
        Lang::SeamCli,
        Lang::Rust,
        Lang::Go,
        Lang::Java,
        Lang::CSharp,
    ];

    /// The tabs of a page that reads as `anatomy`, in the pages' order: Seam's SDKs (but
    /// Go, Java and C#, which only the guides show) for a call of Seam's SDKs; for an HTTP
    /// operation, seven HTTP libraries' tabs in their place and no Seam CLI.
    pub fn page_tabs(anatomy: Anatomy) -> &'static [Lang] {
        match anatomy {
            Anatomy::SeamCall => &[
                Lang::JavaScript,
                Lang::Curl,
                Lang::Python,
                Lang::Ruby,
                Lang::Php,
                Lang::SeamCli,
                Lang::Rust,
            ],
            Anatomy::Operation => &[
                Lang::JavaScript,
                Lang::Curl,
                Lang::Python,
                Lang::Ruby,
                Lang::Php,
                Lang::Go,
                Lang::Java,
                Lang::CSharp,
                Lang::Rust,
            ],
        }
    }

    /// The key templates name the language by.
    pub fn key(self) -> &'static str {
        match self {
            Lang::JavaScript => "javascript",
            Lang::Curl => "curl",
            Lang::Python => "python",
            Lang::Ruby => "ruby",
            Lang::Php => "php",
            Lang::SeamCli => "seam_cli",
            Lang::Go => "go",
            Lang::Java => "java",
            Lang::CSharp => "csharp",
            Lang::Rust => "rust",
        }
    }

    /// The language of a key.
    pub fn from_key(key: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.key() == key)
    }

    /// How this language writes a one-line comment.
    pub fn comment(self) -> &'static str {
        match self {
            Lang::Curl | Lang::Python | Lang::Ruby | Lang::SeamCli => "#",
            _ => "//",
        }
    }
}

/// Which set of conventions to follow: the reference pages' or the guides'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The reference pages: SDK-style calls with trailing commas, typed outputs.
    Page,
    /// The guides: two-space indents without trailing commas, `curl -X`, JSON-ish outputs.
    Guide,
}

/// The call a sample makes.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    /// The API's base URL, e.g. `https://connect.getseam.com`.
    pub base_url: &'a str,
    /// The request path, e.g. `/acs/credentials/unassign`; only cURL calls it, the SDKs call
    /// [`Call::chain`].
    pub path: &'a str,
    /// The namespace the endpoint sits in, e.g. `["acs", "credentials"]` (see
    /// [`Endpoint::namespace`]).
    pub namespace: &'a [String],
    /// The method name inside the namespace, e.g. `unassign` (see [`Endpoint::method_name`]).
    pub method: &'a str,
    /// The parameters, in the order written.
    pub params: &'a Map<String, Value>,
}

impl<'a> Call<'a> {
    /// The call of `sample` of `endpoint` on `base_url`.
    pub fn of(base_url: &'a str, endpoint: &'a Endpoint, sample: &'a Sample) -> Self {
        Call {
            base_url,
            path: &endpoint.path,
            namespace: &endpoint.namespace,
            method: &endpoint.method_name,
            params: &sample.params,
        }
    }

    /// The segments every SDK's call chain is made of: the namespace, then the method name,
    /// e.g. `["acs", "credentials", "unassign"]`. The model names the root path `/` `root`, so
    /// that no language renders an empty call.
    pub fn chain(&self) -> Vec<&'a str> {
        self.namespace
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(self.method))
            .collect()
    }

    /// The chain's segments, each spelled by `case`, joined by `separator`:
    /// `acs.credentials.unassign`, `acs->credentials->unassign`, `Acs.Credentials.Unassign`.
    pub fn chain_joined(&self, case: impl Fn(&str) -> String, separator: &str) -> String {
        self.chain().into_iter().map(case).collect::<Vec<_>>().join(separator)
    }

    /// The parameters as an object node.
    pub fn params_node(&self, class: Option<String>) -> Node {
        Node::from_value(&Value::Object(self.params.clone())).with_class(class)
    }

    /// The request-type name the typed SDKs (Go, Java, C#) use: the chain after its first
    /// segment in PascalCase, plus `Request`; a chain of two segments keeps both.
    pub fn request_type(&self) -> String {
        let chain = self.chain();
        let skip = usize::from(chain.len() > 2);
        let name: String = chain[skip..].iter().map(|s| pascal(s)).collect();
        format!("{name}Request")
    }
}

/// A call of `path` with `params` on `https://h`, whose namespace and method are the path's
/// segments, as the model reads a path without SDK names; leaked, which a test can afford.
#[cfg(test)]
pub(crate) fn test_call(path: &'static str, params: Value) -> Call<'static> {
    let mut segments: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let method = segments.pop().unwrap_or_else(|| "root".to_owned());
    let Value::Object(params) = params else {
        panic!("a call's parameters are an object");
    };
    Call {
        base_url: "https://h",
        path,
        namespace: segments.leak(),
        method: method.leak(),
        params: Box::leak(Box::new(params)),
    }
}

/// The response a sample shows.
#[derive(Debug, Clone)]
pub struct Shown<'a> {
    /// The response body's key that holds the result, e.g. `acs_credential`.
    pub key: &'a str,
    /// The whole response body, as the sample wrote it.
    pub body: &'a Value,
    /// The result's type.
    pub ty: &'a TypeRef,
    /// `Some((n, note))` to show only the first `n` fields of each resource, then `note`.
    pub elide: Option<(usize, &'a str)>,
    /// The result as prettier prints JSON, made once: the cURL tab and every HTTP-library tab
    /// of a page outside Seam's dialect show the same answer, and a large one takes long.
    json: OnceCell<String>,
}

impl<'a> Shown<'a> {
    /// The whole of `body`, whose `key` holds a result of type `ty`.
    pub fn new(key: &'a str, body: &'a Value, ty: &'a TypeRef) -> Self {
        Shown {
            key,
            body,
            ty,
            elide: None,
            json: OnceCell::new(),
        }
    }

    /// The response of `sample` of `endpoint`, if the endpoint returns a value and the sample
    /// shows a body holding it.
    pub fn of(endpoint: &'a Endpoint, sample: &'a Sample) -> Option<Shown<'a>> {
        match (&endpoint.response, &sample.response) {
            (Response::Value { key, ty }, Some(body)) if body.get(key).is_some() => Some(Shown::new(key, body, ty)),
            (Response::Body { ty, .. }, Some(body)) => Some(Shown::new("", body, ty)),
            _ => None,
        }
    }

    /// The result as `prettier --parser json` prints it.
    pub fn resource_json(&self) -> &str {
        self.json.get_or_init(|| prettier::json(self.resource()))
    }

    /// The result: `body[key]`.
    pub fn resource(&self) -> &'a Value {
        // The empty key stands for the whole body.
        if self.key.is_empty() {
            return self.body;
        }
        self.body.get(self.key).unwrap_or(&Value::Null)
    }

    /// The result as a node; each resource gets `class` of its type when `classes` is set, and
    /// is elided as asked.
    pub fn resource_node(&self, classes: bool) -> Node {
        let class = classes.then(|| self.class_name()).flatten();
        let node = Node::from_value(self.resource());
        let shape = |n: Node| {
            let n = n.with_class(class.clone());
            match self.elide {
                Some((keep, note)) => n.elide(keep, note),
                None => n,
            }
        };
        match node {
            Node::Array(items) if matches!(self.ty, TypeRef::Array { .. }) => {
                Node::Array(items.into_iter().map(shape).collect())
            }
            other => shape(other),
        }
    }

    /// The whole body as a node, the result elided as asked; with `ok: true` added when
    /// `with_ok` (what the HTTP response holds).
    pub fn body_node(&self, with_ok: bool) -> Node {
        let mut entries: Vec<(String, Node)> = match self.body {
            Value::Object(map) => map
                .iter()
                .map(|(k, v)| {
                    let node = if k == self.key {
                        self.resource_node(false)
                    } else {
                        Node::from_value(v)
                    };
                    (k.clone(), node)
                })
                .collect(),
            _ => Vec::new(),
        };
        if with_ok && !entries.iter().any(|(k, _)| k == "ok") {
            entries.push(("ok".to_owned(), Node::Scalar(Value::Bool(true))));
        }
        Node::Object {
            class: None,
            entries,
            elided: None,
        }
    }

    /// The resource type the live reference names the result by: the component schema it
    /// refers to (`acs_user`), or `unknown` for an inline one.
    pub fn resource_type(&self, types: &Types) -> &'a str {
        let id = match self.ty {
            TypeRef::Named { id } => Some(id),
            TypeRef::Array { items, .. } => match items.as_ref() {
                TypeRef::Named { id } => Some(id),
                _ => None,
            },
            _ => None,
        };
        id.filter(|id| types.get(id.as_str()).is_some_and(|t| t.component))
            .map_or("unknown", String::as_str)
    }

    /// The class name of one resource, e.g. `AcsCredential`, when its type is named.
    pub fn class_name(&self) -> Option<String> {
        match self.ty {
            TypeRef::Named { id } => Some(pascal(id)),
            TypeRef::Array { items, .. } => match items.as_ref() {
                TypeRef::Named { id } => Some(pascal(id)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Everything one tab needs: the call and what it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The code, without a trailing newline.
    pub code: String,
    /// The output, without a trailing newline.
    pub output: String,
}

/// Renders samples; holds what the Rust tab needs from the whole API.
pub struct Renderer<'a> {
    api: &'a Api,
    profile: Profile,
    types: Types<'a>,
    /// Built on the first Rust tab: it analyses the whole API, which guides showing other
    /// languages never need.
    rust_calls: std::cell::OnceCell<crate::plan::RustSamples<'a>>,
    python_literals: PythonLiterals,
}

impl<'a> Renderer<'a> {
    /// A renderer for the samples of `api`.
    pub fn new(api: &'a Api) -> Self {
        Renderer {
            api,
            profile: Profile::of(api),
            types: api.types.iter().map(|t| (t.id.as_str(), t)).collect(),
            rust_calls: std::cell::OnceCell::new(),
            python_literals: PythonLiterals::default(),
        }
    }

    /// Whom the pages are laid out for.
    pub fn profile(&self) -> Profile {
        self.profile
    }

    /// The same renderer, spelling Python's `True`, `False` and `None` as `literals` says.
    pub fn with_python_literals(self, literals: PythonLiterals) -> Self {
        Renderer {
            python_literals: literals,
            ..self
        }
    }

    /// The call of `sample` of `endpoint` in `lang`, and its output: `shown`, the response
    /// the tab shows (usually the sample's own, see [`Shown::of`]).
    pub fn render(
        &self,
        lang: Lang,
        style: Style,
        endpoint: &Endpoint,
        sample: &Sample,
        shown: Option<&Shown>,
    ) -> Rendered {
        let call = Call::of(&self.api.base_url, endpoint, sample);
        let operation = self.profile.anatomy(endpoint) == Anatomy::Operation;
        if let Some(client) = http_client(lang).filter(|_| operation) {
            let request = http::HttpRequest::of(self.api, &self.api.base_url, endpoint, &sample.params);
            return Rendered {
                code: client.code(&request).trim_end().to_owned(),
                output: curl::output(shown, style).trim_end().to_owned(),
            };
        }
        let (code, output) = match lang {
            Lang::JavaScript => (javascript::code(&call, style), javascript::output(shown, style)),
            Lang::Curl if self.profile.anatomy(endpoint) == Anatomy::Operation => (
                curl::described_request(self.api, endpoint, &sample.params),
                curl::output(shown, style),
            ),
            Lang::Curl => (curl::code(&call, style), curl::output(shown, style)),
            Lang::Python => (
                python::code(&call, style, self.python_literals),
                python::output(shown, style, &self.types, self.python_literals),
            ),
            Lang::Ruby => (ruby::code(&call), ruby::output(shown)),
            Lang::Php => (php::code(&call, style), php::output(shown, style)),
            Lang::SeamCli => (seam_cli::code(&call), json_output(shown)),
            Lang::Go if style == Style::Guide => (go_guide::code(&call, shown), go_guide::output(shown, style)),
            Lang::Go => (
                go::code(&call),
                go::output(shown, &pascal(shown.map_or("", |s| s.resource_type(&self.types)))),
            ),
            Lang::Java => (java::code(&call), json_output(shown)),
            Lang::CSharp if style == Style::Guide => (csharp_guide::code(&call), csharp_guide::output(shown)),
            Lang::CSharp => (csharp::code(&call), json_output(shown)),
            Lang::Rust => (
                self.rust_calls
                    .get_or_init(|| crate::plan::RustSamples::new(self.api))
                    .call(endpoint, sample),
                self.rust_calls
                    .get_or_init(|| crate::plan::RustSamples::new(self.api))
                    .output(endpoint, shown.map(|s| s.resource())),
            ),
        };
        Rendered {
            code: code.trim_end().to_owned(),
            output: output.trim_end().to_owned(),
        }
    }
}

/// The HTTP library that `lang`'s tab calls an endpoint outside Seam's dialect with; none for
/// cURL, the Seam CLI and the Rust client.
pub fn http_client(lang: Lang) -> Option<http::Client> {
    match lang {
        Lang::JavaScript => Some(http::Client::JavaScriptFetch),
        Lang::Python => Some(http::Client::PythonRequests),
        Lang::Ruby => Some(http::Client::RubyNetHttp),
        Lang::Php => Some(http::Client::PhpGuzzle),
        Lang::Go => Some(http::Client::GoNative),
        Lang::Java => Some(http::Client::JavaNetHttp),
        Lang::CSharp => Some(http::Client::CSharpHttpClient),
        Lang::Curl | Lang::SeamCli | Lang::Rust => None,
    }
}

/// What the call returns as prettier prints it as JSON, `{}` when nothing: the output of the
/// tabs that show the returned resource itself (the Seam CLI, Java, C#).
fn json_output(shown: Option<&Shown>) -> String {
    match shown {
        None => "{}".to_owned(),
        Some(shown) => prettier::json(shown.resource()),
    }
}

/// `items` separated by `, `.
pub(crate) fn comma_separated(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// `snake_case` → `PascalCase`.
pub(crate) fn pascal(s: &str) -> String {
    s.to_upper_camel_case()
}

/// Whether `s` is an ASCII identifier (`[A-Za-z_][A-Za-z0-9_]*`).
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_chain_is_the_namespace_then_the_method_whatever_the_path() {
        let namespace = ["acs".to_owned(), "credential_pools".to_owned()];
        let call = Call {
            namespace: &namespace,
            method: "list_all",
            ..test_call("/acs/credentials/pools", json!({}))
        };
        assert_eq!(call.chain(), ["acs", "credential_pools", "list_all"]);
        assert_eq!(call.chain_joined(pascal, "."), "Acs.CredentialPools.ListAll");
        assert_eq!(call.request_type(), "CredentialPoolsListAllRequest");
    }

    #[test]
    fn the_root_path_calls_root() {
        let call = test_call("/", json!({}));
        assert_eq!(call.chain(), ["root"]);
        assert_eq!(call.request_type(), "RootRequest");
    }
}
