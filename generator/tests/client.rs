//! The generated client (`generated/client`) against a local mock server: errors, decoding of
//! values this version does not know, parameters, authentication and pagination.

use std::time::Duration;

use futures::StreamExt;
use seam::types::{AcsUser, AcsUserErrorsItem, AcsUserExternalType, ActionAttempt, UserIdentity};
use seam::{Error, Seam, WaitForActionAttempt};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "seam_test_key_0123456789";

async fn client(server: &MockServer) -> Seam {
    Seam::builder().api_key(KEY).base_url(server.uri()).build().unwrap()
}

fn acs_user() -> Value {
    json!({
        "acs_user_id": "33333333-3333-3333-3333-333333333333",
        "acs_system_id": "11111111-1111-1111-1111-111111111111",
        "connected_account_id": "22222222-2222-2222-2222-222222222222",
        "workspace_id": "00000000-0000-0000-0000-000000000000",
        "display_name": "Jane Doe",
        "full_name": "Jane Doe",
        "external_type": "salto_site_user",
        "is_managed": true,
        "created_at": "2025-06-15T09:12:44.118Z",
        "last_successful_sync_at": null,
        "errors": [],
        "warnings": [],
    })
}

fn identity(id: &str) -> Value {
    json!({
        "user_identity_id": id,
        "workspace_id": "ws",
        "created_at": "2025-01-01T00:00:00Z",
        "display_name": "Jane",
        "acs_user_ids": [],
        "errors": [],
        "warnings": [],
    })
}

async fn respond(server: &MockServer, route: &str, status: u16, body: Value) {
    Mock::given(path(route))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(server)
        .await;
}

#[tokio::test]
async fn error_body_maps_to_api_error_with_status_type_message_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(path("/acs/users/get"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("seam-request-id", "req_0123")
                .set_body_json(json!({
                    "error": {"type": "acs_user_not_found", "message": "ACS user not found", "request_id": "req_0123"},
                    "ok": false
                })),
        )
        .mount(&server)
        .await;
    let seam = client(&server).await;
    let err = seam.acs().users().get().acs_user_id("nope").await.unwrap_err();
    let Error::Api(api) = &err else {
        panic!("expected an API error, got {err:?}")
    };
    assert_eq!(api.status, 404);
    assert_eq!(api.error_type, "acs_user_not_found");
    assert_eq!(api.message, "ACS user not found");
    assert_eq!(api.request_id.as_deref(), Some("req_0123"));
    assert_eq!(api.endpoint, "/acs/users/get");
    assert!(api.body.contains("\"ok\":false"), "{}", api.body);
    let text = err.to_string();
    assert!(
        text.contains("404") && text.contains("acs_user_not_found") && text.contains("req_0123"),
        "{text}"
    );
}

#[tokio::test]
async fn error_without_a_json_body_keeps_status_and_raw_body() {
    let server = MockServer::start().await;
    Mock::given(path("/acs/users/get"))
        .respond_with(ResponseTemplate::new(502).set_body_string("upstream down"))
        .mount(&server)
        .await;
    let err = client(&server)
        .await
        .acs()
        .users()
        .get()
        .acs_user_id("x")
        .await
        .unwrap_err();
    let Error::Api(api) = err else {
        panic!("expected an API error")
    };
    assert_eq!((api.status, api.error_type.as_str()), (502, ""));
    assert_eq!(api.message, "Bad Gateway");
    assert_eq!(api.request_id, None);
    assert_eq!(api.body, "upstream down");
}

#[tokio::test]
async fn unknown_enum_values_and_unknown_fields_decode() {
    let server = MockServer::start().await;
    let mut user = acs_user();
    user["external_type"] = json!("a_system_from_next_year");
    user["a_field_from_next_year"] = json!({"nested": [1, 2, 3]});
    respond(&server, "/acs/users/get", 200, json!({"acs_user": user, "ok": true})).await;
    let user: AcsUser = client(&server)
        .await
        .acs()
        .users()
        .get()
        .acs_user_id("x")
        .await
        .unwrap();
    assert_eq!(
        user.external_type,
        Some(AcsUserExternalType::Other("a_system_from_next_year".to_owned()))
    );
    assert_eq!(user.external_type.as_ref().unwrap().as_str(), "a_system_from_next_year");
    assert_eq!(user.display_name, "Jane Doe");
    // Known values still map to their variants, and serialize back to the wire value.
    assert_eq!(
        AcsUserExternalType::from("salto_site_user"),
        AcsUserExternalType::SaltoSiteUser
    );
    assert_eq!(
        serde_json::to_value(AcsUserExternalType::SaltoSiteUser).unwrap(),
        json!("salto_site_user")
    );
    assert_eq!(AcsUserExternalType::SaltoSiteUser.to_string(), "salto_site_user");
}

