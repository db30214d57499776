//! `src/types.rs`: one Rust type per emitted named type, shared by every endpoint.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{cfg, doc, format_file, push_deprecation};
use crate::model::TypeKind;
use crate::plan::{ident, rust_type, FieldInfo, FieldRole, Scope, TypeInfo, TypeSpace, VariantInfo};

/// The contents of `src/types.rs`.
pub fn emit(ctx: &TypeSpace) -> Result<String, String> {
    let inputs = crate::plan::parameter_types(ctx.api);
    let mut items = TokenStream::new();
    for id in &ctx.emitted {
        items.extend(type_item(ctx, ctx.info(id), inputs.contains(id)));
    }
    let tokens = quote! {
        //! The API's types: the resources endpoints return and the objects their parameters take.
        //!
        //! Enums keep values this version does not know in `Other`, and tagged unions keep
        //! unknown variants in `Unknown`, so a newer API never breaks decoding.
        #items
    };
    format_file(tokens, "types.rs")
}

fn type_doc(info: &TypeInfo) -> TokenStream {
    let ty = info.ty;
    let mut text = if ty.description.trim().is_empty() {
        format!("The `{}` type.", ty.id)
    } else {
        ty.description.clone()
    };
    push_deprecation(&mut text, &ty.deprecated);
    doc(&text)
}

/// One type. Enums and unions are `#[non_exhaustive]`, and so are the structs that only
/// responses hold, so that a later version of the description can add a value, a variant or a
/// field without breaking a caller's code; structs that parameters take stay open to struct
/// literals.
fn type_item(ctx: &TypeSpace, info: &TypeInfo, parameter: bool) -> TokenStream {
    match &info.ty.kind {
        TypeKind::Object { .. } => object_item(ctx, info, parameter),
        TypeKind::Enum { .. } => enum_item(info),
        TypeKind::Union { discriminator, .. } => union_item(ctx, info, discriminator),
    }
}

