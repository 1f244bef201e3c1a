//! The command line itself: usage errors (exit 2), where the secret comes from, the record, token,
//! TLS and proxy options.

use crate::prelude::*;

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