#[tokio::test]
async fn union_with_an_unknown_tag_decodes_to_unknown_and_known_tags_to_their_variant() {
    let server = MockServer::start().await;
    let mut user = acs_user();
    let unknown = json!({"error_code": "brand_new_error", "message": "New.", "created_at": "2025-06-15T09:12:44.118Z"});
    user["errors"] = json!([
        unknown,
        {"error_code": "deleted_externally", "message": "Gone.", "created_at": "2025-06-15T09:12:44.118Z"},
    ]);
    respond(&server, "/acs/users/get", 200, json!({"acs_user": user})).await;
    let user = client(&server)
        .await
        .acs()
        .users()
        .get()
        .acs_user_id("x")
        .await
        .unwrap();
    assert_eq!(user.errors[0], AcsUserErrorsItem::Unknown(unknown.clone()));
    let AcsUserErrorsItem::DeletedExternally(known) = &user.errors[1] else {
        panic!("expected deleted_externally, got {:?}", user.errors[1])
    };
    assert_eq!(known.message, "Gone.");
    // The union writes its tag back.
    assert_eq!(
        serde_json::to_value(&user.errors[1]).unwrap()["error_code"],
        json!("deleted_externally")
    );
    assert_eq!(serde_json::to_value(&user.errors[0]).unwrap(), unknown);
}

#[tokio::test]
async fn a_decoding_failure_names_the_json_path() {
    let server = MockServer::start().await;
    let mut user = acs_user();
    user["errors"] = json!([{"error_code": "deleted_externally", "message": 42, "created_at": "x"}]);
    respond(&server, "/acs/users/get", 200, json!({"acs_user": user})).await;
    let err = client(&server)
        .await
        .acs()
        .users()
        .get()
        .acs_user_id("x")
        .await
        .unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("expected a decoding error, got {err:?}")
    };
    assert_eq!(decode.endpoint, "/acs/users/get");
    assert_eq!(decode.path, "acs_user.errors[0]");
    assert!(decode.message.contains("message"), "{}", decode.message);

    let mut user = acs_user();
    user["is_managed"] = json!("yes");
    server.reset().await;
    respond(&server, "/acs/users/get", 200, json!({"acs_user": user})).await;
    let err = client(&server)
        .await
        .acs()
        .users()
        .get()
        .acs_user_id("x")
        .await
        .unwrap_err();
    let Error::Decode(decode) = err else {
        panic!("expected a decoding error")
    };
    assert_eq!(decode.path, "acs_user.is_managed");
    assert!(decode.message.contains("invalid type"), "{}", decode.message);
}

#[tokio::test]
async fn a_missing_required_parameter_fails_before_any_request() {
    let server = MockServer::start().await;
    respond(&server, "/acs/users/create", 200, json!({"acs_user": acs_user()})).await;
    let seam = client(&server).await;
    let err = seam.acs().users().create().full_name("Jane Doe").await.unwrap_err();
    match err {
        Error::MissingParameter { endpoint, parameter } => {
            assert_eq!((endpoint, parameter), ("/acs/users/create", "acs_system_id"));
        }
        other => panic!("expected MissingParameter, got {other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn only_the_parameters_set_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/acs/users/create"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"acs_system_id": "sys", "full_name": "Jane Doe"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"acs_user": acs_user()})))
        .expect(1)
        .mount(&server)
        .await;
    let seam = client(&server).await;
    seam.acs()
        .users()
        .create()
        .acs_system_id("sys")
        .full_name("Jane Doe")
        .await
        .unwrap();
}

#[tokio::test]
async fn debug_output_never_shows_a_secret() {
    let key = "seam_live_secret_key_0123456789";
    let seam = Seam::new(key).unwrap();
    let text = format!("{seam:?} {:?}", Seam::builder().api_key(key));
    assert!(!text.contains(key), "{text}");
    assert!(text.contains("redacted"), "{text}");

    let pat = "seam_at1_secret_personal_token";
    let seam = Seam::builder()
        .personal_access_token(pat)
        .workspace_id("ws_visible")
        .build()
        .unwrap();
    let text = format!("{seam:?}");
    assert!(!text.contains(pat) && text.contains("ws_visible"), "{text}");

    let cst = "seam_cst1_secret_session_token";
    let seam = Seam::builder().client_session_token(cst).build().unwrap();
    let request = seam.acs().users().get().acs_user_id("x");
    let text = format!("{seam:?} {request:?}");
    assert!(!text.contains(cst), "{text}");
}

