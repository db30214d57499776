//! `tests/contract.rs` of a generated crate outside Seam's profile: every call, sent as its
//! first tested sample (written or synthesized) says, to the server at `CONTRACT_BASE_URL`,
//! a validating mock that `cargo xtask contract` starts. The tests are ignored otherwise.
//!
//! Each test sends the `x-contract-call` header, naming itself, so that the mock's verdict on
//! each request can be told apart; it prints `contract: <test> ok` when the call returned
//! what it decodes (or, for a call whose description defines no success answer, one of its
//! errors), and fails naming a decode failure or an unexpected error otherwise.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{feature_cfg, format_file};
use super::tests::{credentials, sample_call};
use crate::plan::names::{self, Namer};
use crate::plan::{feature_of, ident, Layout, TypeSpace};

/// The header that names the test a request comes from.
pub const CALL_HEADER: &str = "x-contract-call";

/// The header that names the description's path of the call (with any `#…`, which the
/// client does not send): the mock's router finds the operation by it.
pub const PATH_HEADER: &str = "x-contract-path";

/// The contents of `tests/contract.rs`.
pub fn emit(ctx: &TypeSpace, layout: &Layout) -> Result<String, String> {
    let krate = ident(&layout.client.krate);
    let client = ident(&layout.client.client);
    let variable = ident(&layout.client.variable);
    let credentials = credentials(ctx);
    let mut namer = Namer::with_reserved(&["client", "judge"]);
    let mut tests = TokenStream::new();
    for e in &ctx.api.endpoints {
        let Some(sample) = e.samples.iter().find(|s| s.checked()) else {
            continue;
        };
        let name = namer.unique(names::snake(&e.call_segments().join("_")));
        let call_fn = ident(&format!("call_{}", names::bare(&name).trim_start_matches('_')));
        let test = ident(&name);
        let label = names::bare(&name).to_owned();
        let cfg = feature_of(e).map(|f| feature_cfg(&f)).unwrap_or_default();
        let doc = format!(" `{} {}`", e.http_method.as_str(), e.path);
        let call = sample_call(ctx, layout, e, sample)?;
        let success = e.success;
        let path = e.path.as_str();
        tests.extend(quote! {
            #[doc = #doc]
            #cfg
            #[tokio::test]
            #[ignore = "needs a server at CONTRACT_BASE_URL: cargo xtask contract"]
            async fn #test() {
                judge(#label, #success, #call_fn(client(#label, #path)).await);
            }

            #cfg
            async fn #call_fn(#variable: #krate::#client) -> Result<(), #krate::Error> {
                #call
                Ok(())
            }
        });
    }
    format_file(
        quote! {
            //! Every call of the API description, sent as its first sample says to the server at
            //! `CONTRACT_BASE_URL` (`cargo xtask contract` starts a validating mock there).

            #![allow(deprecated, unused_imports, unused_variables, dead_code)]

            use #krate::types::*;

            /// A client of the server under test that names the test and the description's
            /// path of its call in each request and never repeats one. The server is its proxy
            /// as well, so that a call whose own server is another host reaches it too (and
            /// nothing else).
            fn client(call: &str, path: &str) -> #krate::#client {
                let base_url = std::env::var("CONTRACT_BASE_URL").expect("CONTRACT_BASE_URL names the server under test");
                let proxy = reqwest::Proxy::all(&base_url).expect("CONTRACT_BASE_URL is a URL");
                let http = reqwest::Client::builder().proxy(proxy).build().expect("an HTTP client");
                #krate::#client::builder()
                    #credentials
                    .base_url(base_url)
                    .http_client(http)
                    .header(#CALL_HEADER, call)
                    .header(#PATH_HEADER, path)
                    .max_retries(0)
                    .build()
                    .unwrap()
            }

            /// Prints the outcome of a call; fails unless it returned what it decodes, or, for a
            /// call whose description defines no success answer (`success` false), one of its
            /// errors.
            fn judge(call: &str, success: bool, outcome: Result<(), #krate::Error>) {
                match outcome {
                    Ok(()) => println!("contract: {call} ok"),
                    Err(#krate::Error::Decode(e)) => panic!("contract: {call} decode failure: {e}"),
                    Err(e @ (#krate::Error::Api(_) | #krate::Error::Unauthorized(_))) if !success => {
                        println!("contract: {call} ok, a described error: {e}")
                    }
                    Err(e) => panic!("contract: {call} failed: {e}"),
                }
            }

            #tests
        },
        "tests/contract.rs",
    )
}
