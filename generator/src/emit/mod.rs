//! Emitters: each reads only the [`crate::model`] and adds files to a [`crate::fileset::FileSet`].

pub mod client;
pub mod docs;
