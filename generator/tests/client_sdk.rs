//! What Seam's own SDKs (`@seamapi/http`, `@seamapi/webhook`, the Python `seam`) offer beside
//! the endpoints, in the generated client (`generated/client`): decoding that allows missing
//! fields when asked to, credential checks, the publishable-key flow, a client session token
//! replaced on a live client, routes the crate does not know, checked waits for action
//! attempts, and webhook verification held against `svix` and `@seamapi/webhook`.

mod node_support;

use node_support::{install_node_packages, repo_root};
use std::process::Command;
use std::time::Duration;

use seam::types::{AcsUser, AcsUserErrorsItem, ActionAttempt};
use seam::webhook::{SeamWebhook, WebhookError};
use seam::{Error, Seam, WaitForActionAttempt};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "seam_test_key_0123456789";

async fn respond(server: &MockServer, route: &str, body: Value) {
    Mock::given(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

/// An access system user as an older server sends it: no `connected_account_id`, `errors`
/// or `warnings`.
fn older_acs_user(id: &str) -> Value {
    json!({
        "acs_user_id": id,
        "acs_system_id": "11111111-1111-1111-1111-111111111111",
        "workspace_id": "00000000-0000-0000-0000-000000000000",
        "display_name": "Jane Doe",
        "is_managed": true,
        "created_at": "2025-06-15T09:12:44.118Z",
    })
}

#[tokio::test]
async fn a_missing_field_fails_with_its_path_and_the_option_unless_allowed() {
    let server = MockServer::start().await;
    respond(&server, "/acs/users/get", json!({"acs_user": older_acs_user("u1")})).await;
    let strict = Seam::builder().api_key(KEY).base_url(server.uri()).build().unwrap();
    let err = strict.acs().users().get().acs_user_id("u1").await.unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(decode.path, "acs_user.connected_account_id");
    assert!(decode.message.contains("allow_missing_fields"), "{}", decode.message);
    // Nothing is reported from a strict client's call that succeeds.
    let lenient = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .allow_missing_fields()
        .build()
        .unwrap();
    let user: AcsUser = lenient.acs().users().get().acs_user_id("u1").await.unwrap();
    assert_eq!(user.acs_user_id, "u1");
    assert_eq!(user.connected_account_id, "");
    assert!(user.errors.is_empty() && user.warnings.is_empty());
    let decoded = lenient
        .acs()
        .users()
        .get()
        .acs_user_id("u1")
        .with_decode_report()
        .await
        .unwrap();
    assert_eq!(
        decoded.missing_fields,
        ["acs_user.connected_account_id", "acs_user.errors", "acs_user.warnings"]
    );
    assert_eq!(decoded.value, user);

    // An answer without the response key at all: strict, an error naming the key and the
    // option; allowed, the result's empty value and the key reported.
    let server = MockServer::start().await;
    respond(&server, "/acs/users/get", json!({"ok": true})).await;
    let strict = Seam::builder().api_key(KEY).base_url(server.uri()).build().unwrap();
    let err = strict.acs().users().get().acs_user_id("u1").await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.path == "acs_user" && d.message.contains("allow_missing_fields")),
        "{err:?}"
    );
    let lenient = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .allow_missing_fields()
        .build()
        .unwrap();
    let decoded = lenient
        .acs()
        .users()
        .get()
        .acs_user_id("u1")
        .with_decode_report()
        .await
        .unwrap();
    assert_eq!(decoded.missing_fields, ["acs_user"]);
    assert_eq!(decoded.value.acs_user_id, "");
}

