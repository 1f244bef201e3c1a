//! `inspect` against the simulated org: exit codes, the `--json` document with exactly the
//! finding of each scenario, Salesforce CLI as the login source, and no token in any output.

use crate::common::{holds_access_token, sim};
use crate::support::{self, cli};
use eca_sim::{Scenario, SimOrg};

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

/// `inspect --admin-token-env` with Salesforce CLI's `[REDACTED] …` placeholder (what `sf org
/// display --json` prints since 2.136.8) or a spaced value: refused before anything is sent,
/// naming the command that prints the token.
#[tokio::test]
async fn a_redacted_or_spaced_admin_token_is_refused_before_anything_is_sent() {
    let org = sim(Scenario::Healthy).await;
    for value in [
        "[REDACTED] Use 'sf org auth show-access-token' to view",
        &format!("Bearer {}", org.admin_token()),
    ] {
        let out = cli(args(&org, org.client_id(), &[]), admin(value), None).await;
        assert_eq!(out.code, 2, "{value}: {}", out.all());
        assert!(
            out.stderr.contains("sf org auth show-access-token"),
            "{value}: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("Nothing was sent to the org"),
            "{}",
            out.stderr
        );
        assert!(!out.all().contains(org.admin_token()), "{}", out.all());
        assert!(org.state().requests.is_empty(), "{value}: nothing was sent");
    }
    org.shutdown().await;
}

fn with_sf(org: &SimOrg, alias: &str) -> Vec<String> {
    vec![
        "inspect".to_string(),
        "--client-id".into(),
        org.client_id().into(),
        "--admin-org".into(),
        alias.into(),
    ]
}

/// No token (the admin's or a placeholder's text) in anything the CLI printed.
fn assert_no_token(org: &SimOrg, out: &support::Out) {
    assert!(!out.all().contains(org.admin_token()), "{}", out.all());
    assert!(!holds_access_token(&out.all()), "{}", out.all());
}

/// Salesforce CLI as the login source, played by a shell script.
#[cfg(unix)]
mod salesforce_cli {
    use super::*;

    /// How the stand-in `sf` behaves, from its `FAKE_SF_MODE` environment variable.
    #[derive(Clone, Copy)]
    enum SfMode {
        /// Salesforce CLI 2.136.8 and later: `org display` hides the token, `org auth
        /// show-access-token` prints it.
        Current,
        /// An older CLI: `org display` prints the token; `org auth show-access-token` is not a
        /// command.
        Old,
        /// An old CLI that hides the token and has no `org auth show-access-token`.
        OldHidden,
        /// The login's refresh token expired: `org auth show-access-token` fails.
        Expired,
        /// `org auth show-access-token` answers the placeholder instead of a token.
        RedactedToken,
        /// Every command hangs (`exec sleep 600`).
        Hang,
    }

