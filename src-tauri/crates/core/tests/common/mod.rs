//! Shared helpers: a simulated org per test, a run that records every progress event, and the
//! protocol checks every run must pass (what was sent, what was left behind).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use eca_core::pipeline::{run_check, CheckConfig};
use eca_core::salesforce::ApiName;
use eca_core::types::{CheckReport, StepId, StepResult, StepStatus};
use eca_core::Secret;
use eca_sim::{Scenario, SimOptions, SimOrg, SimState};
use std::sync::{Arc, Mutex};
use tokio_util::sync::CancellationToken;

pub async fn sim(scenario: Scenario) -> SimOrg {
    sim_with(scenario, true).await
}

/// `composite: false`: the org answers 404 to `…/composite` (the one-by-one fallback).
pub async fn sim_with(scenario: Scenario, composite: bool) -> SimOrg {
    SimOrg::start(SimOptions {
        scenario,
        composite,
        ..SimOptions::default()
    })
    .await
    .expect("the simulated org starts")
}

/// A config with the credentials the simulated org accepts.
pub fn config(sim: &SimOrg) -> CheckConfig {
    CheckConfig::new(
        sim.base_url(),
        sim.client_id(),
        Secret::new(sim.client_secret()),
    )
    .expect("the simulated org's address and credentials are valid input")
}

pub fn field(name: &str) -> ApiName {
    ApiName::field(name).expect("a field API name")
}

/// Run to the end; the report and every progress event in order.
pub async fn run(config: CheckConfig) -> (CheckReport, Vec<StepResult>) {
    run_with(config, CancellationToken::new(), |_, _| {}).await
}

/// Run with a hook called on every event (e.g. to cancel at a given step).
pub async fn run_with(
    config: CheckConfig,
    cancel: CancellationToken,
    hook: impl Fn(&StepResult, &CancellationToken) + Send + Sync + 'static,
) -> (CheckReport, Vec<StepResult>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let token = cancel.clone();
    let report = run_check(
        config,
        move |step| {
            sink.lock().unwrap().push(step.clone());
            hook(step, &token);
        },
        cancel,
    )
    .await
    .expect("the input is valid");
    let events = events.lock().unwrap().clone();
    (report, events)
}

pub fn step(report: &CheckReport, id: StepId) -> &StepResult {
    report
        .steps
        .iter()
        .find(|s| s.id == id)
        .expect("every step is in the report")
}

pub fn status(report: &CheckReport, id: StepId) -> StepStatus {
    step(report, id).status
}

/// Problems with what the run sent, as lines (empty = fine):
/// no `scope` anywhere; token form keys exactly grant_type/client_id/client_secret; REST and
/// identity calls with bearer auth; revoke with a `token` form key only.
pub fn protocol_problems(state: &SimState) -> Vec<String> {
    let mut problems = Vec::new();
    for r in &state.requests {
        let what = format!("{} {}", r.method, r.path);
        if r.form_keys
            .iter()
            .chain(&r.query_keys)
            .any(|k| k == "scope")
        {
            problems.push(format!("{what} carried `scope`"));
        }
        if r.path == "/services/oauth2/token" {
            let mut keys = r.form_keys.clone();
            keys.sort();
            if keys != ["client_id", "client_secret", "grant_type"] {
                problems.push(format!("{what} form keys {keys:?}"));
            }
            if r.auth != "none" {
                problems.push(format!("{what} auth {}", r.auth));
            }
        } else if r.path == "/services/oauth2/revoke" {
            if r.form_keys != ["token"] {
                problems.push(format!("{what} form keys {:?}", r.form_keys));
            }
        } else if r.path == "/services/data/" || r.path == "/services/data" {
            if r.auth != "none" {
                problems.push(format!("{what} sent credentials ({})", r.auth));
            }
        } else if r.path.starts_with("/services/data/v")
            || r.path == "/services/oauth2/userinfo"
            || r.path.starts_with("/id/")
        {
            if r.auth != "bearer" {
                problems.push(format!("{what} auth {} (want bearer)", r.auth));
            }
        } else {
            problems.push(format!("{what}: unexpected request"));
        }
    }
    problems
}

/// Every step ended (passed, failed or skipped), in the order of `StepId::ALL`, and each step
/// that ran was announced as running first.
pub fn progress_problems(report: &CheckReport, events: &[StepResult]) -> Vec<String> {
    let mut problems = Vec::new();
    let ids: Vec<StepId> = report.steps.iter().map(|s| s.id).collect();
    if ids != StepId::ALL {
        problems.push(format!("steps out of order: {ids:?}"));
    }
    for s in &report.steps {
        match s.status {
            StepStatus::Pending | StepStatus::Running => {
                problems.push(format!("{:?} ended {:?}", s.id, s.status));
            }
            StepStatus::Passed | StepStatus::Failed => {
                let ran = events
                    .iter()
                    .position(|e| e.id == s.id && e.status == StepStatus::Running);
                let ended = events
                    .iter()
                    .rposition(|e| e.id == s.id && e.status == s.status);
                match (ran, ended) {
                    (Some(a), Some(b)) if a < b => {}
                    _ => problems.push(format!("{:?}: no running → {:?} events", s.id, s.status)),
                }
                if s.ms.is_none() {
                    problems.push(format!("{:?} has no ms", s.id));
                }
            }
            StepStatus::Skipped => {
                if !events
                    .iter()
                    .any(|e| e.id == s.id && e.status == StepStatus::Skipped)
                {
                    problems.push(format!("{:?}: skipped without an event", s.id));
                }
            }
        }
        if s.summary.as_deref().unwrap_or("").is_empty() {
            problems.push(format!("{:?} has no summary", s.id));
        }
    }
    problems
}

/// True when `text` holds something shaped like a Salesforce access token: a 15-character org
/// id (`00D…`) followed by `!` (opaque tokens), or a JWT (`eyJ…` header, payload, signature:
/// `token_format: "jwt"`). Tokens are random and the simulated org never shows them, so their
/// shape is what a leak check can look for.
pub fn holds_access_token(text: &str) -> bool {
    let opaque = text.match_indices('!').any(|(at, _)| {
        at >= 15
            && text.is_char_boundary(at - 15)
            && text[at - 15..at].starts_with("00D")
            && text[at - 15..at].chars().all(|c| c.is_ascii_alphanumeric())
    });
    let b64 = |part: &str| {
        part.len() >= 10
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    let jwt = text.match_indices("eyJ").any(|(at, _)| {
        let rest: String = text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        let parts: Vec<&str> = rest.split('.').collect();
        parts.len() >= 3 && parts[..3].iter().all(|p| b64(p))
    });
    opaque || jwt
}

#[test]
fn the_token_shape_is_recognised() {
    assert!(holds_access_token(
        "Bearer 00DHn0000000CBZ!AQEAQNx1y2z3 in a log line"
    ));
    assert!(!holds_access_token(
        "org 00DHn0000000CBZMA2 (18 chars), done!"
    ));
    assert!(!holds_access_token("¡short!"));
    assert!(holds_access_token(
        "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMDUifQ.c2lnbmF0dXJlX2hlcmU in a log"
    ));
    assert!(!holds_access_token("eyJust a word. And another."));
}
