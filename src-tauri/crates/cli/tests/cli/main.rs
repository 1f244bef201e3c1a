//! The `eca-preflight-cli` binary against the in-process simulated org, one test binary with a
//! module per theme (as ripgrep does): exit codes, the human output, the `--json` contract, secret
//! sources and profiles, CI outputs, cleanup, hand-off, `inspect` and `guide`; and that no secret
//! is printed. `support` runs the binary; `common` (shared with the engine's tests) starts orgs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../../core/tests/common/mod.rs"]
mod common;
mod support;

mod cleanup;
mod create_app;
mod fix;
mod guide;
mod handoff;
mod inspect;
mod inspect_hint;
mod options;
mod output;
mod pipelines;
mod profiles;
mod rotate;

/// What every theme uses.
mod prelude {
    pub(crate) use crate::common::{self, protocol_problems, sim};
    pub(crate) use crate::support::{cli, BIN};
    pub(crate) use crate::{check_args, secret_env, strings, write_store};
    pub(crate) use eca_core::secrets::SecretStore;
    pub(crate) use eca_sim::{Scenario, SimOptions, SimOrg};
    pub(crate) use serde_json::Value;
    pub(crate) use std::process::{Command, Stdio};
}

use eca_sim::SimOrg;
use serde_json::Value;

/// `check --domain … --client-id … --secret-env ECA_TEST_SECRET` plus `extra`.
pub(crate) fn check_args(org: &SimOrg, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "check",
        "--domain",
        org.base_url(),
        "--client-id",
        org.client_id(),
        "--secret-env",
        "ECA_TEST_SECRET",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

pub(crate) fn secret_env(org: &SimOrg) -> Vec<(&'static str, String)> {
    vec![("ECA_TEST_SECRET", org.client_secret().to_string())]
}

pub(crate) fn write_store(dir: &tempfile::TempDir, profiles: Value) -> String {
    let path = dir.path().join("profiles.json");
    std::fs::write(
        &path,
        serde_json::json!({ "profiles": profiles }).to_string(),
    )
    .unwrap();
    path.display().to_string()
}

pub(crate) fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}
