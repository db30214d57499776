//! Load: the description file into `openapiv3::OpenAPI`, and the sample files into raw samples.
//!
//! Every failure names the file and the line and column (syntax) or the JSON pointer (shape).

use std::fs;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostics::{Diagnostics, Location};

mod schema_refs;

/// A loaded description: the typed document, and the raw tree for what the typed one drops.
pub struct LoadedSpec {
    /// The file it came from, as given.
    pub file: String,
    /// The typed document.
    pub openapi: openapiv3::OpenAPI,
    /// The document as parsed, for the vendor extensions the typed one keeps only loosely
    /// (the resources' documentation reads its component schemas as written).
    pub raw: Value,
    /// What loading left out, and why (references that lead to no schema).
    pub warnings: Diagnostics,
}

/// Reads and parses an OpenAPI 3.0 description in YAML or JSON.
pub fn load_spec(path: &Path) -> Result<LoadedSpec, Diagnostics> {
    let file = path.display().to_string();
    let mut diags = Diagnostics::new();
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => {
            diags.error(
                Location::File(file),
                format!("cannot read the OpenAPI description: {err}"),
            );
            return Err(diags);
        }
    };
    load_spec_text(&file, &text)
}

/// Parses an OpenAPI 3.0 description from text; `file` names it in messages.
pub fn load_spec_text(file: &str, text: &str) -> Result<LoadedSpec, Diagnostics> {
    let file = file.to_owned();
    let mut value = parse_document(&file, text)?;
    check_version(&file, &value)?;
    let warnings = schema_refs::resolve(&file, &mut value);
    // Tracking the path costs a third of the load on a large description, so it is paid only
    // to locate an error.
    if let Ok(openapi) = typed(&value) {
        return Ok(LoadedSpec {
            file,
            openapi,
            raw: value,
            warnings,
        });
    }
    match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&value) {
        Ok(openapi) => Ok(LoadedSpec {
            file,
            openapi,
            raw: value,
            warnings,
        }),
        Err(err) => {
            // openapiv3 flattens and buffers parts of the document, which hides where deep in
            // `paths` or `components` a value is wrong; deserializing each entry on its own
            // finds the exact place, and every broken entry at once.
            let mut found = shape_errors_in_parts(&file, &value);
            if found.is_empty() {
                found.error(
                    Location::Pointer {
                        file,
                        pointer: path_to_pointer(err.path()),
                    },
                    format!("not a valid OpenAPI 3.0 document here: {}", err.inner()),
                );
            }
            Err(found)
        }
    }
}

/// The typed document. Its two large parts, `paths` and `components`, are typed side by
/// side, and apart from the rest: typing the document whole first buffers all of it, because
/// of the extensions the top level gathers. Any error is located by the caller.
fn typed(value: &Value) -> Result<openapiv3::OpenAPI, serde_json::Error> {
    let Some((map, paths)) = value.as_object().and_then(|map| Some((map, map.get("paths")?))) else {
        return openapiv3::OpenAPI::deserialize(value);
    };
    let components = map.get("components");
    let rest: serde_json::Map<String, Value> = map
        .iter()
        .map(|(key, part)| match key.as_str() {
            // Typed apart; the rest needs a `paths`, and has no `components`.
            "paths" => (key.clone(), Value::Object(serde_json::Map::new())),
            _ => (key.clone(), part.clone()),
        })
        .filter(|(key, _)| key != "components")
        .collect();
    let (paths, components) = crate::side_by_side(
        || openapiv3::Paths::deserialize(paths),
        || components.map(Option::<openapiv3::Components>::deserialize).transpose(),
    );
    let mut openapi = openapiv3::OpenAPI::deserialize(&Value::Object(rest))?;
    openapi.paths = paths?;
    openapi.components = components?.flatten();
    Ok(openapi)
}

