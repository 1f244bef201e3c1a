//! `--profile`, `--all-profiles` and `--practice`: what the desktop app saved, run from the command
//! line, and rotation's two pairs.

use crate::prelude::*;

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