#[tokio::test]
async fn a_personal_access_token_sends_the_workspace_header() {
    let server = MockServer::start().await;
    Mock::given(path("/acs/systems/list"))
        .and(header("authorization", "Bearer seam_at1_token"))
        .and(header("seam-workspace", "ws_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"acs_systems": []})))
        .expect(1)
        .mount(&server)
        .await;
    let seam = Seam::builder()
        .personal_access_token("seam_at1_token")
        .workspace_id("ws_1")
        .base_url(server.uri())
        .build()
        .unwrap();
    assert!(seam.acs().systems().list().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_client_session_token_is_sent_as_bearer_and_header() {
    let server = MockServer::start().await;
    Mock::given(path("/acs/systems/list"))
        .and(header("authorization", "Bearer seam_cst1_token"))
        .and(header("seam-client-session-token", "seam_cst1_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"acs_systems": []})))
        .expect(1)
        .mount(&server)
        .await;
    let seam = Seam::builder()
        .client_session_token("seam_cst1_token")
        .base_url(server.uri())
        .build()
        .unwrap();
    seam.acs().systems().list().await.unwrap();
}

#[tokio::test]
async fn query_parameters_are_sorted_repeat_list_items_and_write_numbers_as_text() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/user_identities/list"))
        .and(query_param("limit", "5"))
        .and(query_param("search", "a b&c"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"user_identities": []})))
        .expect(1)
        .mount(&server)
        .await;
    let seam = client(&server).await;
    let found: Vec<UserIdentity> = seam
        .user_identities()
        .list()
        .user_identity_ids(["id-1", "id-2"])
        .limit(5)
        .search("a b&c")
        .await
        .unwrap();
    assert!(found.is_empty());
    let requests: Vec<Request> = server.received_requests().await.unwrap();
    let pairs: Vec<(String, String)> = requests[0]
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("limit", "5"),
            ("search", "a b&c"),
            ("user_identity_ids", "id-1"),
            ("user_identity_ids", "id-2"),
        ]
    );
    assert!(requests[0].body.is_empty());
}

#[tokio::test]
async fn pages_follow_the_cursor_until_the_last_page() {
    let server = MockServer::start().await;
    Mock::given(path("/user_identities/list"))
        .and(query_param("page_cursor", "cursor-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "user_identities": [identity("c")],
            "pagination": {"has_next_page": false, "next_page_cursor": null},
        })))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(path("/user_identities/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "user_identities": [identity("a"), identity("b")],
            "pagination": {"has_next_page": true, "next_page_cursor": "cursor-2"},
        })))
        .mount(&server)
        .await;
    let seam = client(&server).await;
    let mut pages = seam.user_identities().list().limit(2).pages();
    let first = pages.next_page().await.unwrap().unwrap();
    assert_eq!(first.len(), 2);
    let second = pages.next_page().await.unwrap().unwrap();
    assert_eq!(second[0].user_identity_id, "c");
    assert!(pages.next_page().await.is_none());

    let all = seam.user_identities().list().limit(2).pages().all().await.unwrap();
    let ids: Vec<&str> = all.iter().map(|u| u.user_identity_id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[test]
fn configuration_errors_are_reported() {
    assert!(matches!(Seam::builder().build(), Err(Error::Config(_))));
    assert!(matches!(
        Seam::builder().api_key("seam_key_a").personal_access_token("b").build(),
        Err(Error::Config(_))
    ));
    assert!(matches!(
        Seam::builder().api_key("seam_key_a").workspace_id("w").build(),
        Err(Error::Config(_))
    ));
    assert!(matches!(
        Seam::builder().api_key("seam_key_a").base_url("not a url").build(),
        Err(Error::Config(_))
    ));
    for (name, value) in [
        ("authorization", "Bearer other"),
        ("bad name", "x"),
        ("x-ok", "bad\nvalue"),
    ] {
        let built = Seam::builder().api_key("seam_key_a").header(name, value).build();
        assert!(matches!(built, Err(Error::Config(_))), "{name}: {built:?}");
    }
    let seam = Seam::builder()
        .api_key("seam_key_a")
        .base_url("http://127.0.0.1:9/")
        .build()
        .unwrap();
    assert_eq!(seam.base_url(), "http://127.0.0.1:9");
}

#[test]
fn from_env_reads_the_key_the_personal_access_token_the_workspace_and_the_endpoint() {
    // The only test of this binary that touches these variables.
    assert_eq!(Seam::new("seam_key_a").unwrap().base_url(), seam::DEFAULT_BASE_URL);
    std::env::set_var("SEAM_API_KEY", "seam_env_key_0123");
    std::env::set_var("SEAM_ENDPOINT", "http://127.0.0.1:9");
    let seam = Seam::from_env().unwrap();
    assert_eq!(seam.base_url(), "http://127.0.0.1:9");
    let text = format!("{seam:?}");
    assert!(text.contains("ApiKey") && !text.contains("seam_env_key_0123"), "{text}");
    // SEAM_ENDPOINT is read by every client, as by Seam's other SDKs; a base URL set in code
    // wins.
    assert_eq!(Seam::new("seam_key_a").unwrap().base_url(), "http://127.0.0.1:9");
    assert_eq!(
        Seam::builder().api_key("seam_key_a").build().unwrap().base_url(),
        "http://127.0.0.1:9"
    );
    let set = Seam::builder()
        .api_key("seam_key_a")
        .base_url("http://127.0.0.1:8")
        .build()
        .unwrap();
    assert_eq!(set.base_url(), "http://127.0.0.1:8");

    // Both an API key and a personal access token in the environment: no guess.
    std::env::set_var("SEAM_PERSONAL_ACCESS_TOKEN", "seam_at1_env_token");
    std::env::set_var("SEAM_WORKSPACE_ID", "ws_from_env");
    let err = Seam::from_env().unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.contains("SEAM_API_KEY") && m.contains("SEAM_PERSONAL_ACCESS_TOKEN")),
        "{err:?}"
    );

    // Without an API key, the personal access token and its workspace.
    std::env::remove_var("SEAM_API_KEY");
    let text = format!("{:?}", Seam::from_env().unwrap());
    assert!(
        text.contains("PersonalAccessToken") && text.contains("ws_from_env"),
        "{text}"
    );
    assert!(!text.contains("seam_at1_env_token"), "{text}");

    // A credential set in code wins over the environment.
    std::env::set_var("SEAM_API_KEY", "seam_env_key_0123");
    let seam = Seam::builder()
        .client_session_token("seam_cst1_code")
        .from_env()
        .build()
        .unwrap();
    assert!(format!("{seam:?}").contains("ClientSessionToken"));
    std::env::remove_var("SEAM_API_KEY");

    std::env::remove_var("SEAM_PERSONAL_ACCESS_TOKEN");
    std::env::remove_var("SEAM_WORKSPACE_ID");
    assert!(matches!(Seam::from_env(), Err(Error::Config(_))));
    std::env::remove_var("SEAM_ENDPOINT");
    assert_eq!(Seam::new("seam_key_a").unwrap().base_url(), seam::DEFAULT_BASE_URL);
}

