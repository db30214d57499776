//! The hand-written part of the client: configuration, authentication, HTTP, retries, action
//! attempts, errors, pagination, and the macros that implement the generated types' serde
//! support.
//!
//! The generator copies this file into every generated crate as `src/runtime.rs`; the
//! generated code reaches it only through `crate::runtime`.

// A crate built with only some of its namespace features uses only part of the runtime.
#![allow(dead_code, unused_macros)]

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

pub use crate::lenient::Decoded;

/// The user agent sent unless [`SeamBuilder::user_agent`] sets another.
pub const DEFAULT_USER_AGENT: &str = concat!("seam-rust/", env!("CARGO_PKG_VERSION"));

/// The time limit of one attempt unless [`SeamBuilder::timeout`] sets another: 30 s, as in
/// Seam's JavaScript SDK.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The `seam-sdk-name` header, with which the API tells the SDKs apart.
const SDK_NAME: &str = "seam-rust";

/// Whether the client follows Seam's profile: Seam's credentials (API key, personal access
/// token, client session token), its SDK headers and its `SEAM_*` variables. A client of
/// another API authenticates with the security schemes of its description instead
/// ([`SeamBuilder::credential`]) and sends only what the description defines.
const SEAM_PROFILE: bool = true;

/// The longest `Retry-After` honoured: an API that asks for a longer pause gets its error
/// returned instead of a call that hangs for minutes.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// A client of the Seam API.
///
/// Cheap to clone: clones share one connection pool. Build one with [`Seam::new`],
/// [`Seam::from_env`] or [`Seam::builder`], then call endpoints through the namespaces, e.g.
/// `seam.acs().users().list()`.
#[derive(Clone)]
pub struct Seam {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    /// Seam's credential; `None` outside Seam's profile. Behind a lock so that a client
    /// session's token can be replaced on a live client ([`Seam::update_client_session_token`]).
    auth: std::sync::RwLock<Option<Auth>>,
    /// The credentials of the description's security schemes, by scheme name.
    credentials: Vec<(&'static str, Credential)>,
    /// Sent with every request: user agent, SDK name and version, the caller's own headers.
    headers: HeaderMap,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: RetryPolicy,
    wait_for_action_attempt: WaitForActionAttempt,
    /// Whether answers may lack fields the description marks as always present.
    allow_missing_fields: bool,
}

#[derive(Clone)]
enum Auth {
    ApiKey(Secret),
    PersonalAccessToken {
        token: Secret,
        workspace_id: Option<String>,
    },
    ClientSessionToken(Secret),
    /// Only to get or create a client session ([`Seam::from_publishable_key`]).
    PublishableKey(Secret),
}

impl Inner {
    /// The credential calls send now.
    fn auth(&self) -> Option<Auth> {
        match self.auth.read() {
            Ok(auth) => auth.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
}

/// A credential: never printed.
#[derive(Clone)]
struct Secret(String);

/// The credential of one security scheme of the description: never printed.
#[doc(hidden)]
#[derive(Clone)]
pub struct Credential(Held);

#[derive(Clone)]
enum Held {
    /// A token or key, sent as the scheme says (bearer token, API key).
    Token(Secret),
    /// A user name and password, sent as HTTP basic authentication.
    Basic { username: String, password: Secret },
}

impl Credential {
    pub fn token(token: impl Into<String>) -> Credential {
        Credential(Held::Token(Secret(token.into())))
    }

    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Credential {
        Credential(Held::Basic {
            username: username.into(),
            password: Secret(password.into()),
        })
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Held::Token(token) => f.debug_tuple("Token").field(token).finish(),
            Held::Basic { username, password } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", password)
                .finish(),
        }
    }
}

/// A security scheme of the description: its name and how its credential travels.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    pub name: &'static str,
    pub kind: SchemeKind,
}

/// How a scheme's credential travels.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic <base64 of user:password>`.
    Basic,
    /// The key in this header.
    Header(&'static str),
    /// The key in this query parameter.
    Query(&'static str),
    /// The key in this cookie.
    Cookie(&'static str),
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::ApiKey(key) => f.debug_tuple("ApiKey").field(key).finish(),
            Auth::PersonalAccessToken { token, workspace_id } => f
                .debug_struct("PersonalAccessToken")
                .field("token", token)
                .field("workspace_id", workspace_id)
                .finish(),
            Auth::ClientSessionToken(token) => f.debug_tuple("ClientSessionToken").field(token).finish(),
            Auth::PublishableKey(key) => f.debug_tuple("PublishableKey").field(key).finish(),
        }
    }
}

impl fmt::Debug for Seam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Seam")
            .field("base_url", &self.inner.base_url)
            .field("auth", &self.inner.auth())
            .field("credentials", &self.inner.credentials)
            .finish_non_exhaustive()
    }
}

impl Seam {
    // Seam's profile only: begin
    /// A client that authenticates with an API key, with the default settings.
    pub fn new(api_key: impl Into<String>) -> Result<Seam, Error> {
        Seam::builder().api_key(api_key).build()
    }

    /// A client configured from the environment (see [`SeamBuilder::from_env`]).
    pub fn from_env() -> Result<Seam, Error> {
        Seam::builder().from_env().build()
    }
    // Seam's profile only: end

    /// A builder, to choose the authentication method, base URL, timeouts, retries, headers or
    /// HTTP client.
    pub fn builder() -> SeamBuilder {
        SeamBuilder::default()
    }

    /// The base URL that requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
}

/// The kinds of Seam credentials, told apart by their prefixes as Seam's SDKs do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    ApiKey,
    PersonalAccessToken,
    ClientSessionToken,
    PublishableKey,
}

impl TokenKind {
    fn name(self) -> &'static str {
        match self {
            TokenKind::ApiKey => "an API key",
            TokenKind::PersonalAccessToken => "a personal access token",
            TokenKind::ClientSessionToken => "a client session token",
            TokenKind::PublishableKey => "a publishable key",
        }
    }

    /// What a token is, by its prefix; `None` for one of no known kind.
    fn of(token: &str) -> Option<TokenKind> {
        [
            TokenKind::ClientSessionToken,
            TokenKind::PersonalAccessToken,
            TokenKind::PublishableKey,
            TokenKind::ApiKey,
        ]
        .into_iter()
        .find(|kind| token.starts_with(kind.prefix()))
    }

    /// The prefix a token of this kind starts with.
    fn prefix(self) -> &'static str {
        match self {
            TokenKind::ApiKey => "seam_",
            TokenKind::PersonalAccessToken => "seam_at",
            TokenKind::ClientSessionToken => "seam_cst",
            TokenKind::PublishableKey => "seam_pk",
        }
    }
}

/// Fails with [`Error::InvalidToken`] unless `token` is of the kind `expected`, before
/// anything is sent: a credential given as another kind would be refused by the API anyway.
fn check_token(expected: TokenKind, token: &str) -> Result<(), Error> {
    if token.starts_with("ey") {
        return Err(Error::InvalidToken(format!(
            "a JWT (a console session token) cannot be used as {}",
            expected.name()
        )));
    }
    match TokenKind::of(token) {
        Some(kind) if kind == expected => Ok(()),
        Some(kind) => Err(Error::InvalidToken(format!(
            "{} cannot be used as {}",
            kind.name(),
            expected.name()
        ))),
        None => Err(Error::InvalidToken(format!(
            "unknown or invalid format for {}: it should start with `{}`",
            expected.name(),
            expected.prefix()
        ))),
    }
}

// Seam's profile only: begin
impl Seam {
    /// Whether `token` is an API key (`seam_…`, and of no other kind), as Seam's SDKs tell.
    pub fn is_api_key(token: &str) -> bool {
        TokenKind::of(token) == Some(TokenKind::ApiKey)
    }

    /// Whether `token` is a personal access token (`seam_at…`).
    pub fn is_personal_access_token(token: &str) -> bool {
        TokenKind::of(token) == Some(TokenKind::PersonalAccessToken)
    }

    /// Whether `token` is a client session token (`seam_cst…`).
    pub fn is_client_session_token(token: &str) -> bool {
        TokenKind::of(token) == Some(TokenKind::ClientSessionToken)
    }

    /// Whether `token` is a publishable key (`seam_pk…`).
    pub fn is_publishable_key(token: &str) -> bool {
        TokenKind::of(token) == Some(TokenKind::PublishableKey)
    }

    /// A client for one user of a client-side app: with the workspace's publishable key, gets
    /// (or creates) the client session of `user_identifier_key` (`/client_sessions/get_or_create`)
    /// and returns a client that authenticates with its token. See
    /// [`SeamBuilder::build_with_publishable_key`] to choose other settings.
    pub async fn from_publishable_key(
        publishable_key: impl Into<String>,
        user_identifier_key: impl Into<String>,
    ) -> Result<Seam, Error> {
        Seam::builder()
            .build_with_publishable_key(publishable_key, user_identifier_key)
            .await
    }

    /// Replaces the client session token of a client built with one, for this client and its
    /// clones, then checks it with `/client_sessions/get`. Fails with [`Error::InvalidToken`]
    /// when `token` is not a client session token, and with [`Error::Config`] on a client
    /// built with another credential.
    pub async fn update_client_session_token(&self, token: impl Into<String>) -> Result<(), Error> {
        let token = token.into();
        check_token(TokenKind::ClientSessionToken, &token)?;
        {
            let mut auth = match self.inner.auth.write() {
                Ok(auth) => auth,
                Err(poisoned) => poisoned.into_inner(),
            };
            if !matches!(*auth, Some(Auth::ClientSessionToken(_))) {
                return Err(Error::Config(
                    "only a client built with a client session token can have it replaced".to_owned(),
                ));
            }
            *auth = Some(Auth::ClientSessionToken(Secret(token)));
        }
        self.request(reqwest::Method::POST, "/client_sessions/get").await?;
        Ok(())
    }

    /// A request to a route this crate has no method for (a newer or an undocumented one),
    /// sent like every call: the client's credentials, headers, time limits, retries and
    /// errors. `GET` and `DELETE` send the parameters as the query, other methods as a JSON
    /// body. Awaiting it returns the whole JSON body of the answer.
    ///
    /// Each distinct route asked for is kept for the life of the process, as the routes the
    /// crate knows are.
    pub fn request(&self, method: reqwest::Method, path: &str) -> RouteRequest {
        let method = match method.as_str() {
            "GET" => Some(Method::Get),
            "POST" => Some(Method::Post),
            "PUT" => Some(Method::Put),
            "PATCH" => Some(Method::Patch),
            "DELETE" => Some(Method::Delete),
            _ => None,
        };
        let valid = path.starts_with('/')
            && !path.contains(|c: char| c.is_whitespace() || c.is_control() || "?#{}".contains(c));
        let call = match (method, valid) {
            (Some(method), true) => Ok(Call::new(self, unlisted_endpoint(method, path))),
            (None, _) => Err(Error::Config(format!(
                "`{path}`: only GET, POST, PUT, PATCH and DELETE requests can be sent"
            ))),
            (_, false) => Err(Error::Config(format!(
                "`{path}` is not a route: it must start with `/` and hold no space, `?`, `#`, `{{` or `}}`"
            ))),
        };
        RouteRequest { call }
    }
}
// Seam's profile only: end

/// A request to a route the crate has no method for ([`Seam::request`]): set its parameters,
/// then `.await` it.
#[derive(Debug)]
#[must_use = "a request is sent only when awaited"]
pub struct RouteRequest {
    call: Result<Call, Error>,
}

impl RouteRequest {
    /// Sets a parameter to the JSON form of `value`.
    pub fn param(mut self, name: &str, value: impl Serialize) -> Self {
        if let Ok(call) = &mut self.call {
            match serde_json::to_value(value) {
                Ok(mut value) => {
                    whole_numbers(&mut value);
                    call.params.insert(name.to_owned(), value);
                }
                Err(e) => {
                    self.call = Err(Error::InvalidParameter {
                        endpoint: call.endpoint.path,
                        parameter: name.to_owned(),
                        message: e.to_string(),
                    });
                }
            }
        }
        self
    }
}

impl std::future::IntoFuture for RouteRequest {
    type Output = Result<Value, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<Value, Error>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        match self.call {
            Ok(call) => Box::pin(call.send::<Value>()),
            Err(e) => Box::pin(std::future::ready(Err(e))),
        }
    }
}

/// The endpoint of a route the crate has no method for, made once per method and path and
/// kept for the life of the process, as the crate's own endpoints are.
fn unlisted_endpoint(method: Method, path: &str) -> &'static Endpoint {
    static ENDPOINTS: std::sync::Mutex<Vec<&'static Endpoint>> = std::sync::Mutex::new(Vec::new());
    let mut endpoints = match ENDPOINTS.lock() {
        Ok(endpoints) => endpoints,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(endpoint) = endpoints.iter().find(|e| e.method == method && e.path == path) {
        return endpoint;
    }
    let endpoint: &'static Endpoint = Box::leak(Box::new(Endpoint {
        path: Box::leak(path.to_owned().into_boxed_str()),
        method,
        query: matches!(method, Method::Get | Method::Delete),
        required: &[],
        key: Some(""),
        workspace: Workspace::Optional,
        placed: &[],
        security: None,
        form: false,
        content: Content::Fields,
        styles: &[],
        wire_names: &[],
        accept: Some("application/json"),
        server: None,
        answer: Answer::Json,
    }));
    endpoints.push(endpoint);
    endpoint
}

