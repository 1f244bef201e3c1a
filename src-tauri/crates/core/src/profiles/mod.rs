//! Saved connection profiles: non-secret settings in the app's store file (tauri-plugin-store
//! writes `{"profiles": [...]}` to `<data dir>/<APP_IDENTIFIER>/profiles.json`); the secret in
//! the keychain under account `profile:<id>`. The CLI reads the same file for `--profile`.

use crate::codes::DiagnosisCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub mod edit;
mod readiness;
pub use edit::EditError;
pub use readiness::proxy_names_user;

/// The app's bundle identifier: the store folder name and the keychain service name.
pub const APP_IDENTIFIER: &str = "dev.ecapreflight.desktop";
/// The store file name, relative to the app data dir.
pub const STORE_FILE: &str = "profiles.json";
/// The key under which the store file holds the profile list.
pub const STORE_KEY: &str = "profiles";

/// Where a profile's checks go, decided once when the profile is made.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A real org. `domain` is as the admin typed it (trimmed): empty, or one
    /// `domain::parse_domain` accepts.
    Org { domain: String },
    /// The simulated org built into the desktop app, set up as `scenario` (an `eca-sim`
    /// scenario name). Its address changes with every launch, so it is never stored: the app
    /// finds it when a check runs.
    Practice { scenario: String },
}

impl Target {
    pub fn is_practice(&self) -> bool {
        matches!(self, Target::Practice { .. })
    }

    /// The org's domain as typed; None for the practice org.
    pub fn domain(&self) -> Option<&str> {
        match self {
            Target::Org { domain } => Some(domain),
            Target::Practice { .. } => None,
        }
    }
}

impl Default for Target {
    fn default() -> Self {
        Target::Org {
            domain: String::new(),
        }
    }
}

/// A connection profile (everything but the secret).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
#[serde(from = "StoredProfile")]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub target: Target,
    /// The consumer key (empty for the practice org, whose key is its own).
    pub client_id: String,
    /// "latest" or "68.0" (`salesforce::ApiVersion` as text).
    pub api_version: String,
    pub object: String,
    pub fields: BTreeMap<String, String>,
    /// Create (and delete) a test record; on unless the admin turned it off.
    pub create_record: bool,
    pub keep_record: bool,
    /// Ids of the setup-guide steps the admin ticked.
    pub setup_done: Vec<String>,
    /// Every request through this proxy (`http(s)://[user@]host:port`; its password is in the
    /// keychain under [`Profile::proxy_account`]); empty: the environment's, if any.
    pub proxy: String,
    /// An extra trusted root certificate (a PEM file, absolute path), e.g. a company's
    /// HTTPS-inspection root; empty: the OS trust store alone.
    pub ca_cert_file: String,
    pub last_result: Option<LastResult>,
    /// A rotation of the key and secret under way (their secrets in the keychain).
    pub rotation: Rotation,
}

/// The keys of a credential rotation: the staged pair (until the profile switches to it), and
/// the old one (until Salesforce refuses it). Their secrets are in the keychain under
/// [`Profile::staged_account`] and [`Profile::previous_account`].
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default, TS)]
#[serde(default)]
pub struct Rotation {
    pub staged_client_id: String,
    pub previous_client_id: String,
    /// When the previous pair stops working (RFC 3339, UTC): Salesforce keeps it 30 days after
    /// a rotation, unless `rotate --finish` deletes it first.
    pub old_pair_expires_at: Option<String>,
}

impl Rotation {
    /// "the old pair stops working on DATE (N days)", while a previous pair is kept.
    pub fn old_pair_words(&self) -> Option<String> {
        if self.previous_client_id.is_empty() {
            return None;
        }
        crate::change::rotate::old_pair_words(self.old_pair_expires_at.as_deref()?)
    }
}

/// A profile as any version wrote it: every field optional, and the `domain` + `practice`
/// pair that `target` replaced (a practice profile stored its org's port, dead after a relaunch).
#[derive(Deserialize)]
#[serde(default)]
struct StoredProfile {
    id: String,
    name: String,
    target: Option<Target>,
    domain: Option<String>,
    practice: bool,
    client_id: String,
    api_version: String,
    object: String,
    fields: BTreeMap<String, String>,
    create_record: bool,
    keep_record: bool,
    setup_done: Vec<String>,
    proxy: String,
    ca_cert_file: String,
    last_result: Option<LastResult>,
    rotation: Rotation,
}

