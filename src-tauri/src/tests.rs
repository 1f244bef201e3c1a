//! The commands through Tauri's IPC on the mock runtime: real store file (in a temp dir of each
//! test's own), in-memory keychain fake, the embedded practice org.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::state::AppState;
use crate::{build_app, manage_state, AppOptions};
use eca_core::profiles::{load_profiles, STORE_FILE};
use eca_core::secrets::{KeychainError, MemorySecrets, SecretStore};
use eca_core::Secret;
use eca_sim::Scenario;
use serde_json::{json, Value};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

const SECRET: &str = "7F3A0C9E1B2D4F6A8C0E2A4C6E8F0B1D";

struct Harness {
    app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    secrets: Arc<MemorySecrets>,
    dir: tempfile::TempDir,
}

fn harness() -> Harness {
    harness_with(|_| {})
}

fn harness_with_latency(latency: Duration) -> Harness {
    harness_with(|options| options.practice_latency = latency)
}

/// `configure` may swap the keychain (then `Harness::secrets` stays unused) or its timeout.
fn harness_with(configure: impl FnOnce(&mut AppOptions)) -> Harness {
    harness_in(tempfile::tempdir().unwrap(), configure)
}

/// The app on the store in `dir` (a second harness on the same dir is a relaunch).
fn harness_in(dir: tempfile::TempDir, configure: impl FnOnce(&mut AppOptions)) -> Harness {
    let secrets = Arc::new(MemorySecrets::new());
    let mut options = AppOptions {
        store_path: dir.path().join(STORE_FILE),
        secrets: secrets.clone(),
        practice_latency: Duration::ZERO,
        keychain_timeout: crate::state::KEYCHAIN_TIMEOUT,
    };
    configure(&mut options);
    let app = build_app(mock_builder()).build(test_context()).unwrap();
    manage_state(app.handle(), options).unwrap();
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        app,
        webview,
        secrets,
        dir,
    }
}

/// The mock context with the app's own updater configuration (tauri.conf.json), loopback update
/// servers allowed for the update-check tests.
pub(crate) fn test_context() -> tauri::Context<MockRuntime> {
    let conf: Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
    let mut updater = conf["plugins"]["updater"].clone();
    updater["dangerousInsecureTransportProtocol"] = json!(true);
    let mut context = mock_context(noop_assets());
    context
        .config_mut()
        .plugins
        .0
        .insert("updater".into(), updater);
    context
}

