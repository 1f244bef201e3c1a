//! JWT-based access tokens (`token_format: jwt`) work for REST only: a check that passes says
//! so with a warning on the Token step (report, JSON, Markdown), and `issue_token` tells
//! `token --` so; an opaque token says nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{config, run, sim, step};
use eca_core::pipeline::issue_token;
use eca_core::report::{to_json, to_markdown};
use eca_core::types::StepId;
use eca_core::DiagnosisCode;
use eca_sim::Scenario;

#[tokio::test]
async fn a_jwt_token_passes_with_the_rest_only_warning_on_the_token_step() {
    let org = sim(Scenario::JwtToken).await;
    let (report, _) = run(config(&org)).await;
    assert!(report.ok, "{:#?}", report.diagnosis);
    let codes: Vec<_> = report.warnings.iter().map(|w| w.code).collect();
    assert_eq!(codes, [DiagnosisCode::JwtTokenRestOnly]);
    assert_eq!(
        step(&report, StepId::Token).warning,
        Some(DiagnosisCode::JwtTokenRestOnly)
    );
    assert_eq!(step(&report, StepId::Signature).warning, None);
    let detail = &report.warnings[0].detail;
    for fact in ["SOAP", "Metadata API", "Bulk API 1.0", "68.0", "turn off"] {
        assert!(detail.contains(fact), "{fact}: {detail}");
    }

    let json: serde_json::Value = serde_json::from_str(&to_json(&report)).unwrap();
    assert_eq!(json["warnings"][0]["code"], "jwt_token_rest_only");
    let markdown = to_markdown(&report);
    assert!(markdown.contains("## Warnings"), "{markdown}");
    assert!(markdown.contains("(`jwt_token_rest_only`)"), "{markdown}");
    assert_eq!(org.state().active_tokens, 0, "revoked as always");

    let issued = issue_token(&config(&org)).await.unwrap();
    assert!(issued.is_jwt());
    assert!(issued.revoke().await.unwrap().is_none());
}

#[tokio::test]
async fn an_opaque_token_has_no_warning() {
    let org = sim(Scenario::Healthy).await;
    let (report, _) = run(config(&org)).await;
    assert!(report.ok, "{:#?}", report.diagnosis);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(step(&report, StepId::Token).warning, None);
    assert!(!to_markdown(&report).contains("jwt_token_rest_only"));

    let issued = issue_token(&config(&org)).await.unwrap();
    assert!(!issued.is_jwt());
    issued.revoke().await.unwrap();
}
