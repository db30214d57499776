//! The Rust client crate, under `client/` of the output folder.
//!
//! The crate is the generated part (types, namespaces, request builders, tests of the samples)
//! around a small hand-written runtime (`templates/client/runtime.rs`: configuration, HTTP,
//! errors, pagination, and the macros behind the types' serde support), copied in as it is.
//!
//! Layout of the generated crate:
//! - `Cargo.toml`: one feature per top-level namespace, all on by default;
//! - `src/lib.rs`: crate docs, re-exports, the namespace accessors on `Seam`;
//! - `src/runtime.rs`: the runtime;
//! - `src/types.rs`: one type per named type of the model, gated by the features that reach it;
//! - `src/<namespace>.rs`: one file per top-level namespace, nested namespaces as inline modules;
//! - `tests/samples.rs`: every sample called against a mock server.

mod endpoints;
mod rust;
mod tests;
mod types;

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostics::{Diagnostics, Location};
use crate::fileset::FileSet;
use crate::model::{Api, KeyPlace, Namespace, SchemeKind};
use crate::plan::{ident, Layout, TypeSpace};
use rust::{format_file, HEADER};

/// The runtime, copied into every generated crate.
const RUNTIME: &str = include_str!("../../../../templates/client/runtime.rs");

/// Adds the client crate's files to `files`.
pub fn emit(api: &Api, files: &mut FileSet) -> Diagnostics {
    let ctx = TypeSpace::new(api);
    let layout = Layout::new(api);
    let mut diags = Diagnostics::new();
    let mut fail = |what: &str, message: String| {
        diags.error(
            Location::Template {
                name: format!("client/{what}"),
                line: None,
            },
            message,
        )
    };
    files.insert("client/Cargo.toml", cargo_toml(&ctx));
    files.insert("client/src/runtime.rs", format!("{HEADER}{}", runtime(api)));
    match lib_rs(&ctx, &layout) {
        Ok(text) => files.insert("client/src/lib.rs", text),
        Err(e) => fail("src/lib.rs", e),
    }
    match types::emit(&ctx) {
        Ok(text) => files.insert("client/src/types.rs", text),
        Err(e) => fail("src/types.rs", e),
    }
    for child in top_level(api) {
        let path = vec![child.clone()];
        let Some(ns) = api.namespaces.iter().find(|n| n.path == path) else {
            continue;
        };
        let file = format!("src/{}.rs", crate::plan::names::bare(&layout.module[&path]));
        let items = endpoints::namespace_items(&ctx, &layout, ns);
        match format_file(items, &file) {
            Ok(text) => files.insert(format!("client/{file}"), text),
            Err(e) => fail(&file, e),
        }
    }
    match tests::emit(&ctx, &layout) {
        Ok(text) => files.insert("client/tests/samples.rs", text),
        Err(e) => fail("tests/samples.rs", e),
    }
    diags
}

/// The line of the runtime that says which profile the client follows.
const SEAM_PROFILE_LINE: &str = "const SEAM_PROFILE: bool = true;";

/// The runtime, set to the API's profile.
fn runtime(api: &Api) -> String {
    match api.seam_profile {
        true => RUNTIME.to_owned(),
        false => RUNTIME.replacen(SEAM_PROFILE_LINE, "const SEAM_PROFILE: bool = false;", 1),
    }
}

/// The builder's setter of each security scheme's credential, outside Seam's profile.
fn credential_setters(api: &Api) -> TokenStream {
    let setters = crate::plan::credential_setters(api);
    if setters.is_empty() {
        return TokenStream::new();
    }
    let methods = setters.iter().map(|setter| {
        let scheme = setter.scheme;
        let name = &scheme.name;
        let how = match &scheme.kind {
            SchemeKind::Bearer => "a token, sent as `Authorization: Bearer …`".to_owned(),
            SchemeKind::Basic => "a user name and password, sent as `Authorization: Basic …`".to_owned(),
            SchemeKind::ApiKey { name, place } => {
                let place = match place {
                    KeyPlace::Header => "header",
                    KeyPlace::Query => "query parameter",
                    KeyPlace::Cookie => "cookie",
                };
                format!("a key, sent as the `{name}` {place}")
            }
        };
        let mut text = format!("Authenticates with the `{name}` security scheme: {how}.");
        if !scheme.description.trim().is_empty() {
            text.push_str("\n\n");
            text.push_str(scheme.description.trim());
        }
        let docs = rust::doc(&text);
        let method = ident(&setter.ident);
        if setter.is_basic() {
            quote! {
                #docs
                pub fn #method(self, username: impl Into<String>, password: impl Into<String>) -> Self {
                    self.credential(#name, runtime::Credential::basic(username, password))
                }
            }
        } else {
            quote! {
                #docs
                pub fn #method(self, token: impl Into<String>) -> Self {
                    self.credential(#name, runtime::Credential::token(token))
                }
            }
        }
    });
    quote! {
        impl SeamBuilder {
            #(#methods)*
        }
    }
}

