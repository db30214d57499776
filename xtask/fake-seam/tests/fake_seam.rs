//! The client of the full Seam description, used as a downstream crate uses it, against
//! `@seamapi/fake-seam-connect` (the fake Seam's own SDKs test against), started by
//! `xtask/node/fake-server.cjs` on 127.0.0.1 exactly as it answers.
//!
//! The fake answers in an older shape than the description (fields the description marks as
//! always present are missing). Every call of the description that the fake serves is made
//! twice: by a client built with `allow_missing_fields`, which must succeed and reports the
//! fields the answer lacked, and by a strict client, which must fail with
//! `Error::Decode` naming one of those fields and the option, or succeed when none was
//! missing.
//!
//! Two calls the fake lists are left out: `user_identities.create` answers "Not
//! implemented!", and `user_identities.add_acs_user` accepts only UUIDs, which the fake itself
//! never gives out.

// The fake serves deprecated routes too (`locks.get`, `devices.delete`, …).
#![allow(deprecated)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use seam::{Error, Seam};
use serde_json::Value;

/// Every call of the description that the fake serves, as the test makes them.
const SERVED: &[&str] = &[
    "access_codes.create",
    "access_codes.create_multiple",
    "access_codes.delete",
    "access_codes.generate_code",
    "access_codes.get",
    "access_codes.list",
    "access_codes.pull_backup_access_code",
    "access_codes.simulate.create_unmanaged_access_code",
    "access_codes.unmanaged.list",
    "access_codes.unmanaged.update",
    "access_codes.update",
    "acs.entrances.get",
    "acs.entrances.grant_access",
    "acs.entrances.list",
    "acs.systems.get",
    "acs.systems.list",
    "acs.users.add_to_access_group",
    "acs.users.create",
    "acs.users.delete",
    "acs.users.get",
    "acs.users.list",
    "acs.users.remove_from_access_group",
    "acs.users.suspend",
    "acs.users.unsuspend",
    "acs.users.update",
    "action_attempts.get",
    "action_attempts.list",
    "client_sessions.create",
    "client_sessions.get",
    "client_sessions.get_or_create",
    "connect_webviews.create",
    "connect_webviews.get",
    "connect_webviews.list",
    "connected_accounts.delete",
    "connected_accounts.get",
    "connected_accounts.list",
    "connected_accounts.update",
    "devices.delete",
    "devices.get",
    "devices.list",
    "devices.list_device_providers",
    "devices.unmanaged.get",
    "devices.unmanaged.list",
    "devices.unmanaged.update",
    "devices.update",
    "events.get",
    "events.list",
    "locks.get",
    "locks.list",
    "locks.lock_door",
    "locks.unlock_door",
    "noise_sensors.noise_thresholds.create",
    "noise_sensors.noise_thresholds.delete",
    "noise_sensors.noise_thresholds.get",
    "noise_sensors.noise_thresholds.list",
    "noise_sensors.noise_thresholds.update",
    "thermostats.cool",
    "thermostats.heat",
    "thermostats.heat_cool",
    "thermostats.list",
    "thermostats.off",
    "thermostats.set_fan_mode",
    "webhooks.create",
    "webhooks.delete",
    "webhooks.get",
    "webhooks.list",
    "workspaces.create",
    "workspaces.get",
    "workspaces.list",
    "workspaces.reset_sandbox",
];

fn repo_root() -> PathBuf {
    PathBuf::from(std::env::var("SEAM_CODEGEN_ROOT").expect("run by `cargo xtask fake-seam`"))
}

/// The running fake; killed when dropped, also when the test panics.
struct Fake {
    child: Child,
    base: String,
}

