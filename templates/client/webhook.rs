//! Verification of Seam's webhooks (feature `verify-webhooks`), as `@seamapi/webhook` and Seam's
//! Python SDK verify them: Seam signs each delivery the Standard Webhooks way (Svix), an
//! HMAC-SHA256 over `{webhook-id}.{webhook-timestamp}.{body}` keyed by the endpoint's
//! `whsec_…` secret, base64-encoded in `webhook-signature` as `v1,<signature>` (several,
//! separated by spaces, while a secret is rotated). A delivery whose timestamp is more than
//! five minutes from now is refused, so a captured one cannot be replayed later.
//!
//! ```no_run
//! # fn handle(body: &str, headers: &[(&str, &str)]) -> Result<(), seam::webhook::WebhookError> {
//! let webhook = seam::webhook::SeamWebhook::new(&std::env::var("SEAM_WEBHOOK_SECRET").unwrap_or_default())?;
//! // The raw body as received, before any JSON parsing, and the request's headers.
//! let event = webhook.verify(body, headers.iter().copied())?;
//! # let _ = event; Ok(()) }
//! ```

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{KeyInit as _, Mac as _};
use serde::de::DeserializeOwned;

/// The event a verified delivery carries: the description's event type.
pub type Event = serde_json::Value;

/// How far a delivery's timestamp may be from now: five minutes, as Svix allows.
pub const TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// The prefix of the secrets Seam gives out.
const SECRET_PREFIX: &str = "whsec_";

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Verifies the webhooks of one endpoint, with its signing secret.
#[derive(Clone)]
pub struct SeamWebhook {
    key: Vec<u8>,
}

impl fmt::Debug for SeamWebhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SeamWebhook").field("key", &"<redacted>").finish()
    }
}

/// Why a delivery was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The secret is empty or not base64 (after its `whsec_` prefix).
    InvalidSecret,
    /// A header the signature needs is missing or empty: `webhook-id`, `webhook-timestamp` or
    /// `webhook-signature` (or their `svix-` names).
    MissingHeader(&'static str),
    /// `webhook-timestamp` is not a number of seconds.
    InvalidTimestamp(String),
    /// The delivery was signed more than [`TOLERANCE`] ago: possibly replayed.
    TimestampTooOld,
    /// The delivery claims to be signed more than [`TOLERANCE`] from now.
    TimestampTooNew,
    /// No signature of `webhook-signature` matches the body: it was not sent by Seam with this
    /// secret, or it was changed on the way.
    InvalidSignature,
    /// The signature matches but the body is not an event: the delivery is Seam's and will
    /// never become readable, so report it rather than ask for it again.
    InvalidPayload(String),
}

impl WebhookError {
    /// Whether the delivery may not be Seam's (every error but [`WebhookError::InvalidPayload`]
    /// and [`WebhookError::InvalidSecret`]): answer it with an error status.
    pub fn is_verification_error(&self) -> bool {
        !matches!(self, WebhookError::InvalidPayload(_) | WebhookError::InvalidSecret)
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::InvalidSecret => f.write_str("the webhook secret is not a base64 `whsec_` secret"),
            WebhookError::MissingHeader(name) => write!(f, "the webhook lacks the `{name}` header"),
            WebhookError::InvalidTimestamp(text) => write!(f, "the webhook's timestamp `{text}` is not a number"),
            WebhookError::TimestampTooOld => f.write_str("the webhook's timestamp is too old"),
            WebhookError::TimestampTooNew => f.write_str("the webhook's timestamp is too new"),
            WebhookError::InvalidSignature => f.write_str("no signature of the webhook matches its body"),
            WebhookError::InvalidPayload(message) => {
                write!(f, "the verified webhook payload is not a Seam event: {message}")
            }
        }
    }
}

impl std::error::Error for WebhookError {}

