//! A token the run cannot prove is its own is never revoked: Salesforce may answer a grant with
//! the session an earlier grant received (the live integration's), and revoking it would sign
//! that client out. Only Salesforce's clocks decide (the token's `issued_at` against the `Date`
//! of the same answer); a fresh token is revoked as before.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{config, run, sim, step};
use eca_core::pipeline::issue_token;
use eca_core::types::{StepId, StepStatus};
use eca_sim::Scenario;

fn revokes(org: &eca_sim::SimOrg) -> usize {
    org.state()
        .requests
        .iter()
        .filter(|r| r.path == "/services/oauth2/revoke")
        .count()
}

#[tokio::test]
async fn a_shared_session_is_kept_and_said_so_and_a_fresh_token_is_revoked() {
    let org = sim(Scenario::SharedSession).await;
    for _ in 0..2 {
        let (report, _) = run(config(&org)).await;
        assert!(report.ok, "{:#?}", report.diagnosis);
        let revoke = step(&report, StepId::Revoke);
        assert_eq!(revoke.status, StepStatus::Skipped, "{revoke:?}");
        let summary = revoke.summary.as_deref().unwrap_or_default();
        assert!(
            summary.starts_with("Token kept: Salesforce issued it on ")
                && summary.contains("before this check")
                && summary.contains("revoking it would sign that client out"),
            "{summary}"
        );
        let kept = report.token_kept.as_ref().expect("the report says so");
        assert!(kept.shared);
        assert!(kept.issued_at.as_deref().unwrap().ends_with('Z'));
        let json = eca_core::report::to_json(&report);
        assert!(json.contains("\"token_kept\""), "{json}");
        let markdown = eca_core::report::to_markdown(&report);
        assert!(markdown.contains("## Token kept"), "{markdown}");
    }
    let state = org.state();
    assert_eq!(state.revoked_tokens, 0, "the shared session was revoked");
    assert_eq!(state.active_tokens, 1, "one session served every grant");
    assert_eq!(revokes(&org), 0, "nothing was even sent");

    // `token --` and every other holder of a token keep it the same way.
    let issued = issue_token(&config(&org)).await.unwrap();
    let kept = issued.revoke().await.unwrap().expect("kept");
    assert!(kept.reason.starts_with("Token kept:"), "{}", kept.reason);
    assert_eq!(org.state().revoked_tokens, 0);

    // A token minted for this grant is revoked as always.
    let fresh = sim(Scenario::Healthy).await;
    let (report, _) = run(config(&fresh)).await;
    assert!(report.ok);
    assert_eq!(step(&report, StepId::Revoke).status, StepStatus::Passed);
    assert!(report.token_kept.is_none());
    assert_eq!(fresh.state().active_tokens, 0);
    let issued = issue_token(&config(&fresh)).await.unwrap();
    assert!(issued.revoke().await.unwrap().is_none());
    assert_eq!(fresh.state().active_tokens, 0);
}

#[tokio::test]
async fn a_token_kept_as_asked_is_not_reported_as_shared() {
    let org = sim(Scenario::SharedSession).await;
    let mut cfg = config(&org);
    cfg.keep_token = true;
    let (report, _) = run(cfg).await;
    assert!(report.ok);
    assert!(report.token_kept.is_none(), "--keep-token says so itself");
    assert!(step(&report, StepId::Revoke)
        .summary
        .as_deref()
        .unwrap_or_default()
        .starts_with("kept as asked"));
}