#[tokio::test]
async fn missing_fields_are_reported_by_their_place_in_lists_and_union_variants() {
    let server = MockServer::start().await;
    let mut second = older_acs_user("u2");
    second["connected_account_id"] = json!("ca");
    second["warnings"] = json!([]);
    // An error variant that lacks its `created_at`.
    second["errors"] = json!([{"error_code": "deleted_externally", "message": "gone"}]);
    let mut first = second.clone();
    first["acs_user_id"] = json!("u1");
    first["errors"] = json!([]);
    respond(&server, "/acs/users/list", json!({"acs_users": [first, second]})).await;
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .allow_missing_fields()
        .build()
        .unwrap();
    let decoded = seam.acs().users().list().with_decode_report().await.unwrap();
    assert_eq!(decoded.missing_fields, ["acs_users[1].errors[0].created_at"]);
    match &decoded.value[1].errors[..] {
        [AcsUserErrorsItem::DeletedExternally(error)] => {
            assert_eq!((error.message.as_str(), error.created_at.as_str()), ("gone", ""));
        }
        other => panic!("expected the variant, got {other:?}"),
    }

    // A value of the wrong type is still an error, with its path, whatever the option.
    let server = MockServer::start().await;
    let mut wrong = older_acs_user("u3");
    wrong["display_name"] = json!(7);
    respond(&server, "/acs/users/list", json!({"acs_users": [wrong]})).await;
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .allow_missing_fields()
        .build()
        .unwrap();
    let err = seam.acs().users().list().await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.path == "acs_users[0].display_name"),
        "{err:?}"
    );
}

#[test]
fn credentials_of_the_wrong_kind_are_refused_before_anything_is_sent() {
    assert!(Seam::is_api_key("seam_apikey1_token"));
    assert!(!Seam::is_api_key("seam_at1_token") && !Seam::is_api_key("seam_cst1") && !Seam::is_api_key("seam_pk1"));
    assert!(!Seam::is_api_key("sk_live_123") && !Seam::is_api_key("eyJhbGciOi"));
    assert!(Seam::is_personal_access_token("seam_at1_token"));
    assert!(Seam::is_client_session_token("seam_cst1_token"));
    assert!(Seam::is_publishable_key("seam_pk1_token"));
    let refused = |built: Result<Seam, Error>, words: &str| match built {
        Err(Error::InvalidToken(message)) => assert!(message.contains(words), "{message}"),
        other => panic!("expected an invalid token error ({words}), got {other:?}"),
    };
    refused(
        Seam::new("seam_at1_token"),
        "a personal access token cannot be used as an API key",
    );
    refused(
        Seam::new("seam_cst1_token"),
        "a client session token cannot be used as an API key",
    );
    refused(
        Seam::new("seam_pk1_token"),
        "a publishable key cannot be used as an API key",
    );
    refused(Seam::new("eyJhbGciOiJIUzI1NiJ9"), "a JWT");
    refused(Seam::new("not_a_seam_key"), "should start with `seam_`");
    refused(
        Seam::builder().personal_access_token("seam_apikey1").build(),
        "an API key cannot be used as a personal access token",
    );
    refused(
        Seam::builder().client_session_token("seam_at1").build(),
        "a personal access token cannot be used as a client session token",
    );
    assert!(Seam::builder()
        .personal_access_token("seam_at1_t")
        .workspace_id("w")
        .build()
        .is_ok());
    assert!(Seam::builder().client_session_token("seam_cst1_t").build().is_ok());
}

#[tokio::test]
async fn a_publishable_key_gets_or_creates_a_client_session_and_its_token_is_used() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/client_sessions/get_or_create"))
        .and(header("seam-publishable-key", "seam_pk1_token"))
        .and(body_json(json!({"user_identifier_key": "user-42"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "client_session": {"token": "seam_cst1_session", "client_session_id": "cs1"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/acs/systems/list"))
        .and(header("authorization", "Bearer seam_cst1_session"))
        .and(header("seam-client-session-token", "seam_cst1_session"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"acs_systems": []})))
        .expect(1)
        .mount(&server)
        .await;
    let seam = Seam::builder()
        .base_url(server.uri())
        .build_with_publishable_key("seam_pk1_token", "user-42")
        .await
        .unwrap();
    assert!(seam.acs().systems().list().await.unwrap().is_empty());
    let err = Seam::builder()
        .base_url(server.uri())
        .build_with_publishable_key("seam_apikey1", "user-42")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidToken(_)), "{err:?}");
}

