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
//! - `src/lenient.rs`: decoding that allows missing fields, when a client opts into it;
//! - `src/types.rs`: one type per named type of the model, gated by the features that reach it;
//! - `src/<namespace>.rs`: one file per top-level namespace, nested namespaces as inline modules;
//! - `tests/samples.rs`: every sample called against a mock server;
//! - `tests/contract.rs`, outside Seam's profile: every call sent to a validating mock.

mod contract;
mod endpoints;
mod runtime;
mod rust;
mod tests;
mod types;

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostics::{Diagnostics, Location};
use crate::fileset::FileSet;
use crate::model::{Api, Namespace, SchemeKind};
use crate::plan::{ident, names, ClientNames, Layout, Runtime, TypeSpace};
use rust::{format_file, HEADER};

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
    let webhook = runtime::webhook(&ctx);
    files.insert(
        "client/Cargo.toml",
        cargo_toml(
            &ctx,
            &layout.client,
            webhook.as_ref().map(|(_, features)| features.as_slice()),
        ),
    );
    if let Some((text, _)) = &webhook {
        files.insert("client/src/webhook.rs", format!("{HEADER}{text}"));
    }
    files.insert("client/CHANGELOG.md", api.release.changelog.clone());
    files.insert(
        "client/src/runtime.rs",
        format!("{HEADER}{}", runtime::runtime(api, &layout.client)),
    );
    files.insert(
        "client/src/lenient.rs",
        format!("{HEADER}{}", runtime::lenient(api, &layout.client)),
    );
    // The generated files share nothing but the plan, and formatting them is most of the
    // client's time: two halves of about the same size are made side by side.
    let (types_and_namespaces, tests) = crate::side_by_side(
        || {
            let mut made = vec![
                ("src/lib.rs".to_owned(), lib_rs(&ctx, &layout)),
                ("src/types.rs".to_owned(), types::emit(&ctx)),
            ];
            for child in top_level(api) {
                let path = vec![child.clone()];
                let Some(ns) = api.namespaces.iter().find(|n| n.path == path) else {
                    continue;
                };
                let file = format!("src/{}.rs", crate::plan::names::bare(&layout.module[&path]));
                let items = endpoints::namespace_items(&ctx, &layout, ns);
                let text = format_file(items, &file);
                made.push((file, text));
            }
            made
        },
        || {
            let mut made = vec![("tests/samples.rs".to_owned(), tests::emit(&ctx, &layout))];
            // Seam's runtime is held against Seam's fake server instead (`client_fake_seam`).
            if ctx.profile.runtime() == Runtime::Http {
                made.push(("tests/contract.rs".to_owned(), contract::emit(&ctx, &layout)));
            }
            made
        },
    );
    for (file, made) in types_and_namespaces.into_iter().chain(tests) {
        match made {
            Ok(text) => files.insert(format!("client/{file}"), text),
            Err(e) => fail(&file, e),
        }
    }
    diags
}

/// The builder's setter of each security scheme's credential, outside Seam's profile.
fn credential_setters(api: &Api, names: &ClientNames) -> TokenStream {
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
            SchemeKind::ApiKey { name, place } => format!("a key, sent as the `{name}` {}", place.noun()),
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
    let builder = ident(&names.builder);
    quote! {
        impl #builder {
            #(#methods)*
        }
    }
}

