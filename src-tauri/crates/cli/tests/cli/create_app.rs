//! `create-app` against the simulated org: a created app passes the check with its own pair read
//! back from the org, nothing changes without a confirmation, a taken name and a login without
//! Modify Metadata are refused before anything is deployed, `--package-dir` writes the packages
//! and nothing else, and the new secret appears in no output, ledger or package.

use crate::prelude::*;
use std::time::Duration;

pub(crate) const RUN_AS: &str = "preflight.integration@practice-org.example";

/// An org whose new apps are known at once (no propagation pause).
pub(crate) async fn quick_sim(scenario: Scenario) -> SimOrg {
    SimOrg::start(SimOptions {
        scenario,
        propagation: Duration::ZERO,
        ..SimOptions::default()
    })
    .await
    .expect("the simulated org starts")
}

/// `COMMAND … --admin-token-env ADMIN_TOKEN --domain ORG`.
pub(crate) fn admin_args(org: &SimOrg, command: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = command.iter().map(|s| s.to_string()).collect();
    args.extend(
        [
            "--admin-token-env",
            "ADMIN_TOKEN",
            "--domain",
            org.base_url(),
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    args
}

pub(crate) fn admin_env(token: &str) -> Vec<(&'static str, String)> {
    vec![("ADMIN_TOKEN", token.to_string())]
}

/// The consumer key and secret of app `name`, as the org gives them to its admin.
pub(crate) async fn pair_of(org: &SimOrg, name: &str) -> (String, String) {
    use eca_core::client::{ClientOptions, SfClient};
    let domain = eca_core::domain::parse_domain(org.base_url()).unwrap();
    let client = SfClient::new(&domain, &ClientOptions::new(Duration::from_secs(10))).unwrap();
    let token = eca_core::Secret::new(org.admin_token());
    let get = |path: String| {
        let client = &client;
        let token = &token;
        async move {
            let resp = client.get(&path, Some(token)).await.unwrap();
            assert!(resp.is_success(), "{path}: {}", resp.status);
            resp.json::<Value>().unwrap()
        }
    };
    let base = "/services/data/v66.0/apps/oauth";
    let usage = get(format!("{base}/usage")).await;
    let app = usage["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["developerName"] == name)
        .unwrap_or_else(|| panic!("{name} is not in {usage}"))["identifier"]
        .as_str()
        .unwrap()
        .to_string();
    let consumers = get(format!("{base}/credentials/{app}")).await;
    let consumer = consumers["consumers"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let pair = get(format!(
        "{base}/credentials/{app}/{consumer}?part=keyandsecret"
    ))
    .await;
    (
        pair["key"].as_str().unwrap().to_string(),
        pair["secret"].as_str().unwrap().to_string(),
    )
}

fn soap_posts(org: &SimOrg) -> usize {
    org.state()
        .requests
        .iter()
        .filter(|r| r.method == "POST" && r.path.starts_with("/services/Soap/m/"))
        .count()
}

#[tokio::test]
async fn a_created_app_passes_the_check_with_its_own_pair_and_its_secret_is_never_shown() {
    let org = quick_sim(Scenario::Healthy).await;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("profiles.json");
    let mut args = admin_args(&org, &["create-app"]);
    args.extend(
        [
            "--name",
            "Sync_App",
            "--run-as",
            RUN_AS,
            "--store",
            store.to_str().unwrap(),
            "--yes",
            "--json",
            "--wait",
            "30",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let out = cli(args, admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let doc = out.json();
    let (key, secret) = pair_of(&org, "Sync_App").await;
    assert_eq!(doc["client_id"], key.as_str(), "{doc}");
    assert_ne!(key, org.client_id());
    assert_eq!(doc["app"]["name"], "Sync_App");
    assert_eq!(doc["profile"], "Sync_App");
    assert_eq!(doc["check"]["ok"], true, "{doc}");
    assert!(
        out.stderr
            .contains("phase 2: the OAuth policies: Succeeded"),
        "{}",
        out.stderr
    );
    // The secret: in no output, not in the profile store, not in the ledger.
    assert!(!out.all().contains(&secret));
    let saved = std::fs::read_to_string(&store).unwrap();
    assert!(saved.contains(&key) && !saved.contains(&secret), "{saved}");
    let ledger = std::fs::read_to_string(dir.path().join("org-changes.json")).unwrap();
    assert!(
        ledger.contains("app_created") && ledger.contains("Sync_App"),
        "{ledger}"
    );
    assert!(!ledger.contains(&secret));
    // `cleanup` lists what was made.
    let out = cli(
        vec![
            "cleanup".into(),
            "--domain".into(),
            org.base_url().into(),
            "--client-id".into(),
            key.clone(),
            "--secret-env".into(),
            "S".into(),
            "--store".into(),
            store.to_str().unwrap().into(),
        ],
        vec![("S", secret.clone())],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("app_created  Sync_App"),
        "{}",
        out.stdout
    );
    // The same name again: refused before anything is deployed, inspect offered.
    let posts = soap_posts(&org);
    let mut again = admin_args(&org, &["create-app"]);
    again.extend(
        ["--name", "sync_app", "--run-as", RUN_AS, "--yes"]
            .iter()
            .map(|s| s.to_string()),
    );
    let out = cli(again, admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("already exists") && out.stderr.contains("inspect"));
    assert_eq!(soap_posts(&org), posts + 1, "only the list was read");

    if std::env::var("ECA_REAL_KEYCHAIN").as_deref() != Ok("1") {
        eprintln!("note: the keychain half skipped; set ECA_REAL_KEYCHAIN=1 (with a Secret Service) to run it");
        return;
    }
    assert_eq!(doc["secret_stored"], true, "{doc}");
    let out = cli(
        vec![
            "check".into(),
            "--profile".into(),
            "Sync_App".into(),
            "--store".into(),
            store.to_str().unwrap().into(),
        ],
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    let profiles = eca_core::profiles::load_profiles(&store).unwrap();
    let keychain = eca_core::secrets::Keychain::new(eca_core::profiles::APP_IDENTIFIER);
    let account = profiles[0].keychain_account();
    assert_eq!(
        keychain.retrieve(&account).unwrap().unwrap().expose(),
        secret
    );
    keychain.delete(&account).unwrap();
}

#[tokio::test]
async fn without_yes_and_without_a_terminal_nothing_is_made() {
    let org = quick_sim(Scenario::Healthy).await;
    let mut args = admin_args(&org, &["create-app"]);
    args.extend(
        ["--name", "Quiet_App", "--run-as", RUN_AS, "--wait", "5"]
            .iter()
            .map(|s| s.to_string()),
    );
    let out = cli(args.clone(), admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("--yes"), "{}", out.stderr);
    assert!(out.stdout.contains("(a production org)"), "{}", out.stdout);
    assert!(out
        .stdout
        .contains("clientCredentialsFlowUser = preflight.integration@"));
    // The plan read the list of apps (one SOAP call) and nothing else went to the Metadata or
    // credentials APIs.
    assert_eq!(soap_posts(&org), 1);
    assert!(!org
        .state()
        .requests
        .iter()
        .any(|r| r.path.contains("/apps/oauth/")));
    // The name is still free: with --yes the app is made.
    args.push("--yes".into());
    let out = cli(args, admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
}

#[tokio::test]
async fn refusals_come_before_any_deploy_and_say_what_is_wrong() {
    let org = quick_sim(Scenario::Healthy).await;
    let run = |token: String, name: &'static str, run_as: &'static str| {
        let mut args = admin_args(&org, &["create-app"]);
        args.extend(
            ["--name", name, "--run-as", run_as, "--yes"]
                .iter()
                .map(|s| s.to_string()),
        );
        cli(args, admin_env(&token), None)
    };
    let out = run(org.limited_admin_token().into(), "New_App", RUN_AS).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("Modify Metadata"), "{}", out.stderr);
    let out = run(org.admin_token().into(), "Preflight_Integration", RUN_AS).await;
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);
    let out = run(
        org.admin_token().into(),
        "New_App",
        "nobody@practice-org.example",
    )
    .await;
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("does not exist")
            && out.stderr.contains("/lightning/setup/ManageUsers/home"),
        "{}",
        out.stderr
    );
    let out = run(org.admin_token().into(), "New__App", RUN_AS).await;
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("not a valid API name"),
        "{}",
        out.stderr
    );
    // Nothing of the above reached a deploy: one list of apps for each of the first three (the
    // invalid name was refused before any call).
    assert_eq!(soap_posts(&org), 3, "{:?}", org.state().requests);
}

#[tokio::test]
async fn a_package_dir_holds_both_phases_and_nothing_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(
        vec![
            "create-app".into(),
            "--name".into(),
            "Ci_App".into(),
            "--run-as".into(),
            RUN_AS.into(),
            "--run-as-profile".into(),
            "Minimum Access - API Only Integrations".into(),
            "--package-dir".into(),
            dir.path().to_str().unwrap().into(),
        ],
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).unwrap();
    assert!(read("phase1/package.xml").contains("<name>ExternalClientApplication</name>"));
    assert!(read("phase1/externalClientApps/Ci_App.eca")
        .contains("<distributionState>Local</distributionState>"));
    assert!(
        read("phase1/extlClntAppGlobalOauthSets/Ci_App_glbloauth.ecaGlblOauth")
            .contains("<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>")
    );
    let policy = read("phase2/extlClntAppOauthPolicies/Ci_App_oauthPlcy.ecaOauthPlcy");
    assert!(policy.contains(&format!(
        "<clientCredentialsFlowUser>{RUN_AS}</clientCredentialsFlowUser>"
    )));
    assert!(!read("phase2/package.xml").contains("ExternalClientApplication<"));
    for entry in walk(dir.path()) {
        let text = std::fs::read_to_string(&entry).unwrap();
        assert!(
            !text.contains("consumerSecret") && !text.contains("consumerKey"),
            "{entry:?}"
        );
    }
    // Without the profile name and without a login: a usage error, nothing written.
    let empty = tempfile::tempdir().unwrap();
    let out = cli(
        vec![
            "create-app".into(),
            "--name".into(),
            "Ci_App".into(),
            "--run-as".into(),
            RUN_AS.into(),
            "--package-dir".into(),
            empty.path().to_str().unwrap().into(),
        ],
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--run-as-profile"), "{}", out.stderr);
    assert!(walk(empty.path()).is_empty());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// `create-app … --name NAME --run-as RUN_AS --yes` plus `extra`, on `org`.
async fn create(org: &SimOrg, name: &str, extra: &[&str]) -> crate::support::Out {
    let mut args = admin_args(org, &["create-app"]);
    args.extend(
        ["--name", name, "--run-as", RUN_AS, "--yes", "--wait", "10"]
            .iter()
            .chain(extra)
            .map(|s| s.to_string()),
    );
    cli(args, admin_env(org.admin_token()), None).await
}

#[tokio::test]
async fn a_half_made_app_says_what_exists_and_can_be_finished_or_removed() {
    // Where the second deploy falls in the flow, counted on a run that succeeds: the deploys
    // and their polls are one unbroken run of SOAP calls at the end (deploy 1, its polls,
    // deploy 2, as many polls), after the reads of the plan.
    let rehearsal = quick_sim(Scenario::Healthy).await;
    assert_eq!(create(&rehearsal, "Half_App", &[]).await.code, 0);
    let soap: Vec<usize> = rehearsal
        .state()
        .requests
        .iter()
        .enumerate()
        .filter(|(_, r)| r.method == "POST" && r.path.starts_with("/services/Soap/m/"))
        .map(|(i, _)| i)
        .collect();
    let mut run = vec![*soap.last().unwrap()];
    for &i in soap.iter().rev().skip(1) {
        if i + 1 != run[run.len() - 1] {
            break;
        }
        run.push(i);
    }
    run.reverse();
    let polls = (run.len() - 2) / 2;
    // The fault counts requests from 1.
    let second_deploy = run[polls + 1] + 1;
    // The same run with Salesforce failing that deploy (500, the work not done).
    let org = SimOrg::start(SimOptions {
        propagation: std::time::Duration::ZERO,
        fault: Some(eca_sim::Fault {
            kind: eca_sim::FaultKind::ServerError,
            at: second_deploy,
        }),
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("profiles.json");
    let store_arg = store.to_str().unwrap();
    let out = create(&org, "Half_App", &["--store", store_arg]).await;
    assert_eq!(out.code, 1, "{}", out.all());
    for exists in [
        "ExternalClientApplication Half_App",
        "ExtlClntAppOauthSettings Half_App_oauth",
        "ExtlClntAppGlobalOauthSettings Half_App_glbloauth",
    ] {
        assert!(out.stderr.contains(exists), "{exists}: {}", out.stderr);
    }
    assert!(out.stderr.contains("--finish") && out.stderr.contains("--remove"));
    let ledger = std::fs::read_to_string(dir.path().join("org-changes.json")).unwrap();
    assert!(ledger.contains("app_half_created"), "{ledger}");
    // Finish it: the policies deployed, the app passes its check.
    let out = create(
        &org,
        "Half_App",
        &["--finish", "--store", store_arg, "--json"],
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(out.json()["check"]["ok"], true);
    // Remove it: gone, the name free again, the ledger says so.
    let mut args = admin_args(
        &org,
        &["create-app", "--remove", "--name", "Half_App", "--yes"],
    );
    args.extend(["--store".to_string(), store_arg.to_string()]);
    let out = cli(args, admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out
        .stdout
        .contains("ExtlClntAppOauthConfigurablePolicies Half_App_oauthPlcy"));
    let ledger = std::fs::read_to_string(dir.path().join("org-changes.json")).unwrap();
    assert!(ledger.contains("app_removed"), "{ledger}");
    let out = create(&org, "Half_App", &["--store", store_arg]).await;
    assert_eq!(out.code, 0, "the name is free again: {}", out.all());
}

/// The package Salesforce CLI converts and deploys in the peers test (`tests/peers`, with the real
/// `sf`) is the one `--package-dir` writes: same files, same text (the callback URL aside, which
/// a Client Credentials app never uses).
#[tokio::test]
async fn the_package_dir_is_the_one_salesforce_cli_deploys_in_the_peers_test() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/peers/fixtures/eca-package");
    let dir = tempfile::tempdir().unwrap();
    let out = cli(
        [
            "create-app",
            "--name",
            "Peer_Sync",
            "--run-as",
            RUN_AS,
            "--contact-email",
            "admin@practice-org.example",
            "--run-as-profile",
            "Minimum Access - API Only Integrations",
            "--package-dir",
            dir.path().to_str().unwrap(),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    let without_callback = |text: String| -> String {
        text.lines()
            .filter(|l| !l.trim_start().starts_with("<callbackUrl>"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let relative = |root: &std::path::Path| {
        let mut files: Vec<_> = walk(root)
            .into_iter()
            .map(|p| p.strip_prefix(root).unwrap().to_path_buf())
            .collect();
        files.sort();
        files
    };
    assert_eq!(relative(dir.path()), relative(&fixture));
    for file in relative(&fixture) {
        let ours = std::fs::read_to_string(dir.path().join(&file)).unwrap();
        let theirs = std::fs::read_to_string(fixture.join(&file)).unwrap();
        assert_eq!(without_callback(ours), without_callback(theirs), "{file:?}");
    }
}

#[tokio::test]
async fn without_a_keychain_the_app_is_made_and_the_secret_is_not_printed() {
    let org = quick_sim(Scenario::Healthy).await;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("profiles.json");
    let (bus, nowhere) = crate::rotate::NO_KEYCHAIN;
    let mut args = admin_args(&org, &["create-app"]);
    args.extend(
        [
            "--name",
            "Ci_Made",
            "--run-as",
            RUN_AS,
            "--store",
            store.to_str().unwrap(),
            "--yes",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let mut env = admin_env(org.admin_token());
    env.push((bus, nowhere.to_string()));
    let out = cli(args, env, None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let (key, secret) = pair_of(&org, "Ci_Made").await;
    assert!(
        out.stdout.contains("The secret was not stored"),
        "{}",
        out.stdout
    );
    assert!(out
        .stdout
        .contains("/lightning/setup/ManageExternalClientApplication/home"));
    assert!(!out.all().contains(&secret));
    let profiles = eca_core::profiles::load_profiles(&store).unwrap();
    assert_eq!(profiles[0].client_id, key);
}
