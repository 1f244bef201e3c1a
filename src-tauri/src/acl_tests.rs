//! The capability file allows exactly the app's commands and the plugin permissions the UI
//! uses, and its opener URL scope (glob patterns, matched like tauri-plugin-opener does) lets
//! Salesforce and practice-org pages through and nothing that merely mentions them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;

fn capability() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/main.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn opener_scope() -> (Vec<glob::Pattern>, Vec<glob::Pattern>) {
    let cap = capability();
    let entry = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["identifier"] == "opener:allow-open-url")
        .unwrap()
        .clone();
    let patterns = |key: &str| -> Vec<glob::Pattern> {
        entry[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| glob::Pattern::new(e["url"].as_str().unwrap()).unwrap())
            .collect()
    };
    (patterns("allow"), patterns("deny"))
}

/// tauri-plugin-opener's rule: no deny entry matches and some allow entry does.
fn may_open(url: &str) -> bool {
    let (allow, deny) = opener_scope();
    !deny.iter().any(|p| p.matches(url)) && allow.iter().any(|p| p.matches(url))
}

#[test]
fn capability_lists_exactly_the_app_commands_and_the_plugin_permissions_used() {
    let cap = capability();
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let mut granted: Vec<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| match p.as_str() {
            Some(id) => id.to_string(),
            None => p["identifier"].as_str().unwrap().to_string(),
        })
        .collect();
    granted.sort();
    let mut expected: Vec<String> = crate::commands::COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .chain([
            "dialog:allow-save".to_string(),
            "dialog:allow-open".to_string(),
            "opener:allow-open-url".to_string(),
            // The "Cleaning up…" notice when the window is closed during a run.
            "core:event:allow-listen".to_string(),
            "core:event:allow-unlisten".to_string(),
        ])
        .collect();
    expected.sort();
    assert_eq!(granted, expected);
}

#[test]
fn opener_scope_allows_salesforce_and_practice_pages() {
    for url in [
        "https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home",
        "https://acme--uat.sandbox.my.salesforce.com/lightning/setup/OrgDomain/home",
        "https://acme.lightning.force.com/lightning/r/Account/001000000000001AAA/view",
        "https://acme.my.salesforce-setup.com/lightning/setup/OrgLoginHistory/home",
        "https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm",
        "https://acme.my.sfcrmproducts.cn/lightning/setup/OrgDomain/home",
        "http://127.0.0.1:43123/lightning/r/Account/001000000000001AAA/view",
    ] {
        assert!(may_open(url), "should open {url}");
    }
}

#[test]
fn opener_scope_refuses_lookalikes() {
    for url in [
        "https://evil.example/",
        "https://evil.example/x.salesforce.com/y",
        "https://evil.example?.salesforce.com/",
        "https://evil.example#.force.com/",
        "https://acme.my.salesforce.com@evil.example/",
        "https://evil.example\\.salesforce.com/",
        "https://salesforce.com.evil.example/",
        "http://acme.my.salesforce.com/lightning/setup/OrgDomain/home",
        "http://10.0.0.1:8080/",
        "file:///etc/passwd",
        "javascript:alert(1)//.salesforce.com/",
    ] {
        assert!(!may_open(url), "should refuse {url}");
    }
}

/// The version comes from one place (the workspace's Cargo.toml); the app's config and the UI
/// package must say the same, or installers and the About panel would disagree.
#[test]
fn cargo_tauri_conf_and_package_json_agree_on_the_version() {
    let version = env!("CARGO_PKG_VERSION");
    let read = |path: &str| -> Value {
        let full = concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + path;
        serde_json::from_str(&std::fs::read_to_string(&full).unwrap()).unwrap()
    };
    assert_eq!(
        read("tauri.conf.json")["version"],
        version,
        "src-tauri/tauri.conf.json"
    );
    assert_eq!(
        read("../ui/package.json")["version"],
        version,
        "ui/package.json"
    );
    assert_eq!(
        eca_core::types::TOOL_VERSION,
        version,
        "the engine's (reports)"
    );
}
