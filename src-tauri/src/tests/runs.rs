//! Runs: the practice org's healthy and failing runs, one run at a time, keep trying, every
//! profile, the last run after a restart.

use super::*;

#[test]
fn practice_org_healthy_run_passes_and_cleans_up() {
    let h = harness();
    let scenarios = h.ok("practice_scenarios", json!({}));
    assert_eq!(scenarios.as_array().unwrap().len(), Scenario::ALL.len());
    assert_eq!(scenarios[0]["id"], Scenario::ALL[0].name());

    let view = h.ok("start_practice", json!({ "scenario": "healthy" }));
    assert_eq!(
        view["profile"]["target"],
        json!({ "kind": "practice", "scenario": "healthy" })
    );
    assert_eq!(view["secret"]["stored"], true);
    let id = view["profile"]["id"].as_str().unwrap().to_string();

    let report = h.ok("run_check", run_args(&id));
    assert_eq!(report["ok"], true, "{report:#}");
    assert_eq!(report["cancelled"], false);
    assert_eq!(report["record"]["created"], true);
    assert_eq!(report["record"]["deleted"], true);
    assert_eq!(report["diagnosis"], Value::Null);

    // The org agrees: nothing left behind, the token revoked.
    let (sim_state, client_secret) = h.practice();
    assert!(sim_state.records.is_empty());
    assert_eq!(sim_state.active_tokens, 0);

    // The practice secret never reached the store or the keychain.
    assert!(h.secrets.accounts().is_empty());
    assert!(!h.store_text().contains(&client_secret));

    let markdown = h.ok("last_report", json!({ "format": "markdown" }));
    assert!(!markdown.as_str().unwrap().contains(&client_secret));
    let saved = h.ok("list_profiles", json!({}));
    assert_eq!(saved[0]["profile"]["last_result"]["ok"], true);

    let path = h.dir.path().join("report");
    h.ok("save_report", json!({ "path": path, "format": "json" }));
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap())
            .unwrap();
    assert_eq!(written["ok"], true);
}

#[test]
fn practice_org_wrong_secret_is_diagnosed() {
    let h = harness();
    let view = h.ok(
        "start_practice",
        json!({ "scenario": Scenario::WrongSecret.name() }),
    );
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    let report = h.ok("run_check", run_args(&id));
    assert_eq!(report["ok"], false);
    let expected = Scenario::WrongSecret.expected_code().unwrap();
    assert_eq!(expected, "client_secret_invalid");
    assert_eq!(report["diagnosis"]["code"], expected, "{report:#}");
    assert_eq!(
        h.ok("list_profiles", json!({}))[0]["profile"]["last_result"]["code"],
        expected
    );
}

#[test]
fn a_second_run_is_refused_and_cancel_stops_the_first() {
    // Slow answers keep the first run going while the test acts on it.
    let h = harness_with_latency(Duration::from_millis(400));
    let view = h.ok("start_practice", json!({ "scenario": "healthy" }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();

    let webview = h.webview.clone();
    let args = run_args(&id);
    let first = std::thread::spawn(move || invoke_on(&webview, "run_check", args));
    let mut waited = 0;
    while !h.state().run.is_running() {
        assert!(waited < 3000, "the first run never started");
        std::thread::sleep(Duration::from_millis(10));
        waited += 1;
    }

    let second = h.invoke("run_check", run_args(&id)).unwrap_err();
    assert_eq!(second["kind"], "busy");

    h.ok("cancel_check", json!({}));
    let report = first.join().unwrap().unwrap();
    assert_eq!(report["cancelled"], true, "{report:#}");
    assert!(!h.state().run.is_running());

    let (sim_state, _) = h.practice();
    assert!(
        sim_state.records.is_empty(),
        "a cancelled run left a record"
    );
}

/// "Check every profile": production passes, a sandbox with the wrong secret and one without a
/// Run As user fail with their own diagnoses, one without a saved secret cannot start, the
/// practice profile is left out, and each badge in the list shows its result.
#[test]
fn check_every_profile_gives_a_line_each_and_saves_each_badge() {
    use eca_sim::{Scenario, SimOptions, SimOrg};
    let h = harness();
    let orgs = tauri::async_runtime::block_on(async {
        let mut orgs = Vec::new();
        for scenario in [Scenario::Healthy, Scenario::Healthy, Scenario::NoRunAsUser] {
            orgs.push(
                SimOrg::start(SimOptions {
                    scenario,
                    ..SimOptions::default()
                })
                .await
                .unwrap(),
            );
        }
        orgs
    });
    let ids = [
        h.sim_profile("Production", &orgs[0], orgs[0].client_secret()),
        h.sim_profile("UAT sandbox", &orgs[1], "not-the-secret"),
        h.sim_profile("Dev sandbox", &orgs[2], orgs[2].client_secret()),
    ];
    let no_secret = h.new_profile("No secret yet")["profile"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    h.ok("start_practice", json!({ "scenario": "healthy" }));

    let rows = h.ok("check_every_profile", json!({}));
    let rows = rows.as_array().unwrap();
    let line = |id: &str| rows.iter().find(|r| r["id"] == id).cloned().unwrap();
    assert_eq!(
        rows.len(),
        4,
        "the practice profile is not checked: {rows:#?}"
    );
    assert_eq!(line(&ids[0])["ok"], true);
    assert_eq!(line(&ids[0])["detail"], "passed");
    assert_eq!(line(&ids[1])["code"], "client_secret_invalid", "{rows:#?}");
    assert_eq!(line(&ids[2])["code"], "run_as_user_missing", "{rows:#?}");
    let refused = line(&no_secret);
    assert_eq!(refused["ok"], false);
    assert!(refused["code"].is_null());
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .starts_with("could not start:"),
        "{refused}"
    );
    assert!(!serde_json::to_string(rows)
        .unwrap()
        .contains(orgs[0].client_secret()));

    let listed = h.ok("list_profiles", json!({}));
    let badge = |id: &str| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["profile"]["id"] == id)
            .map(|v| v["profile"]["last_result"].clone())
            .unwrap()
    };
    assert_eq!(badge(&ids[0])["ok"], true);
    assert_eq!(badge(&ids[1])["code"], "client_secret_invalid");
    assert_eq!(badge(&ids[2])["code"], "run_as_user_missing");
    for org in &orgs {
        let state = org.state();
        assert!(state.records.is_empty() && state.active_tokens == 0);
    }
}