// Seam's profile only: begin
impl SeamBuilder {
    /// Builds a client for one user of a client-side app (see [`Seam::from_publishable_key`])
    /// with this builder's other settings: its credentials, if any, are not used.
    pub async fn build_with_publishable_key(
        self,
        publishable_key: impl Into<String>,
        user_identifier_key: impl Into<String>,
    ) -> Result<Seam, Error> {
        let mut anonymous = self.clone();
        anonymous.api_key = None;
        anonymous.personal_access_token = None;
        anonymous.workspace_id = None;
        anonymous.client_session_token = None;
        anonymous.env_error = None;
        anonymous.publishable_key = Some(Secret(publishable_key.into()));
        let answer = anonymous
            .build()?
            .request(reqwest::Method::POST, "/client_sessions/get_or_create")
            .param("user_identifier_key", user_identifier_key.into())
            .await?;
        let Some(token) = answer.pointer("/client_session/token").and_then(Value::as_str) else {
            return Err(Error::Decode(DecodeError {
                endpoint: "/client_sessions/get_or_create",
                path: "client_session.token".to_owned(),
                message: "missing from the response".to_owned(),
            }));
        };
        let mut session = self;
        session.api_key = None;
        session.personal_access_token = None;
        session.workspace_id = None;
        session.env_error = None;
        session.client_session_token(token).build()
    }
}
// Seam's profile only: end

/// Configures a [`Seam`] client.
#[derive(Clone, Default)]
pub struct SeamBuilder {
    credentials: Vec<(&'static str, Credential)>,
    api_key: Option<Secret>,
    personal_access_token: Option<Secret>,
    workspace_id: Option<String>,
    client_session_token: Option<Secret>,
    base_url: Option<String>,
    timeout: Option<Option<Duration>>,
    deadline: Option<Duration>,
    user_agent: Option<String>,
    headers: Vec<(String, String)>,
    http_client: Option<reqwest::Client>,
    max_retries: Option<u32>,
    retry_delay: Option<Duration>,
    max_retry_delay: Option<Duration>,
    wait_for_action_attempt: Option<WaitForActionAttempt>,
    allow_missing_fields: bool,
    publishable_key: Option<Secret>,
    /// What [`SeamBuilder::from_env`] found wrong, reported by [`SeamBuilder::build`].
    env_error: Option<String>,
}

impl fmt::Debug for SeamBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("SeamBuilder")
            .field("credentials", &self.credentials)
            .field("api_key", &self.api_key)
            .field("personal_access_token", &self.personal_access_token)
            .field("workspace_id", &self.workspace_id)
            .field("client_session_token", &self.client_session_token)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("user_agent", &self.user_agent)
            // A caller's header may carry a secret of its own: names only.
            .field("headers", &header_names)
            .field("http_client", &self.http_client.is_some())
            .field("max_retries", &self.max_retries)
            .field("retry_delay", &self.retry_delay)
            .field("max_retry_delay", &self.max_retry_delay)
            .field("wait_for_action_attempt", &self.wait_for_action_attempt)
            .field("allow_missing_fields", &self.allow_missing_fields)
            .finish()
    }
}

impl SeamBuilder {
    /// Sets the credential of the security scheme `scheme`, replacing one set before. The
    /// generated setters named after the description's schemes call it.
    #[doc(hidden)]
    pub fn credential(mut self, scheme: &'static str, credential: Credential) -> Self {
        self.credentials.retain(|(name, _)| *name != scheme);
        self.credentials.push((scheme, credential));
        self
    }

    // Seam's profile only: begin
    /// Authenticates with an API key, sent as `Authorization: Bearer …`.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(Secret(api_key.into()));
        self
    }

    /// Authenticates with a personal access token, sent as `Authorization: Bearer …`.
    /// Endpoints that act on a workspace also need [`SeamBuilder::workspace_id`]; calling one
    /// without it fails with [`Error::Config`] before anything is sent.
    pub fn personal_access_token(mut self, token: impl Into<String>) -> Self {
        self.personal_access_token = Some(Secret(token.into()));
        self
    }

    /// The workspace that a personal access token acts on, sent as the `seam-workspace` header.
    pub fn workspace_id(mut self, workspace_id: impl Into<String>) -> Self {
        self.workspace_id = Some(workspace_id.into());
        self
    }

    /// Authenticates with a client session token, sent as `Authorization: Bearer …` and as the
    /// `seam-client-session-token` header.
    pub fn client_session_token(mut self, token: impl Into<String>) -> Self {
        self.client_session_token = Some(Secret(token.into()));
        self
    }
    // Seam's profile only: end

    /// The base URL of the API (default: in Seam's profile `SEAM_ENDPOINT` when it is set,
    /// else the description's server URL).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The time limit of each attempt, from connecting to reading the whole response (default
    /// [`DEFAULT_TIMEOUT`]). A timed-out attempt is retried only when the call is idempotent.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(Some(timeout));
        self
    }

    /// Removes the time limit of each attempt; [`SeamBuilder::deadline`] still applies.
    pub fn no_timeout(mut self) -> Self {
        self.timeout = Some(None);
        self
    }

    /// The time limit of a whole call: every attempt, the pauses between them and the wait for
    /// an action attempt (default: none). A call that runs out fails with
    /// [`Error::DeadlineExceeded`].
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The `User-Agent` header (default: [`DEFAULT_USER_AGENT`]).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// A header sent with every request, e.g. a tracing or tenant header of the caller's own.
    /// It cannot replace the authentication headers. An invalid name or value fails
    /// [`SeamBuilder::build`].
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The HTTP client to send requests with, e.g. one shared with the rest of an application
    /// or configured with a proxy. The time limit of each attempt and the headers are still
    /// set per request; the client's own timeout, if any, applies as well.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// How many times a call is retried (default 2). Like Seam's own SDKs, a call is retried
    /// only when sending it again cannot repeat its effect: `GET`, `PUT` and `DELETE` calls
    /// after a connection error, a timeout, a `429` or a `5xx`; `POST` and `PATCH` calls only
    /// when the connection could not be opened. `0` turns retries off.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// The pause before the first retry (default 500 ms), doubled before each next one up to
    /// [`SeamBuilder::max_retry_delay`], each drawn at random between half and all of it so
    /// that many clients do not retry in step. A `Retry-After` header (in seconds, at most 60)
    /// takes its place.
    pub fn retry_delay(mut self, delay: Duration) -> Self {
        self.retry_delay = Some(delay);
        self
    }

    /// The longest pause between two attempts (default 10 s).
    pub fn max_retry_delay(mut self, delay: Duration) -> Self {
        self.max_retry_delay = Some(delay);
        self
    }

    /// Reads answers that lack fields the description marks as always present, as a fake
    /// server or an older deployment sends them, instead of failing with [`Error::Decode`].
    /// Off by default: decoding then never invents a value.
    ///
    /// With it, a missing field takes its type's empty value (`""`, `0`, `false`, an empty
    /// list, `None`, an enum's `Other("")`, a union's `Unknown`), and its JSON path is
    /// reported: as a `tracing` warning (feature `tracing`), and in
    /// [`Decoded::missing_fields`] when the call is awaited through `.with_decode_report()`.
    /// Meant for tests against a fake and for servers known to be older, not to hide a
    /// server's mistakes in production. Behind the feature `missing-fields`, so that a crate
    /// that does not ask for it compiles no second decoder.
    #[cfg(feature = "missing-fields")]
    pub fn allow_missing_fields(mut self) -> Self {
        self.allow_missing_fields = true;
        self
    }

    // Seam's profile only: begin
    /// Whether calls that start an action attempt (`unlock_door`, …) wait for it to finish
    /// (default: [`WaitForActionAttempt::default`], polling every second for up to 10 s, as
    /// Seam's SDKs do). Each such call can override it.
    pub fn wait_for_action_attempt(mut self, wait: impl Into<WaitForActionAttempt>) -> Self {
        self.wait_for_action_attempt = Some(wait.into());
        self
    }

    /// Reads the environment, like Seam's other SDKs: unless a credential is already set,
    /// `SEAM_API_KEY` or `SEAM_PERSONAL_ACCESS_TOKEN` with `SEAM_WORKSPACE_ID` (both a key and
    /// a token fail [`SeamBuilder::build`]: choose one). `SEAM_ENDPOINT` is read by every
    /// builder (see [`SeamBuilder::base_url`]). Variables that are not set, or empty, are
    /// ignored.
    pub fn from_env(mut self) -> Self {
        let has_credential =
            self.api_key.is_some() || self.personal_access_token.is_some() || self.client_session_token.is_some();
        if !has_credential {
            match (env_var("SEAM_API_KEY"), env_var("SEAM_PERSONAL_ACCESS_TOKEN")) {
                (Some(_), Some(_)) => {
                    self.env_error = Some(
                        "both SEAM_API_KEY and SEAM_PERSONAL_ACCESS_TOKEN are set: use only one authentication method"
                            .to_owned(),
                    );
                }
                (Some(key), None) => self.api_key = Some(Secret(key)),
                (None, Some(token)) => self.personal_access_token = Some(Secret(token)),
                (None, None) => {}
            }
        }
        if self.personal_access_token.is_some() && self.workspace_id.is_none() {
            self.workspace_id = env_var("SEAM_WORKSPACE_ID");
        }
        self
    }
    // Seam's profile only: end

    /// Builds the client; fails when no authentication method, or more than one, is set, when
    /// the base URL is not an `http(s)` URL, or when a header is invalid.
    pub fn build(self) -> Result<Seam, Error> {
        if let Some(message) = &self.env_error {
            return Err(Error::Config(message.clone()));
        }
        if let Some(wait) = self.wait_for_action_attempt {
            check_wait(wait)?;
        }
        let auth = match SEAM_PROFILE {
            true => Some(self.auth()?),
            false => self.no_seam_auth()?,
        };
        let endpoint_from_env = || env_var("SEAM_ENDPOINT").filter(|_| SEAM_PROFILE);
        let base_url = self
            .base_url
            .or_else(endpoint_from_env)
            .unwrap_or_else(|| crate::DEFAULT_BASE_URL.to_owned())
            .trim_end_matches('/')
            .to_owned();
        match reqwest::Url::parse(&base_url) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => {}
            _ => {
                return Err(Error::Config(format!(
                    "the base URL `{base_url}` is not an http(s) URL"
                )));
            }
        }
        let user_agent = self.user_agent.as_deref().unwrap_or(DEFAULT_USER_AGENT);
        let headers = default_headers(user_agent, &self.headers)?;
        let credentials = self.credentials;
        let http = match self.http_client {
            Some(client) => client,
            None => reqwest::Client::builder()
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
        };
        Ok(Seam {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth: std::sync::RwLock::new(auth),
                credentials,
                headers,
                timeout: self.timeout.unwrap_or(Some(DEFAULT_TIMEOUT)),
                deadline: self.deadline,
                retry: RetryPolicy {
                    max_retries: self.max_retries.unwrap_or(2),
                    initial_delay: self.retry_delay.unwrap_or(Duration::from_millis(500)),
                    max_delay: self.max_retry_delay.unwrap_or(Duration::from_secs(10)),
                },
                wait_for_action_attempt: self.wait_for_action_attempt.unwrap_or_default(),
                allow_missing_fields: self.allow_missing_fields,
            }),
        })
    }

    fn auth(&self) -> Result<Auth, Error> {
        if self.workspace_id.is_some() && self.personal_access_token.is_none() {
            return Err(Error::Config(
                "a workspace id is only sent with a personal access token".to_owned(),
            ));
        }
        if let Some(key) = &self.publishable_key {
            check_token(TokenKind::PublishableKey, &key.0)?;
            return Ok(Auth::PublishableKey(key.clone()));
        }
        match (&self.api_key, &self.personal_access_token, &self.client_session_token) {
            (Some(key), None, None) => {
                check_token(TokenKind::ApiKey, &key.0)?;
                Ok(Auth::ApiKey(key.clone()))
            }
            (None, Some(token), None) => {
                check_token(TokenKind::PersonalAccessToken, &token.0)?;
                Ok(Auth::PersonalAccessToken {
                    token: token.clone(),
                    workspace_id: self.workspace_id.clone(),
                })
            }
            (None, None, Some(token)) => {
                check_token(TokenKind::ClientSessionToken, &token.0)?;
                Ok(Auth::ClientSessionToken(token.clone()))
            }
            (None, None, None) => Err(Error::Config(
                "no credentials: set an API key (or SEAM_API_KEY), a personal access token (or \
                 SEAM_PERSONAL_ACCESS_TOKEN) or a client session token"
                    .to_owned(),
            )),
            _ => Err(Error::Config(
                "more than one authentication method is set; choose one".to_owned(),
            )),
        }
    }
}

