//! Inspect's admin login: a pasted token is kept only when asked, and never returned.

use super::*;

#[test]
fn a_pasted_admin_token_is_kept_only_when_asked_and_never_returned() {
    let h = harness();
    let org = tauri::async_runtime::block_on(eca_sim::SimOrg::start(eca_sim::SimOptions {
        scenario: eca_sim::Scenario::RunAsEmail,
        ..Default::default()
    }))
    .unwrap();
    let id = h.sim_profile("Acme", &org, org.client_secret());
    let refused = h
        .invoke(
            "inspect_app",
            json!({ "id": id, "login": { "source": "kept" } }),
        )
        .unwrap_err();
    assert_eq!(refused["kind"], "bad_input");

    let pasted = json!({ "source": "pasted", "token": org.admin_token(), "keep": true });
    let found = h.ok("inspect_app", json!({ "id": id, "login": pasted }));
    assert_eq!(found["findings"][0]["code"], "run_as_not_found");
    let text = found.to_string();
    assert!(!text.contains(org.admin_token()) && !text.contains(org.client_secret()));

    let kept = h.ok("kept_admin_login", json!({}));
    assert!(
        kept["host"].as_str().unwrap().starts_with("127.0.0.1:"),
        "{kept}"
    );
    assert!(!kept.to_string().contains(org.admin_token()));
    let again = h.ok(
        "inspect_app",
        json!({ "id": id, "login": { "source": "kept" } }),
    );
    assert_eq!(again["findings"][0]["code"], "run_as_not_found");
    h.ok("forget_admin_login", json!({}));
    assert_eq!(h.ok("kept_admin_login", json!({})), Value::Null);

    // A refused login is bad input, and a practice login is refused for a real profile.
    let bad = h
        .invoke(
            "inspect_app",
            json!({ "id": id, "login": { "source": "pasted", "token": "00Dnope!x", "keep": true } }),
        )
        .unwrap_err();
    assert_eq!(bad["kind"], "bad_input");
    assert!(
        bad["message"]
            .as_str()
            .unwrap()
            .contains("refused the admin login"),
        "{bad}"
    );
    assert_eq!(h.ok("kept_admin_login", json!({})), Value::Null);
    let practice = h
        .invoke(
            "inspect_app",
            json!({ "id": id, "login": { "source": "practice" } }),
        )
        .unwrap_err();
    assert_eq!(practice["kind"], "bad_input");
    let store = h.store_text();
    assert!(!store.contains(org.admin_token()));
}
