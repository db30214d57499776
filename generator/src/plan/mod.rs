//! The Rust surface of the API, decided once: type, variant and field names, boxing,
//! `Default`, feature gates, module paths, method and setter names, and how a sample's call
//! and result read in Rust.
//!
//! It sits between the [`crate::model`] and the emitters. The client emitter, the Rust tab of
//! the pages (code and output) and the generated tests read this plan and nothing of each
//! other, so the docs cannot name a type, a method or a field the crate does not have.

mod client;
mod credentials;
mod cycles;
mod debug_view;
mod defaults;
#[cfg(test)]
pub(crate) mod fixture;
mod gates;
mod layout;
pub mod names;
mod profile;
mod roles;
mod rust_type;
mod sample;
mod types;

pub use client::{crate_name_problem, ClientNames};
pub use credentials::{credential_setters, CredentialSetter};
pub use debug_view::{debug_view, result_view};
pub use gates::{feature_name, feature_of};
pub use layout::{setters, EndpointId, EndpointNames, Layout, Setter};
pub use profile::{Anatomy, Profile, Reference, Runtime};
pub use roles::parameter_types;
pub use rust_type::{element_type, ident, rust_type, Scope};
pub use sample::{placeholder, render_call, result_variable, rust_sample, RustSamples};
pub use types::{FieldInfo, FieldRole, Gate, TypeInfo, TypeSpace, VariantInfo};