fn invoke_on(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

impl Harness {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        invoke_on(&self.webview, cmd, args)
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn store_text(&self) -> String {
        std::fs::read_to_string(self.dir.path().join(STORE_FILE)).unwrap()
    }

    fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// What the practice org holds (records, tokens) and its client secret.
    fn practice(&self) -> (eca_sim::SimState, String) {
        let state = self.state();
        tauri::async_runtime::block_on(async {
            let practice = state.practice.lock().await;
            let org = practice.as_ref().expect("practice org running");
            (org.state(), org.client_secret().to_string())
        })
    }

    fn new_profile(&self, name: &str) -> Value {
        self.new_profile_on(name, "acme.my.salesforce.com")
    }

    /// A saved profile for a simulated org, with `secret` in the keychain; its id.
    fn sim_profile(&self, name: &str, org: &eca_sim::SimOrg, secret: &str) -> String {
        let mut profile = self.ok("new_profile", json!({}))["profile"].clone();
        profile["name"] = json!(name);
        profile["target"] = json!({ "kind": "org", "domain": org.base_url() });
        profile["client_id"] = json!(org.client_id());
        let id = self.ok("save_profile", json!({ "profile": profile }))["profile"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        self.ok("save_secret", json!({ "id": id, "secret": secret }));
        id
    }

    fn new_profile_on(&self, name: &str, domain: &str) -> Value {
        let mut profile = self.ok("new_profile", json!({}))["profile"].clone();
        profile["name"] = json!(name);
        profile["target"] = json!({ "kind": "org", "domain": domain });
        profile["client_id"] = json!("3MVG9exampleKEY1234");
        self.ok("save_profile", json!({ "profile": profile }))
    }
}

fn run_args(id: &str) -> Value {
    json!({
        "id": id,
        "options": { "allow_untrusted_host": false },
        "onEvent": "__CHANNEL__:7"
    })
}

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
fn an_untrusted_host_gets_the_credentials_only_when_the_run_allows_it() {
    let h = harness();
    // 0.0.0.0 is no Salesforce host and not loopback by name, yet connecting to it reaches this
    // machine, so the listener sees whether anything was sent.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let view = h.new_profile_on("Proxy", &format!("https://0.0.0.0:{port}"));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    h.ok("save_secret", json!({ "id": id, "secret": SECRET }));
    let preview = h.ok(
        "parse_domain",
        json!({ "input": view["profile"]["target"]["domain"] }),
    );
    assert_eq!(preview["domain"]["kind"], "other");

    let refused = h.invoke("run_check", run_args(&id)).unwrap_err();
    assert_eq!(refused["kind"], "untrusted_host", "{refused}");
    assert_eq!(refused["host"], format!("0.0.0.0:{port}"));
    assert_eq!(refused["diagnosis"]["code"], "untrusted_host");
    assert!(refused["message"]
        .as_str()
        .unwrap()
        .contains(&format!("0.0.0.0:{port}")));
    // A connection made before the command answered would be waiting in the backlog.
    listener.set_nonblocking(true).unwrap();
    let nothing = listener.accept().map(|_| ()).unwrap_err();
    assert_eq!(nothing.kind(), std::io::ErrorKind::WouldBlock);

    // Confirmed for this run: the check goes there (and fails: the listener speaks no TLS).
    listener.set_nonblocking(false).unwrap();
    let (seen, connections) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            // Told before closing, so the run cannot finish before the message is there.
            let _ = seen.send(());
            drop(stream);
        }
    });
    let mut args = run_args(&id);
    args["options"]["allow_untrusted_host"] = json!(true);
    let report = h.ok("run_check", args);
    assert_eq!(report["ok"], false, "{report:#}");
    assert_eq!(report["steps"][0]["status"], "passed", "{report:#}");
    assert!(connections.try_recv().is_ok(), "nothing reached the host");
}