impl Default for StoredProfile {
    fn default() -> Self {
        let p = Profile::default();
        StoredProfile {
            id: p.id,
            name: p.name,
            target: None,
            domain: None,
            practice: false,
            client_id: p.client_id,
            api_version: p.api_version,
            object: p.object,
            fields: p.fields,
            create_record: p.create_record,
            keep_record: p.keep_record,
            setup_done: p.setup_done,
            proxy: p.proxy,
            ca_cert_file: p.ca_cert_file,
            last_result: p.last_result,
            rotation: p.rotation,
        }
    }
}

impl From<StoredProfile> for Profile {
    fn from(s: StoredProfile) -> Self {
        let target = match (s.target, s.practice) {
            (Some(target), _) => target,
            (None, true) => Target::Practice {
                scenario: PRACTICE_SCENARIO.to_string(),
            },
            (None, false) => Target::Org {
                domain: s.domain.unwrap_or_default(),
            },
        };
        let practice = target.is_practice();
        Profile {
            id: s.id,
            name: s.name,
            target,
            // The practice org's key changes with every launch: a stored one means nothing.
            client_id: if practice { String::new() } else { s.client_id },
            api_version: s.api_version,
            object: s.object,
            fields: s.fields,
            create_record: s.create_record,
            keep_record: s.keep_record,
            setup_done: s.setup_done,
            proxy: s.proxy,
            ca_cert_file: s.ca_cert_file,
            last_result: s.last_result,
            rotation: s.rotation,
        }
    }
}

/// The practice scenario of a profile stored before scenarios were saved with it.
pub const PRACTICE_SCENARIO: &str = "healthy";

impl Default for Profile {
    fn default() -> Self {
        Profile {
            id: String::new(),
            name: String::new(),
            target: Target::default(),
            client_id: String::new(),
            api_version: "latest".into(),
            object: "Account".into(),
            fields: BTreeMap::new(),
            create_record: true,
            keep_record: false,
            setup_done: Vec::new(),
            proxy: String::new(),
            ca_cert_file: String::new(),
            last_result: None,
            rotation: Rotation::default(),
        }
    }
}

/// The outcome of a profile's last run, for the profile list.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct LastResult {
    pub ok: bool,
    #[serde(default, deserialize_with = "crate::codes::lenient_code")]
    pub code: Option<DiagnosisCode>,
    pub at: String,
}

impl Profile {
    pub fn is_practice(&self) -> bool {
        self.target.is_practice()
    }

    /// The keychain account holding this profile's proxy password.
    pub fn proxy_account(&self) -> String {
        crate::secrets::Account::ProxyPassword.of(&self.id)
    }

    /// The proxy's user name, when the proxy address names one (a password is then wanted).
    pub fn proxy_user(&self) -> Option<String> {
        crate::network::ProxySetting::parse(&self.proxy)
            .ok()
            .and_then(|p| p.credentials().map(|(u, _)| u.to_string()))
    }

    /// The keychain account holding this profile's consumer secret.
    pub fn keychain_account(&self) -> String {
        crate::secrets::Account::Secret.of(&self.id)
    }

    /// The keychain account of the staged secret of a rotation.
    pub fn staged_account(&self) -> String {
        crate::secrets::Account::StagedSecret.of(&self.id)
    }