/// A struct and its `object!` serde support.
fn object_item(ctx: &TypeSpace, info: &TypeInfo, parameter: bool) -> TokenStream {
    let type_docs = type_doc(info);
    let cfg = cfg(&info.gate);
    let name = ident(&info.name);
    let fields = kept_fields(info).map(|f| struct_field(ctx, info, f));
    let required = wire_names(info, false);
    let optional = wire_names(info, true);
    let derive = if info.default {
        quote!(#[derive(Debug, Clone, PartialEq, Default)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let open = if parameter {
        TokenStream::new()
    } else {
        quote!(#[non_exhaustive])
    };
    quote! {
        #type_docs
        #cfg
        #derive
        #open
        pub struct #name {
            #(#fields)*
        }
        #cfg
        crate::runtime::object! {
            #name {
                required { #(#required)* }
                optional { #(#optional)* }
            }
        }
    }
}

/// The fields a struct keeps.
fn kept_fields<'i, 'a>(info: &'i TypeInfo<'a>) -> impl Iterator<Item = &'i FieldInfo<'a>> {
    info.fields.iter().filter(|f| f.role != FieldRole::Dropped)
}

/// A struct field with its doc.
fn struct_field(ctx: &TypeSpace, info: &TypeInfo, f: &FieldInfo) -> TokenStream {
    let mut text = f.prop.description.trim().to_owned();
    if text.is_empty() {
        text = format!("The `{}` field.", f.prop.name);
    }
    if f.role == FieldRole::Tag {
        text.push_str(&format!(
            "\n\nThe tag of this variant: `{}`.",
            union_tag_hint(ctx, info)
        ));
    }
    push_deprecation(&mut text, &f.prop.deprecated);
    let doc = doc(&text);
    let field = ident(&f.ident);
    let mut ty = if f.role == FieldRole::Tag {
        quote!(String)
    } else {
        rust_type(ctx, &f.prop.ty, Scope::Types)
    };
    if f.boxed {
        ty = quote!(Box<#ty>);
    }
    if f.optional {
        ty = quote!(Option<#ty>);
    }
    quote! {
        #doc
        pub #field: #ty,
    }
}

/// The required or the optional fields as `object!` lists them: the field, and its name on the
/// wire where that differs.
fn wire_names(info: &TypeInfo, optional: bool) -> Vec<TokenStream> {
    kept_fields(info)
        .filter(|f| f.optional == optional)
        .map(|f| {
            let field = ident(&f.ident);
            let wire = &f.prop.name;
            if &f.ident == wire {
                quote!(#field,)
            } else {
                quote!(#field = #wire,)
            }
        })
        .collect()
}

/// A string enum, with `Other` for values this version does not know, and its `string_enum!`
/// serde support.
fn enum_item(info: &TypeInfo) -> TokenStream {
    let type_docs = type_doc(info);
    let cfg = cfg(&info.gate);
    let name = ident(&info.name);
    let variants = info.variants.iter().map(|v| {
        let doc = format!(" `{}`", v.wire);
        let variant = ident(&v.ident);
        quote! {
            #[doc = #doc]
            #variant,
        }
    });
    let pairs = variant_wire_names(info);
    quote! {
        #type_docs
        #cfg
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value that this version of the crate does not know.
            Other(String),
        }
        #cfg
        crate::runtime::string_enum! { #name { #(#pairs)* } }
    }
}

/// A tagged union, with `Unknown` for variants this version does not know, and its
/// `tagged_union!` serde support.
fn union_item(ctx: &TypeSpace, info: &TypeInfo, discriminator: &str) -> TokenStream {
    let type_docs = type_doc(info);
    let cfg = cfg(&info.gate);
    let name = ident(&info.name);
    let variants = info.variants.iter().map(|v| union_variant(ctx, discriminator, v));
    let pairs = variant_wire_names(info);
    quote! {
        #type_docs
        #cfg
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A variant that this version of the crate does not know, as received.
            Unknown(serde_json::Value),
        }
        #cfg
        crate::runtime::tagged_union! { #name, #discriminator { #(#pairs)* } }
    }
}

/// A union's variant, documented with its tag and the first line of its type's description.
fn union_variant(ctx: &TypeSpace, discriminator: &str, v: &VariantInfo) -> TokenStream {
    let summary =
        v.ty.and_then(|id| ctx.types.get(id))
            .map(|t| t.ty.description.trim().lines().next().unwrap_or_default().trim())
            .unwrap_or_default();
    let doc = if summary.is_empty() {
        format!(" `{discriminator}: {}`", v.wire)
    } else {
        format!(" `{discriminator}: {}`: {summary}", v.wire)
    };
    let variant = ident(&v.ident);
    let id = v.ty.unwrap_or_default();
    let mut payload = rust_type(ctx, &crate::model::TypeRef::named(id), Scope::Types);
    if v.boxed {
        payload = quote!(Box<#payload>);
    }
    quote! {
        #[doc = #doc]
        #variant(#payload),
    }
}

/// The variants as `string_enum!` and `tagged_union!` list them: the variant and its value on
/// the wire.
fn variant_wire_names(info: &TypeInfo) -> Vec<TokenStream> {
    info.variants
        .iter()
        .map(|v| {
            let variant = ident(&v.ident);
            let wire = v.wire;
            quote!(#variant = #wire,)
        })
        .collect()
}

/// The tags under which an object appears in unions, for its tag field's doc.
fn union_tag_hint(ctx: &TypeSpace, info: &TypeInfo) -> String {
    let mut tags: Vec<&str> = Vec::new();
    for other in ctx.types.values() {
        for v in &other.variants {
            if v.ty == Some(info.ty.id.as_str()) && !tags.contains(&v.wire) {
                tags.push(v.wire);
            }
        }
    }
    tags.sort_unstable();
    tags.join("`, `")
}
