//! Handing the integration on: `token --` gives a child process the token only, and the snippets
//! fill in everything but the secret.

use crate::prelude::*;

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