    impl SfMode {
        fn name(self) -> &'static str {
            match self {
                SfMode::Current => "current",
                SfMode::Old => "old",
                SfMode::OldHidden => "old-hidden",
                SfMode::Expired => "expired",
                SfMode::RedactedToken => "redacted-token",
                SfMode::Hang => "hang",
            }
        }
    }

    const PLACEHOLDER: &str = "[REDACTED] Use 'sf org auth show-access-token' to view";

    /// A stand-in `sf` that knows one login, `practice` (the simulated org's admin), and answers
    /// as Salesforce CLI does with `--json`: `org display`, `org auth show-access-token`, `org list`,
    /// and `NamedOrgNotFoundError` on stdout (exit 1) for any other alias. Each call's arguments
    /// (and, before hanging, its pid) are appended to the log file.
    struct FakeSf {
        _dir: tempfile::TempDir,
        program: String,
        log: std::path::PathBuf,
    }

    impl FakeSf {
        fn new(org: &SimOrg) -> FakeSf {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("sf");
            let log = dir.path().join("calls.log");
            let username = "admin@practice-org.example";
            let display = |token: &str| serde_json::json!({"status": 0, "result": {"id": "00DHn000000058xMAA", "apiVersion": "66.0", "accessToken": token, "instanceUrl": org.base_url(), "username": username, "clientId": "PlatformCLI", "connectedStatus": "Connected", "alias": "practice"}, "warnings": []});
            let display_hidden = display(PLACEHOLDER);
            let display_old = display(org.admin_token());
            let token = serde_json::json!({"status": 0, "result": {"accessToken": org.admin_token()}, "warnings": ["Sharing this access token with others is a security risk. Only share it with trusted sources."]});
            let redacted = serde_json::json!({"status": 0, "result": {"accessToken": PLACEHOLDER}, "warnings": []});
            let expired = serde_json::json!({"code": 1, "context": "OrgAuthShowAccessToken", "commandName": "OrgAuthShowAccessToken", "exitCode": 1, "name": "RefreshTokenAuthError", "message": "Error authenticating with the refresh token due to: expired access/refresh token", "status": 1, "warnings": []});
            // An older CLI's list even held the tokens: only the names may be shown.
            let list = serde_json::json!({"status": 0, "result": {
                "other": [],
                "sandboxes": [{"alias": "uat", "username": "admin@practice-org.example.uat", "accessToken": org.admin_token()}],
                "nonScratchOrgs": [{"alias": "practice", "username": username, "accessToken": org.admin_token(), "instanceUrl": org.base_url()}, {"username": "ci@practice-org.example"}],
                "devHubs": [], "scratchOrgs": []}, "warnings": []});
            let script = format!(
                r#"#!/bin/sh
# A stand-in for Salesforce CLI; FAKE_SF_MODE: current | old | old-hidden | expired | redacted-token | hang
echo "$*" >> '{log}'
mode="${{FAKE_SF_MODE:-current}}"
if [ "$mode" = hang ]; then
  echo "pid $$" >> '{log}'
  exec sleep 600
fi
alias=""
prev=""
for a in "$@"; do
  if [ "$prev" = "--target-org" ]; then alias="$a"; fi
  prev="$a"
done
case "$1 $2 $3" in
"org list --json")
  cat <<'JSON'
{list}
JSON
  exit 0;;
"org auth show-access-token")
  if [ "$mode" = old ] || [ "$mode" = old-hidden ]; then
    echo " ›   Warning: org auth show-access-token is not a sf command." >&2
    exit 127
  fi;;
esac
if [ "$alias" != practice ]; then
  cat <<JSON
{{"code":1,"context":"OrgDisplay","commandName":"OrgDisplay","exitCode":1,"name":"NamedOrgNotFoundError","message":"No authorization information found for $alias.","status":1,"warnings":[]}}
JSON
  exit 1
fi
case "$1 $2 $3" in
"org display --json")
  if [ "$mode" = old ]; then
    cat <<'JSON'
{display_old}
JSON
  else
    cat <<'JSON'
{display_hidden}
JSON
  fi
  exit 0;;
"org auth show-access-token")
  if [ "$mode" = expired ]; then
    cat <<'JSON'
{expired}
JSON
    exit 1
  fi
  if [ "$mode" = redacted-token ]; then
    cat <<'JSON'
{redacted}
JSON
    exit 0
  fi
  cat <<'JSON'
{token}
JSON
  exit 0;;