#[tokio::test]
async fn a_transport_failure_is_a_transport_error() {
    // Nothing listens on port 9 (discard) here; the connection is refused.
    let seam = Seam::builder()
        .api_key("seam_key_a")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let err = seam.acs().systems().list().await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn an_absent_field_marked_always_present_is_a_decoding_error_at_its_path() {
    let server = MockServer::start().await;
    for field in ["display_name", "errors", "is_managed"] {
        let mut user = acs_user();
        user.as_object_mut().unwrap().remove(field);
        server.reset().await;
        respond(&server, "/acs/users/get", 200, json!({"acs_user": user})).await;
        let err = client(&server)
            .await
            .acs()
            .users()
            .get()
            .acs_user_id("x")
            .await
            .unwrap_err();
        let Error::Decode(decode) = &err else {
            panic!("expected a decoding error for a missing `{field}`, got {err:?}")
        };
        assert_eq!(decode.path, format!("acs_user.{field}"));
        assert!(decode.message.contains("missing field"), "{}", decode.message);
    }
    // Fields the description marks optional or nullable are `None` when absent.
    let mut user = acs_user();
    let object = user.as_object_mut().unwrap();
    object.remove("full_name");
    object.remove("last_successful_sync_at");
    server.reset().await;
    respond(&server, "/acs/users/get", 200, json!({"acs_user": user})).await;
    let user = client(&server)
        .await
        .acs()
        .users()
        .get()
        .acs_user_id("x")
        .await
        .unwrap();
    assert_eq!((user.full_name, user.last_successful_sync_at), (None, None));
}

#[tokio::test]
async fn timeout_and_user_agent_are_configurable() {
    let server = MockServer::start().await;
    Mock::given(path("/acs/systems/list"))
        .and(header("user-agent", "my-app/1.0"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_delay(std::time::Duration::from_millis(800))
                .set_body_json(json!({"acs_systems": []})),
        )
        .mount(&server)
        .await;
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .user_agent("my-app/1.0")
        .timeout(std::time::Duration::from_millis(100))
        .max_retries(0)
        .build()
        .unwrap();
    let err = seam.acs().systems().list().await.unwrap_err();
    assert!(matches!(&err, Error::Transport(e) if e.is_timeout()), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// A client whose retries pause 1 ms, so that tests count attempts without waiting.
fn fast_retries(server: &MockServer) -> Seam {
    Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_delay(Duration::from_millis(1))
        .build()
        .unwrap()
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

async fn fail_once_then(server: &MockServer, route: &str, failure: ResponseTemplate, body: Value) {
    Mock::given(path(route))
        .respond_with(failure)
        .up_to_n_times(1)
        .mount(server)
        .await;
    respond(server, route, 200, body).await;
}

async fn create_user(seam: &Seam) -> Result<AcsUser, Error> {
    seam.acs().users().create().acs_system_id("s").full_name("n").await
}

#[tokio::test]
async fn idempotent_calls_are_retried_after_a_5xx_or_a_429() {
    let server = MockServer::start().await;
    for status in [429, 500, 502, 503, 504] {
        server.reset().await;
        let list = json!({"acs_systems": []});
        fail_once_then(&server, "/acs/systems/list", ResponseTemplate::new(status), list).await;
        fast_retries(&server).acs().systems().list().await.unwrap();
        assert_eq!(requests(&server).await, 2, "HTTP {status}");
    }
    // Two retries by default, then the error.
    server.reset().await;
    respond(&server, "/acs/systems/list", 503, json!({})).await;
    let err = fast_retries(&server).acs().systems().list().await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn a_post_that_may_have_run_is_never_sent_again() {
    let server = MockServer::start().await;
    for status in [429, 500, 503] {
        server.reset().await;
        let user = json!({"acs_user": acs_user()});
        fail_once_then(&server, "/acs/users/create", ResponseTemplate::new(status), user).await;
        let err = create_user(&fast_retries(&server)).await.unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(requests(&server).await, 1, "HTTP {status}");
    }
    // A timed-out POST may have reached the API: not sent again either.
    server.reset().await;
    Mock::given(path("/acs/users/create"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(500)))
        .mount(&server)
        .await;
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .timeout(Duration::from_millis(50))
        .retry_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let err = create_user(&seam).await.unwrap_err();
    assert!(matches!(&err, Error::Transport(e) if e.is_timeout()), "{err:?}");
    assert_eq!(requests(&server).await, 1);
    // The same timeout on a GET is retried.
    Mock::given(path("/acs/systems/list"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(500)))
        .mount(&server)
        .await;
    seam.acs().systems().list().await.unwrap_err();
    assert_eq!(requests(&server).await, 1 + 3);
}

#[tokio::test]
async fn retries_can_be_turned_off() {
    let server = MockServer::start().await;
    respond(&server, "/acs/systems/list", 503, json!({})).await;
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    assert!(seam.acs().systems().list().await.is_err());
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn retry_after_sets_the_pause_and_a_long_one_returns_the_error() {
    let server = MockServer::start().await;
    let slow_down = ResponseTemplate::new(429).insert_header("retry-after", "1");
    fail_once_then(&server, "/acs/systems/list", slow_down, json!({"acs_systems": []})).await;
    let started = std::time::Instant::now();
    fast_retries(&server).acs().systems().list().await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(requests(&server).await, 2);

    server.reset().await;
    let come_back_tomorrow = ResponseTemplate::new(429).insert_header("retry-after", "86400");
    fail_once_then(
        &server,
        "/acs/systems/list",
        come_back_tomorrow,
        json!({"acs_systems": []}),
    )
    .await;
    let err = fast_retries(&server).acs().systems().list().await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert!(err.is_retryable());
    assert_eq!(requests(&server).await, 1);
}

/// A server that accepts connections and never answers.
fn silent_server() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut open = Vec::new();
        for stream in listener.incoming() {
            open.push(stream);
        }
    });
    format!("http://{address}")
}

#[tokio::test(start_paused = true)]
async fn an_attempt_times_out_after_30_seconds_by_default() {
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(silent_server())
        .max_retries(0)
        .build()
        .unwrap();
    // The clock is paused: it jumps to the next timer whenever the runtime waits.
    let started = tokio::time::Instant::now();
    let err = seam.acs().systems().list().await.unwrap_err();
    assert!(matches!(&err, Error::Transport(e) if e.is_timeout()), "{err:?}");
    assert_eq!(started.elapsed().as_secs(), 30);
    assert_eq!(seam::DEFAULT_TIMEOUT, Duration::from_secs(30));
}

#[tokio::test]
async fn a_deadline_bounds_the_whole_call() {
    let server = MockServer::start().await;
    Mock::given(path("/acs/systems/list"))
        .respond_with(ResponseTemplate::new(503).set_delay(Duration::from_millis(150)))
        .mount(&server)
        .await;
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_delay(Duration::from_millis(100))
        .max_retries(100)
        .deadline(Duration::from_millis(600))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = seam.acs().systems().list().await.unwrap_err();
    assert!(
        matches!(err, Error::DeadlineExceeded { endpoint: "/acs/systems/list", deadline } if deadline == Duration::from_millis(600)),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    assert!(err.is_retryable());
    assert!(requests(&server).await >= 2);
}

#[tokio::test]
async fn every_request_names_the_sdk_and_carries_the_callers_headers() {
    let server = MockServer::start().await;
    Mock::given(path("/acs/systems/list"))
        .and(header("seam-sdk-name", "seam-rust"))
        .and(header("seam-sdk-version", "0.1.0"))
        .and(header("user-agent", seam::DEFAULT_USER_AGENT))
        .and(header("x-tenant", "north"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"acs_systems": []})))
        .expect(1)
        .mount(&server)
        .await;
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .header("x-tenant", "north")
        .build()
        .unwrap();
    seam.acs().systems().list().await.unwrap();
}

#[tokio::test]
async fn a_callers_own_http_client_sends_the_requests() {
    let server = MockServer::start().await;
    Mock::given(path("/acs/systems/list"))
        .and(header("x-from-the-callers-client", "yes"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(header("seam-sdk-name", "seam-rust"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"acs_systems": []})))
        .expect(1)
        .mount(&server)
        .await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-from-the-callers-client", "yes".parse().unwrap());
    let http = reqwest::Client::builder().default_headers(headers).build().unwrap();
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .http_client(http)
        .build()
        .unwrap();
    seam.acs().systems().list().await.unwrap();
}

#[tokio::test]
async fn a_personal_access_token_without_a_workspace_is_refused_where_one_is_required() {
    let server = MockServer::start().await;
    respond(&server, "/acs/systems/list", 200, json!({"acs_systems": []})).await;
    let seam = Seam::builder()
        .personal_access_token("seam_at1_token")
        .base_url(server.uri())
        .build()
        .unwrap();
    let err = seam.acs().systems().list().await.unwrap_err();
    let Error::Config(message) = &err else {
        panic!("expected a configuration error, got {err:?}")
    };
    assert!(
        message.contains("/acs/systems/list") && message.contains("workspace"),
        "{message}"
    );
    assert_eq!(requests(&server).await, 0);
}

#[tokio::test]
async fn errors_carry_status_request_id_data_and_validation_errors() {
    let server = MockServer::start().await;
    Mock::given(path("/acs/users/create"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": {
                "type": "invalid_input",
                "message": "Invalid input",
                "request_id": "req_body_only",
                "data": {"acs_system_id": "s"},
                "validation_errors": {
                    "_errors": [],
                    "full_name": {"_errors": ["String must contain at least 1 character(s)"]},
                },
            },
            "ok": false,
        })))
        .mount(&server)
        .await;
    let err = create_user(&client(&server).await).await.unwrap_err();
    assert_eq!((err.status(), err.request_id()), (Some(400), Some("req_body_only")));
    assert!(!err.is_retryable());
    let Error::Api(api) = &err else {
        panic!("expected an API error, got {err:?}")
    };
    assert_eq!(api.data, Some(json!({"acs_system_id": "s"})));
    assert_eq!(
        api.validation_errors["full_name"],
        ["String must contain at least 1 character(s)"]
    );
    assert!(err.to_string().contains("full_name: String must contain"), "{err}");

    server.reset().await;
    Mock::given(path("/acs/systems/list"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("seam-request-id", "req_401")
                .set_body_json(json!({"error": {"type": "unauthorized", "message": "Unauthorized"}})),
        )
        .mount(&server)
        .await;
    let err = client(&server).await.acs().systems().list().await.unwrap_err();
    assert!(
        matches!(&err, Error::Unauthorized(api) if api.error_type == "unauthorized"),
        "{err:?}"
    );
    assert_eq!((err.status(), err.request_id()), (Some(401), Some("req_401")));
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn an_empty_list_is_sent_empty_an_empty_string_is_left_out_and_a_blank_item_is_refused() {
    let server = MockServer::start().await;
    respond(&server, "/user_identities/list", 200, json!({"user_identities": []})).await;
    let seam = client(&server).await;
    seam.user_identities()
        .list()
        .user_identity_ids(Vec::<String>::new())
        .search("")
        .await
        .unwrap();
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent[0].url.query(), Some("user_identity_ids="));

    let err = seam
        .user_identities()
        .list()
        .user_identity_ids(["id-1", ""])
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidParameter { parameter, .. } if parameter == "user_identity_ids"),
        "{err:?}"
    );
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn numeric_setters_take_integers() {
    let server = MockServer::start().await;
    Mock::given(path("/acs/credentials/list"))
        .and(body_json(json!({"limit": 10})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"acs_credentials": []})))
        .expect(2)
        .mount(&server)
        .await;
    let seam = client(&server).await;
    // `limit` is a `number` in the description: any integer or float converts.
    seam.acs().credentials().list().limit(10).await.unwrap();
    seam.acs().credentials().list().limit(10u8).await.unwrap();
}