    /// The keychain account of the old secret, kept until Salesforce refuses it.
    pub fn previous_account(&self) -> String {
        crate::secrets::Account::PreviousSecret.of(&self.id)
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
    #[error("Could not save the profiles to {path}: {reason}")]
    Write { path: String, reason: String },
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

/// Write the profile list to the store file so that a crash at any moment leaves either the old
/// file or the new one, never a mix: the document goes to a temporary file beside it, is synced,
/// and then renamed over the old one (an atomic replace on every supported system). Other
/// top-level keys of the document are kept.
pub fn save_profiles(path: &Path, profiles: &[Profile]) -> Result<(), ProfileError> {
    let failed = |reason: String| ProfileError::Write {
        path: path.display().to_string(),
        reason,
    };
    let mut doc = match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .filter(serde_json::Value::is_object)
            .unwrap_or_else(|| serde_json::json!({})),
        Err(_) => serde_json::json!({}),
    };
    doc[STORE_KEY] = serde_json::to_value(profiles).map_err(|e| failed(e.to_string()))?;
    let bytes = serde_json::to_vec_pretty(&doc).map_err(|e| failed(e.to_string()))?;
    crate::storage::write_atomically(path, &bytes).map_err(|e| failed(e.to_string()))
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

    #[cfg(unix)]
    #[test]
    fn the_store_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STORE_FILE);
        save_profiles(&path, &[Profile::default()]).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{mode:o}");
    }

    #[test]
    fn a_saved_create_record_off_is_kept() {
        let json = r#"{"id":"p1","name":"A","create_record":false}"#;
        let profile: Profile = serde_json::from_str(json).unwrap();
        assert!(!profile.create_record);
        assert!(Profile::default().create_record);
    }

    #[test]
    fn old_stores_read_into_targets_and_practice_ports_are_dropped() {
        let doc = r#"[
            {"id":"p1","name":"Acme","domain":"acme","client_id":"3MVG9","practice":false},
            {"id":"p2","name":"Practice org","domain":"http://127.0.0.1:41234","client_id":"SIMKEY","practice":true},
            {"id":"p3","name":"New","target":{"kind":"practice","scenario":"wrong-secret"}}
        ]"#;
        let profiles: Vec<Profile> = serde_json::from_str(doc).unwrap();
        assert_eq!(
            profiles[0].target,
            Target::Org {
                domain: "acme".into()
            }
        );
        assert_eq!(
            profiles[1].target,
            Target::Practice {
                scenario: PRACTICE_SCENARIO.into()
            }
        );
        assert_eq!(profiles[1].client_id, "", "a launch's key is not kept");
        let written = serde_json::to_string(&profiles).unwrap();
        assert!(!written.contains("41234"), "{written}");
        assert!(!written.contains("\"practice\":"), "{written}");
        assert!(profiles[2].is_practice());
    }

    #[test]
    fn saving_keeps_other_keys_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join(STORE_FILE);
        let profile = Profile {
            id: "p1".into(),
            name: "Acme".into(),
            ..Profile::default()
        };
        save_profiles(&path, std::slice::from_ref(&profile)).unwrap();
        let mut doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        doc["other"] = serde_json::json!(1);
        std::fs::write(&path, doc.to_string()).unwrap();
        save_profiles(&path, &[profile.clone(), profile.clone()]).unwrap();
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(doc["other"], 1);
        assert_eq!(
            load_profiles(&path).unwrap(),
            vec![profile.clone(), profile]
        );
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    /// `count` profiles with long names, so one save takes long enough to be killed midway.
    fn big_list(tag: &str, count: usize) -> Vec<Profile> {
        (0..count)
            .map(|i| Profile {
                id: format!("{tag}{i}"),
                name: format!("{tag} {i} {}", "x".repeat(2000)),
                ..Profile::default()
            })
            .collect()
    }

    fn document(profiles: &[Profile]) -> Vec<u8> {
        serde_json::to_vec(&serde_json::json!({ STORE_KEY: profiles })).unwrap()
    }

    /// Run as a child by the test below: writes two store documents in turn until killed, the
    /// way `save_profiles` writes one (serialised beforehand, so the loop is all writing).
    #[test]
    fn store_writer_child() {
        let Ok(path) = std::env::var("ECA_STORE_WRITER") else {
            return;
        };
        let (a, b) = (
            document(&big_list("a", 2000)),
            document(&big_list("b", 2500)),
        );
        crate::storage::write_atomically(Path::new(&path), &b).unwrap();
        println!("ECA_STORE_WRITER writing");
        loop {
            crate::storage::write_atomically(Path::new(&path), &a).unwrap();
            crate::storage::write_atomically(Path::new(&path), &b).unwrap();
        }
    }

    #[test]
    fn a_writer_killed_mid_save_never_loses_the_profiles() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STORE_FILE);
        save_profiles(&path, &big_list("a", 2000)).unwrap();
        let exe = std::env::current_exe().unwrap();
        for round in 0..12u64 {
            let mut child = std::process::Command::new(&exe)
                .args([
                    "--exact",
                    "profiles::tests::store_writer_child",
                    "--test-threads=1",
                    "--nocapture",
                ])
                .env("ECA_STORE_WRITER", &path)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            // Wait until the writer is in its loop, then let it run a different while each round
            // (to be killed at different moments: not a timing assertion).
            let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
            let mut line = String::new();
            while !line.contains("ECA_STORE_WRITER writing") {
                line.clear();
                let read = std::io::BufRead::read_line(&mut out, &mut line).unwrap();
                assert!(read > 0, "the writer child ended before writing");
            }
            std::thread::sleep(std::time::Duration::from_millis(3 + 7 * round));
            child.kill().unwrap();
            child.wait().unwrap();
            let profiles = load_profiles(&path)
                .unwrap_or_else(|e| panic!("round {round}: the store is damaged: {e}"));
            assert!(
                profiles.len() == 2000 || profiles.len() == 2500,
                "round {round}: {} profiles",
                profiles.len()
            );
        }
    }

    #[test]
    fn missing_store_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_profiles(&dir.path().join("none.json"))
            .unwrap()
            .is_empty());
    }
}
