//! The namespaces and their endpoints: one struct per namespace, one method and one request
//! builder per endpoint.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Map;

use super::rust::doc;
use crate::model::{AuthMethod, Endpoint, HttpMethod, Namespace, ParamLocation, Response, TypeRef, WorkspaceHeader};
use crate::plan::{ident, rust_type, Scope};
use crate::plan::{placeholder, render_call};
use crate::plan::{EndpointId, Layout};
use crate::plan::{Gate, TypeSpace};

/// The response key of the endpoints that start an action attempt (`x-response-key`).
const ACTION_ATTEMPT_KEY: &str = "action_attempt";

/// The items of a namespace: its struct (not for the root), the methods, the builders, and its
/// children as inline modules. The root's methods go on `Seam`.
pub fn namespace_items(ctx: &TypeSpace, layout: &Layout, ns: &Namespace) -> TokenStream {
    let root = ns.path.is_empty();
    let mut methods = TokenStream::new();
    let mut modules = TokenStream::new();
    for child in &ns.children {
        let mut path = ns.path.clone();
        path.push(child.clone());
        let Some(child_ns) = ctx.api.namespaces.iter().find(|n| n.path == path) else {
            continue;
        };
        let module = ident(&layout.module[&path]);
        let accessor = ident(&layout.accessor[&path]);
        let child_struct = ident(&layout.struct_name[&path]);
        let dotted = path.join(".");
        let accessor_doc = format!(" The `{dotted}` endpoints.");
        let features = if root {
            super::rust::cfg(&Gate::Any([crate::plan::feature_name(child)].into_iter().collect()))
        } else {
            TokenStream::new()
        };
        let seam = if root { quote!(self) } else { quote!(self.seam) };
        let lifetime = if root { quote!('_) } else { quote!('a) };
        methods.extend(quote! {
            #[doc = #accessor_doc]
            #features
            pub fn #accessor(&self) -> #module::#child_struct<#lifetime> {
                #module::#child_struct { seam: #seam }
            }
        });
        if !root {
            let items = namespace_items(ctx, layout, child_ns);
            modules.extend(quote! {
                #[doc = #accessor_doc]
                pub mod #module {
                    #items
                }
            });
        }
    }
    let mut builders = TokenStream::new();
    for &index in &ns.endpoints {
        let (method, builder) = endpoint(ctx, layout, index, root);
        methods.extend(method);
        builders.extend(builder);
    }
    if root {
        return quote! {
            impl crate::Seam {
                #methods
            }
            #builders
        };
    }
    let name = ident(&layout.struct_name[&ns.path]);
    let dotted = ns.path.join(".");
    let struct_doc = format!(" The `{dotted}` endpoints; get it from `seam.{}()`.", {
        let mut calls = Vec::new();
        for depth in 1..=ns.path.len() {
            calls.push(layout.accessor[&ns.path[..depth].to_vec()].clone());
        }
        calls.join("().")
    });
    quote! {
        #[doc = #struct_doc]
        #[derive(Debug, Clone, Copy)]
        pub struct #name<'a> {
            pub(crate) seam: &'a crate::Seam,
        }

        impl<'a> #name<'a> {
            #methods
        }

        #builders
        #modules
    }
}

fn method_doc(ctx: &TypeSpace, layout: &Layout, id: EndpointId, e: &Endpoint) -> String {
    let mut text = e.title.clone();
    if !e.description.trim().is_empty() {
        text.push_str("\n\n");
        text.push_str(e.description.trim());
    }
    if let Some(message) = &e.deprecated {
        text.push_str("\n\n**Deprecated**.");
        if !message.is_empty() {
            text.push(' ');
            text.push_str(message);
        }
    }
    let params = match e.samples.first() {
        Some(sample) => sample.params.clone(),
        None => {
            let mut params = Map::new();
            for p in e.params.iter().filter(|p| p.required) {
                params.insert(p.name.clone(), placeholder(ctx, &p.ty, &p.name, 0));
            }
            params
        }
    };
    let call = render_call(ctx, layout, id, &params);
    text.push_str("\n\n# Example\n\n```no_run\n");
    text.push_str("# async fn example(seam: seam::Seam) -> Result<(), seam::Error> { use seam::types::*;\n");
    text.push_str(&call);
    text.push_str("# Ok(()) }\n```");
    text
}

