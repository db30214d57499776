//! `tests/samples.rs` of the generated crate: every sample, run as written against a mock
//! server that checks the request (method, path, bearer token, exact body or query) and answers
//! with the sample's response, which the call must return.
//!
//! Each sample's call is the plan's text, the one the docs show, parsed into tokens; the file is
//! laid out by prettyplease like the crate's other files.

use std::str::FromStr;

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::rust::{feature_cfg, format_file};
use crate::model::{Answer, BodyContent, Endpoint, KeyPlace, Sample, SchemeKind};
use crate::plan::names::{self, Namer};
use crate::plan::{
    feature_of, ident, render_call, result_variable, result_view, rust_type, Layout, Runtime, Scope, TypeSpace,
};

/// The API key the tests' client sends (every token and key outside Seam's profile).
const KEY: &str = "seam_test_api_key";

/// The user name and password of HTTP basic authentication outside Seam's profile, and how
/// they travel (`Basic` and the base64 of `user:password`).
const BASIC: (&str, &str, &str) = ("test_user", "test_password", "Basic dGVzdF91c2VyOnRlc3RfcGFzc3dvcmQ=");

/// The contents of `tests/samples.rs`.
pub fn emit(ctx: &TypeSpace, layout: &Layout) -> Result<String, String> {
    let mut namer = Namer::with_reserved(&["client", "json"]);
    let mut tests = TokenStream::new();
    // A call whose own server is another host (GitHub's uploads) goes there whatever the
    // client's base URL: the test's mock server cannot stand in for it, and a test must never
    // reach a real server, so such a call has no sample test.
    let reaches_another_host = |e: &&Endpoint| e.server.as_deref().is_some_and(|s| s.contains("://"));
    for e in ctx.api.endpoints.iter().filter(|e| !reaches_another_host(e)) {
        for sample in e.samples.iter().filter(|s| s.checked()) {
            let name = namer.unique(names::snake(&sample.title));
            tests.extend(sample_test(ctx, layout, e, sample, &name)?);
        }
    }
    let support = support_items(ctx, layout);
    format_file(
        quote! {
            #support
            #tests
        },
        "tests/samples.rs",
    )
}