/// Keep trying: a just-created app is refused (client_id_invalid) by a plain run, and passes
/// once Salesforce has applied it when the run keeps trying.
#[test]
fn keep_trying_runs_again_until_a_new_app_works() {
    let h = harness();
    let org = tauri::async_runtime::block_on(eca_sim::SimOrg::start(eca_sim::SimOptions {
        scenario: eca_sim::Scenario::AppPropagating,
        propagation: Duration::from_secs(2),
        ..eca_sim::SimOptions::default()
    }))
    .unwrap();
    let id = h.sim_profile("Brand new app", &org, org.client_secret());

    let report = h.ok("run_check", run_args(&id));
    assert_eq!(
        report["diagnosis"]["code"], "client_id_invalid",
        "{report:#}"
    );
    let mut args = run_args(&id);
    args["options"]["keep_trying"] = json!(true);
    let report = h.ok("run_check", args);
    assert_eq!(report["ok"], true, "{report:#}");
    assert_eq!(org.state().active_tokens, 0);
}

#[test]
fn the_last_run_and_its_report_outlive_a_restart() {
    let h = harness();
    assert_eq!(h.ok("last_run", json!({})), Value::Null);
    let view = h.ok("start_practice", json!({ "scenario": "wrong-secret" }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    let (_, secret) = h.practice();
    h.ok("run_check", run_args(&id));
    let Harness { app, dir, .. } = h;
    drop(app);
    let h = harness_in(dir, |_| {});
    // Save works on it before anything else asked for it, as Copy does.
    let saved_to = h.dir.path().join("report.md");
    h.ok(
        "save_report",
        json!({ "path": saved_to.display().to_string(), "format": "markdown" }),
    );
    assert!(std::fs::read_to_string(&saved_to)
        .unwrap()
        .contains("client_secret_invalid"));
    let saved = h.ok("last_run", json!({}));
    assert_eq!(saved["profile_id"], id.as_str());
    assert_eq!(
        saved["report"]["diagnosis"]["code"],
        "client_secret_invalid"
    );
    let markdown = h.ok("last_report", json!({ "format": "markdown" }));
    assert!(markdown.as_str().unwrap().contains("client_secret_invalid"));
    let kept = h.dir.path().join(crate::state::LAST_RUN_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "readable by its owner only, like the store");
    }
    let file = std::fs::read_to_string(&kept).unwrap();
    assert!(!file.contains(&secret), "no secret in the kept run");
}

#[test]
fn keep_trying_ends_with_a_notification_that_says_how() {
    use crate::commands::check::kept_trying_notice;
    let h = harness();
    let view = h.ok("start_practice", json!({ "scenario": "healthy" }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    let passed: eca_core::CheckReport =
        serde_json::from_value(h.ok("run_check", run_args(&id))).unwrap();
    assert_eq!(
        kept_trying_notice(&passed).unwrap().0,
        "The External Client App works now"
    );
    h.ok("start_practice", json!({ "scenario": "wrong-secret" }));
    let failed: eca_core::CheckReport =
        serde_json::from_value(h.ok("run_check", run_args(&id))).unwrap();
    let (title, body) = kept_trying_notice(&failed).unwrap();
    assert_eq!(title, "ECA Preflight stopped trying");
    assert_eq!(body, failed.diagnosis.unwrap().title);
    let cancelled = eca_core::CheckReport {
        cancelled: true,
        ..passed
    };
    assert!(kept_trying_notice(&cancelled).is_none());
}
