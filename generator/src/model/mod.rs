//! The resolved, language-neutral model of an API.
//!
//! Everything the emitters need is here, already resolved: no `$ref`, no HTTP-method twins, no
//! vendor extensions. Emitters read only this model, never the raw OpenAPI document, so a change
//! of input format touches `load` and `model::build` alone.
//!
//! Names are kept as the API spells them (snake_case wire names); each emitter applies its own
//! language's casing and keyword rules.

pub mod build;
mod call_names;
mod naming;
mod params;
mod resource_samples;
pub mod resources;
mod responses;
pub mod routes;
mod samples;
mod security;
mod support;
pub mod synth;
mod types;
pub mod wire;

pub use build::build;
pub use naming::ascii_word;
pub use resource_samples::attach as attach_resource_samples;

use serde::Serialize;
use serde_json::Value;

/// The whole API: its endpoints grouped into namespaces, and one shared space of named types.
#[derive(Debug, Clone, Serialize)]
pub struct Api {
    /// `info.title` of the description.
    pub title: String,
    /// `info.version` of the description.
    pub version: String,
    /// The first server URL, without a trailing slash.
    pub base_url: String,
    /// Every endpoint, one per path, sorted by path.
    pub endpoints: Vec<Endpoint>,
    /// Every namespace that holds an endpoint or another namespace, sorted by path; the root
    /// (empty path) comes first.
    pub namespaces: Vec<Namespace>,
    /// The type space: one entry per named type, sorted by id. Component schemas keep their
    /// names; inline objects, enums and unions get a name from where they first appear, and
    /// structurally identical inline schemas share one type.
    pub types: Vec<NamedType>,
    /// One example of each resource that has one, in the order read: the pages of the
    /// endpoints returning a resource show its first example.
    pub resource_samples: Vec<ResourceSample>,
    /// The route of each documented resource (`x-route-path` of its component schema), by
    /// type id, e.g. `access_code` → `/access_codes`: where the reference documents it.
    pub resource_routes: std::collections::BTreeMap<String, String>,
    /// The resources, event types and action-attempt types as the reference documents them.
    pub resource_docs: resources::ResourceDocs,
    /// The routes' titles and overviews, and the reference's hand-written pages, from the
    /// route files written beside the description.
    pub route_docs: routes::RouteDocs,
    /// The description's security schemes that a client can use, by name; Seam's own are
    /// read as [`AuthMethod`]s instead.
    pub security_schemes: Vec<SecurityScheme>,
    /// The crate name chosen for the generated client, if one was (see `Options::crate_name`).
    pub crate_name: Option<String>,
    /// The generated crate's version and changelog.
    pub release: Release,
}

/// The generated crate's release.
#[derive(Debug, Clone, Serialize)]
pub struct Release {
    /// The crate's version, e.g. `0.2.0`.
    pub version: String,
    /// Its `CHANGELOG.md`, the newest release first.
    pub changelog: String,
}

impl Default for Release {
    fn default() -> Self {
        Release {
            version: "0.1.0".to_owned(),
            changelog: String::new(),
        }
    }
}

impl Api {
    /// The schemes of a security requirement (names of [`Api::security_schemes`]), in its
    /// order.
    pub fn schemes_of<'a>(&'a self, requirement: &'a [String]) -> impl Iterator<Item = &'a SecurityScheme> + 'a {
        requirement
            .iter()
            .filter_map(|name| self.security_schemes.iter().find(|s| &s.name == name))
    }

    /// The schemes whose credentials a call of `endpoint` sends when the client holds them
    /// all: those of its first requirement; none when it has none.
    pub fn first_requirement<'a>(&'a self, endpoint: &'a Endpoint) -> impl Iterator<Item = &'a SecurityScheme> + 'a {
        endpoint
            .security
            .first()
            .into_iter()
            .flat_map(|requirement| self.schemes_of(requirement))
    }
}

