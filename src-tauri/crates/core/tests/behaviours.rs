//! Engine options and guarantees beyond the scenario table: no record, keep record, keep token,
//! cancellation with cleanup, TLS, refused input, the object picker and the record form.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{
    config, progress_problems, protocol_problems, run, run_with, sim, sim_with, status, step,
};
use eca_core::pipeline::{describe_required, list_objects, run_check, InputError, ListError};
use eca_core::types::{StepId, StepStatus};
use eca_core::Secret;
use eca_sim::{Scenario, SimOptions, SimOrg};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

fn record_requests(org: &SimOrg) -> usize {
    org.state()
        .requests
        .iter()
        .filter(|r| r.path.contains("/sobjects/Account"))
        .count()
}

#[tokio::test]
async fn no_record_skips_every_record_step() {
    let org = sim(Scenario::Healthy).await;
    let mut cfg = config(&org);
    cfg.create_record = false;
    let (report, events) = run(cfg).await;
    assert!(report.ok, "{:?}", report.diagnosis);
    for id in [
        StepId::Describe,
        StepId::Create,
        StepId::Read,
        StepId::Delete,
    ] {
        assert_eq!(status(&report, id), StepStatus::Skipped, "{id:?}");
    }
    assert_eq!(status(&report, StepId::ApiAccess), StepStatus::Passed);
    assert!(report.record.is_none());
    assert_eq!(
        record_requests(&org),
        0,
        "no describe, create or delete was sent"
    );
    assert_eq!(org.state().active_tokens, 0);
    assert!(progress_problems(&report, &events).is_empty());
}

#[tokio::test]
async fn keep_record_leaves_exactly_that_record() {
    let org = sim(Scenario::Healthy).await;
    let mut cfg = config(&org);
    cfg.keep_record = true;
    let (report, _) = run(cfg).await;
    assert!(report.ok, "{:?}", report.diagnosis);
    let record = report.record.as_ref().unwrap();
    assert!(record.created && record.read_back && record.kept && !record.deleted);
    assert_eq!(status(&report, StepId::Delete), StepStatus::Skipped);
    let delete_summary = step(&report, StepId::Delete).summary.clone().unwrap();
    assert!(
        delete_summary.contains(record.id.as_deref().unwrap()),
        "{delete_summary}"
    );
    let state = org.state();
    assert_eq!(state.records.len(), 1);
    assert_eq!(Some(state.records[0].id.as_str()), record.id.as_deref());
    assert!(!state.requests.iter().any(|r| r.method == "DELETE"));
    assert_eq!(state.active_tokens, 0);
}

#[tokio::test]
async fn keep_token_skips_revoke() {
    let org = sim(Scenario::Healthy).await;
    let mut cfg = config(&org);
    cfg.keep_token = true;
    let (report, _) = run(cfg).await;
    assert!(report.ok, "{:?}", report.diagnosis);
    assert_eq!(status(&report, StepId::Revoke), StepStatus::Skipped);
    let state = org.state();
    assert_eq!(state.active_tokens, 1);
    assert!(!state
        .requests
        .iter()
        .any(|r| r.path == "/services/oauth2/revoke"));
    assert!(state.records.is_empty());
}

#[tokio::test]
async fn admin_field_values_are_sent() {
    let org = sim(Scenario::RequiredField).await;
    let mut cfg = config(&org);
    cfg.fields
        .insert(common::field("Name"), "Preflight by the admin".into());
    let (report, _) = run(cfg).await;
    assert!(report.ok, "{:?}", report.diagnosis);
    let record = report.record.unwrap();
    assert_eq!(record.fields["Name"], "Preflight by the admin");
    let name = record
        .required_fields
        .iter()
        .find(|f| f.name == "Name")
        .unwrap();
    assert_eq!(name.value.as_deref(), Some("Preflight by the admin"));
    assert!(record
        .required_fields
        .iter()
        .any(|f| f.name == "Region__c" && f.value.is_some()));
}

