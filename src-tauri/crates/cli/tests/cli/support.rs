//! Running the CLI binary from a test: its exit code and output, with the environment cleared
//! of every variable the CLI reads.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_eca-preflight-cli");

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{}", self.stdout))
    }
}

/// Run the CLI off the async runtime (the simulated org keeps serving meanwhile).
pub async fn cli(
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
    stdin: Option<String>,
) -> Out {
    tokio::task::spawn_blocking(move || {
        let mut cmd = Command::new(BIN);
        cmd.args(&args)
            .env_remove("ECA_PREFLIGHT_STORE")
            .env_remove("ECA_PREFLIGHT_DOMAIN")
            .env_remove("ECA_PREFLIGHT_CLIENT_ID")
            .env_remove("ECA_PREFLIGHT_CLIENT_SECRET")
            .env_remove("GITHUB_ACTIONS")
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("SSL_CERT_FILE")
            .env_remove("RUST_LOG")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // The journal (and any store) of a test run stays out of the developer's data folder.
        cmd.env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join(format!("eca-cli-tests-{}", std::process::id())),
        );
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("the CLI starts");
        if let Some(text) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        let out = child.wait_with_output().unwrap();
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    })
    .await
    .unwrap()
}
