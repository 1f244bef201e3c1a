//! Profile changes reach the UI as one event: every command that changes the profiles (or what
//! their views show) sends `profiles-changed` with the whole list, as `list_profiles` answers.

use super::*;
use crate::commands::profiles::PROFILES_CHANGED;
use tauri::Listener;

/// The app on a fresh store, with every `profiles-changed` payload it sent.
struct Watched {
    h: Harness,
    sent: Arc<Mutex<Vec<Value>>>,
}

fn watched() -> Watched {
    let h = harness();
    let sent = Arc::new(Mutex::new(Vec::new()));
    let into = sent.clone();
    h.app.listen_any(PROFILES_CHANGED, move |event| {
        into.lock()
            .unwrap()
            .push(serde_json::from_str(event.payload()).unwrap());
    });
    Watched { h, sent }
}

impl Watched {
    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.h.ok(cmd, args)
    }

    /// The payloads sent since the last call.
    fn take(&self) -> Vec<Value> {
        std::mem::take(&mut *self.sent.lock().unwrap())
    }

    /// The one payload sent since the last call (a command sends one).
    fn one(&self) -> Value {
        let mut sent = self.take();
        assert_eq!(sent.len(), 1, "{sent:?}");
        sent.remove(0)
    }
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["profile"]["id"].as_str().unwrap())
        .collect()
}

#[test]
fn every_change_to_the_profiles_sends_the_list_as_list_profiles_answers() {
    let w = watched();
    let draft = w.ok("new_profile", json!({}));
    assert!(w.take().is_empty(), "a draft changes nothing");

    let mut profile = draft["profile"].clone();
    profile["target"] = json!({ "kind": "org", "domain": "acme.my.salesforce.com" });
    profile["client_id"] = json!("3MVG9exampleKEY1234");
    let saved = w.ok("save_profile", json!({ "profile": profile }));
    let id = saved["profile"]["id"].as_str().unwrap().to_string();
    let sent = w.one();
    assert_eq!(sent, w.ok("list_profiles", json!({})));
    assert_eq!(sent[0], saved);

    let stored = w.ok(
        "save_secret",
        json!({ "id": id, "secret": "7F3A0C9E1B2D4F6A8C0E" }),
    );
    let sent = w.one();
    assert_eq!(sent[0]["secret"]["stored"], true);
    assert_eq!(sent[0], stored);
    assert!(!sent.to_string().contains("7F3A0C9E1B2D4F6A8C0E"));

    let copy = w.ok(
        "duplicate_profile",
        json!({ "id": id, "copySecret": false }),
    );
    let copy_id = copy["profile"]["id"].as_str().unwrap();
    assert_eq!(ids(&w.one()), [id.as_str(), copy_id]);

    w.ok("delete_profile", json!({ "id": id }));
    assert_eq!(ids(&w.one()), [copy_id]);
}

#[test]
fn a_run_sends_the_profiles_with_its_last_result() {
    let w = watched();
    let practice = w.ok("start_practice", json!({ "scenario": "healthy" }));
    let id = practice["profile"]["id"].as_str().unwrap().to_string();
    assert_eq!(ids(&w.one()), [id.as_str()]);

    let report = w.ok(
        "run_check",
        json!({
            "id": id,
            "options": { "allow_untrusted_host": false },
            "onEvent": "__CHANNEL__:7"
        }),
    );
    assert_eq!(report["ok"], true, "{report:#}");
    let sent = w.one();
    assert_eq!(sent[0]["profile"]["last_result"]["ok"], true, "{sent:#}");
    assert_eq!(
        sent[0]["profile"]["last_result"]["at"],
        report["started_at"]
    );
}
