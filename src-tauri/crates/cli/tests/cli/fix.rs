//! `inspect --fix` on the practice org: every scenario a change of the app's own settings mends
//! passes inspect and check afterwards (exit 0), with before → after shown for each setting;
//! findings about users are listed with their Setup link, never changed (exit 1); without
//! `--yes` and a terminal nothing is deployed.

use crate::create_app::{admin_args, admin_env, quick_sim, RUN_AS};
use crate::prelude::*;

async fn fix(scenario: &str, extra: &[&str]) -> crate::support::Out {
    let mut args: Vec<String> = ["inspect", "--practice", scenario, "--fix", "--yes"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    cli(args, vec![], None).await
}

#[tokio::test]
async fn every_fixable_scenario_is_healthy_and_checks_after_the_fix() {
    let table: [(&str, &[&str], &str); 7] = [
        ("flow-disabled", &[], "isClientCredentialsFlowEnabled: false → true"),
        ("flow-off-settings", &[], "_glbloauth.isClientCredentialsFlowEnabled: false → true"),
        ("no-run-as-user", &["--run-as", RUN_AS], "clientCredentialsFlowUser: (empty) → preflight.integration@"),
        // Run As holds an email that belongs to one user: that user's username, unasked.
        ("run-as-email", &[], "clientCredentialsFlowUser: it-integrations@practice-org.example → preflight.integration@"),
        ("no-api-scope", &[], "commaSeparatedOauthScopes: OpenID,Basic → OpenID,Basic,Api"),
        ("not-admin-approved", &[], "commaSeparatedProfile: (empty) → Minimum Access - API Only Integrations"),
        ("ip-restricted", &[], "ipRelaxationPolicyType: Enforce → Bypass"),
    ];
    for (scenario, extra, change) in table {
        let out = fix(scenario, extra).await;
        assert_eq!(out.code, 0, "{scenario}: {}", out.all());
        assert!(out.stdout.contains(change), "{scenario}: {}", out.stdout);
        assert!(
            out.stdout
                .contains("Nothing is wrong with the app's settings."),
            "{scenario}"
        );
        assert!(
            out.stdout.contains("All checks passed"),
            "{scenario}: {}",
            out.stdout
        );
    }
}

#[tokio::test]
async fn user_findings_are_listed_with_their_setup_link_and_never_changed() {
    for (scenario, code) in [
        ("inactive-user", "run_as_inactive"),
        ("api-disabled-user", "run_as_no_api"),
    ] {
        let out = fix(scenario, &[]).await;
        assert_eq!(out.code, 1, "{scenario}: {}", out.all());
        assert!(out.stdout.contains(code), "{}", out.stdout);
        assert!(
            out.stdout.contains("/lightning/setup/ManageUsers/home"),
            "{}",
            out.stdout
        );
        assert!(
            out.stdout
                .contains("No change of the app's own settings mends"),
            "{}",
            out.stdout
        );
        assert!(!out.all().contains("Deploying"), "{}", out.all());
    }
    // Run As missing and no username given: said what is needed, nothing deployed.
    let out = fix("no-run-as-user", &[]).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.all().contains("--run-as USERNAME"), "{}", out.all());
}

#[tokio::test]
async fn the_json_plan_shows_before_and_after_and_no_terminal_means_no_deploy() {
    let org = quick_sim(Scenario::FlowDisabled).await;
    let mut args = admin_args(
        &org,
        &["inspect", "--client-id", org.client_id(), "--fix", "--json"],
    );
    let out = cli(args.clone(), admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("--yes"), "{}", out.stderr);
    assert!(!org
        .state()
        .requests
        .iter()
        .any(|r| r.path.contains("/apps/oauth/")));
    args.push("--yes".into());
    let out = cli(args, admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let doc = out.json();
    let change = &doc["plan"]["changes"][0];
    assert_eq!(change["setting"], "isClientCredentialsFlowEnabled");
    assert_eq!(change["before"], "false");
    assert_eq!(change["after"], "true");
    assert_eq!(doc["applied"], true);
    assert_eq!(doc["after"]["findings"], serde_json::json!([]));
    assert!(!out.all().contains(org.client_secret()));
}
