//! Every scenario of `eca_sim::Scenario::ALL` through the public engine API: the diagnosis code, the
//! verdict, and what the simulated org saw (no record left, token revoked, clean requests) — once
//! with the record steps as one composite call, once one request per step (composite refused).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{progress_problems, protocol_problems, run, sim_with, status, step};
use eca_core::types::{CheckReport, StepId, StepStatus};
use eca_sim::{Scenario, SimState};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_scenario_is_diagnosed_and_cleaned_up() {
    let mut problems = Vec::new();
    for (scenario, composite) in Scenario::ALL
        .into_iter()
        .flat_map(|s| [(s, true), (s, false)])
    {
        let org = sim_with(scenario, composite).await;
        let secret = org.client_secret().to_string();
        let mut config = common::config(&org);
        if scenario == Scenario::CustomObjectAutonumber {
            config.object = eca_core::salesforce::ApiName::object("Preflight_Test__c").unwrap();
        }
        let (report, events) = run(config).await;
        let state = org.state();
        let mut p = check(scenario, &report, &state);
        p.extend(progress_problems(&report, &events));
        p.extend(protocol_problems(&state));
        p.extend(record_call_problems(composite, &report, &state));
        let json = serde_json::to_string(&report).unwrap();
        if json.contains(&secret) {
            p.push("the report holds the secret".into());
        }
        if common::holds_access_token(&json) {
            p.push("the report holds the access token".into());
        }
        let how = if composite { "composite" } else { "one by one" };
        problems.extend(
            p.into_iter()
                .map(|x| format!("{} ({how}): {x}", scenario.name())),
        );
        org.shutdown().await;
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The record steps went the way the org allows: one composite call (plus, at most, a delete
/// retried alone), or single calls after one refused composite call.
fn record_call_problems(composite: bool, report: &CheckReport, state: &SimState) -> Vec<String> {
    let calls = |method: &str, tail: &str| {
        state
            .requests
            .iter()
            .filter(|r| !r.subrequest && r.method == method && r.path.ends_with(tail))
            .count()
    };
    let composites = calls("POST", "/composite");
    let creates = calls("POST", "/sobjects/Account") + calls("POST", "/sobjects/Account/");
    let create_ran = status(report, StepId::Create) != StepStatus::Skipped;
    let mut p = Vec::new();
    match (create_ran, composite) {
        (false, _) if composites + creates != 0 => {
            p.push(format!(
                "create skipped, yet {composites} composite / {creates} create call(s)"
            ));
        }
        (true, true) if composites != 1 || creates != 0 => {
            p.push(format!(
                "{composites} composite / {creates} single create call(s), want 1 / 0"
            ));
        }
        (true, false) if composites != 1 => {
            p.push(format!(
                "{composites} composite call(s) tried, want 1 (refused)"
            ));
        }
        _ => {}
    }
    p
}

fn check(scenario: Scenario, report: &CheckReport, state: &SimState) -> Vec<String> {
    let mut p = Vec::new();
    match scenario {
        Scenario::CustomObjectAutonumber => {
            let record = report.record.as_ref();
            if record.map(|r| r.object.as_str()) != Some("Preflight_Test__c") {
                p.push("the record is not of the custom object".into());
            }
            if record.is_some_and(|r| r.fields.contains_key("Name")) {
                p.push("an auto-number Name was sent".into());
            }
        }
        Scenario::PerAppLimits => {
            let usage = report.org.as_ref().and_then(|o| o.api_usage);
            if usage.is_none_or(|u| u.max != 15_000) {
                p.push(format!("api_usage {usage:?}, want the org's figure"));
            }
        }
        Scenario::Sandbox
            if report
                .identity
                .as_ref()
                .and_then(|i| i.username.as_ref())
                .is_none() =>
        {
            p.push("no Run As user shown".into());
        }
        Scenario::RequiredTypedFields => {
            let fields = report
                .record
                .as_ref()
                .map(|r| r.fields.clone())
                .unwrap_or_default();
            let user = report.identity.as_ref().map(|i| i.user_id.clone());
            if fields.get("Account_Manager__c") != user.as_ref() {
                p.push(format!(
                    "the User lookup is not the Run As user: {fields:?}"
                ));
            }
            for name in [
                "Rating__c",
                "Renewal_Date__c",
                "Contract_Value__c",
                "Billing_Email__c",
                "Is_Partner__c",
            ] {
                if !fields.contains_key(name) {
                    p.push(format!("{name} was not sent"));
                }
            }
        }
        _ => {}
    }
    let code = report.diagnosis.as_ref().map(|d| d.code.as_str());
    if code != scenario.expected_code() {
        let summaries: Vec<String> = report
            .steps
            .iter()
            .map(|s| {
                format!(
                    "{:?}={:?} {}",
                    s.id,
                    s.status,
                    s.summary.as_deref().unwrap_or("")
                )
            })
            .collect();
        p.push(format!(
            "diagnosis {code:?}, want {:?}; steps: {}",
            scenario.expected_code(),
            summaries.join(" | ")
        ));
    }
    let want_ok = scenario.expected_code().is_none();
    if report.ok != want_ok {
        p.push(format!("ok = {}, want {want_ok}", report.ok));
    }
    if report.cancelled {
        p.push("cancelled without a cancel".into());
    }
    if let Some(d) = &report.diagnosis {
        if d.fix.is_empty() || d.title.is_empty() {
            p.push("diagnosis without title or fix".into());
        }
        if d.step.is_none() {
            p.push("diagnosis names no step".into());
        }
        // Only a maintenance window is "not a configuration problem", and the report says so.
        let maintenance = scenario == Scenario::ReadOnlyMaintenance;
        if d.configuration_problem == maintenance {
            p.push(format!(
                "configuration_problem = {}",
                d.configuration_problem
            ));
        }
        let markdown = eca_core::report::to_markdown(report);
        if markdown.contains("Not a configuration problem") != maintenance {
            p.push("the Markdown report's configuration label is wrong".into());
        }
    }
    // The 2026 answers fail on the step that got them.
    let failed_at = match scenario {
        Scenario::TxnSecurityBlocked | Scenario::ReadOnlyMaintenance => Some(StepId::Create),
        Scenario::TxnSecurityMfa => Some(StepId::ApiAccess),
        Scenario::FrozenUser => Some(StepId::Token),
        _ => None,
    };
    if let Some(want) = failed_at {
        let got = report.diagnosis.as_ref().and_then(|d| d.step);
        if got != Some(want) {
            p.push(format!("diagnosed at {got:?}, want {want:?}"));
        }
    }

    // Concurrent steps start together: a fast sibling failure never skips one of them.
    for group in [
        &[StepId::Reachability, StepId::Token][..],
        &[StepId::Identity, StepId::ApiAccess, StepId::Describe],
    ] {
        let statuses: Vec<StepStatus> = group.iter().map(|&id| status(report, id)).collect();
        let ran = statuses
            .iter()
            .filter(|s| **s != StepStatus::Skipped)
            .count();
        if ran != 0 && ran != group.len() {
            p.push(format!("group {group:?} partly skipped: {statuses:?}"));
        }
    }

    // Nothing the run created is left behind, except where delete is denied.
    if scenario == Scenario::NoDeleteAccess {
        let record = report.record.as_ref();
        let stayed: Vec<&str> = state.records.iter().map(|r| r.id.as_str()).collect();
        match (record.and_then(|r| r.id.as_deref()), stayed.as_slice()) {
            (Some(id), [left]) if id == *left => {
                let r = record.unwrap();
                if r.deleted || !r.created {
                    p.push(format!(
                        "record flags created={} deleted={}",
                        r.created, r.deleted
                    ));
                }
                let cause = &report.diagnosis.as_ref().unwrap().cause;
                if !cause.contains(id) {
                    p.push(format!(
                        "the diagnosis does not name the record that stayed: {cause}"
                    ));
                }
                let summary = step(report, StepId::Delete)
                    .summary
                    .clone()
                    .unwrap_or_default();
                if !summary.contains(id) || !summary.contains("/lightning/r/Account/") {
                    p.push(format!("the delete summary names no id/link: {summary}"));
                }
            }
            other => p.push(format!(
                "want exactly the reported record left, got {other:?}"
            )),
        }
    } else if !state.records.is_empty() {
        p.push(format!("{} record(s) left in the org", state.records.len()));
    }

    // The token is revoked whenever one was issued — unless it is an earlier grant's session
    // (shared-session), which is kept, never revoked, and said so.
    let token_passed = status(report, StepId::Token) == StepStatus::Passed;
    let revoke = status(report, StepId::Revoke);
    if scenario == Scenario::SharedSession {
        if state.active_tokens != 1 || state.revoked_tokens != 0 {
            p.push(format!(
                "the shared session was revoked ({} active, {} revoked)",
                state.active_tokens, state.revoked_tokens
            ));
        }
        if revoke != StepStatus::Skipped || !report.token_kept.as_ref().is_some_and(|k| k.shared) {
            p.push(format!(
                "shared session not kept and said so: revoke {revoke:?}"
            ));
        }
    } else {
        if state.active_tokens != 0 {
            p.push(format!("{} token(s) still active", state.active_tokens));
        }
        if token_passed && revoke != StepStatus::Passed {
            p.push(format!("token issued but revoke {revoke:?}"));
        }
        if report.token_kept.is_some() {
            p.push(format!("a fresh token was kept: {:?}", report.token_kept));
        }
    }
    if !token_passed && revoke != StepStatus::Skipped {
        p.push(format!("no token but revoke {revoke:?}"));
    }

    // A record created is deleted unless delete itself was refused.
    if let Some(r) = &report.record {
        if r.created && scenario != Scenario::NoDeleteAccess && !r.deleted {
            p.push("record created but not deleted".into());
        }
    }

    match scenario {
        Scenario::Healthy
        | Scenario::BadSignature
        | Scenario::RequiredField
        | Scenario::JwtToken
        | Scenario::SharedSession => {
            p.extend(healthy_problems(report));
        }
        _ => {}
    }
    if scenario == Scenario::JwtToken {
        p.extend(jwt_problems(report));
    } else if scenario == Scenario::BadSignature {
        if !report
            .warnings
            .iter()
            .any(|w| w.code == "signature_mismatch")
        {
            p.push("no signature_mismatch warning".into());
        }
        if step(report, StepId::Signature).warning
            != Some(eca_core::DiagnosisCode::SignatureMismatch)
        {
            p.push("the signature step carries no warning".into());
        }
    } else if !report.warnings.is_empty() {
        p.push(format!("unexpected warnings {:?}", report.warnings));
    }
    if scenario == Scenario::RequiredField {
        let r = report.record.as_ref().unwrap();
        let extra: Vec<_> = r
            .required_fields
            .iter()
            .filter(|f| f.name != "Name")
            .collect();
        if extra.is_empty() {
            p.push("describe found no extra required field".into());
        }
        for f in extra {
            if f.value.is_none() || !r.fields.contains_key(&f.name) {
                p.push(format!("required field {} not filled", f.name));
            }
        }
    }
    p
}

/// A JWT-based token (`jwt-token`) passes with one warning, on the Token step: REST only.
fn jwt_problems(report: &CheckReport) -> Vec<String> {
    let mut p = Vec::new();
    let codes: Vec<_> = report.warnings.iter().map(|w| w.code).collect();
    if codes != [eca_core::DiagnosisCode::JwtTokenRestOnly] {
        p.push(format!("warnings {codes:?}, not jwt_token_rest_only"));
    }
    if step(report, StepId::Token).warning != Some(eca_core::DiagnosisCode::JwtTokenRestOnly) {
        p.push("the token step carries no jwt_token_rest_only warning".into());
    }
    p
}

/// A run that passed: everything the report promises is filled in.
fn healthy_problems(report: &CheckReport) -> Vec<String> {
    let mut p = Vec::new();
    for s in &report.steps {
        // A kept token (an earlier grant's session) skips the revoke; the caller checks why.
        let kept = s.id == StepId::Revoke && report.token_kept.is_some();
        if s.status != StepStatus::Passed && !kept {
            p.push(format!("{:?} is {:?}", s.id, s.status));
        }
    }
    match &report.identity {
        Some(id) if id.username.is_some() && !id.user_id.is_empty() => {}
        other => p.push(format!("identity {other:?}")),
    }
    match &report.record {
        Some(r) if r.created && r.read_back && r.deleted && !r.kept && r.id.is_some() => {
            if !r
                .url
                .as_deref()
                .unwrap_or("")
                .contains("/lightning/r/Account/")
            {
                p.push(format!("record url {:?}", r.url));
            }
            if !r.fields.contains_key("Name") {
                p.push("no Name sent".into());
            }
        }
        other => p.push(format!("record {other:?}")),
    }
    let org = report.org.as_ref().unwrap();
    if org.api_version.is_none() || org.api_release.is_none() {
        p.push(format!(
            "api version {:?} {:?}",
            org.api_version, org.api_release
        ));
    }
    if org.api_usage.is_none() {
        p.push("no api usage".into());
    }
    if org.token_type.as_deref() != Some("Bearer") {
        p.push(format!("token type {:?}", org.token_type));
    }
    if org.kind != eca_core::domain::DomainKind::Loopback || org.host.is_empty() {
        p.push(format!("org {:?} {}", org.kind, org.host));
    }
    if report.client_id_masked.is_empty() || report.started_at.is_empty() {
        p.push("client_id_masked / started_at empty".into());
    }
    p
}
