//! The practice org: stored without an address, working after a relaunch, forgotten with its records
//! at the next launch, inspected with its own admin login.

use super::*;

#[test]
fn the_practice_profile_is_stored_without_an_address_and_works_after_a_relaunch() {
    let h = harness();
    let view = h.ok("start_practice", json!({ "scenario": "wrong-secret" }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    let (_, client_secret) = h.practice();
    let text = h.store_text();
    assert!(!text.contains("127.0.0.1"), "an address was stored: {text}");
    assert!(!text.contains(&client_secret));
    let Harness { app, dir, .. } = h;
    drop(app);

    // A new launch: no practice org runs yet; the run starts it on the saved scenario, once.
    let h = harness_in(dir, |_| {});
    let report = h.ok("run_check", run_args(&id));
    assert_eq!(
        report["diagnosis"]["code"], "client_secret_invalid",
        "{report:#}"
    );
    h.ok("start_practice", json!({ "scenario": "healthy" }));
    let report = h.ok("run_check", run_args(&id));
    assert_eq!(report["ok"], true, "{report:#}");
    assert!(
        h.secrets.accounts().is_empty(),
        "the keychain holds no practice secret"
    );
}

#[test]
fn a_record_a_run_could_not_delete_is_offered_and_deleted_on_request() {
    let h = harness();
    let org = tauri::async_runtime::block_on(eca_sim::SimOrg::start(eca_sim::SimOptions {
        scenario: eca_sim::Scenario::NoDeleteAccess,
        ..Default::default()
    }))
    .unwrap();
    let id = h.sim_profile("Acme", &org, org.client_secret());
    assert_eq!(h.ok("leftovers", json!({ "id": id })), json!([]));
    let report = h.ok("run_check", run_args(&id));
    assert_eq!(report["diagnosis"]["code"], "record_delete_denied");
    let left = h.ok("leftovers", json!({ "id": id }));
    let record = org.state().records[0].clone();
    assert_eq!(left[0]["record_id"], record.id.as_str(), "{left}");
    assert!(!left.to_string().contains(org.client_secret()));

    // Still refused: said so, and the offer stays.
    let refused = h
        .invoke("clean_leftovers", json!({ "id": id }))
        .unwrap_err();
    assert_eq!(refused["kind"], "check_failed", "{refused}");
    assert_eq!(
        h.ok("leftovers", json!({ "id": id }))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    org.set_scenario(eca_sim::Scenario::Healthy);
    let cleaned = h.ok("clean_leftovers", json!({ "id": id }));
    assert_eq!(
        cleaned[0]["cleaned"],
        json!({ "kind": "deleted", "ids": [record.id] })
    );
    assert!(org.state().records.is_empty());
    assert_eq!(h.ok("leftovers", json!({ "id": id })), json!([]));
}

#[test]
fn the_practice_org_is_inspected_with_its_own_admin_login() {
    let h = harness();
    let view = h.ok("start_practice", json!({ "scenario": "no-run-as-user" }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    let found = h.ok(
        "inspect_app",
        json!({ "id": id, "login": { "source": "practice" } }),
    );
    let codes: Vec<&str> = found["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["run_as_missing"]);
    assert!(found["findings"][0]["setup_url"]
        .as_str()
        .unwrap()
        .ends_with("/lightning/setup/ManageExternalClientApplication/home"));
    assert_eq!(found["app"]["name"], "Preflight_Integration");
    // Nothing was kept: practice logins are the org's own.
    assert_eq!(h.ok("kept_admin_login", json!({})), Value::Null);
}