impl Drop for Fake {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_fake() -> Fake {
    let mut child = Command::new("node")
        .arg("xtask/node/fake-server.cjs")
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node must be installed to run the fake Seam Connect");
    let stdout = child.stdout.take().unwrap();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    loop {
        let line = receive
            .recv_timeout(Duration::from_secs(120))
            .expect("the fake Seam Connect did not print its port");
        if let Ok(port) = line.trim().parse::<u16>() {
            return Fake {
                child,
                base: format!("http://127.0.0.1:{port}"),
            };
        }
    }
}

/// What one call did: the fields its answer lacked.
struct Made {
    name: &'static str,
    missing: Vec<String>,
}

/// Makes a call that returns a value with the lenient client, then with the strict one, and
/// checks that they agree; evaluates to the lenient call's value. The call is built from the
/// client and the round (0, then 1), so that what is created twice can differ.
macro_rules! call {
    ($made:ident, $clients:ident, $name:literal, $build:expr) => {{
        let build = $build;
        let decoded = build(&$clients.lenient, 0)
            .with_decode_report()
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", $name));
        let strict = build(&$clients.strict, 1).await;
        check_strict($name, &decoded.missing_fields, strict.as_ref().err());
        $made.push(Made {
            name: $name,
            missing: decoded.missing_fields,
        });
        decoded.value
    }};
}

/// Makes a call that returns nothing (nothing is decoded), once.
macro_rules! void {
    ($made:ident, $clients:ident, $name:literal, $build:expr) => {{
        let build = $build;
        build(&$clients.lenient, 0)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", $name));
        $made.push(Made {
            name: $name,
            missing: Vec::new(),
        });
    }};
}

struct Clients {
    lenient: Seam,
    strict: Seam,
}

fn check_strict(name: &str, missing: &[String], strict: Option<&Error>) {
    match (missing, strict) {
        ([], None) => {}
        ([], Some(e)) => panic!("{name}: the strict client fails where nothing is missing: {e}"),
        (missing, None) => panic!("{name}: the strict client accepts an answer that lacks {missing:?}"),
        (missing, Some(Error::Decode(d))) => {
            assert!(
                missing.contains(&d.path),
                "{name}: the strict client fails at `{}`, not a missing field: {missing:?}",
                d.path
            );
            assert!(
                d.message.contains("allow_missing_fields"),
                "{name}: {}",
                d.message
            );
        }
        (_, Some(e)) => panic!("{name}: the strict client fails otherwise: {e:?}"),
    }
}

fn clients(base: &str, build: impl Fn() -> seam::SeamBuilder) -> Clients {
    Clients {
        lenient: build().base_url(base).allow_missing_fields().build().unwrap(),
        strict: build().base_url(base).build().unwrap(),
    }
}

fn text(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_else(|| panic!("{key} in {value}")).to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_call_the_fake_serves_works_with_missing_fields_allowed() {
    let fake = start_fake();
    let base = fake.base.as_str();
    let seed: Value = reqwest::get(format!("{base}/_fake/default_seed"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let key = text(&seed, "seam_apikey1_token");
    let c = clients(base, || Seam::builder().api_key(key.clone()));
    let lock = text(&seed, "august_device_1");
    let thermostat = text(&seed, "ecobee_device_1");
    let noise_sensor = text(&seed, "minut_device_1");
    let system = text(&seed, "visionline_acs_system_1");
    let account = text(&seed, "john_connected_account_id");
    let mut made: Vec<Made> = Vec::new();

    // Access codes.
    let code = call!(made, c, "access_codes.create", |s: &Seam, round: usize| s
        .access_codes()
        .create()
        .device_id(lock.clone())
        .name(format!("Front door {round}"))
        .code(format!("12{round}4"))
        .starts_at("2030-01-01T00:00:00Z")
        .ends_at("2030-01-02T00:00:00Z"));
    let code_id = code.access_code_id.clone();
    call!(made, c, "access_codes.create_multiple", |s: &Seam, _round: usize| s
        .access_codes()
        .create_multiple()
        .device_ids(vec![lock.clone()])
        .name(format!("Shared {_round}"))
        .code(format!("77{_round}7")));
    call!(made, c, "access_codes.generate_code", |s: &Seam, _round: usize| s
        .access_codes()
        .generate_code()
        .device_id(lock.clone()));
    call!(made, c, "access_codes.get", |s: &Seam, _round: usize| s
        .access_codes()
        .get()
        .access_code_id(code_id.clone()));
    call!(made, c, "access_codes.list", |s: &Seam, _round: usize| s
        .access_codes()
        .list()
        .device_id(lock.clone()));
    call!(made, c, "access_codes.pull_backup_access_code", |s: &Seam, _round: usize| s
        .access_codes()
        .pull_backup_access_code()
        .access_code_id(code_id.clone()));
    void!(made, c, "access_codes.update", |s: &Seam, _round: usize| s
        .access_codes()
        .update()
        .access_code_id(code_id.clone())
        .name("Back door"));
    let unmanaged = call!(
        made,
        c,
        "access_codes.simulate.create_unmanaged_access_code",
        |s: &Seam, _round: usize| s
            .access_codes()
            .simulate()
            .create_unmanaged_access_code()
            .device_id(lock.clone())
            .name(format!("Unmanaged {_round}"))
            .code(format!("56{_round}8"))
    );
    call!(made, c, "access_codes.unmanaged.list", |s: &Seam, _round: usize| s
        .access_codes()
        .unmanaged()
        .list()
        .device_id(lock.clone()));
    void!(made, c, "access_codes.unmanaged.update", |s: &Seam, _round: usize| s
        .access_codes()
        .unmanaged()
        .update()
        .access_code_id(unmanaged.access_code_id.clone())
        .is_managed(true));
    void!(made, c, "access_codes.delete", |s: &Seam, _round: usize| s
        .access_codes()
        .delete()
        .access_code_id(code_id.clone()));

    // Access control systems.
    let systems = call!(made, c, "acs.systems.list", |s: &Seam, _round: usize| s.acs().systems().list());
    assert!(systems.iter().any(|s| s.acs_system_id == system));
    call!(made, c, "acs.systems.get", |s: &Seam, _round: usize| s
        .acs()
        .systems()
        .get()
        .acs_system_id(system.clone()));
    let user = call!(made, c, "acs.users.create", |s: &Seam, _round: usize| s
        .acs()
        .users()
        .create()
        .acs_system_id(system.clone())
        .full_name(format!("Jane Doe {_round}"))
        .email_address(format!("jane{_round}@example.com")));
    let user_id = user.acs_user_id.clone();
    call!(made, c, "acs.users.get", |s: &Seam, _round: usize| s.acs().users().get().acs_user_id(user_id.clone()));
    call!(made, c, "acs.users.list", |s: &Seam, _round: usize| s
        .acs()
        .users()
        .list()
        .acs_system_id(system.clone()));
    void!(made, c, "acs.users.update", |s: &Seam, _round: usize| s
        .acs()
        .users()
        .update()
        .acs_user_id(user_id.clone())
        .full_name("Jane Roe"));
    void!(made, c, "acs.users.suspend", |s: &Seam, _round: usize| s.acs().users().suspend().acs_user_id(user_id.clone()));
    void!(made, c, "acs.users.unsuspend", |s: &Seam, _round: usize| s
        .acs()
        .users()
        .unsuspend()
        .acs_user_id(user_id.clone()));
    let group: Value = reqwest::get(format!("{base}/_fake/database")).await.unwrap().json().await.unwrap();
    let group_id = group["acs_access_groups"][0]["acs_access_group_id"]
        .as_str()
        .expect("the launcher seeds an access group")
        .to_owned();
    void!(made, c, "acs.users.add_to_access_group", |s: &Seam, _round: usize| s
        .acs()
        .users()
        .add_to_access_group()
        .acs_user_id(user_id.clone())
        .acs_access_group_id(group_id.clone()));
    void!(made, c, "acs.users.remove_from_access_group", |s: &Seam, _round: usize| s
        .acs()
        .users()
        .remove_from_access_group()
        .acs_user_id(user_id.clone())
        .acs_access_group_id(group_id.clone()));
    let entrances = call!(made, c, "acs.entrances.list", |s: &Seam, _round: usize| s
        .acs()
        .entrances()
        .list()
        .acs_system_id(system.clone()));
    let entrance = entrances.first().expect("the seed has entrances").acs_entrance_id.clone();
    call!(made, c, "acs.entrances.get", |s: &Seam, _round: usize| s
        .acs()
        .entrances()
        .get()
        .acs_entrance_id(entrance.clone()));
    void!(made, c, "acs.entrances.grant_access", |s: &Seam, _round: usize| s
        .acs()
        .entrances()
        .grant_access()
        .acs_entrance_id(entrance.clone())
        .acs_user_id(user_id.clone()));

    void!(made, c, "acs.users.delete", |s: &Seam, _round: usize| s.acs().users().delete().acs_user_id(user_id.clone()));

    // Devices, locks and thermostats.
    call!(made, c, "devices.list", |s: &Seam, _round: usize| s.devices().list());
    call!(made, c, "devices.get", |s: &Seam, _round: usize| s.devices().get().device_id(lock.clone()));
    call!(made, c, "devices.list_device_providers", |s: &Seam, _round: usize| s.devices().list_device_providers());
    // The lock made unmanaged, and managed again.
    void!(made, c, "devices.update", |s: &Seam, _round: usize| s
        .devices()
        .update()
        .device_id(lock.clone())
        .is_managed(false));
    call!(made, c, "devices.unmanaged.list", |s: &Seam, _round: usize| s.devices().unmanaged().list());
    call!(made, c, "devices.unmanaged.get", |s: &Seam, _round: usize| s
        .devices()
        .unmanaged()
        .get()
        .device_id(lock.clone()));
    void!(made, c, "devices.unmanaged.update", |s: &Seam, _round: usize| s
        .devices()
        .unmanaged()
        .update()
        .device_id(lock.clone())
        .is_managed(true));
    call!(made, c, "locks.list", |s: &Seam, _round: usize| s.locks().list());
    call!(made, c, "locks.get", |s: &Seam, _round: usize| s.locks().get().device_id(lock.clone()));
    let unlocked = call!(made, c, "locks.unlock_door", |s: &Seam, _round: usize| s
        .locks()
        .unlock_door()
        .device_id(lock.clone()));
    call!(made, c, "locks.lock_door", |s: &Seam, _round: usize| s.locks().lock_door().device_id(lock.clone()));
    let attempt_id = serde_json::to_value(&unlocked).unwrap()["action_attempt_id"]
        .as_str()
        .unwrap()
        .to_owned();
    call!(made, c, "action_attempts.get", |s: &Seam, _round: usize| s
        .action_attempts()
        .get()
        .action_attempt_id(attempt_id.clone()));
    call!(made, c, "action_attempts.list", |s: &Seam, _round: usize| s
        .action_attempts()
        .list()
        .action_attempt_ids(vec![attempt_id.clone()]));
    call!(made, c, "thermostats.list", |s: &Seam, _round: usize| s.thermostats().list());
    call!(made, c, "thermostats.heat", |s: &Seam, _round: usize| s
        .thermostats()
        .heat()
        .device_id(thermostat.clone())
        .heating_set_point_celsius(20.0));
    call!(made, c, "thermostats.cool", |s: &Seam, _round: usize| s
        .thermostats()
        .cool()
        .device_id(thermostat.clone())
        .cooling_set_point_celsius(24.0));
    call!(made, c, "thermostats.heat_cool", |s: &Seam, _round: usize| s
        .thermostats()
        .heat_cool()
        .device_id(thermostat.clone())
        .heating_set_point_celsius(20.0)
        .cooling_set_point_celsius(24.0));
    call!(made, c, "thermostats.set_fan_mode", |s: &Seam, _round: usize| s
        .thermostats()
        .set_fan_mode()
        .device_id(thermostat.clone())
        .fan_mode_setting("auto".into()));
    call!(made, c, "thermostats.off", |s: &Seam, _round: usize| s.thermostats().off().device_id(thermostat.clone()));

    // Noise sensors.
    let threshold = call!(made, c, "noise_sensors.noise_thresholds.create", |s: &Seam, _round: usize| s
        .noise_sensors()
        .noise_thresholds()
        .create()
        .device_id(noise_sensor.clone())
        .starts_daily_at("20:00:00[America/Los_Angeles]")
        .ends_daily_at("08:00:00[America/Los_Angeles]")
        .noise_threshold_decibels(75.0));
    let threshold_id = serde_json::to_value(&threshold).unwrap()["noise_threshold_id"]
        .as_str()
        .map(str::to_owned)
        .expect("the created threshold's id");
    call!(made, c, "noise_sensors.noise_thresholds.get", |s: &Seam, _round: usize| s
        .noise_sensors()
        .noise_thresholds()
        .get()
        .noise_threshold_id(threshold_id.clone()));
    call!(made, c, "noise_sensors.noise_thresholds.list", |s: &Seam, _round: usize| s
        .noise_sensors()
        .noise_thresholds()
        .list()
        .device_id(noise_sensor.clone()));
    void!(made, c, "noise_sensors.noise_thresholds.update", |s: &Seam, _round: usize| s
        .noise_sensors()
        .noise_thresholds()
        .update()
        .noise_threshold_id(threshold_id.clone())
        .device_id(noise_sensor.clone())
        .name("Quiet hours"));
    void!(made, c, "noise_sensors.noise_thresholds.delete", |s: &Seam, _round: usize| s
        .noise_sensors()
        .noise_thresholds()
        .delete()
        .noise_threshold_id(threshold_id.clone())
        .device_id(noise_sensor.clone()));

    // Events.
    let events = call!(made, c, "events.list", |s: &Seam, _round: usize| s.events().list().since("2000-01-01T00:00:00Z"));
    let event_id = serde_json::to_value(events.first().expect("the seed has events")).unwrap()["event_id"]
        .as_str()
        .unwrap()
        .to_owned();
    call!(made, c, "events.get", |s: &Seam, _round: usize| s.events().get().event_id(event_id.clone()));

    // Connect webviews, connected accounts and client sessions.
    let webview = call!(made, c, "connect_webviews.create", |s: &Seam, _round: usize| s
        .connect_webviews()
        .create()
        .custom_redirect_url(format!("https://example.com/done/{_round}")));
    call!(made, c, "connect_webviews.get", |s: &Seam, _round: usize| s
        .connect_webviews()
        .get()
        .connect_webview_id(webview.connect_webview_id.clone()));
    call!(made, c, "connect_webviews.list", |s: &Seam, _round: usize| s.connect_webviews().list());
    call!(made, c, "connected_accounts.list", |s: &Seam, _round: usize| s.connected_accounts().list());
    call!(made, c, "connected_accounts.get", |s: &Seam, _round: usize| s
        .connected_accounts()
        .get()
        .connected_account_id(account.clone()));
    void!(made, c, "connected_accounts.update", |s: &Seam, _round: usize| s
        .connected_accounts()
        .update()
        .connected_account_id(account.clone())
        .automatically_manage_new_devices(true));
    let session = call!(made, c, "client_sessions.create", |s: &Seam, _round: usize| s
        .client_sessions()
        .create()
        .user_identifier_key(format!("user-7-{_round}")));
    call!(made, c, "client_sessions.get", |s: &Seam, _round: usize| s
        .client_sessions()
        .get()
        .client_session_id(session.client_session_id.clone()));
    // The fake serves `get_or_create` to a publishable key only: the publishable-key flow
    // calls it.
    let app = Seam::builder()
        .base_url(base)
        .allow_missing_fields()
        .build_with_publishable_key(text(&seed, "seam_pk1_token"), "user-8")
        .await
        .unwrap_or_else(|e| panic!("client_sessions.get_or_create: {e}"));
    made.push(Made {
        name: "client_sessions.get_or_create",
        missing: Vec::new(),
    });
    let own = app.client_sessions().get().await.unwrap();
    assert_eq!(own.user_identifier_key.as_deref(), Some("user-8"));

    // Webhooks.
    let webhook = call!(made, c, "webhooks.create", |s: &Seam, _round: usize| s
        .webhooks()
        .create()
        .url(format!("https://example.com/webhook/{_round}")));
    call!(made, c, "webhooks.get", |s: &Seam, _round: usize| s
        .webhooks()
        .get()
        .webhook_id(webhook.webhook_id.clone()));
    call!(made, c, "webhooks.list", |s: &Seam, _round: usize| s.webhooks().list());
    void!(made, c, "webhooks.delete", |s: &Seam, _round: usize| s
        .webhooks()
        .delete()
        .webhook_id(webhook.webhook_id.clone()));

    // Deleting, last: a device and a connected account.
    void!(made, c, "devices.delete", |s: &Seam, _round: usize| s
        .devices()
        .delete()
        .device_id(text(&seed, "august_device_2")));
    void!(made, c, "connected_accounts.delete", |s: &Seam, _round: usize| s
        .connected_accounts()
        .delete()
        .connected_account_id(text(&seed, "jane_connected_account_id")));

    // Workspaces, with a personal access token; resetting the sandbox ends the run.
    let pat = text(&seed, "seam_at1_token");
    let workspace = text(&seed, "seed_workspace_1");
    let w = clients(base, || Seam::builder().personal_access_token(pat.clone()));
    call!(made, w, "workspaces.list", |s: &Seam, _round: usize| s.workspaces().list());
    call!(made, w, "workspaces.create", |s: &Seam, _round: usize| s
        .workspaces()
        .create()
        .name(format!("Another workspace {_round}"))
        .company_name("Acme")
        .connect_partner_name("Acme")
        .is_sandbox(true));
    call!(made, c, "workspaces.get", |s: &Seam, _round: usize| s.workspaces().get());
    let _ = workspace;
    // Resetting removes the API key: sent once, without waiting for its action attempt (the
    // wait would be refused the key).
    let reset = c
        .lenient
        .workspaces()
        .reset_sandbox()
        .wait_for_action_attempt(false)
        .with_decode_report()
        .await
        .unwrap_or_else(|e| panic!("workspaces.reset_sandbox: {e}"));
    made.push(Made {
        name: "workspaces.reset_sandbox",
        missing: reset.missing_fields,
    });

    let names: std::collections::BTreeSet<&str> = made.iter().map(|m| m.name).collect();
    let listed: std::collections::BTreeSet<&str> = SERVED.iter().copied().collect();
    assert_eq!(names, listed, "every served call is made, and only those");
    let lacking: Vec<&Made> = made.iter().filter(|m| !m.missing.is_empty()).collect();
    for m in &lacking {
        println!("{}: {} missing: {}", m.name, m.missing.len(), m.missing.join(", "));
    }
    println!(
        "fake-seam: {} calls made ({} distinct), {} answered with fields missing",
        made.len(),
        names.len(),
        lacking.len()
    );
    assert!(!lacking.is_empty(), "the fake's answers lack no field any more: the strict check tests nothing");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_publishable_key_gets_a_client_session_from_the_fake() {
    let fake = start_fake();
    let base = fake.base.as_str();
    let seam = Seam::builder()
        .base_url(base)
        .allow_missing_fields()
        .build_with_publishable_key("seam_pk1_token", "user-9")
        .await
        .unwrap();
    let session = seam.client_sessions().get().await.unwrap();
    assert_eq!(session.user_identifier_key.as_deref(), Some("user-9"));
    // A route the crate knows, through the escape hatch: the whole body.
    let body = seam.request(reqwest::Method::POST, "/client_sessions/get").await.unwrap();
    assert_eq!(body["client_session"]["token"], Value::String(session.token.clone()));
}
