//! A fault in each request of a healthy run in turn — every request index × every fault kind
//! (500, a cut connection, a stall past the timeout, an HTML page): every run ends, with a
//! diagnosis when it did not pass, and afterwards the org holds no record the cleanup journal
//! does not know of; `clean_up` then removes those.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::run;
use eca_core::journal::Journal;
use eca_core::pipeline::{clean_up, run_check, CheckConfig};
use eca_core::Secret;
use eca_sim::{Fault, FaultKind, Scenario, SimOptions, SimOrg};
use std::time::Duration;

async fn org(fault: Option<Fault>, composite: bool) -> SimOrg {
    SimOrg::start(SimOptions {
        scenario: Scenario::Healthy,
        fault,
        composite,
        ..SimOptions::default()
    })
    .await
    .unwrap()
}

fn config(org: &SimOrg, journal: &std::sync::Arc<Journal>) -> CheckConfig {
    let mut c = CheckConfig::new(
        org.base_url(),
        org.client_id(),
        Secret::new(org.client_secret()),
    )
    .unwrap();
    // A stalled answer is given up on quickly.
    c.timeout = Duration::from_secs(2);
    c.journal = Some(journal.clone());
    c
}

fn requests(org: &SimOrg) -> usize {
    org.state()
        .requests
        .iter()
        .filter(|r| !r.subrequest)
        .count()
}

async fn every_fault_in_every_request(composite: bool) {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::beside(&dir.path().join("profiles.json"));
    let clean = org(None, composite).await;
    let (report, _) = run(config(&clean, &journal)).await;
    assert!(report.ok);
    let count = requests(&clean);
    assert!(count >= 6, "a healthy run makes {count} requests");
    for kind in FaultKind::ALL {
        for at in 1..=count {
            let org = org(Some(Fault { kind, at }), composite).await;
            let cfg = config(&org, &journal);
            let report = tokio::time::timeout(
                Duration::from_secs(60),
                run_check(cfg.clone(), |_| {}, Default::default()),
            )
            .await
            .unwrap_or_else(|_| panic!("{kind}@{at}: the run hung"))
            .expect("valid input");
            let what = format!("{kind}@{at} (composite {composite})");
            if !report.ok {
                let d = report
                    .diagnosis
                    .as_ref()
                    .unwrap_or_else(|| panic!("{what}: failed without a diagnosis"));
                assert!(!d.title.is_empty() && !d.fix.is_empty(), "{what}: {d:?}");
            }
            // What the org holds is known to the journal: by id, or by the marker in its name.
            let lines = journal.entries();
            for record in org.state().records {
                let name = record
                    .fields
                    .get("Name")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default();
                let known = lines.iter().any(|l| {
                    l.record_id.as_deref() == Some(record.id.as_str()) || name.contains(&l.marker)
                });
                assert!(
                    known,
                    "{what}: record {} is in no journal line: {lines:?}",
                    record.id
                );
            }
            for line in lines {
                clean_up(&cfg, &journal, &line)
                    .await
                    .unwrap_or_else(|d| panic!("{what}: cleanup: {d:?}"));
            }
            assert!(
                org.state().records.is_empty(),
                "{what}: cleanup left a record"
            );
            assert!(journal.entries().is_empty());
        }
    }
}

#[tokio::test]
async fn every_fault_in_every_request_with_composite() {
    every_fault_in_every_request(true).await;
}

#[tokio::test]
async fn every_fault_in_every_request_one_by_one() {
    every_fault_in_every_request(false).await;
}

#[tokio::test]
async fn a_token_that_could_not_be_revoked_is_named_in_the_diagnosis() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::beside(&dir.path().join("profiles.json"));
    let clean = org(None, true).await;
    run(config(&clean, &journal)).await;
    let last = requests(&clean);
    assert_eq!(
        clean.state().requests.last().unwrap().path,
        "/services/oauth2/revoke"
    );
    let org = org(
        Some(Fault {
            kind: FaultKind::ServerError,
            at: last,
        }),
        true,
    )
    .await;
    let (report, _) = run(config(&org, &journal)).await;
    assert!(!report.ok);
    let d = report.diagnosis.unwrap();
    assert!(
        d.cause.contains("could not be revoked") && d.cause.contains("(issued 20"),
        "{}",
        d.cause
    );
    assert!(d.cause.contains("Session Settings"));
    assert_eq!(org.state().active_tokens, 1, "it is indeed still live");
}