impl SeamWebhook {
    /// A verifier for the endpoint whose signing secret is `secret` (`whsec_…`; the prefix is
    /// optional).
    pub fn new(secret: &str) -> Result<SeamWebhook, WebhookError> {
        let encoded = secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret);
        let key = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|_| WebhookError::InvalidSecret)?;
        if key.is_empty() {
            return Err(WebhookError::InvalidSecret);
        }
        Ok(SeamWebhook { key })
    }

    /// Verifies a delivery, `payload` being its body exactly as received and `headers` its
    /// request's headers (names in any case), and returns the event it carries.
    pub fn verify<'h>(
        &self,
        payload: &str,
        headers: impl IntoIterator<Item = (&'h str, &'h str)>,
    ) -> Result<Event, WebhookError> {
        self.verify_as(payload, headers)
    }

    /// [`SeamWebhook::verify`], the payload decoded as `T`.
    pub fn verify_as<'h, T: DeserializeOwned>(
        &self,
        payload: &str,
        headers: impl IntoIterator<Item = (&'h str, &'h str)>,
    ) -> Result<T, WebhookError> {
        self.verify_at(payload, headers, SystemTime::now())?;
        let value: serde_json::Value =
            serde_json::from_str(payload).map_err(|e| WebhookError::InvalidPayload(e.to_string()))?;
        let is_event = value.get("event_id").is_some_and(serde_json::Value::is_string)
            && value.get("event_type").is_some_and(serde_json::Value::is_string);
        if !is_event {
            return Err(WebhookError::InvalidPayload(
                "it has no `event_id` and `event_type`".to_owned(),
            ));
        }
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            WebhookError::InvalidPayload(format!("at `{path}`: {}", e.into_inner()))
        })
    }

    /// Checks the signature and the timestamp against `now`.
    fn verify_at<'h>(
        &self,
        payload: &str,
        headers: impl IntoIterator<Item = (&'h str, &'h str)>,
        now: SystemTime,
    ) -> Result<(), WebhookError> {
        let (mut id, mut timestamp, mut signatures) = (None, None, None);
        let (mut svix_id, mut svix_timestamp, mut svix_signatures) = (None, None, None);
        for (name, value) in headers {
            let slot = match name.to_ascii_lowercase().as_str() {
                "webhook-id" => &mut id,
                "webhook-timestamp" => &mut timestamp,
                "webhook-signature" => &mut signatures,
                "svix-id" => &mut svix_id,
                "svix-timestamp" => &mut svix_timestamp,
                "svix-signature" => &mut svix_signatures,
                _ => continue,
            };
            *slot = Some(value);
        }
        // As Svix reads them: its own names first, then the Standard Webhooks names.
        let header = |svix: Option<&'h str>, standard: Option<&'h str>, name: &'static str| {
            svix.or(standard)
                .filter(|v| !v.is_empty())
                .ok_or(WebhookError::MissingHeader(name))
        };
        let id = header(svix_id, id, "webhook-id")?;
        let timestamp_text = header(svix_timestamp, timestamp, "webhook-timestamp")?;
        let signatures = header(svix_signatures, signatures, "webhook-signature")?;
        let timestamp =
            leading_integer(timestamp_text).ok_or_else(|| WebhookError::InvalidTimestamp(timestamp_text.to_owned()))?;
        let now = match now.duration_since(UNIX_EPOCH) {
            Ok(since) => since.as_secs() as i64,
            Err(before) => -(before.duration().as_secs() as i64),
        };
        let tolerance = TOLERANCE.as_secs() as i64;
        if now.saturating_sub(timestamp) > tolerance {
            return Err(WebhookError::TimestampTooOld);
        }
        if timestamp > now.saturating_add(tolerance) {
            return Err(WebhookError::TimestampTooNew);
        }
        let mut mac = HmacSha256::new_from_slice(&self.key).map_err(|_| WebhookError::InvalidSecret)?;
        mac.update(format!("{id}.{timestamp}.").as_bytes());
        mac.update(payload.as_bytes());
        for versioned in signatures.split(' ') {
            let mut parts = versioned.split(',');
            let (Some("v1"), Some(signature)) = (parts.next(), parts.next()) else {
                continue;
            };
            // The canonical base64 of the signature, as Svix compares the text; compared in
            // constant time.
            let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(signature) else {
                continue;
            };
            if mac.clone().verify_slice(&bytes).is_ok() {
                return Ok(());
            }
        }
        Err(WebhookError::InvalidSignature)
    }
}

/// The integer at the start of `text`, as JavaScript's `parseInt(text, 10)` reads it.
fn leading_integer(text: &str) -> Option<i64> {
    let text = text.trim_start();
    let digits_start = usize::from(text.starts_with(['-', '+']));
    let end = text[digits_start..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(text.len(), |at| at + digits_start);
    if end == digits_start {
        return None;
    }
    text[..end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javascript_reads_the_leading_integer() {
        assert_eq!(leading_integer("1700000000"), Some(1_700_000_000));
        assert_eq!(leading_integer(" 17abc"), Some(17));
        assert_eq!(leading_integer("-5"), Some(-5));
        assert_eq!(leading_integer("abc"), None);
        assert_eq!(leading_integer(""), None);
        assert_eq!(leading_integer("+"), None);
    }
}