/// One by one (the org refuses composite): a cancel after the create skips the read, yet the
/// record is still deleted and the token revoked.
#[tokio::test]
async fn cancel_after_create_still_deletes_and_revokes() {
    let org = sim_with(Scenario::Healthy, false).await;
    let (report, events) = run_with(config(&org), CancellationToken::new(), |s, cancel| {
        if s.id == StepId::Create && s.status == StepStatus::Passed {
            cancel.cancel();
        }
    })
    .await;
    assert!(report.cancelled);
    assert!(!report.ok);
    assert_eq!(report.diagnosis.as_ref().unwrap().code, "cancelled");
    assert_eq!(status(&report, StepId::Create), StepStatus::Passed);
    assert_eq!(status(&report, StepId::Read), StepStatus::Skipped);
    assert_eq!(status(&report, StepId::Delete), StepStatus::Passed);
    assert_eq!(status(&report, StepId::Revoke), StepStatus::Passed);
    let record = report.record.as_ref().unwrap();
    assert!(record.created && record.deleted && !record.read_back);
    let state = org.state();
    assert!(state.records.is_empty(), "the record was cleaned up");
    assert_eq!(state.active_tokens, 0);
    assert!(protocol_problems(&state).is_empty());
    assert!(progress_problems(&report, &events).is_empty());
}

/// As one composite call, read and delete were answered in the same request as the create: a
/// cancel that comes as the create is shown cannot undo them, and the report says what ran.
#[tokio::test]
async fn cancel_during_the_composite_call_reports_what_it_did() {
    let org = sim(Scenario::Healthy).await;
    let (report, events) = run_with(config(&org), CancellationToken::new(), |s, cancel| {
        if s.id == StepId::Create && s.status == StepStatus::Passed {
            cancel.cancel();
        }
    })
    .await;
    assert!(report.cancelled);
    assert!(!report.ok);
    assert_eq!(report.diagnosis.as_ref().unwrap().code, "cancelled");
    for id in [StepId::Create, StepId::Read, StepId::Delete, StepId::Revoke] {
        assert_eq!(status(&report, id), StepStatus::Passed, "{id:?}");
    }
    let record = report.record.as_ref().unwrap();
    assert!(record.created && record.read_back && record.deleted);
    let state = org.state();
    assert!(state.records.is_empty(), "the record was cleaned up");
    assert_eq!(state.active_tokens, 0);
    assert!(protocol_problems(&state).is_empty());
    assert!(progress_problems(&report, &events).is_empty());
}

#[tokio::test]
async fn cancel_after_token_revokes_and_sends_nothing_else() {
    let org = sim(Scenario::Healthy).await;
    let (report, _) = run_with(config(&org), CancellationToken::new(), |s, cancel| {
        if s.id == StepId::Token && s.status == StepStatus::Passed {
            cancel.cancel();
        }
    })
    .await;
    assert!(report.cancelled);
    for id in [
        StepId::Signature,
        StepId::Identity,
        StepId::ApiAccess,
        StepId::Describe,
        StepId::Create,
    ] {
        assert_eq!(status(&report, id), StepStatus::Skipped, "{id:?}");
    }
    assert_eq!(status(&report, StepId::Revoke), StepStatus::Passed);
    assert_eq!(org.state().active_tokens, 0);
    assert_eq!(record_requests(&org), 0);
}

