//! What a check prints: the human output, the `--json` contract, every scenario's diagnosis, warnings
//! on a passed run; and that no secret is printed.

use crate::prelude::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthy_human_output_exits_0_and_never_prints_the_secret() {
    let org = sim(Scenario::Healthy).await;
    let mut env = secret_env(&org);
    // Debug logs too: they go to stderr and must not hold the secret either.
    env.push(("RUST_LOG", "debug".into()));
    let out = cli(check_args(&org, &[]), env, None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let lines: Vec<&str> = out.stdout.lines().collect();
    for id in eca_core::types::StepId::ALL {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with('✔') && l.contains(id.label()) && l.contains(" ms")),
            "no ✔ line for {}:\n{}",
            id.label(),
            out.stdout
        );
    }
    assert!(out.stdout.contains("Bearer, scopes: api"), "{}", out.stdout);
    assert!(out.stdout.contains("Run As user: "), "{}", out.stdout);
    assert!(
        out.stdout.contains("Test record: Account "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("deleted"), "{}", out.stdout);
    assert!(out.stdout.contains("All checks passed"), "{}", out.stdout);
    assert!(
        !out.all().contains(org.client_secret()),
        "the secret was printed"
    );
    assert!(!out.stderr.is_empty(), "RUST_LOG=debug logs to stderr");
    assert_eq!(org.state().active_tokens, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_output_is_one_document_with_the_contract_keys() {
    let org = sim(Scenario::Healthy).await;
    let out = cli(check_args(&org, &["--json"]), secret_env(&org), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let doc = out.json();
    assert_eq!(doc["ok"], Value::Bool(true));
    assert!(doc["diagnosis"].is_null());
    let steps = doc["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 11);
    for s in steps {
        assert!(
            s["id"].is_string() && s["status"] == "passed" && s["ms"].is_u64(),
            "{s}"
        );
    }
    assert_eq!(steps[2]["id"], "token");
    assert!(doc["identity"]["username"].is_string());
    assert_eq!(doc["record"]["deleted"], Value::Bool(true));
    assert!(doc["record"]["id"].is_string());
    assert!(
        !out.stdout.contains('✔'),
        "no progress lines in --json mode"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_secret_is_diagnosed_and_never_printed() {
    let org = sim(Scenario::Healthy).await;
    let wrong = "WrongSecret-9f8e7d6c5b4a39281706f5e4d3c2b1a0".to_string();
    let env = vec![
        ("ECA_TEST_SECRET", wrong.clone()),
        ("RUST_LOG", "trace".to_string()),
    ];

    let out = cli(check_args(&org, &[]), env.clone(), None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("✘ Get an access token"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("[client_secret_invalid]"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("  Fix:\n    1. "), "{}", out.stdout);
    assert!(
        out.stdout
            .contains(&format!("Open: {}/lightning/setup/", org.base_url())),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Salesforce answered: 400"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("– Revoke the access token"),
        "{}",
        out.stdout
    );
    assert!(!out.all().contains(&wrong), "the wrong secret was printed");

    let out = cli(check_args(&org, &["--json"]), env, None).await;
    assert_eq!(out.code, 1);
    let doc = out.json();
    assert_eq!(doc["ok"], Value::Bool(false));
    assert_eq!(doc["diagnosis"]["code"], "client_secret_invalid");
    assert!(doc["diagnosis"]["title"].is_string());
    assert!(!doc["diagnosis"]["fix"].as_array().unwrap().is_empty());
    assert!(doc["identity"].is_null() && doc["record"].is_null());
    assert!(!out.all().contains(&wrong));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_scenario_through_the_cli() {
    let mut problems = Vec::new();
    for scenario in Scenario::ALL {
        let org = sim(scenario).await;
        let extra: &[&str] = if scenario == Scenario::CustomObjectAutonumber {
            &["--json", "--object", "Preflight_Test__c"]
        } else {
            &["--json"]
        };
        let out = cli(check_args(&org, extra), secret_env(&org), None).await;
        if scenario == Scenario::CustomObjectAutonumber {
            let record = &out.json()["record"];
            if record["object"] != "Preflight_Test__c" || record["fields"].get("Name").is_some() {
                problems.push(format!("{}: record {record}", scenario.name()));
            }
        }
        let want_exit = if scenario.expected_code().is_none() {
            0
        } else {
            1
        };
        let name = scenario.name();
        if out.code != want_exit {
            problems.push(format!(
                "{name}: exit {} want {want_exit}\n{}",
                out.code, out.stderr
            ));
        }
        let doc = out.json();
        let code = doc["diagnosis"]["code"].as_str();
        if code != scenario.expected_code() {
            problems.push(format!(
                "{name}: code {code:?} want {:?}",
                scenario.expected_code()
            ));
        }
        let state = org.state();
        let left = state.records.len();
        let want_left = usize::from(scenario == Scenario::NoDeleteAccess);
        // The shared session is an earlier grant's: kept, never revoked.
        let want_tokens = usize::from(scenario == Scenario::SharedSession);
        if left != want_left || state.active_tokens != want_tokens {
            problems.push(format!(
                "{name}: {left} records, {} tokens left",
                state.active_tokens
            ));
        }
        problems.extend(
            protocol_problems(&state)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
        if out.all().contains(org.client_secret()) {
            problems.push(format!("{name}: the secret was printed"));
        }
        if common::holds_access_token(&out.all()) {
            problems.push(format!("{name}: the access token was printed"));
        }
        org.shutdown().await;
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_that_stays_is_named_with_its_link() {
    let org = sim(Scenario::NoDeleteAccess).await;
    let out = cli(check_args(&org, &[]), secret_env(&org), None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    let state = org.state();
    assert_eq!(state.records.len(), 1);
    let id = &state.records[0].id;
    assert!(
        out.stdout.contains("✘ Delete the test record"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!(
            "Test record: Account {id} created, read back, NOT deleted"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(&format!("/lightning/r/Account/{id}/view")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("[record_delete_denied]"),
        "{}",
        out.stdout
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_signature_passes_with_a_warning() {
    let org = sim(Scenario::BadSignature).await;
    let out = cli(check_args(&org, &[]), secret_env(&org), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("⚠ Verify the token signature"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("with 1 warning"), "{}", out.stdout);
    let out = cli(check_args(&org, &["--json"]), secret_env(&org), None).await;
    assert_eq!(out.json()["warnings"][0]["code"], "signature_mismatch");
}

/// A JWT-based token works for REST only: `check` passes with the warning on the Token step
/// (human output, JSON, Markdown, `--strict` fails on it); `token --` says so on stderr.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_jwt_token_passes_with_the_rest_only_warning() {
    let dir = tempfile::tempdir().unwrap();
    let markdown = dir.path().join("report.md").display().to_string();
    let args = strings(&["check", "--practice", "jwt-token", "--markdown", &markdown]);
    let out = cli(args, vec![], None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("⚠ Get an access token"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("work for REST only"), "{}", out.stdout);
    assert!(out.stdout.contains("with 1 warning"), "{}", out.stdout);
    let report = std::fs::read_to_string(&markdown).unwrap();
    assert!(report.contains("(`jwt_token_rest_only`)"), "{report}");

    let out = cli(
        strings(&["check", "--practice", "jwt-token", "--json"]),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    let json = out.json();
    assert_eq!(json["warnings"][0]["code"], "jwt_token_rest_only");
    let steps = json["steps"].as_array().unwrap();
    let token = steps.iter().find(|s| s["id"] == "token").unwrap();
    assert_eq!(token["warning"], "jwt_token_rest_only");
    let strict = strings(&["check", "--practice", "jwt-token", "--strict"]);
    assert_eq!(cli(strict, vec![], None).await.code, 1);
    let out = cli(
        strings(&["check", "--practice", "healthy", "--json"]),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.json()["warnings"], serde_json::json!([]));

    for (scenario, noted) in [(Scenario::JwtToken, true), (Scenario::Healthy, false)] {
        let org = sim(scenario).await;
        let mut args = check_args(&org, &[]);
        args[0] = "token".into();
        args.extend(["--".into(), "true".into()]);
        let out = cli(args, secret_env(&org), None).await;
        assert_eq!(out.code, 0, "{}", out.all());
        assert_eq!(
            out.stderr.contains(eca_core::jwt::REST_ONLY_NOTE),
            noted,
            "{scenario:?}: {}",
            out.stderr
        );
        assert_eq!(org.state().active_tokens, 0);
    }
}
