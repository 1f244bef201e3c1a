//! The networks an admin has been warned about, per profile: Salesforce may freeze the Run As
//! user for traffic to a production org through a proxy or inspected TLS, and the app says so
//! before the first grant — once per profile and network, not before every run. Kept beside the
//! profile store (`freeze-warnings.json`: profile ids and network names, never a secret).

use eca_core::storage::JsonFile;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Mutex;

pub const FREEZE_WARNINGS_FILE: &str = "freeze-warnings.json";

pub struct FreezeWarnings {
    file: Option<JsonFile<BTreeSet<String>>>,
    /// `profile id` + NUL + network; read from the file on first use.
    seen: Mutex<Option<BTreeSet<String>>>,
}

fn key(profile_id: &str, network: &str) -> String {
    format!("{profile_id}\u{0}{network}")
}

impl FreezeWarnings {
    pub fn new(file: Option<PathBuf>) -> Self {
        FreezeWarnings {
            file: file.map(|path| JsonFile::at(path, "unreadable")),
            seen: Mutex::new(None),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut BTreeSet<String>) -> T) -> T {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let set = seen.get_or_insert_with(|| {
            self.file
                .as_ref()
                .and_then(|file| file.load().value)
                .unwrap_or_default()
        });
        f(set)
    }

    /// Whether the admin was already warned about `network` for this profile.
    pub fn is_acknowledged(&self, profile_id: &str, network: &str) -> bool {
        self.with(|set| set.contains(&key(profile_id, network)))
    }

    /// The admin read the warning and ran anyway: not asked again for this profile and network.
    pub fn acknowledge(&self, profile_id: &str, network: &str) {
        let Some(file) = &self.file else {
            self.with(|set| set.insert(key(profile_id, network)));
            return;
        };
        let saved = self.with(|set| set.insert(key(profile_id, network)).then(|| file.save(set)));
        if let Some(Err(e)) = saved {
            tracing::warn!(error = %e, "the freeze warning will be shown again next launch");
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn asked_once_per_profile_and_network_across_launches() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FREEZE_WARNINGS_FILE);
        let warnings = FreezeWarnings::new(Some(file.clone()));
        assert!(!warnings.is_acknowledged("p1", "the proxy proxy:3128"));
        warnings.acknowledge("p1", "the proxy proxy:3128");
        assert!(warnings.is_acknowledged("p1", "the proxy proxy:3128"));
        assert!(!warnings.is_acknowledged("p2", "the proxy proxy:3128"));
        assert!(!warnings.is_acknowledged("p1", "the proxy other:8080"));
        let next_launch = FreezeWarnings::new(Some(file));
        assert!(next_launch.is_acknowledged("p1", "the proxy proxy:3128"));
    }
}
