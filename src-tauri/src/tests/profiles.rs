//! Profiles and their secrets through IPC: saved without secrets in the store, renamed, duplicated,
//! deleted; a new profile's defaults; a damaged or unwritable store.

use super::*;

#[test]
fn profiles_are_saved_renamed_duplicated_and_deleted_without_secrets_in_the_store() {
    let h = harness();
    let created = h.new_profile("Acme prod");
    let id = created["profile"]["id"].as_str().unwrap().to_string();
    assert!(!id.is_empty());
    assert_eq!(created["secret"], json!({ "stored": false, "last4": null }));

    // The secret answer is exactly "stored" and the last 4 characters.
    let view = h.ok(
        "save_secret",
        json!({ "id": id, "secret": format!(" {SECRET}\n") }),
    );
    assert_eq!(
        view["secret"],
        json!({ "stored": true, "last4": &SECRET[SECRET.len() - 4..] })
    );
    assert_eq!(view["blocked"], Value::Null, "{view}");
    assert_eq!(h.secrets.accounts(), vec![format!("profile:{id}")]);

    // Rename.
    let mut profile = created["profile"].clone();
    profile["name"] = json!("Acme production");
    let renamed = h.ok("save_profile", json!({ "profile": profile }));
    assert_eq!(renamed["profile"]["name"], "Acme production");
    assert_eq!(renamed["secret"]["stored"], true);

    let copy = h.ok(
        "duplicate_profile",
        json!({ "id": id, "copySecret": false }),
    );
    assert_eq!(copy["profile"]["name"], "Copy of Acme production");
    assert_eq!(copy["secret"]["stored"], false, "the secret is not copied");
    let with_secret = h.ok("duplicate_profile", json!({ "id": id, "copySecret": true }));
    assert_eq!(with_secret["secret"]["stored"], true, "copied when asked");
    let copy_id = with_secret["profile"]["id"].as_str().unwrap().to_string();
    h.ok("delete_profile", json!({ "id": copy_id }));

    let list = h.ok("list_profiles", json!({}));
    assert_eq!(list.as_array().unwrap().len(), 2);

    // The store file is what the CLI reads, and holds no secret.
    let text = h.store_text();
    assert!(
        !text.contains(SECRET),
        "secret leaked into the store: {text}"
    );
    assert!(!text.contains(&SECRET[..8]));
    let on_disk = load_profiles(&h.dir.path().join(STORE_FILE)).unwrap();
    let names: Vec<&str> = on_disk.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Acme production", "Copy of Acme production"]);

    // Deleting removes the keychain entry too.
    h.ok("delete_profile", json!({ "id": id }));
    assert!(h.secrets.accounts().is_empty());
    let list = h.ok("list_profiles", json!({}));
    assert_eq!(list.as_array().unwrap().len(), 1);
    let err = h.invoke("delete_profile", json!({ "id": id })).unwrap_err();
    assert_eq!(err["kind"], "not_found");
}

#[test]
fn forget_secret_and_errors_have_the_ipc_shape() {
    let h = harness();
    let id = h.new_profile("Acme")["profile"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    h.ok("save_secret", json!({ "id": id, "secret": SECRET }));
    let view = h.ok("forget_secret", json!({ "id": id }));
    assert_eq!(view["secret"], json!({ "stored": false, "last4": null }));
    assert!(view["blocked"]
        .as_str()
        .unwrap()
        .contains("consumer secret"));
    assert!(h.secrets.accounts().is_empty());

    let err = h
        .invoke("save_secret", json!({ "id": id, "secret": "  " }))
        .unwrap_err();
    // A plain kind carries its message only (the tagged union's other kinds carry more).
    assert_eq!(err["kind"], "bad_input");
    assert!(err["message"].as_str().unwrap().len() > 10);
    let keys: Vec<&String> = err.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["kind", "message"], "{err}");
    let dup = h.invoke(
        "save_profile",
        json!({ "profile": { "id": "", "name": "ACME" } }),
    );
    assert_eq!(dup.unwrap_err()["kind"], "bad_input");
}

#[test]
fn a_new_profile_has_rusts_defaults_and_a_free_name() {
    let h = harness();
    let draft = h.ok("new_profile", json!({}));
    assert_eq!(draft["profile"]["id"], "");
    assert_eq!(draft["profile"]["name"], "My org");
    assert_eq!(draft["profile"]["api_version"], "latest");
    assert_eq!(draft["profile"]["object"], "Account");
    assert_eq!(
        draft["profile"]["target"],
        json!({ "kind": "org", "domain": "" })
    );
    h.new_profile("My org");
    assert_eq!(
        h.ok("new_profile", json!({}))["profile"]["name"],
        "My org (2)"
    );
}

#[test]
fn a_corrupt_store_is_kept_aside_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(STORE_FILE);
    std::fs::write(&path, "{\"profiles\": [ not json").unwrap();
    let h = harness_in(dir, |_| {});
    assert_eq!(h.ok("list_profiles", json!({})), json!([]));
    let aside = h.dir.path().join("profiles.json.unreadable");
    assert_eq!(
        std::fs::read_to_string(&aside).unwrap(),
        "{\"profiles\": [ not json",
        "kept, not overwritten"
    );
    let problem = h.ok("store_problem", json!({}));
    let text = problem.as_str().unwrap();
    assert!(
        text.contains("could not be read") && text.contains("profiles.json.unreadable"),
        "{text}"
    );
    // New profiles save to a fresh file; the old one stays aside.
    h.new_profile("Acme");
    assert!(aside.exists());
    assert_eq!(
        load_profiles(&h.dir.path().join(STORE_FILE)).unwrap().len(),
        1
    );
}

#[test]
fn an_unwritable_store_gives_a_clear_message_and_keeps_the_list() {
    let h = harness();
    h.new_profile("Acme");
    // The store's folder replaced by a file: nothing can be written there any more.
    let store = h.dir.path().join(STORE_FILE);
    std::fs::remove_file(&store).unwrap();
    std::fs::create_dir(&store).unwrap();
    let mut draft = h.ok("new_profile", json!({}))["profile"].clone();
    draft["name"] = json!("UAT");
    draft["target"] = json!({ "kind": "org", "domain": "acme--uat.sandbox.my.salesforce.com" });
    let refused = h
        .invoke("save_profile", json!({ "profile": draft }))
        .unwrap_err();
    assert_eq!(refused["kind"], "store_failed", "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("Could not save the profiles"),
        "{refused}"
    );
    let names: Vec<String> = h
        .ok("list_profiles", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["profile"]["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Acme"], "the list is what was saved");
}
