//! The hand-written part of the client: configuration, authentication, HTTP, errors,
//! pagination, and the macros that implement the generated types' serde support.
//!
//! The generator copies this file into every generated crate as `src/runtime.rs`; the
//! generated code reaches it only through `crate::runtime`.

// A crate built with only some of its namespace features uses only part of the runtime.
#![allow(dead_code, unused_macros)]

use std::borrow::Cow;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The user agent sent unless [`SeamBuilder::user_agent`] sets another.
pub const DEFAULT_USER_AGENT: &str = concat!("seam-rust/", env!("CARGO_PKG_VERSION"));

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
    auth: Auth,
    max_retries: u32,
    retry_delay: Duration,
}

#[derive(Clone)]
enum Auth {
    ApiKey(Secret),
    PersonalAccessToken {
        token: Secret,
        workspace_id: Option<String>,
    },
    ClientSessionToken(Secret),
}

/// A credential: never printed.
#[derive(Clone)]
struct Secret(String);

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
        }
    }
}

impl fmt::Debug for Seam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Seam")
            .field("base_url", &self.inner.base_url)
            .field("auth", &self.inner.auth)
            .finish_non_exhaustive()
    }
}

impl Seam {
    /// A client that authenticates with an API key, with the default settings.
    pub fn new(api_key: impl Into<String>) -> Result<Seam, Error> {
        Seam::builder().api_key(api_key).build()
    }

    /// A client configured from the environment: the API key from `SEAM_API_KEY` and, when
    /// set, the base URL from `SEAM_ENDPOINT`.
    pub fn from_env() -> Result<Seam, Error> {
        Seam::builder().from_env().build()
    }

    /// A builder, to choose the authentication method, base URL, timeout or user agent.
    pub fn builder() -> SeamBuilder {
        SeamBuilder::default()
    }

    /// The base URL that requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
}

/// Configures a [`Seam`] client.
#[derive(Clone, Default)]
pub struct SeamBuilder {
    api_key: Option<Secret>,
    personal_access_token: Option<Secret>,
    workspace_id: Option<String>,
    client_session_token: Option<Secret>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    user_agent: Option<String>,
    max_retries: Option<u32>,
    retry_delay: Option<Duration>,
}

impl fmt::Debug for SeamBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SeamBuilder")
            .field("api_key", &self.api_key)
            .field("personal_access_token", &self.personal_access_token)
            .field("workspace_id", &self.workspace_id)
            .field("client_session_token", &self.client_session_token)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("max_retries", &self.max_retries)
            .field("retry_delay", &self.retry_delay)
            .finish()
    }
}

