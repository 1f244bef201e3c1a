//! `inspect` against the simulated org: exit codes, the `--json` document with exactly the
//! finding of each scenario, Salesforce CLI as the login source, and no token in any output.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../core/tests/common/mod.rs"]
mod common;
mod support;

use common::sim;
use eca_sim::{Scenario, SimOrg};
use support::cli;

fn args(org: &SimOrg, key: &str, extra: &[&str]) -> Vec<String> {
    let mut a: Vec<String> = [
        "inspect",
        "--client-id",
        key,
        "--admin-token-env",
        "ADMIN_TOKEN",
        "--domain",
        org.base_url(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    a.extend(extra.iter().map(|s| s.to_string()));
    a
}

fn admin(token: &str) -> Vec<(&'static str, String)> {
    vec![("ADMIN_TOKEN", token.to_string())]
}

#[tokio::test]
async fn each_scenario_exits_as_specified_with_exactly_its_finding() {
    let table = [
        ("healthy", None),
        ("no-run-as-user", Some("run_as_missing")),
        ("flow-disabled", Some("cc_flow_off_policies")),
        ("not-admin-approved", Some("run_as_not_preauthorized")),
        ("no-valid-scopes", Some("scopes_missing_api")),
        ("ip-restricted", Some("ip_restricted")),
        ("inactive-user", Some("run_as_inactive")),
        ("api-disabled-user", Some("run_as_no_api")),
        ("run-as-email", Some("run_as_not_found")),
        ("flow-off-settings", Some("cc_flow_off_settings")),
    ];
    for (name, expected) in table {
        let org = sim(name.parse::<Scenario>().unwrap()).await;
        let out = cli(
            args(&org, org.client_id(), &["--json"]),
            admin(org.admin_token()),
            None,
        )
        .await;
        let doc = out.json();
        let codes: Vec<&str> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            expected.into_iter().collect::<Vec<_>>(),
            "{name}: {}",
            out.all()
        );
        assert_eq!(out.code, if expected.is_some() { 1 } else { 0 }, "{name}");
        assert_eq!(doc["app"]["name"], "Preflight_Integration");
        for f in doc["findings"].as_array().unwrap() {
            for key in ["code", "severity", "title", "read", "fix", "setup_url"] {
                assert!(f[key].is_string(), "{name}: {key} in {f}");
            }
            assert_eq!(f["severity"], "error");
        }
        assert!(!out.all().contains(org.admin_token()) && !out.all().contains(org.client_secret()));
        org.shutdown().await;
    }
}

#[tokio::test]
async fn the_admin_token_is_in_no_log_even_at_trace_level() {
    let org = sim(Scenario::IpRestricted).await;
    let mut env = admin(org.admin_token());
    env.push(("RUST_LOG", "trace".to_string()));
    let out = cli(args(&org, org.client_id(), &[]), env, None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr.contains("sf_request"),
        "trace logs were written: {}",
        out.stderr
    );
    assert!(!out.all().contains(org.admin_token()), "{}", out.all());
    assert!(!out.all().contains(org.client_secret()));
}

#[tokio::test]
async fn human_output_a_limited_login_an_unknown_key_and_bad_input() {
    let org = sim(Scenario::NoRunAsUser).await;
    let out = cli(
        args(&org, org.client_id(), &[]),
        admin(org.admin_token()),
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout.contains("✘ A Run As user is set"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Run As (Username)"), "{}", out.stdout);
    assert!(out.stdout.contains(&format!(
        "Setup: {}/lightning/setup/ManageExternalClientApplication/home",
        org.base_url()
    )));

    let out = cli(
        args(&org, org.client_id(), &["--json"]),
        admin(org.limited_admin_token()),
        None,
    )
    .await;
    assert_eq!(out.code, 1);
    assert_eq!(out.json()["findings"][0]["code"], "inspect_access_denied");

    let out = cli(
        args(&org, "3MVG-unknown", &["--json"]),
        admin(org.admin_token()),
        None,
    )
    .await;
    assert_eq!(
        (out.code, out.json()["findings"][0]["code"].as_str()),
        (1, Some("eca_not_found"))
    );
    assert!(out.json()["app"].is_null());

    let out = cli(
        args(&org, org.client_id(), &[]),
        admin("00Dnot!valid"),
        None,
    )
    .await;
    assert_eq!(out.code, 2, "a refused login is bad input: {}", out.all());
    assert!(
        out.stderr.contains("refused the admin login"),
        "{}",
        out.stderr
    );
    assert!(!out.all().contains("00Dnot!valid"));

    let out = cli(args(&org, org.client_id(), &[]), vec![], None).await;
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ADMIN_TOKEN"), "{}", out.stderr);
    let out = cli(
        vec!["inspect".into(), "--client-id".into(), "k".into()],
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 2, "no login source");
}

/// A stand-in `sf` that prints what `sf org display --json` prints (for one alias).
fn fake_sf(dir: &tempfile::TempDir, org: &SimOrg) -> String {
    let path = dir.path().join("sf");
    let ok = serde_json::json!({"status": 0, "result": {"accessToken": org.admin_token(), "instanceUrl": org.base_url(), "username": "admin@practice-org.example", "alias": "practice"}});
    let script = format!(
        "#!/bin/sh\n[ \"$1 $2 $3 $4 $5\" = \"org display --json --target-org practice\" ] && {{ echo '{ok}'; exit 0; }}\necho '{{\"status\":1,\"name\":\"NamedOrgNotFoundError\",\"message\":\"No authorization information found for '\"$5\"'.\"}}'\nexit 1\n"
    );
    std::fs::write(&path, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path.display().to_string()
}

#[cfg(unix)]
#[tokio::test]
async fn the_login_of_salesforce_cli_is_used_and_its_token_never_shown() {
    let org = sim(Scenario::RunAsEmail).await;
    let dir = tempfile::tempdir().unwrap();
    let sf = fake_sf(&dir, &org);
    let run = |alias: &str| {
        vec![
            "inspect".to_string(),
            "--client-id".into(),
            org.client_id().into(),
            "--admin-org".into(),
            alias.into(),
        ]
    };
    let out = cli(
        run("practice"),
        vec![("ECA_PREFLIGHT_SF", sf.clone())],
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.contains("[run_as_not_found]"), "{}", out.stdout);
    assert!(out.stdout.contains(
        "it is the email of the user whose username is preflight.integration@practice-org.example"
    ));
    assert!(!out.all().contains(org.admin_token()));

    let out = cli(run("nope"), vec![("ECA_PREFLIGHT_SF", sf.clone())], None).await;
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("No authorization information found for nope."),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("sf org login web --alias nope"));

    let mut other = run("practice");
    other.extend(["--domain".to_string(), "acme".to_string()]);
    let out = cli(other, vec![("ECA_PREFLIGHT_SF", sf)], None).await;
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("not acme.my.salesforce.com"),
        "{}",
        out.stderr
    );

    let out = cli(
        run("practice"),
        vec![("ECA_PREFLIGHT_SF", "/nonexistent/sf".into())],
        None,
    )
    .await;
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("Salesforce CLI (sf) was not found"),
        "{}",
        out.stderr
    );
}