/// `Cargo.toml`; `webhook` holds the namespace features the webhook module needs, when the
/// crate has one.
fn cargo_toml(ctx: &TypeSpace, names: &ClientNames, webhook: Option<&[String]>) -> String {
    let features = ctx.features();
    let mut text = HEADER.replacen("//", "#", 1);
    text.push_str(&format!(
        r#"[package]
name = "{name}"
version = "{crate_version}"
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
# `allow_missing_fields`: answers that lack fields the description marks as always present
# (a fake server, an older deployment) read as empty values, each reported.
missing-fields = []
"#,
        name = names.krate,
        crate_version = ctx.api.release.version,
        title = ctx.api.title.replace('"', "'"),
        version = ctx.api.version.replace('"', "'"),
        defaults = features
            .iter()
            .map(|f| format!("\"{f}\""))
            .collect::<Vec<_>>()
            .join(", "),
    ));
    if let Some(needs) = webhook {
        let enables: Vec<String> = needs
            .iter()
            .map(|f| format!("\"{f}\""))
            .chain(["\"dep:base64\"", "\"dep:hmac\"", "\"dep:sha2\""].map(str::to_owned))
            .collect();
        text.push_str(&format!(
            "# Verification of Seam's webhooks: `webhook::SeamWebhook`.\nverify-webhooks = [{}]\n",
            enables.join(", ")
        ));
    }
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
"#,
    );
    if webhook.is_some() {
        text.push_str(
            r#"# The webhooks' signatures: HMAC-SHA256 from RustCrypto, their text in base64.
base64 = { version = "0.22", optional = true }
hmac = { version = "0.13", optional = true }
sha2 = { version = "0.11", optional = true }
"#,
        );
    }
    text.push_str(
        r#"
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
    let example = crate_example(ctx, layout);
    let text = match ctx.profile.runtime() {
        Runtime::Seam => crate_doc(api, &layout.client, &example),
        Runtime::Http => any_api_crate_doc(api, &layout.client, &example),
    };
    let lines = rust::doc_lines(&text);
    let inner_docs = quote!(#(#![doc = #lines])*);
    let base_url = &api.base_url;
    let modules = top_level(api).map(|child| namespace_module(layout, child));
    let credentials = credential_setters(api, &layout.client);
    let seam_exports = match ctx.profile.runtime() {
        Runtime::Seam => quote!(
            pub use runtime::RouteRequest;
        ),
        Runtime::Http => TokenStream::new(),
    };
    let webhook_module = match ctx.profile.runtime() {
        Runtime::Seam => quote! {
            /// Verification of Seam's webhooks (feature `verify-webhooks`).
            #[cfg(feature = "verify-webhooks")]
            pub mod webhook;
        },
        Runtime::Http => TokenStream::new(),
    };
    let client = ident(&layout.client.client);
    let builder = ident(&layout.client.builder);
    let base_url_doc = format!(
        " The base URL requests go to unless [`{}::base_url`] sets another.",
        layout.client.builder
    );
    let root_items = match root(api) {
        Some(root) => endpoints::namespace_items(ctx, layout, root),
        None => TokenStream::new(),
    };
    // Bytes to send, outside Seam's profile, whose bodies are JSON.
    let file_part = match ctx.profile.runtime() {
        Runtime::Seam => TokenStream::new(),
        Runtime::Http => quote!(
            pub use runtime::FilePart;
        ),
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
        mod lenient;

        pub use runtime::{
            ActionAttemptError, ApiError, DecodeError, Decoded, Error, Pages, Reported, Response, #client, #builder,
            WaitForActionAttempt, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT,
        };
        #seam_exports
        #file_part

        pub mod types;
        #webhook_module
        #(#modules)*

        #[doc = #base_url_doc]
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

/// The crate's docs around `example`, outside Seam's profile.
fn any_api_crate_doc(api: &Api, names: &ClientNames, example: &str) -> String {
    let ClientNames {
        krate,
        client,
        builder,
        variable,
    } = names;
    let setters = crate::plan::credential_setters(api);
    let credentials: String = setters
        .iter()
        .map(|setter| match setter.is_basic() {
            true => format!("    .{}(\"user\", \"password\")\n", names::bare(&setter.ident)),
            false => format!("    .{}(\"…\")\n", names::bare(&setter.ident)),
        })
        .collect();
    let schemes = match setters.is_empty() {
        true => "The description declares no security scheme: a header of your own \
                 ([`{builder}::header`]) can carry a credential."
            .replace("{builder}", builder),
        false => format!(
            "Each security scheme of the description has a setter on [`{builder}`] ({}); a call \
             sends the credentials of the first of its security requirements that the client \
             holds, and fails with [`Error::Config`] before sending anything when it holds none.",
            setters
                .iter()
                .map(|s| format!("`{}`", names::bare(&s.ident)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!(
        "Client of the {title} API (version {version}), generated from its OpenAPI description.\n\n\
         ```no_run\n\
         # async fn example() -> Result<(), {krate}::Error> {{ use {krate}::types::*;\n\
         let {variable} = {krate}::{client}::builder()\n\
         {credentials}    .build()?;\n\
         {example}\
         # Ok(()) }}\n\
         ```\n\n\
         # Calls\n\n\
         Build a client with [`{client}::builder`] (credentials, base URL, timeouts, retries, \
         headers, your own `reqwest::Client`). {schemes}\n\n\
         Each operation is a method of its namespace (its first tag) that returns a request \
         builder: one setter per parameter, whether it travels in the path, the query, a header, \
         a cookie or the JSON body; sent when awaited. A required parameter left unset fails \
         with [`Error::MissingParameter`] before anything is sent; optional parameters left \
         unset are not sent. Each attempt has a time limit ([`DEFAULT_TIMEOUT`]), a whole call \
         may have a deadline, and only calls that cannot repeat an effect are retried.\n\n\
         # Results and errors\n\n\
         A call returns its success response's body, decoded into [`types`], or an [`Error`]: \
         [`Error::Api`] with the HTTP status and the body of the API's answer (a call's docs \
         name the type its error body decodes as, with [`ApiError::decode`]); [`Error::Decode`] \
         with the JSON path of the value that did not decode; [`Error::Transport`]; \
         [`Error::DeadlineExceeded`]; [`Error::Config`].",
        title = api.title,
        version = api.version,
    )
}

/// The crate's docs around `example`.
fn crate_doc(api: &Api, names: &ClientNames, example: &str) -> String {
    let ClientNames { krate, client, .. } = names;
    format!(
        "Client of the {title} API (version {version}), generated from its OpenAPI description.\n\n\
         ```no_run\n\
         # async fn example() -> Result<(), {krate}::Error> {{ use {krate}::types::*;\n\
         // The API key from SEAM_API_KEY, the base URL from SEAM_ENDPOINT when set.\n\
         let seam = {krate}::{client}::from_env()?;\n\
         {example}\
         # Ok(()) }}\n\
         ```\n\n\
         # Calls\n\n\
         Build a client with [`{client}::new`] (an API key), [`{client}::from_env`] or [`{client}::builder`] \
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
         `Option`s. Types that a later version may extend are `#[non_exhaustive]`. A client \
         built with [`{client}Builder::allow_missing_fields`] (feature `missing-fields`) reads answers in an older shape \
         (a fake server, an older deployment): a missing field takes its type's empty value and \
         is reported (a `tracing` warning, and [`Decoded::missing_fields`] through a request's \
         `.with_decode_report()`).\n\n\
         [`{client}::request`] sends a route the crate has no method for; \
         [`{client}::from_publishable_key`] and [`{client}::update_client_session_token`] serve \
         client-side apps; credentials of the wrong kind fail with [`Error::InvalidToken`] \
         before anything is sent.\n\n\
         # Features\n\n\
         Every top-level namespace is a Cargo feature, all on by default; a crate that enables \
         only some compiles only those namespaces and the types they use. `rustls-tls` (default) \
         or `native-tls` picks the TLS library; `tracing` adds a span per HTTP request (method, \
         path, attempt, status, request id; never a credential); `verify-webhooks` adds `webhook`, the \
         verification of Seam's signed webhooks.",
        title = api.title,
        version = api.version,
    )
}
