//! The commands through Tauri's IPC on the mock runtime: real store file (in a temp dir of each
//! test's own), in-memory keychain fake, the embedded practice org. This file is the harness; the
//! tests are in one module per theme.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod changes;
mod contract;
mod domain;
mod events;
mod handoff;
mod inspect;
mod keychain;
mod network;
mod practice;
mod profiles;
mod rotation;
mod runs;

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
    let conf: Value = serde_json::from_str(include_str!("../../tauri.conf.json")).unwrap();
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

    /// The practice org's own consumer key (its scenario's app).
    fn practice_key(&self) -> String {
        let state = self.state();
        tauri::async_runtime::block_on(async {
            let practice = state.practice.lock().await;
            practice
                .as_ref()
                .expect("practice org running")
                .client_id()
                .to_string()
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