impl SeamBuilder {
    /// Outside Seam's profile, Seam's own credentials mean nothing to the API.
    fn no_seam_auth(&self) -> Result<Option<Auth>, Error> {
        if self.api_key.is_some()
            || self.personal_access_token.is_some()
            || self.workspace_id.is_some()
            || self.client_session_token.is_some()
        {
            return Err(Error::Config(
                "Seam's credentials do not authenticate with this API: set the credentials of its security schemes"
                    .to_owned(),
            ));
        }
        Ok(None)
    }
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The headers of every request: the user agent, the SDK's name and version, then the
/// caller's own.
fn default_headers(user_agent: &str, extra: &[(String, String)]) -> Result<HeaderMap, Error> {
    let mut headers = HeaderMap::new();
    let sdk = [
        ("seam-sdk-name", SDK_NAME),
        ("seam-sdk-version", env!("CARGO_PKG_VERSION")),
    ];
    let pairs = [("user-agent", user_agent)]
        .into_iter()
        .chain(sdk.into_iter().filter(|_| SEAM_PROFILE))
        .chain(extra.iter().map(|(name, value)| (name.as_str(), value.as_str())));
    for (name, value) in pairs {
        let invalid = |what: &str| Error::Config(format!("the header `{name}` has an invalid {what}"));
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("name"))?;
        // Outside Seam's profile a caller may authenticate by a header of its own, e.g. where
        // the description declares no security scheme.
        if SEAM_PROFILE
            && matches!(
                name.as_str(),
                "authorization" | "seam-workspace" | "seam-client-session-token" | "seam-publishable-key"
            )
        {
            return Err(Error::Config(format!(
                "the header `{name}` is set by the authentication method"
            )));
        }
        let value = HeaderValue::from_str(value).map_err(|_| invalid("value"))?;
        headers.insert(name, value);
    }
    Ok(headers)
}

/// When and how long to wait before sending a call again.
#[derive(Debug, Clone, Copy)]
struct RetryPolicy {
    max_retries: u32,
    initial_delay: Duration,
    max_delay: Duration,
}

impl RetryPolicy {
    /// The pause before retry number `retry + 1`, or `None` when the outcome must be returned
    /// as it is.
    fn pause(&self, retry: u32, idempotent: bool, outcome: &Result<Reply, reqwest::Error>) -> Option<Duration> {
        if retry >= self.max_retries || !is_retryable(idempotent, outcome) {
            return None;
        }
        match outcome {
            Ok(Reply {
                retry_after: Some(wait),
                ..
            }) => (*wait <= MAX_RETRY_AFTER).then_some(*wait),
            _ => Some(jitter(self.backoff(retry))),
        }
    }

    /// The exponential backoff before retry number `retry + 1`, capped; never overflows.
    fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry);
        self.initial_delay.saturating_mul(factor).min(self.max_delay)
    }
}

/// Whether sending the call again may succeed and cannot repeat its effect. A connection that
/// could not be opened never reached the API; anything else may have, so only idempotent
/// methods are sent again after it.
fn is_retryable(idempotent: bool, outcome: &Result<Reply, reqwest::Error>) -> bool {
    match outcome {
        Err(e) if e.is_connect() => true,
        Err(e) => idempotent && (e.is_timeout() || e.is_request() || e.is_body()),
        Ok(reply) => idempotent && is_retryable_status(reply.status),
    }
}

fn is_retryable_status(status: u16) -> bool {
    status == 429 || (500..=599).contains(&status)
}

/// A duration drawn uniformly between half of `full` and all of it.
fn jitter(full: Duration) -> Duration {
    let half = full / 2;
    half + half.mul_f64(random_fraction())
}

/// A number in `[0, 1)` from the standard library's per-process random hash keys, which is
/// random enough to spread retries and needs no extra dependency.
fn random_fraction() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(0);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Whether and how a call that starts an action attempt waits for it to finish.
///
/// Seam performs actions on devices (unlocking a door, …) in the background and answers
/// with an action attempt, `pending` at first. Waiting polls `/action_attempts/get` until the
/// attempt succeeds (the call returns it), fails ([`Error::ActionAttemptFailed`]) or the time
/// runs out ([`Error::ActionAttemptTimedOut`]). `false` converts to
/// [`WaitForActionAttempt::No`], `true` to the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitForActionAttempt {
    /// Return the action attempt as the API first answers, usually `pending`.
    No,
    /// Poll every `polling_interval` for at most `timeout`.
    Poll {
        /// How long to wait for the attempt to finish.
        timeout: Duration,
        /// The pause between two polls.
        polling_interval: Duration,
    },
}

impl Default for WaitForActionAttempt {
    /// Poll every second for up to 10 s, as Seam's SDKs do.
    fn default() -> Self {
        WaitForActionAttempt::Poll {
            timeout: Duration::from_secs(10),
            polling_interval: Duration::from_secs(1),
        }
    }
}

impl From<bool> for WaitForActionAttempt {
    fn from(wait: bool) -> Self {
        if wait {
            WaitForActionAttempt::default()
        } else {
            WaitForActionAttempt::No
        }
    }
}

/// Fails with [`Error::Config`] for a wait that would poll back to back.
fn check_wait(wait: WaitForActionAttempt) -> Result<(), Error> {
    match wait {
        WaitForActionAttempt::Poll { polling_interval, .. } if polling_interval.is_zero() => Err(Error::Config(
            "the polling interval of `WaitForActionAttempt::Poll` must be more than zero".to_owned(),
        )),
        _ => Ok(()),
    }
}

/// Everything that can go wrong with a call.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or the response could not be read (connection, TLS,
    /// timeout of an attempt, …).
    Transport(reqwest::Error),
    /// The API refused the credentials (HTTP 401).
    Unauthorized(Box<ApiError>),
    /// The API answered with another error status.
    Api(Box<ApiError>),
    /// The response did not have the expected shape.
    Decode(DecodeError),
    /// A required parameter was not set; nothing was sent.
    MissingParameter {
        /// The endpoint's path, e.g. `/acs/users/create`.
        endpoint: &'static str,
        /// The parameter's name, e.g. `acs_system_id`.
        parameter: &'static str,
    },
    /// A parameter's value cannot be sent; nothing was sent.
    InvalidParameter {
        /// The endpoint's path.
        endpoint: &'static str,
        /// The parameter's name, dotted for a field of an object parameter.
        parameter: String,
        /// What is wrong with it.
        message: String,
    },
    /// The call did not finish within [`SeamBuilder::deadline`].
    DeadlineExceeded {
        /// The endpoint's path.
        endpoint: &'static str,
        /// The deadline.
        deadline: Duration,
    },
    /// The action attempt that the call started failed.
    ActionAttemptFailed(Box<ActionAttemptError>),
    /// The action attempt that the call started was still pending when the wait ended.
    ActionAttemptTimedOut(Box<ActionAttemptError>),
    /// The client is not configured correctly for this call.
    Config(String),
    /// A credential is not of the kind it is given as (an API key that is a personal access
    /// token, …), as Seam's SDKs tell them apart by their prefixes; nothing was sent.
    InvalidToken(String),
}

impl Error {
    /// The HTTP status of the API's answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) | Error::Unauthorized(e) => Some(e.status),
            Error::Transport(e) => e.status().map(|s| s.as_u16()),
            _ => None,
        }
    }

    /// The `seam-request-id` of the API's answer, when there was one: quote it to Seam's
    /// support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) | Error::Unauthorized(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// Whether the same call may succeed if sent again later: a connection failure, a timeout,
    /// a `429` or a `5xx`, or an action attempt that was still pending. Whether sending it
    /// again is safe depends on the call; the client itself retries only idempotent ones.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport(e) => e.is_connect() || e.is_timeout() || e.is_request(),
            Error::Api(e) => is_retryable_status(e.status),
            Error::DeadlineExceeded { .. } | Error::ActionAttemptTimedOut(_) => true,
            _ => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport(e) => write!(f, "cannot reach the Seam API: {e}"),
            Error::Api(e) | Error::Unauthorized(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::MissingParameter { endpoint, parameter } => {
                write!(f, "{endpoint}: the required parameter `{parameter}` is not set")
            }
            Error::InvalidParameter {
                endpoint,
                parameter,
                message,
            } => write!(f, "{endpoint}: cannot send the parameter `{parameter}`: {message}"),
            Error::DeadlineExceeded { endpoint, deadline } => {
                write!(f, "{endpoint} did not finish within {deadline:?}")
            }
            Error::ActionAttemptFailed(e) => write!(
                f,
                "action attempt {} ({}) failed: {}: {}",
                e.action_attempt_id, e.action_type, e.error_type, e.message
            ),
            Error::ActionAttemptTimedOut(e) => write!(
                f,
                "action attempt {} ({}) was still pending after {:?}",
                e.action_attempt_id, e.action_type, e.waited
            ),
            Error::Config(message) => write!(f, "invalid Seam client configuration: {message}"),
            Error::InvalidToken(message) => write!(f, "invalid Seam credential: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            _ => None,
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        Error::Transport(e)
    }
}

/// An error answer of the API: `{"error": {"type": …, "message": …}, "ok": false}`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// The endpoint's path.
    pub endpoint: &'static str,
    /// The HTTP status code.
    pub status: u16,
    /// `error.type`, e.g. `invalid_input`; empty when the body has none.
    pub error_type: String,
    /// `error.message`; the status's reason when the body has none.
    pub message: String,
    /// The `seam-request-id` response header, else `error.request_id`: quote it to Seam's
    /// support.
    pub request_id: Option<String>,
    /// `error.data`: details some errors carry, e.g. the id of what was not found.
    pub data: Option<Value>,
    /// For an `invalid_input` error, the messages of each invalid parameter, by its name
    /// (dotted for a field of an object parameter; empty for the request as a whole).
    pub validation_errors: BTreeMap<String, Vec<String>>,
    /// The response body as received.
    pub body: String,
}

impl ApiError {
    /// The response body decoded as `T`, e.g. the error type a call's docs name.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.body)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed with HTTP {}", self.endpoint, self.status)?;
        if !self.error_type.is_empty() {
            write!(f, " ({})", self.error_type)?;
        }
        write!(f, ": {}", self.message)?;
        for (parameter, messages) in &self.validation_errors {
            write!(f, "; {parameter}: {}", messages.join(", "))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

/// An action attempt that failed or did not finish in time.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ActionAttemptError {
    /// The attempt's id: `/action_attempts/get` tells how it ends.
    pub action_attempt_id: String,
    /// The attempt's `action_type`, e.g. `UNLOCK_DOOR`.
    pub action_type: String,
    /// `error.type` of a failed attempt; empty for one that timed out.
    pub error_type: String,
    /// `error.message` of a failed attempt; empty for one that timed out.
    pub message: String,
    /// How long the call waited.
    pub waited: Duration,
    /// The attempt as last received.
    pub action_attempt: Value,
}

impl ActionAttemptError {
    fn new(attempt: Value, waited: Duration) -> Self {
        let text = |value: Option<&Value>| value.and_then(Value::as_str).unwrap_or_default().to_owned();
        ActionAttemptError {
            action_attempt_id: text(attempt.get("action_attempt_id")),
            action_type: text(attempt.get("action_type")),
            error_type: text(attempt.pointer("/error/type")),
            message: text(attempt.pointer("/error/message")),
            waited,
            action_attempt: attempt,
        }
    }
}

/// A response that does not have the expected shape.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DecodeError {
    /// The endpoint's path.
    pub endpoint: &'static str,
    /// Where in the response body decoding failed, e.g. `acs_user.errors[0].created_at`.
    pub path: String,
    /// What was wrong there.
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot decode the response of {} at `{}`: {}",
            self.endpoint, self.path, self.message
        )
    }
}

/// The HTTP methods of the API.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
}

impl Method {
    fn as_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
            Method::Head => reqwest::Method::HEAD,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
        }
    }

    /// Whether sending the request twice has the effect of sending it once.
    fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

/// What an endpoint allows of a personal access token's `seam-workspace` header.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workspace {
    /// Only `pat_with_workspace`: the header must be sent.
    Required,
    /// Both, or no personal access token at all: the client does not check.
    Optional,
    /// Only `pat_without_workspace`: the header must not be sent.
    Forbidden,
}

/// What the generated code tells the runtime about one endpoint.
#[doc(hidden)]
#[derive(Debug)]
pub struct Endpoint {
    /// The path, e.g. `/acs/users/get`.
    pub path: &'static str,
    pub method: Method,
    /// Whether the parameters travel in the query string (else in a JSON body).
    pub query: bool,
    pub required: &'static [&'static str],
    /// The response body's key that holds the result; `Some("")` for the whole body, `None`
    /// for void.
    pub key: Option<&'static str>,
    pub workspace: Workspace,
    /// The parameters that travel apart from the rest: in the query beside a JSON body, or as
    /// a header or a cookie.
    pub placed: &'static [(&'static str, Place)],
    /// The security requirements the call may meet, any one of them, each the schemes it
    /// needs together; `None` in Seam's profile, where Seam's credential is always sent.
    pub security: Option<&'static [&'static [Scheme]]>,
    /// Whether the body is a form (`application/x-www-form-urlencoded`) rather than JSON.
    pub form: bool,
    /// What the body holds: the parameters' fields, or one value set whole.
    pub content: Content,
    /// The query parameters written in a style of their own, by name.
    pub styles: &'static [(&'static str, QueryStyle)],
    /// The parameters whose name on the wire is not their own (one declared in two places),
    /// as (parameter, wire name).
    pub wire_names: &'static [(&'static str, &'static str)],
    /// The media type the call decodes, sent as `Accept`.
    pub accept: Option<&'static str>,
    /// The operation's own server, instead of the client's base URL.
    pub server: Option<&'static str>,
    /// How a success answer is read.
    pub answer: Answer,
}

/// Where a parameter travels apart from the rest of its call's parameters.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Query,
    Header,
    Cookie,
}

impl Endpoint {
    /// Whether the call returns an action attempt, which it may wait for.
    fn returns_action_attempt(&self) -> bool {
        self.key == Some(ACTION_ATTEMPT_KEY)
    }
}

const ACTION_ATTEMPT_KEY: &str = "action_attempt";