async fn page(server: &MockServer, cursor: Option<&str>, ids: &[&str], next: Option<&str>) {
    let body = json!({
        "user_identities": ids.iter().map(|id| identity(id)).collect::<Vec<_>>(),
        "pagination": {"has_next_page": next.is_some(), "next_page_cursor": next},
    });
    let mock = match cursor {
        Some(cursor) => Mock::given(path("/user_identities/list")).and(query_param("page_cursor", cursor)),
        None => Mock::given(path("/user_identities/list")),
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

fn ids(page: &[UserIdentity]) -> Vec<&str> {
    page.iter().map(|u| u.user_identity_id.as_str()).collect()
}

#[tokio::test]
async fn pages_stream_with_a_visible_resumable_cursor() {
    let server = MockServer::start().await;
    page(&server, Some("cursor-3"), &["e"], None).await;
    page(&server, Some("cursor-2"), &["c", "d"], Some("cursor-3")).await;
    page(&server, None, &["a", "b"], Some("cursor-2")).await;
    let seam = client(&server).await;

    let mut pages = seam.user_identities().list().limit(2).pages();
    assert_eq!(pages.next_cursor(), None);
    let first = pages.next().await.unwrap().unwrap();
    assert_eq!(ids(&first), ["a", "b"]);
    let saved = pages.next_cursor().unwrap().to_owned();
    assert_eq!(saved, "cursor-2");
    drop(pages);

    // Another walk resumes where the first one stood.
    let resumed = seam.user_identities().list().limit(2).pages().resume_from(saved);
    let rest: Vec<Vec<UserIdentity>> = resumed.map(Result::unwrap).collect().await;
    let rest: Vec<Vec<&str>> = rest.iter().map(|p| ids(p)).collect();
    assert_eq!(rest, [vec!["c", "d"], vec!["e"]]);
}

#[tokio::test]
async fn a_failed_page_keeps_the_position() {
    let server = MockServer::start().await;
    Mock::given(path("/user_identities/list"))
        .and(query_param("page_cursor", "cursor-2"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    page(&server, Some("cursor-2"), &["c"], None).await;
    page(&server, None, &["a", "b"], Some("cursor-2")).await;
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    let mut pages = seam.user_identities().list().pages();
    assert_eq!(ids(&pages.next_page().await.unwrap().unwrap()), ["a", "b"]);
    let err = pages.next_page().await.unwrap().unwrap_err();
    assert_eq!(err.status(), Some(500));
    // The walk stops at the failed page, which a retry asks for again.
    assert!(pages.next_page().await.is_none());
    assert_eq!(pages.next_cursor(), Some("cursor-2"));
    assert!(!pages.is_done());
    pages.retry();
    assert_eq!(ids(&pages.next_page().await.unwrap().unwrap()), ["c"]);
    assert!(pages.next_page().await.is_none());
    assert!(pages.is_done());
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_walk_with_an_error() {
    let server = MockServer::start().await;
    page(&server, Some("again"), &["b"], Some("again")).await;
    page(&server, None, &["a"], Some("again")).await;
    let seam = client(&server).await;
    let outcomes: Vec<Result<Vec<UserIdentity>, Error>> = seam.user_identities().list().pages().collect().await;
    assert_eq!(outcomes.len(), 3, "{outcomes:?}");
    assert_eq!(ids(outcomes[0].as_ref().unwrap()), ["a"]);
    assert_eq!(ids(outcomes[1].as_ref().unwrap()), ["b"]);
    let Err(Error::Decode(decode)) = &outcomes[2] else {
        panic!("expected a decoding error, got {:?}", outcomes[2])
    };
    assert_eq!(decode.path, "pagination.next_page_cursor");
    assert!(decode.message.contains("again"), "{}", decode.message);
    assert_eq!(requests(&server).await, 2);
}

fn attempt(status: &str) -> Value {
    let (result, error) = match status {
        "success" => (json!({"was_confirmed_by_device": true}), Value::Null),
        "error" => (
            Value::Null,
            json!({"type": "lock_jammed", "message": "The lock is jammed."}),
        ),
        _ => (Value::Null, Value::Null),
    };
    json!({"action_attempt": {
        "action_attempt_id": "aa_1",
        "action_type": "UNLOCK_DOOR",
        "status": status,
        "result": result,
        "error": error,
    }})
}

/// `unlock_door` answers `pending`; `/action_attempts/get` answers `pending` `pending_polls`
/// times, then `last`.
async fn action_attempt_server(pending_polls: u64, last: &str) -> MockServer {
    let server = MockServer::start().await;
    respond(&server, "/locks/unlock_door", 200, attempt("pending")).await;
    if pending_polls > 0 {
        Mock::given(path("/action_attempts/get"))
            .respond_with(ResponseTemplate::new(200).set_body_json(attempt("pending")))
            .up_to_n_times(pending_polls)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/action_attempts/get"))
        .and(query_param("action_attempt_id", "aa_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(attempt(last)))
        .mount(&server)
        .await;
    server
}

fn status_of(attempt: &ActionAttempt) -> &str {
    match attempt {
        ActionAttempt::UnlockDoor(unlock) => unlock.status.as_str(),
        other => panic!("expected an unlock attempt, got {other:?}"),
    }
}

#[tokio::test]
async fn an_action_attempt_is_waited_for_every_second_by_default() {
    let server = action_attempt_server(1, "success").await;
    let seam = client(&server).await;
    let started = std::time::Instant::now();
    let attempt = seam.locks().unlock_door().device_id("d").await.unwrap();
    assert_eq!(status_of(&attempt), "success");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    assert_eq!(requests(&server).await, 1 + 2);
    assert_eq!(
        WaitForActionAttempt::default(),
        WaitForActionAttempt::Poll {
            timeout: Duration::from_secs(10),
            polling_interval: Duration::from_secs(1),
        }
    );
}

fn quick_polls() -> WaitForActionAttempt {
    WaitForActionAttempt::Poll {
        timeout: Duration::from_millis(300),
        polling_interval: Duration::from_millis(20),
    }
}

#[tokio::test]
async fn a_failed_action_attempt_is_an_error() {
    let server = action_attempt_server(2, "error").await;
    let seam = client(&server).await;
    let err = seam
        .locks()
        .unlock_door()
        .device_id("d")
        .wait_for_action_attempt(quick_polls())
        .await
        .unwrap_err();
    let Error::ActionAttemptFailed(failed) = &err else {
        panic!("expected a failed action attempt, got {err:?}")
    };
    assert_eq!(
        (failed.action_attempt_id.as_str(), failed.action_type.as_str()),
        ("aa_1", "UNLOCK_DOOR")
    );
    assert_eq!(
        (failed.error_type.as_str(), failed.message.as_str()),
        ("lock_jammed", "The lock is jammed.")
    );
    assert!(!err.is_retryable());
    assert_eq!(requests(&server).await, 1 + 3);
}

#[tokio::test]
async fn an_action_attempt_still_pending_when_the_wait_ends_is_an_error() {
    let server = action_attempt_server(1000, "pending").await;
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .wait_for_action_attempt(quick_polls())
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = seam.locks().unlock_door().device_id("d").await.unwrap_err();
    let Error::ActionAttemptTimedOut(pending) = &err else {
        panic!("expected a timed-out action attempt, got {err:?}")
    };
    assert_eq!(pending.action_attempt_id, "aa_1");
    assert!(pending.waited >= Duration::from_millis(300), "{:?}", pending.waited);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn the_pending_action_attempt_can_be_had_instead() {
    let server = action_attempt_server(0, "success").await;
    // Per call …
    let seam = client(&server).await;
    let attempt = seam
        .locks()
        .unlock_door()
        .device_id("d")
        .wait_for_action_attempt(false)
        .await
        .unwrap();
    assert_eq!(status_of(&attempt), "pending");
    // … or for the whole client.
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .wait_for_action_attempt(false)
        .build()
        .unwrap();
    let attempt = seam.locks().unlock_door().device_id("d").await.unwrap();
    assert_eq!(status_of(&attempt), "pending");
    assert_eq!(requests(&server).await, 2, "no request polled the attempt");
}

#[test]
fn types_a_later_version_may_extend_are_non_exhaustive() {
    let types =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../generated/client/src/types.rs")).unwrap();
    let marked = |item: &str| {
        let at = types.find(item).unwrap_or_else(|| panic!("`{item}` is generated"));
        types[..at].trim_end().ends_with("#[non_exhaustive]")
    };
    // Responses' structs, enums and unions.
    assert!(marked("pub struct AcsUser {"));
    assert!(marked("pub enum AcsUserExternalType {"));
    assert!(marked("pub enum AcsUserErrorsItem {"));
    // A struct that a parameter takes stays open to struct literals.
    assert!(!marked("pub struct AcsUsersCreateAccessSchedule {"));
}

mod tracing_spans {
    use std::collections::BTreeMap;
    use std::fmt;
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    use super::*;

    type Spans = Arc<Mutex<Vec<BTreeMap<String, String>>>>;

    /// Records every span's name and fields.
    struct Recorder(Spans);

    struct Fields<'a>(&'a mut BTreeMap<String, String>);

    impl Visit for Fields<'_> {
        fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
            self.0.insert(field.name().to_owned(), format!("{value:?}"));
        }
        fn record_str(&mut self, field: &Field, value: &str) {
            self.0.insert(field.name().to_owned(), value.to_owned());
        }
    }

    impl Subscriber for Recorder {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &Attributes<'_>) -> Id {
            let mut fields = BTreeMap::from([("name".to_owned(), span.metadata().name().to_owned())]);
            span.record(&mut Fields(&mut fields));
            let mut spans = self.0.lock().unwrap();
            spans.push(fields);
            Id::from_u64(spans.len() as u64)
        }
        fn record(&self, span: &Id, values: &Record<'_>) {
            let mut spans = self.0.lock().unwrap();
            values.record(&mut Fields(&mut spans[span.into_u64() as usize - 1]));
        }
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, _: &Event<'_>) {}
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }

    #[tokio::test]
    async fn each_attempt_is_a_span_with_method_path_attempt_status_and_request_id() {
        let server = MockServer::start().await;
        let ok = ResponseTemplate::new(200)
            .insert_header("seam-request-id", "req_2")
            .set_body_json(json!({"acs_systems": []}));
        Mock::given(path("/acs/systems/list"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(path("/acs/systems/list"))
            .respond_with(ok)
            .mount(&server)
            .await;
        let spans = Spans::default();
        let _guard = tracing::subscriber::set_default(Recorder(spans.clone()));
        fast_retries(&server).acs().systems().list().await.unwrap();

        let spans = spans.lock().unwrap().clone();
        let requests: Vec<&BTreeMap<String, String>> = spans.iter().filter(|s| s["name"] == "seam.request").collect();
        assert_eq!(requests.len(), 2, "{spans:?}");
        let field = |span: &BTreeMap<String, String>, name: &str| span.get(name).cloned().unwrap_or_default();
        for (span, (attempt, status)) in requests.iter().zip([("1", "503"), ("2", "200")]) {
            assert_eq!(field(span, "method"), "GET");
            assert_eq!(field(span, "path"), "/acs/systems/list");
            assert_eq!(
                (field(span, "attempt").as_str(), field(span, "status").as_str()),
                (attempt, status)
            );
        }
        assert_eq!(field(requests[1], "request_id"), "req_2");
        let everything = format!("{spans:?}");
        assert!(!everything.contains(KEY), "a span shows the API key: {everything}");
    }
}
