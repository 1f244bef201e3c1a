//! From check to inspect: a failure an admin's login can narrow down names the exact `inspect`
//! command; one that no setting explains (2026's answers) does not.

use crate::prelude::*;

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
