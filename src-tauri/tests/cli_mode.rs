//! The app's binary as the command-line tool: `eca-preflight --cli …` is what the Linux
//! packages install as `eca-preflight-cli`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

const APP: &str = env!("CARGO_BIN_EXE_eca-preflight");

#[test]
fn the_app_binary_runs_the_cli_with_its_name_and_exit_codes() {
    let out = Command::new(APP)
        .args(["--cli", "--version"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("eca-preflight-cli {}", env!("CARGO_PKG_VERSION"))
    );

    let out = Command::new(APP)
        .args(["--cli", "check", "--practice", "healthy", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], true);

    let out = Command::new(APP)
        .args(["--cli", "check", "--practice", "wrong-secret"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));

    let out = Command::new(APP).args(["--cli", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("eca-preflight-cli: "));
}
