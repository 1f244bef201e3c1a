//! The org-changes ledger: every change made with the admin's login (an app created, a fix
//! deployed, credentials staged or rotated, an old pair deleted, an app removed), appended to
//! `org-changes.json` beside the profile store, so `cleanup` can list what was made. It holds
//! no secret and no token: the host, the app, what and when (a consumer key is no secret).

use crate::pipeline::clock::Utc;
use crate::storage::JsonFile;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// The ledger file's name, beside the profile store.
pub const LEDGER_FILE: &str = "org-changes.json";

/// What a change was.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    AppCreated,
    /// Phase 1 deployed, phase 2 refused: the app exists without its policies.
    AppHalfCreated,
    AppRemoved,
    FixDeployed,
    CredentialsStaged,
    CredentialsRotated,
    OldPairDeleted,
    StagedPairDeleted,
}

/// One change made in an org.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct OrgChange {
    /// RFC 3339, UTC.
    pub at: String,
    pub host: String,
    pub app: String,
    pub what: ChangeKind,
    /// The consumer key concerned, when there is one (never a secret).
    #[serde(default)]
    pub client_id: Option<String>,
    /// A short account of it, e.g. the settings changed.
    #[serde(default)]
    pub detail: String,
}

impl OrgChange {
    pub fn now(host: &str, app: &str, what: ChangeKind, detail: impl Into<String>) -> OrgChange {
        OrgChange {
            at: Utc::now().rfc3339(),
            host: host.to_string(),
            app: app.to_string(),
            what,
            client_id: None,
            detail: detail.into(),
        }
    }

    pub fn with_client_id(mut self, client_id: &str) -> OrgChange {
        self.client_id = Some(client_id.to_string());
        self
    }
}

#[derive(Serialize, Deserialize, Default, Clone)]
struct LedgerFile {
    changes: Vec<OrgChange>,
}

/// `org-changes.json`.
#[derive(Debug, Clone)]
pub struct Ledger {
    file: JsonFile<LedgerFile>,
}

impl std::fmt::Debug for LedgerFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LedgerFile({} changes)", self.changes.len())
    }
}

impl Ledger {
    /// The ledger beside the profile store `store` (same folder).
    pub fn beside(store: &Path) -> Ledger {
        let dir = store.parent().unwrap_or(Path::new("."));
        Ledger {
            file: JsonFile::at(dir.join(LEDGER_FILE), "damaged"),
        }
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// Every change, oldest first.
    pub fn entries(&self) -> Vec<OrgChange> {
        self.file.load().value.unwrap_or_default().changes
    }

    /// Appends `change`; a ledger that cannot be written is logged, never a reason to undo.
    pub fn append(&self, change: OrgChange) {
        let mut file = self.file.load().value.unwrap_or_default();
        file.changes.push(change);
        if let Err(e) = self.file.save(&file) {
            tracing::warn!(error = %e, path = %self.file.path().display(), "the org-changes ledger could not be written");
        }
    }
}

/// Where changes are written down: a ledger, or nowhere (a test, a dry run).
pub type Record<'a> = Option<&'a Ledger>;

pub(crate) fn note(ledger: Record<'_>, change: OrgChange) {
    tracing::info!(what = ?change.what, app = %change.app, host = %change.host, "org change");
    if let Some(ledger) = ledger {
        ledger.append(change);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_appended_beside_the_store_and_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::beside(&dir.path().join("profiles.json"));
        assert!(ledger.entries().is_empty());
        note(
            Some(&ledger),
            OrgChange::now("acme.my.salesforce.com", "Acme", ChangeKind::AppCreated, "")
                .with_client_id("3MVGkey"),
        );
        note(
            Some(&ledger),
            OrgChange::now(
                "acme.my.salesforce.com",
                "Acme",
                ChangeKind::FixDeployed,
                "x",
            ),
        );
        let entries = ledger.entries();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].what, ChangeKind::AppCreated);
        assert_eq!(entries[0].client_id.as_deref(), Some("3MVGkey"));
        assert_eq!(ledger.path(), dir.path().join(LEDGER_FILE));
    }
}
