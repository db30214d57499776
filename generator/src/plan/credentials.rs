//! The client builder's credential setters: one per security scheme of the description,
//! named after the scheme, outside Seam's profile (which has its own).

use super::names::{self, Namer};
use super::profile::Profile;
use crate::model::{Api, SchemeKind, SecurityScheme};

/// The builder's own methods, which a scheme's setter must not shadow.
const BUILDER_METHODS: &[&str] = &[
    "api_key",
    "personal_access_token",
    "workspace_id",
    "client_session_token",
    "base_url",
    "timeout",
    "no_timeout",
    "deadline",
    "user_agent",
    "header",
    "http_client",
    "max_retries",
    "retry_delay",
    "max_retry_delay",
    "wait_for_action_attempt",
    "from_env",
    "build",
    "credential",
    "auth",
    "no_seam_auth",
];

/// A scheme and the builder method that sets its credential.
#[derive(Debug, Clone)]
pub struct CredentialSetter<'a> {
    /// The scheme.
    pub scheme: &'a SecurityScheme,
    /// The setter's identifier, e.g. `petstore_auth`, or `api_key_credential` where the
    /// scheme's name is a method of the builder already.
    pub ident: String,
}

impl CredentialSetter<'_> {
    /// Whether the setter takes a user name and a password (else one token or key).
    pub fn is_basic(&self) -> bool {
        self.scheme.kind == SchemeKind::Basic
    }
}

/// The credential setters of `api`'s schemes, in the description's order; none in Seam's
/// profile.
pub fn credential_setters(api: &Api) -> Vec<CredentialSetter<'_>> {
    if !Profile::of(api).scheme_credentials() {
        return Vec::new();
    }
    let mut namer = Namer::with_reserved(BUILDER_METHODS);
    api.security_schemes
        .iter()
        .map(|scheme| {
            let wanted = names::snake(&scheme.name);
            let wanted = if BUILDER_METHODS.contains(&names::bare(&wanted)) {
                format!("{}_credential", names::bare(&wanted))
            } else {
                wanted
            };
            CredentialSetter {
                scheme,
                ident: namer.unique(wanted),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::KeyPlace;

    fn scheme(name: &str, kind: SchemeKind) -> SecurityScheme {
        SecurityScheme {
            name: name.to_owned(),
            kind,
            description: String::new(),
        }
    }

    #[test]
    fn setters_are_named_after_their_schemes_without_shadowing_the_builder() {
        let mut api = crate::plan::fixture::api(Vec::new(), Vec::new());
        api.security_schemes = vec![
            scheme("petstore_auth", SchemeKind::Bearer),
            scheme(
                "api_key",
                SchemeKind::ApiKey {
                    name: "api_key".to_owned(),
                    place: KeyPlace::Header,
                },
            ),
            scheme("Api-Key", SchemeKind::Basic),
            scheme("type", SchemeKind::Bearer),
        ];
        let names: Vec<String> = credential_setters(&api).into_iter().map(|s| s.ident).collect();
        assert_eq!(
            names,
            ["petstore_auth", "api_key_credential", "api_key_credential_2", "r#type"]
        );
        api.endpoints = crate::plan::fixture::seam_api().endpoints;
        assert!(credential_setters(&api).is_empty());
    }
}