/// The endpoint that reports an action attempt's progress.
static ACTION_ATTEMPTS_GET: Endpoint = Endpoint {
    path: "/action_attempts/get",
    method: Method::Get,
    query: true,
    required: &["action_attempt_id"],
    key: Some(ACTION_ATTEMPT_KEY),
    workspace: Workspace::Optional,
    placed: &[],
    security: None,
    form: false,
    content: Content::Fields,
    styles: &[],
    wire_names: &[],
    accept: Some("application/json"),
    server: None,
    answer: Answer::Json,
};

/// One call being built: the endpoint and the parameters set so far.
#[doc(hidden)]
#[derive(Clone)]
pub struct Call {
    seam: Seam,
    endpoint: &'static Endpoint,
    params: Map<String, Value>,
    /// The parameters that hold bytes: file parts of a multipart body, or a binary body.
    files: Vec<(&'static str, FilePart)>,
    invalid: Option<(&'static str, String)>,
    wait_for_action_attempt: Option<WaitForActionAttempt>,
}

impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("endpoint", &self.endpoint.path)
            .field("params", &self.params)
            .finish()
    }
}

/// A successful answer's parts, or an error answer's.
struct Reply {
    status: u16,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    bytes: Vec<u8>,
}

impl Call {
    pub fn new(seam: &Seam, endpoint: &'static Endpoint) -> Call {
        Call {
            seam: seam.clone(),
            endpoint,
            params: Map::new(),
            files: Vec::new(),
            invalid: None,
            wait_for_action_attempt: None,
        }
    }

    /// Sets a parameter to the JSON form of `value`.
    pub fn set<T: Serialize>(&mut self, name: &'static str, value: T) {
        match serde_json::to_value(value) {
            Ok(mut value) => {
                whole_numbers(&mut value);
                self.params.insert(name.to_owned(), value);
            }
            Err(e) => self.invalid = Some((name, e.to_string())),
        }
    }

    /// Sets a parameter that holds bytes: a file part, or the whole body.
    pub fn set_file(&mut self, name: &'static str, file: FilePart) {
        self.files.retain(|(n, _)| *n != name);
        self.files.push((name, file));
    }

    /// Overrides the client's [`WaitForActionAttempt`] for this call.
    pub fn wait_for_action_attempt(&mut self, wait: WaitForActionAttempt) {
        self.wait_for_action_attempt = Some(wait);
    }

    /// Sends the call; the result is decoded when the returned future is awaited.
    pub fn send<T: DeserializeOwned>(self) -> Response<T> {
        Response {
            raw: Box::pin(self.execute()),
            output: PhantomData,
        }
    }

    /// Sends the call; the result, and the fields its answer lacked, when awaited.
    pub fn send_reported<T: DeserializeOwned>(self) -> Reported<T> {
        Reported {
            raw: Box::pin(self.execute()),
            output: PhantomData,
        }
    }

    /// Walks every page of a paginated list endpoint.
    pub fn pages<T: DeserializeOwned>(self, cursor_param: &'static str, pagination_key: &'static str) -> Pages<T> {
        Pages {
            first: self,
            cursor_param,
            pagination_key,
            next_cursor: None,
            seen: HashSet::new(),
            state: PagesState::Ready,
            item: PhantomData,
        }
    }

    /// Sends the call within the client's deadline and, for an action attempt, waits for it.
    async fn execute(self) -> Result<Raw, Error> {
        let endpoint = self.endpoint.path;
        match self.seam.inner.deadline {
            None => self.execute_unbounded().await,
            Some(deadline) => tokio::time::timeout(deadline, self.execute_unbounded())
                .await
                .unwrap_or(Err(Error::DeadlineExceeded { endpoint, deadline })),
        }
    }

    async fn execute_unbounded(self) -> Result<Raw, Error> {
        let wait = self
            .wait_for_action_attempt
            .unwrap_or(self.seam.inner.wait_for_action_attempt);
        let seam = self.seam.clone();
        let raw = self.send_with_retries().await?;
        match wait {
            WaitForActionAttempt::Poll {
                timeout,
                polling_interval,
            } if raw.endpoint.returns_action_attempt() => {
                wait_for_action_attempt(&seam, raw, timeout, polling_interval).await
            }
            _ => Ok(raw),
        }
    }

    /// Checks the call, then sends it, again after a failure that allows it.
    async fn send_with_retries(mut self) -> Result<Raw, Error> {
        let endpoint = self.endpoint;
        self.check()?;
        let request = self.prepare()?;
        let inner = &self.seam.inner;
        let mut retry = 0;
        let reply = loop {
            let outcome = self.send_once(&request, retry).await;
            match inner.retry.pause(retry, endpoint.method.is_idempotent(), &outcome) {
                Some(pause) => tokio::time::sleep(pause).await,
                None => break outcome?,
            }
            retry += 1;
        };
        if !(200..300).contains(&reply.status) {
            let error = Box::new(api_error(endpoint.path, &reply));
            return Err(if reply.status == 401 {
                Error::Unauthorized(error)
            } else {
                Error::Api(error)
            });
        }
        let body = match (endpoint.key, endpoint.answer) {
            // A void call's body carries nothing the caller asked for.
            (None, _) => Value::Null,
            (Some(_), Answer::Text) => Value::String(String::from_utf8_lossy(&reply.bytes).into_owned()),
            (Some(_), Answer::Bytes) => Value::Array(reply.bytes.iter().map(|b| Value::from(*b)).collect()),
            // Any API's profile only: begin
            // A success the description answers without a body holds no value.
            (Some(_), Answer::JsonOrNothing(statuses)) if statuses.contains(&reply.status) => Value::Null,
            (Some(_), Answer::JsonOrNothing(_)) => serde_json::from_slice(&reply.bytes).map_err(|e| {
                Error::Decode(DecodeError {
                    endpoint: endpoint.path,
                    path: String::new(),
                    message: format!("the body is not JSON: {e}"),
                })
            })?,
            // Any API's profile only: end
            (Some(_), Answer::Json) => serde_json::from_slice(&reply.bytes).map_err(|e| {
                Error::Decode(DecodeError {
                    endpoint: endpoint.path,
                    path: String::new(),
                    message: format!("the body is not JSON: {e}"),
                })
            })?,
        };
        Ok(Raw {
            endpoint,
            body,
            allow_missing_fields: inner.allow_missing_fields,
        })
    }