impl SeamBuilder {
    /// Authenticates with an API key, sent as `Authorization: Bearer …`.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(Secret(api_key.into()));
        self
    }

    /// Authenticates with a personal access token, sent as `Authorization: Bearer …`.
    /// Most endpoints also need [`SeamBuilder::workspace_id`].
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

    /// The base URL of the API (default: the description's server URL).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into());
        self
    }

    /// The time limit of each request, from connecting to reading the whole response.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The `User-Agent` header (default: [`DEFAULT_USER_AGENT`]).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// How many times a call is retried (default 2) after a refused connection or a `429`,
    /// and, for `GET`, `PUT` and `DELETE` calls, after a timeout or a `502`, `503` or `504`.
    /// `0` turns retries off.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// The wait before the first retry (default 200 ms), doubled before each next one; a
    /// `Retry-After` header (in seconds, at most 30) takes its place.
    pub fn retry_delay(mut self, delay: Duration) -> Self {
        self.retry_delay = Some(delay);
        self
    }

    /// Reads `SEAM_API_KEY` (as [`SeamBuilder::api_key`]) and `SEAM_ENDPOINT` (as
    /// [`SeamBuilder::base_url`]) from the environment, when they are set.
    pub fn from_env(mut self) -> Self {
        if let Some(key) = env_var("SEAM_API_KEY") {
            self.api_key = Some(Secret(key));
        }
        if let Some(endpoint) = env_var("SEAM_ENDPOINT") {
            self.base_url = Some(endpoint);
        }
        self
    }

    /// Builds the client; fails when no authentication method, or more than one, is set, or
    /// when the base URL is not an `http(s)` URL.
    pub fn build(self) -> Result<Seam, Error> {
        if self.workspace_id.is_some() && self.personal_access_token.is_none() {
            return Err(Error::Config(
                "a workspace id is only sent with a personal access token".to_owned(),
            ));
        }
        let auth = match (self.api_key, self.personal_access_token, self.client_session_token) {
            (Some(key), None, None) => Auth::ApiKey(key),
            (None, Some(token), None) => Auth::PersonalAccessToken {
                token,
                workspace_id: self.workspace_id,
            },
            (None, None, Some(token)) => Auth::ClientSessionToken(token),
            (None, None, None) => return Err(Error::Config(
                "no credentials: set an API key (or SEAM_API_KEY), a personal access token or a client session token"
                    .to_owned(),
            )),
            _ => {
                return Err(Error::Config(
                    "more than one authentication method is set; choose one".to_owned(),
                ));
            }
        };
        let base_url = self
            .base_url
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
        let mut http =
            reqwest::Client::builder().user_agent(self.user_agent.unwrap_or_else(|| DEFAULT_USER_AGENT.to_owned()));
        if let Some(timeout) = self.timeout {
            http = http.timeout(timeout);
        }
        let http = http
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Seam {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth,
                max_retries: self.max_retries.unwrap_or(2),
                retry_delay: self.retry_delay.unwrap_or(Duration::from_millis(200)),
            }),
        })
    }
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Everything that can go wrong with a call.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or the response could not be read (connection, TLS,
    /// timeout, …).
    Transport(reqwest::Error),
    /// The API answered with an error status.
    Api(ApiError),
    /// The response did not have the expected shape.
    Decode(DecodeError),
    /// A required parameter was not set; nothing was sent.
    MissingParameter {
        /// The endpoint's path, e.g. `/acs/users/create`.
        endpoint: &'static str,
        /// The parameter's name, e.g. `acs_system_id`.
        parameter: &'static str,
    },
    /// The client is not configured correctly.
    Config(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport(e) => write!(f, "cannot reach the Seam API: {e}"),
            Error::Api(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::MissingParameter { endpoint, parameter } => {
                write!(f, "{endpoint}: the required parameter `{parameter}` is not set")
            }
            Error::Config(message) => write!(f, "invalid Seam client configuration: {message}"),
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
    /// The `seam-request-id` response header, when sent: quote it to Seam's support.
    pub request_id: Option<String>,
    /// The response body as received.
    pub body: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed with HTTP {}", self.endpoint, self.status)?;
        if !self.error_type.is_empty() {
            write!(f, " ({})", self.error_type)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
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
    /// The response body's key that holds the result; `None` for void.
    pub key: Option<&'static str>,
}

/// One call being built: the endpoint and the parameters set so far.
#[doc(hidden)]
#[derive(Clone)]
pub struct Call {
    seam: Seam,
    endpoint: &'static Endpoint,
    params: Map<String, Value>,
    invalid: Option<(&'static str, String)>,
}

impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("endpoint", &self.endpoint.path)
            .field("params", &self.params)
            .finish()
    }
}

impl Call {
    pub fn new(seam: &Seam, endpoint: &'static Endpoint) -> Call {
        Call {
            seam: seam.clone(),
            endpoint,
            params: Map::new(),
            invalid: None,
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

    /// Sends the call; the result is decoded when the returned future is awaited.
    pub fn send<T: DeserializeOwned>(self) -> Response<T> {
        Response {
            raw: Box::pin(self.execute()),
            output: PhantomData,
        }
    }

    /// Walks every page of a paginated list endpoint.
    pub fn pages<T: DeserializeOwned>(self, cursor_param: &'static str, pagination_key: &'static str) -> Pages<T> {
        Pages {
            next: Some(self),
            cursor_param,
            pagination_key,
            item: PhantomData,
        }
    }

    async fn execute(self) -> Result<Raw, Error> {
        let endpoint = self.endpoint;
        if let Some((parameter, message)) = self.invalid {
            return Err(Error::Config(format!(
                "{}: cannot encode `{parameter}`: {message}",
                endpoint.path
            )));
        }
        if let Some(parameter) = endpoint.required.iter().find(|p| !self.params.contains_key(**p)) {
            return Err(Error::MissingParameter {
                endpoint: endpoint.path,
                parameter,
            });
        }
        let inner = &self.seam.inner;
        let mut url = reqwest::Url::parse(&format!("{}{}", inner.base_url, endpoint.path))
            .map_err(|e| Error::Config(format!("invalid URL for {}: {e}", endpoint.path)))?;
        let method = match endpoint.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        };
        if endpoint.query {
            encode_query(&mut url, &self.params);
        }
        let idempotent = !matches!(endpoint.method, Method::Post | Method::Patch);
        let mut attempt = 0;
        let (status, request_id, bytes) = loop {
            let mut request = inner.http.request(method.clone(), url.clone());
            if !endpoint.query {
                request = request.json(&self.params);
            }
            request = match &inner.auth {
                Auth::ApiKey(key) => request.bearer_auth(&key.0),
                Auth::PersonalAccessToken { token, workspace_id } => {
                    let request = request.bearer_auth(&token.0);
                    match workspace_id {
                        Some(id) => request.header("seam-workspace", id),
                        None => request,
                    }
                }
                Auth::ClientSessionToken(token) => request
                    .bearer_auth(&token.0)
                    .header("seam-client-session-token", &token.0),
            };
            let outcome = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    let header = |name: &str| {
                        response
                            .headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_owned)
                    };
                    let request_id = header("seam-request-id");
                    let retry_after = header("retry-after").and_then(|v| v.trim().parse::<u64>().ok());
                    match response.bytes().await {
                        Ok(bytes) => Ok((status, request_id, bytes, retry_after)),
                        Err(e) => Err(e),
                    }
                }
                Err(e) => Err(e),
            };
            // Retry what cannot have changed anything: a refused connection, a 429; and, for
            // idempotent methods, a timeout or a 502/503/504.
            let retry = match &outcome {
                Err(e) => e.is_connect() || (idempotent && e.is_timeout()),
                Ok((status, ..)) => status.as_u16() == 429 || (idempotent && matches!(status.as_u16(), 502..=504)),
            };
            if !retry || attempt >= inner.max_retries {
                let (status, request_id, bytes, _) = outcome?;
                break (status, request_id, bytes);
            }
            let retry_after = match &outcome {
                Ok((_, _, _, Some(seconds))) => Duration::from_secs((*seconds).min(30)),
                _ => inner.retry_delay * 2u32.pow(attempt.min(6)),
            };
            tokio::time::sleep(retry_after).await;
            attempt += 1;
        };
        if !status.is_success() {
            return Err(Error::Api(api_error(endpoint.path, status, request_id, &bytes)));
        }
        let body = match endpoint.key {
            // A void call's body carries nothing the caller asked for.
            None => Value::Null,
            Some(_) => serde_json::from_slice(&bytes).map_err(|e| {
                Error::Decode(DecodeError {
                    endpoint: endpoint.path,
                    path: String::new(),
                    message: format!("the body is not JSON: {e}"),
                })
            })?,
        };
        Ok(Raw { endpoint, body })
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

/// Encodes parameters as a query string: lists as repeated keys (`ids=a&ids=b`), booleans and
/// numbers as text, and nothing for `null`.
fn encode_query(url: &mut reqwest::Url, params: &Map<String, Value>) {
    if params.is_empty() {
        return;
    }
    let mut pairs = url.query_pairs_mut();
    for (name, value) in params {
        match value {
            Value::Null => {}
            Value::Array(items) => {
                for item in items {
                    pairs.append_pair(name, &query_text(item));
                }
            }
            other => {
                pairs.append_pair(name, &query_text(other));
            }
        }
    }
}

fn query_text(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) => Cow::Borrowed(s),
        other => Cow::Owned(other.to_string()),
    }
}

