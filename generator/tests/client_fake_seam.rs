//! The generated client end to end against `@seamapi/fake-seam-connect`, the fake of the Seam
//! API that Seam's own SDKs test against, started by `xtask/node/fake-server.cjs` on 127.0.0.1.
//! Its answers lack fields the description marks as always present, so the clients are built
//! with `allow_missing_fields`.
//!
//! The Node packages are installed from `xtask/node/package-lock.json` when missing.

mod node_support;

use node_support::{install_node_packages, repo_root};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use futures::StreamExt;
use seam::types::{AcsSystem, ActionAttempt, ConnectedAccount};
use seam::{Error, Seam};
use serde_json::Value;

/// The running fake; killed when dropped, also when a test panics.
struct Fake {
    child: Child,
    port: u16,
    access_group_id: String,
}

impl Drop for Fake {
    fn drop(&mut self) {
        // Closing stdin asks the server to exit; kill it in case it does not.
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_fake() -> Fake {
    let root = repo_root();
    install_node_packages(&root, "@seamapi/fake-seam-connect");
    let mut child = Command::new("node")
        .arg("xtask/node/fake-server.cjs")
        .current_dir(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node must be installed to run the fake Seam Connect");
    let stdout = child.stdout.take().unwrap();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    let mut fake = Fake {
        child,
        port: 0,
        access_group_id: String::new(),
    };
    while fake.port == 0 {
        let line = receive
            .recv_timeout(Duration::from_secs(120))
            .expect("the fake Seam Connect did not print its port");
        if let Some(id) = line.strip_prefix("acs_access_group_id=") {
            fake.access_group_id = id.to_owned();
        } else if let Ok(port) = line.trim().parse() {
            fake.port = port;
        }
    }
    fake
}

async fn get_json(url: &str) -> Value {
    let response = reqwest::get(url).await.unwrap();
    assert!(response.status().is_success(), "GET {url}: {}", response.status());
    response.json().await.unwrap()
}

/// The ids of the users in an access group, read from the fake's database.
async fn members(base: &str, group: &str) -> Vec<String> {
    let state = get_json(&format!("{base}/_fake/database")).await;
    let groups = state["acs_access_groups"].as_array().cloned().unwrap_or_default();
    let group = groups
        .iter()
        .find(|g| g["acs_access_group_id"] == group)
        .expect("the seeded access group");
    group["_acs_user_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn acs_users_and_systems_against_the_fake_seam_connect() {
    let fake = start_fake();
    let base = format!("http://127.0.0.1:{}", fake.port);
    let seed = get_json(&format!("{base}/_fake/default_seed")).await;
    let api_key = seed["seam_apikey1_token"].as_str().unwrap();
    let workspace = seed["seed_workspace_1"].as_str().unwrap();
    let system_id = seed["visionline_acs_system_1"].as_str().unwrap();
    // The fake answers in an older shape than the description: a strict client names the
    // first missing field and the option that reads such answers.
    let strict = Seam::builder().api_key(api_key).base_url(&base).build().unwrap();
    let err = strict.acs().systems().list().await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode(d) if d.path.starts_with("acs_systems[0].") && d.message.contains("allow_missing_fields")),
        "{err:?}"
    );
    let seam = Seam::builder()
        .api_key(api_key)
        .base_url(&base)
        .allow_missing_fields()
        .build()
        .unwrap();

    let created = seam
        .acs()
        .users()
        .create()
        .acs_system_id(system_id)
        .full_name("Jane Doe")
        .email_address("jane@example.com")
        .phone_number("+15555550100")
        .await
        .unwrap();
    assert_eq!(created.full_name.as_deref(), Some("Jane Doe"));
    assert_eq!(created.email_address.as_deref(), Some("jane@example.com"));
    assert_eq!(created.acs_system_id, system_id);
    assert_eq!(created.workspace_id, workspace);
    assert!(!created.acs_user_id.is_empty());

    let fetched = seam
        .acs()
        .users()
        .get()
        .acs_user_id(&created.acs_user_id)
        .await
        .unwrap();
    assert_eq!(fetched.acs_user_id, created.acs_user_id);
    assert_eq!(fetched.full_name.as_deref(), Some("Jane Doe"));
    assert_eq!(fetched.phone_number.as_deref(), Some("+15555550100"));

    let listed = seam.acs().users().list().acs_system_id(system_id).await.unwrap();
    assert!(
        listed.iter().any(|u| u.acs_user_id == created.acs_user_id),
        "the new user is listed: {listed:?}"
    );

    let group = fake.access_group_id.as_str();
    assert!(members(&base, group).await.is_empty());
    seam.acs()
        .users()
        .add_to_access_group()
        .acs_user_id(&created.acs_user_id)
        .acs_access_group_id(group)
        .await
        .unwrap();
    assert_eq!(members(&base, group).await, std::slice::from_ref(&created.acs_user_id));
    seam.acs()
        .users()
        .remove_from_access_group()
        .acs_user_id(&created.acs_user_id)
        .acs_access_group_id(group)
        .await
        .unwrap();
    assert!(members(&base, group).await.is_empty());

    let systems: Vec<AcsSystem> = seam.acs().systems().list().await.unwrap();
    let system = systems
        .iter()
        .find(|s| s.acs_system_id == system_id)
        .expect("the seeded system is listed");
    assert_eq!(system.name, "Fake Visionline System");
    assert_eq!(system.workspace_id, workspace);
    assert_eq!(
        system.external_type.as_ref().map(|t| t.as_str()),
        Some("visionline_system")
    );

    // The fake's error bodies map to the error type.
    let err = seam.acs().users().get().acs_user_id("no_such_user").await.unwrap_err();
    let Error::Api(api) = err else {
        panic!("expected an API error, got {err:?}")
    };
    assert_eq!((api.status, api.error_type.as_str()), (404, "acs_user_not_found"));

    // A wrong key is refused.
    let stranger = Seam::builder()
        .api_key("seam_wrong_token")
        .base_url(&base)
        .build()
        .unwrap();
    let err = stranger.acs().systems().list().await.unwrap_err();
    assert!(matches!(&err, Error::Unauthorized(api) if api.status == 401), "{err:?}");
}

/// The fake's seed and a client of its first workspace.
async fn seeded_client(fake: &Fake) -> (Value, Seam) {
    let base = format!("http://127.0.0.1:{}", fake.port);
    let seed = get_json(&format!("{base}/_fake/default_seed")).await;
    let api_key = seed["seam_apikey1_token"].as_str().unwrap();
    let seam = Seam::builder()
        .api_key(api_key)
        .base_url(&base)
        .allow_missing_fields()
        .build()
        .unwrap();
    (seed, seam)
}

fn unlock_status(attempt: &ActionAttempt) -> (&str, &str) {
    match attempt {
        ActionAttempt::UnlockDoor(unlock) => (unlock.action_attempt_id.as_str(), unlock.status.as_str()),
        other => panic!("expected an unlock attempt, got {other:?}"),
    }
}

#[tokio::test]
async fn unlocking_a_door_waits_for_the_action_attempt_to_succeed() {
    let fake = start_fake();
    let (seed, seam) = seeded_client(&fake).await;
    let lock = seed["august_device_1"].as_str().unwrap();

    // The fake answers `pending`, then reports the attempt done.
    let pending = seam
        .locks()
        .unlock_door()
        .device_id(lock)
        .wait_for_action_attempt(false)
        .await
        .unwrap();
    let (pending_id, status) = unlock_status(&pending);
    assert_eq!(status, "pending");

    let done = seam.locks().unlock_door().device_id(lock).await.unwrap();
    let (done_id, status) = unlock_status(&done);
    assert_eq!(status, "success");
    assert_ne!(done_id, pending_id, "a second attempt");

    // The first attempt, fetched as it is now.
    let fetched = seam
        .action_attempts()
        .get()
        .action_attempt_id(pending_id)
        .wait_for_action_attempt(false)
        .await
        .unwrap();
    assert_eq!(unlock_status(&fetched), (pending_id, "success"));

    let err = seam.locks().unlock_door().device_id("no_such_lock").await.unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.error_type == "device_not_found"),
        "{err:?}"
    );
}