    /// The request, laid out once for every attempt: the path filled, the parameters placed
    /// in the query, headers, cookies and body, and the credentials added.
    fn prepare(&mut self) -> Result<Prepared, Error> {
        let endpoint = self.endpoint;
        let invalid = |(parameter, message): (String, String)| Error::InvalidParameter {
            endpoint: endpoint.path,
            parameter,
            message,
        };
        let path = fill_path(endpoint.path, &mut self.params, endpoint.styles).map_err(invalid)?;
        let mut placed = take_placed(endpoint.placed, endpoint.wire_names, &mut self.params).map_err(invalid)?;
        // Any API's profile only: begin
        body_fields_on_wire(endpoint.wire_names, &mut self.params, &mut self.files);
        // Any API's profile only: end
        if endpoint.query {
            placed.query.append(&mut self.params);
        }
        let credentials = self.credentials()?;
        let base = server_url(&self.seam.inner.base_url, endpoint.server);
        let mut url = reqwest::Url::parse(&format!("{}{path}", base.trim_end_matches('/')))
            .map_err(|e| Error::Config(format!("invalid URL for {}: {e}", endpoint.path)))?;
        let query = encode_styled_query(&placed.query, endpoint.styles).map_err(invalid)?;
        url.set_query((!query.is_empty()).then_some(query.as_str()));
        if !credentials.credentials_query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, key) in &credentials.credentials_query {
                pairs.append_pair(name, &key.0);
            }
        }
        let mut headers = placed.headers;
        headers.extend(credentials.headers);
        let cookies: Vec<String> = placed.cookies.into_iter().chain(credentials.cookies).collect();
        if !cookies.is_empty() {
            let mut value = HeaderValue::from_str(&cookies.join("; "))
                .map_err(|_| invalid(("cookie".to_owned(), "a cookie's value must be visible ASCII".to_owned())))?;
            value.set_sensitive(true);
            headers.insert(reqwest::header::COOKIE, value);
        }
        let body = match (endpoint.query, endpoint.form, endpoint.content) {
            (true, _, _) => None,
            (false, false, Content::Fields) => Some(Body::Json(std::mem::take(&mut self.params))),
            (false, true, Content::Fields) => Some(Body::Form(
                encode_styled_query(&self.params, endpoint.styles).map_err(invalid)?,
            )),
            (false, _, content) => {
                whole_body(content, &mut self.params, &mut self.files).map_err(|message| Error::InvalidParameter {
                    endpoint: endpoint.path,
                    parameter: "body".to_owned(),
                    message,
                })?
            }
        };
        Ok(Prepared { url, headers, body })
    }

    /// What can be known to fail before sending: parameters and the workspace rule.
    fn check(&self) -> Result<(), Error> {
        let endpoint = self.endpoint;
        if let Some((parameter, message)) = &self.invalid {
            return Err(Error::InvalidParameter {
                endpoint: endpoint.path,
                parameter: (*parameter).to_owned(),
                message: message.clone(),
            });
        }
        if endpoint.returns_action_attempt() {
            let wait = self
                .wait_for_action_attempt
                .unwrap_or(self.seam.inner.wait_for_action_attempt);
            check_wait(wait)?;
        }
        let set = |p: &&str| self.params.contains_key(*p) || self.files.iter().any(|(name, _)| name == p);
        if let Some(parameter) = endpoint.required.iter().find(|p| !set(p)) {
            return Err(Error::MissingParameter {
                endpoint: endpoint.path,
                parameter,
            });
        }
        if let Some(Auth::PersonalAccessToken { workspace_id, .. }) = &self.seam.inner.auth() {
            match (endpoint.workspace, workspace_id) {
                (Workspace::Required, None) => {
                    return Err(Error::Config(format!(
                        "{} needs a workspace with a personal access token: set `workspace_id` (or SEAM_WORKSPACE_ID)",
                        endpoint.path
                    )));
                }
                (Workspace::Forbidden, Some(_)) => {
                    return Err(Error::Config(format!(
                        "{} acts on no workspace: call it from a client built without `workspace_id`",
                        endpoint.path
                    )));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The credentials this call sends: Seam's, or those of the first of its security
    /// requirements whose schemes all have one. A call that needs credentials the client
    /// lacks fails before anything is sent.
    fn credentials(&self) -> Result<Placed, Error> {
        let inner = &self.seam.inner;
        let mut sent = Placed::default();
        let requirements = match (&inner.auth(), self.endpoint.security) {
            (Some(auth), _) => {
                sent.headers = auth_headers(auth);
                return Ok(sent);
            }
            (None, None) => return Ok(sent),
            (None, Some([])) => return Ok(sent),
            (None, Some(requirements)) => requirements,
        };
        let credential = |scheme: &Scheme| {
            inner
                .credentials
                .iter()
                .find(|(name, _)| *name == scheme.name)
                .map(|(_, credential)| credential)
        };
        let Some(requirement) = requirements
            .iter()
            .find(|schemes| schemes.iter().all(|scheme| credential(scheme).is_some()))
        else {
            let needed: Vec<String> = requirements
                .iter()
                .map(|schemes| {
                    schemes
                        .iter()
                        .map(|s| format!("`{}`", s.name))
                        .collect::<Vec<_>>()
                        .join(" and ")
                })
                .collect();
            return Err(Error::Config(format!(
                "{} needs the credentials of {}: set them on the client's builder",
                self.endpoint.path,
                needed.join(" or ")
            )));
        };
        for scheme in requirement.iter() {
            if let Some(credential) = credential(scheme) {
                sent.add_credential(scheme.kind, credential);
            }
        }
        Ok(sent)
    }

    /// One attempt: the request, and the whole answer read.
    async fn send_once(&self, prepared: &Prepared, retry: u32) -> Result<Reply, reqwest::Error> {
        let inner = &self.seam.inner;
        let endpoint = self.endpoint;
        let mut request = inner
            .http
            .request(endpoint.method.as_reqwest(), prepared.url.clone())
            .headers(inner.headers.clone())
            .headers(prepared.headers.clone());
        if let Some(accept) = endpoint.accept {
            request = request.header(reqwest::header::ACCEPT, accept);
        }
        if let Some(timeout) = inner.timeout {
            request = request.timeout(timeout);
        }
        match &prepared.body {
            Some(Body::Json(fields)) => request = request.json(fields),
            Some(Body::Form(text)) => {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(text.clone());
            }
            Some(Body::Raw { content_type, bytes }) => {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, content_type.as_str())
                    .body(bytes.clone());
            }
            None => {}
        }
        #[cfg(feature = "tracing")]
        let span = tracing::info_span!(
            "seam.request",
            method = endpoint.method.as_str(),
            path = endpoint.path,
            attempt = retry + 1,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        #[cfg(not(feature = "tracing"))]
        let _ = retry;
        let attempt = async {
            let response = request.send().await?;
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            };
            let status = response.status().as_u16();
            let request_id = header("seam-request-id");
            let retry_after = header("retry-after")
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            #[cfg(feature = "tracing")]
            {
                span.record("status", status);
                if let Some(id) = &request_id {
                    span.record("request_id", id.as_str());
                }
            }
            let bytes = response.bytes().await?.to_vec();
            Ok(Reply {
                status,
                request_id,
                retry_after,
                bytes,
            })
        };
        #[cfg(feature = "tracing")]
        let attempt = tracing::Instrument::instrument(attempt, span.clone());
        attempt.await
    }
}

/// The headers of the client's authentication method, marked sensitive so that no log or
/// debug output of a request shows them.
fn auth_headers(auth: &Auth) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let mut secret = |name: HeaderName, value: String| {
        if let Ok(mut value) = HeaderValue::from_str(&value) {
            value.set_sensitive(true);
            headers.insert(name, value);
        }
    };
    match auth {
        Auth::ApiKey(key) => secret(reqwest::header::AUTHORIZATION, format!("Bearer {}", key.0)),
        Auth::PersonalAccessToken { token, .. } => {
            secret(reqwest::header::AUTHORIZATION, format!("Bearer {}", token.0))
        }
        Auth::ClientSessionToken(token) => {
            secret(reqwest::header::AUTHORIZATION, format!("Bearer {}", token.0));
            secret(HeaderName::from_static("seam-client-session-token"), token.0.clone());
        }
        Auth::PublishableKey(key) => secret(HeaderName::from_static("seam-publishable-key"), key.0.clone()),
    }
    if let Auth::PersonalAccessToken {
        workspace_id: Some(id), ..
    } = auth
    {
        if let Ok(value) = HeaderValue::from_str(id) {
            headers.insert(HeaderName::from_static("seam-workspace"), value);
        }
    }
    headers
}

/// A call's request, ready to send as many times as it is tried.
struct Prepared {
    url: reqwest::Url,
    /// The headers of this call: its parameters' and its credentials'.
    headers: HeaderMap,
    body: Option<Body>,
}

/// A request body.
enum Body {
    /// Fields sent as a JSON object.
    Json(Map<String, Value>),
    /// Fields already written as a form (`application/x-www-form-urlencoded`).
    Form(String),
    /// A body already written, with its media type.
    Raw { content_type: String, bytes: Vec<u8> },
}

/// What travels apart from a call's body: parameters placed in the query, headers and
/// cookies, and the credentials sent the same ways.
#[derive(Default)]
struct Placed {
    query: Map<String, Value>,
    headers: HeaderMap,
    cookies: Vec<String>,
    /// Credentials sent as query parameters, not sorted with the parameters.
    credentials_query: Vec<(&'static str, Secret)>,
}

impl Placed {
    fn add_credential(&mut self, kind: SchemeKind, credential: &Credential) {
        let secret = |text: String| {
            let mut value = HeaderValue::from_str(&text).ok()?;
            value.set_sensitive(true);
            Some(value)
        };
        let token = match &credential.0 {
            Held::Token(token) => token.0.clone(),
            Held::Basic { username, password } => format!("{username}:{}", password.0),
        };
        let header = match kind {
            SchemeKind::Bearer => Some((reqwest::header::AUTHORIZATION, secret(format!("Bearer {token}")))),
            SchemeKind::Basic => Some((
                reqwest::header::AUTHORIZATION,
                secret(format!("Basic {}", base64(token.as_bytes()))),
            )),
            SchemeKind::Header(name) => HeaderName::from_bytes(name.as_bytes())
                .ok()
                .map(|name| (name, secret(token.clone()))),
            SchemeKind::Query(name) => {
                self.credentials_query.push((name, Secret(token)));
                None
            }
            SchemeKind::Cookie(name) => {
                self.cookies.push(format!("{name}={}", path_segment(&token)));
                None
            }
        };
        if let Some((name, Some(value))) = header {
            self.headers.insert(name, value);
        }
    }
}

/// Takes the parameters that travel apart out of `params`: query parameters beside a body,
/// headers (a list's items joined by commas) and cookies (percent-encoded values).
fn take_placed(
    placed: &[(&'static str, Place)],
    wire_names: &[(&'static str, &'static str)],
    params: &mut Map<String, Value>,
) -> Result<Placed, (String, String)> {
    let mut out = Placed::default();
    for (key, place) in placed {
        let Some(value) = params.remove(*key) else { continue };
        let name = &wire_names
            .iter()
            .find(|(k, _)| k == key)
            .map_or(*key, |(_, wire)| *wire);
        let fail = |message: &str| ((*name).to_owned(), message.to_owned());
        match place {
            Place::Query => {
                out.query.insert((*name).to_owned(), value);
            }
            Place::Header => {
                let text = match &value {
                    Value::Array(items) => items.iter().map(query_text).collect::<Vec<_>>().join(","),
                    other => query_text(other),
                };
                let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| fail("is not a valid header name"))?;
                let value =
                    HeaderValue::from_str(&text).map_err(|_| fail("must be visible ASCII to travel in a header"))?;
                out.headers.append(header, value);
            }
            Place::Cookie => out
                .cookies
                .push(format!("{name}={}", path_segment(&query_text(&value)))),
        }
    }
    Ok(out)
}
// Any API's profile only: begin

/// Names the body's fields as they travel: a field renamed beside a path parameter of its
/// name (`<name>_in_body`) is sent as `<name>`. Those placed apart are taken out already.
fn body_fields_on_wire(
    wire_names: &[(&'static str, &'static str)],
    params: &mut Map<String, Value>,
    files: &mut [(&'static str, FilePart)],
) {
    if wire_names.is_empty() {
        return;
    }
    let on_wire = |name: &str| wire_names.iter().find(|(key, _)| *key == name).map(|(_, wire)| *wire);
    // Renamed in place, so the fields keep their order.
    *params = std::mem::take(params)
        .into_iter()
        .map(|(name, value)| (on_wire(&name).map_or(name, str::to_owned), value))
        .collect();
    for file in files.iter_mut() {
        file.0 = on_wire(file.0).unwrap_or(file.0);
    }
}
// Any API's profile only: end

/// What a request body holds.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// The call's parameters as the fields of a JSON object, or of a form.
    Fields,
    /// The parameter named first, as JSON, sent as the media type named second.
    Json(&'static str, &'static str),
    /// The parameter named first, a text, sent as the media type named second.
    Text(&'static str, &'static str),
    /// The parameter named first, bytes, sent as the media type named second (else the
    /// file's own, where the description allows any).
    Bytes(&'static str, &'static str),
    /// The call's parameters as the parts of a `multipart/form-data` body.
    Multipart,
}

/// How a success answer is read.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// JSON, decoded as the result's type.
    Json,
    // Any API's profile only: begin
    /// JSON, decoded as the result's type, but nothing (`null`, so `None`) on the success
    /// statuses named, which the description answers without a body.
    JsonOrNothing(&'static [u16]),
    // Any API's profile only: end
    /// A text, returned as it is.
    Text,
    /// Bytes, returned as they are.
    Bytes,
}

/// How a query parameter is written where repeated `name=value` pairs are not its style, or a
/// path parameter where `simple` without `explode` is not.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `name=a,b` (`form`, `explode: false`).
    Comma,
    /// `name=a%20b` (`spaceDelimited`).
    Space,
    /// `name=a|b` (`pipeDelimited`).
    Pipe,
    /// `field=value` for each field of an object (`form`, `explode: true`).
    Spread,
    /// `name[field]=value` for each field of an object (`deepObject`).
    Deep,
    /// In a path: an object's fields as `field=value`, joined by commas (`simple`, `explode`).
    SimpleExploded,
    /// In a path: `.a,b` (`label`).
    Label,
    /// In a path: `.a.b`, an object's fields as `.field=value` (`label`, `explode`).
    LabelExploded,
    /// In a path: `;name=a,b` (`matrix`).
    Matrix,
    /// In a path: `;name=a;name=b`, an object's fields as `;field=value` (`matrix`, `explode`).
    MatrixExploded,
}

/// Bytes to send: a file part of a multipart body, or a binary body. Made from the bytes
/// (`Vec<u8>`, `&[u8]`) or a text; a file name and a content type may be added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilePart {
    bytes: Vec<u8>,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A part holding `bytes`, without a file name, sent as `application/octet-stream`.
    pub fn new(bytes: impl Into<Vec<u8>>) -> FilePart {
        FilePart {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Sets the file name sent with the part (`filename` in its `Content-Disposition`).
    pub fn file_name(mut self, file_name: impl Into<String>) -> FilePart {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sets the part's content type (`application/octet-stream` unless set).
    pub fn content_type(mut self, content_type: impl Into<String>) -> FilePart {
        self.content_type = Some(content_type.into());
        self
    }

    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> FilePart {
        FilePart::new(bytes)
    }
}

impl From<&[u8]> for FilePart {
    fn from(bytes: &[u8]) -> FilePart {
        FilePart::new(bytes)
    }
}

impl From<&str> for FilePart {
    fn from(text: &str) -> FilePart {
        FilePart::new(text)
    }
}

impl From<String> for FilePart {
    fn from(text: String) -> FilePart {
        FilePart::new(text)
    }
}

/// The body of a call whose body is not its parameters' JSON object or form: one value set
/// whole, or a multipart body of its parameters and files. `None` when an optional body was
/// not set.
fn whole_body(
    content: Content,
    params: &mut Map<String, Value>,
    files: &mut Vec<(&'static str, FilePart)>,
) -> Result<Option<Body>, String> {
    let raw = |content_type: &str, bytes: Vec<u8>| {
        Some(Body::Raw {
            content_type: content_type.to_owned(),
            bytes,
        })
    };
    Ok(match content {
        Content::Fields => None,
        Content::Json(name, media) => match params.remove(name) {
            Some(value) => raw(media, serde_json::to_vec(&value).map_err(|e| e.to_string())?),
            None => None,
        },
        Content::Text(name, media) => match params.remove(name) {
            Some(value) => raw(media, query_text(&value).into_bytes()),
            None => None,
        },
        Content::Bytes(name, media) => match files.iter().position(|(n, _)| *n == name) {
            Some(at) => {
                let file = files.remove(at).1;
                let media = match (media.contains('*'), &file.content_type) {
                    (true, Some(own)) => own.clone(),
                    (true, None) => "application/octet-stream".to_owned(),
                    (false, _) => media.to_owned(),
                };
                raw(&media, file.bytes)
            }
            None => None,
        },
        Content::Multipart => {
            let (content_type, bytes) = multipart(params, files);
            raw(&content_type, bytes)
        }
    })
}

/// A `multipart/form-data` body: each parameter a part (a text as it is, a list as one part
/// per item, an object as JSON), each file a part with its file name and content type.
fn multipart(params: &Map<String, Value>, files: &[(&'static str, FilePart)]) -> (String, Vec<u8>) {
    let boundary = format!("----------{:016x}{:016x}", random_u64(), random_u64());
    let mut body = Vec::new();
    let mut part = |name: &str, file_name: Option<&str>, content_type: Option<&str>, bytes: &[u8]| {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let quoted = |text: &str| {
            text.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace(['\r', '\n'], " ")
        };
        let mut disposition = format!("Content-Disposition: form-data; name=\"{}\"", quoted(name));
        if let Some(file_name) = file_name {
            disposition.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
        }
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(b"\r\n");
        if let Some(content_type) = content_type {
            body.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    };
    for (name, value) in params {
        match value {
            Value::Array(items) => {
                for item in items {
                    match item {
                        Value::Object(_) | Value::Array(_) => {
                            part(name, None, Some("application/json"), item.to_string().as_bytes())
                        }
                        scalar => part(name, None, None, query_text(scalar).as_bytes()),
                    }
                }
            }
            Value::Object(_) => part(name, None, Some("application/json"), value.to_string().as_bytes()),
            scalar => part(name, None, None, query_text(scalar).as_bytes()),
        }
    }
    for (name, file) in files {
        let content_type = file.content_type.as_deref().unwrap_or("application/octet-stream");
        part(name, file.file_name.as_deref(), Some(content_type), &file.bytes);
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// 64 random bits, for a multipart boundary that no part holds by chance.
fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.finish()
}

/// Where a call goes: the client's base URL, or the operation's own server (one relative to
/// the host on the base URL's host).
fn server_url(base_url: &str, server: Option<&'static str>) -> String {
    match server {
        None => base_url.to_owned(),
        Some(server) if server.starts_with('/') => match reqwest::Url::parse(base_url) {
            Ok(base) => format!("{}{server}", base.origin().ascii_serialization()),
            Err(_) => base_url.to_owned(),
        },
        Some(server) => server.to_owned(),
    }
}

/// The query string: the parameters named in `styles` written in their style, the others as
/// [`encode_query`] writes them.
fn encode_styled_query(
    params: &Map<String, Value>,
    styles: &[(&'static str, QueryStyle)],
) -> Result<String, (String, String)> {
    if styles.is_empty() {
        return encode_query(params);
    }
    let mut plain = Map::new();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (key, value) in params {
        match styles.iter().find(|(name, _)| name == key) {
            Some((_, style)) => styled_pairs(key, value, *style, &mut pairs),
            None => {
                plain.insert(key.clone(), value.clone());
            }
        }
    }
    flatten_query(&plain, "", &mut pairs)?;
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut serializer = reqwest::Url::parse("http://query.invalid/").expect("a valid URL");
    serializer.query_pairs_mut().extend_pairs(&pairs);
    Ok(serializer.query().unwrap_or_default().to_owned())
}

/// One styled query parameter's pairs.
fn styled_pairs(name: &str, value: &Value, style: QueryStyle, pairs: &mut Vec<(String, String)>) {
    let joined = |separator: &str, texts: Vec<String>| (name.to_owned(), texts.join(separator));
    match (style, value) {
        (QueryStyle::Comma, Value::Array(items)) => pairs.push(joined(",", items.iter().map(query_text).collect())),
        (QueryStyle::Space, Value::Array(items)) => pairs.push(joined(" ", items.iter().map(query_text).collect())),
        (QueryStyle::Pipe, Value::Array(items)) => pairs.push(joined("|", items.iter().map(query_text).collect())),
        (QueryStyle::Comma, Value::Object(fields)) => pairs.push(joined(
            ",",
            fields.iter().flat_map(|(k, v)| [k.clone(), query_text(v)]).collect(),
        )),
        (QueryStyle::Spread, Value::Object(fields)) => {
            for (field, value) in fields {
                styled_pairs(field, value, QueryStyle::Spread, pairs);
            }
        }
        (QueryStyle::Deep, Value::Object(fields)) => {
            for (field, value) in fields {
                styled_pairs(&format!("{name}[{field}]"), value, QueryStyle::Deep, pairs);
            }
        }
        (_, Value::Array(items)) => pairs.extend(items.iter().map(|item| (name.to_owned(), query_text(item)))),
        (_, Value::String(text)) if text.is_empty() => {}
        (_, scalar) => pairs.push((name.to_owned(), query_text(scalar))),
    }
}

/// Standard base64 with padding, for HTTP basic authentication.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Polls the action attempt in `raw` until it succeeds, fails or `timeout` passes.
async fn wait_for_action_attempt(
    seam: &Seam,
    mut raw: Raw,
    timeout: Duration,
    polling_interval: Duration,
) -> Result<Raw, Error> {
    let started = tokio::time::Instant::now();
    loop {
        let attempt = raw.body.get(ACTION_ATTEMPT_KEY).cloned().unwrap_or(Value::Null);
        match attempt.get("status").and_then(Value::as_str) {
            Some("success") => return Ok(raw),
            Some("error") => {
                return Err(Error::ActionAttemptFailed(Box::new(ActionAttemptError::new(
                    attempt,
                    started.elapsed(),
                ))));
            }
            Some("pending") => {}
            // Polling an attempt whose status means nothing to the client would only wait out
            // the timeout; Seam's Python SDK refuses it too.
            other => {
                return Err(Error::Decode(DecodeError {
                    endpoint: raw.endpoint.path,
                    path: "action_attempt.status".to_owned(),
                    message: match other {
                        Some(status) => format!(
                            "the action attempt's status `{status}` is none of `pending`, `success` and `error`: it cannot be waited for"
                        ),
                        None => "missing from the response: the action attempt cannot be waited for".to_owned(),
                    },
                }));
            }
        }
        let Some(id) = attempt.get("action_attempt_id").and_then(Value::as_str) else {
            return Err(Error::Decode(DecodeError {
                endpoint: raw.endpoint.path,
                path: "action_attempt.action_attempt_id".to_owned(),
                message: "missing from the response: the action attempt cannot be waited for".to_owned(),
            }));
        };
        let waited = started.elapsed();
        if waited >= timeout {
            return Err(Error::ActionAttemptTimedOut(Box::new(ActionAttemptError::new(
                attempt, waited,
            ))));
        }
        tokio::time::sleep(polling_interval.min(timeout - waited)).await;
        let mut poll = Call::new(seam, &ACTION_ATTEMPTS_GET);
        poll.set("action_attempt_id", id);
        let endpoint = raw.endpoint;
        raw = poll.send_with_retries().await?;
        // The result is the calling endpoint's, whichever endpoint reported it.
        raw.endpoint = endpoint;
    }
}

/// Writes whole `f64`s as integers (`10`, not `10.0`), as the API's own SDKs send them.
fn whole_numbers(value: &mut Value) {
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64() {
                if f.fract() == 0.0 && f.abs() < 9.0e15 {
                    *value = Value::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(object) => object.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// Encodes parameters as a query string the way Seam's SDKs do
/// (`@seamapi/url-search-params-serializer`): pairs sorted by name; a list as repeated pairs
/// (`ids=a&ids=b`) and an empty list as `ids=`; an object's fields as dotted names
/// (`filter.status=on`); `null` as an empty value; an empty string left out. A list holding
/// an empty string, a `null`, a list or an object, and a name holding a dot, cannot be sent:
/// the error names the parameter.
/// The path with each `{name}` of its template replaced by the parameter `name`, in its
/// style (see [`path_text`]); those parameters travel in the path, so they are taken out of
/// the query or body.
fn fill_path(
    template: &'static str,
    params: &mut Map<String, Value>,
    styles: &[(&'static str, QueryStyle)],
) -> Result<String, (String, String)> {
    let mut path = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(length) = rest[open..].find('}') else { break };
        path.push_str(&rest[..open]);
        let name = &rest[open + 1..open + length];
        let fail = |message: &str| (name.to_owned(), message.to_owned());
        let style = styles.iter().find(|(n, _)| *n == name).map(|(_, s)| *s);
        let value = params
            .remove(name)
            .ok_or_else(|| fail("is required: it is part of the path"))?;
        path.push_str(&path_text(name, &value, style).map_err(fail)?);
        rest = &rest[open + length + 1..];
    }
    path.push_str(rest);
    Ok(path)
}

/// A path parameter's value as OpenAPI's `simple` (`style` `None`), `label` and `matrix`
/// styles write it: each scalar percent-encoded (see [`path_segment`]), a list's items, or an
/// object's keys and values, joined by the style's separators.
fn path_text(name: &str, value: &Value, style: Option<QueryStyle>) -> Result<String, &'static str> {
    const NOT_SCALAR: &str =
        "must be a string, a number or a boolean, or a list or an object of them, to stand in the path";
    let scalar = |value: &Value| match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    };
    let parts: Vec<(Option<String>, String)> = match value {
        Value::Array(items) => items
            .iter()
            .map(|item| scalar(item).map(|text| (None, path_segment(&text))))
            .collect::<Option<_>>()
            .ok_or(NOT_SCALAR)?,
        Value::Object(fields) => fields
            .iter()
            .map(|(key, value)| scalar(value).map(|text| (Some(path_segment(key)), path_segment(&text))))
            .collect::<Option<_>>()
            .ok_or(NOT_SCALAR)?,
        other => {
            let text = scalar(other).ok_or(NOT_SCALAR)?;
            // `.` or `;name` alone still marks a place; a bare empty segment does not.
            if text.is_empty() && matches!(style, None | Some(QueryStyle::SimpleExploded)) {
                return Err("must not be empty: it is part of the path");
            }
            vec![(None, path_segment(&text))]
        }
    };
    let flat = || {
        parts
            .iter()
            .flat_map(|(key, value)| key.iter().cloned().chain([value.clone()]))
            .collect::<Vec<_>>()
            .join(",")
    };
    let pairs = |separator: &str, lead: &str| {
        parts
            .iter()
            .map(|(key, value)| match key {
                Some(key) => format!("{lead}{key}={value}"),
                None => format!("{lead}{value}"),
            })
            .collect::<Vec<_>>()
            .join(separator)
    };
    let name = path_segment(name);
    let scalar = !matches!(value, Value::Array(_) | Value::Object(_));
    let text = match style {
        None
        | Some(QueryStyle::Comma | QueryStyle::Space | QueryStyle::Pipe | QueryStyle::Spread | QueryStyle::Deep) => {
            flat()
        }
        Some(QueryStyle::SimpleExploded) => pairs(",", ""),
        Some(QueryStyle::Label) => format!(".{}", flat()),
        Some(QueryStyle::LabelExploded) => format!(".{}", pairs(".", "")),
        Some(QueryStyle::Matrix | QueryStyle::MatrixExploded) if scalar && flat().is_empty() => format!(";{name}"),
        Some(QueryStyle::Matrix) => format!(";{name}={}", flat()),
        Some(QueryStyle::MatrixExploded) => match value {
            Value::Object(_) => pairs("", ";"),
            _ => pairs("", &format!(";{name}=")),
        },
    };
    // A `.` alone (`label`, nothing after it) would be dropped as a dot segment of the URL.
    Ok(match text.as_str() {
        "." | ".." => text.replace('.', "%2E"),
        _ => text,
    })
}

/// `text` as one path segment: everything but unreserved characters percent-encoded, and a
/// `.` or `..` segment encoded too, so a value can never climb out of its place.
fn path_segment(text: &str) -> String {
    if text == "." || text == ".." {
        return text.replace('.', "%2E");
    }
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn encode_query(params: &Map<String, Value>) -> Result<String, (String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    flatten_query(params, "", &mut pairs)?;
    // A stable sort keeps a list's items in order.
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut serializer = reqwest::Url::parse("http://query.invalid/").expect("a valid URL");
    serializer.query_pairs_mut().extend_pairs(&pairs);
    Ok(serializer.query().unwrap_or_default().to_owned())
}

fn flatten_query(
    params: &Map<String, Value>,
    prefix: &str,
    pairs: &mut Vec<(String, String)>,
) -> Result<(), (String, String)> {
    for (key, value) in params {
        let name = format!("{prefix}{key}");
        if key.contains('.') {
            return Err((name, "a query parameter's name cannot hold a dot".to_owned()));
        }
        match value {
            Value::Object(fields) => flatten_query(fields, &format!("{name}."), pairs)?,
            Value::String(text) if text.is_empty() => {}
            Value::Array(items) if items.is_empty() => pairs.push((name, String::new())),
            Value::Array(items) => {
                for item in items {
                    let text = match item {
                        Value::String(text) if text.is_empty() => {
                            return Err((name, "a list cannot hold an empty string".to_owned()));
                        }
                        Value::Null => return Err((name, "a list cannot hold null".to_owned())),
                        Value::Array(_) | Value::Object(_) => {
                            return Err((name, "a list can only hold strings, numbers and booleans".to_owned()));
                        }
                        scalar => query_text(scalar),
                    };
                    pairs.push((name.clone(), text));
                }
            }
            scalar => pairs.push((name, query_text(scalar))),
        }
    }
    Ok(())
}

fn query_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn api_error(endpoint: &'static str, reply: &Reply) -> ApiError {
    let body = String::from_utf8_lossy(&reply.bytes).into_owned();
    let parsed: Option<Value> = serde_json::from_slice(&reply.bytes).ok();
    let error = parsed.as_ref().and_then(|v| v.get("error"));
    let text = |key: &str| {
        error
            .and_then(|e| e.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let status = reqwest::StatusCode::from_u16(reply.status).ok();
    let reason = status.and_then(|s| s.canonical_reason()).unwrap_or("unknown error");
    let mut validation_errors = BTreeMap::new();
    if let Some(errors) = error.and_then(|e| e.get("validation_errors")) {
        collect_validation_errors(errors, "", &mut validation_errors);
    }
    ApiError {
        endpoint,
        status: reply.status,
        error_type: text("type").unwrap_or_default(),
        message: text("message").unwrap_or_else(|| reason.to_owned()),
        request_id: reply.request_id.clone().or_else(|| text("request_id")),
        data: error.and_then(|e| e.get("data")).cloned(),
        validation_errors,
        body,
    }
}

/// Flattens the API's validation errors, nested objects each with an `_errors` list of
/// messages (`{"_errors": [], "device_id": {"_errors": ["Required"]}}`), into messages by
/// dotted parameter name.
fn collect_validation_errors(node: &Value, path: &str, out: &mut BTreeMap<String, Vec<String>>) {
    let Some(fields) = node.as_object() else { return };
    for (key, value) in fields {
        if key == "_errors" {
            let messages: Vec<String> = value
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m.as_str().map(str::to_owned))
                .collect();
            if !messages.is_empty() {
                out.entry(path.to_owned()).or_default().extend(messages);
            }
        } else {
            let child = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            collect_validation_errors(value, &child, out);
        }
    }
}

/// A successful response, not decoded yet.
#[doc(hidden)]
pub struct Raw {
    endpoint: &'static Endpoint,
    body: Value,
    /// Whether the answer may lack fields the description marks as always present.
    allow_missing_fields: bool,
}

impl Raw {
    fn decode<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.decode_reported().map(|decoded| decoded.value)
    }

    /// The result, and the fields the answer lacked when that is allowed.
    fn decode_reported<T: DeserializeOwned>(mut self) -> Result<Decoded<T>, Error> {
        let endpoint = self.endpoint.path;
        let key = self.endpoint.key;
        let value = match key {
            None => Value::Null,
            Some("") => self.body.take(),
            Some(key) => match self.body.get_mut(key) {
                Some(value) => value.take(),
                #[cfg(feature = "missing-fields")]
                None if self.allow_missing_fields => return decode_missing_result(endpoint, key),
                None => {
                    return Err(Error::Decode(DecodeError {
                        endpoint,
                        path: key.to_owned(),
                        message: format!("missing from the response{MISSING_FIELD_HINT}"),
                    }));
                }
            },
        };
        let root = key.unwrap_or_default();
        #[cfg(feature = "missing-fields")]
        if self.allow_missing_fields {
            return decode_allowing_missing_fields(endpoint, &value, root);
        }
        serde_path_to_error::deserialize(value)
            .map(|value| Decoded {
                value,
                missing_fields: Vec::new(),
            })
            .map_err(|e| {
                let inner = e.path().to_string();
                let message = e.into_inner().to_string();
                let path = match (root, inner.as_str()) {
                    (key, ".") => key.to_owned(),
                    ("", rest) => rest.to_owned(),
                    (key, rest) if rest.starts_with('[') => format!("{key}{rest}"),
                    (key, rest) => format!("{key}.{rest}"),
                };
                decode_error(endpoint, path, message)
            })
    }
}

/// What a decode error says of a field the answer lacks.
const MISSING_FIELD_HINT: &str = " (the description marks it as always present; an answer from a fake or an older \
                                  server can be read with `SeamBuilder::allow_missing_fields`, feature `missing-fields`)";

/// The decode error at `path`; a missing field is reported at its object, so the path is made
/// to name the field itself, and the message names the option that reads such answers.
fn decode_error(endpoint: &'static str, mut path: String, mut message: String) -> Error {
    if let Some(field) = missing_field(&message) {
        path = if path.is_empty() {
            field.to_owned()
        } else {
            format!("{path}.{field}")
        };
        message.push_str(MISSING_FIELD_HINT);
    }
    Error::Decode(DecodeError {
        endpoint,
        path,
        message,
    })
}

/// The result of an answer that lacks the response key itself, missing fields being allowed:
/// the result type's empty value, the key reported.
#[cfg(feature = "missing-fields")]
fn decode_missing_result<T: DeserializeOwned>(endpoint: &'static str, key: &str) -> Result<Decoded<T>, Error> {
    let value = crate::lenient::empty().map_err(|message| decode_error(endpoint, key.to_owned(), message))?;
    #[cfg(feature = "tracing")]
    tracing::warn!(
        endpoint,
        path = key,
        "the answer lacks a field the description marks as always present; it is read as empty"
    );
    Ok(Decoded {
        value,
        missing_fields: vec![key.to_owned()],
    })
}

/// Decodes `value` with missing fields allowed, each reported by a `tracing` warning and in
/// the result.
#[cfg(feature = "missing-fields")]
fn decode_allowing_missing_fields<T: DeserializeOwned>(
    endpoint: &'static str,
    value: &Value,
    root: &str,
) -> Result<Decoded<T>, Error> {
    match crate::lenient::decode(value, root) {
        Ok((value, missing_fields)) => {
            #[cfg(feature = "tracing")]
            for path in &missing_fields {
                tracing::warn!(
                    endpoint,
                    path = path.as_str(),
                    "the answer lacks a field the description marks as always present; it is read as empty"
                );
            }
            Ok(Decoded { value, missing_fields })
        }
        Err((path, message)) => Err(decode_error(endpoint, path, message)),
    }
}

/// The field that serde's "missing field `name`" message names.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.split('`').next()
}

/// The future of a call: awaiting it sends the request and decodes the result.
#[must_use = "futures do nothing unless awaited"]
pub struct Response<T> {
    raw: Pin<Box<dyn Future<Output = Result<Raw, Error>> + Send>>,
    output: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Response")
    }
}

impl<T: DeserializeOwned> Future for Response<T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.raw.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(result) => Poll::Ready(result.and_then(Raw::decode)),
        }
    }
}

/// The future of a call awaited through `.with_decode_report()`: its result, and the fields
/// its answer lacked (see [`SeamBuilder::allow_missing_fields`]).
#[must_use = "futures do nothing unless awaited"]
pub struct Reported<T> {
    raw: Pin<Box<dyn Future<Output = Result<Raw, Error>> + Send>>,
    output: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Reported<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Reported")
    }
}

impl<T: DeserializeOwned> Future for Reported<T> {
    type Output = Result<Decoded<T>, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.raw.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(result) => Poll::Ready(result.and_then(Raw::decode_reported)),
        }
    }
}

/// The pages of a list endpoint, one request per page, following
/// `pagination.next_page_cursor` while `pagination.has_next_page` is true.
///
/// A [`futures_core::Stream`] of pages (`while let Some(page) = pages.next().await` with
/// `futures::StreamExt`), or page by page with [`Pages::next_page`], or all at once with
/// [`Pages::all`]. [`Pages::next_cursor`] is where the walk stands: save it, and resume later
/// with [`Pages::resume_from`]. A failed page ends the walk without moving the cursor, so
/// that collecting a stream never loops on a lasting failure: [`Pages::retry`] asks for that
/// page again. An API that hands back a cursor it already gave ends the walk with an error
/// instead of looping.
#[must_use = "pages are fetched only when asked for"]
pub struct Pages<T> {
    first: Call,
    cursor_param: &'static str,
    pagination_key: &'static str,
    next_cursor: Option<String>,
    seen: HashSet<String>,
    state: PagesState,
    item: PhantomData<fn() -> T>,
}

enum PagesState {
    /// The next page can be asked for.
    Ready,
    /// A page is being fetched.
    Fetching(Pin<Box<dyn Future<Output = Result<Raw, Error>> + Send>>),
    /// The API repeated this cursor: the next poll reports it, then the walk ends.
    Repeated(String),
    /// A page failed: the walk stands still until [`Pages::retry`].
    Failed,
    /// After the last page.
    Done,
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("call", &self.first)
            .field("next_cursor", &self.next_cursor)
            .field("done", &matches!(self.state, PagesState::Done))
            .finish()
    }
}

impl<T> Pages<T> {
    /// The cursor the next page is asked for with; `None` before the first page and after the
    /// last.
    pub fn next_cursor(&self) -> Option<&str> {
        self.next_cursor.as_deref()
    }

    /// Whether the last page has been returned.
    pub fn is_done(&self) -> bool {
        matches!(self.state, PagesState::Done)
    }

    /// After a failed page, lets the walk ask for that page again.
    pub fn retry(&mut self) {
        if matches!(self.state, PagesState::Failed) {
            self.state = PagesState::Ready;
        }
    }

    /// Starts at the page of `cursor`, a [`Pages::next_cursor`] saved earlier, instead of the
    /// first page. The other parameters must be those of the walk that gave the cursor.
    pub fn resume_from(mut self, cursor: impl Into<String>) -> Self {
        self.next_cursor = Some(cursor.into());
        self.state = PagesState::Ready;
        self
    }
}

impl<T: DeserializeOwned> Pages<T> {
    /// The next page, or `None` after the last one (or after a failed page).
    pub async fn next_page(&mut self) -> Option<Result<Vec<T>, Error>> {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    /// Every item of every page, in order.
    pub async fn all(mut self) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while let Some(page) = self.next_page().await {
            items.extend(page?);
        }
        Ok(items)
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Vec<T>, Error>>> {
        loop {
            match &mut self.state {
                PagesState::Done | PagesState::Failed => return Poll::Ready(None),
                PagesState::Repeated(cursor) => {
                    let message = format!(
                        "the API returned the cursor `{cursor}` a second time; the walk stops instead of looping"
                    );
                    self.state = PagesState::Done;
                    return Poll::Ready(Some(Err(Error::Decode(DecodeError {
                        endpoint: self.first.endpoint.path,
                        path: format!("{}.next_page_cursor", self.pagination_key),
                        message,
                    }))));
                }
                PagesState::Ready => {
                    let mut call = self.first.clone();
                    if let Some(cursor) = &self.next_cursor {
                        call.params
                            .insert(self.cursor_param.to_owned(), Value::String(cursor.clone()));
                    }
                    self.state = PagesState::Fetching(Box::pin(call.execute()));
                }
                PagesState::Fetching(page) => {
                    let outcome = match page.as_mut().poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(outcome) => outcome,
                    };
                    // A failed page leaves the cursor where it was, for `retry`.
                    self.state = PagesState::Failed;
                    let page = outcome.and_then(|raw| self.take_page(raw));
                    return Poll::Ready(Some(page));
                }
            }
        }
    }

    /// Decodes a page and moves the cursor past it.
    fn take_page(&mut self, mut raw: Raw) -> Result<Vec<T>, Error> {
        let pagination = raw
            .body
            .as_object_mut()
            .and_then(|body| body.remove(self.pagination_key))
            .unwrap_or(Value::Null);
        let items = raw.decode()?;
        let has_next = pagination.get("has_next_page").and_then(Value::as_bool) == Some(true);
        let cursor = pagination
            .get("next_page_cursor")
            .and_then(Value::as_str)
            .filter(|_| has_next);
        if let Some(current) = self.next_cursor.take() {
            self.seen.insert(current);
        }
        self.state = match cursor {
            None => PagesState::Done,
            Some(cursor) if self.seen.contains(cursor) => PagesState::Repeated(cursor.to_owned()),
            Some(cursor) => {
                self.next_cursor = Some(cursor.to_owned());
                PagesState::Ready
            }
        };
        Ok(items)
    }
}

impl<T: DeserializeOwned> futures_core::Stream for Pages<T> {
    type Item = Result<Vec<T>, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

/// Deserializes a string, borrowed when the input allows it.
#[doc(hidden)]
pub fn deserialize_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Cow<'de, str>, D::Error> {
    struct Text;
    impl<'de> serde::de::Visitor<'de> for Text {
        type Value = Cow<'de, str>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(v))
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_owned()))
        }
        fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v))
        }
    }
    deserializer.deserialize_str(Text)
}

