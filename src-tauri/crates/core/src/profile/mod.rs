//! Saved connection profiles: non-secret settings in the app's store file (tauri-plugin-store
//! writes `{"profiles": [...]}` to `<data dir>/<APP_IDENTIFIER>/profiles.json`); the secret in
//! the keychain under account `profile:<id>`. The CLI reads the same file for `--profile`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub mod edit;
pub use edit::EditError;

/// The app's bundle identifier: the store folder name and the keychain service name.
pub const APP_IDENTIFIER: &str = "dev.ecapreflight.desktop";
/// The store file name, relative to the app data dir.
pub const STORE_FILE: &str = "profiles.json";
/// The key under which the store file holds the profile list.
pub const STORE_KEY: &str = "profiles";

/// A connection profile (everything but the secret).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
#[serde(default)]
pub struct Profile {
    pub id: String,
    pub name: String,
    /// As the admin typed it; parsed on every run.
    pub domain: String,
    pub client_id: String,
    /// "latest" or "68.0".
    pub api_version: String,
    pub object: String,
    pub fields: BTreeMap<String, String>,
    /// Create (and delete) a test record; on unless the admin turned it off.
    pub create_record: bool,
    pub keep_record: bool,
    /// Ids of the setup-guide steps the admin ticked.
    pub setup_done: Vec<String>,
    /// A practice profile talks to the built-in simulated org.
    pub practice: bool,
    pub last_result: Option<LastResult>,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            id: String::new(),
            name: String::new(),
            domain: String::new(),
            client_id: String::new(),
            api_version: "latest".into(),
            object: "Account".into(),
            fields: BTreeMap::new(),
            create_record: true,
            keep_record: false,
            setup_done: Vec::new(),
            practice: false,
            last_result: None,
        }
    }
}

/// The outcome of a profile's last run, for the profile list.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct LastResult {
    pub ok: bool,
    pub code: Option<String>,
    pub at: String,
}

impl Profile {
    /// The keychain account holding this profile's consumer secret.
    pub fn keychain_account(&self) -> String {
        format!("profile:{}", self.id)
    }
}

/// Where the desktop app keeps its store file on this machine.
pub fn default_store_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER).join(STORE_FILE))
}

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("Could not read the profile store {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("No profile named \"{0}\". Saved profiles: {1}")]
    NotFound(String, String),
}

/// Read all profiles from a store file; a missing file is an empty list.
pub fn load_profiles(path: &Path) -> Result<Vec<Profile>, ProfileError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(ProfileError::Read {
                path: path.display().to_string(),
                reason: e.to_string(),
            })
        }
    };
    let mut doc: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| ProfileError::Read {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
    let Some(list) = doc.get_mut(STORE_KEY).map(serde_json::Value::take) else {
        return Ok(Vec::new());
    };
    serde_json::from_value(list).map_err(|e| ProfileError::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

/// The profile called `name` (case-insensitive), or an error listing the saved names.
pub fn find_profile(profiles: &[Profile], name: &str) -> Result<Profile, ProfileError> {
    profiles
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(name) || p.id == name)
        .cloned()
        .ok_or_else(|| {
            let names: Vec<&str> = profiles.iter().map(|p| p.name.as_str()).collect();
            ProfileError::NotFound(
                name.to_string(),
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                },
            )
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_store_file_written_by_the_app() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STORE_FILE);
        std::fs::write(
            &path,
            r#"{"profiles":[{"id":"p1","name":"Acme prod","domain":"acme","client_id":"3MVG9"}],"other":1}"#,
        )
        .unwrap();
        let profiles = load_profiles(&path).unwrap();
        assert_eq!(profiles.len(), 1);
        assert_eq!(profiles[0].api_version, "latest");
        assert_eq!(profiles[0].object, "Account");
        // Written before the field existed: a store without it still creates the record.
        assert!(profiles[0].create_record);
        let found = find_profile(&profiles, "acme PROD").unwrap();
        assert_eq!(found.keychain_account(), "profile:p1");
        let err = find_profile(&profiles, "nope").unwrap_err().to_string();
        assert!(err.contains("Acme prod"), "{err}");
    }

    #[test]
    fn a_saved_create_record_off_is_kept() {
        let json = r#"{"id":"p1","name":"A","create_record":false}"#;
        let profile: Profile = serde_json::from_str(json).unwrap();
        assert!(!profile.create_record);
        assert!(Profile::default().create_record);
    }

    #[test]
    fn missing_store_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_profiles(&dir.path().join("none.json"))
            .unwrap()
            .is_empty());
    }
}