fn api_error(
    endpoint: &'static str,
    status: reqwest::StatusCode,
    request_id: Option<String>,
    bytes: &[u8],
) -> ApiError {
    let body = String::from_utf8_lossy(bytes).into_owned();
    let parsed: Option<Value> = serde_json::from_slice(bytes).ok();
    let error = parsed.as_ref().and_then(|v| v.get("error"));
    let text = |key: &str| {
        error
            .and_then(|e| e.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    ApiError {
        endpoint,
        status: status.as_u16(),
        error_type: text("type").unwrap_or_default(),
        message: text("message").unwrap_or_else(|| status.canonical_reason().unwrap_or("unknown error").to_owned()),
        request_id,
        body,
    }
}

/// A successful response, not decoded yet.
#[doc(hidden)]
pub struct Raw {
    endpoint: &'static Endpoint,
    body: Value,
}

impl Raw {
    fn decode<T: DeserializeOwned>(mut self, key: Option<&'static str>) -> Result<T, Error> {
        let endpoint = self.endpoint.path;
        let value = match key {
            None => Value::Null,
            Some(key) => match self.body.get_mut(key) {
                Some(value) => value.take(),
                None => {
                    return Err(Error::Decode(DecodeError {
                        endpoint,
                        path: key.to_owned(),
                        message: "missing from the response".to_owned(),
                    }));
                }
            },
        };
        serde_path_to_error::deserialize(value).map_err(|e| {
            let inner = e.path().to_string();
            let path = match (key, inner.as_str()) {
                (Some(key), ".") => key.to_owned(),
                (Some(key), rest) if rest.starts_with('[') => format!("{key}{rest}"),
                (Some(key), rest) => format!("{key}.{rest}"),
                (None, rest) => rest.to_owned(),
            };
            Error::Decode(DecodeError {
                endpoint,
                path,
                message: e.into_inner().to_string(),
            })
        })
    }
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
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Ready(Ok(raw)) => {
                let key = raw.endpoint.key;
                Poll::Ready(raw.decode(key))
            }
        }
    }
}

