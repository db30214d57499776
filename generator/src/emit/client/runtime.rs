//! The runtime each generated crate gets: `templates/client/runtime.rs` as it is in Seam's
//! profile; for any other API, set to that profile (Seam's own items left out, its messages
//! naming no Seam API) and with its client and builder renamed after the crate.

use crate::model::Api;
use crate::plan::{ClientNames, Gate, Profile, Runtime, TypeSpace};

/// The runtime, copied into every generated crate.
const RUNTIME: &str = include_str!("../../../../templates/client/runtime.rs");

/// The runtime's decoding that allows missing fields, copied into every generated crate.
const LENIENT: &str = include_str!("../../../../templates/client/lenient.rs");

/// The line of the runtime that says which profile the client follows.
const SEAM_PROFILE_LINE: &str = "const SEAM_PROFILE: bool = true;";

/// The runtime's user agent, named after Seam's SDK; another API's client sends its crate's.
const SEAM_USER_AGENT: &str = r#"concat!("seam-rust/", env!("CARGO_PKG_VERSION"))"#;
const CRATE_USER_AGENT: &str = r#"concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"))"#;

/// How the runtime's client docs say it is built, in Seam's profile.
const SEAM_CLIENT_DOC: &str = "/// Cheap to clone: clones share one connection pool. Build one with [`Seam::new`],
/// [`Seam::from_env`] or [`Seam::builder`], then call endpoints through the namespaces, e.g.
/// `seam.acs().users().list()`.";

/// The runtime, set to the API's profile: outside Seam's, its client and builder take the
/// crate's names and its messages name no API.
pub fn runtime(api: &Api, names: &ClientNames) -> String {
    let text = match Profile::of(api).runtime() {
        Runtime::Seam => without_blocks(RUNTIME, ANY_API_ONLY_BEGIN, ANY_API_ONLY_END, false),
        Runtime::Http => without_blocks(
            &without_blocks(&any_api_runtime(api), SEAM_ONLY_BEGIN, SEAM_ONLY_END, false),
            ANY_API_ONLY_BEGIN,
            ANY_API_ONLY_END,
            true,
        ),
    };
    match names.client.as_str() {
        "Seam" => text,
        _ => renamed(&text, &names.client, &names.builder),
    }
}

/// The verification of Seam's webhooks, copied into a crate of Seam's profile.
const WEBHOOK: &str = include_str!("../../../../templates/client/webhook.rs");

/// The line of the webhook module that names the event type a delivery carries.
const WEBHOOK_EVENT_LINE: &str = "pub type Event = serde_json::Value;";

/// The webhook module of a crate of Seam's profile, its `Event` the description's `event`
/// resource, and the namespace features that type needs; `None` outside Seam's profile.
pub fn webhook(ctx: &TypeSpace) -> Option<(String, Vec<String>)> {
    if ctx.profile.runtime() != Runtime::Seam {
        return None;
    }
    let Some(info) = ctx.types.get("event").filter(|info| info.emitted) else {
        return Some((WEBHOOK.to_owned(), Vec::new()));
    };
    let features = match &info.gate {
        Gate::Always => Vec::new(),
        Gate::Any(set) => set.iter().take(1).cloned().collect(),
        Gate::All(set) => set.iter().cloned().collect(),
    };
    let line = format!("pub type Event = crate::types::{};", info.name);
    Some((WEBHOOK.replacen(WEBHOOK_EVENT_LINE, &line, 1), features))
}

/// The decoding that allows missing fields, its links naming the crate's builder.
pub fn lenient(_api: &Api, names: &ClientNames) -> String {
    match names.client.as_str() {
        "Seam" => LENIENT.to_owned(),
        _ => renamed(LENIENT, &names.client, &names.builder),
    }
}

/// The runtime set outside Seam's profile: its docs and messages name no Seam API, and it
/// sends its own crate's user agent.
fn any_api_runtime(api: &Api) -> String {
    let title = api.title.replace(['\n', '\r'], " ");
    let client_doc = "/// Cheap to clone: clones share one connection pool. Build one with [`Seam::builder`],\n\
                      /// then call endpoints through the namespaces.";
    RUNTIME
        .replacen(SEAM_PROFILE_LINE, "const SEAM_PROFILE: bool = false;", 1)
        .replacen(
            "/// A client of the Seam API.",
            &format!("/// A client of the {title} API."),
            1,
        )
        .replacen("cannot reach the Seam API: {e}", "cannot reach the API: {e}", 1)
        .replacen(SEAM_USER_AGENT, CRATE_USER_AGENT, 1)
        .replacen(SEAM_CLIENT_DOC, client_doc, 1)
        .replacen(
            "invalid Seam client configuration: {message}",
            "invalid client configuration: {message}",
            1,
        )
}

/// The runtime's marks around the items that only Seam's profile has (Seam's credentials,
/// its environment variables, the wait for action attempts).
const SEAM_ONLY_BEGIN: &str = "// Seam's profile only: begin";
const SEAM_ONLY_END: &str = "// Seam's profile only: end";

