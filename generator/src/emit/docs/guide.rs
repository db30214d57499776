//! `sample_tabs(…)`: the template function guides call to insert a sample's tabs.
//!
//! ```jinja
//! {{ sample_tabs("Assign a credential to an ACS user",        {# or path="/…", index=0 #}
//!                languages=["python", "curl", "ruby"],         {# the tabs, in order #}
//!                coming_soon=["ruby"],                         {# tabs that only say "Coming soon!" #}
//!                response="Get a credential",                  {# show another sample's response #}
//!                fields=9, elided="manufacturer-specific metadata",
//!                hint="This response contains …") }}
//! ```
//!
//! The sample is named by its title (which must be unique) or by `path` and `index` (0 is the
//! endpoint's primary sample). `response` (a title) or `response_path` + `response_index`
//! names the sample whose response the tabs show, for a call whose own response says too
//! little; by default a sample shows its own. `fields` keeps only the first fields of each
//! shown resource and marks the rest with a comment saying `elided`. `hint` is shown above
//! each real response. The tabs are laid out by `templates/docs/guide_tabs.md`.

use std::sync::Arc;

use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, Error, ErrorKind, State};
use serde::Serialize;

use super::samples::{Lang, Renderer, Shown, Style};
use crate::model::{Api, Endpoint, Sample};

/// The template that lays out a guide's tabs.
pub const TABS: &str = "docs/guide_tabs.md";

#[derive(Serialize)]
struct GuideTab {
    lang: &'static str,
    code: String,
    output: String,
    coming_soon: bool,
    /// How the language starts a comment (for "Coming soon!").
    comment: &'static str,
}

/// Registers `sample_tabs`; without an API (no samples) every call fails with a clear message.
pub fn register(env: &mut Environment, api: Option<Arc<Api>>) {
    env.add_function(
        "sample_tabs",
        move |state: &State, title: Option<String>, kwargs: Kwargs| -> Result<Value, Error> {
            let api = api
                .as_deref()
                .ok_or_else(|| invalid("sample_tabs: the API has no samples".to_owned()))?;
            sample_tabs(state, api, title, &kwargs)
        },
    );
}

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidOperation, message)
}

fn sample_tabs(state: &State, api: &Api, title: Option<String>, kwargs: &Kwargs) -> Result<Value, Error> {
    let path: Option<String> = kwargs.get("path")?;
    let index: Option<usize> = kwargs.get("index")?;
    let (endpoint, sample) = find(api, title.as_deref(), path.as_deref(), index)?;

    let response: Option<String> = kwargs.get("response")?;
    let response_path: Option<String> = kwargs.get("response_path")?;
    let response_index: Option<usize> = kwargs.get("response_index")?;
    let (shown_endpoint, shown_sample) = if response.is_some() || response_path.is_some() {
        find(api, response.as_deref(), response_path.as_deref(), response_index)?
    } else {
        (endpoint, sample)
    };
    let mut shown = Shown::of(shown_endpoint, shown_sample);
    if shown.is_none() && (response.is_some() || response_path.is_some()) {
        return Err(invalid(format!(
            "sample_tabs: the sample \"{}\" shows no response to borrow",
            shown_sample.title
        )));
    }
    let fields: Option<usize> = kwargs.get("fields")?;
    let elided: Option<String> = kwargs.get("elided")?;
    let elided = elided.unwrap_or_else(|| "…".to_owned());
    if let (Some(shown), Some(fields)) = (shown.as_mut(), fields) {
        shown.elide = Some((fields, elided.as_str()));
    }

    let languages: Vec<String> = kwargs.get("languages")?;
    let coming_soon: Option<Vec<String>> = kwargs.get("coming_soon")?;
    let coming_soon = coming_soon.unwrap_or_default();
    let hint: Option<String> = kwargs.get("hint")?;
    kwargs.assert_all_used()?;

    let renderer = Renderer::new(api);
    let mut tabs = Vec::new();
    if let Some(stray) = coming_soon.iter().find(|k| !languages.contains(k)) {
        return Err(invalid(format!(
            "sample_tabs: `{stray}` is in `coming_soon` but not in `languages`"
        )));
    }
    for key in &languages {
        let lang = Lang::from_key(key).ok_or_else(|| {
            invalid(format!(
                "sample_tabs: unknown language `{key}`; known: {}",
                Lang::ALL.map(Lang::key).join(", ")
            ))
        })?;
        let soon = coming_soon.contains(key);
        let rendered = (!soon).then(|| renderer.render(lang, Style::Guide, endpoint, sample, shown.as_ref()));
        tabs.push(GuideTab {
            lang: lang.key(),
            code: rendered.as_ref().map(|r| r.code.clone()).unwrap_or_default(),
            output: rendered.map(|r| r.output).unwrap_or_default(),
            coming_soon: soon,
            comment: lang.comment(),
        });
    }
    let text = state
        .env()
        .get_template(TABS)?
        .render(minijinja::context! { tabs => tabs, hint => hint })?;
    // The caller puts the tabs on a line of their own.
    Ok(Value::from_safe_string(text.trim_end().to_owned()))
}

/// The sample named by title, or by endpoint path and index.
fn find<'a>(
    api: &'a Api,
    title: Option<&str>,
    path: Option<&str>,
    index: Option<usize>,
) -> Result<(&'a Endpoint, &'a Sample), Error> {
    match (title, path) {
        (Some(title), None) => {
            let mut found = api
                .endpoints
                .iter()
                .flat_map(|e| e.samples.iter().map(move |s| (e, s)))
                .filter(|(_, s)| s.title == title);
            let first = found
                .next()
                .ok_or_else(|| invalid(format!("sample_tabs: no sample is titled \"{title}\"")))?;
            if let Some((other, _)) = found.next() {
                return Err(invalid(format!(
                    "sample_tabs: two samples are titled \"{title}\" ({} and {}); name one by path and index",
                    first.0.path, other.path
                )));
            }
            Ok(first)
        }
        (None, Some(path)) => {
            let endpoint = api
                .endpoints
                .iter()
                .find(|e| e.path == path)
                .ok_or_else(|| invalid(format!("sample_tabs: no endpoint has the path `{path}`")))?;
            let index = index.unwrap_or(0);
            let sample = endpoint.samples.get(index).ok_or_else(|| {
                invalid(format!(
                    "sample_tabs: `{path}` has {} sample(s); there is no index {index}",
                    endpoint.samples.len()
                ))
            })?;
            Ok((endpoint, sample))
        }
        _ => Err(invalid(
            "sample_tabs: name the sample by its title, or by path (and index), not both".to_owned(),
        )),
    }
}