/// Reads a tagged object: its tag (when it is a string) and the whole object.
#[doc(hidden)]
pub fn deserialize_tagged<'de, D: Deserializer<'de>>(
    deserializer: D,
    tag: &str,
) -> Result<(Option<String>, Value), D::Error> {
    let value = Value::deserialize(deserializer)?;
    let found = value.get(tag).and_then(Value::as_str).map(str::to_owned);
    Ok((found, value))
}

/// Decodes one variant of a tagged union, keeping the path of a failure inside it.
#[doc(hidden)]
pub fn variant<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    #[cfg(feature = "missing-fields")]
    if let Some(root) = crate::lenient::last_object() {
        return crate::lenient::variant(&value, root).map_err(E::custom);
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        if path == "." {
            E::custom(e.into_inner())
        } else {
            E::custom(format_args!("at `{path}`: {}", e.into_inner()))
        }
    })
}

/// Serializes one variant of a tagged union with its tag.
#[doc(hidden)]
pub fn serialize_tagged<S: Serializer, T: Serialize>(
    serializer: S,
    field: &str,
    tag: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let Value::Object(object) = &mut value {
        object.insert(field.to_owned(), Value::String(tag.to_owned()));
    }
    value.serialize(serializer)
}

/// An object key, borrowed from the input when it allows it.
#[doc(hidden)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(deserializer).map(Key)
    }
}