/// A group of endpoints, e.g. `acs.credentials` in `seam.acs.credentials.unassign(…)`.
#[derive(Debug, Clone, Serialize)]
pub struct Namespace {
    /// Segments from the root, e.g. `["acs", "credentials"]`.
    pub path: Vec<String>,
    /// Indexes into [`Api::endpoints`] of the endpoints directly in this namespace, by method name.
    pub endpoints: Vec<usize>,
    /// Names of the namespaces directly below this one, sorted.
    pub children: Vec<String>,
}

/// One API path, whatever HTTP methods serve it: one client method and one page.
#[derive(Debug, Clone, Serialize)]
pub struct Endpoint {
    /// The request path, e.g. `/acs/credentials/unassign`.
    pub path: String,
    /// The namespace it sits in (`x-fern-sdk-group-name`, else the path's leading segments).
    pub namespace: Vec<String>,
    /// The method name inside the namespace (`x-fern-sdk-method-name`, else the last segment).
    pub method_name: String,
    /// The page title (`x-title`, else the path).
    pub title: String,
    /// Markdown description, links kept.
    pub description: String,
    /// The method the SDKs call: the first of PUT > PATCH > GET > DELETE > POST that serves the
    /// path and can carry its parameters.
    pub http_method: HttpMethod,
    /// Every method that serves the path, in the order above.
    pub http_methods: Vec<HttpMethod>,
    /// Where the parameters travel with [`Endpoint::http_method`], but for those that fill
    /// the path.
    pub param_location: ParamLocation,
    /// Whether the endpoint is written in Seam's dialect (one call per path, named by its
    /// path or Seam's SDK names, its result under a key), which Seam's SDKs call as the
    /// pages' SDK tabs show; other endpoints get only the cURL and Rust tabs.
    pub seam_dialect: bool,
    /// Whether the operation carries one of Seam's extensions (`x-response-key`, even `null`,
    /// or `x-fern-sdk-group-name` / `x-fern-sdk-method-name`).
    pub seam_marked: bool,
    /// The parameters that fill the path's `{name}`s, in order (the first of
    /// [`Endpoint::params`]).
    pub path_params: Vec<String>,
    /// Whether the body is a form (`application/x-www-form-urlencoded`) rather than JSON.
    pub form: bool,
    /// The parameters that travel apart from the rest, by wire name: in the query beside a
    /// JSON body, then as headers, then as cookies, each in the order declared.
    pub placed: Vec<(String, Place)>,
    /// What the body holds, when the call sends one.
    pub body: BodyContent,
    /// The parameters whose name on the wire is not their own, as (parameter, wire name). A
    /// name declared in several places is kept by the first of the path, the body, then the
    /// query, a header or a cookie; each other is named after where it travels: a body field
    /// named as a path parameter is `<name>_in_body`, a parameter declared apart beside a
    /// path parameter or body field of its name `<name>_in_query`, `<name>_in_header` or
    /// `<name>_in_cookie`. One that [`Endpoint::placed`] lists travels apart; any other is a
    /// field of the body.
    pub wire_names: Vec<(String, String)>,
    /// How the success answer is read: JSON, or a text or bytes returned as they are.
    pub answer: Answer,
    /// The media type of the success answer the call decodes, sent as `Accept`.
    pub accept: Option<String>,
    /// The operation's (else its path's) own server, where it is not the description's.
    pub server: Option<String>,
    /// The query parameters written otherwise than as repeated `name=value` pairs, by name.
    pub query_styles: Vec<(String, QueryStyle)>,
    /// The security requirements a call may meet, any one of them (OpenAPI's `security`):
    /// each the names of the [`Api::security_schemes`] it needs together; an empty one means
    /// no credentials. Empty when the description sets none.
    pub security: Vec<Vec<String>>,
    /// The parameters, in the order the description lists them.
    pub params: Vec<Property>,
    /// What a successful call returns.
    pub response: Response,
    /// Whether the description defines a success answer (a `2XX` response); a call without
    /// one can only end in one of its described errors.
    pub success: bool,
    /// The type of an error answer's JSON body, outside Seam's dialect: the `default`
    /// response's, else the first `4XX` or `5XX` one's.
    pub error: Option<TypeRef>,
    /// Every answer the description lists, success and error, in status order (`default`
    /// last); empty in Seam's dialect, whose pages state the result alone.
    pub answers: Vec<StatusAnswer>,
    /// Authentication methods that a public client may use, sorted.
    pub auth: Vec<AuthMethod>,
    /// `Some(message)` when deprecated (`x-deprecated`, or `deprecated: true` with an empty message).
    pub deprecated: Option<String>,
    /// Whether the endpoint is public, hidden from the docs, or not yet released.
    pub visibility: Visibility,
    /// Samples written for this endpoint, the primary one first.
    pub samples: Vec<Sample>,
    /// Set when the endpoint returns pages that a `page_cursor` parameter walks.
    pub pagination: Option<Pagination>,
    /// The kind of action attempt it returns (`x-action-attempt-type`), e.g. `UNLOCK_DOOR`.
    pub action_attempt_type: Option<String>,
    /// For a result that is a batch of resources (`x-batch-keys`): the keys of the result that
    /// hold them, in the order the reference lists them, e.g. `spaces`, `devices`.
    pub batch_keys: Vec<String>,
}

