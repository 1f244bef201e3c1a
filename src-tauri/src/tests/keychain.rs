//! The keychain: one that never answers or is locked says so and loses nothing; listing the
//! profiles reads each secret at most once.

use super::*;

/// A keychain whose every call waits, like one showing an unlock prompt nobody answers, until
/// the test lets it go.
#[derive(Default)]
struct StuckKeychain {
    released: Mutex<bool>,
    wake: Condvar,
}

impl StuckKeychain {
    fn wait(&self) {
        let mut released = self.released.lock().unwrap();
        while !*released {
            released = self.wake.wait(released).unwrap();
        }
    }

    fn release(&self) {
        *self.released.lock().unwrap() = true;
        self.wake.notify_all();
    }
}

impl SecretStore for StuckKeychain {
    fn persist(&self, _: &str, _: &Secret) -> Result<(), KeychainError> {
        self.wait();
        Ok(())
    }

    fn retrieve(&self, _: &str) -> Result<Option<Secret>, KeychainError> {
        self.wait();
        Ok(None)
    }

    fn delete(&self, _: &str) -> Result<(), KeychainError> {
        self.wait();
        Ok(())
    }
}

#[test]
fn a_keychain_that_never_answers_gives_keyring_unavailable_not_a_hang() {
    let stuck = Arc::new(StuckKeychain::default());
    let keychain = stuck.clone();
    let h = harness_with(move |options| {
        options.secrets = keychain;
        options.keychain_timeout = Duration::from_millis(20);
    });
    let unavailable = |error: Value| {
        assert_eq!(error["kind"], "keyring_unavailable", "{error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains("did not answer"), "{message}");
        assert!(message.contains("unlock it"), "{message}");
    };

    // The list and a saved profile still open; their secret shows as not stored.
    let id = h.new_profile("Acme")["profile"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let list = h.ok("list_profiles", json!({}));
    assert_eq!(list[0]["secret"]["stored"], false);

    unavailable(
        h.invoke("save_secret", json!({ "id": id, "secret": SECRET }))
            .unwrap_err(),
    );
    unavailable(h.invoke("forget_secret", json!({ "id": id })).unwrap_err());
    unavailable(h.invoke("run_check", run_args(&id)).unwrap_err());
    assert!(!h.state().run.is_running(), "the run slot is free again");

    // Deleting stops before the store: no secret is orphaned in the keychain.
    unavailable(h.invoke("delete_profile", json!({ "id": id })).unwrap_err());
    assert_eq!(
        h.ok("list_profiles", json!({})).as_array().unwrap().len(),
        1
    );

    stuck.release();
}

#[test]
fn listing_profiles_reads_no_secret_once_each_is_known() {
    let h = harness();
    let ids: Vec<String> = ["Prod", "UAT", "Dev"]
        .iter()
        .map(|name| {
            let id = h.new_profile(name)["profile"]["id"]
                .as_str()
                .unwrap()
                .to_string();
            h.ok("save_secret", json!({ "id": id, "secret": SECRET }));
            id
        })
        .collect();
    let before = h.secrets.reads();
    for _ in 0..5 {
        let list = h.ok("list_profiles", json!({}));
        assert!(list
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["secret"]["stored"] == true && v["secret"]["last4"].is_string()));
    }
    assert_eq!(
        h.secrets.reads(),
        before,
        "saved secrets are known without a read"
    );
    h.ok("forget_secret", json!({ "id": ids[0] }));
    let list = h.ok("list_profiles", json!({}));
    assert_eq!(list[0]["secret"]["stored"], false);
    assert_eq!(h.secrets.reads(), before);

    // After a relaunch each account is read once, on the first listing only.
    let Harness {
        app, dir, secrets, ..
    } = h;
    drop(app);
    let h = harness_in(dir, |options| options.secrets = secrets.clone());
    let first = secrets.reads();
    let list = h.ok("list_profiles", json!({}));
    assert_eq!(list[1]["secret"]["stored"], true);
    assert_eq!(
        secrets.reads() - first,
        ids.len(),
        "one read per profile, once"
    );
    for _ in 0..3 {
        h.ok("list_profiles", json!({}));
    }
    assert_eq!(
        secrets.reads() - first,
        ids.len(),
        "no more reads afterwards"
    );
}

/// A keychain that refuses every call, as a locked keyring or a bus without Secret Service does.
struct LockedKeychain;

impl SecretStore for LockedKeychain {
    fn persist(&self, _: &str, _: &Secret) -> Result<(), KeychainError> {
        Err(KeychainError::Unavailable(
            "the collection is locked".into(),
        ))
    }
    fn retrieve(&self, _: &str) -> Result<Option<Secret>, KeychainError> {
        Err(KeychainError::Unavailable(
            "the collection is locked".into(),
        ))
    }
    fn delete(&self, _: &str) -> Result<(), KeychainError> {
        Err(KeychainError::Unavailable(
            "the collection is locked".into(),
        ))
    }
}

#[test]
fn a_locked_keychain_says_so_and_loses_no_profile() {
    let h = harness_with(|options| options.secrets = Arc::new(LockedKeychain));
    let id = h.new_profile("Acme")["profile"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let refused = h
        .invoke("save_secret", json!({ "id": id, "secret": SECRET }))
        .unwrap_err();
    assert_eq!(refused["kind"], "keyring_unavailable", "{refused}");
    assert!(
        refused["message"].as_str().unwrap().contains("locked"),
        "{refused}"
    );
    // The profile is there, shown without a secret; a run names the keychain, not a crash.
    let list = h.ok("list_profiles", json!({}));
    assert_eq!(
        (
            list[0]["profile"]["name"].as_str(),
            list[0]["secret"]["stored"].as_bool()
        ),
        (Some("Acme"), Some(false))
    );
    let run = h.invoke("run_check", run_args(&id)).unwrap_err();
    assert_eq!(run["kind"], "keyring_unavailable", "{run}");
    // Deleting keeps the profile when its keychain entry cannot be removed.
    assert!(h.invoke("delete_profile", json!({ "id": id })).is_err());
    assert_eq!(
        h.ok("list_profiles", json!({})).as_array().unwrap().len(),
        1
    );
}