#[tokio::test]
async fn connected_accounts_stream_page_by_page() {
    let fake = start_fake();
    let (_, seam) = seeded_client(&fake).await;
    let everything: Vec<ConnectedAccount> = seam.connected_accounts().list().await.unwrap();
    assert!(everything.len() >= 3, "the seed has three accounts: {everything:?}");

    let mut pages = seam.connected_accounts().list().limit(1).pages();
    let mut walked = Vec::new();
    let mut cursors = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        assert_eq!(page.len(), 1);
        walked.extend(page.into_iter().map(|a| a.connected_account_id));
        cursors.extend(pages.next_cursor().map(str::to_owned));
    }
    let all: Vec<String> = everything.into_iter().map(|a| a.connected_account_id).collect();
    assert_eq!(walked, all);
    assert_eq!(
        cursors.len(),
        all.len() - 1,
        "one cursor between each two pages: {cursors:?}"
    );

    // A walk resumed from a saved cursor gives the rest.
    let rest = seam
        .connected_accounts()
        .list()
        .limit(1)
        .pages()
        .resume_from(cursors[0].clone())
        .all()
        .await
        .unwrap();
    let rest: Vec<String> = rest.into_iter().map(|a| a.connected_account_id).collect();
    assert_eq!(rest, all[1..]);
}