/// The runtime's marks around the items that only the other profile has (the decoding of
/// answers that Seam's description never gives: a success without a body beside one with JSON;
/// body fields renamed beside a path parameter of their name).
const ANY_API_ONLY_BEGIN: &str = "// Any API's profile only: begin";
const ANY_API_ONLY_END: &str = "// Any API's profile only: end";

/// `text` without the mark lines `begin` and `end`, and without the lines between them unless
/// `keep_inside`.
fn without_blocks(text: &str, begin: &str, end: &str, keep_inside: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for line in text.split_inclusive('\n') {
        match line.trim() {
            mark if mark == begin => inside = true,
            mark if mark == end => inside = false,
            _ if !inside || keep_inside => out.push_str(line),
            _ => {}
        }
    }
    out
}

/// `text` with the identifiers `Seam` and `SeamBuilder` renamed where they stand for the
/// client and its builder in code or doc links (followed by `::`, ` {`, `,`, `)`, `` ` ``,
/// `"`, `>` or `;`); prose about Seam (`Seam's`, `Seam performs`) is left alone.
fn renamed(text: &str, client: &str, builder: &str) -> String {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("Seam") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + "Seam".len()..];
        let bounded = !out.ends_with(is_ident);
        if let Some(after) = tail
            .strip_prefix("Builder")
            .filter(|after| bounded && !after.starts_with(is_ident))
        {
            out.push_str(builder);
            rest = after;
            continue;
        }
        let code = ["::", " {", ",", ")", "`", "\"", ">", ";"]
            .iter()
            .any(|p| tail.starts_with(p));
        out.push_str(if bounded && code { client } else { "Seam" });
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_says_its_profile_on_one_line_the_generator_can_turn() {
        assert_eq!(RUNTIME.matches(SEAM_PROFILE_LINE).count(), 1);
        let api = crate::plan::fixture::seam_api();
        let seam = runtime(&api, &ClientNames::of(&api));
        assert_eq!(
            seam,
            without_blocks(RUNTIME, ANY_API_ONLY_BEGIN, ANY_API_ONLY_END, false)
        );
        assert!(!seam.contains("JsonOrNothing") && !seam.contains(ANY_API_ONLY_BEGIN));
        let api = crate::plan::fixture::api(Vec::new(), Vec::new());
        let generic = runtime(&api, &ClientNames::of(&api));
        assert!(!generic.contains(SEAM_PROFILE_LINE));
        assert!(generic.contains("const SEAM_PROFILE: bool = false;"));
        // The other profile's items are kept, their marks are not.
        assert!(generic.contains("JsonOrNothing(&'static [u16]),"));
        assert!(!generic.contains(ANY_API_ONLY_BEGIN) && !generic.contains(ANY_API_ONLY_END));
    }

    #[test]
    fn the_client_is_renamed_in_code_and_links_but_not_in_prose_about_seam() {
        let text = "/// Build one with [`Seam::new`] or a [`SeamBuilder`], as Seam's SDKs do.\n\
                    pub struct Seam {}\nimpl From<Seam> for SeamBuilderish {}\n\
                    fn f(x: &Seam, y: Option<SeamBuilder>) -> crate::Seam; f.debug_struct(\"Seam\")";
        assert_eq!(
            renamed(text, "Pets", "PetsBuilder"),
            "/// Build one with [`Pets::new`] or a [`PetsBuilder`], as Seam's SDKs do.\n\
             pub struct Pets {}\nimpl From<Pets> for SeamBuilderish {}\n\
             fn f(x: &Pets, y: Option<PetsBuilder>) -> crate::Pets; f.debug_struct(\"Pets\")"
        );
        let mut api = crate::plan::fixture::api(Vec::new(), Vec::new());
        api.title = "Pet Store".to_owned();
        let generic = runtime(&api, &ClientNames::of(&api));
        assert!(
            generic.contains("pub struct PetStore {"),
            "the client keeps Seam's name"
        );
        assert!(generic.contains("/// A client of the Pet Store API."));
        assert_eq!(RUNTIME.matches(SEAM_USER_AGENT).count(), 1);
        assert_eq!(RUNTIME.matches(SEAM_CLIENT_DOC).count(), 1);
        assert!(generic.contains("Build one with [`PetStore::builder`],\n/// then call endpoints"));
        assert!(!generic.contains("seam-rust/"), "the user agent is Seam's");
        for code in ["Seam::", "Seam {", "SeamBuilder", "crate::Seam"] {
            assert!(!generic.contains(code), "`{code}` is left in the runtime");
        }
        // Seam's credentials and environment are Seam's only, each in a marked block.
        assert_eq!(RUNTIME.matches(SEAM_ONLY_BEGIN).count(), 5);
        assert_eq!(RUNTIME.matches(SEAM_ONLY_END).count(), 5);
        for item in [
            "pub fn api_key",
            "pub fn from_env",
            "env_var(\"SEAM_API_KEY\")",
            "pub fn personal_access_token",
        ] {
            assert!(RUNTIME.contains(item));
            assert!(!generic.contains(item), "`{item}` is left in the runtime");
        }
    }
}
