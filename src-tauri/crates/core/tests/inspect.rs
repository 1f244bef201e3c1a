//! Inspection against the simulated org: each token-failure scenario's misconfiguration is
//! named by exactly its finding, a healthy app by none, and a login without the permission by
//! `inspect_access_denied` — and the admin's token and the consumer secret appear nowhere.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{config, run, sim, sim_with};
use eca_core::client::ClientOptions;
use eca_core::inspect::{inspect, AdminLogin, CheckStatus, FindingCode, InspectError, Inspection};
use eca_core::Secret;
use eca_sim::{Scenario, SimOrg};
use std::time::Duration;

fn options() -> ClientOptions {
    ClientOptions::new(Duration::from_secs(10))
}

async fn inspect_with(org: &SimOrg, token: &str, key: &str) -> Result<Inspection, InspectError> {
    let login = AdminLogin::pasted(org.base_url(), Secret::new(token)).unwrap();
    inspect(&login, key, &options()).await
}

fn codes(i: &Inspection) -> Vec<FindingCode> {
    i.findings.iter().map(|f| f.code).collect()
}

#[tokio::test]
async fn every_scenario_is_named_by_exactly_its_finding() {
    use FindingCode::*;
    let table = [
        (Scenario::Healthy, None),
        (Scenario::NoRunAsUser, Some(RunAsMissing)),
        (Scenario::FlowDisabled, Some(CcFlowOffPolicies)),
        (Scenario::NotAdminApproved, Some(RunAsNotPreauthorized)),
        (Scenario::NoValidScopes, Some(ScopesMissingApi)),
        (Scenario::IpRestricted, Some(IpRestricted)),
        (Scenario::InactiveUser, Some(RunAsInactive)),
        (Scenario::ApiDisabledUser, Some(RunAsNoApi)),
        (Scenario::RunAsEmail, Some(RunAsNotFound)),
        (Scenario::FlowOffSettings, Some(CcFlowOffSettings)),
        (Scenario::NoApiScope, Some(ScopesMissingApi)),
    ];
    for (scenario, expected) in table {
        let org = sim(scenario).await;
        let found = inspect_with(&org, org.admin_token(), org.client_id())
            .await
            .unwrap();
        assert_eq!(
            codes(&found),
            expected.into_iter().collect::<Vec<_>>(),
            "{scenario}: {:#?}",
            found.checks
        );
        let app = found.app.as_ref().expect("the app is found");
        assert_eq!(app.name, "Preflight_Integration");
        if expected.is_none() {
            assert!(
                found.checks.iter().all(|c| c.status == CheckStatus::Passed),
                "{scenario}: {:#?}",
                found.checks
            );
        }
        let f = found.findings.first();
        if let Some(f) = f {
            assert!(
                f.setup_url.as_deref().unwrap().starts_with(org.base_url()),
                "{f:?}"
            );
            assert!(!f.read.is_empty() && !f.fix.is_empty());
        }
        // The admin's token and the consumer secret (which readMetadata answers) never show.
        let json = serde_json::to_string(&found).unwrap();
        assert!(!json.contains(org.admin_token()) && !json.contains(org.client_secret()));
        org.shutdown().await;
    }
}

#[tokio::test]
async fn a_legacy_connected_app_is_found_by_its_key_and_checked_the_same_way() {
    let org = sim(Scenario::ConnectedApp).await;
    let found = inspect_with(&org, org.admin_token(), org.client_id())
        .await
        .unwrap();
    assert!(found.findings.is_empty(), "{:#?}", found.checks);
    let app = found.app.as_ref().unwrap();
    assert_eq!(
        (app.kind, app.name.as_str()),
        (eca_core::inspect::AppKind::ConnectedApp, "Preflight_Legacy")
    );
    let labels: Vec<&str> = found.checks.iter().map(|c| c.label.as_str()).collect();
    assert!(
        labels.contains(&"Client Credentials flow enabled"),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"The Run As user may use the app"),
        "{labels:?}"
    );
    assert!(
        found.checks.iter().all(|c| c.status == CheckStatus::Passed),
        "{:#?}",
        found.checks
    );
    let json = serde_json::to_string(&found).unwrap();
    assert!(
        !json.contains(org.client_secret()),
        "the secret in its metadata is never read"
    );
}

#[tokio::test]
async fn an_email_in_the_run_as_field_names_the_username_it_belongs_to() {
    let org = sim(Scenario::RunAsEmail).await;
    let found = inspect_with(&org, org.admin_token(), org.client_id())
        .await
        .unwrap();
    let f = &found.findings[0];
    assert!(
        f.read.contains("it-integrations@practice-org.example"),
        "{}",
        f.read
    );
    assert!(
        f.read
            .contains("preflight.integration@practice-org.example"),
        "{}",
        f.read
    );
    assert!(f.fix.contains("not their email"));
}

