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

/// Each workspace crate's `rust-version` is the newest one among its (normal and build)
/// dependencies: neither a promise the lock file breaks nor a floor higher than needed.
#[test]
fn rust_version_is_what_the_dependencies_need() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages: std::collections::HashMap<&str, &Value> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let nodes: std::collections::HashMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let version = |p: &Value| -> Option<Vec<u64>> {
        let text = p["rust_version"].as_str()?;
        Some(text.split('.').map(|n| n.parse().unwrap()).collect())
    };
    for member in meta["workspace_members"].as_array().unwrap() {
        let member = member.as_str().unwrap();
        let name = packages[member]["name"].as_str().unwrap();
        let (mut seen, mut todo, mut needed) = (vec![], vec![member], None::<(Vec<u64>, &str)>);
        while let Some(id) = todo.pop() {
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
            for dep in nodes[id]["deps"].as_array().unwrap() {
                let runtime = dep["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].is_null() || k["kind"] == "build");
                if runtime {
                    let dep_id = dep["pkg"].as_str().unwrap();
                    todo.push(dep_id);
                    if let Some(v) = version(packages[dep_id]) {
                        if needed.as_ref().is_none_or(|(n, _)| v > *n) {
                            needed = Some((v, packages[dep_id]["name"].as_str().unwrap()));
                        }
                    }
                }
            }
        }
        let (needed, by) = needed.unwrap();
        let mut declared = version(packages[member]).expect("every crate declares rust-version");
        declared.resize(needed.len().max(declared.len()), 0);
        let mut needed_padded = needed.clone();
        needed_padded.resize(declared.len(), 0);
        assert_eq!(
            declared, needed_padded,
            "{name}: rust-version should be {needed:?} (needed by {by})"
        );
    }
}

/// The bench's bare app (a workspace of its own, tests/bench/bare-tauri) is a fair yardstick only
/// if it is built like the app: the same Tauri version in its lock file, the same release profile.
#[test]
fn bench_bare_app_has_the_apps_tauri_and_release_profile() {
    let read = |path: &str| -> toml::Table {
        let full = concat!(env!("CARGO_MANIFEST_DIR"), "/../").to_string() + path;
        toml::from_str(&std::fs::read_to_string(&full).unwrap()).unwrap()
    };
    let tauri_version = |lock: &toml::Table| {
        let packages = lock["package"].as_array().unwrap();
        let tauri = packages
            .iter()
            .find(|p| p["name"].as_str() == Some("tauri"));
        tauri.map(|p| p["version"].clone())
    };
    let (project, bare) = (
        read("Cargo.toml"),
        read("tests/bench/bare-tauri/Cargo.toml"),
    );
    assert_eq!(bare["profile"]["release"], project["profile"]["release"]);
    let bare_tauri = tauri_version(&read("tests/bench/bare-tauri/Cargo.lock"));
    assert!(bare_tauri.is_some());
    assert_eq!(bare_tauri, tauri_version(&read("Cargo.lock")));
}