#[tokio::test]
async fn cancelled_before_start_sends_nothing() {
    let org = sim(Scenario::Healthy).await;
    let cancel = CancellationToken::new();
    cancel.cancel();
    let (report, _) = run_with(config(&org), cancel, |_, _| {}).await;
    assert!(report.cancelled);
    assert_eq!(report.diagnosis.as_ref().unwrap().code, "cancelled");
    assert!(org.state().requests.is_empty());
    assert_eq!(status(&report, StepId::Revoke), StepStatus::Skipped);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_abandons_a_read_in_flight_but_still_cleans_up() {
    // Latency keeps the identity / API / describe calls in flight when the cancel comes.
    let org = SimOrg::start(SimOptions {
        latency: std::time::Duration::from_millis(200),
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let (report, _) = run_with(config(&org), CancellationToken::new(), |s, cancel| {
        if s.id == StepId::Identity && s.status == StepStatus::Running {
            cancel.cancel();
        }
    })
    .await;
    assert!(report.cancelled);
    assert_eq!(status(&report, StepId::Identity), StepStatus::Skipped);
    assert_eq!(status(&report, StepId::Create), StepStatus::Skipped);
    assert_eq!(status(&report, StepId::Revoke), StepStatus::Passed);
    let state = org.state();
    assert!(state.records.is_empty());
    assert_eq!(state.active_tokens, 0);
}

#[tokio::test]
async fn progress_is_reported_for_every_step() {
    let org = sim(Scenario::Healthy).await;
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    let report = run_check(
        config(&org),
        move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
        },
        CancellationToken::new(),
    )
    .await
    .unwrap();
    assert!(report.ok);
    // running + passed for each of the 11 steps.
    assert_eq!(count.load(Ordering::SeqCst), 22);
}

#[tokio::test]
async fn tls_org_with_its_ca_passes_and_without_it_is_a_tls_failure() {
    let org = SimOrg::start(SimOptions {
        tls: true,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    assert!(org.base_url().starts_with("https://"));
    let mut cfg = config(&org);
    cfg.ca_cert_pem = Some(org.ca_cert_pem().unwrap().as_bytes().to_vec());
    let (report, _) = run(cfg).await;
    assert!(report.ok, "{:?}", report.diagnosis);

    let (report, _) = run(config(&org)).await;
    assert!(!report.ok);
    let d = report.diagnosis.unwrap();
    assert_eq!(d.code, "tls_untrusted", "{d:?}");
    assert_eq!(d.step, Some(StepId::Reachability));
    assert_eq!(d.details.unwrap().body_kind, "no_response");
    assert_eq!(
        org.state().active_tokens,
        0,
        "no token was issued without TLS trust"
    );
}

#[tokio::test]
async fn unreachable_org_is_connect_failed() {
    let org = sim(Scenario::Healthy).await;
    let cfg = config(&org);
    org.shutdown().await;
    let (report, _) = run(cfg).await;
    assert_eq!(report.diagnosis.as_ref().unwrap().code, "connect_failed");
    assert_eq!(status(&report, StepId::Revoke), StepStatus::Skipped);
}

#[tokio::test]
async fn login_and_other_hosts_are_refused_before_sending() {
    for host in ["login.salesforce.com", "https://test.salesforce.com/"] {
        // Refused when the input is parsed, before a run (or a request) can exist.
        let err =
            eca_core::pipeline::CheckConfig::new(host, "3MVG9key", Secret::new("s3cret-value"))
                .unwrap_err();
        assert!(matches!(err, InputError::Domain(_)), "{err:?}");
        assert_eq!(err.code(), "not_my_domain");
        let d = err.diagnosis();
        assert_eq!(d.code, "not_my_domain");
        assert!(d.fix.join(" ").contains("My Domain"), "{:?}", d.fix);
    }
    let cfg =
        eca_core::pipeline::CheckConfig::new("https://example.com", "k", Secret::new("s")).unwrap();
    let err = run_check(cfg, |_| {}, CancellationToken::new())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "untrusted_host");
    let err = eca_core::pipeline::CheckConfig::new("acme", "", Secret::new("s")).unwrap_err();
    assert_eq!(err.code(), "client_id_missing");
    let err = eca_core::pipeline::CheckConfig::new("acme", "k", Secret::new(" ")).unwrap_err();
    assert_eq!(err.code(), "client_secret_missing");
}

#[tokio::test]
async fn bad_options_are_input_errors() {
    let org = sim(Scenario::Healthy).await;
    let profile = eca_core::profiles::Profile {
        target: eca_core::profiles::Target::Org {
            domain: org.base_url().to_string(),
        },
        client_id: org.client_id().to_string(),
        object: "Account/../x".into(),
        ..Default::default()
    };
    let err =
        eca_core::pipeline::CheckConfig::from_profile(&profile, Secret::new("s3cret")).unwrap_err();
    assert_eq!(err.code(), "bad_option");
    assert!(
        err.diagnosis().cause.contains("Account/../x"),
        "{}",
        err.diagnosis().cause
    );
    let mut cfg = config(&org);
    cfg.ca_cert_pem = Some(b"not a pem".to_vec());
    let err = run_check(cfg, |_| {}, CancellationToken::new())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "ca_cert_invalid");
    assert!(org.state().requests.is_empty());
}

#[tokio::test]
async fn explicit_api_version_is_used() {
    let org = sim(Scenario::Healthy).await;
    let mut cfg = config(&org);
    cfg.api_version = eca_core::salesforce::VersionChoice::parse("v66.0").unwrap();
    let (report, _) = run(cfg).await;
    assert!(report.ok, "{:?}", report.diagnosis);
    let org_summary = report.org.unwrap();
    assert_eq!(org_summary.api_version.as_deref(), Some("66.0"));
    assert!(org
        .state()
        .requests
        .iter()
        .any(|r| r.path.starts_with("/services/data/v66.0/")));
}

#[tokio::test]
async fn object_picker_and_record_form() {
    let org = sim(Scenario::RequiredField).await;
    let cfg = config(&org);
    let objects = list_objects(&cfg).await.unwrap();
    assert!(objects.iter().any(|o| o.name == "Account"));
    let labels: Vec<String> = objects.iter().map(|o| o.label.to_lowercase()).collect();
    let mut sorted = labels.clone();
    sorted.sort();
    assert_eq!(labels, sorted);

    let account = eca_core::salesforce::ApiName::object("Account").unwrap();
    let required = describe_required(&cfg, &account).await.unwrap();
    let names: Vec<&str> = required.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.contains(&"Name") && names.contains(&"Region__c"),
        "{names:?}"
    );
    assert!(required.iter().all(|f| f.value.is_some()));
    let state = org.state();
    assert_eq!(state.active_tokens, 0, "both helpers revoke their token");
    assert!(
        protocol_problems(&state).is_empty(),
        "{:?}",
        protocol_problems(&state)
    );

    org.set_scenario(Scenario::WrongSecret);
    match list_objects(&cfg).await {
        Err(ListError::Failed(d)) => assert_eq!(d.code, "client_secret_invalid"),
        other => panic!("want a diagnosis, got {other:?}"),
    }
    assert!(eca_core::salesforce::ApiName::object("Bad/Name").is_err());
}

/// An HTTPS org behind a CONNECT proxy: the check passes through it, the proxy saw the CONNECT,
/// the report names the proxy's host (never its credentials).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn through_a_proxy_with_and_without_credentials() {
    use eca_core::network::ProxySetting;
    let org = SimOrg::start(SimOptions {
        tls: true,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let ca = org.ca_cert_pem().unwrap().as_bytes().to_vec();
    let with = |proxy: &str| {
        let mut cfg = config(&org);
        cfg.ca_cert_pem = Some(ca.clone());
        cfg.proxy = Some(ProxySetting::parse(proxy).unwrap());
        cfg
    };

    let open = eca_sim::ConnectProxy::start(None).await.unwrap();
    let (report, _) = run(with(&format!("http://127.0.0.1:{}", open.port()))).await;
    assert!(report.ok, "{:?}", report.diagnosis);
    let port = org.base_url().rsplit(':').next().unwrap().to_string();
    assert!(
        open.seen()
            .iter()
            .any(|l| l.starts_with(&format!("CONNECT 127.0.0.1:{port} "))),
        "{:?}",
        open.seen()
    );
    assert_eq!(
        report.network.proxy.as_deref(),
        Some(format!("127.0.0.1:{}", open.port()).as_str())
    );
    assert!(report.network.extra_ca);

    let guarded = eca_sim::ConnectProxy::start(Some("ci:s3cret-proxy-pass"))
        .await
        .unwrap();
    let (report, _) = run(with(&format!("http://127.0.0.1:{}", guarded.port()))).await;
    let d = report.diagnosis.clone().unwrap();
    assert_eq!(d.code, "proxy_auth_required", "{d:?}");
    let (report, _) = run(with(&format!(
        "http://ci:s3cret-proxy-pass@127.0.0.1:{}",
        guarded.port()
    )))
    .await;
    assert!(report.ok, "{:?}", report.diagnosis);
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("s3cret-proxy-pass"), "{json}");
    assert_eq!(org.state().active_tokens, 0);

    // Nobody listens there: the proxy cannot be reached.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let (report, _) = run(with(&format!("http://127.0.0.1:{closed}"))).await;
    assert_eq!(report.diagnosis.unwrap().code, "proxy_failed");
}

/// The three steps after the token run on connections opened while the token was in flight:
/// no new connection (a handshake on the critical path) after it, and each connection reused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_connection_is_opened_after_the_token() {
    let mut relay = eca_sim::LatencyRelay::bind(std::time::Duration::from_millis(20))
        .await
        .unwrap();
    let org = eca_sim::SimOrg::start(eca_sim::SimOptions {
        advertised_url: Some(relay.url()),
        ..eca_sim::SimOptions::default()
    })
    .await
    .unwrap();
    relay.start(org.local_addr());
    let cfg = eca_core::pipeline::CheckConfig::new(
        &relay.url(),
        org.client_id(),
        Secret::new(org.client_secret()),
    )
    .unwrap();
    let at_token = std::sync::Arc::new(std::sync::Mutex::new(None));
    let (seen, counter) = (at_token.clone(), relay.connection_counter());
    let report = run_check(
        cfg,
        move |s| {
            if s.id == StepId::Token && s.status == StepStatus::Passed {
                *seen.lock().unwrap() = Some(counter.load(std::sync::atomic::Ordering::SeqCst));
            }
        },
        CancellationToken::new(),
    )
    .await
    .unwrap();
    assert!(report.ok, "{:?}", report.diagnosis);
    let at_token = at_token.lock().unwrap().expect("the token passed");
    assert_eq!(at_token, 3, "reachability, token and one spare");
    assert_eq!(
        relay.connections(),
        at_token,
        "a connection was opened after the token"
    );
}

