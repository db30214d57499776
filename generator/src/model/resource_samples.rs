//! Checks the resource samples against the resources' types, so a page never shows an example
//! of a resource that the API would not return.

use std::collections::HashMap;

use serde_json::Value;

use super::samples::Checker;
use super::{Api, NamedType, ResourceSample, TypeRef};
use crate::diagnostics::{Diagnostics, Location};
use crate::load::RawResourceSample;

/// Gives the model its resource samples; reports every defect found, as warnings when
/// `lenient` (generation then goes on, showing the samples as written).
pub fn attach(api: &mut Api, samples: Vec<RawResourceSample>, lenient: bool) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let types: HashMap<&str, &NamedType> = api.types.iter().map(|t| (t.id.as_str(), t)).collect();
    let checker = Checker { types: &types };
    let mut kept = Vec::new();
    for raw in samples {
        let location = Location::Sample {
            file: raw.file.clone(),
            title: raw.title.clone(),
        };
        let problems = match types.get(raw.resource_type.as_str()) {
            Some(named) if named.component => checker.value(
                &TypeRef::named(raw.resource_type.clone()),
                false,
                &Value::Object(raw.properties.clone()),
                "properties",
            ),
            _ => vec![format!(
                "no resource has the type `{}`; the resource sample is left out",
                raw.resource_type
            )],
        };
        for problem in &problems {
            if lenient {
                diags.warning(location.clone(), problem.clone());
            } else {
                diags.error(location.clone(), problem.clone());
            }
        }
        // A sample of a type that does not exist can be shown nowhere; any other defect, once
        // reported, is shown as written when `lenient`.
        if types.get(raw.resource_type.as_str()).is_some_and(|t| t.component) {
            kept.push(ResourceSample {
                title: raw.title,
                description: raw.description,
                resource_type: raw.resource_type,
                file: raw.file,
                properties: raw.properties,
            });
        }
    }
    api.resource_samples = kept;
    diags
}
