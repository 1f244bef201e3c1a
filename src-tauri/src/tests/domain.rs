//! The domain field's preview and the Setup links it gives.

use super::*;

#[test]
fn parse_domain_previews_and_refuses_login_hosts() {
    let h = harness();
    let preview = h.ok(
        "parse_domain",
        json!({ "input": "https://acme.lightning.force.com/lightning/page/home" }),
    );
    assert_eq!(preview["ok"], true);
    assert_eq!(preview["domain"]["host"], "acme.my.salesforce.com");
    assert_eq!(preview["domain"]["kind"], "production");
    assert_eq!(preview["error"], Value::Null);

    let refused = h.ok(
        "parse_domain",
        json!({ "input": "https://login.salesforce.com" }),
    );
    assert_eq!(refused["ok"], false);
    assert_eq!(refused["domain"], Value::Null);
    let expected = eca_core::domain::parse_domain("https://login.salesforce.com").unwrap_err();
    assert_eq!(refused["error"]["code"], expected.code().as_str());
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("My Domain"));
}

#[test]
fn setup_links_follow_the_profile_domain() {
    let h = harness();
    let id = h.new_profile("Acme")["profile"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let links = h.ok("setup_links", json!({ "id": id }));
    let links = links.as_array().unwrap();
    assert!(!links.is_empty());
    assert!(links.iter().all(|l| l["url"]
        .as_str()
        .unwrap()
        .starts_with("https://acme.my.salesforce.com/lightning/setup/")));

    // A domain no run could use does not save (the message says why); an empty one does.
    let mut bad = h.ok("list_profiles", json!({}))[0]["profile"].clone();
    bad["target"]["domain"] = json!("login.salesforce.com");
    let refused = h
        .invoke("save_profile", json!({ "profile": bad.clone() }))
        .unwrap_err();
    assert_eq!(refused["kind"], "bad_input");
    assert!(
        refused["message"].as_str().unwrap().contains("My Domain"),
        "{refused}"
    );
    bad["target"]["domain"] = json!("");
    h.ok("save_profile", json!({ "profile": bad }));
    assert_eq!(h.ok("setup_links", json!({ "id": id })), json!([]));
}
