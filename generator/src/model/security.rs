//! How a call authenticates: Seam's authentication methods, and the security schemes and
//! requirements of any other description.

use std::collections::BTreeSet;

use openapiv3::{Operation, Parameter, PathItem, ReferenceOr};

use super::{AuthMethod, Endpoint, KeyPlace, SchemeKind, SecurityScheme, WorkspaceHeader};
use crate::diagnostics::{pointer_token, Diagnostics, Location};

/// The public authentication methods that the security requirements allow.
pub(super) fn auth_methods(security: Option<&Vec<openapiv3::SecurityRequirement>>) -> Vec<AuthMethod> {
    let schemes: BTreeSet<&str> = security
        .into_iter()
        .flatten()
        .flat_map(|requirement| requirement.keys())
        .map(String::as_str)
        .collect();
    let mut methods = BTreeSet::new();
    for scheme in &schemes {
        match *scheme {
            "api_key" => {
                methods.insert(AuthMethod::ApiKey);
            }
            "publishable_key" => {
                methods.insert(AuthMethod::PublishableKey);
            }
            s if s.starts_with("client_session") => {
                methods.insert(AuthMethod::ClientSessionToken);
            }
            _ => {}
        }
    }
    let with = schemes.contains("pat_with_workspace");
    let without = schemes.contains("pat_without_workspace");
    let workspace = match (with, without) {
        (true, true) => Some(WorkspaceHeader::Optional),
        (true, false) => Some(WorkspaceHeader::Required),
        (false, true) => Some(WorkspaceHeader::Forbidden),
        (false, false) => None,
    };
    if let Some(workspace) = workspace {
        methods.insert(AuthMethod::PersonalAccessToken { workspace });
    }
    let mut methods: Vec<AuthMethod> = methods.into_iter().collect();
    methods.sort_by_key(|m| m.display_name());
    methods
}

/// A call's security requirements, any one of which it may meet: each the schemes it needs.
pub(super) fn security_requirements(security: Option<&Vec<openapiv3::SecurityRequirement>>) -> Vec<Vec<String>> {
    security
        .into_iter()
        .flatten()
        .map(|requirement| requirement.keys().cloned().collect())
        .collect()
}

/// The scheme that stands for a required `Authorization` header parameter of a call that
/// declares no security: OpenAPI ignores such a parameter (the client sets the header
/// itself), yet it is how some descriptions (NDHM's gateway) ask for the access token, so the
/// client holds it as a credential and sends it as the header.
pub(super) const AUTHORIZATION_PARAMETER: &str = "Authorization";

/// The required `Authorization` header parameter of an operation, if it declares one.
pub(super) fn authorization_parameter<'o>(
    openapi: &'o openapiv3::OpenAPI,
    item: &'o PathItem,
    op: &'o Operation,
) -> Option<&'o openapiv3::ParameterData> {
    item.parameters
        .iter()
        .chain(&op.parameters)
        .filter_map(|param| super::support::resolve_parameter(openapi, param))
        .find_map(|param| match param {
            Parameter::Header { parameter_data, .. }
                if parameter_data.required && parameter_data.name.eq_ignore_ascii_case(AUTHORIZATION_PARAMETER) =>
            {
                Some(parameter_data)
            }
            _ => None,
        })
}

/// A call's security requirements, as [`security_requirements`] reads them; a call that
/// declares none but requires an `Authorization` header parameter needs the credential
/// [`AUTHORIZATION_PARAMETER`] stands for.
pub(super) fn call_security(openapi: &openapiv3::OpenAPI, item: &PathItem, op: &Operation) -> Vec<Vec<String>> {
    let requirements = security_requirements(op.security.as_ref().or(openapi.security.as_ref()));
    let credential = !super::support::has_seam_sdk_names(op) && authorization_parameter(openapi, item, op).is_some();
    match requirements.is_empty() && credential {
        true => vec![vec![AUTHORIZATION_PARAMETER.to_owned()]],
        false => requirements,
    }
}

/// The scheme [`AUTHORIZATION_PARAMETER`] names, added to `schemes` when a call needs it and
/// the description declares no scheme of that name: a key sent as the `Authorization` header.
pub(super) fn add_authorization_parameter(
    openapi: &openapiv3::OpenAPI,
    endpoints: &[Endpoint],
    schemes: &mut Vec<SecurityScheme>,
) {
    let needed = endpoints
        .iter()
        .any(|e| e.security.iter().flatten().any(|name| name == AUTHORIZATION_PARAMETER));
    if !needed || schemes.iter().any(|s| s.name == AUTHORIZATION_PARAMETER) {
        return;
    }
    let description = openapi
        .paths
        .paths
        .values()
        .filter_map(|item| item.as_item())
        .flat_map(|item| {
            super::support::operations_of(item)
                .into_iter()
                .map(move |(_, op)| (item, op))
        })
        .find_map(|(item, op)| authorization_parameter(openapi, item, op)?.description.clone())
        .unwrap_or_default();
    schemes.push(SecurityScheme {
        name: AUTHORIZATION_PARAMETER.to_owned(),
        kind: SchemeKind::ApiKey {
            name: AUTHORIZATION_PARAMETER.to_owned(),
            place: KeyPlace::Header,
        },
        description,
    });
}