/// Keep trying: a just-created app is refused until Salesforce has applied it, then passes;
/// a failure waiting cannot fix, or no budget, returns at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_trying_rides_out_a_propagating_app_and_nothing_else() {
    use eca_core::pipeline::{run_waiting, Retry};
    use std::time::Duration;
    let org = eca_sim::SimOrg::start(eca_sim::SimOptions {
        scenario: Scenario::AppPropagating,
        propagation: Duration::from_secs(2),
        ..eca_sim::SimOptions::default()
    })
    .await
    .unwrap();
    let mut retries: Vec<Retry> = Vec::new();
    let report = run_waiting(
        config(&org),
        Duration::from_secs(60),
        |_| {},
        |r| retries.push(r.clone()),
        CancellationToken::new(),
    )
    .await
    .unwrap();
    assert!(report.ok, "{:?}", report.diagnosis);
    assert_eq!(retries.len(), 1, "{retries:?}");
    assert_eq!(retries[0].code, eca_core::DiagnosisCode::ClientIdInvalid);
    assert_eq!(retries[0].attempt, 1);
    assert_eq!(retries[0].pause, Duration::from_secs(5));
    assert_eq!(org.state().active_tokens, 0);

    let denied = sim(Scenario::NoCreateAccess).await;
    let mut asked = 0;
    let report = run_waiting(
        config(&denied),
        Duration::from_secs(60),
        |_| {},
        |_| asked += 1,
        CancellationToken::new(),
    )
    .await
    .unwrap();
    assert_eq!(
        report.diagnosis.unwrap().code.as_str(),
        "record_create_denied"
    );
    assert_eq!(asked, 0, "waiting cannot fix a missing permission");

    let propagating = sim(Scenario::AppPropagating).await;
    let report = run_waiting(
        config(&propagating),
        Duration::ZERO,
        |_| {},
        |_| panic!("no budget, no retry"),
        CancellationToken::new(),
    )
    .await
    .unwrap();
    assert_eq!(report.diagnosis.unwrap().code.as_str(), "client_id_invalid");
}
