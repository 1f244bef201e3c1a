//! The About panel's facts and the update check, on the mock runtime with the app's own updater
//! configuration; update servers are loopback stand-ins serving a `latest.json`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::commands::about::{about, check_with};
use crate::updates::{policy, UpdateCheck, UpdatePolicy, UPDATE_CHECK_ENV};
use serde_json::{json, Value};
use tauri::test::{mock_builder, MockRuntime};
use tauri::Manager;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn app() -> tauri::App<MockRuntime> {
    crate::build_app(mock_builder())
        .build(crate::tests::test_context())
        .unwrap()
}

/// A loopback server that answers every request with `latest` (and counts them).
async fn update_server(
    latest: Value,
) -> (url::Url, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/latest.json", listener.local_addr().unwrap());
    let hits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = hits.clone();
    let body = latest.to_string();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(answer.as_bytes()).await;
        }
    });
    (url.parse().unwrap(), hits)
}

fn latest(version: &str) -> Value {
    let platform = json!({ "signature": "untrusted comment: test", "url": "https://example.invalid/update.tar.gz" });
    json!({
        "version": version,
        "notes": "Faster checks.",
        "pub_date": "2026-11-30T12:00:00Z",
        "platforms": {
            "linux-x86_64": platform, "linux-aarch64": platform,
            "darwin-x86_64": platform, "darwin-aarch64": platform,
            "windows-x86_64": platform
        }
    })
}

#[tokio::test]
async fn a_newer_release_is_offered_with_its_notes() {
    let app = app();
    let (url, hits) = update_server(latest("99.0.0")).await;
    let found = check_with(app.handle(), UpdatePolicy::On, Some(vec![url]))
        .await
        .unwrap();
    assert_eq!(
        found,
        UpdateCheck::Available {
            version: "99.0.0".into(),
            notes: Some("Faster checks.".into()),
            date: Some("2026-11-30".into()),
        }
    );
    assert_eq!(hits.load(std::sync::atomic::Ordering::SeqCst), 1);
}

#[tokio::test]
async fn the_same_or_an_older_release_is_up_to_date() {
    let app = app();
    let current = app.package_info().version.to_string();
    for version in [current.as_str(), "0.0.1"] {
        let (url, _) = update_server(latest(version)).await;
        let found = check_with(app.handle(), UpdatePolicy::On, Some(vec![url]))
            .await
            .unwrap();
        assert_eq!(
            found,
            UpdateCheck::UpToDate {
                version: current.clone()
            }
        );
    }
}

#[tokio::test]
async fn a_check_turned_off_asks_nobody() {
    let app = app();
    let (url, hits) = update_server(latest("99.0.0")).await;
    let off = UpdatePolicy::Off {
        reason: "Turned off by your organisation's policy.".into(),
    };
    let found = check_with(app.handle(), off, Some(vec![url]))
        .await
        .unwrap();
    assert_eq!(
        found,
        UpdateCheck::Off {
            reason: "Turned off by your organisation's policy.".into()
        }
    );
    assert_eq!(
        hits.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "no request when off"
    );
}

#[tokio::test]
async fn an_unreachable_update_server_is_an_error_that_points_to_the_releases() {
    let app = app();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/latest.json", listener.local_addr().unwrap());
    drop(listener);
    let error = check_with(
        app.handle(),
        UpdatePolicy::On,
        Some(vec![url.parse().unwrap()]),
    )
    .await
    .unwrap_err();
    assert!(
        error
            .message()
            .starts_with("Could not reach the update server."),
        "{}",
        error.message()
    );
    assert!(
        error.message().contains("releases page"),
        "{}",
        error.message()
    );
    assert!(
        !error.message().contains("error sending request"),
        "the transport's words stay in the log: {}",
        error.message()
    );
}

#[test]
fn the_environment_variable_or_the_policy_file_turns_the_check_off() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.json");
    assert_eq!(policy(None, Some(&file)), UpdatePolicy::On, "no file: on");
    assert_eq!(policy(Some("on"), None), UpdatePolicy::On);
    for value in ["off", "0", "FALSE", " no "] {
        let UpdatePolicy::Off { reason } = policy(Some(value), None) else {
            panic!("{value} should turn it off");
        };
        assert!(reason.contains(UPDATE_CHECK_ENV), "{reason}");
    }
    std::fs::write(&file, r#"{"updateCheck": false}"#).unwrap();
    let UpdatePolicy::Off { reason } = policy(Some("on"), Some(&file)) else {
        panic!("the file wins over an environment that says on");
    };
    assert!(reason.contains("policy.json"), "{reason}");
    std::fs::write(&file, r#"{"updateCheck": true}"#).unwrap();
    assert_eq!(policy(None, Some(&file)), UpdatePolicy::On);
    std::fs::write(&file, "update_check = no").unwrap();
    assert!(
        matches!(policy(None, Some(&file)), UpdatePolicy::Off { .. }),
        "an unreadable policy turns it off: its author meant something"
    );
}

#[test]
fn about_names_the_version_the_build_and_the_log_folder() {
    let app = app();
    let cx = crate::commands::Cx {
        app: app.handle().clone(),
    };
    let info = tauri::async_runtime::block_on(about(&cx)).unwrap();
    assert_eq!(info.version, app.package_info().version.to_string());
    assert!(info.build.starts_with("debug · "), "{}", info.build);
    assert_eq!(info.homepage, env!("CARGO_PKG_HOMEPAGE"));
    assert_eq!(
        info.log_folder,
        crate::logging::log_dir().map(|d| d.display().to_string())
    );
}

/// The folder the logs go to is the one Tauri calls the app's log folder.
#[test]
fn the_log_folder_is_tauris_app_log_dir() {
    let mut context = crate::tests::test_context();
    context.config_mut().identifier = eca_core::profiles::APP_IDENTIFIER.into();
    let app = crate::build_app(mock_builder()).build(context).unwrap();
    assert_eq!(
        Some(app.path().app_log_dir().unwrap()),
        crate::logging::log_dir()
    );
}

/// The project's address is written once (Cargo.toml); the package metadata and the updater's
/// endpoint follow it.
#[test]
fn the_homepage_and_the_update_endpoint_follow_cargo() {
    let conf: Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
    assert_eq!(conf["bundle"]["homepage"], env!("CARGO_PKG_HOMEPAGE"));
    let endpoints = conf["plugins"]["updater"]["endpoints"].as_array().unwrap();
    assert!(!endpoints.is_empty());
    for endpoint in endpoints {
        let endpoint = endpoint.as_str().unwrap();
        assert!(
            endpoint.starts_with(&format!("{}/releases/", env!("CARGO_PKG_REPOSITORY"))),
            "{endpoint}"
        );
        assert!(endpoint.starts_with("https://"), "{endpoint}");
    }
    assert!(conf["plugins"]["updater"]["pubkey"].as_str().unwrap().len() > 40);
}