#[tokio::test]
async fn a_live_client_and_its_clones_take_a_new_client_session_token() {
    let server = MockServer::start().await;
    Mock::given(path("/client_sessions/get"))
        .and(header("authorization", "Bearer seam_cst2_new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"client_session": {}})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/acs/systems/list"))
        .and(header("seam-client-session-token", "seam_cst2_new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"acs_systems": []})))
        .expect(1)
        .mount(&server)
        .await;
    let seam = Seam::builder()
        .client_session_token("seam_cst1_old")
        .base_url(server.uri())
        .build()
        .unwrap();
    let clone = seam.clone();
    let err = seam.update_client_session_token("seam_at1_token").await.unwrap_err();
    assert!(matches!(err, Error::InvalidToken(_)), "{err:?}");
    seam.update_client_session_token("seam_cst2_new").await.unwrap();
    clone.acs().systems().list().await.unwrap();

    let keyed = Seam::builder().api_key(KEY).base_url(server.uri()).build().unwrap();
    let err = keyed.update_client_session_token("seam_cst2_new").await.unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[tokio::test]
async fn a_route_the_crate_does_not_know_is_sent_like_every_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/unknown/route"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(body_json(json!({"device_id": "d1", "limit": 10})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"thing": {"id": 1}, "ok": true})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/unknown/get"))
        .and(wiremock::matchers::query_param("id", "x"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error": {"type": "thing_not_found", "message": "No thing"}, "ok": false
        })))
        .mount(&server)
        .await;
    let seam = Seam::builder().api_key(KEY).base_url(server.uri()).build().unwrap();
    let body = seam
        .request(reqwest::Method::POST, "/unknown/route")
        .param("device_id", "d1")
        .param("limit", 10)
        .await
        .unwrap();
    assert_eq!(body, json!({"thing": {"id": 1}, "ok": true}));
    let err = seam
        .request(reqwest::Method::GET, "/unknown/get")
        .param("id", "x")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.status == 404 && api.error_type == "thing_not_found" && api.endpoint == "/unknown/get"),
        "{err:?}"
    );
    for bad in ["no/slash", "/a b", "/a?b=c"] {
        let err = seam.request(reqwest::Method::POST, bad).await.unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{bad}: {err:?}");
    }
    let err = seam.request(reqwest::Method::HEAD, "/unknown/route").await.unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[tokio::test]
async fn a_wait_that_would_poll_back_to_back_is_refused() {
    let back_to_back = WaitForActionAttempt::Poll {
        timeout: Duration::from_secs(5),
        polling_interval: Duration::ZERO,
    };
    let built = Seam::builder()
        .api_key(KEY)
        .wait_for_action_attempt(back_to_back)
        .build();
    assert!(matches!(built, Err(Error::Config(_))), "{built:?}");

    let server = MockServer::start().await;
    Mock::given(path("/locks/unlock_door"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "action_attempt": {"action_attempt_id": "a1", "action_type": "UNLOCK_DOOR", "status": "pending"}
        })))
        .expect(0)
        .mount(&server)
        .await;
    let seam = Seam::builder().api_key(KEY).base_url(server.uri()).build().unwrap();
    let err = seam
        .locks()
        .unlock_door()
        .device_id("d1")
        .wait_for_action_attempt(back_to_back)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

