//! Changes made with the admin's login through the app's commands, on the practice org: "Set it
//! up for me" puts the new app's pair in the profile and it passes; "Fix in Salesforce" deploys
//! exactly the plan shown; "Rotate for me" keeps the old pair with its expiry.

use super::*;

const PRACTICE: &str = "{\"source\":\"practice\"}";

fn practice_login() -> Value {
    serde_json::from_str(PRACTICE).unwrap()
}

fn progress() -> Value {
    json!("__CHANNEL__:11")
}

/// The check on profile `id` passes (keep-trying covers a just-made app spreading).
fn passes(h: &Harness, id: &str) -> Value {
    let mut args = run_args(id);
    args["options"]["keep_trying"] = json!(true);
    h.ok("run_check", args)
}

#[test]
fn set_it_up_for_me_puts_the_new_pair_in_the_profile_and_it_passes() {
    let h = harness();
    let view = h.ok("start_practice", json!({ "scenario": "healthy" }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    let users = h.ok(
        "run_as_users",
        json!({ "id": id, "login": practice_login() }),
    );
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    // Active users with API Enabled only: not the inactive one, not the one without API.
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("preflight.integration@")),
        "{names:?}"
    );
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("former.") || n.starts_with("sales.rep")),
        "{names:?}"
    );
    let app = json!({
        "name": "Made_By_Test", "label": "", "contact_email": "",
        "run_as": names.iter().find(|n| n.starts_with("preflight.integration@")).unwrap(),
        "scopes": [],
    });
    let plan = h.ok(
        "plan_new_app",
        json!({ "id": id, "login": practice_login(), "app": app }),
    );
    assert_eq!(plan["app"], "Made_By_Test");
    let outcome = h.ok(
        "create_new_app",
        json!({ "id": id, "login": practice_login(), "app": app, "onProgress": progress() }),
    );
    assert_eq!(outcome["secret_stored"], true, "{outcome}");
    let key = outcome["created"]["client_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(key, h.practice_key(), "a new key, not the scenario's own");
    assert!(!outcome.to_string().contains("secret\":\""), "{outcome}");
    let report = passes(&h, &id);
    assert_eq!(report["ok"], true, "{report}");
    // The run used the new app's key.
    assert!(
        report.to_string().contains(&key[..8])
            || h.state().practice_app().as_deref() == Some(key.as_str())
    );
    // Made a second time: the name is taken, and nothing is deployed.
    let again = h
        .invoke(
            "create_new_app",
            json!({ "id": id, "login": practice_login(), "app": app, "onProgress": progress() }),
        )
        .unwrap_err();
    assert_eq!(again["kind"], "bad_input");
    assert!(
        again["message"]
            .as_str()
            .unwrap()
            .contains("already exists"),
        "{again}"
    );
    // Listed for the profile's org, newest first.
    let changes = h.ok("org_changes", json!({ "id": id }));
    assert_eq!(changes[0]["app"], "Made_By_Test", "{changes}");
    assert_eq!(changes[0]["what"], "app_created", "{changes}");
}