/// Keeps the security requirements whose schemes the client can all send; an endpoint left
/// with none of its requirements cannot authenticate, and is left out with a warning.
pub(super) fn keep_callable_security(
    file: &str,
    schemes: &[SecurityScheme],
    endpoints: &mut Vec<Endpoint>,
    diags: &mut Diagnostics,
) {
    endpoints.retain_mut(|e| {
        if e.security.is_empty() {
            return true;
        }
        let known = |name: &String| schemes.iter().any(|s| &s.name == name);
        let missing: BTreeSet<String> = e.security.iter().flatten().filter(|n| !known(n)).cloned().collect();
        let mut crowded = BTreeSet::new();
        e.security.retain(|requirement| {
            if !requirement.iter().all(known) {
                return false;
            }
            match shared_place(schemes, requirement) {
                Some(clash) => {
                    crowded.insert(clash);
                    false
                }
                None => true,
            }
        });
        if !e.security.is_empty() {
            return true;
        }
        let mut missing: Vec<String> = missing.iter().map(|n| format!("`{n}`")).collect();
        missing.extend(crowded);
        diags.warning(
            Location::Pointer {
                file: file.to_owned(),
                pointer: format!(
                    "/paths/{}/{}",
                    pointer_token(&e.path),
                    e.http_method.as_str().to_lowercase()
                ),
            },
            format!(
                "every security requirement needs a scheme the client cannot send ({}); the operation is left out",
                missing.join(", ")
            ),
        );
        false
    });
}

/// Two schemes of one requirement whose credentials travel in the same place (`basic` and an
/// OAuth 2 token both in the `Authorization` header): no request can carry both. Bearer
/// schemes do not clash with one another: one token meets them all, as Google's descriptions
/// require two OAuth 2 flows (implicit and authorization code) of the same access token.
fn shared_place(schemes: &[SecurityScheme], requirement: &[String]) -> Option<String> {
    let mut seen: Vec<(String, &String, bool)> = Vec::new();
    for name in requirement {
        let scheme = schemes.iter().find(|s| &s.name == name)?;
        let bearer = scheme.kind == SchemeKind::Bearer;
        let place = match &scheme.kind {
            SchemeKind::Bearer | SchemeKind::Basic => "the `Authorization` header".to_owned(),
            SchemeKind::ApiKey { name, place } => match place {
                KeyPlace::Header if name.eq_ignore_ascii_case("authorization") => {
                    "the `Authorization` header".to_owned()
                }
                KeyPlace::Header => format!("the `{}` header", name.to_ascii_lowercase()),
                KeyPlace::Query => format!("the query parameter `{name}`"),
                KeyPlace::Cookie => format!("the cookie `{name}`"),
            },
        };
        if let Some((_, other, _)) = seen.iter().find(|(p, _, b)| *p == place && !(*b && bearer)) {
            return Some(format!("`{other}` and `{name}` both in {place}"));
        }
        seen.push((place, name, bearer));
    }
    None
}

/// The description's security schemes a client can send; each other one is a warning that
/// names it (its calls then cannot meet a requirement that needs it).
pub(super) fn security_schemes(
    file: &str,
    openapi: &openapiv3::OpenAPI,
    diags: &mut Diagnostics,
) -> Vec<SecurityScheme> {
    use openapiv3::{APIKeyLocation, SecurityScheme as Scheme};
    let Some(components) = &openapi.components else {
        return Vec::new();
    };
    let mut schemes = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let at = Location::Pointer {
            file: file.to_owned(),
            pointer: format!("/components/securitySchemes/{}", pointer_token(name)),
        };
        let ReferenceOr::Item(scheme) = scheme else {
            diags.warning(
                at,
                "security schemes given by `$ref` are not supported; calls that need it cannot be made",
            );
            continue;
        };
        let (kind, description) = match scheme {
            Scheme::HTTP {
                scheme, description, ..
            } => match scheme.to_ascii_lowercase().as_str() {
                "bearer" => (SchemeKind::Bearer, description),
                "basic" => (SchemeKind::Basic, description),
                other => {
                    diags.warning(
                        at,
                        format!("the HTTP authentication scheme `{other}` is not supported; calls that need it cannot be made"),
                    );
                    continue;
                }
            },
            Scheme::APIKey {
                location,
                name: key,
                description,
                ..
            } => {
                let place = match location {
                    APIKeyLocation::Header => KeyPlace::Header,
                    APIKeyLocation::Query => KeyPlace::Query,
                    APIKeyLocation::Cookie => KeyPlace::Cookie,
                };
                (
                    SchemeKind::ApiKey {
                        name: key.clone(),
                        place,
                    },
                    description,
                )
            }
            // The client holds the access token; getting one is the caller's business.
            Scheme::OAuth2 { description, .. } | Scheme::OpenIDConnect { description, .. } => {
                (SchemeKind::Bearer, description)
            }
        };
        schemes.push(SecurityScheme {
            name: name.clone(),
            kind,
            description: description.clone().unwrap_or_default(),
        });
    }
    schemes
}