/// Implements `Serialize` and `Deserialize` for a struct: fields by their wire names, optional
/// fields (`Option`) left out when `None` and `None` when absent or `null`, unknown fields
/// ignored. A required field that is absent fails with serde's "missing field" error, which
/// [`Raw::decode`] turns into the field's JSON path: decoding never invents a value. One lean
/// visitor per type instead of serde's derive keeps compile times down. Under
/// [`SeamBuilder::allow_missing_fields`] an absent required field takes the empty value that
/// [`crate::lenient::absent`] gives it.
macro_rules! object {
    ($name:ident {
        required { $($req:ident $(= $req_wire:literal)?,)* }
        optional { $($opt:ident $(= $opt_wire:literal)?,)* }
    }) => {
        impl ::serde::Serialize for $name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                use ::serde::ser::SerializeMap as _;
                // A type without fields writes no entry.
                #[allow(unused_mut)]
                let mut map = serializer.serialize_map(None)?;
                $(map.serialize_entry(crate::runtime::wire!($req $($req_wire)?), &self.$req)?;)*
                $(if let ::core::option::Option::Some(value) = &self.$opt {
                    map.serialize_entry(crate::runtime::wire!($opt $($opt_wire)?), value)?;
                })*
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("an object (", stringify!($name), ")"))
                    }
                    fn visit_map<__A: ::serde::de::MapAccess<'de>>(self, mut map: __A) -> ::core::result::Result<$name, __A::Error> {
                        $(let mut $req = ::core::option::Option::None;)*
                        $(let mut $opt = ::core::option::Option::None;)*
                        while let ::core::option::Option::Some(key) = map.next_key::<crate::runtime::Key<'de>>()? {
                            match key.as_str() {
                                $(crate::runtime::wire!($req $($req_wire)?) => $req = ::core::option::Option::Some(map.next_value()?),)*
                                $(crate::runtime::wire!($opt $($opt_wire)?) => $opt = map.next_value()?,)*
                                _ => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        ::core::result::Result::Ok($name {
                            $($req: match $req {
                                ::core::option::Option::Some(value) => value,
                                ::core::option::Option::None => match crate::lenient::absent(crate::runtime::wire!($req $($req_wire)?)) {
                                    ::core::option::Option::Some(value) => value,
                                    ::core::option::Option::None => {
                                        return ::core::result::Result::Err(<__A::Error as ::serde::de::Error>::missing_field(
                                            crate::runtime::wire!($req $($req_wire)?),
                                        ));
                                    }
                                },
                            },)*
                            $($opt,)*
                        })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    };
}

/// A field's wire name: the one given, else the field's name.
macro_rules! wire {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident $wire:literal) => {
        $wire
    };
}

/// Implements `as_str`, `From<&str>`, `From<String>`, `Display`, `Serialize` and `Deserialize`
/// for a string enum whose last variant is `Other(String)`.
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $value:literal,)* }) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Other(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $($value => Self::$variant,)*
                    _ => Self::Other(value),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                crate::runtime::deserialize_text(deserializer).map(|text| Self::from(&*text))
            }
        }
    };
}

