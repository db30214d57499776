//! The namespaces and their endpoints: one struct per namespace, one method and one request
//! builder per endpoint.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};

use super::rust::{deprecated_attr, doc, feature_cfg, push_deprecation};
use crate::model::{
    Answer, AuthMethod, BodyContent, Endpoint, HttpMethod, KeyPlace, Namespace, ParamLocation, Place, QueryStyle,
    Response, SchemeKind, SecurityScheme, TypeRef, WorkspaceHeader,
};
use crate::plan::TypeSpace;
use crate::plan::{self, ClientNames, EndpointId, Layout};
use crate::plan::{element_type, ident, rust_type, Runtime, Scope};
use crate::plan::{placeholder, render_call};

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
        methods.extend(accessor(layout, &path));
        if !root {
            modules.extend(child_module(ctx, layout, child_ns));
        }
    }
    let mut builders = TokenStream::new();
    for &index in &ns.endpoints {
        let index = EndpointId(index);
        let (method, builder) = endpoint(ctx, layout, index, root);
        methods.extend(method);
        builders.extend(builder);
    }
    if root {
        let client = ident(&layout.client.client);
        return quote! {
            impl crate::#client {
                #methods
            }
            #builders
        };
    }
    let name = ident(&layout.struct_name[&ns.path]);
    let struct_item = namespace_struct(layout, ns);
    quote! {
        #struct_item

        impl<'a> #name<'a> {
            #methods
        }

        #builders
        #modules
    }
}

/// The method that returns the namespace at `path` from its parent (from the client at the
/// top level, behind the namespace's feature). A namespace holds the client in a field named
/// like the examples' variable (`seam`, `client`).
fn accessor(layout: &Layout, path: &[String]) -> TokenStream {
    let top = path.len() == 1;
    let module = ident(&layout.module[path]);
    let accessor = ident(&layout.accessor[path]);
    let child_struct = ident(&layout.struct_name[path]);
    let doc = format!(" The `{}` endpoints.", path.join("."));
    let features = if top {
        feature_cfg(&crate::plan::feature_name(&path[0]))
    } else {
        TokenStream::new()
    };
    let field = ident(&layout.client.variable);
    let client = if top { quote!(self) } else { quote!(self.#field) };
    let lifetime = if top { quote!('_) } else { quote!('a) };
    quote! {
        #[doc = #doc]
        #features
        pub fn #accessor(&self) -> #module::#child_struct<#lifetime> {
            #module::#child_struct { #field: #client }
        }
    }
}

/// A nested namespace as an inline module.
fn child_module(ctx: &TypeSpace, layout: &Layout, ns: &Namespace) -> TokenStream {
    let module = ident(&layout.module[&ns.path]);
    let doc = format!(" The `{}` endpoints.", ns.path.join("."));
    let items = namespace_items(ctx, layout, ns);
    quote! {
        #[doc = #doc]
        pub mod #module {
            #items
        }
    }
}

/// The struct of a namespace below the root, which borrows the client.
fn namespace_struct(layout: &Layout, ns: &Namespace) -> TokenStream {
    let name = ident(&layout.struct_name[&ns.path]);
    let client = ident(&layout.client.client);
    let field = ident(&layout.client.variable);
    let calls: Vec<&str> = (1..=ns.path.len())
        .map(|depth| layout.accessor[&ns.path[..depth]].as_str())
        .collect();
    let doc = format!(
        " The `{}` endpoints; get it from `{}.{}()`.",
        ns.path.join("."),
        layout.client.variable,
        calls.join("().")
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy)]
        pub struct #name<'a> {
            pub(crate) #field: &'a crate::#client,
        }
    }
}

