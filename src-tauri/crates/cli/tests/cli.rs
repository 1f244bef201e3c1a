//! The `eca-preflight-cli` binary against the in-process simulated org: exit codes, the human
//! output, the `--json` contract, secret sources and profiles, and that no secret is printed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../core/tests/common/mod.rs"]
mod common;

use common::{protocol_problems, sim};
use eca_core::secrets::SecretStore;
use eca_sim::{Scenario, SimOptions, SimOrg};
use serde_json::Value;
use std::process::{Command, Stdio};

mod support;

use support::{cli, BIN};

/// `check --domain … --client-id … --secret-env ECA_TEST_SECRET` plus `extra`.
fn check_args(org: &SimOrg, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "check",
        "--domain",
        org.base_url(),
        "--client-id",
        org.client_id(),
        "--secret-env",
        "ECA_TEST_SECRET",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn secret_env(org: &SimOrg) -> Vec<(&'static str, String)> {
    vec![("ECA_TEST_SECRET", org.client_secret().to_string())]
}

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_host_exits_2_before_any_request() {
    let org = sim(Scenario::Healthy).await;
    for host in ["login.salesforce.com", "https://test.salesforce.com"] {
        let args: Vec<String> = [
            "check",
            "--domain",
            host,
            "--client-id",
            org.client_id(),
            "--secret-env",
            "ECA_TEST_SECRET",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let out = cli(args.clone(), secret_env(&org), None).await;
        assert_eq!(out.code, 2, "{}", out.all());
        assert!(out.all().contains("[not_my_domain]"), "{}", out.all());
        assert!(out.all().contains("My Domain"), "{}", out.all());
        let mut json_args = args;
        json_args.push("--json".into());
        let out = cli(json_args, secret_env(&org), None).await;
        assert_eq!(out.code, 2);
        assert_eq!(out.json()["diagnosis"]["code"], "not_my_domain");
    }
    assert!(org.state().requests.is_empty(), "the org got a request");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_errors_exit_2() {
    let org = sim(Scenario::Healthy).await;
    // No secret source at all.
    let args: Vec<String> = [
        "check",
        "--domain",
        org.base_url(),
        "--client-id",
        org.client_id(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let out = cli(args, vec![], None).await;
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--secret-env"), "{}", out.stderr);
    // The variable is not set.
    let out = cli(check_args(&org, &[]), vec![], None).await;
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ECA_TEST_SECRET"), "{}", out.stderr);
    // Two secret sources.
    let out = cli(
        check_args(&org, &["--secret-stdin"]),
        secret_env(&org),
        Some("x\n".into()),
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
    // A malformed field, an unknown flag, a zero timeout, a missing CA file.
    for extra in [
        &["--field", "NoEquals"][..],
        &["--frobnicate"],
        &["--timeout", "0"],
        &["--ca-cert", "/nonexistent/ca.pem"],
    ] {
        let out = cli(check_args(&org, extra), secret_env(&org), None).await;
        assert_eq!(out.code, 2, "{extra:?}: {}", out.all());
    }
    // No --domain.
    let out = cli(
        vec![
            "check".into(),
            "--client-id".into(),
            "k".into(),
            "--secret-env".into(),
            "ECA_TEST_SECRET".into(),
        ],
        secret_env(&org),
        None,
    )
    .await;
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--domain"), "{}", out.stderr);
    assert!(org.state().requests.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secret_from_stdin() {
    let org = sim(Scenario::Healthy).await;
    let args: Vec<String> = [
        "check",
        "--domain",
        org.base_url(),
        "--client-id",
        org.client_id(),
        "--secret-stdin",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let out = cli(args, vec![], Some(format!("{}\n", org.client_secret()))).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(!out.all().contains(org.client_secret()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn record_and_token_options() {
    let org = sim(Scenario::Healthy).await;
    let out = cli(
        check_args(&org, &["--no-record", "--json"]),
        secret_env(&org),
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    let doc = out.json();
    assert!(doc["record"].is_null());
    let statuses: Vec<&str> = doc["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(&statuses[6..10], ["skipped"; 4]);

    let out = cli(
        check_args(
            &org,
            &[
                "--keep-token",
                "--field",
                "Name=From the CLI",
                "--object",
                "Account",
                "--json",
            ],
        ),
        secret_env(&org),
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    let doc = out.json();
    assert_eq!(doc["record"]["fields"]["Name"], "From the CLI");
    assert_eq!(doc["steps"][10]["status"], "skipped");
    let state = org.state();
    assert_eq!(state.active_tokens, 1, "--keep-token left the token");
    assert!(state.records.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_org_with_ca_cert() {
    let org = SimOrg::start(SimOptions {
        tls: true,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let ca = org.ca_cert_path().unwrap().display().to_string();
    let out = cli(
        check_args(&org, &["--ca-cert", &ca]),
        secret_env(&org),
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    // The OS trust store counts: on Linux SSL_CERT_FILE replaces it, as for curl.
    let mut env = secret_env(&org);
    env.push(("SSL_CERT_FILE", ca.clone()));
    let out = cli(check_args(&org, &[]), env, None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let out = cli(check_args(&org, &["--json"]), secret_env(&org), None).await;
    assert_eq!(out.code, 1);
    assert_eq!(out.json()["diagnosis"]["code"], "tls_untrusted");
    assert!(out.json()["diagnosis"]["fix"][1]
        .as_str()
        .unwrap()
        .contains("--ca-cert"));
}

fn write_store(dir: &tempfile::TempDir, profiles: Value) -> String {
    let path = dir.path().join("profiles.json");
    std::fs::write(
        &path,
        serde_json::json!({ "profiles": profiles }).to_string(),
    )
    .unwrap();
    path.display().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profiles_from_the_store_file() {
    let org = sim(Scenario::Healthy).await;
    let dir = tempfile::tempdir().unwrap();
    let store = write_store(
        &dir,
        serde_json::json!([
            {"id": "p-practice", "name": "Practice", "domain": org.base_url(), "client_id": org.client_id(), "practice": true},
            {"id": "p-sim", "name": "Sim org", "domain": org.base_url(), "client_id": org.client_id()}
        ]),
    );
    // A practice profile has no keychain secret: a clear usage error.
    let out = cli(
        vec![
            "check".into(),
            "--profile".into(),
            "practice".into(),
            "--store".into(),
            store.clone(),
        ],
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("practice profile"), "{}", out.stderr);
    // An unknown profile names the saved ones; the store comes from ECA_PREFLIGHT_STORE here.
    let out = cli(
        vec!["check".into(), "--profile".into(), "nope".into()],
        vec![("ECA_PREFLIGHT_STORE", store.clone())],
        None,
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("Sim org"), "{}", out.stderr);
    assert!(org.state().requests.is_empty());

    if std::env::var("ECA_REAL_KEYCHAIN").as_deref() != Ok("1") {
        eprintln!("note: profile + keychain run skipped; set ECA_REAL_KEYCHAIN=1 (with a Secret Service) to run it");
        return;
    }
    let keychain = eca_core::secrets::Keychain::new(eca_core::profiles::APP_IDENTIFIER);
    let account = "profile:p-sim";
    keychain
        .persist(account, &eca_core::Secret::new(org.client_secret()))
        .unwrap();
    let out = cli(
        vec![
            "check".into(),
            "--profile".into(),
            "Sim org".into(),
            "--store".into(),
            store.clone(),
        ],
        vec![],
        None,
    )
    .await;
    keychain.delete(account).unwrap();
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(!out.all().contains(org.client_secret()));
    // With the secret gone from the keychain: a usage error naming the profile.
    let out = cli(
        vec![
            "check".into(),
            "--profile".into(),
            "Sim org".into(),
            "--store".into(),
            store,
        ],
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("No consumer secret is saved"),
        "{}",
        out.stderr
    );
}

/// A CI job cancelled mid-run sends SIGTERM: the CLI still deletes the record and revokes the
/// token, then exits 130. The org refuses composite so that the record lives between requests
/// (inside one composite call it never outlives the call).
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_after_create_cleans_up_and_exits_130() {
    let org = slow_org().await;
    let data = tempfile::tempdir().unwrap();
    let child = check_until_record(&org, data.path()).await;
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let state = org.state();
    assert!(state.records.is_empty(), "the record was left behind");
    assert_eq!(state.active_tokens, 0, "the token was left alive");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["cancelled"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ci_outputs_junit_markdown_summary_annotation_and_strict() {
    let org = sim(Scenario::WrongSecret).await;
    let dir = tempfile::tempdir().unwrap();
    let junit = dir.path().join("junit.xml");
    let markdown = dir.path().join("report.md");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let paths = [junit.display().to_string(), markdown.display().to_string()];
    let mut env = secret_env(&org);
    env.push(("GITHUB_STEP_SUMMARY", summary.display().to_string()));
    env.push(("GITHUB_ACTIONS", "true".into()));
    let out = cli(
        check_args(&org, &["--junit", &paths[0], "--markdown", &paths[1]]),
        env,
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.contains("::error title="), "{}", out.stdout);
    assert!(
        out.stdout.contains("[client_secret_invalid]::"),
        "{}",
        out.stdout
    );

    let xml = std::fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("valid XML");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), eca_core::types::StepId::ALL.len());
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .expect("the failed step has a failure");
    assert_eq!(failure.attribute("type"), Some("client_secret_invalid"));
    assert_eq!(
        failure.parent().unwrap().attribute("name"),
        Some("Get an access token")
    );
    assert!(failure.text().unwrap().contains("Fix:"));
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("failures"), Some("1"));
    assert!(!xml.contains(org.client_secret()));

    let md = std::fs::read_to_string(&markdown).unwrap();
    assert!(md.contains("client_secret_invalid"), "{md}");
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(
        summary.starts_with("earlier step\n"),
        "appended, not replaced"
    );
    assert!(summary.contains("client_secret_invalid"));
    assert!(!summary.contains(org.client_secret()) && !md.contains(org.client_secret()));

    // --strict: a warning fails the job.
    let org = sim(Scenario::BadSignature).await;
    let out = cli(check_args(&org, &[]), secret_env(&org), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let out = cli(
        check_args(&org, &["--strict", "--json"]),
        secret_env(&org),
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(out.json()["schema_version"], 1);
    assert_eq!(out.json()["tool_version"], env!("CARGO_PKG_VERSION"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_and_settings_from_files_and_the_environment() {
    let org = sim(Scenario::Healthy).await;
    let dir = tempfile::tempdir().unwrap();
    // Everything from the CI's environment.
    let env = vec![
        ("ECA_PREFLIGHT_DOMAIN", org.base_url().to_string()),
        ("ECA_PREFLIGHT_CLIENT_ID", org.client_id().to_string()),
        (
            "ECA_PREFLIGHT_CLIENT_SECRET",
            org.client_secret().to_string(),
        ),
    ];
    let out = cli(vec!["check".into()], env, None).await;
    assert_eq!(out.code, 0, "{}", out.all());

    // A mounted secret file.
    let file = dir.path().join("secret");
    std::fs::write(&file, format!("{}\n", org.client_secret())).unwrap();
    let mut args = check_args(&org, &[]);
    args.truncate(5); // check --domain D --client-id K
    args.extend(["--secret-file".into(), file.display().to_string()]);
    let out = cli(args, vec![], None).await;
    assert_eq!(out.code, 0, "{}", out.all());

    // A saved profile's settings with the secret from a CI variable.
    let store = write_store(
        &dir,
        serde_json::json!([{"id": "p1", "name": "CI org", "target": {"kind": "org", "domain": org.base_url()}, "client_id": org.client_id(), "create_record": false}]),
    );
    let out = cli(
        vec![
            "check".into(),
            "--profile".into(),
            "CI org".into(),
            "--store".into(),
            store,
            "--secret-env".into(),
            "ECA_TEST_SECRET".into(),
            "--json".into(),
        ],
        secret_env(&org),
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        out.json()["record"],
        Value::Null,
        "the profile's settings apply"
    );

    // A consumer key with a line break in it is refused before anything is sent.
    let before = org.state().requests.len();
    let mut args = check_args(&org, &["--json"]);
    args[4] = format!("{}\nextra", org.client_id());
    let out = cli(args, secret_env(&org), None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert_eq!(out.json()["diagnosis"]["code"], "client_id_malformed");
    assert_eq!(org.state().requests.len(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proxy_flag_with_credentials_never_printed_and_bad_proxies_refused() {
    let org = SimOrg::start(SimOptions {
        tls: true,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let ca = org.ca_cert_path().unwrap().display().to_string();
    let proxy = eca_sim::ConnectProxy::start(Some("ci:pr0xy-pa55word"))
        .await
        .unwrap();
    let url = format!("http://ci:pr0xy-pa55word@127.0.0.1:{}", proxy.port());
    let out = cli(
        check_args(&org, &["--ca-cert", &ca, "--proxy", &url, "--json"]),
        secret_env(&org),
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(!out.all().contains("pr0xy-pa55word"), "{}", out.all());
    assert_eq!(
        out.json()["network"]["proxy"],
        format!("127.0.0.1:{}", proxy.port())
    );
    assert!(proxy.seen().iter().any(|l| l.starts_with("CONNECT ")));

    let wrong = format!("http://ci:wrong-pa55@127.0.0.1:{}", proxy.port());
    let out = cli(
        check_args(&org, &["--ca-cert", &ca, "--proxy", &wrong, "--json"]),
        secret_env(&org),
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(out.json()["diagnosis"]["code"], "proxy_auth_required");
    assert!(!out.all().contains("wrong-pa55"));

    for bad in [
        "proxy.acme.com:3128",
        "socks5://127.0.0.1:1080",
        "http://127.0.0.1",
    ] {
        let before = org.state().requests.len();
        let out = cli(check_args(&org, &["--proxy", bad]), secret_env(&org), None).await;
        assert_eq!(out.code, 2, "{bad}: {}", out.all());
        assert!(out.stderr.contains("http://host:port"), "{}", out.stderr);
        assert_eq!(org.state().requests.len(), before, "nothing sent for {bad}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_goes_to_the_child_only_and_is_revoked_after() {
    let org = sim(Scenario::Healthy).await;
    let mut args = check_args(&org, &[]);
    args[0] = "token".into();
    let mut run = args.clone();
    run.extend([
        "--".into(),
        "sh".into(),
        "-c".into(),
        "echo \"TOKEN=$SF_ACCESS_TOKEN\"; echo \"URL=$SF_INSTANCE_URL\"; echo \"ORG=$SF_ORG_INSTANCE_URL\"; exit 7".into(),
    ]);
    let out = cli(run, secret_env(&org), None).await;
    assert_eq!(out.code, 7, "the child's exit code: {}", out.all());
    let token_line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("TOKEN="))
        .unwrap();
    assert!(common::holds_access_token(token_line), "{token_line}");
    assert!(
        out.stdout.contains(&format!("URL={}", org.base_url())),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(&format!("ORG={}", org.base_url())));
    assert!(
        !common::holds_access_token(&out.stderr),
        "the CLI itself never prints it"
    );
    assert_eq!(org.state().active_tokens, 0, "revoked when the child ended");

    let mut kept = args.clone();
    kept.extend(["--keep-token".into(), "--".into(), "true".into()]);
    let out = cli(kept, secret_env(&org), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(org.state().active_tokens, 1, "kept as asked");

    let wrong = vec![("ECA_TEST_SECRET", "not-the-secret".to_string())];
    let mut refused = args.clone();
    refused.extend(["--".into(), "true".into()]);
    let out = cli(refused, wrong, None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr.contains("client_secret_invalid"),
        "{}",
        out.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wait_keeps_trying_while_a_new_app_propagates() {
    let org = SimOrg::start(SimOptions {
        scenario: Scenario::AppPropagating,
        propagation: std::time::Duration::from_secs(4),
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let out = cli(check_args(&org, &["--json"]), secret_env(&org), None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    let d = &out.json()["diagnosis"];
    assert_eq!(d["code"], "client_id_invalid");
    assert!(d["fix"].to_string().contains("wait"), "{d}");

    let out = cli(check_args(&org, &["--wait", "30"]), secret_env(&org), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stderr.contains("Trying again in"), "{}", out.stderr);
    let tries = org
        .state()
        .requests
        .iter()
        .filter(|r| r.path == "/services/oauth2/token")
        .count();
    assert!(tries >= 3, "{tries} token requests");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotation_both_pairs_pass_until_it_completes() {
    let org = sim(Scenario::Rotation).await;
    let staged = vec![("ECA_TEST_SECRET", org.staged_client_secret().to_string())];
    let mut args = check_args(&org, &[]);
    args[4] = org.staged_client_id().to_string();
    assert_eq!(
        cli(check_args(&org, &[]), secret_env(&org), None)
            .await
            .code,
        0
    );
    assert_eq!(cli(args.clone(), staged.clone(), None).await.code, 0);
    org.rotate();
    let out = cli(check_args(&org, &["--json"]), secret_env(&org), None).await;
    assert_eq!(out.code, 1);
    assert_eq!(out.json()["diagnosis"]["code"], "client_id_invalid");
    assert_eq!(cli(args, staged, None).await.code, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snippets_fill_in_everything_but_the_secret() {
    let org = sim(Scenario::Healthy).await;
    for format in ["curl", "python", "node", "postman"] {
        let out = cli(
            vec![
                "snippet".into(),
                "--format".into(),
                format.into(),
                "--domain".into(),
                org.base_url().into(),
                "--client-id".into(),
                org.client_id().into(),
                "--object".into(),
                "Contact".into(),
            ],
            secret_env(&org),
            None,
        )
        .await;
        assert_eq!(out.code, 0, "{format}: {}", out.all());
        assert!(out.stdout.contains(org.base_url()) && out.stdout.contains(org.client_id()));
        assert!(out.stdout.contains("Contact"));
        assert!(out.stdout.contains("ECA_PREFLIGHT_CLIENT_SECRET") || format == "postman");
        assert!(
            !out.stdout.contains(org.client_secret()),
            "{format} holds the secret"
        );
    }
    assert!(org.state().requests.is_empty(), "a snippet sends nothing");
    let out = cli(
        vec![
            "snippet".into(),
            "--format".into(),
            "curl".into(),
            "--domain".into(),
            "login.salesforce.com".into(),
            "--client-id".into(),
            "k".into(),
        ],
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_profiles_prints_a_line_each_and_fails_if_one_does() {
    if std::env::var("ECA_REAL_KEYCHAIN").as_deref() != Ok("1") {
        eprintln!("note: --all-profiles needs the keychain; set ECA_REAL_KEYCHAIN=1 (with a Secret Service) to run it");
        return;
    }
    let healthy = sim(Scenario::Healthy).await;
    let wrong = sim(Scenario::WrongSecret).await;
    let no_user = sim(Scenario::NoRunAsUser).await;
    let dir = tempfile::tempdir().unwrap();
    let entry = |id: &str, name: &str, org: &SimOrg| serde_json::json!({"id": id, "name": name, "target": {"kind": "org", "domain": org.base_url()}, "client_id": org.client_id()});
    let store = write_store(
        &dir,
        serde_json::json!([
            entry("all-1", "Production", &healthy),
            entry("all-2", "UAT sandbox", &wrong),
            entry("all-3", "Dev sandbox", &no_user),
            {"id": "all-4", "name": "Practice org", "target": {"kind": "practice", "scenario": "healthy"}}
        ]),
    );
    let keychain = eca_core::secrets::Keychain::new(eca_core::profiles::APP_IDENTIFIER);
    for (id, org) in [("all-1", &healthy), ("all-2", &wrong), ("all-3", &no_user)] {
        keychain
            .persist(
                &format!("profile:{id}"),
                &eca_core::Secret::new(org.client_secret()),
            )
            .unwrap();
    }
    let out = cli(
        vec![
            "check".into(),
            "--all-profiles".into(),
            "--store".into(),
            store,
        ],
        vec![],
        None,
    )
    .await;
    for id in ["all-1", "all-2", "all-3"] {
        keychain.delete(&format!("profile:{id}")).unwrap();
    }
    assert_eq!(out.code, 1, "{}", out.all());
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "practice excepted: {}", out.stdout);
    assert!(lines[0].starts_with("✔ Production"), "{}", lines[0]);
    assert!(lines[1].contains("UAT sandbox") && lines[1].contains("client_secret_invalid"));
    assert!(lines[2].contains("Dev sandbox") && lines[2].contains("run_as_user_missing"));
    for org in [&healthy, &wrong, &no_user] {
        assert!(!out.all().contains(org.client_secret()));
        assert_eq!(org.state().active_tokens, 0);
    }
}

/// `check --json` against `org` (its journal under `data`), returned once its record exists.
async fn check_until_record(org: &SimOrg, data: &std::path::Path) -> std::process::Child {
    let child = Command::new(BIN)
        .args(check_args(org, &["--json"]))
        .env("ECA_TEST_SECRET", org.client_secret())
        .env("XDG_DATA_HOME", data)
        .env_remove("ECA_PREFLIGHT_STORE")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut waited = 0;
    while org.state().records.is_empty() {
        assert!(waited < 300, "the CLI never created its record");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        waited += 1;
    }
    child
}

/// An org slow enough (and without composite calls) to interrupt a run between create and delete.
async fn slow_org() -> SimOrg {
    SimOrg::start(SimOptions {
        scenario: Scenario::Healthy,
        latency: std::time::Duration::from_millis(300),
        composite: false,
        ..SimOptions::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn cleanup_removes_the_record_a_killed_run_left() {
    let org = slow_org().await;
    let data = tempfile::tempdir().unwrap();
    let mut child = check_until_record(&org, data.path()).await;
    // No chance to clean up: SIGKILL.
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(
        org.state().records.len(),
        1,
        "the killed run left its record"
    );
    let journal = data
        .path()
        .join("dev.ecapreflight.desktop")
        .join("cleanup-journal.json");
    let lines: Value = serde_json::from_str(&std::fs::read_to_string(&journal).unwrap()).unwrap();
    assert_eq!(lines.as_array().unwrap().len(), 1, "{lines}");

    let mut args = check_args(&org, &[]);
    args[0] = "cleanup".into();
    let mut env = secret_env(&org);
    env.push(("XDG_DATA_HOME", data.path().display().to_string()));
    let tokens = org.state().active_tokens;
    let out = cli(args.clone(), env.clone(), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("Deleted Account"), "{}", out.stdout);
    assert!(org.state().records.is_empty(), "the record is gone");
    assert_eq!(
        org.state().active_tokens,
        tokens,
        "cleanup revokes its own token"
    );
    let out = cli(args, env, None).await;
    assert!(
        out.stdout.contains("No test record was left"),
        "{}",
        out.stdout
    );
    assert!(!out.all().contains(org.client_secret()));
}

#[tokio::test]
async fn a_profile_on_a_system_without_secret_service_says_what_is_missing() {
    let org = sim(Scenario::Healthy).await;
    let dir = tempfile::tempdir().unwrap();
    let store = write_store(
        &dir,
        serde_json::json!([{ "id": "p1", "name": "Acme", "target": { "kind": "org", "domain": org.base_url() }, "client_id": org.client_id() }]),
    );
    // No session bus at all: the Secret Service cannot be reached.
    let out = cli(
        vec![
            "check".into(),
            "--profile".into(),
            "Acme".into(),
            "--store".into(),
            store,
        ],
        vec![(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/eca-bus".to_string(),
        )],
        None,
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("keychain") || out.stderr.contains("Secret Service"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("--secret-env"),
        "the way around it is named: {}",
        out.stderr
    );
    assert!(org.state().requests.is_empty(), "nothing was sent");
}

/// `check --practice SCENARIO`: the practice org inside the command, no credentials given.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn practice_runs_a_scenario_with_no_org_and_no_secret() {
    let out = cli(strings(&["check", "--practice", "healthy"]), vec![], None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("Run As user: "), "{}", out.stdout);

    let out = cli(
        strings(&["check", "--practice", "no-run-as-user", "--json"]),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["diagnosis"]["code"], "run_as_user_missing");

    let out = cli(strings(&["check", "--practice", "list"]), vec![], None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("wrong-secret"), "{}", out.stdout);

    let out = cli(
        strings(&["check", "--practice", "no-such-thing"]),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("healthy"),
        "names the situations: {}",
        out.stderr
    );

    let out = cli(
        strings(&["check", "--practice", "healthy", "--secret-env", "X"]),
        vec![],
        None,
    )
    .await;
    assert_eq!(
        out.code,
        2,
        "a secret source with --practice is refused: {}",
        out.all()
    );
}

/// The 2026 answers through the CLI: each ends with its code (exit 1) and names no inspect
/// command; a maintenance window says it is not a configuration problem, in the human output
/// and in the JSON (`configuration_problem: false`), and the others do not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_2026_answers_say_whether_a_setting_is_wrong() {
    for (scenario, code, configuration) in [
        ("read-only-maintenance", "org_read_only_maintenance", false),
        ("txn-security-blocked", "txn_security_blocked", true),
        ("txn-security-mfa", "txn_security_mfa_required", true),
        ("frozen-user", "run_as_user_frozen", true),
    ] {
        let out = cli(strings(&["check", "--practice", scenario]), vec![], None).await;
        assert_eq!(out.code, 1, "{scenario}: {}", out.all());
        assert!(
            out.stdout.contains(&format!("[{code}]")),
            "{scenario}: {}",
            out.stdout
        );
        let label =
            "  Not a configuration problem: nothing in the app or in Setup needs to change.";
        assert_eq!(
            out.stdout.contains(label),
            !configuration,
            "{scenario}: {}",
            out.stdout
        );
        assert_eq!(inspect_hint(&out.stdout), None, "{scenario}");

        let out = cli(
            strings(&["check", "--practice", scenario, "--json"]),
            vec![],
            None,
        )
        .await;
        let doc = out.json();
        assert_eq!(doc["diagnosis"]["code"], code);
        assert_eq!(doc["diagnosis"]["configuration_problem"], configuration);
        assert_eq!(doc["next_command"], Value::Null);
    }
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// The last line of the human output, `Find the exact setting: COMMAND`, when there is one.
fn inspect_hint(stdout: &str) -> Option<&str> {
    let last = stdout.lines().rev().find(|l| !l.trim().is_empty())?;
    last.strip_prefix("Find the exact setting: ")
}

/// A diagnosis inspection can narrow down (`inspectable` in the catalogue) ends with the
/// `inspect` command for the run's own key and domain (`next_command` in `--json`); the others
/// name none. The command runs as it is printed, once an admin login is put in for ALIAS.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_inspection_can_narrow_down_names_the_inspect_command() {
    let org = sim(Scenario::NoRunAsUser).await;
    let expected = format!(
        "eca-preflight-cli inspect --client-id {} --domain {} --admin-org ALIAS",
        org.client_id(),
        org.base_url()
    );
    let out = cli(check_args(&org, &[]), secret_env(&org), None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("[run_as_user_missing]"),
        "{}",
        out.stdout
    );
    assert_eq!(
        inspect_hint(&out.stdout),
        Some(expected.as_str()),
        "{}",
        out.stdout
    );
    assert!(!out.all().contains(org.client_secret()));

    let out = cli(check_args(&org, &["--json"]), secret_env(&org), None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    let doc = out.json();
    assert_eq!(doc["diagnosis"]["code"], "run_as_user_missing");
    assert_eq!(doc["next_command"], expected.as_str());
    assert_eq!(
        doc["schema_version"], 1,
        "an added key keeps the schema version"
    );
    assert!(!out.stdout.contains(org.client_secret()));

    // The command, with an admin token in place of Salesforce CLI's login, finds the setting.
    let mut words: Vec<String> = expected.split(' ').skip(1).map(str::to_string).collect();
    let at = words.iter().position(|w| w == "--admin-org").unwrap();
    words.splice(
        at..,
        [
            "--admin-token-env".to_string(),
            "ADMIN".to_string(),
            "--json".to_string(),
        ],
    );
    let out = cli(words, vec![("ADMIN", org.admin_token().to_string())], None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(out.json()["findings"][0]["code"], "run_as_missing");

    // A saved profile's run names the profile (quoted for the shell) and its store file.
    let dir = tempfile::tempdir().unwrap();
    let store = write_store(
        &dir,
        serde_json::json!([{"id": "p1", "name": "CI org", "target": {"kind": "org", "domain": org.base_url()}, "client_id": org.client_id(), "create_record": false}]),
    );
    let out = cli(
        vec![
            "check".into(),
            "--profile".into(),
            "CI org".into(),
            "--store".into(),
            store.clone(),
            "--secret-env".into(),
            "ECA_TEST_SECRET".into(),
            "--json".into(),
        ],
        secret_env(&org),
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    let next = out.json()["next_command"].as_str().unwrap().to_string();
    assert!(
        next.starts_with("eca-preflight-cli inspect --profile 'CI org' --store ")
            && next.contains(&store)
            && next.ends_with(" --admin-org ALIAS"),
        "{next}"
    );
    assert!(
        !next.contains("--client-id"),
        "the profile names the key: {next}"
    );
    org.shutdown().await;

    // A practice run names the practice inspection, which runs as printed.
    let out = cli(
        strings(&["check", "--practice", "no-run-as-user"]),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    let hint = inspect_hint(&out.stdout).unwrap();
    assert_eq!(hint, "eca-preflight-cli inspect --practice no-run-as-user");
    let out = cli(
        hint.split(' ').skip(1).map(str::to_string).collect(),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.contains("[run_as_missing]"), "{}", out.stdout);

    // Passed, or failed for a reason no setting inspection reads explains: no command.
    let org = sim(Scenario::Healthy).await;
    let out = cli(check_args(&org, &[]), secret_env(&org), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        !out.stdout.contains("Find the exact setting"),
        "{}",
        out.stdout
    );
    let out = cli(check_args(&org, &["--json"]), secret_env(&org), None).await;
    assert_eq!(out.json()["next_command"], Value::Null);

    let wrong = vec![(
        "ECA_TEST_SECRET",
        "WrongSecret-0123456789abcdef".to_string(),
    )];
    let out = cli(check_args(&org, &[]), wrong.clone(), None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("[client_secret_invalid]"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("Find the exact setting"),
        "{}",
        out.stdout
    );
    let out = cli(check_args(&org, &["--json"]), wrong, None).await;
    assert_eq!(out.json()["diagnosis"]["code"], "client_secret_invalid");
    assert_eq!(out.json()["next_command"], Value::Null);

    // Refused input keeps the document's keys: next_command is null there too.
    let mut args = check_args(&org, &["--json"]);
    args[4] = format!("{}\nextra", org.client_id());
    let out = cli(args, secret_env(&org), None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert_eq!(out.json()["next_command"], Value::Null);
    assert!(out.json().as_object().unwrap().contains_key("next_command"));
    org.shutdown().await;
}

/// Before the first grant to a production org through a proxy, the CLI warns on stderr that
/// Salesforce may freeze the Run As user — and goes on (a CI job must not wait).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_production_org_through_a_proxy_is_warned_of_and_the_run_goes_on() {
    // Nothing listens on port 1 of loopback: the grant fails at the proxy, after the warning.
    let run = |domain: &str, extra: &[&str]| {
        let mut args: Vec<String> = [
            "check",
            "--domain",
            domain,
            "--client-id",
            "3MVG9frozen",
            "--secret-env",
            "ECA_TEST_SECRET",
            "--timeout",
            "5",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    let env = || vec![("ECA_TEST_SECRET", "s3cret-value".to_string())];
    let out = cli(
        run("acme", &["--proxy", "http://u:pr0xy-pw@127.0.0.1:1"]),
        env(),
        None,
    )
    .await;
    assert_eq!(out.code, 1, "the run went on to the grant: {}", out.all());
    assert!(
        out.stderr.contains("Warning: acme.my.salesforce.com is a production org, and this check calls it as the Run As user through the proxy 127.0.0.1:1."),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("id=005318944"), "{}", out.stderr);
    assert!(!out.all().contains("pr0xy-pw"));

    let mut through_env = env();
    through_env.push(("HTTPS_PROXY", "http://127.0.0.1:1".into()));
    let out = cli(run("acme", &[]), through_env, None).await;
    assert!(
        out.stderr.contains("(from HTTPS_PROXY / ALL_PROXY)"),
        "{}",
        out.stderr
    );

    let out = cli(
        run(
            "acme--uat.sandbox.my.salesforce.com",
            &["--proxy", "http://127.0.0.1:1"],
        ),
        env(),
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        !out.stderr.contains("production org"),
        "a sandbox: {}",
        out.stderr
    );
}
