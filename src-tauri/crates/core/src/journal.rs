//! The cleanup journal: nothing left behind unnoticed. Before a test record's create is sent, a
//! line naming the org, the object and a unique marker (put in the record's name) is written to
//! `cleanup-journal.json` beside the profile store; the record's id is added when the org answers;
//! the line goes when the record is deleted (or kept on purpose). A run killed in between leaves
//! its line, and the next launch or run offers to delete that record (`pipeline::clean_up`).
//! No secret, token or field value other than the record's name is ever written.

use crate::storage::JsonFile;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use ts_rs::TS;

pub const JOURNAL_FILE: &str = "cleanup-journal.json";

/// A test record that may still be in an org.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct Leftover {
    /// Unique per run, e.g. `epf-k3x9q2ab`; also in the record's name.
    pub marker: String,
    /// The app's profile id (none for a CLI run without `--profile`).
    pub profile_id: Option<String>,
    /// The org's host, e.g. `acme.my.salesforce.com`.
    pub host: String,
    pub object: String,
    /// e.g. "68.0"
    pub api_version: String,
    /// The name field and the value the record was created with (to find it by a query when
    /// the create's answer was lost).
    pub name_field: Option<String>,
    pub name_value: Option<String>,
    /// Known once the create answered.
    pub record_id: Option<String>,
    /// When the create was sent (RFC 3339, UTC).
    pub started_at: String,
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("The cleanup journal {path} could not be written: {reason}")]
    Write { path: String, reason: String },
}

/// The journal file. Every change is a read-modify-write of the whole (small) file, written
/// atomically ([`JsonFile`]); a file that does not parse is kept aside as `…corrupt` and started
/// afresh.
#[derive(Debug)]
pub struct Journal {
    /// One that does not parse is kept aside as `cleanup-journal.json.corrupt`.
    file: JsonFile<Vec<Leftover>>,
    guard: Mutex<()>,
}

impl Journal {
    pub fn at(path: impl Into<PathBuf>) -> Arc<Journal> {
        Arc::new(Journal {
            file: JsonFile::at(path, "corrupt"),
            guard: Mutex::new(()),
        })
    }

    /// The journal beside the profile store (`store` is the store file).
    pub fn beside(store: &Path) -> Arc<Journal> {
        let dir = store.parent().unwrap_or(Path::new("."));
        Journal::at(dir.join(JOURNAL_FILE))
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    fn read(&self) -> Vec<Leftover> {
        self.file.load().value.unwrap_or_default()
    }

    fn change(&self, edit: impl FnOnce(&mut Vec<Leftover>)) -> Result<(), JournalError> {
        let _held = self.guard.lock().unwrap_or_else(|e| e.into_inner());
        let mut list = self.read();
        edit(&mut list);
        self.file.save(&list).map_err(|e| JournalError::Write {
            path: self.path().display().to_string(),
            reason: e.to_string(),
        })
    }

    /// Every line, oldest first.
    pub fn entries(&self) -> Vec<Leftover> {
        let _held = self.guard.lock().unwrap_or_else(|e| e.into_inner());
        self.read()
    }

    pub fn add(&self, entry: Leftover) -> Result<(), JournalError> {
        self.change(|list| list.push(entry))
    }

    pub fn set_record_id(&self, marker: &str, id: &str) -> Result<(), JournalError> {
        self.change(|list| {
            for e in list.iter_mut().filter(|e| e.marker == marker) {
                e.record_id = Some(id.to_string());
            }
        })
    }

    pub fn remove(&self, marker: &str) -> Result<(), JournalError> {
        self.change(|list| list.retain(|e| e.marker != marker))
    }
}

/// The journal line of one run's test record, from just before its create to its delete.
pub(crate) struct Pending {
    journal: Arc<Journal>,
    marker: String,
}

impl Pending {
    /// Writes the line; a journal that cannot be written is logged and the run goes on.
    pub(crate) fn begin(journal: &Arc<Journal>, entry: Leftover) -> Option<Pending> {
        let marker = entry.marker.clone();
        match journal.add(entry) {
            Ok(()) => Some(Pending {
                journal: Arc::clone(journal),
                marker,
            }),
            Err(e) => {
                tracing::warn!(error = %e, "the test record is not journaled");
                None
            }
        }
    }

    pub(crate) fn created(&self, id: &str) {
        if let Err(e) = self.journal.set_record_id(&self.marker, id) {
            tracing::warn!(error = %e, "the test record's id is not journaled");
        }
    }

    /// The record is gone (or was never made, or is kept on purpose): the line goes.
    pub(crate) fn done(self) {
        if let Err(e) = self.journal.remove(&self.marker) {
            tracing::warn!(error = %e, "the journal line stays");
        }
    }
}

/// A fresh marker: `epf-` and eight random lowercase letters and digits.
pub fn new_marker() -> String {
    use rand::RngExt;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let tail: String = (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("epf-{tail}")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn entry(marker: &str) -> Leftover {
        Leftover {
            marker: marker.into(),
            profile_id: Some("p1".into()),
            host: "acme.my.salesforce.com".into(),
            object: "Account".into(),
            api_version: "68.0".into(),
            name_field: Some("Name".into()),
            name_value: Some(format!("ECA Preflight test [{marker}]")),
            record_id: None,
            started_at: "2026-12-01T14:02:00Z".into(),
        }
    }

    #[test]
    fn lines_are_added_completed_and_removed_and_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::beside(&dir.path().join("profiles.json"));
        journal.add(entry("epf-a")).unwrap();
        journal.add(entry("epf-b")).unwrap();
        journal
            .set_record_id("epf-b", "001000000000001AAA")
            .unwrap();
        journal.remove("epf-a").unwrap();
        let again = Journal::at(journal.path());
        let list = again.entries();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].record_id.as_deref(), Some("001000000000001AAA"));
        let m = new_marker();
        assert!(m.starts_with("epf-") && m.len() == 12 && m != new_marker());
    }

    #[test]
    fn a_corrupt_journal_is_kept_aside_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        std::fs::write(&path, "{not json").unwrap();
        let journal = Journal::at(&path);
        assert!(journal.entries().is_empty());
        assert_eq!(
            std::fs::read_to_string(path.with_extension("json.corrupt")).unwrap(),
            "{not json"
        );
        journal.add(entry("epf-c")).unwrap();
        assert_eq!(journal.entries().len(), 1);
    }
}