fn cargo_toml(ctx: &TypeSpace) -> String {
    let features = ctx.features();
    let mut text = HEADER.replacen("//", "#", 1);
    text.push_str(&format!(
        r#"[package]
name = "seam"
version = "0.1.0"
description = "Client of the {title} API ({version}), generated from its OpenAPI description."
edition = "2024"
rust-version = "1.85"
license = "MIT"
publish = false

[features]
default = ["rustls-tls", {defaults}]
# TLS through rustls, with the Mozilla roots bundled.
rustls-tls = ["reqwest/rustls-tls"]
# TLS through the platform's library (OpenSSL, Secure Transport, SChannel) and its roots.
native-tls = ["reqwest/native-tls"]
# A `tracing` span per HTTP request: method, path, attempt, status and request id.
tracing = ["dep:tracing"]
"#,
        title = ctx.api.title.replace('"', "'"),
        version = ctx.api.version.replace('"', "'"),
        defaults = features
            .iter()
            .map(|f| format!("\"{f}\""))
            .collect::<Vec<_>>()
            .join(", "),
    ));
    for f in &features {
        text.push_str(&format!("{f} = []\n"));
    }
    text.push_str(
        r#"
[dependencies]
futures-core = "0.3"
reqwest = { version = "0.12", default-features = false, features = ["json"] }
serde = { version = "1", features = ["derive"] }
# Objects of untyped values keep the order they arrived in, also when printed.
serde_json = { version = "1", features = ["preserve_order"] }
serde_path_to_error = "0.1"
tokio = { version = "1", default-features = false, features = ["time"] }
tracing = { version = "0.1", default-features = false, features = ["std"], optional = true }

[dev-dependencies]
tokio = { version = "1", features = ["macros", "rt"] }
wiremock = "0.6"
"#,
    );
    text
}

/// The root namespace: the endpoints that are methods of `Seam` itself.
fn root(api: &Api) -> Option<&Namespace> {
    api.namespaces.iter().find(|n| n.path.is_empty())
}

/// The names of the top-level namespaces: a module, a file and a feature each.
fn top_level(api: &Api) -> impl Iterator<Item = &String> {
    root(api).into_iter().flat_map(|root| &root.children)
}

fn lib_rs(ctx: &TypeSpace, layout: &Layout) -> Result<String, String> {
    let api = ctx.api;
    let lines = rust::doc_lines(&crate_doc(api, &crate_example(ctx, layout)));
    let inner_docs = quote!(#(#![doc = #lines])*);
    let base_url = &api.base_url;
    let modules = top_level(api).map(|child| namespace_module(layout, child));
    let credentials = credential_setters(api);
    let root_items = match root(api) {
        Some(root) => endpoints::namespace_items(ctx, layout, root),
        None => TokenStream::new(),
    };
    let tokens = quote! {
        #inner_docs
        #![deny(missing_docs)]
        // Descriptions come from the API description as written.
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::too_long_first_doc_paragraph)]
        #![allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls, rustdoc::invalid_html_tags)]
        // Names come from the API: a namespace may repeat its parent's name, a method may be
        // called `new` or `default`.
        #![allow(clippy::module_inception, clippy::new_ret_no_self, clippy::should_implement_trait)]

        mod runtime;

        pub use runtime::{
            ActionAttemptError, ApiError, DecodeError, Error, Pages, Response, Seam, SeamBuilder, WaitForActionAttempt,
            DEFAULT_TIMEOUT, DEFAULT_USER_AGENT,
        };

        pub mod types;
        #(#modules)*

        /// The base URL requests go to unless [`SeamBuilder::base_url`] sets another.
        pub const DEFAULT_BASE_URL: &str = #base_url;

        #root_items
        #credentials
    };
    format_file(tokens, "lib.rs")
}

/// The `pub mod` of a top-level namespace, behind its feature.
fn namespace_module(layout: &Layout, child: &str) -> TokenStream {
    let module = ident(&layout.module[[child.to_owned()].as_slice()]);
    let feature = crate::plan::feature_name(child);
    let text = format!(" The `{child}` endpoints (feature `{feature}`).");
    quote! {
        #[doc = #text]
        #[cfg(feature = #feature)]
        pub mod #module;
    }
}