#[test]
fn a_production_org_through_a_proxy_is_warned_of_once_per_profile_and_network() {
    let h = harness();
    // A proxy nothing listens on: a run that starts fails there, after the question.
    let add = |name: &str, proxy: &str| {
        let mut profile = h.ok("new_profile", json!({}))["profile"].clone();
        profile["name"] = json!(name);
        profile["target"] = json!({ "kind": "org", "domain": "acme.my.salesforce.com" });
        profile["client_id"] = json!("3MVG9exampleKEY1234");
        profile["proxy"] = json!(proxy);
        let id = h.ok("save_profile", json!({ "profile": profile }))["profile"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        h.ok("save_secret", json!({ "id": id, "secret": SECRET }));
        id
    };
    let prod = add("Prod", "http://127.0.0.1:1");
    let refused = h.invoke("run_check", run_args(&prod)).unwrap_err();
    assert_eq!(refused["kind"], "freeze_risk", "{refused}");
    assert_eq!(refused["risk"]["network"], "the proxy 127.0.0.1:1");
    assert!(refused["risk"]["warning"]
        .as_str()
        .unwrap()
        .contains("Salesforce freezes a user"));
    assert!(refused["risk"]["kb_url"]
        .as_str()
        .unwrap()
        .contains("005318944"));

    // Accepted: the run goes on (to the unreachable proxy), and the answer is remembered.
    let mut accept = run_args(&prod);
    accept["options"]["accept_freeze_risk"] = json!(true);
    let report = h.ok("run_check", accept);
    assert_eq!(report["diagnosis"]["code"], "proxy_failed", "{report:#}");
    let report = h.ok("run_check", run_args(&prod));
    assert_eq!(
        report["diagnosis"]["code"], "proxy_failed",
        "asked once: {report:#}"
    );

    // Another profile, or another network, is asked again.
    let other = add("Prod again", "http://127.0.0.1:1");
    let refused = h.invoke("run_check", run_args(&other)).unwrap_err();
    assert_eq!(refused["kind"], "freeze_risk");
    let mut profile = h
        .ok("list_profiles", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["profile"]["id"] == prod.as_str())
        .unwrap()["profile"]
        .clone();
    profile["proxy"] = json!("http://127.0.0.1:2");
    h.ok("save_profile", json!({ "profile": profile }));
    let refused = h.invoke("run_check", run_args(&prod)).unwrap_err();
    assert_eq!(refused["risk"]["network"], "the proxy 127.0.0.1:2");
}

#[test]
fn the_object_picker_asks_an_untrusted_host_only_when_allowed() {
    let h = harness();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let view = h.new_profile_on("Proxy", &format!("https://0.0.0.0:{port}"));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    h.ok("save_secret", json!({ "id": id, "secret": SECRET }));

    for (cmd, mut args) in [
        ("list_objects", json!({ "id": id })),
        (
            "describe_required",
            json!({ "id": id, "object": "Account" }),
        ),
    ] {
        args["allowUntrustedHost"] = json!(false);
        let refused = h.invoke(cmd, args).unwrap_err();
        assert_eq!(
            refused["diagnosis"]["code"], "untrusted_host",
            "{cmd}: {refused}"
        );
    }
    listener.set_nonblocking(true).unwrap();
    let nothing = listener.accept().map(|_| ()).unwrap_err();
    assert_eq!(nothing.kind(), std::io::ErrorKind::WouldBlock);

    // Confirmed: the request goes there (and fails: the listener speaks no TLS).
    listener.set_nonblocking(false).unwrap();
    let (seen, connections) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let _ = seen.send(());
            drop(stream);
        }
    });
    let failed = h
        .invoke(
            "list_objects",
            json!({ "id": id, "allowUntrustedHost": true }),
        )
        .unwrap_err();
    assert_ne!(failed["diagnosis"]["code"], "untrusted_host", "{failed}");
    assert!(connections.try_recv().is_ok(), "nothing reached the host");
}

#[test]
fn every_listed_command_is_registered() {
    let h = harness();
    for name in crate::commands::COMMANDS {
        // Empty args: commands with arguments fail on them, never as "not found".
        if let Err(error) = h.invoke(name, json!({})) {
            assert!(
                !not_found(&error, name),
                "{name} is not in generate_handler!: {error}"
            );
        }
    }
    let unknown = h.invoke("no_such_command", json!({})).unwrap_err();
    assert!(not_found(&unknown, "no_such_command"), "{unknown}");
}

fn not_found(error: &Value, name: &str) -> bool {
    error
        .as_str()
        .is_some_and(|e| e.eq_ignore_ascii_case(&format!("command {name} not found")))
}