fn method_doc(ctx: &TypeSpace, layout: &Layout, e: &Endpoint) -> String {
    let mut text = e.title.clone();
    if !e.description.trim().is_empty() {
        text.push_str("\n\n");
        text.push_str(e.description.trim());
    }
    push_deprecation(&mut text, &e.deprecated);
    // A written sample, else placeholders: a synthesized sample's values may not read as the
    // setters' types in a doctest (GitHub's `set_repositories_for_secret_for_authenticated_user`).
    let params = match e.samples.iter().find(|s| !s.synthesized) {
        Some(sample) => sample.params.clone(),
        None => placeholder_params(ctx, e),
    };
    let call = layout
        .id_of(e)
        .map(|id| render_call(ctx, layout, id, &params))
        .unwrap_or_default();
    if let Some(error) = &e.error {
        let ty = rust_type(ctx, error, Scope::Crate).to_string().replace(' ', "");
        text.push_str(&format!(
            "\n\n# Errors\n\nAn error answer is [`Error::Api`](crate::Error::Api), whose body decodes as \
             `{ty}` with [`ApiError::decode`](crate::ApiError::decode)."
        ));
    }
    text.push_str("\n\n# Example\n\n```no_run\n");
    let ClientNames {
        krate,
        client,
        variable,
        ..
    } = &layout.client;
    text.push_str(&format!(
        "# async fn example({variable}: {krate}::{client}) -> Result<(), {krate}::Error> {{ use {krate}::types::*;\n"
    ));
    text.push_str(&call);
    text.push_str("# Ok(()) }\n```");
    text
}

/// Parameters for an example call when no sample gives them: a placeholder for each required
/// parameter, enough to make a call that compiles.
pub fn placeholder_params(ctx: &TypeSpace, e: &Endpoint) -> Map<String, Value> {
    e.params
        .iter()
        .filter(|p| p.required)
        .map(|p| (p.name.clone(), placeholder(ctx, &p.ty, &p.name, 0)))
        .collect()
}

/// The method that starts a call, and the call's request builder.
fn endpoint(ctx: &TypeSpace, layout: &Layout, index: EndpointId, root: bool) -> (TokenStream, TokenStream) {
    let e = index.of(ctx.api);
    let cfg = match (root, crate::plan::feature_of(e)) {
        (true, Some(f)) => feature_cfg(&f),
        _ => TokenStream::new(),
    };
    let method = method_item(ctx, layout, index, root);
    let request = request_item(ctx, layout, index, root);
    let builder = ident(&layout[index].builder);
    let setters = setter_items(ctx, e);
    let pages = pages_item(ctx, e);
    let wait = wait_item(e);
    let method_tokens = quote! {
        #cfg
        #method
    };
    let builder_tokens = quote! {
        #cfg
        #request

        #cfg
        impl #builder {
            #setters
            #pages
            #wait
        }
    };
    (method_tokens, builder_tokens)
}