impl Endpoint {
    /// Whether the endpoint gets a reference page.
    pub fn is_documented(&self) -> bool {
        self.visibility == Visibility::Public
    }

    /// The path split into its segments, e.g. `["acs", "credentials", "unassign"]`; a
    /// template's `{name}` reads `name`, so that page files hold no braces.
    pub fn path_segments(&self) -> Vec<&str> {
        self.path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| s.trim_start_matches('{').trim_end_matches('}'))
            .collect()
    }

    /// The request a call with `params` sends, laid out as the client's runtime lays it out:
    /// the path's `{name}`s filled in (one percent-encoded segment each), the parameters
    /// placed apart in the query, headers and cookies, and the rest in the query or the body
    /// as [`Endpoint::param_location`] says.
    pub fn request(&self, params: &serde_json::Map<String, Value>) -> wire::Request {
        let mut rest = params.clone();
        let mut path = self.path.clone();
        for name in &self.path_params {
            let Some(value) = rest.remove(name) else { continue };
            let style = self.query_styles.iter().find(|(n, _)| n == name).map(|(_, s)| *s);
            path = path.replace(&format!("{{{name}}}"), &wire::path_text(name, &value, style));
        }
        let mut request = wire::Request {
            path,
            query_styles: self.query_styles.clone(),
            ..wire::Request::default()
        };
        for (name, place) in &self.placed {
            let Some(value) = rest.remove(name) else { continue };
            // A parameter renamed beside another of its name travels under its own.
            let name = self.wire_name(name).to_owned();
            match place {
                Place::Query => {
                    request.query.insert(name.clone(), value);
                }
                Place::Header => request.headers.push((name.clone(), wire::header_text(&value))),
                Place::Cookie => request.cookies.push((name.clone(), wire::text(&value))),
            }
        }
        match (&self.body, self.param_location) {
            (_, ParamLocation::Query) => request.query.extend(rest),
            (
                BodyContent::Json { param, media_type }
                | BodyContent::Text { param, media_type }
                | BodyContent::Bytes { param, media_type },
                ParamLocation::Body,
            ) => {
                request.whole = rest.remove(param);
                request.media_type = Some(media_type.clone());
            }
            (BodyContent::Multipart { files }, ParamLocation::Body) => {
                request.media_type = Some("multipart/form-data".to_owned());
                request.files = files.iter().map(|file| self.wire_name(file).to_owned()).collect();
                request.body = Some(self.body_fields_on_wire(rest));
            }
            (BodyContent::Fields, ParamLocation::Body) => {
                request.form = self.form;
                request.body = Some(self.body_fields_on_wire(rest));
            }
        }
        request
    }

    /// The name `param` travels under: its own, or the one it keeps on the wire where it was
    /// renamed beside another of its name (see [`Endpoint::wire_names`]).
    pub fn wire_name<'a>(&'a self, param: &'a str) -> &'a str {
        self.wire_names
            .iter()
            .find(|(name, _)| name == param)
            .map_or(param, |(_, wire)| wire.as_str())
    }

    /// The body's fields under their names on the wire, in their order: a field renamed
    /// beside a path parameter of its name (`<name>_in_body`) travels as `<name>`.
    fn body_fields_on_wire(&self, fields: serde_json::Map<String, Value>) -> serde_json::Map<String, Value> {
        fields
            .into_iter()
            .map(|(name, value)| (self.wire_name(&name).to_owned(), value))
            .collect()
    }

    /// Where the endpoint's page sits below `docs/`, the last segment its file: the path's
    /// segments in Seam's dialect; else the call's, as a path may have several calls. Each is
    /// made usable as a file or folder name ([`crate::output_path::page_segments`]), so no
    /// name of a description leads out of the output folder.
    pub fn page_segments(&self) -> Vec<std::borrow::Cow<'_, str>> {
        crate::output_path::page_segments(&self.page_names())
    }

    /// The names [`Endpoint::page_segments`] are made from, as the description gives them.
    pub fn page_names(&self) -> Vec<&str> {
        if self.seam_dialect {
            self.path_segments()
        } else {
            self.call_segments()
        }
    }

    /// The call's segments: namespace then method name, e.g. `["acs", "credentials", "unassign"]`.
    pub fn call_segments(&self) -> Vec<&str> {
        self.namespace
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(self.method_name.as_str()))
            .collect()
    }
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// GET
    Get,
    /// DELETE
    Delete,
    /// POST
    Post,
    /// HEAD: a GET without the answer's body.
    Head,
}