/// The method that starts a call, and the call's request builder.
fn endpoint(ctx: &TypeSpace, layout: &Layout, index: usize, root: bool) -> (TokenStream, TokenStream) {
    let id = EndpointId(index);
    let e = id.of(ctx.api);
    let method = ident(&layout[id].method);
    let builder = ident(&layout[id].builder);
    let method_docs = doc(&method_doc(ctx, layout, id, e));
    let seam = if root { quote!(self) } else { quote!(self.seam) };
    let path = &e.path;
    let http = match e.http_method {
        HttpMethod::Get => quote!(Get),
        HttpMethod::Post => quote!(Post),
        HttpMethod::Put => quote!(Put),
        HttpMethod::Patch => quote!(Patch),
        HttpMethod::Delete => quote!(Delete),
    };
    let query = e.param_location == ParamLocation::Query;
    let required = e.params.iter().filter(|p| p.required).map(|p| &p.name);
    let key = match &e.response {
        Response::Value { key, .. } => quote!(Some(#key)),
        Response::Void => quote!(None),
    };
    let workspace = match workspace_rule(e) {
        WorkspaceHeader::Required => quote!(Required),
        WorkspaceHeader::Optional => quote!(Optional),
        WorkspaceHeader::Forbidden => quote!(Forbidden),
    };
    let deprecated = match &e.deprecated {
        Some(message) if !message.is_empty() => quote!(#[deprecated(note = #message)]),
        Some(_) => quote!(#[deprecated]),
        None => TokenStream::new(),
    };
    let cfg = match (root, crate::plan::feature_of(e)) {
        (true, Some(f)) => super::rust::cfg(&Gate::Any([f].into_iter().collect())),
        _ => TokenStream::new(),
    };
    let method_tokens = quote! {
        #method_docs
        #deprecated
        pub fn #method(&self) -> #builder {
            #builder::__new(#seam)
        }
    };

    let mut setter_tokens = TokenStream::new();
    for (p, setter) in e.params.iter().zip(&layout[id].setters) {
        let mut text = p.description.trim().to_owned();
        if text.is_empty() {
            text = format!("Sets `{}`.", p.name);
        }
        if p.required {
            text = format!("**Required.** {text}");
        }
        let deprecated = match &p.deprecated {
            Some(message) if !message.is_empty() => quote!(#[deprecated(note = #message)]),
            Some(_) => quote!(#[deprecated]),
            None => TokenStream::new(),
        };
        let doc = doc(&text);
        let name = &p.name;
        let fn_name = ident(&setter.ident);
        let (arg, value) = setter_signature(ctx, &p.ty);
        setter_tokens.extend(quote! {
            #doc
            #deprecated
            pub fn #fn_name(mut self, value: #arg) -> Self {
                self.0.set(#name, #value);
                self
            }
        });
        if let Some(null) = &setter.null_ident {
            let null = ident(null);
            let doc = format!(" Sends `{name}` as `null`.");
            setter_tokens.extend(quote! {
                #[doc = #doc]
                #deprecated
                pub fn #null(mut self) -> Self {
                    self.0.set(#name, ());
                    self
                }
            });
        }
    }
    let output = match &e.response {
        Response::Value { ty, .. } => rust_type(ctx, ty, Scope::Crate),
        Response::Void => quote!(()),
    };
    if let (
        Some(p),
        Response::Value {
            ty: TypeRef::Array { items },
            ..
        },
    ) = (&e.pagination, &e.response)
    {
        let item = rust_type(ctx, items, Scope::Crate);
        let cursor = &p.cursor_param;
        let key = &p.response_key;
        setter_tokens.extend(quote! {
            /// Every page of the results instead of the first: `.pages().all().await?`, or one
            /// page at a time with `next_page`.
            pub fn pages(self) -> crate::Pages<#item> {
                self.0.pages(#cursor, #key)
            }
        });
    }
    if matches!(&e.response, Response::Value { key, .. } if key == ACTION_ATTEMPT_KEY) {
        setter_tokens.extend(quote! {
            /// Whether this call waits for the action attempt it starts to finish, instead of the
            /// client's setting: `false` returns the attempt as the API first answers it.
            pub fn wait_for_action_attempt(mut self, wait: impl Into<crate::WaitForActionAttempt>) -> Self {
                self.0.wait_for_action_attempt(wait.into());
                self
            }
        });
    }
    let owner = if root {
        format!("crate::Seam::{}", layout[id].method)
    } else {
        format!("{}::{}", layout.struct_name[&e.namespace], layout[id].method)
    };
    let builder_tokens = quote! {
        #cfg
        crate::runtime::request!(
            #builder, #owner, #http, #path, #query, [#(#required),*], #workspace, #key => #output
        );

        #cfg
        impl #builder {
            #setter_tokens
        }
    };
    let method_tokens = quote! {
        #cfg
        #method_tokens
    };
    (method_tokens, builder_tokens)
}

/// A setter's argument type and the expression that turns it into the value to send.
fn setter_signature(ctx: &TypeSpace, ty: &TypeRef) -> (TokenStream, TokenStream) {
    match ty {
        TypeRef::String { .. } => (quote!(impl Into<String>), quote!(value.into())),
        TypeRef::Array { items } => {
            let item = rust_type(ctx, items, Scope::Crate);
            (
                quote!(impl IntoIterator<Item = impl Into<#item>>),
                quote!(value.into_iter().map(Into::into).collect::<Vec<#item>>()),
            )
        }
        TypeRef::Any => (quote!(impl Into<serde_json::Value>), quote!(value.into())),
        // Any integer or float that converts without loss: `.limit(10)` and `.limit(2.5)`.
        TypeRef::Number => (quote!(impl Into<f64>), quote!(value.into())),
        TypeRef::Integer => (quote!(impl Into<i64>), quote!(value.into())),
        other => (rust_type(ctx, other, Scope::Crate), quote!(value)),
    }
}

/// What the endpoint allows of a personal access token's `seam-workspace` header; `Optional`
/// (not checked) when it takes no personal access token.
fn workspace_rule(e: &Endpoint) -> WorkspaceHeader {
    e.auth
        .iter()
        .find_map(|method| match method {
            AuthMethod::PersonalAccessToken { workspace } => Some(*workspace),
            _ => None,
        })
        .unwrap_or(WorkspaceHeader::Optional)
}