/// Every page of a list endpoint, one request per page, following
/// `pagination.next_page_cursor` while `pagination.has_next_page` is true.
#[must_use = "pages are fetched only when asked for"]
pub struct Pages<T> {
    next: Option<Call>,
    cursor_param: &'static str,
    pagination_key: &'static str,
    item: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").field("next", &self.next).finish()
    }
}

impl<T: DeserializeOwned> Pages<T> {
    /// The next page, or `None` after the last one (or after an error).
    pub async fn next_page(&mut self) -> Option<Result<Vec<T>, Error>> {
        let call = self.next.take()?;
        let following = call.clone();
        let mut raw = match call.execute().await {
            Ok(raw) => raw,
            Err(e) => return Some(Err(e)),
        };
        let pagination = raw.body.get(self.pagination_key);
        let has_next = pagination
            .and_then(|p| p.get("has_next_page"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let cursor = pagination
            .and_then(|p| p.get("next_page_cursor"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        if let (true, Some(cursor)) = (has_next, cursor) {
            let mut following = following;
            following
                .params
                .insert(self.cursor_param.to_owned(), Value::String(cursor));
            self.next = Some(following);
        }
        let key = raw.endpoint.key;
        raw.body.as_object_mut().map(|b| b.remove(self.pagination_key));
        Some(raw.decode(key))
    }

    /// Every item of every page, in order.
    pub async fn all(mut self) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while let Some(page) = self.next_page().await {
            items.extend(page?);
        }
        Ok(items)
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

/// The value a field that the description marks as always present takes when a response
/// lacks it: the type's empty value (`""`, `false`, `0`, an empty list, `Other("")`, …).
/// Responses are decoded leniently, like the API's other SDKs read them; a value of the wrong
/// type still fails, with its path.
#[doc(hidden)]
pub trait Fallback {
    fn fallback() -> Self;
}

macro_rules! fallback_default {
    ($($ty:ty),*) => {
        $(impl Fallback for $ty {
            fn fallback() -> Self {
                Default::default()
            }
        })*
    };
}

fallback_default!(String, bool, i64, f64, Value);

impl<T> Fallback for Vec<T> {
    fn fallback() -> Self {
        Vec::new()
    }
}

impl<T> Fallback for Option<T> {
    fn fallback() -> Self {
        None
    }
}

impl<T> Fallback for std::collections::BTreeMap<String, T> {
    fn fallback() -> Self {
        std::collections::BTreeMap::new()
    }
}

/// Implements `Serialize` and `Deserialize` for a struct: fields by their wire names, optional
/// fields (`Option`) left out when `None` and `None` when absent or `null`, other absent
/// fields their [`Fallback`], unknown fields ignored. One lean visitor per type instead of serde's derive keeps compile times down.
macro_rules! object {
    ($name:ident {
        required { $($req:ident $(= $req_wire:literal)?,)* }
        optional { $($opt:ident $(= $opt_wire:literal)?,)* }
    }) => {
        impl ::serde::Serialize for $name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                use ::serde::ser::SerializeMap as _;
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
                            $($req: $req.unwrap_or_else(crate::runtime::Fallback::fallback),)*
                            $($opt,)*
                        })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }

        impl crate::runtime::Fallback for $name {
            fn fallback() -> Self {
                $name {
                    $($req: crate::runtime::Fallback::fallback(),)*
                    $($opt: ::core::option::Option::None,)*
                }
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

        impl crate::runtime::Fallback for $name {
            fn fallback() -> Self {
                Self::Other(::std::string::String::new())
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

        impl crate::runtime::Fallback for $name {
            fn fallback() -> Self {
                Self::Unknown(::serde_json::Value::Null)
            }
        }
    };
}

/// Declares an endpoint's request builder: the struct, its constructor and `IntoFuture`.
macro_rules! request {
    ($name:ident, $owner:literal, $method:ident, $path:literal, $query:literal, [$($required:literal),*],
        $key:expr => $output:ty) => {
        #[doc = concat!(" The request of [`", $owner, "`]: set the parameters, then `.await` it to send it.")]
        #[derive(Debug, Clone)]
        #[must_use = "a request is sent only when awaited"]
        pub struct $name(crate::runtime::Call);

        impl $name {
            fn new(seam: &crate::Seam) -> Self {
                $name(crate::runtime::Call::new(
                    seam,
                    &crate::runtime::Endpoint {
                        path: $path,
                        method: crate::runtime::Method::$method,
                        query: $query,
                        required: &[$($required),*],
                        key: $key,
                    },
                ))
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