/// The namespace's method that returns the endpoint's request builder.
fn method_item(ctx: &TypeSpace, layout: &Layout, index: EndpointId, root: bool) -> TokenStream {
    let e = index.of(ctx.api);
    let method = ident(&layout[index].method);
    let builder = ident(&layout[index].builder);
    let docs = doc(&method_doc(ctx, layout, e));
    let deprecated = deprecated_attr(&e.deprecated);
    let field = ident(&layout.client.variable);
    let client = if root { quote!(self) } else { quote!(self.#field) };
    quote! {
        #docs
        #deprecated
        pub fn #method(&self) -> #builder {
            #builder::__new(#client)
        }
    }
}

/// The runtime's `request!` invocation that defines the request builder: what the endpoint
/// sends, where, and what it returns.
fn request_item(ctx: &TypeSpace, layout: &Layout, index: EndpointId, root: bool) -> TokenStream {
    let e = index.of(ctx.api);
    let builder = ident(&layout[index].builder);
    let owner = if root {
        format!("crate::{}::{}", layout.client.client, layout[index].method)
    } else {
        format!("{}::{}", layout.struct_name[&e.namespace], layout[index].method)
    };
    let http = match e.http_method {
        HttpMethod::Get => quote!(Get),
        HttpMethod::Post => quote!(Post),
        HttpMethod::Put => quote!(Put),
        HttpMethod::Patch => quote!(Patch),
        HttpMethod::Delete => quote!(Delete),
        HttpMethod::Head => quote!(Head),
    };
    let path = &e.path;
    let query = e.param_location == ParamLocation::Query;
    let required = e.params.iter().filter(|p| p.required).map(|p| &p.name);
    let workspace = match workspace_rule(e) {
        WorkspaceHeader::Required => quote!(Required),
        WorkspaceHeader::Optional => quote!(Optional),
        WorkspaceHeader::Forbidden => quote!(Forbidden),
    };
    let (key, output) = match &e.response {
        Response::Value { key, ty } => (quote!(Some(#key)), rust_type(ctx, ty, Scope::Crate)),
        // The runtime reads the empty key as the whole body.
        // Bytes are returned as they came.
        Response::Body { .. } if matches!(e.answer, Answer::Bytes { .. }) => (quote!(Some("")), quote!(Vec<u8>)),
        Response::Body { ty, nullable } => {
            let ty = rust_type(ctx, ty, Scope::Crate);
            let output = match nullable {
                true => quote!(Option<#ty>),
                false => ty,
            };
            (quote!(Some("")), output)
        }
        Response::Void => (quote!(None), quote!(())),
    };
    if ctx.profile.runtime() == Runtime::Seam {
        return quote! {
            crate::runtime::request!(
                #builder, #owner, #http, #path, #query, [#(#required),*], #workspace, #key => #output
            );
        };
    }
    let placed = e.placed.iter().map(|(name, place)| {
        let place = match place {
            Place::Query => quote!(Query),
            Place::Header => quote!(Header),
            Place::Cookie => quote!(Cookie),
        };
        quote!((#name, crate::runtime::Place::#place))
    });
    let requirements = e.security.iter().map(|requirement| {
        let schemes = ctx.api.schemes_of(requirement).map(scheme_value);
        quote!(&[#(#schemes),*])
    });
    let form = e.form;
    let content = content_value(&e.body);
    let styles = e.query_styles.iter().map(|(name, style)| {
        let style = match style {
            QueryStyle::Comma => quote!(Comma),
            QueryStyle::Space => quote!(Space),
            QueryStyle::Pipe => quote!(Pipe),
            QueryStyle::Spread => quote!(Spread),
            QueryStyle::Deep => quote!(Deep),
            QueryStyle::SimpleExploded => quote!(SimpleExploded),
            QueryStyle::Label => quote!(Label),
            QueryStyle::LabelExploded => quote!(LabelExploded),
            QueryStyle::Matrix => quote!(Matrix),
            QueryStyle::MatrixExploded => quote!(MatrixExploded),
        };
        quote!((#name, crate::runtime::QueryStyle::#style))
    });
    let wire_names = e.wire_names.iter().map(|(key, wire)| quote!((#key, #wire)));
    let accept = match &e.accept {
        Some(accept) => quote!(Some(#accept)),
        None => quote!(None),
    };
    let server = match &e.server {
        Some(server) => quote!(Some(#server)),
        None => quote!(None),
    };
    let answer = match &e.answer {
        Answer::Json => quote!(crate::runtime::Answer::Json),
        Answer::JsonOrNothing { statuses } => {
            let statuses = statuses.iter().map(|s| proc_macro2::Literal::u16_unsuffixed(*s));
            quote!(crate::runtime::Answer::JsonOrNothing(&[#(#statuses),*]))
        }
        Answer::Text { .. } => quote!(crate::runtime::Answer::Text),
        Answer::Bytes { .. } => quote!(crate::runtime::Answer::Bytes),
    };
    quote! {
        crate::runtime::request!(
            #builder, #owner, #http, #path, #query, [#(#required),*], #workspace, #key => #output,
            placed: &[#(#placed),*], security: Some(&[#(#requirements),*]), form: #form,
            content: #content, styles: &[#(#styles),*], wire_names: &[#(#wire_names),*],
            accept: #accept, server: #server, answer: #answer
        );
    }
}

/// The runtime's description of what the body holds.
fn content_value(body: &BodyContent) -> TokenStream {
    match body {
        BodyContent::Fields => quote!(crate::runtime::Content::Fields),
        BodyContent::Json { param, media_type } => quote!(crate::runtime::Content::Json(#param, #media_type)),
        BodyContent::Text { param, media_type } => quote!(crate::runtime::Content::Text(#param, #media_type)),
        BodyContent::Bytes { param, media_type } => quote!(crate::runtime::Content::Bytes(#param, #media_type)),
        BodyContent::Multipart { .. } => quote!(crate::runtime::Content::Multipart),
    }
}

/// Whether the parameter `name` holds bytes: a file part, or a body of bytes.
fn holds_bytes(e: &Endpoint, name: &str) -> bool {
    match &e.body {
        BodyContent::Bytes { param, .. } => param == name,
        BodyContent::Multipart { files } => files.iter().any(|file| file == name),
        _ => false,
    }
}

/// The runtime's description of a security scheme.
fn scheme_value(scheme: &SecurityScheme) -> TokenStream {
    let name = &scheme.name;
    let kind = match &scheme.kind {
        SchemeKind::Bearer => quote!(Bearer),
        SchemeKind::Basic => quote!(Basic),
        SchemeKind::ApiKey { name, place } => match place {
            KeyPlace::Header => quote!(Header(#name)),
            KeyPlace::Query => quote!(Query(#name)),
            KeyPlace::Cookie => quote!(Cookie(#name)),
        },
    };
    quote!(crate::runtime::Scheme { name: #name, kind: crate::runtime::SchemeKind::#kind })
}

/// The builder's setters: one per parameter, and one that sends `null` where a parameter
/// takes it.
fn setter_items(ctx: &TypeSpace, e: &Endpoint) -> TokenStream {
    let mut tokens = TokenStream::new();
    for (p, setter) in e.params.iter().zip(&plan::setters(e)) {
        let mut text = p.description.trim().to_owned();
        if text.is_empty() {
            text = format!("Sets `{}`.", p.name);
        }
        if p.required {
            text = format!("**Required.** {text}");
        }
        let doc = doc(&text);
        let deprecated = deprecated_attr(&p.deprecated);
        let name = &p.name;
        let fn_name = ident(&setter.ident);
        if holds_bytes(e, name) {
            tokens.extend(quote! {
                #doc
                #deprecated
                pub fn #fn_name(mut self, value: impl Into<crate::FilePart>) -> Self {
                    self.0.set_file(#name, value.into());
                    self
                }
            });
            continue;
        }
        let (arg, value) = setter_signature(ctx, &p.ty);
        tokens.extend(quote! {
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
            tokens.extend(quote! {
                #[doc = #doc]
                #deprecated
                pub fn #null(mut self) -> Self {
                    self.0.set(#name, ());
                    self
                }
            });
        }
    }
    tokens
}

/// `pages()`, for an endpoint that pages a list.
fn pages_item(ctx: &TypeSpace, e: &Endpoint) -> TokenStream {
    let (
        Some(p),
        Response::Value {
            ty: TypeRef::Array { items, items_nullable },
            ..
        },
    ) = (&e.pagination, &e.response)
    else {
        return TokenStream::new();
    };
    let item = element_type(ctx, items, *items_nullable, Scope::Crate);
    let cursor = &p.cursor_param;
    let key = &p.response_key;
    quote! {
        /// Every page of the results instead of the first: `.pages().all().await?`, or one
        /// page at a time with `next_page`.
        pub fn pages(self) -> crate::Pages<#item> {
            self.0.pages(#cursor, #key)
        }
    }
}

/// `wait_for_action_attempt()`, for an endpoint that starts an action attempt.
fn wait_item(e: &Endpoint) -> TokenStream {
    if !matches!(&e.response, Response::Value { key, .. } if key == ACTION_ATTEMPT_KEY) {
        return TokenStream::new();
    }
    quote! {
        /// Whether this call waits for the action attempt it starts to finish, instead of the
        /// client's setting: `false` returns the attempt as the API first answers it.
        pub fn wait_for_action_attempt(mut self, wait: impl Into<crate::WaitForActionAttempt>) -> Self {
            self.0.wait_for_action_attempt(wait.into());
            self
        }
    }
}

/// A setter's argument type and the expression that turns it into the value to send.
fn setter_signature(ctx: &TypeSpace, ty: &TypeRef) -> (TokenStream, TokenStream) {
    match ty {
        TypeRef::String { .. } => (quote!(impl Into<String>), quote!(value.into())),
        TypeRef::Array {
            items,
            items_nullable: false,
        } => {
            let item = rust_type(ctx, items, Scope::Crate);
            (
                quote!(impl IntoIterator<Item = impl Into<#item>>),
                quote!(value.into_iter().map(Into::into).collect::<Vec<#item>>()),
            )
        }
        // `[Some("a"), None]`: each item converted as a plain list's is.
        TypeRef::Array {
            items,
            items_nullable: true,
        } => {
            let item = rust_type(ctx, items, Scope::Crate);
            (
                quote!(impl IntoIterator<Item = Option<impl Into<#item>>>),
                quote!(value.into_iter().map(|item| item.map(Into::into)).collect::<Vec<Option<#item>>>()),
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
