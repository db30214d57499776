//! The names of the generated crate and its client: Seam's (`seam`, `Seam`, `SeamBuilder`, a
//! `seam` variable in examples) in Seam's profile; else from the description's title.

use super::names;
use super::profile::Profile;
use crate::model::Api;

/// Crate names a generated crate must not take: the language's, and those of the crates it
/// depends on, which its code and tests name.
const TAKEN_CRATES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "proc_macro",
    "test",
    "futures_core",
    "reqwest",
    "serde",
    "serde_json",
    "serde_path_to_error",
    "tokio",
    "tracing",
    "wiremock",
];

/// What the crate root re-exports from the runtime besides the client and its builder:
/// names neither the client nor a builder at the root may take.
pub(super) const RUNTIME_EXPORTS: &[&str] = &[
    "Error",
    "ApiError",
    "DecodeError",
    "Pages",
    "Response",
    "ActionAttemptError",
    "WaitForActionAttempt",
];

/// The names of the crate and its client.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClientNames {
    /// The package and library name, e.g. `swagger_petstore`.
    pub krate: String,
    /// The client type, e.g. `SwaggerPetstore`.
    pub client: String,
    /// Its builder, e.g. `SwaggerPetstoreBuilder`.
    pub builder: String,
    /// The variable examples call it by, e.g. `client`.
    pub variable: String,
}

impl ClientNames {
    /// The names of `api`'s crate and client.
    pub fn of(api: &Api) -> ClientNames {
        let profile = Profile::of(api);
        if let Some(krate) = &api.crate_name {
            return ClientNames::named(krate.clone(), profile);
        }
        if let Some((krate, client)) = profile.fixed_names() {
            return ClientNames {
                krate: krate.to_owned(),
                client: client.to_owned(),
                builder: format!("{client}Builder"),
                variable: profile.client_variable().to_owned(),
            };
        }
        ClientNames::named(crate_name(&api.title), profile)
    }

    /// The names of a crate called `krate`: its client is its name in UpperCamelCase.
    fn named(krate: String, profile: Profile) -> ClientNames {
        let mut client = names::bare(&names::pascal(&krate)).to_owned();
        if RUNTIME_EXPORTS.contains(&client.as_str()) || client.ends_with("Request") {
            client.push_str("Client");
        }
        ClientNames {
            builder: format!("{client}Builder"),
            krate,
            client,
            variable: profile.client_variable().to_owned(),
        }
    }
}

/// Why `name` cannot name the generated crate, if it cannot: it must be snake_case ASCII
/// (`a-z`, `0-9`, `_`, starting with a letter), and neither a keyword nor a crate the
/// generated code names.
pub fn crate_name_problem(name: &str) -> Option<String> {
    let snake = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !snake {
        return Some(format!(
            "the crate name `{name}` must be snake_case ASCII (a-z, 0-9, _) starting with a letter"
        ));
    }
    if names::snake(name) != name || TAKEN_CRATES.contains(&name) {
        return Some(format!(
            "the crate name `{name}` is a keyword or a crate the generated code uses"
        ));
    }
    None
}

/// A crate name from a title: snake_case ASCII, never a keyword, a taken crate or empty.
fn crate_name(title: &str) -> String {
    let word = names::bare(&names::snake(title)).trim_matches('_').to_owned();
    let word = if word.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api_{word}")
    } else {
        word
    };
    let keyword = names::snake(&word) != word;
    match word.as_str() {
        "" | "value" => "api_client".to_owned(),
        _ if keyword || TAKEN_CRATES.contains(&word.as_str()) => format!("{word}_client"),
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(title: &str) -> (String, String) {
        let mut api = crate::plan::fixture::api(Vec::new(), Vec::new());
        api.title = title.to_owned();
        let names = ClientNames::of(&api);
        (names.krate, names.client)
    }

    #[test]
    fn a_client_is_named_after_its_title_unless_the_name_is_taken() {
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            names_of("Swagger Petstore"),
            pair("swagger_petstore", "SwaggerPetstore")
        );
        assert_eq!(
            names_of("GitHub v3 REST API"),
            pair("git_hub_v3_rest_api", "GitHubV3RestApi")
        );
        assert_eq!(names_of("3D Printing"), pair("api_3d_printing", "Api3dPrinting"));
        assert_eq!(names_of("Type"), pair("type_client", "TypeClient"));
        assert_eq!(names_of("Serde JSON"), pair("serde_json_client", "SerdeJsonClient"));
        assert_eq!(names_of("Error"), pair("error", "ErrorClient"));
        assert_eq!(names_of("¿?"), pair("api_client", "ApiClient"));
        let mut api = crate::plan::fixture::api(Vec::new(), Vec::new());
        api.crate_name = Some("petstore".to_owned());
        assert_eq!(ClientNames::of(&api).client, "Petstore");
        assert_eq!(crate_name_problem("petstore"), None);
        for bad in ["Petstore", "pet-store", "2pets", "type", "serde", ""] {
            assert!(crate_name_problem(bad).is_some(), "{bad}");
        }
        let mut api = crate::plan::fixture::seam_api();
        api.title = "Seam Connect".to_owned();
        let seam = ClientNames::of(&api);
        assert_eq!(
            (
                seam.krate.as_str(),
                seam.client.as_str(),
                seam.builder.as_str(),
                seam.variable.as_str()
            ),
            ("seam", "Seam", "SeamBuilder", "seam")
        );
    }
}