#[tokio::test]
async fn an_unknown_key_a_limited_login_and_a_refused_login() {
    let org = sim(Scenario::Healthy).await;
    let found = inspect_with(&org, org.admin_token(), "3MVG9-not-a-key-of-this-org")
        .await
        .unwrap();
    assert_eq!(codes(&found), [FindingCode::EcaNotFound]);
    assert!(found.app.is_none());

    let found = inspect_with(&org, org.limited_admin_token(), org.client_id())
        .await
        .unwrap();
    assert_eq!(codes(&found), [FindingCode::InspectAccessDenied]);
    let f = &found.findings[0];
    assert!(
        f.read.contains("ExtlClntAppGlobalOauthSettings"),
        "{}",
        f.read
    );
    assert!(f
        .fix
        .contains("View all External Client Apps, view their settings, and edit their policies"));
    assert!(found.has_errors());

    let err = inspect_with(&org, "00Dbogus!token", org.client_id())
        .await
        .unwrap_err();
    assert!(matches!(err, InspectError::LoginRefused { .. }), "{err}");
    assert!(!err.to_string().contains("00Dbogus!token"));
}

#[tokio::test]
async fn an_admin_token_is_never_sent_to_a_host_that_is_not_salesforce() {
    let login = AdminLogin::pasted(
        "https://login.example-proxy.com",
        Secret::new("00Dadmin!secret"),
    )
    .unwrap();
    let err = inspect(&login, "3MVG9key", &options()).await.unwrap_err();
    assert!(matches!(err, InspectError::UntrustedHost { .. }), "{err}");
    assert!(
        err.to_string().contains("login.example-proxy.com")
            && !err.to_string().contains("00Dadmin!secret")
    );
}

/// The requests of one inspection, not counting the sub-requests of composite calls.
fn calls(org: &SimOrg) -> usize {
    org.state()
        .requests
        .iter()
        .filter(|r| !r.subrequest)
        .count()
}

#[tokio::test]
async fn the_reads_go_out_in_a_few_calls_and_the_same_without_composite() {
    for scenario in [
        Scenario::Healthy,
        Scenario::RunAsEmail,
        Scenario::NoRunAsUser,
    ] {
        let org = sim(scenario).await;
        let found = inspect_with(&org, org.admin_token(), org.client_id())
            .await
            .unwrap();
        // Versions (and a second connection), one list, one composite of describes, one read,
        // one composite of every SOQL read.
        assert!(calls(&org) <= 6, "{scenario}: {:#?}", org.state().requests);

        let one_by_one = sim_with(scenario, false).await;
        let same = inspect_with(
            &one_by_one,
            one_by_one.admin_token(),
            one_by_one.client_id(),
        )
        .await
        .unwrap();
        assert_eq!(codes(&same), codes(&found), "{scenario}");
        let outline = |i: &Inspection| -> Vec<(String, CheckStatus)> {
            i.checks
                .iter()
                .map(|c| (c.label.clone(), c.status))
                .collect()
        };
        assert_eq!(outline(&same), outline(&found), "{scenario}");
        assert!(calls(&one_by_one) > 6, "the fallback reads one at a time");
    }
}

#[tokio::test]
async fn salesforce_s_own_reason_is_quoted_from_login_history() {
    let org = sim(Scenario::IpRestricted).await;
    let (report, _) = run(config(&org)).await;
    assert_eq!(
        report.diagnosis.as_ref().map(|d| d.code.as_str()),
        Some("ip_restricted")
    );
    let found = inspect_with(&org, org.admin_token(), org.client_id())
        .await
        .unwrap();
    assert_eq!(codes(&found), [FindingCode::IpRestricted]);
    let says = found.findings[0]
        .salesforce_says
        .as_deref()
        .unwrap_or_default();
    assert!(says.starts_with("Restricted IP (Login History, "), "{says}");
    assert_eq!(found.login_history.attempts[0].status, "Restricted IP");
    assert_eq!(found.login_history.note, None);

    // A healthy grant is a Success row, and nothing is quoted.
    let org = sim(Scenario::Healthy).await;
    let (report, _) = run(config(&org)).await;
    assert!(report.diagnosis.is_none());
    let found = inspect_with(&org, org.admin_token(), org.client_id())
        .await
        .unwrap();
    assert_eq!(found.login_history.attempts.len(), 1);
    assert_eq!(found.login_history.attempts[0].status, "Success");
    assert!(found.findings.is_empty());

    // A login that may not read Login History gets a note, not a failure of its own.
    let org = sim(Scenario::IpRestricted).await;
    let found = inspect_with(&org, org.limited_admin_token(), org.client_id())
        .await
        .unwrap();
    assert!(found.login_history.attempts.is_empty());
    assert!(
        found
            .login_history
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("could not")
            || found
                .login_history
                .note
                .as_deref()
                .unwrap_or_default()
                .contains("may not"),
        "{:?}",
        found.login_history
    );
}
