//! Nothing left behind: a run interrupted after its create cleans up, and `cleanup` removes what a
//! killed run left.

use crate::prelude::*;

/// A CI job cancelled mid-run sends SIGTERM: the CLI still deletes the record and revokes the
/// token, then exits 130. The org refuses composite so that the record lives between requests
/// (inside one composite call it never outlives the call).
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_after_create_cleans_up_and_exits_130() {
    let org = slow_org().await;
    let data = tempfile::tempdir().unwrap();
    let child = check_until_record(&org, data.path()).await;
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let state = org.state();
    assert!(state.records.is_empty(), "the record was left behind");
    assert_eq!(state.active_tokens, 0, "the token was left alive");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["cancelled"], true);
}

/// `check --json` against `org` (its journal under `data`), returned once its record exists.
async fn check_until_record(org: &SimOrg, data: &std::path::Path) -> std::process::Child {
    let child = Command::new(BIN)
        .args(check_args(org, &["--json"]))
        .env("ECA_TEST_SECRET", org.client_secret())
        .env("XDG_DATA_HOME", data)
        .env_remove("ECA_PREFLIGHT_STORE")
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut waited = 0;
    while org.state().records.is_empty() {
        assert!(waited < 300, "the CLI never created its record");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        waited += 1;
    }
    child
}

/// An org slow enough (and without composite calls) to interrupt a run between create and delete.
async fn slow_org() -> SimOrg {
    SimOrg::start(SimOptions {
        scenario: Scenario::Healthy,
        latency: std::time::Duration::from_millis(300),
        composite: false,
        ..SimOptions::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn cleanup_removes_the_record_a_killed_run_left() {
    let org = slow_org().await;
    let data = tempfile::tempdir().unwrap();
    let mut child = check_until_record(&org, data.path()).await;
    // No chance to clean up: SIGKILL.
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(
        org.state().records.len(),
        1,
        "the killed run left its record"
    );
    let journal = data
        .path()
        .join("dev.ecapreflight.desktop")
        .join("cleanup-journal.json");
    let lines: Value = serde_json::from_str(&std::fs::read_to_string(&journal).unwrap()).unwrap();
    assert_eq!(lines.as_array().unwrap().len(), 1, "{lines}");

    let mut args = check_args(&org, &[]);
    args[0] = "cleanup".into();
    let mut env = secret_env(&org);
    env.push(("XDG_DATA_HOME", data.path().display().to_string()));
    let tokens = org.state().active_tokens;
    let out = cli(args.clone(), env.clone(), None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains("Deleted Account"), "{}", out.stdout);
    assert!(org.state().records.is_empty(), "the record is gone");
    assert_eq!(
        org.state().active_tokens,
        tokens,
        "cleanup revokes its own token"
    );
    let out = cli(args, env, None).await;
    assert!(
        out.stdout.contains("No test record was left"),
        "{}",
        out.stdout
    );
    assert!(!out.all().contains(org.client_secret()));
}