#[tokio::test]
async fn an_attempt_of_unknown_status_is_not_polled_until_the_timeout() {
    let server = MockServer::start().await;
    respond(
        &server,
        "/locks/unlock_door",
        json!({"action_attempt": {"action_attempt_id": "a1", "action_type": "UNLOCK_DOOR", "status": "queued"}}),
    )
    .await;
    Mock::given(path("/action_attempts/get"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(0)
        .mount(&server)
        .await;
    let seam = Seam::builder().api_key(KEY).base_url(server.uri()).build().unwrap();
    let started = std::time::Instant::now();
    let err = seam
        .locks()
        .unlock_door()
        .device_id("d1")
        .wait_for_action_attempt(WaitForActionAttempt::Poll {
            timeout: Duration::from_secs(30),
            polling_interval: Duration::from_secs(1),
        })
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "it waited {:?}",
        started.elapsed()
    );
    assert!(
        matches!(&err, Error::Decode(d) if d.path == "action_attempt.status" && d.message.contains("queued")),
        "{err:?}"
    );
    // Without a wait, the attempt is returned as it is.
    let attempt = seam
        .locks()
        .unlock_door()
        .device_id("d1")
        .wait_for_action_attempt(false)
        .await
        .unwrap();
    assert!(matches!(attempt, ActionAttempt::UnlockDoor(_)), "{attempt:?}");
}

/// What the Rust verification makes of a delivery, in the words of `@seamapi/webhook`'s
/// errors (`svix`'s `WebhookVerificationError` messages, `SeamInvalidWebhookPayloadError`).
fn rust_outcome(secret: &str, payload: &str, headers: &[(String, String)]) -> String {
    let webhook = SeamWebhook::new(secret).unwrap();
    let headers = headers.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    match webhook.verify(payload, headers) {
        Ok(event) => {
            assert!(event["event_id"].is_string(), "{event}");
            "ok".to_owned()
        }
        Err(WebhookError::InvalidSignature) => "WebhookVerificationError: No matching signature found".to_owned(),
        Err(WebhookError::TimestampTooOld) => "WebhookVerificationError: Message timestamp too old".to_owned(),
        Err(WebhookError::TimestampTooNew) => "WebhookVerificationError: Message timestamp too new".to_owned(),
        Err(WebhookError::MissingHeader(_)) => "WebhookVerificationError: Missing required headers".to_owned(),
        Err(WebhookError::InvalidTimestamp(_)) => "WebhookVerificationError: Invalid Signature Headers".to_owned(),
        Err(WebhookError::InvalidPayload(_)) => "SeamInvalidWebhookPayloadError".to_owned(),
        Err(other) => format!("unexpected: {other:?}"),
    }
}

#[test]
fn webhook_verification_agrees_with_svix_and_seams_webhook_sdk() {
    let root = repo_root();
    install_node_packages(&root, "@seamapi/webhook");
    let output = Command::new("node")
        .arg("xtask/node/webhook-vectors.cjs")
        .current_dir(&root)
        .output()
        .expect("node must be installed to sign webhooks with svix");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let cases: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert!(cases.len() >= 12, "{cases:?}");
    let mut outcomes = std::collections::BTreeSet::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let headers: Vec<(String, String)> = case["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect();
        let ours = rust_outcome(
            case["secret"].as_str().unwrap(),
            case["payload"].as_str().unwrap(),
            &headers,
        );
        let seam_webhook = case["seam_webhook"].as_str().unwrap();
        let svix = case["svix"].as_str().unwrap();
        // `@seamapi/webhook` is `svix` plus the payload's checks: a verification error is
        // the same in both.
        if seam_webhook.starts_with("WebhookVerificationError") {
            assert_eq!(svix, seam_webhook, "{name}");
        }
        let expected = seam_webhook.split(':').next().unwrap();
        let expected = match expected {
            "SeamInvalidWebhookPayloadError" => expected,
            _ => seam_webhook,
        };
        assert_eq!(ours, expected, "{name}");
        outcomes.insert(expected.to_owned());
    }
    // Every kind of outcome is among the vectors.
    assert_eq!(outcomes.len(), 7, "{outcomes:?}");
    assert_eq!(SeamWebhook::new("whsec_").unwrap_err(), WebhookError::InvalidSecret);
    assert_eq!(SeamWebhook::new("whsec_!!").unwrap_err(), WebhookError::InvalidSecret);
}