impl HttpMethod {
    /// The method's name in upper case, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Get => "GET",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Post => "POST",
            HttpMethod::Head => "HEAD",
        }
    }
}

/// Where an endpoint's parameters travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    /// A JSON object in the request body.
    Body,
    /// The query string.
    Query,
}

/// Where a parameter travels apart from the rest of its call's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// The query string, beside a JSON body.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// How a successful call's answer is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Answer {
    /// JSON, decoded as the result's type (or no body at all).
    Json,
    /// JSON as [`Answer::Json`], and no value on these success statuses, which the description
    /// answers without a body beside one with JSON (a `200` without, a `201` with): the
    /// result is an `Option`, `None` on them.
    JsonOrNothing {
        /// The success statuses answered without a body.
        statuses: Vec<u16>,
    },
    /// A text (`text/…`, XML, YAML, CSV), returned as a `String`.
    Text {
        /// The media type asked for.
        media_type: String,
    },
    /// Bytes (any other type), returned as a `Vec<u8>`.
    Bytes {
        /// The media type asked for.
        media_type: String,
    },
}

/// What a request body holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum BodyContent {
    /// The parameters, as the fields of a JSON object (or of a form, with
    /// [`Endpoint::form`]).
    Fields,
    /// The parameter `param`, any JSON value, set whole and sent as `media_type`.
    Json {
        /// The parameter that holds the body.
        param: String,
        /// The media type sent, e.g. `application/json`.
        media_type: String,
    },
    /// The parameter `param`, a text, sent as `media_type`.
    Text {
        /// The parameter that holds the body.
        param: String,
        /// The media type sent, e.g. `text/plain`.
        media_type: String,
    },
    /// The parameter `param`, bytes, sent as `media_type` (the file's own where that is a
    /// range such as `*/*`).
    Bytes {
        /// The parameter that holds the body.
        param: String,
        /// The media type sent, e.g. `application/octet-stream`.
        media_type: String,
    },
    /// The parameters as the parts of a `multipart/form-data` body, `files` holding bytes.
    Multipart {
        /// The parameters sent as file parts (bytes, a file name, a content type).
        files: Vec<String>,
    },
}

