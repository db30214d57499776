//! The Markdown reference pages, under `docs/` of the output folder.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::fileset::FileSet;
use crate::model::Api;

/// Adds a page per documented endpoint to `files`.
pub fn emit(api: &Api, templates: &Path, files: &mut FileSet) -> Result<(), Diagnostics> {
    let _ = templates;
    for endpoint in api.endpoints.iter().filter(|e| e.is_documented()) {
        files.insert(
            format!("docs{}.md", endpoint.path),
            format!("# {}\n\n{}\n", endpoint.title, endpoint.description),
        );
    }
    Ok(())
}