/// The builder's calls that give the tests' client every credential it can hold.
pub(super) fn credentials(ctx: &TypeSpace) -> TokenStream {
    let setters = crate::plan::credential_setters(ctx.api).into_iter().map(|setter| {
        let method = ident(&setter.ident);
        match setter.is_basic() {
            true => {
                let (user, password, _) = BASIC;
                quote!(.#method(#user, #password))
            }
            false => quote!(.#method(#KEY)),
        }
    });
    quote!(#(#setters)*)
}

/// What every test uses: the query matcher, the JSON helper and the client of the mock server.
fn support_items(ctx: &TypeSpace, layout: &Layout) -> TokenStream {
    let credentials = credentials(ctx);
    let seam_key = (!ctx.profile.scheme_credentials()).then(|| quote!(.api_key(#KEY)));
    let no_wait = (ctx.profile.runtime() == Runtime::Seam).then(|| quote!(.wait_for_action_attempt(false)));
    let krate = ident(&layout.client.krate);
    let client = ident(&layout.client.client);
    // Outside Seam's profile calls send headers of their own, whose values may hold commas.
    let header_matcher = (ctx.profile.runtime() == Runtime::Http).then(|| {
        quote! {
            /// Matches a header whose whole value is this text.
            struct Header(&'static str, &'static str);

            impl wiremock::Match for Header {
                fn matches(&self, request: &wiremock::Request) -> bool {
                    request.headers.get(self.0).and_then(|v| v.to_str().ok()) == Some(self.1)
                }
            }
        }
    });
    quote! {
        //! Every sample of the API description, run against a mock server that checks the request
        //! and answers with the sample's response.

        #![allow(deprecated, unused_imports, dead_code)]

        use #krate::types::*;

        /// Matches a query string with exactly these pairs, in any order.
        struct Query(&'static [(&'static str, &'static str)]);

        impl wiremock::Match for Query {
            fn matches(&self, request: &wiremock::Request) -> bool {
                let mut got: Vec<(String, String)> = request
                    .url
                    .query_pairs()
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                let mut want: Vec<(String, String)> = self.0.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
                got.sort();
                want.sort();
                got == want
            }
        }

        #header_matcher

        fn json(text: &str) -> serde_json::Value {
            serde_json::from_str(text).unwrap()
        }

        /// A client of the mock server. A sample's response is the API's first answer: an action
        /// attempt is not polled.
        async fn client(server: &wiremock::MockServer) -> #krate::#client {
            #krate::#client::builder()
                #seam_key
                #credentials
                .base_url(server.uri())
                #no_wait
                .build()
                .unwrap()
        }
    }
}

/// The test of one sample: the mock server, the call, and the checks of its result.
fn sample_test(
    ctx: &TypeSpace,
    layout: &Layout,
    e: &Endpoint,
    sample: &Sample,
    name: &str,
) -> Result<TokenStream, String> {
    let doc = format!(" {}", sample.title.replace('\n', " "));
    let cfg = feature_of(e).map(|f| feature_cfg(&f)).unwrap_or_default();
    let name = ident(name);
    let mock = mock_server(ctx, e, sample);
    let call = sample_call(ctx, layout, e, sample)?;
    let checks = result_checks(ctx, e, sample);
    let krate = ident(&layout.client.krate);
    let variable = ident(&layout.client.variable);
    Ok(quote! {
        #[doc = #doc]
        #cfg
        #[tokio::test]
        async fn #name() -> Result<(), #krate::Error> {
            #mock
            let #variable = client(&server).await;
            #call
            #checks
            Ok(())
        }
    })
}

/// Starts the mock server and mounts the one request it expects, with the sample's response.
fn mock_server(ctx: &TypeSpace, e: &Endpoint, sample: &Sample) -> TokenStream {
    let method = e.http_method.as_str();
    let mut request = e.request(&sample.params);
    let path = &request.path;
    let mut parameters = TokenStream::new();
    let mut credential_pairs = Vec::new();
    if !ctx.profile.scheme_credentials() {
        let authorization = format!("Bearer {KEY}");
        parameters.extend(quote!(.and(wiremock::matchers::header("authorization", #authorization))));
    } else {
        // The tests' client holds every scheme's credential.
        for scheme in ctx.api.first_requirement(e) {
            match &scheme.kind {
                SchemeKind::Bearer => request
                    .headers
                    .push(("authorization".to_owned(), format!("Bearer {KEY}"))),
                SchemeKind::Basic => request.headers.push(("authorization".to_owned(), BASIC.2.to_owned())),
                SchemeKind::ApiKey { name, place } => match place {
                    KeyPlace::Header => request.headers.push((name.clone(), KEY.to_owned())),
                    KeyPlace::Query => credential_pairs.push((name.clone(), KEY.to_owned())),
                    KeyPlace::Cookie => request.cookies.push((name.clone(), KEY.to_owned())),
                },
            }
        }
    }
    match (&e.body, &request.whole) {
        (BodyContent::Json { media_type, .. }, Some(value)) => {
            let body = raw(&serde_json::to_string(value).unwrap_or_default());
            parameters.extend(quote! {
                .and(wiremock::matchers::header("content-type", #media_type))
                .and(wiremock::matchers::body_json(json(#body)))
            });
        }
        (BodyContent::Text { media_type, .. } | BodyContent::Bytes { media_type, .. }, Some(value)) => {
            // Bytes are given as a text in samples; a range (`*/*`) is sent as
            // `application/octet-stream`, the type of bytes without one of their own.
            let media_type = match media_type.contains('*') {
                true => "application/octet-stream",
                false => media_type.as_str(),
            };
            let text = crate::model::wire::text(value);
            parameters.extend(quote! {
                .and(wiremock::matchers::header("content-type", #media_type))
                .and(wiremock::matchers::body_string(#text))
            });
        }
        // A multipart body's boundary is new each time: its parts are not matched here.
        (BodyContent::Multipart { .. }, _) => {}
        _ => {}
    }
    match &request.body {
        Some(_) if matches!(e.body, BodyContent::Multipart { .. }) => {}
        Some(fields) if request.form => {
            let form = crate::model::wire::form_encoded(fields, &request.query_styles);
            parameters.extend(quote! {
                .and(wiremock::matchers::header("content-type", "application/x-www-form-urlencoded"))
                .and(wiremock::matchers::body_string(#form))
            });
        }
        Some(fields) => {
            let body = raw(&serde_json::to_string(&Value::Object(fields.clone())).unwrap_or_default());
            parameters.extend(quote!(.and(wiremock::matchers::body_json(json(#body)))));
        }
        None => {}
    }
    // A call in the query must send exactly its pairs, none when it has none.
    if request.body.is_none() || !request.query.is_empty() || !credential_pairs.is_empty() {
        let (keys, values): (Vec<String>, Vec<String>) =
            crate::model::wire::styled_query_pairs(&request.query, &request.query_styles)
                .into_iter()
                .chain(credential_pairs)
                .unzip();
        parameters.extend(quote!(.and(Query(&[#((#keys, #values)),*]))));
    }
    for (name, value) in &request.headers {
        parameters.extend(quote!(.and(Header(#name, #value))));
    }
    if let Some(cookies) = request.cookie_header() {
        parameters.extend(quote!(.and(Header("cookie", #cookies))));
    }
    let response = raw(&match &sample.response {
        Some(body) => serde_json::to_string(body).unwrap_or_default(),
        None => "{\"ok\":true}".to_owned(),
    });
    // A text or bytes answer is the sample's text itself, not that text as JSON.
    let body = match (&e.answer, &sample.response) {
        (Answer::Text { media_type } | Answer::Bytes { media_type }, Some(Value::String(text))) => {
            let text = raw(text);
            quote!(set_body_raw(#text, #media_type))
        }
        _ => quote!(set_body_json(json(#response))),
    };
    quote! {
        let server = wiremock::MockServer::start().await;
        wiremock::Mock::given(wiremock::matchers::method(#method))
            .and(wiremock::matchers::path(#path))
            #parameters
            .respond_with(wiremock::ResponseTemplate::new(200).#body)
            .expect(1)
            .mount(&server)
            .await;
    }
}

/// The sample's call as the docs show it, parsed into statements.
pub(super) fn sample_call(
    ctx: &TypeSpace,
    layout: &Layout,
    e: &Endpoint,
    sample: &Sample,
) -> Result<TokenStream, String> {
    let call = layout
        .id_of(e)
        .map(|id| render_call(ctx, layout, id, &sample.params))
        .unwrap_or_default();
    let block: syn::Block = syn::parse_str(&format!("{{\n{call}}}"))
        .map_err(|err| format!("the call of sample `{}` does not parse: {err}", sample.title))?;
    let statements = &block.stmts;
    Ok(quote!(#(#statements)*))
}

/// That the call returned the sample's response, decoded, and prints as the docs' Output.
fn result_checks(ctx: &TypeSpace, e: &Endpoint, sample: &Sample) -> TokenStream {
    let (Some(ty), Some(var), Some(body)) = (e.response.ty(), result_variable(e), &sample.response) else {
        return TokenStream::new();
    };
    let expected = e.response.result_in(body).cloned().unwrap_or(Value::Null);
    let printed = raw(&result_view(ctx, &e.response, &expected));
    let expected = raw(&serde_json::to_string(&expected).unwrap_or_default());
    let ty = rust_type(ctx, ty, Scope::Types);
    let ty = match e.response.is_optional() {
        true => quote!(Option<#ty>),
        false => ty,
    };
    let debug = match var.strip_prefix("r#") {
        None => {
            let format = format!("{{{var}:#?}}");
            quote!(format!(#format))
        }
        // A format string cannot name a raw identifier.
        Some(_) => {
            let var = ident(&var);
            quote!(format!("{:#?}", #var))
        }
    };
    let var = ident(&var);
    if matches!(e.answer, Answer::Bytes { .. }) {
        // Bytes come back as they were sent: the sample's text, as bytes. Their `{:#?}` is a
        // list of numbers, which the page's Output (the text) does not show.
        return quote! {
            let expected: String = serde_json::from_value(json(#expected)).unwrap();
            assert_eq!(#var, expected.into_bytes());
        };
    }
    quote! {
        let expected: #ty = serde_json::from_value(json(#expected)).unwrap();
        assert_eq!(#var, expected);
        // The page's Output is this text: it must be what the call prints.
        assert_eq!(#debug, #printed);
    }
}

/// A string literal of `text`, raw where it can be, so JSON and printed values read as they are.
fn raw(text: &str) -> Literal {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    Literal::from_str(&format!("r{hashes}\"{text}\"{hashes}")).unwrap_or_else(|_| Literal::string(text))
}