/// How a query parameter is written where repeated `name=value` pairs (a list's items) are
/// not what its `style` and `explode` ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryStyle {
    /// `name=a,b` (`form`, `explode: false`): a list's items, or an object's keys and values,
    /// joined by commas.
    Comma,
    /// `name=a%20b` (`spaceDelimited`): a list's items joined by spaces.
    Space,
    /// `name=a|b` (`pipeDelimited`): a list's items joined by pipes.
    Pipe,
    /// `field=value` for each field of an object (`form`, `explode: true`).
    Spread,
    /// `name[field]=value` for each field of an object (`deepObject`).
    Deep,
    /// In a path, `simple` with `explode: true`: an object's fields as `field=value`, joined by
    /// commas (a list's items joined by commas, as without `explode`).
    SimpleExploded,
    /// In a path, `label`: `.a,b`, an object's keys and values joined by commas after a `.`.
    Label,
    /// In a path, `label` with `explode: true`: `.a.b`, an object's fields as `.field=value`.
    LabelExploded,
    /// In a path, `matrix`: `;name=a,b`, an object's keys and values joined by commas.
    Matrix,
    /// In a path, `matrix` with `explode: true`: `;name=a;name=b`, an object's fields as
    /// `;field=value`.
    MatrixExploded,
}

/// How a client proves who it is, as the description's `securitySchemes` define it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityScheme {
    /// The scheme's name in `components.securitySchemes`, e.g. `petstore_auth`.
    pub name: String,
    /// How the credential travels.
    pub kind: SchemeKind,
    /// Markdown description (may be empty).
    pub description: String,
}

/// How a credential travels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`: HTTP bearer, and the access token of OAuth 2 and
    /// OpenID Connect.
    Bearer,
    /// `Authorization: Basic <base64 of user:password>`.
    Basic,
    /// An API key in the header, query parameter or cookie `name`.
    ApiKey {
        /// The header, query parameter or cookie name.
        name: String,
        /// Where it travels.
        place: KeyPlace,
    },
}

/// Where an API key travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyPlace {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

impl KeyPlace {
    /// What the docs call it: `header`, `query parameter` or `cookie`.
    pub fn noun(self) -> &'static str {
        match self {
            KeyPlace::Header => "header",
            KeyPlace::Query => "query parameter",
            KeyPlace::Cookie => "cookie",
        }
    }
}

/// Whether an endpoint or property is shown in the docs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "reason")]
pub enum Visibility {
    /// Documented and public.
    Public,
    /// `x-undocumented`: callable, but left out of the docs, with the reason given.
    Undocumented(String),
    /// `x-draft`: not yet public.
    Draft(String),
}

/// A request parameter or an object's field.
#[derive(Debug, Clone, Serialize)]
pub struct Property {
    /// The wire name, exactly as in the description.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether it must be present.
    pub required: bool,
    /// Whether `null` is a valid value.
    pub nullable: bool,
    /// Markdown description (may be empty).
    pub description: String,
    /// `Some(message)` when deprecated.
    pub deprecated: Option<String>,
    /// `Some(reason)` when `x-undocumented`: kept in code, left out of the docs.
    pub undocumented: Option<String>,
    /// The documented default value, when it is a plain JSON value.
    pub default: Option<Value>,
}

impl Property {
    /// A required, not nullable field or parameter of type `ty`, with nothing written beside it.
    pub fn required(name: &str, ty: TypeRef) -> Self {
        Property {
            name: name.to_owned(),
            ty,
            required: true,
            nullable: false,
            description: String::new(),
            deprecated: None,
            undocumented: None,
            default: None,
        }
    }
}

