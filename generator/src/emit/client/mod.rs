//! The Rust client crate, under `client/` of the output folder.

mod sample;

pub use sample::rust_sample;

use crate::diagnostics::Diagnostics;
use crate::fileset::FileSet;
use crate::model::Api;

/// Adds the client crate's files to `files`.
pub fn emit(api: &Api, files: &mut FileSet) -> Result<(), Diagnostics> {
    let _ = api;
    files.insert(
        "client/Cargo.toml",
        "[package]\nname = \"seam\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    files.insert("client/src/lib.rs", "//! Seam client.\n");
    Ok(())
}
