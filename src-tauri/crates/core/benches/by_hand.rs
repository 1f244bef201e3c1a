//! The same requests a healthy check makes, sent the way admins do without ECA Preflight: a
//! sequential curl script (a new connection per request) and a newman collection (Postman's
//! runner, from tests/peers), both through the same latency relay as the engine's runs.

use eca_sim::{LatencyRelay, Scenario, SimOptions, SimOrg};
use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

/// versions, token, userinfo, limits, describe, create, read, delete, revoke.
pub const REQUESTS: usize = 9;

const CURL_SCRIPT: &str = r#"#!/usr/bin/env bash
set -euo pipefail
B="$1"; V=v68.0
curl -sf "$B/services/data/" >/dev/null
TOKEN=$(curl -sf "$B/services/oauth2/token" -d grant_type=client_credentials \
  --data-urlencode "client_id=$ECA_BENCH_CLIENT_ID" --data-urlencode "client_secret=$ECA_PREFLIGHT_CLIENT_SECRET" \
  | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
H="Authorization: Bearer $TOKEN"
curl -sf -H "$H" "$B/services/oauth2/userinfo" >/dev/null
curl -sf -H "$H" "$B/services/data/$V/limits" >/dev/null
curl -sf -H "$H" "$B/services/data/$V/sobjects/Account/describe" >/dev/null
ID=$(curl -sf -H "$H" -H 'Content-Type: application/json' -d '{"Name":"ECA Preflight bench"}' \
  "$B/services/data/$V/sobjects/Account/" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
curl -sf -H "$H" "$B/services/data/$V/sobjects/Account/$ID" >/dev/null
curl -sf -X DELETE -H "$H" "$B/services/data/$V/sobjects/Account/$ID" >/dev/null
curl -sf "$B/services/oauth2/revoke" -d "token=$TOKEN" >/dev/null
"#;

fn collection() -> serde_json::Value {
    let get = |name: &str, path: &str| serde_json::json!({"name": name, "request": {"method": "GET", "header": [{"key": "Authorization", "value": "Bearer {{token}}"}], "url": format!("{{{{base}}}}{path}")}});
    serde_json::json!({
        "info": {"name": "ECA Preflight bench", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": "versions", "request": {"method": "GET", "url": "{{base}}/services/data/"}},
            {"name": "token", "request": {"method": "POST", "url": "{{base}}/services/oauth2/token",
                "body": {"mode": "urlencoded", "urlencoded": [
                    {"key": "grant_type", "value": "client_credentials"},
                    {"key": "client_id", "value": "{{client_id}}"},
                    {"key": "client_secret", "value": "{{client_secret}}"}]}},
             "event": [{"listen": "test", "script": {"exec": ["pm.environment.set('token', pm.response.json().access_token);"]}}]},
            get("userinfo", "/services/oauth2/userinfo"),
            get("limits", "/services/data/v68.0/limits"),
            get("describe", "/services/data/v68.0/sobjects/Account/describe"),
            {"name": "create", "request": {"method": "POST", "header": [{"key": "Authorization", "value": "Bearer {{token}}"}, {"key": "Content-Type", "value": "application/json"}],
                "url": "{{base}}/services/data/v68.0/sobjects/Account/", "body": {"mode": "raw", "raw": "{\"Name\":\"ECA Preflight bench\"}"}},
             "event": [{"listen": "test", "script": {"exec": ["pm.environment.set('id', pm.response.json().id);"]}}]},
            get("read", "/services/data/v68.0/sobjects/Account/{{id}}"),
            {"name": "delete", "request": {"method": "DELETE", "header": [{"key": "Authorization", "value": "Bearer {{token}}"}], "url": "{{base}}/services/data/v68.0/sobjects/Account/{{id}}"}},
            {"name": "revoke", "request": {"method": "POST", "url": "{{base}}/services/oauth2/revoke",
                "body": {"mode": "urlencoded", "urlencoded": [{"key": "token", "value": "{{token}}"}]}}}
        ]
    })
}

/// One tool's runs at one round-trip time; samples sorted, in ms.
pub struct ToolRow {
    pub rtt_ms: u64,
    pub tool: &'static str,
    pub samples: Vec<f64>,
}

async fn one_run(rtt: Duration, tool: &str, dir: &Path, newman: &Path) -> Option<f64> {
    let mut relay = LatencyRelay::bind(rtt).await.expect("the relay binds");
    let url = relay.url();
    let sim = SimOrg::start(SimOptions {
        scenario: Scenario::Healthy,
        advertised_url: Some(url.clone()),
        ..SimOptions::default()
    })
    .await
    .expect("the simulated org starts");
    relay.start(sim.local_addr());
    let mut command = if tool == "curl script" {
        let mut c = tokio::process::Command::new("bash");
        c.arg(dir.join("check.sh")).arg(&url);
        c
    } else {
        let env = serde_json::json!({"values": [
            {"key": "base", "value": url}, {"key": "client_id", "value": sim.client_id()},
            {"key": "client_secret", "value": sim.client_secret()}]});
        std::fs::write(dir.join("env.json"), env.to_string()).ok()?;
        let mut c = tokio::process::Command::new(newman);
        c.args(["run", "--bail", "--reporters", "cli"])
            .arg(dir.join("collection.json"))
            .arg("-e")
            .arg(dir.join("env.json"));
        c
    };
    command
        .env("ECA_BENCH_CLIENT_ID", sim.client_id())
        .env("ECA_PREFLIGHT_CLIENT_SECRET", sim.client_secret())
        .stdin(std::process::Stdio::null());
    let started = Instant::now();
    let out = command.output().await.ok()?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let state = sim.state();
    let clean = state.records.is_empty() && state.active_tokens == 0;
    sim.shutdown().await;
    if !out.status.success() || !clean {
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        let tail: String = text
            .lines()
            .rev()
            .take(6)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n");
        eprintln!(
            "{tool}: exit {:?}, records left {}, live tokens {}\n{tail}",
            out.status.code(),
            state.records.len(),
            state.active_tokens
        );
        return None;
    }
    Some(ms)
}

/// Every tool at every round-trip time; a tool that is missing (no newman installed) is left out.
pub async fn measure(rtts_ms: &[u64]) -> Vec<ToolRow> {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join("check.sh"), CURL_SCRIPT).expect("the script is written");
    std::fs::write(dir.path().join("collection.json"), collection().to_string())
        .expect("the collection is written");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(3)
        .expect("the repository root");
    let newman = root.join("tests/peers/node_modules/.bin/newman");
    let mut rows = Vec::new();
    for &rtt_ms in rtts_ms {
        for tool in ["curl script", "newman"] {
            if tool == "newman" && !newman.exists() {
                continue;
            }
            let mut samples = Vec::with_capacity(RUNS);
            for _ in 0..RUNS {
                match one_run(Duration::from_millis(rtt_ms), tool, dir.path(), &newman).await {
                    Some(ms) => samples.push(ms),
                    None => eprintln!("{tool} at {rtt_ms} ms RTT did not pass; left out"),
                }
            }
            if samples.is_empty() {
                continue;
            }
            samples.sort_by(f64::total_cmp);
            rows.push(ToolRow {
                rtt_ms,
                tool,
                samples,
            });
        }
    }
    rows
}
