//! Handing the integration on: the Use it snippets, and the record a run could not delete.

use super::*;

#[test]
fn use_it_snippets_for_a_profile_never_hold_the_secret() {
    let h = harness();
    let view = h.new_profile("Acme");
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    h.ok("save_secret", json!({ "id": id, "secret": SECRET }));
    for format in ["curl", "python", "node", "postman"] {
        let text = h.ok("snippet", json!({ "id": id, "format": format }));
        let text = text.as_str().unwrap();
        assert!(text.contains("https://acme.my.salesforce.com"), "{format}");
        assert!(text.contains("3MVG9exampleKEY1234"), "{format}");
        assert!(!text.contains(SECRET), "{format} holds the secret");
    }
    let path = h
        .dir
        .path()
        .join("salesforce-token.postman_collection.json");
    h.ok(
        "save_snippet",
        json!({ "id": id, "format": "postman", "path": path }),
    );
    let env = std::fs::read_to_string(
        h.dir
            .path()
            .join("salesforce-token.postman_environment.json"),
    )
    .unwrap();
    let env: Value = serde_json::from_str(&env).unwrap();
    assert_eq!(env["values"][0]["key"], "client_secret");
    assert_eq!(env["values"][0]["value"], "");
    assert!(!std::fs::read_to_string(&path).unwrap().contains(SECRET));
    let refused = h
        .invoke(
            "save_snippet",
            json!({ "id": id, "format": "curl", "path": "relative.sh" }),
        )
        .unwrap_err();
    assert_eq!(refused["kind"], "bad_input");
}

#[test]
fn what_the_practice_org_held_goes_with_it_at_the_next_launch() {
    let h = harness();
    let view = h.ok("start_practice", json!({ "scenario": "no-delete-access" }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    h.ok("run_check", run_args(&id));
    assert_eq!(
        h.ok("leftovers", json!({ "id": id }))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let Harness { app, dir, .. } = h;
    drop(app);
    let h = harness_in(dir, |_| {});
    assert_eq!(h.ok("leftovers", json!({ "id": id })), json!([]));
}