/// Checks each path item and each component entry on its own, reporting every one that does
/// not have the shape OpenAPI 3.0 gives it.
fn shape_errors_in_parts(file: &str, doc: &Value) -> Diagnostics {
    fn check<T: serde::de::DeserializeOwned>(file: &str, base: &str, entries: Option<&Value>, diags: &mut Diagnostics) {
        let Some(Value::Object(entries)) = entries else { return };
        for (key, entry) in entries {
            if key.starts_with("x-") {
                continue;
            }
            if let Err(err) = serde_path_to_error::deserialize::<_, T>(entry) {
                let pointer = format!(
                    "{base}/{}{}",
                    crate::diagnostics::pointer_token(key),
                    path_to_pointer(err.path())
                );
                diags.error(
                    Location::Pointer {
                        file: file.to_owned(),
                        pointer,
                    },
                    format!("not a valid OpenAPI 3.0 document here: {}", err.inner()),
                );
            }
        }
    }
    let mut diags = Diagnostics::new();
    check::<openapiv3::PathItem>(file, "/paths", doc.get("paths"), &mut diags);
    if let Some(components) = doc.get("components") {
        use openapiv3::ReferenceOr as R;
        check::<R<openapiv3::Schema>>(file, "/components/schemas", components.get("schemas"), &mut diags);
        check::<R<openapiv3::Parameter>>(file, "/components/parameters", components.get("parameters"), &mut diags);
        check::<R<openapiv3::RequestBody>>(
            file,
            "/components/requestBodies",
            components.get("requestBodies"),
            &mut diags,
        );
        check::<R<openapiv3::Response>>(file, "/components/responses", components.get("responses"), &mut diags);
        check::<R<openapiv3::SecurityScheme>>(
            file,
            "/components/securitySchemes",
            components.get("securitySchemes"),
            &mut diags,
        );
    }
    diags
}

/// Parses YAML or JSON text (JSON is YAML, but the JSON parser is much faster and its
/// positions are exact) into a JSON value.
fn parse_document(file: &str, text: &str) -> Result<Value, Diagnostics> {
    let mut diags = Diagnostics::new();
    if text.trim().is_empty() {
        diags.error(
            Location::File(file.to_owned()),
            "the file is empty; expected an OpenAPI 3.0 description in YAML or JSON",
        );
        return Err(diags);
    }
    let looks_like_json = text.trim_start().starts_with('{');
    let parsed = if looks_like_json {
        serde_json::from_str::<Value>(text).map_err(|err| {
            let location = Location::Line {
                file: file.to_owned(),
                line: err.line(),
                column: err.column(),
            };
            (location, format!("invalid JSON: {}", strip_position(&err.to_string())))
        })
    } else {
        serde_yaml::from_str::<Value>(text).map_err(|err| {
            let location = match err.location() {
                Some(at) => Location::Line {
                    file: file.to_owned(),
                    line: at.line(),
                    column: at.column(),
                },
                None => Location::File(file.to_owned()),
            };
            (location, format!("invalid YAML: {}", strip_position(&err.to_string())))
        })
    };
    match parsed {
        Ok(Value::Object(map)) => Ok(Value::Object(map)),
        Ok(other) => {
            diags.error(
                Location::File(file.to_owned()),
                format!(
                    "expected an OpenAPI description (a mapping with an `openapi` key), found {}",
                    json_kind(&other)
                ),
            );
            Err(diags)
        }
        Err((location, message)) => {
            diags.error(location, message);
            Err(diags)
        }
    }
}

/// serde_yaml and serde_json append " at line L column C" to their messages; the location
/// already says it.
fn strip_position(message: &str) -> &str {
    match message.find(" at line ") {
        Some(at) => &message[..at],
        None => message,
    }
}

fn check_version(file: &str, doc: &Value) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::new();
    let location = |pointer: &str| Location::Pointer {
        file: file.to_owned(),
        pointer: pointer.to_owned(),
    };
    if let Some(swagger) = doc.get("swagger") {
        diags.error(
            location("/swagger"),
            format!(
                "Swagger {} is not supported; only OpenAPI 3.0.x is. Convert the description to OpenAPI 3.0",
                display_scalar(swagger)
            ),
        );
        return Err(diags);
    }
    match doc.get("openapi") {
        None => diags.error(
            location(""),
            "not an OpenAPI description: the `openapi` key is missing (expected `openapi: 3.0.x`)",
        ),
        Some(Value::String(v)) if v.starts_with("3.0") => {}
        Some(other) => diags.error(
            location("/openapi"),
            format!(
                "OpenAPI {} is not supported; only OpenAPI 3.0.x is (3.1 changed the schema dialect)",
                display_scalar(other)
            ),
        ),
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(())
    }
}

