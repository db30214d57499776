//! The profile: whom the client and the pages are laid out for, decided once per API. Seam's
//! API gets Seam's SDK names, credentials, runtime, tabs and reference layout; any other
//! description gets a client and pages built from the description alone. Emitters ask the
//! profile for every such decision, so a new profile is added here and nowhere else.

use serde::Serialize;

use crate::model::{Api, Endpoint};

/// Whom the client and the pages are laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Profile {
    /// Seam's API: every endpoint in Seam's dialect (one call per path, its result under a
    /// key), called and documented as Seam's SDKs and reference do.
    Seam,
    /// Any other OpenAPI description: the client authenticates with the description's
    /// security schemes and sends only what it defines; the pages are built from it alone.
    Http,
}

/// The client runtime a profile ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runtime {
    /// Seam's: its SDKs' credentials and workspace header, action attempts it waits for, and
    /// endpoints declared with its `request!` macro.
    Seam,
    /// The runtime without Seam's items: credentials per security scheme, parameters placed
    /// where the description puts them.
    Http,
}

/// How the reference's folders are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// As Seam's reference: a page per route with its resources, errors, warnings and events,
    /// namespace pages, and a table of contents by route title.
    Routes,
    /// A README per folder of pages listing them, and a table of contents by folder.
    Folders,
}

/// How one endpoint's page reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anatomy {
    /// A call of Seam's SDKs: a tab per SDK, Seam's authentication methods, a cURL tab that
    /// posts the parameters as JSON.
    SeamCall,
    /// An HTTP operation: the cURL tab sends the request the description defines, the
    /// authentication is its security requirements.
    Operation,
}

impl Profile {
    /// The profile of `api`: Seam's when every endpoint is written in Seam's dialect and at
    /// least one carries Seam's extensions (`x-response-key`, `x-fern-sdk-*`). A small
    /// description whose calls merely look like Seam's (no path parameters, no answer body) is
    /// an HTTP API like any other.
    pub fn of(api: &Api) -> Profile {
        let dialect = !api.endpoints.is_empty() && api.endpoints.iter().all(|e| e.seam_dialect);
        let marked = api.endpoints.iter().any(|e| e.seam_marked);
        match dialect && marked {
            true => Profile::Seam,
            false => Profile::Http,
        }
    }

    /// Whether calls without a written sample get one synthesized from the description
    /// ([`crate::model::synth`]): Seam's profile shows only written samples, as its sample
    /// set writes them.
    pub fn synthesizes_samples(self) -> bool {
        self == Profile::Http
    }

    /// The crate and client names the profile gives whatever the description's title
    /// (`seam`, `Seam`), if it fixes them.
    pub fn fixed_names(self) -> Option<(&'static str, &'static str)> {
        match self {
            Profile::Seam => Some(("seam", "Seam")),
            Profile::Http => None,
        }
    }

    /// The variable the samples call the client by.
    pub fn client_variable(self) -> &'static str {
        match self {
            Profile::Seam => "seam",
            Profile::Http => "client",
        }
    }

    /// Whether the client takes a credential per security scheme of the description (else
    /// the credentials of Seam's SDKs, which its runtime holds).
    pub fn scheme_credentials(self) -> bool {
        match self {
            Profile::Seam => false,
            Profile::Http => true,
        }
    }

    /// The runtime the client ships.
    pub fn runtime(self) -> Runtime {
        match self {
            Profile::Seam => Runtime::Seam,
            Profile::Http => Runtime::Http,
        }
    }

    /// How the reference's folders are laid out.
    pub fn reference(self) -> Reference {
        match self {
            Profile::Seam => Reference::Routes,
            Profile::Http => Reference::Folders,
        }
    }

    /// How `endpoint`'s page reads.
    pub fn anatomy(self, _endpoint: &Endpoint) -> Anatomy {
        match self {
            Profile::Seam => Anatomy::SeamCall,
            Profile::Http => Anatomy::Operation,
        }
    }
}