/// The crate's example: the first sample's call, else the first endpoint's, with placeholders
/// where the call has no parameters.
fn crate_example(ctx: &TypeSpace, layout: &Layout) -> String {
    let api = ctx.api;
    api.endpoints
        .iter()
        .enumerate()
        .find_map(|(index, e)| e.samples.first().map(|s| (index, e, s.params.clone())))
        .or_else(|| api.endpoints.first().map(|e| (0, e, serde_json::Map::new())))
        .map(|(index, e, params)| {
            let params = if params.is_empty() {
                endpoints::placeholder_params(ctx, e)
            } else {
                params
            };
            crate::plan::render_call(ctx, layout, crate::plan::EndpointId(index), &params)
        })
        .unwrap_or_default()
}

/// The crate's docs around `example`.
fn crate_doc(api: &Api, example: &str) -> String {
    format!(
        "Client of the {title} API (version {version}), generated from its OpenAPI description.\n\n\
         ```no_run\n\
         # async fn example() -> Result<(), seam::Error> {{ use seam::types::*;\n\
         // The API key from SEAM_API_KEY, the base URL from SEAM_ENDPOINT when set.\n\
         let seam = seam::Seam::from_env()?;\n\
         {example}\
         # Ok(()) }}\n\
         ```\n\n\
         # Calls\n\n\
         Build a client with [`Seam::new`] (an API key), [`Seam::from_env`] or [`Seam::builder`] \
         (personal access token and workspace, client session token, base URL, timeouts, retries, \
         headers, your own `reqwest::Client`). Each endpoint is a method of its namespace that returns \
         a request builder: one setter per parameter, sent when awaited. A required parameter left \
         unset fails with [`Error::MissingParameter`] before anything is sent; optional parameters \
         left unset are not sent. List endpoints that page also offer `.pages()`, a [`Pages`] stream \
         with a resumable cursor.\n\n\
         Each attempt has a time limit ([`DEFAULT_TIMEOUT`]), a whole call may have a deadline, and \
         only calls that cannot repeat an effect are retried, with jittered backoff and \
         `Retry-After`. A call that starts an action attempt (`unlock_door`, …) waits for it to \
         finish by default: see [`WaitForActionAttempt`].\n\n\
         # Results and errors\n\n\
         A call returns the value under the response's key, already decoded into [`types`], or \
         an [`Error`]: [`Error::Api`] with the HTTP status, the error type and message, `error.data`, \
         the validation errors and the `seam-request-id` of the API's answer \
         ([`Error::Unauthorized`] for a 401); [`Error::Decode`] with the JSON path of the value \
         that did not decode; [`Error::ActionAttemptFailed`] and [`Error::ActionAttemptTimedOut`]; \
         [`Error::Transport`]; [`Error::DeadlineExceeded`]; [`Error::Config`]. [`Error::status`], \
         [`Error::request_id`] and [`Error::is_retryable`] answer the usual questions.\n\n\
         Decoding accepts what a newer API may send: enum values this version does not know \
         (`Other`), union variants it does not know (`Unknown`), fields it does not know \
         (ignored). It never invents a value: a field that the description marks as always present \
         but that a response lacks fails with [`Error::Decode`] and the field's path (e.g. \
         `acs_user.display_name`); fields the description marks optional or nullable are \
         `Option`s. Types that a later version may extend are `#[non_exhaustive]`.\n\n\
         # Features\n\n\
         Every top-level namespace is a Cargo feature, all on by default; a crate that enables \
         only some compiles only those namespaces and the types they use. `rustls-tls` (default) \
         or `native-tls` picks the TLS library; `tracing` adds a span per HTTP request (method, \
         path, attempt, status, request id; never a credential).",
        title = api.title,
        version = api.version,
    )
}

#[cfg(test)]
mod profile_tests {
    use super::*;

    #[test]
    fn the_runtime_says_its_profile_on_one_line_the_generator_can_turn() {
        assert_eq!(RUNTIME.matches(SEAM_PROFILE_LINE).count(), 1);
        let mut api = crate::plan::fixture::api(Vec::new(), Vec::new());
        assert_eq!(runtime(&api), RUNTIME);
        api.seam_profile = false;
        let generic = runtime(&api);
        assert!(!generic.contains(SEAM_PROFILE_LINE));
        assert!(generic.contains("const SEAM_PROFILE: bool = false;"));
    }
}