/// A reference to a type: a JSON primitive, a container, or a named type of [`Api::types`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TypeRef {
    /// A string, with its format when one is known.
    String {
        /// The `format`, e.g. `uuid`, `date-time`; empty when none.
        format: String,
    },
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A list.
    // Nullability is a flag of the list's (or map's) slot rather than a `Nullable` type of
    // its own: `null` is allowed in a place (a field, a parameter, a result, an element), not
    // in a type, so `Option` stays where the place is, and no other `TypeRef` can be `null`.
    Array {
        /// The items' type.
        items: Box<TypeRef>,
        /// Whether an item may be `null` (`nullable`, or an item schema that states no `type`).
        #[serde(default, skip_serializing_if = "is_false")]
        items_nullable: bool,
    },
    /// An object with arbitrary keys (`additionalProperties`).
    Map {
        /// The values' type.
        values: Box<TypeRef>,
        /// Whether a value may be `null`, as for a list's items.
        #[serde(default, skip_serializing_if = "is_false")]
        values_nullable: bool,
    },
    /// A named type: its id in [`Api::types`].
    Named {
        /// The type's id.
        id: String,
    },
    /// Any JSON value (a schema the model does not describe further).
    Any,
}

impl TypeRef {
    /// A named type reference.
    pub fn named(id: impl Into<String>) -> Self {
        TypeRef::Named { id: id.into() }
    }

    /// A list of `items`, none of them `null`.
    pub fn list_of(items: TypeRef) -> Self {
        TypeRef::Array {
            items: Box::new(items),
            items_nullable: false,
        }
    }

    /// A map of `values`, none of them `null`.
    pub fn map_of(values: TypeRef) -> Self {
        TypeRef::Map {
            values: Box::new(values),
            values_nullable: false,
        }
    }

    /// The id of the named type this refers to, directly or as the items of a list.
    pub fn named_id(&self) -> Option<&str> {
        match self {
            TypeRef::Named { id } => Some(id),
            TypeRef::Array { items, .. } | TypeRef::Map { values: items, .. } => items.named_id(),
            _ => None,
        }
    }

    /// A list's items or a map's values, and whether one may be `null`.
    pub fn element(&self) -> Option<(&TypeRef, bool)> {
        match self {
            TypeRef::Array { items, items_nullable } => Some((items, *items_nullable)),
            TypeRef::Map {
                values,
                values_nullable,
            } => Some((values, *values_nullable)),
            _ => None,
        }
    }
}

fn is_false(flag: &bool) -> bool {
    !flag
}

/// A type with a name in the type space.
#[derive(Debug, Clone, Serialize)]
pub struct NamedType {
    /// Unique snake_case id, e.g. `acs_user` or `acs_user_errors_item`.
    pub id: String,
    /// Whether it is a component schema of the description (a resource), or made from an
    /// inline schema.
    pub component: bool,
    /// Markdown description (may be empty).
    pub description: String,
    /// `Some(message)` when deprecated.
    pub deprecated: Option<String>,
    /// What it is.
    pub kind: TypeKind,
}

/// The shape of a named type.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TypeKind {
    /// An object with known fields.
    Object {
        /// The fields, in the order the description lists them.
        fields: Vec<Property>,
    },
    /// A string with a closed list of known values (more may appear later).
    Enum {
        /// The known values, in the order the description lists them.
        values: Vec<String>,
    },
    /// One of several object shapes told apart by a string field.
    Union {
        /// The field that names the variant, e.g. `type`.
        discriminator: String,
        /// The variants.
        variants: Vec<UnionVariant>,
    },
}

/// One shape of a [`TypeKind::Union`].
#[derive(Debug, Clone, Serialize)]
pub struct UnionVariant {
    /// The discriminator's value for this variant.
    pub tag: String,
    /// The id of the object type that holds the variant's fields (the discriminator included).
    pub ty: String,
}

/// One answer of an operation, by status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusAnswer {
    /// The status as the description writes it: `200`, `4XX` or `default`.
    pub status: String,
    /// Its description, Markdown.
    pub description: String,
    /// The type of its JSON body, if it has one.
    pub ty: Option<TypeRef>,
}

impl StatusAnswer {
    /// Whether it is a success (a `2XX` status).
    pub fn is_success(&self) -> bool {
        self.status.starts_with('2')
    }
}

/// What a successful call returns.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Response {
    /// Nothing (`x-response-key: null`).
    Void,
    /// The value under `key` of the response body.
    Value {
        /// The response body's key that holds the result (`x-response-key`).
        key: String,
        /// The value's type, e.g. a named resource or a list of them.
        ty: TypeRef,
    },
    /// The whole JSON body of the first success response (a description without
    /// `x-response-key`).
    Body {
        /// The body's type.
        ty: TypeRef,
        /// Whether the body may be `null`: the result is then optional.
        nullable: bool,
    },
}

