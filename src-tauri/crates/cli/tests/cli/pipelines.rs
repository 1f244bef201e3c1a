//! In CI: JUnit, the Markdown summary and annotations, `--strict`, `--wait`, and the production
//! freeze warning.

use crate::prelude::*;

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