esac
echo "fake sf: unexpected arguments: $*" >&2
exit 2
"#,
                log = log.display(),
            );
            std::fs::write(&path, script).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
            FakeSf {
                _dir: dir,
                program: path.display().to_string(),
                log,
            }
        }

        /// The environment of a CLI run with this `sf` in `mode`.
        fn env(&self, mode: SfMode) -> Vec<(&'static str, String)> {
            vec![
                ("ECA_PREFLIGHT_SF", self.program.clone()),
                ("FAKE_SF_MODE", mode.name().to_string()),
            ]
        }

        /// The calls so far, one line of arguments each; the log is emptied.
        fn take_calls(&self) -> Vec<String> {
            let text = std::fs::read_to_string(&self.log).unwrap_or_default();
            let _ = std::fs::remove_file(&self.log);
            text.lines().map(str::to_string).collect()
        }
    }

    const DISPLAY: &str = "org display --json --target-org practice";
    const SHOW_TOKEN: &str = "org auth show-access-token --target-org practice --json";

    #[tokio::test]
    async fn a_current_salesforce_cli_gives_the_token_through_show_access_token_only() {
        let org = sim(Scenario::RunAsEmail).await;
        let sf = FakeSf::new(&org);
        let out = cli(with_sf(&org, "practice"), sf.env(SfMode::Current), None).await;
        assert_eq!(out.code, 1, "{}", out.all());
        assert!(out.stdout.contains("[run_as_not_found]"), "{}", out.stdout);
        assert!(out.stdout.contains(
            "it is the email of the user whose username is preflight.integration@practice-org.example"
        ));
        assert_no_token(&org, &out);
        assert_eq!(sf.take_calls(), [DISPLAY, SHOW_TOKEN]);
        assert!(
            org.state().requests.iter().any(|r| r.auth == "bearer"),
            "the org was read with the admin's token"
        );

        // The same login with the org's domain given: it must match the login's instance.
        let mut same = with_sf(&org, "practice");
        same.extend(["--domain".into(), org.base_url().into(), "--json".into()]);
        let out = cli(same, sf.env(SfMode::Current), None).await;
        assert_eq!(out.code, 1, "{}", out.all());
        assert_eq!(out.json()["findings"][0]["code"], "run_as_not_found");
        sf.take_calls();

        let before = org.state().requests.len();
        let mut other = with_sf(&org, "practice");
        other.extend(["--domain".to_string(), "acme".to_string()]);
        let out = cli(other, sf.env(SfMode::Current), None).await;
        assert_eq!(out.code, 2);
        assert!(
            out.stderr.contains("not acme.my.salesforce.com"),
            "{}",
            out.stderr
        );
        assert_no_token(&org, &out);
        assert_eq!(org.state().requests.len(), before, "nothing was sent");
        org.shutdown().await;
    }

    #[tokio::test]
    async fn an_older_salesforce_cli_gives_the_token_through_org_display() {
        let org = sim(Scenario::RunAsEmail).await;
        let sf = FakeSf::new(&org);
        let out = cli(with_sf(&org, "practice"), sf.env(SfMode::Old), None).await;
        assert_eq!(out.code, 1, "{}", out.all());
        assert!(out.stdout.contains("[run_as_not_found]"), "{}", out.stdout);
        assert_no_token(&org, &out);
        assert_eq!(
            sf.take_calls(),
            [DISPLAY],
            "display's token is used as it is"
        );
        assert!(!org.state().requests.is_empty());
        org.shutdown().await;
    }

    /// A run of `inspect --admin-org ALIAS` that cannot get a login: exit 2, nothing sent to the
    /// org, no token printed; its stderr for the caller's assertions.
    async fn refused(org: &SimOrg, alias: &str, env: Vec<(&'static str, String)>) -> String {
        let before = org.state().requests.len();
        let out = cli(with_sf(org, alias), env, None).await;
        assert_eq!(out.code, 2, "{}", out.all());
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        assert_no_token(org, &out);
        assert_eq!(
            org.state().requests.len(),
            before,
            "nothing was sent to the org: {}",
            out.stderr
        );
        out.stderr
    }

    #[tokio::test]
    async fn an_old_cli_that_hides_the_token_is_too_old() {
        let org = sim(Scenario::Healthy).await;
        let sf = FakeSf::new(&org);
        let err = refused(&org, "practice", sf.env(SfMode::OldHidden)).await;
        assert!(err.contains("too old"), "{err}");
        assert!(
            err.contains("hides the access token of 'practice'"),
            "{err}"
        );
        assert!(
            err.contains("npm install --global @salesforce/cli@latest")
                && err.contains("sf update"),
            "names the update: {err}"
        );
        assert_eq!(sf.take_calls(), [DISPLAY, SHOW_TOKEN]);
        org.shutdown().await;
    }

    #[tokio::test]
    async fn an_unknown_alias_lists_the_logins_by_name() {
        let org = sim(Scenario::Healthy).await;
        let sf = FakeSf::new(&org);
        let err = refused(&org, "nope", sf.env(SfMode::Current)).await;
        assert!(
            err.contains("No authorization information found for nope."),
            "{err}"
        );
        assert!(
            err.contains("Its logins: ci@practice-org.example, practice, uat."),
            "{err}"
        );
        assert!(
            err.contains("sf org login web --alias nope --instance-url"),
            "{err}"
        );
        assert_eq!(
            sf.take_calls(),
            ["org display --json --target-org nope", "org list --json"]
        );
        org.shutdown().await;
    }

    #[tokio::test]
    async fn an_expired_login_names_the_login_again_for_its_instance() {
        let org = sim(Scenario::Healthy).await;
        let sf = FakeSf::new(&org);
        let err = refused(&org, "practice", sf.env(SfMode::Expired)).await;
        assert!(err.contains("has expired or was revoked"), "{err}");
        assert!(err.contains("expired access/refresh token"), "{err}");
        assert!(
            err.contains(&format!(
                "sf org login web --alias practice --instance-url {}",
                org.base_url()
            )),
            "{err}"
        );
        assert_eq!(sf.take_calls(), [DISPLAY, SHOW_TOKEN]);
        org.shutdown().await;
    }

    #[tokio::test]
    async fn a_placeholder_from_show_access_token_is_refused() {
        let org = sim(Scenario::Healthy).await;
        let sf = FakeSf::new(&org);
        let err = refused(&org, "practice", sf.env(SfMode::RedactedToken)).await;
        assert!(
            err.contains("Salesforce CLI's access token is not an access token"),
            "{err}"
        );
        assert!(err.contains("sf org auth show-access-token"), "{err}");
        assert_eq!(sf.take_calls(), [DISPLAY, SHOW_TOKEN]);
        org.shutdown().await;
    }

    #[tokio::test]
    async fn a_hanging_salesforce_cli_is_stopped() {
        let org = sim(Scenario::Healthy).await;
        let sf = FakeSf::new(&org);
        let mut env = sf.env(SfMode::Hang);
        env.push(("ECA_PREFLIGHT_SF_TIMEOUT", "2".to_string()));
        let err = refused(&org, "practice", env).await;
        assert!(
            err.contains("did not answer `sf org display --json --target-org practice` within 2 s"),
            "{err}"
        );
        assert!(err.contains("was stopped"), "{err}");
        let calls = sf.take_calls();
        assert_eq!(
            calls.first().map(String::as_str),
            Some(DISPLAY),
            "{calls:?}"
        );
        // The stopped `sf` does not live on (gone, or a zombie waiting to be reaped).
        #[cfg(target_os = "linux")]
        {
            let pid = calls
                .iter()
                .find_map(|l| l.strip_prefix("pid "))
                .expect("the hanging sf wrote its pid");
            let stat = std::path::PathBuf::from(format!("/proc/{pid}/stat"));
            let mut alive = true;
            for _ in 0..50 {
                alive = std::fs::read_to_string(&stat).is_ok_and(|s| {
                    let state = s.rsplit_once(')').map(|(_, rest)| rest.trim_start());
                    !state.is_some_and(|r| r.starts_with('Z') || r.starts_with('X'))
                });
                if !alive {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            assert!(!alive, "the hanging sf (pid {pid}) was not killed");
        }
        org.shutdown().await;
    }
}

#[tokio::test]
async fn a_missing_salesforce_cli_is_named_with_its_install() {
    let org = sim(Scenario::Healthy).await;
    let before = org.state().requests.len();
    let out = cli(
        with_sf(&org, "practice"),
        vec![("ECA_PREFLIGHT_SF", "/nonexistent/sf".into())],
        None,
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains("Salesforce CLI (sf) was not found"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("npm install --global @salesforce/cli"));
    assert_eq!(org.state().requests.len(), before, "nothing was sent");
    org.shutdown().await;
}

#[tokio::test]
async fn the_help_says_where_the_admin_login_comes_from() {
    let out = cli(vec!["inspect".into(), "--help".into()], vec![], None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let flat = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for words in [
        "sf org auth show-access-token",
        "older than 2.136.8",
        "the instance URL from `sf org display",
        "--practice <SCENARIO>",
    ] {
        assert!(flat.contains(words), "{words}: {}", out.stdout);
    }
}

/// `inspect --practice SCENARIO`: the practice org inside the command, its admin's login.
#[tokio::test]
async fn practice_inspects_a_scenario_with_no_org_and_no_login() {
    let strings = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let out = cli(
        strings(&["inspect", "--practice", "healthy", "--json"]),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(out.json()["findings"], serde_json::json!([]));
    assert_eq!(out.json()["app"]["name"], "Preflight_Integration");

    let out = cli(
        strings(&["inspect", "--practice", "no-run-as-user"]),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(out.stdout.contains("[run_as_missing]"), "{}", out.stdout);
    assert!(!holds_access_token(&out.all()), "{}", out.all());

    let out = cli(
        strings(&["inspect", "--practice", "no-run-as-user", "--json"]),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert_eq!(out.json()["findings"][0]["code"], "run_as_missing");

    // The environment's key and domain (a CI's) give way to the practice org's.
    let out = cli(
        strings(&["inspect", "--practice", "healthy"]),
        vec![
            ("ECA_PREFLIGHT_CLIENT_ID", "3MVG-elsewhere".to_string()),
            ("ECA_PREFLIGHT_DOMAIN", "acme".to_string()),
        ],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout
            .contains("Nothing is wrong with the app's settings."),
        "{}",
        out.stdout
    );

    let out = cli(strings(&["inspect", "--practice", "list"]), vec![], None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("no-run-as-user"), "{}", out.stdout);

    let out = cli(
        strings(&["inspect", "--practice", "no-such-thing"]),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(out.stderr.contains("healthy"), "names them: {}", out.stderr);

    for other in [
        &["--admin-org", "prod"][..],
        &["--admin-token-env", "T", "--domain", "acme"],
        &["--client-id", "3MVGkey"],
        &["--domain", "acme"],
        &["--profile", "prod"],
    ] {
        let mut a = strings(&["inspect", "--practice", "healthy"]);
        a.extend(strings(other));
        let out = cli(a, vec![], None).await;
        assert_eq!(out.code, 2, "{other:?} with --practice: {}", out.all());
        assert!(out.stderr.contains("cannot be used with"), "{}", out.stderr);
    }
}

#[tokio::test]
async fn salesforce_s_own_reason_stands_beside_the_finding() {
    let org = sim(Scenario::IpRestricted).await;
    // A grant the org refuses writes its Login History row, as a real org does.
    let check = cli(
        vec![
            "check".into(),
            "--domain".into(),
            org.base_url().into(),
            "--client-id".into(),
            org.client_id().into(),
            "--secret-env".into(),
            "ECA_TEST_SECRET".into(),
        ],
        vec![("ECA_TEST_SECRET", org.client_secret().to_string())],
        None,
    )
    .await;
    assert_eq!(check.code, 1, "{}", check.all());
    let out = cli(
        args(&org, org.client_id(), &[]),
        admin(org.admin_token()),
        None,
    )
    .await;
    assert_eq!(out.code, 1, "{}", out.all());
    assert!(
        out.stdout
            .contains("  Salesforce says: Restricted IP (Login History, "),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("The Run As user's recent logins (Login History, newest first):"),
        "{}",
        out.stdout
    );
    let json = cli(
        args(&org, org.client_id(), &["--json"]),
        admin(org.admin_token()),
        None,
    )
    .await
    .json();
    assert_eq!(
        json["login_history"]["attempts"][0]["status"],
        "Restricted IP"
    );
    assert!(json["findings"][0]["salesforce_says"]
        .as_str()
        .unwrap()
        .starts_with("Restricted IP"));
}
