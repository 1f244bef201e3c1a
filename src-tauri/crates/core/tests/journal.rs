//! The cleanup journal through real runs: a record that is deleted leaves no line, one that
//! stays keeps its line with its id, and `clean_up` deletes a leftover — by id, or by the marker
//! in its name when the create's answer was lost — and never a record the run did not make.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{config, run, sim, sim_with};
use eca_core::journal::{Journal, Leftover};
use eca_core::pipeline::{clean_up, Cleaned};
use eca_sim::Scenario;

#[tokio::test]
async fn a_deleted_record_leaves_no_line_and_one_that_stays_keeps_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::beside(&dir.path().join("profiles.json"));
    let org = sim(Scenario::Healthy).await;
    let mut cfg = config(&org);
    cfg.journal = Some(journal.clone());
    cfg.profile_id = Some("p1".into());
    let (report, _) = run(cfg.clone()).await;
    assert!(report.ok);
    assert!(journal.entries().is_empty());

    org.set_scenario(Scenario::NoDeleteAccess);
    let (report, _) = run(cfg.clone()).await;
    assert!(!report.ok);
    let left = journal.entries();
    assert_eq!(left.len(), 1, "{left:?}");
    let line = &left[0];
    let record = &org.state().records[0];
    assert_eq!(line.record_id.as_deref(), Some(record.id.as_str()));
    assert_eq!(line.profile_id.as_deref(), Some("p1"));
    assert!(
        record.fields["Name"]
            .as_str()
            .unwrap()
            .contains(&line.marker),
        "the marker is in the name"
    );
    assert_eq!(line.name_value.as_deref(), record.fields["Name"].as_str());

    // Still refused: the line stays. Once the Run As user may delete, the record goes.
    let refused = clean_up(&cfg, &journal, line).await.unwrap_err();
    assert_eq!(
        refused.code.as_str(),
        "record_delete_denied",
        "diagnosed like a run's delete"
    );
    assert_eq!(journal.entries().len(), 1);
    org.set_scenario(Scenario::Healthy);
    let cleaned = clean_up(&cfg, &journal, line).await.unwrap();
    assert_eq!(
        cleaned,
        Cleaned::Deleted {
            ids: vec![record.id.clone()]
        }
    );
    assert!(org.state().records.is_empty());
    assert!(journal.entries().is_empty());
    assert_eq!(org.state().active_tokens, 0, "the cleanup token is revoked");
}

#[tokio::test]
async fn a_lost_create_answer_is_found_by_the_marker_in_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::beside(&dir.path().join("profiles.json"));
    // A run that keeps its record stands in for one whose create answer never arrived.
    let org = sim_with(Scenario::Healthy, false).await;
    let mut cfg = config(&org);
    cfg.keep_record = true;
    let (report, _) = run(cfg.clone()).await;
    assert!(report.ok);
    let kept = org.state().records[0].clone();
    let name = kept.fields["Name"].as_str().unwrap().to_string();
    let marker = name
        .rsplit('[')
        .next()
        .unwrap()
        .trim_end_matches(']')
        .to_string();
    cfg.keep_record = false;
    let unmarked = Leftover {
        marker: "epf-other000".into(),
        profile_id: None,
        host: "127.0.0.1".into(),
        object: "Account".into(),
        api_version: "68.0".into(),
        name_field: Some("Name".into()),
        name_value: Some(name.clone()),
        record_id: None,
        started_at: "2026-12-01T14:02:00Z".into(),
    };
    // A name without this line's marker is never looked for.
    assert_eq!(
        clean_up(&cfg, &journal, &unmarked).await.unwrap(),
        Cleaned::NothingThere
    );
    assert_eq!(org.state().records.len(), 1);
    let lost = Leftover { marker, ..unmarked };
    journal.add(lost.clone()).unwrap();
    let cleaned = clean_up(&cfg, &journal, &lost).await.unwrap();
    assert_eq!(cleaned, Cleaned::Deleted { ids: vec![kept.id] });
    assert!(org.state().records.is_empty());
    assert!(journal.entries().is_empty());
    assert_eq!(
        clean_up(&cfg, &journal, &lost).await.unwrap(),
        Cleaned::NothingThere
    );
}