/// Every listed command, invoked with exactly its listed argument names (each null), never
/// answers "missing required key": a rename on one side only fails here.
#[test]
fn every_command_takes_the_listed_arguments() {
    let h = harness();
    for command in crate::bindings::commands() {
        let mut args = serde_json::Map::new();
        for (name, ty) in &command.args {
            let value = if ty.starts_with("Channel<") {
                json!("__CHANNEL__:9")
            } else {
                Value::Null
            };
            args.insert(name.clone(), value);
        }
        let Err(error) = h.invoke(command.name, Value::Object(args)) else {
            continue;
        };
        let text = error.to_string();
        assert!(
            !text.contains("missing required key"),
            "{}: the function's arguments are not the listed ones: {text}",
            command.name
        );
        assert!(!not_found(&error, command.name), "{}: {text}", command.name);
    }
    // The check works: a listed name the function lacks is caught.
    let wrong = h
        .invoke(
            "duplicate_profile",
            json!({ "profileId": "x", "copySecret": false }),
        )
        .unwrap_err();
    assert!(
        wrong.to_string().contains("missing required key"),
        "{wrong}"
    );
}

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
fn every_scenario_expects_a_code_of_the_catalog() {
    for scenario in Scenario::ALL {
        if let Some(code) = scenario.expected_code() {
            assert!(
                eca_core::DiagnosisCode::parse(code).is_some(),
                "{}: {code} is no DiagnosisCode",
                scenario.name()
            );
        }
    }
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

/// A profile on a company network: an HTTPS org behind a proxy that wants credentials, and the
/// org's CA as the profile's extra CA file. The run goes through the proxy; the proxy password
/// is in the keychain, never in the store file or an answer.
#[test]
fn a_profile_with_a_proxy_and_an_extra_ca_runs_through_the_proxy() {
    let h = harness();
    let (org, proxy) = tauri::async_runtime::block_on(async {
        let org = eca_sim::SimOrg::start(eca_sim::SimOptions {
            tls: true,
            ..eca_sim::SimOptions::default()
        })
        .await
        .unwrap();
        let proxy = eca_sim::ConnectProxy::start(Some("ci:Pr0xyPassw0rd"))
            .await
            .unwrap();
        (org, proxy)
    });
    let ca = h.dir.path().join("company-root.pem");
    std::fs::write(&ca, org.ca_cert_pem().unwrap()).unwrap();

    let mut profile = h.ok("new_profile", json!({}))["profile"].clone();
    profile["name"] = json!("Behind the proxy");
    profile["target"] = json!({ "kind": "org", "domain": org.base_url() });
    profile["client_id"] = json!(org.client_id());
    profile["proxy"] = json!(format!(
        "http://ci:Pr0xyPassw0rd@127.0.0.1:{}",
        proxy.port()
    ));
    profile["ca_cert_file"] = json!(ca);
    // A password in the address would land in the store file: refused.
    let refused = h
        .invoke("save_profile", json!({ "profile": profile.clone() }))
        .unwrap_err();
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("Proxy password"),
        "{refused}"
    );
    profile["proxy"] = json!(format!("http://ci@127.0.0.1:{}", proxy.port()));
    let view = h.ok("save_profile", json!({ "profile": profile }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    assert_eq!(view["proxy_password"]["stored"], false);
    h.ok(
        "save_secret",
        json!({ "id": id, "secret": org.client_secret() }),
    );

    // Without the password the proxy says 407.
    let report = h.ok("run_check", run_args(&id));
    assert_eq!(
        report["diagnosis"]["code"], "proxy_auth_required",
        "{report:#}"
    );

    let view = h.ok(
        "save_proxy_password",
        json!({ "id": id, "password": "Pr0xyPassw0rd" }),
    );
    assert_eq!(view["proxy_password"]["stored"], true);
    let report = h.ok("run_check", run_args(&id));
    assert_eq!(report["ok"], true, "{report:#}");
    assert_eq!(
        report["network"]["proxy"],
        format!("127.0.0.1:{}", proxy.port())
    );
    assert_eq!(report["network"]["extra_ca"], true);
    assert!(proxy
        .seen()
        .iter()
        .any(|l| l.starts_with("CONNECT 127.0.0.1:")));
    assert!(!h.store_text().contains("Pr0xyPassw0rd"));
    assert!(!report.to_string().contains("Pr0xyPassw0rd"));
    let listed = h.ok("list_profiles", json!({}));
    assert_eq!(listed[0]["proxy_password"]["stored"], true);

    // Without the extra CA the org's certificate is not trusted: the fix says what to do.
    let mut plain = listed[0]["profile"].clone();
    plain["ca_cert_file"] = json!("");
    h.ok("save_profile", json!({ "profile": plain }));
    let report = h.ok("run_check", run_args(&id));
    assert_eq!(report["diagnosis"]["code"], "tls_untrusted", "{report:#}");
    let fix = report["diagnosis"]["fix"].to_string();
    assert!(
        fix.contains("root certificate") && fix.contains("extra CA"),
        "{fix}"
    );
    let accounts = h.secrets.accounts();
    assert!(accounts.contains(&format!("proxy:{id}")), "{accounts:?}");
    h.ok("delete_profile", json!({ "id": id }));
    assert!(
        h.secrets.accounts().is_empty(),
        "both keychain entries go with the profile"
    );
}

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
