//! The generated client (`generated/client`) against a local mock server: errors, decoding of
//! values this version does not know, parameters, authentication and pagination.

use seam::types::{AcsUser, AcsUserErrorsItem, AcsUserExternalType, UserIdentity};
use seam::{Error, Seam};
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
async fn query_parameters_repeat_list_items_and_write_numbers_as_text() {
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
            ("user_identity_ids", "id-1"),
            ("user_identity_ids", "id-2"),
            ("limit", "5"),
            ("search", "a b&c")
        ]
    );
    assert!(requests[0].body.is_empty());
}

#[tokio::test]
async fn pages_follow_the_cursor_until_the_last_page() {
    let server = MockServer::start().await;
    let identity =
        |id: &str| json!({"user_identity_id": id, "workspace_id": "ws", "created_at": "2025-01-01T00:00:00Z"});
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
        Seam::builder().api_key("a").personal_access_token("b").build(),
        Err(Error::Config(_))
    ));
    assert!(matches!(
        Seam::builder().api_key("a").workspace_id("w").build(),
        Err(Error::Config(_))
    ));
    assert!(matches!(
        Seam::builder().api_key("a").base_url("not a url").build(),
        Err(Error::Config(_))
    ));
    let seam = Seam::builder()
        .api_key("a")
        .base_url("http://127.0.0.1:9/")
        .build()
        .unwrap();
    assert_eq!(seam.base_url(), "http://127.0.0.1:9");
    assert_eq!(Seam::new("a").unwrap().base_url(), seam::DEFAULT_BASE_URL);
}

#[test]
fn from_env_reads_the_key_and_endpoint() {
    // The only test of this binary that touches these variables.
    std::env::set_var("SEAM_API_KEY", "seam_env_key_0123");
    std::env::set_var("SEAM_ENDPOINT", "http://127.0.0.1:9");
    let seam = Seam::from_env().unwrap();
    assert_eq!(seam.base_url(), "http://127.0.0.1:9");
    assert!(!format!("{seam:?}").contains("seam_env_key_0123"));
    std::env::remove_var("SEAM_API_KEY");
    assert!(matches!(Seam::from_env(), Err(Error::Config(_))));
    std::env::remove_var("SEAM_ENDPOINT");
}

#[tokio::test]
async fn a_transport_failure_is_a_transport_error() {
    // Nothing listens on port 9 (discard) here; the connection is refused.
    let seam = Seam::builder()
        .api_key("a")
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let err = seam.acs().systems().list().await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn an_absent_field_marked_always_present_takes_its_empty_value() {
    let server = MockServer::start().await;
    let mut user = acs_user();
    let object = user.as_object_mut().unwrap();
    object.remove("display_name");
    object.remove("errors");
    object.remove("is_managed");
    respond(&server, "/acs/users/get", 200, json!({"acs_user": user})).await;
    let user = client(&server)
        .await
        .acs()
        .users()
        .get()
        .acs_user_id("x")
        .await
        .unwrap();
    assert_eq!(
        (user.display_name.as_str(), user.errors.len(), user.is_managed),
        ("", 0, false)
    );
    assert_eq!(user.acs_user_id, "33333333-3333-3333-3333-333333333333");
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

#[tokio::test]
async fn safe_failures_are_retried_and_unsafe_ones_are_not() {
    let server = MockServer::start().await;
    let fast = |server: &MockServer| {
        Seam::builder()
            .api_key(KEY)
            .base_url(server.uri())
            .retry_delay(std::time::Duration::from_millis(1))
            .build()
            .unwrap()
    };
    // A GET after a 503 is retried.
    Mock::given(path("/acs/systems/list"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/acs/systems/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"acs_systems": []})))
        .mount(&server)
        .await;
    fast(&server).acs().systems().list().await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    // A POST after a 503 is not: the first attempt may have done its work.
    server.reset().await;
    respond(
        &server,
        "/acs/users/create",
        503,
        json!({"error": {"type": "unavailable", "message": "Try later."}}),
    )
    .await;
    let err = fast(&server)
        .acs()
        .users()
        .create()
        .acs_system_id("s")
        .full_name("n")
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Api(api) if api.status == 503), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    // A 429 is retried whatever the method, after its Retry-After.
    server.reset().await;
    Mock::given(path("/acs/users/create"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    respond(&server, "/acs/users/create", 200, json!({"acs_user": acs_user()})).await;
    fast(&server)
        .acs()
        .users()
        .create()
        .acs_system_id("s")
        .full_name("n")
        .await
        .unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    // Retries can be turned off.
    server.reset().await;
    respond(&server, "/acs/systems/list", 503, json!({})).await;
    let seam = Seam::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    assert!(seam.acs().systems().list().await.is_err());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
