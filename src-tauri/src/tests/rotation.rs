//! Rotation: each step checked, the old pair forgotten once Salesforce refuses it.

use super::*;

#[test]
fn a_rotation_is_checked_at_each_step_and_the_old_pair_forgotten_once_refused() {
    let h = harness();
    let org = tauri::async_runtime::block_on(eca_sim::SimOrg::start(eca_sim::SimOptions {
        scenario: eca_sim::Scenario::Rotation,
        ..Default::default()
    }))
    .unwrap();
    let id = h.sim_profile("Acme", &org, org.client_secret());
    let same = h
        .invoke(
            "stage_credentials",
            json!({ "id": id, "clientId": org.client_id(), "secret": "x" }),
        )
        .unwrap_err();
    assert!(
        same["message"].as_str().unwrap().contains("uses now"),
        "{same}"
    );
    // (b) staged
    let staged = h.ok(
        "stage_credentials",
        json!({ "id": id, "clientId": org.staged_client_id(), "secret": org.staged_client_secret() }),
    );
    assert_eq!(
        staged["profile"]["rotation"]["staged_client_id"],
        org.staged_client_id()
    );
    assert!(!staged.to_string().contains(org.staged_client_secret()));
    // (c) both pairs pass the whole check
    for set in ["current", "staged"] {
        let report = h.ok("check_credentials", json!({ "id": id, "set": set }));
        assert_eq!(report["ok"], true, "{set}: {report:#}");
    }
    // (d) switched; the old pair is kept
    let switched = h.ok("switch_to_staged", json!({ "id": id }));
    assert_eq!(switched["profile"]["client_id"], org.staged_client_id());
    assert_eq!(
        switched["profile"]["rotation"]["previous_client_id"],
        org.client_id()
    );
    assert_eq!(switched["secret"]["stored"], true);
    // (e) not refused before the rotation is completed in Setup; refused and forgotten after
    let early = h.ok("check_old_refused", json!({ "id": id }));
    assert_eq!(early["refused"], false, "{early}");
    org.rotate();
    let done = h.ok("check_old_refused", json!({ "id": id }));
    assert_eq!(done["refused"], true, "{done}");
    assert_eq!(
        done["view"]["profile"]["rotation"]["previous_client_id"],
        ""
    );
    let profile = h.ok("list_profiles", json!({}))[0].clone();
    assert_eq!(profile["profile"]["rotation"]["previous_client_id"], "");
    assert!(h
        .secrets
        .accounts()
        .iter()
        .all(|a| !a.starts_with("previous:") && !a.starts_with("staged:")));
    // The profile works with the new pair.
    assert_eq!(h.ok("run_check", run_args(&id))["ok"], true);
    assert!(!h.store_text().contains(org.staged_client_secret()));
}