#[test]
fn a_fix_deploys_the_plan_shown_and_the_check_passes_after_it() {
    let h = harness();
    let view = h.ok("start_practice", json!({ "scenario": "no-run-as-user" }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    let before = h.ok("run_check", run_args(&id));
    assert_eq!(before["ok"], false);
    let inspection = h.ok(
        "inspect_app",
        json!({ "id": id, "login": practice_login() }),
    );
    // Nothing to deploy before a plan was shown.
    let early = h
        .invoke(
            "apply_fix",
            json!({ "id": id, "login": practice_login(), "onProgress": progress() }),
        )
        .unwrap_err();
    assert_eq!(early["kind"], "bad_input");
    let needs = h.ok(
        "plan_fix",
        json!({ "id": id, "login": practice_login(), "inspection": inspection, "runAs": null }),
    );
    let run_as = "preflight.integration@practice-org.example";
    let plan = if needs["needs"].as_array().unwrap().is_empty() {
        needs
    } else {
        h.ok(
            "plan_fix",
            json!({ "id": id, "login": practice_login(), "inspection": inspection, "runAs": run_as }),
        )
    };
    let change = &plan["changes"][0];
    assert_eq!(change["setting"], "clientCredentialsFlowUser", "{plan}");
    assert_eq!(change["after"], json!(run_as));
    let after = h.ok(
        "apply_fix",
        json!({ "id": id, "login": practice_login(), "onProgress": progress() }),
    );
    assert_eq!(after["findings"].as_array().unwrap().len(), 0, "{after}");
    assert_eq!(passes(&h, &id)["ok"], true);
    // The plan was deployed once: a second apply has nothing to deploy.
    let twice = h
        .invoke(
            "apply_fix",
            json!({ "id": id, "login": practice_login(), "onProgress": progress() }),
        )
        .unwrap_err();
    assert_eq!(twice["kind"], "bad_input");
}

#[test]
fn rotate_for_me_keeps_the_old_pair_with_its_expiry_until_it_is_deleted() {
    let h = harness();
    let view = h.ok("start_practice", json!({ "scenario": "healthy" }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    assert_eq!(passes(&h, &id)["ok"], true);
    let old_key = h.practice_key();
    let rotated = h.ok(
        "rotate_credentials",
        json!({ "id": id, "login": practice_login(), "existing": "refuse", "onProgress": progress() }),
    );
    assert_eq!(
        rotated["profile"]["rotation"]["previous_client_id"],
        json!(old_key)
    );
    let note = rotated["old_pair_note"].as_str().unwrap();
    assert!(
        note.starts_with("the old pair stops working on ") && note.contains("days)"),
        "{note}"
    );
    assert_eq!(passes(&h, &id)["ok"], true, "the new pair works");
    let finished = h.ok(
        "finish_rotation",
        json!({ "id": id, "login": practice_login() }),
    );
    assert_eq!(finished["profile"]["rotation"]["previous_client_id"], "");
    let changes = h.ok("org_changes", json!({ "id": id }));
    let kinds: Vec<&str> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["what"].as_str().unwrap())
        .collect();
    assert_eq!(
        &kinds[..3],
        [
            "old_pair_deleted",
            "credentials_rotated",
            "credentials_staged"
        ],
        "{changes}"
    );
    assert_eq!(finished["old_pair_note"], Value::Null);
    assert_eq!(passes(&h, &id)["ok"], true);
    assert!(!h.store_text().contains("secret\":\""));
}

#[test]
fn an_org_that_keeps_secrets_from_rest_names_the_setting_and_keeps_the_profile_working() {
    let h = harness();
    let view = h.ok("start_practice", json!({ "scenario": "secret-api-off" }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    let app = json!({
        "name": "No_Secret_Read", "label": "", "contact_email": "",
        "run_as": "preflight.integration@practice-org.example", "scopes": [],
    });
    let outcome = h.ok(
        "create_new_app",
        json!({ "id": id, "login": practice_login(), "app": app, "onProgress": progress() }),
    );
    assert_eq!(outcome["secret_stored"], false, "{outcome}");
    let note = outcome["secret_note"].as_str().unwrap();
    assert!(
        note.contains("Allow access to External Client App consumer secrets via REST API"),
        "{note}"
    );
    // The app was made; the practice profile keeps the scenario's own app and still works.
    assert_eq!(h.state().practice_app(), None);
    assert_eq!(h.ok("run_check", run_args(&id))["ok"], true);
}

#[test]
fn a_pair_rotated_in_the_practice_org_goes_with_it() {
    let h = harness();
    let rotate = |h: &Harness, id: &str| {
        let rotated = h.ok(
            "rotate_credentials",
            json!({ "id": id, "login": practice_login(), "existing": "refuse", "onProgress": progress() }),
        );
        assert!(rotated["old_pair_note"].is_string(), "{rotated}");
    };
    let view = h.ok("start_practice", json!({ "scenario": "healthy" }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    rotate(&h, &id);
    // A scenario picked: the org starts afresh, and the profile says nothing of an old pair.
    let view = h.ok("start_practice", json!({ "scenario": "healthy" }));
    assert_eq!(view["old_pair_note"], Value::Null, "{view}");
    assert_eq!(view["profile"]["rotation"]["previous_client_id"], "");
    rotate(&h, &id);
    // A relaunch: the practice org that held the old pair is gone with the last launch.
    h.state().forget_practice_leftovers();
    let listed = h.ok("list_profiles", json!({}));
    let practice = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["profile"]["id"] == id.as_str())
        .unwrap();
    assert_eq!(practice["old_pair_note"], Value::Null, "{practice}");
    assert_eq!(practice["profile"]["rotation"]["previous_client_id"], "");
}
