//! Whether the app may look for updates, and the look itself (tauri-plugin-updater: the release's
//! `latest.json`, each artifact signed with the key whose public half is in `tauri.conf.json`).
//!
//! The app never looks on its own: only "Check for updates" in the About panel does, so it talks
//! to nothing but Salesforce unless asked. An admin or MDM turns even that off with
//! `ECA_PREFLIGHT_UPDATE_CHECK=off` or a machine-wide policy file holding
//! `{"updateCheck": false}` (see [`policy_file`]).

use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The environment variable that turns the update check off (`off`, `0`, `false`, `no`).
pub const UPDATE_CHECK_ENV: &str = "ECA_PREFLIGHT_UPDATE_CHECK";

/// May the app look for updates?
#[derive(Serialize, Clone, Debug, PartialEq, Eq, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum UpdatePolicy {
    On,
    /// Turned off; `reason` names what turned it off, for the About panel.
    Off {
        reason: String,
    },
}

/// What "Check for updates" found.
#[derive(Serialize, Clone, Debug, PartialEq, Eq, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UpdateCheck {
    UpToDate {
        version: String,
    },
    Available {
        version: String,
        /// The release notes, as the release wrote them.
        notes: Option<String>,
        date: Option<String>,
    },
    Off {
        reason: String,
    },
}

/// The machine-wide policy file an MDM profile or a deployment script writes (readable by all,
/// writable only by administrators).
pub fn policy_file() -> Option<PathBuf> {
    #[cfg(target_os = "macos")]
    return Some(PathBuf::from(
        "/Library/Application Support/ECA Preflight/policy.json",
    ));
    #[cfg(windows)]
    return std::env::var_os("ProgramData").map(|data| {
        PathBuf::from(data)
            .join("ECA Preflight")
            .join("policy.json")
    });
    #[cfg(not(any(target_os = "macos", windows)))]
    return Some(PathBuf::from("/etc/eca-preflight/policy.json"));
}

/// The policy from the environment variable's value and the policy file. Either one can turn the
/// check off; neither can turn on what the other turned off. A policy file that cannot be read
/// as JSON turns it off too: an administrator meant something by writing it.
pub fn policy(env: Option<&str>, file: Option<&Path>) -> UpdatePolicy {
    if let Some(value) = env {
        if matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "off" | "0" | "false" | "no"
        ) {
            return UpdatePolicy::Off {
                reason: format!("Turned off on this computer ({UPDATE_CHECK_ENV}={value})."),
            };
        }
    }
    let Some(file) = file else {
        return UpdatePolicy::On;
    };
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return UpdatePolicy::On,
        Err(_) => return off_by(file),
    };
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(json) if json.get("updateCheck") == Some(&serde_json::Value::Bool(false)) => {
            off_by(file)
        }
        Ok(json) if json.is_object() => UpdatePolicy::On,
        _ => off_by(file),
    }
}

fn off_by(file: &Path) -> UpdatePolicy {
    UpdatePolicy::Off {
        reason: format!(
            "Turned off by your organisation's policy ({}).",
            file.display()
        ),
    }
}

/// The policy of this launch.
pub fn current_policy() -> UpdatePolicy {
    policy(
        std::env::var(UPDATE_CHECK_ENV).ok().as_deref(),
        policy_file().as_deref(),
    )
}
