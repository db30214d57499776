//! How the client spells a type or an identifier, as tokens: what the client emitter writes
//! and what every Rust sample names.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::TypeSpace;
use crate::model::TypeRef;

/// An identifier token from generated text (raw identifiers included).
pub fn ident(text: &str) -> proc_macro2::Ident {
    match text.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{}", text),
    }
}

/// Where a type is named from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Inside `types.rs`: bare names.
    Types,
    /// Anywhere else in the crate: `crate::types::Name`.
    Crate,
}

/// The Rust type of a [`TypeRef`] (without `Option`).
pub fn rust_type(ctx: &TypeSpace, ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::String { .. } => quote!(String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Array { items } => {
            let items = rust_type(ctx, items, scope);
            quote!(Vec<#items>)
        }
        TypeRef::Map { values } => {
            let values = rust_type(ctx, values, scope);
            quote!(std::collections::BTreeMap<String, #values>)
        }
        TypeRef::Named { id } => match ctx.types.get(id.as_str()).filter(|t| t.emitted) {
            Some(info) => {
                let name = ident(&info.name);
                match scope {
                    Scope::Types => quote!(#name),
                    Scope::Crate => quote!(crate::types::#name),
                }
            }
            None => quote!(serde_json::Value),
        },
        TypeRef::Any => quote!(serde_json::Value),
    }
}