fn display_scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// Turns serde_path_to_error's path into a JSON pointer.
fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        pointer.push('/');
        match segment {
            Segment::Seq { index } => pointer.push_str(&index.to_string()),
            Segment::Map { key } => pointer.push_str(&crate::diagnostics::pointer_token(key)),
            Segment::Enum { variant } => pointer.push_str(variant),
            Segment::Unknown => pointer.push('?'),
        }
    }
    pointer
}

/// A sample as written, before it is checked against its endpoint.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSample {
    /// Shown as `### title` under Examples.
    pub title: String,
    /// Shown above each tab's code.
    #[serde(default)]
    pub description: String,
    /// The request.
    pub request: RawRequest,
    /// The response.
    #[serde(default)]
    pub response: RawResponse,
    /// The file it came from (set by the loader).
    #[serde(skip)]
    pub file: String,
}

/// The request part of a sample.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequest {
    /// The endpoint's path.
    pub path: String,
    /// The HTTP method (`GET`, …), needed only where a path has several calls.
    #[serde(default)]
    pub method: Option<String>,
    /// The parameters, in the order written.
    #[serde(default)]
    pub parameters: serde_json::Map<String, Value>,
}

/// The response part of a sample.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResponse {
    /// `null` for void, else the JSON body.
    #[serde(default)]
    pub body: Value,
}

/// Reads every `*.yaml` / `*.yml` file of a sample directory, in file-name order.
pub fn load_samples(dir: &Path) -> Result<Vec<RawSample>, Diagnostics> {
    load_lists(
        dir,
        "sample",
        "each sample needs `title`, `description`, `request: {path, parameters}` and `response: {body}`",
        |sample: &mut RawSample, file| sample.file = file.to_owned(),
    )
}

/// A resource sample as written: one JSON example of a resource, which the pages of the
/// endpoints returning that resource show under Response.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawResourceSample {
    /// What it shows, e.g. `Time-bound Online Access Code`.
    pub title: String,
    /// One sentence about it.
    #[serde(default)]
    pub description: String,
    /// The resource's type, e.g. `access_code`.
    pub resource_type: String,
    /// The resource's fields, in the order shown.
    pub properties: serde_json::Map<String, Value>,
    /// The file it came from (set by the loader).
    #[serde(skip)]
    pub file: String,
}

/// Reads every `*.yaml` / `*.yml` file of a resource-sample directory, in file-name order.
pub fn load_resource_samples(dir: &Path) -> Result<Vec<RawResourceSample>, Diagnostics> {
    load_lists(
        dir,
        "resource sample",
        "each resource sample needs `title`, `description`, `resource_type` and `properties`",
        |sample: &mut RawResourceSample, file| sample.file = file.to_owned(),
    )
}

/// Reads the YAML lists of every `*.yaml` / `*.yml` file of `dir`, in file-name order; `what`
/// names an entry in messages, `shape` says what an entry needs, and `set_file` records where
/// each entry came from.
fn load_lists<T: serde::de::DeserializeOwned>(
    dir: &Path,
    what: &str,
    shape: &str,
    set_file: impl Fn(&mut T, &str),
) -> Result<Vec<T>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut items = Vec::new();
    for (file, text) in yaml_files(dir, what, &format!("a YAML list of {what}s"), &mut diags) {
        match serde_yaml::from_str::<Vec<T>>(&text) {
            Ok(list) => items.extend(list.into_iter().map(|mut item| {
                set_file(&mut item, &file);
                item
            })),
            Err(err) => {
                diags.error(
                    yaml_error_location(file, &err),
                    format!("not a list of {what}s ({}); {shape}", strip_position(&err.to_string())),
                );
            }
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(items)
    }
}