impl Response {
    /// The result's type; `None` when the call returns nothing.
    pub fn ty(&self) -> Option<&TypeRef> {
        match self {
            Response::Void => None,
            Response::Value { ty, .. } | Response::Body { ty, .. } => Some(ty),
        }
    }

    /// Whether the result is optional: a whole body that may be `null`.
    pub fn is_optional(&self) -> bool {
        matches!(self, Response::Body { nullable: true, .. })
    }

    /// The result inside a response body: the value under the key, or the whole body.
    pub fn result_in<'v>(&self, body: &'v Value) -> Option<&'v Value> {
        match self {
            Response::Void => None,
            Response::Value { key, .. } => body.get(key),
            Response::Body { .. } => Some(body),
        }
    }
}

/// How a list endpoint pages.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// The request parameter that takes the cursor, e.g. `page_cursor`.
    pub cursor_param: String,
    /// The response body's key of the pagination object, e.g. `pagination`.
    pub response_key: String,
}

/// An authentication method a public client may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AuthMethod {
    /// An API key, sent as a bearer token.
    ApiKey,
    /// A client session token.
    ClientSessionToken,
    /// A personal access token, sent as a bearer token, with a rule for the workspace header.
    PersonalAccessToken {
        /// Whether the `seam-workspace` header must, may or must not be sent.
        workspace: WorkspaceHeader,
    },
    /// A publishable key.
    PublishableKey,
}

impl AuthMethod {
    /// The name the docs show.
    pub fn display_name(self) -> &'static str {
        match self {
            AuthMethod::ApiKey => "API key",
            AuthMethod::ClientSessionToken => "Client session token",
            AuthMethod::PersonalAccessToken { .. } => "Personal access token",
            AuthMethod::PublishableKey => "Publishable key",
        }
    }
}

/// The rule for the `seam-workspace` header with a personal access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceHeader {
    /// Only `pat_with_workspace` is allowed.
    Required,
    /// Both `pat_with_workspace` and `pat_without_workspace` are allowed.
    Optional,
    /// Only `pat_without_workspace` is allowed.
    Forbidden,
}

/// A language-neutral code sample, checked against its endpoint.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    /// Shown as `### title` under Examples.
    pub title: String,
    /// Shown above each tab's code.
    pub description: String,
    /// The sample file it came from, for messages.
    pub file: String,
    /// The request parameters, in the order written.
    pub params: serde_json::Map<String, Value>,
    /// The response body; `None` for a void endpoint.
    pub response: Option<Value>,
    /// Why the sample is not tested, when it is not; `None` when it passed every check. A
    /// sample with defects, kept with a warning by `--lenient-samples`, or a synthesized one
    /// that no request of its description fits, is shown but left out of the client's sample
    /// tests (its call need not compile, nor its response decode) and of the tabs that are run.
    pub untested: Option<String>,
    /// Whether the sample was made from the description ([`synth`]) rather than written.
    pub synthesized: bool,
}

impl Sample {
    /// Whether the sample passed every check, so the client's tests and the tabs send it.
    pub fn checked(&self) -> bool {
        self.untested.is_none()
    }
}

/// An example of a resource, checked against the resource's type.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceSample {
    /// What it shows, e.g. `Time-bound Online Access Code`.
    pub title: String,
    /// The resource's type: the id of a named type of [`Api::types`].
    pub resource_type: String,
    /// One sentence about it.
    pub description: String,
    /// The resource sample file it came from, for messages.
    pub file: String,
    /// The resource, fields in the order written.
    pub properties: serde_json::Map<String, Value>,
}

impl ResourceSample {
    /// For an action attempt, the kind it shows (its `action_type`).
    pub fn action_type(&self) -> Option<&str> {
        self.properties.get("action_type").and_then(Value::as_str)
    }
}
