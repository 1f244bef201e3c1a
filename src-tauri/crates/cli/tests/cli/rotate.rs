//! `rotate`: the new pair proven and promoted with the old one's expiry shown (human and JSON,
//! never a secret); refusals named (the org setting, the permission, a staged pair with its
//! age, a packaged app); with a keychain: both pairs get tokens after the rotation and only the
//! new one after `--finish`.

use crate::create_app::{admin_args, admin_env, quick_sim};
use crate::prelude::*;

#[tokio::test]
async fn a_rotation_shows_the_new_key_and_when_the_old_pair_stops_working() {
    let out = cli(
        ["rotate", "--practice", "healthy", "--yes", "--json"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    let doc = out.json();
    assert_ne!(doc["client_id"], doc["previous_client_id"]);
    assert!(
        doc["client_id"].as_str().unwrap().starts_with("3MVG"),
        "{doc}"
    );
    let expires = doc["old_pair_expires_at"].as_str().unwrap();
    let words = eca_core::change::rotate::old_pair_words(expires).unwrap();
    assert!(
        words.contains("(30 days)") || words.contains("(29 days)"),
        "{words}"
    );
    assert_eq!(doc["old_pair"], words.as_str());
    assert!(!out.stdout.contains("secret\""), "{}", out.stdout);
    let human = cli(
        ["rotate", "--practice", "healthy", "--yes"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        vec![],
        None,
    )
    .await;
    assert_eq!(human.code, 0, "{}", human.all());
    assert!(
        human.stdout.contains("the old pair stops working on"),
        "{}",
        human.stdout
    );
}

#[tokio::test]
async fn refusals_name_the_setting_the_permission_and_the_packaged_app() {
    let out = cli(
        ["rotate", "--practice", "secret-api-off", "--yes"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out
        .stderr
        .contains("Allow access to External Client App consumer secrets via REST API"));
    assert!(out
        .stderr
        .contains("ExternalClientAppSettings.enableClientSecretInRestApiAccess"));
    assert!(out
        .stderr
        .contains("/lightning/setup/ExternalClientApplicationSettings/home"));

    // The limited admin, with a key of the org: refused before the keychain is even needed.
    let org = quick_sim(Scenario::Healthy).await;
    let args = admin_args(
        &org,
        &[
            "rotate",
            "--client-id",
            org.client_id(),
            "--save-as",
            "x",
            "--yes",
        ],
    );
    let out = cli(args, admin_env(org.limited_admin_token()), None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stderr.contains("View Client Secret"), "{}", out.stderr);
    assert!(nothing_changed(&org, "/staged"));
    // A packaged app: staged credentials are for local apps only; refused before any POST.
    let (key, _) = crate::create_app::pair_of(&org, "Marketing_Sync").await;
    let args = admin_args(
        &org,
        &["rotate", "--client-id", &key, "--save-as", "x", "--yes"],
    );
    let out = cli(args, admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stderr.contains("packaged"), "{}", out.stderr);
    assert!(nothing_changed(&org, "/staged"));
}

#[tokio::test]
async fn a_staged_pair_already_there_is_refused_with_its_age() {
    let org = quick_sim(Scenario::Healthy).await;
    // Stage a pair as a secret manager would, outside the tool.
    stage(&org).await;
    let args = admin_args(
        &org,
        &[
            "rotate",
            "--client-id",
            org.client_id(),
            "--save-as",
            "x",
            "--yes",
        ],
    );
    let out = cli(args, admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stderr
            .contains("already has a staged pair (made today)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--use-staged") && out.stderr.contains("--delete-staged"));
}

/// The org was sent no change (only GETs) under `path`.
fn nothing_changed(org: &SimOrg, path: &str) -> bool {
    !org.state()
        .requests
        .iter()
        .any(|r| r.method != "GET" && r.path.contains(path))
}

/// `POST {}` to the org's only consumer's staged slot, with the admin token.
async fn stage(org: &SimOrg) {
    use eca_core::client::{Body, ClientOptions, SfClient};
    let domain = eca_core::domain::parse_domain(org.base_url()).unwrap();
    let client = SfClient::new(
        &domain,
        &ClientOptions::new(std::time::Duration::from_secs(10)),
    )
    .unwrap();
    let token = eca_core::Secret::new(org.admin_token());
    let base = "/services/data/v66.0/apps/oauth";
    let usage = client
        .get(&format!("{base}/usage"), Some(&token))
        .await
        .unwrap();
    let usage = usage.json::<Value>().unwrap();
    let app = usage["apps"][0]["identifier"].as_str().unwrap().to_string();
    let consumers = client
        .get(&format!("{base}/credentials/{app}"), Some(&token))
        .await
        .unwrap()
        .json::<Value>()
        .unwrap();
    let consumer = consumers["consumers"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let resp = client
        .send(
            reqwest::Method::POST,
            &format!("{base}/credentials/{app}/{consumer}/staged"),
            Some(&token),
            Body::Json(&serde_json::json!({})),
        )
        .await
        .unwrap();
    assert!(resp.is_success(), "{resp:?}");
}

#[tokio::test]
async fn with_a_keychain_both_pairs_work_until_finish_leaves_only_the_new_one() {
    if std::env::var("ECA_REAL_KEYCHAIN").as_deref() != Ok("1") {
        eprintln!("note: rotation with a profile skipped; set ECA_REAL_KEYCHAIN=1 (with a Secret Service) to run it");
        return;
    }
    let org = quick_sim(Scenario::Healthy).await;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("profiles.json");
    let store_text = store.to_str().unwrap().to_string();
    let args = admin_args(
        &org,
        &[
            "rotate",
            "--client-id",
            org.client_id(),
            "--secret-env",
            "OLD_SECRET",
            "--save-as",
            "Rotated",
            "--store",
            &store_text,
            "--yes",
            "--json",
        ],
    );
    let mut env = admin_env(org.admin_token());
    env.push(("OLD_SECRET", org.client_secret().to_string()));
    let out = cli(args, env, None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let doc = out.json();
    let new_key = doc["client_id"].as_str().unwrap().to_string();
    assert!(!out.all().contains(org.client_secret()));
    let profiles = eca_core::profiles::load_profiles(&store).unwrap();
    let profile = &profiles[0];
    assert_eq!(profile.client_id, new_key);
    assert_eq!(profile.rotation.previous_client_id, org.client_id());
    assert!(profile
        .rotation
        .old_pair_words()
        .unwrap()
        .contains("stops working on"));
    let keychain = eca_core::secrets::Keychain::new(eca_core::profiles::APP_IDENTIFIER);
    let new_secret = keychain
        .retrieve(&profile.keychain_account())
        .unwrap()
        .unwrap();
    assert!(!out.all().contains(new_secret.expose()));
    let ledger = std::fs::read_to_string(dir.path().join("org-changes.json")).unwrap();
    assert!(ledger.contains("credentials_rotated") && !ledger.contains(new_secret.expose()));
    // Both pairs get tokens.
    let check = |key: String, secret: String| {
        let args = vec![
            "check".into(),
            "--domain".into(),
            org.base_url().into(),
            "--client-id".into(),
            key,
            "--secret-env".into(),
            "S".into(),
            "--no-record".into(),
        ];
        cli(args, vec![("S", secret)], None)
    };
    assert_eq!(
        check(new_key.clone(), new_secret.expose().into())
            .await
            .code,
        0
    );
    assert_eq!(
        check(org.client_id().into(), org.client_secret().into())
            .await
            .code,
        0
    );
    // --finish: only the new pair.
    let args = admin_args(
        &org,
        &[
            "rotate",
            "--profile",
            "Rotated",
            "--store",
            &store_text,
            "--finish",
            "--yes",
        ],
    );
    let out = cli(args, admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(check(new_key, new_secret.expose().into()).await.code, 0);
    assert_eq!(
        check(org.client_id().into(), org.client_secret().into())
            .await
            .code,
        1
    );
    let profiles = eca_core::profiles::load_profiles(&store).unwrap();
    assert!(profiles[0].rotation.previous_client_id.is_empty());
    keychain.delete(&profiles[0].keychain_account()).unwrap();
    keychain.delete(&profiles[0].previous_account()).unwrap();
}

/// A Secret Service nobody answers at: the keychain is unavailable to the CLI.
pub(crate) const NO_KEYCHAIN: (&str, &str) = (
    "DBUS_SESSION_BUS_ADDRESS",
    "unix:path=/nonexistent/eca-preflight-test-bus",
);

#[tokio::test]
async fn without_a_keychain_to_keep_the_new_secret_nothing_is_changed() {
    let org = quick_sim(Scenario::Healthy).await;
    let args = admin_args(
        &org,
        &[
            "rotate",
            "--client-id",
            org.client_id(),
            "--save-as",
            "x",
            "--yes",
        ],
    );
    let mut env = admin_env(org.admin_token());
    env.push((NO_KEYCHAIN.0, NO_KEYCHAIN.1.to_string()));
    let out = cli(args, env, None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("Nothing was changed"), "{}", out.stderr);
    assert!(nothing_changed(&org, "/apps/oauth/"));
}

#[tokio::test]
async fn a_staged_pair_can_be_deleted_and_replaced_by_the_rotation() {
    if std::env::var("ECA_REAL_KEYCHAIN").as_deref() != Ok("1") {
        eprintln!("note: skipped; set ECA_REAL_KEYCHAIN=1 (with a Secret Service) to run it");
        return;
    }
    let org = quick_sim(Scenario::Healthy).await;
    stage(&org).await;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("profiles.json");
    let store_text = store.to_str().unwrap().to_string();
    let args = admin_args(
        &org,
        &[
            "rotate",
            "--client-id",
            org.client_id(),
            "--save-as",
            "Again",
            "--store",
            &store_text,
            "--delete-staged",
            "--yes",
            "--json",
        ],
    );
    let out = cli(args, admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let ledger = std::fs::read_to_string(dir.path().join("org-changes.json")).unwrap();
    assert!(ledger.contains("staged_pair_deleted") && ledger.contains("credentials_rotated"));
    let profiles = eca_core::profiles::load_profiles(&store).unwrap();
    let keychain = eca_core::secrets::Keychain::new(eca_core::profiles::APP_IDENTIFIER);
    keychain.delete(&profiles[0].keychain_account()).unwrap();
}

#[tokio::test]
async fn a_secret_source_with_the_practice_org_is_a_usage_error() {
    let out = cli(
        ["rotate", "--practice", "healthy", "--secret-stdin", "--yes"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        vec![],
        Some("anything\n".into()),
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("--practice"), "{}", out.stderr);
}

#[tokio::test]
async fn the_current_secret_comes_from_stdin_or_a_file_as_check_reads_it() {
    if std::env::var("ECA_REAL_KEYCHAIN").as_deref() != Ok("1") {
        eprintln!("note: rotation secret sources skipped; set ECA_REAL_KEYCHAIN=1 (with a Secret Service) to run it");
        return;
    }
    let org = quick_sim(Scenario::Healthy).await;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("profiles.json");
    let store_text = store.to_str().unwrap().to_string();
    // A file that is not there: nothing staged, the flag named.
    let missing = dir
        .path()
        .join("no-such-secret")
        .to_str()
        .unwrap()
        .to_string();
    let args = admin_args(
        &org,
        &[
            "rotate",
            "--client-id",
            org.client_id(),
            "--secret-file",
            &missing,
            "--save-as",
            "FromFile",
            "--store",
            &store_text,
            "--yes",
        ],
    );
    let out = cli(args, admin_env(org.admin_token()), None).await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("--secret-file"), "{}", out.stderr);
    assert!(nothing_changed(&org, "/staged"));
    // From standard input: kept as the previous pair.
    let args = admin_args(
        &org,
        &[
            "rotate",
            "--client-id",
            org.client_id(),
            "--secret-stdin",
            "--save-as",
            "FromStdin",
            "--store",
            &store_text,
            "--yes",
            "--json",
        ],
    );
    let out = cli(
        args,
        admin_env(org.admin_token()),
        Some(format!("{}\n", org.client_secret())),
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(!out.all().contains(org.client_secret()));
    let profiles = eca_core::profiles::load_profiles(&store).unwrap();
    let profile = &profiles[0];
    let keychain = eca_core::secrets::Keychain::new(eca_core::profiles::APP_IDENTIFIER);
    let previous = keychain
        .retrieve(&profile.previous_account())
        .unwrap()
        .unwrap();
    assert_eq!(previous.expose(), org.client_secret());
    keychain.delete(&profile.keychain_account()).unwrap();
    keychain.delete(&profile.previous_account()).unwrap();
}