/// A route's documentation as written in a route file (`paths.yaml` of Seam's reference):
/// keyed by the route's path, e.g. `/acs/credentials`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoute {
    /// The title of the route's page and of its entry in the table of contents.
    pub title: String,
    /// One line about it, the page's front matter.
    #[serde(default)]
    pub description: Option<String>,
    /// Markdown shown under the title.
    #[serde(default)]
    pub overview: Option<String>,
    /// Resources the page documents besides those whose route it is.
    #[serde(default)]
    pub resources: Vec<String>,
    /// Only these property and variant groups are shown, merged into one list.
    #[serde(default)]
    pub include_groups: Option<Vec<String>>,
    /// These property and variant groups are left out.
    #[serde(default)]
    pub exclude_groups: Option<Vec<String>>,
    /// A notice that the route is in alpha.
    #[serde(default)]
    pub alpha: Option<String>,
    /// For the root route `/` only: hand-written pages listed first in the table of contents.
    #[serde(default)]
    pub pages: Vec<RawPageLink>,
    /// The file it came from (set by the loader).
    #[serde(skip)]
    pub file: String,
}

/// A hand-written page of the reference, listed in the table of contents.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPageLink {
    /// Its title.
    pub title: String,
    /// Its file, relative to the reference's folder, e.g. `authentication.md`.
    pub file: String,
}

/// Reads every `*.yaml` / `*.yml` file of a route directory, in file-name order: mappings of
/// route paths to their documentation. A route written twice is an error naming both files.
pub fn load_routes(dir: &Path) -> Result<indexmap::IndexMap<String, RawRoute>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut routes: indexmap::IndexMap<String, RawRoute> = indexmap::IndexMap::new();
    for (file, text) in yaml_files(dir, "route", "a YAML mapping of route paths", &mut diags) {
        match serde_yaml::from_str::<indexmap::IndexMap<String, RawRoute>>(&text) {
            Ok(map) => {
                for (path, mut route) in map {
                    if let Some(first) = routes.get(&path) {
                        diags.error(
                            Location::File(file.clone()),
                            format!("the route `{path}` is written in {} already", first.file),
                        );
                        continue;
                    }
                    if !path.starts_with('/') {
                        diags.error(
                            Location::File(file.clone()),
                            format!("`{path}` is not a route path; each key is a path such as `/acs/users`"),
                        );
                        continue;
                    }
                    route.file = file.clone();
                    routes.insert(path, route);
                }
            }
            Err(err) => {
                diags.error(
                    yaml_error_location(file, &err),
                    format!(
                        "not a mapping of routes ({}); each route needs a `title`, and may have `description`, `overview`, `resources`, `include_groups`, `exclude_groups`, `alpha` and (the root `/`) `pages`",
                        strip_position(&err.to_string())
                    ),
                );
            }
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(routes)
    }
}

/// The text of every non-empty `*.yaml` / `*.yml` file of `dir`, in file-name order, with
/// its name; a directory or file that cannot be read, or an empty file, is an error in `diags`
/// (`what` names an entry in messages, `expected` what a file holds).
fn yaml_files(dir: &Path, what: &str, expected: &str, diags: &mut Diagnostics) -> Vec<(String, String)> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diags.error(
                Location::File(dir.display().to_string()),
                format!("cannot read the {what} directory: {err}"),
            );
            return Vec::new();
        }
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let file = path.display().to_string();
        match fs::read_to_string(&path) {
            Ok(text) if text.trim().is_empty() => diags.error(
                Location::File(file),
                format!("the {what} file is empty; expected {expected}"),
            ),
            Ok(text) => files.push((file, text)),
            Err(err) => diags.error(Location::File(file), format!("cannot read the {what} file: {err}")),
        }
    }
    files
}

/// Where a YAML error is: its line and column in `file` when it has one.
fn yaml_error_location(file: String, err: &serde_yaml::Error) -> Location {
    match err.location() {
        Some(at) => Location::Line {
            file,
            line: at.line(),
            column: at.column(),
        },
        None => Location::File(file),
    }
}
