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
        TypeRef::Array { items, items_nullable } => {
            let items = element_type(ctx, items, *items_nullable, scope);
            quote!(Vec<#items>)
        }
        TypeRef::Map {
            values,
            values_nullable,
        } => {
            let values = element_type(ctx, values, *values_nullable, scope);
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

/// The Rust type of a list's items or a map's values: an `Option` where one may be `null`.
pub fn element_type(ctx: &TypeSpace, ty: &TypeRef, nullable: bool, scope: Scope) -> TokenStream {
    let ty = rust_type(ctx, ty, scope);
    match nullable {
        true => quote!(Option<#ty>),
        false => ty,
    }
}
