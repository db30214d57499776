//! The Rust tab of a sample: exactly the call a downstream crate writes.

use crate::model::{Api, Endpoint, Sample};

/// Renders the call that `sample` makes with the generated client, as Rust source.
pub fn rust_sample(api: &Api, endpoint: &Endpoint, sample: &Sample) -> String {
    let _ = (api, sample);
    format!("seam.{}().await?;\n", endpoint.call_segments().join("()."))
}
