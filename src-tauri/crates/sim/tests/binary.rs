//! The `eca-sim` binary: the ready line, --list-scenarios, unknown scenarios.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use eca_sim::Scenario;

const BIN: &str = env!("CARGO_BIN_EXE_eca-sim");

/// Kills the child even when an assertion fails.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn ready_line(args: &[&str]) -> (Child, serde_json::Value) {
    let mut child = Child(
        Command::new(BIN)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let stdout = child.0.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let ready: serde_json::Value = serde_json::from_str(&line).unwrap();
    (child, ready)
}

#[tokio::test]
async fn prints_the_ready_line_and_serves_the_scenario() {
    let (_child, ready) = ready_line(&["--scenario", "wrong-secret", "--port", "0"]);
    let mut keys: Vec<&str> = ready
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "admin_token",
            "base_url",
            "ca_cert",
            "client_id",
            "client_secret",
            "limited_admin_token"
        ]
    );
    assert!(ready["ca_cert"].is_null());
    let base = ready["base_url"].as_str().unwrap();
    assert!(base.starts_with("http://127.0.0.1:"));
    common::use_ring();
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let resp = client
        .post(format!("{base}/services/oauth2/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", ready["client_id"].as_str().unwrap()),
            ("client_secret", ready["client_secret"].as_str().unwrap()),
        ])
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"], "invalid_client");
    let state: serde_json::Value = client
        .get(format!("{base}/__sim/state"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(state["scenario"], "wrong-secret");
}

#[tokio::test]
async fn tls_ready_line_names_the_ca_file() {
    let (_child, ready) = ready_line(&["--tls"]);
    let ca = ready["ca_cert"].as_str().unwrap();
    let pem = std::fs::read(ca).unwrap();
    common::use_ring();
    let client = reqwest::Client::builder()
        .no_proxy()
        .tls_certs_only([reqwest::Certificate::from_pem(&pem).unwrap()])
        .build()
        .unwrap();
    let base = ready["base_url"].as_str().unwrap();
    assert!(base.starts_with("https://"));
    let resp = client
        .get(format!("{base}/services/data/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[cfg(unix)]
#[test]
fn sigterm_stops_it_cleanly() {
    let (mut child, _ready) = ready_line(&[]);
    let pid = child.0.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let status = child.0.wait().unwrap();
    assert!(status.success(), "{status:?}");
}

#[test]
fn lists_scenarios() {
    let out = Command::new(BIN).arg("--list-scenarios").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), Scenario::ALL.len());
    for (line, s) in lines.iter().zip(Scenario::ALL) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols[0], s.name());
        assert_eq!(cols[1], s.expected_code().unwrap_or("-"));
        assert_eq!(cols[2], s.description());
    }
}

#[test]
fn unknown_scenario_exits_2_with_the_list() {
    let out = Command::new(BIN)
        .args(["--scenario", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("'nope'"));
    assert!(err.contains("no-delete-access"));
    assert!(out.stdout.is_empty());
}