/// Implements `Serialize` and `Deserialize` for a union tagged by a string field, whose last
/// variant is `Unknown(serde_json::Value)`.
macro_rules! tagged_union {
    ($name:ident, $field:literal { $($variant:ident = $tag:literal,)* }) => {
        impl ::serde::Serialize for $name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                match self {
                    $(Self::$variant(value) => crate::runtime::serialize_tagged(serializer, $field, $tag, value),)*
                    Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                let (tag, value) = crate::runtime::deserialize_tagged(deserializer, $field)?;
                ::core::result::Result::Ok(match tag.as_deref() {
                    $(::core::option::Option::Some($tag) => Self::$variant(crate::runtime::variant(value)?),)*
                    _ => Self::Unknown(value),
                })
            }
        }
    };
}

/// Declares an endpoint's request builder: the struct, its constructor and `IntoFuture`.
macro_rules! request {
    ($name:ident, $owner:literal, $method:ident, $path:literal, $query:literal, [$($required:literal),*],
        $workspace:ident, $key:expr => $output:ty) => {
        crate::runtime::request!(
            $name, $owner, $method, $path, $query, [$($required),*], $workspace, $key => $output,
            placed: &[], security: None, form: false, content: crate::runtime::Content::Fields, styles: &[], wire_names: &[],
            accept: Some("application/json"), server: None, answer: crate::runtime::Answer::Json
        );
    };
    ($name:ident, $owner:literal, $method:ident, $path:literal, $query:literal, [$($required:literal),*],
        $workspace:ident, $key:expr => $output:ty, placed: $placed:expr, security: $security:expr,
        form: $form:literal, content: $content:expr, styles: $styles:expr,
        wire_names: $wire_names:expr, accept: $accept:expr, server: $server:expr, answer: $answer:expr) => {
        #[doc = concat!(" The request of [`", $owner, "`]: set the parameters, then `.await` it to send it.")]
        #[derive(Debug, Clone)]
        #[must_use = "a request is sent only when awaited"]
        pub struct $name(crate::runtime::Call);

        impl $name {
            // `__`-prefixed: a parameter may be called `new`, and its setter is a method too.
            fn __new(seam: &crate::Seam) -> Self {
                $name(crate::runtime::Call::new(
                    seam,
                    &crate::runtime::Endpoint {
                        path: $path,
                        method: crate::runtime::Method::$method,
                        query: $query,
                        required: &[$($required),*],
                        key: $key,
                        workspace: crate::runtime::Workspace::$workspace,
                        placed: $placed,
                        security: $security,
                        form: $form,
                        content: $content,
                        styles: $styles,
                        wire_names: $wire_names,
                        accept: $accept,
                        server: $server,
                        answer: $answer,
                    },
                ))
            }
        }

        impl $name {
            /// Sends the request, like `.await` on it, and also returns the fields its answer
            /// lacked (see [`SeamBuilder::allow_missing_fields`](crate::SeamBuilder::allow_missing_fields)).
            pub fn with_decode_report(self) -> crate::runtime::Reported<$output> {
                self.0.send_reported()
            }
        }

        impl ::std::future::IntoFuture for $name {
            type Output = ::core::result::Result<$output, crate::Error>;
            type IntoFuture = crate::Response<$output>;

            fn into_future(self) -> Self::IntoFuture {
                self.0.send()
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use {object, request, string_enum, tagged_union, wire};

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: u32::MAX,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(10),
        }
    }

    #[test]
    fn query_styles_join_spread_or_nest_their_parameter() {
        let params = serde_json::json!({
            "ids": [1, 2], "tags": ["x", "y"], "words": ["p", "q"], "all": ["m", "n"],
            "page": {"size": 10}, "filter": {"color": "red", "size": {"min": 1}}
        });
        let styles = [
            ("ids", QueryStyle::Comma),
            ("tags", QueryStyle::Pipe),
            ("words", QueryStyle::Space),
            ("page", QueryStyle::Spread),
            ("filter", QueryStyle::Deep),
        ];
        let query = encode_styled_query(params.as_object().unwrap(), &styles).unwrap();
        assert_eq!(
            query,
            "all=m&all=n&filter%5Bcolor%5D=red&filter%5Bsize%5D%5Bmin%5D=1&ids=1%2C2&size=10&tags=x%7Cy&words=p+q"
        );
    }

    #[test]
    fn a_multipart_body_holds_each_field_and_file_as_a_part() {
        let params = serde_json::json!({"note": "hi", "ids": [1, 2], "meta": {"a": true}});
        let file = FilePart::new(vec![0u8, 1])
            .file_name("a \"b\".bin")
            .content_type("image/png");
        let (content_type, body) = multipart(params.as_object().unwrap(), &[("file", file)]);
        let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
        let body = String::from_utf8(body).unwrap().replace(boundary, "B");
        assert_eq!(
            body,
            "--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n\
             --B\r\nContent-Disposition: form-data; name=\"ids\"\r\n\r\n1\r\n\
             --B\r\nContent-Disposition: form-data; name=\"ids\"\r\n\r\n2\r\n\
             --B\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":true}\r\n\
             --B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".bin\"\r\nContent-Type: image/png\r\n\r\n\u{0}\u{1}\r\n\
             --B--\r\n"
        );
    }

    #[test]
    fn backoff_doubles_up_to_its_cap_and_never_overflows() {
        let policy = policy();
        assert_eq!(policy.backoff(0), Duration::from_millis(500));
        assert_eq!(policy.backoff(1), Duration::from_secs(1));
        assert_eq!(policy.backoff(4), Duration::from_secs(8));
        assert_eq!(policy.backoff(5), Duration::from_secs(10));
        for retry in [31, 32, 64, 1_000, u32::MAX] {
            assert_eq!(policy.backoff(retry), Duration::from_secs(10), "retry {retry}");
        }
        let huge = RetryPolicy {
            initial_delay: Duration::MAX,
            max_delay: Duration::MAX,
            ..policy
        };
        assert_eq!(huge.backoff(u32::MAX), Duration::MAX);
    }

    #[test]
    fn jitter_spreads_pauses_between_half_and_all_of_the_backoff() {
        let full = Duration::from_secs(8);
        let draws: Vec<Duration> = (0..64).map(|_| jitter(full)).collect();
        assert!(draws.iter().all(|d| *d >= full / 2 && *d <= full), "{draws:?}");
        let distinct: HashSet<Duration> = draws.iter().copied().collect();
        assert!(distinct.len() > 32, "the pauses barely vary: {draws:?}");
    }

    #[test]
    fn path_parameters_fill_the_template_one_encoded_segment_each() {
        let mut params = serde_json::json!({"pet_id": "a b/c", "n": 7, "name": "Rex"})
            .as_object()
            .unwrap()
            .clone();
        let path = fill_path("/pets/{pet_id}/toys/{n}", &mut params, &[]).unwrap();
        assert_eq!(path, "/pets/a%20b%2Fc/toys/7");
        // What travels in the path is no longer a query or body parameter.
        assert_eq!(params.keys().collect::<Vec<_>>(), ["name"]);
        let mut params = serde_json::json!({"base": "main", "head": "a/b"})
            .as_object()
            .unwrap()
            .clone();
        assert_eq!(
            fill_path("/compare/{base}...{head}", &mut params, &[]).unwrap(),
            "/compare/main...a%2Fb"
        );
        let mut params = serde_json::json!({"id": ".."}).as_object().unwrap().clone();
        assert_eq!(fill_path("/x/{id}", &mut params, &[]).unwrap(), "/x/%2E%2E");
        let mut params = Map::new();
        assert_eq!(fill_path("/acs/users/get", &mut params, &[]).unwrap(), "/acs/users/get");
        let error = fill_path("/pets/{pet_id}", &mut params, &[]).unwrap_err();
        assert_eq!(error.0, "pet_id");
    }

    /// The examples of OpenAPI 3.0.3's table of style values.
    #[test]
    fn path_parameters_are_written_in_their_style() {
        let styles = [
            ("l", QueryStyle::LabelExploded),
            ("m", QueryStyle::Matrix),
            ("x", QueryStyle::MatrixExploded),
        ];
        let mut params = serde_json::json!({
            "s": [3, 4, 5], "l": [3, 4, 5], "m": {"role": "admin"}, "x": {"role": "admin"}
        })
        .as_object()
        .unwrap()
        .clone();
        assert_eq!(
            fill_path("/{s}/{l}/{m}/{x}", &mut params, &styles).unwrap(),
            "/3,4,5/.3.4.5/;m=role,admin/;role=admin"
        );
        let mut params = serde_json::json!({"id": [{"a": 1}]}).as_object().unwrap().clone();
        assert_eq!(fill_path("/{id}", &mut params, &[]).unwrap_err().0, "id");
    }

    #[test]
    fn the_query_follows_seams_serializer() {
        let params = |value: Value| value.as_object().unwrap().clone();
        let query = encode_query(&params(serde_json::json!({
            "zeta": "last",
            "ids": ["b", "a"],
            "none": [],
            "empty": "",
            "nothing": null,
            "limit": 10,
            "flag": true,
            "custom_metadata_has": {"site": "north", "vip": false, "tags": {"level": 2}},
            "search": "a b&c",
        })))
        .unwrap();
        assert_eq!(
            query,
            "custom_metadata_has.site=north&custom_metadata_has.tags.level=2&custom_metadata_has.vip=false\
             &flag=true&ids=b&ids=a&limit=10&none=&nothing=&search=a+b%26c&zeta=last"
        );
        for (value, message) in [
            (serde_json::json!({"ids": ["a", ""]}), "empty string"),
            (serde_json::json!({"ids": [""]}), "empty string"),
            (serde_json::json!({"ids": ["a", null]}), "null"),
            (serde_json::json!({"ids": [{"a": 1}]}), "strings, numbers and booleans"),
            (serde_json::json!({"filter": {"a.b": 1}}), "dot"),
        ] {
            let (name, error) = encode_query(&params(value.clone())).unwrap_err();
            assert!(error.contains(message), "{value}: {error}");
            assert!(name == "ids" || name == "filter.a.b", "{value}: {name}");
        }
    }

    #[test]
    fn credentials_travel_in_sensitive_headers() {
        let headers = auth_headers(&Auth::ClientSessionToken(Secret("seam_cst1_token".to_owned())));
        assert_eq!(headers.len(), 2);
        for name in ["authorization", "seam-client-session-token"] {
            assert!(headers[name].is_sensitive(), "{name} is not marked sensitive");
        }
        let headers = auth_headers(&Auth::PersonalAccessToken {
            token: Secret("seam_at1_token".to_owned()),
            workspace_id: Some("ws".to_owned()),
        });
        assert!(headers["authorization"].is_sensitive());
        assert_eq!(headers["seam-workspace"], "ws");
    }

    #[test]
    fn basic_credentials_are_base64_encoded() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"test_user:test_password"), "dGVzdF91c2VyOnRlc3RfcGFzc3dvcmQ=");
        let mut placed = Placed::default();
        placed.add_credential(SchemeKind::Basic, &Credential::basic("Aladdin", "open sesame"));
        assert_eq!(placed.headers["authorization"], "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert!(placed.headers["authorization"].is_sensitive());
    }

    #[test]
    fn placed_parameters_leave_the_body_for_the_query_headers_and_cookies() {
        let mut params =
            serde_json::json!({"q": 1, "X-Tags": ["a", "b"], "sid": "s;1", "name": "Rex", "name_in_query": "Max"})
                .as_object()
                .unwrap()
                .clone();
        let placed = take_placed(
            &[
                ("q", Place::Query),
                ("X-Tags", Place::Header),
                ("sid", Place::Cookie),
                ("absent", Place::Header),
                ("name_in_query", Place::Query),
            ],
            &[("name_in_query", "name")],
            &mut params,
        )
        .unwrap();
        assert_eq!(params.keys().collect::<Vec<_>>(), ["name"]);
        // A parameter declared in the body and the query travels under its own name in each.
        assert_eq!(placed.query.keys().collect::<Vec<_>>(), ["q", "name"]);
        assert_eq!(placed.query["name"], "Max");
        assert_eq!(placed.headers["x-tags"], "a,b");
        assert_eq!(placed.cookies, ["sid=s%3B1"]);
        let mut params = serde_json::json!({"X-Line": "a\nb"}).as_object().unwrap().clone();
        let error = take_placed(&[("X-Line", Place::Header)], &[], &mut params)
            .err()
            .unwrap();
        assert_eq!(error.0, "X-Line");
    }

    #[test]
    fn an_error_answer_s_body_decodes_as_the_type_asked_for() {
        let reply = Reply {
            status: 404,
            request_id: None,
            retry_after: None,
            bytes: br#"{"code": 404, "message": "no such pet"}"#.to_vec(),
        };
        let error = api_error("/pets/{petId}", &reply);
        assert_eq!(error.message, "Not Found");
        let body: BTreeMap<String, Value> = error.decode().unwrap();
        assert_eq!(body["message"], "no such pet");
        assert!(error.decode::<Vec<u8>>().is_err());
    }

    #[test]
    fn validation_errors_are_flattened_by_parameter() {
        let mut out = BTreeMap::new();
        collect_validation_errors(
            &serde_json::json!({
                "_errors": ["Invalid request"],
                "device_id": {"_errors": ["Required"]},
                "filter": {"_errors": [], "status": {"_errors": ["Invalid enum value", "Expected string"]}},
            }),
            "",
            &mut out,
        );
        let expected: BTreeMap<String, Vec<String>> = [
            ("", vec!["Invalid request"]),
            ("device_id", vec!["Required"]),
            ("filter.status", vec!["Invalid enum value", "Expected string"]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
        .collect();
        assert_eq!(out, expected);
    }
}
