//! The app's own files (the profile store, the last run, the cleanup journal, the freeze
//! warnings), each owned by one piece with the same three moves: load, move a damaged file aside,
//! save atomically. Nothing here holds a secret: secrets live in the keychain only.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::Write;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

/// One JSON file of the app's data folder holding a `T`.
#[derive(Debug, Clone)]
pub struct JsonFile<T> {
    path: PathBuf,
    /// What a damaged file is renamed to: `NAME.json.<aside_label>`.
    aside_label: &'static str,
    kind: PhantomData<fn() -> T>,
}

/// What [`JsonFile::load`] found.
#[derive(Debug, PartialEq)]
pub struct Loaded<T> {
    /// None when there is no file, or it was damaged.
    pub value: Option<T>,
    /// Where a damaged file was kept, if it was.
    pub moved_aside: Option<PathBuf>,
}

impl<T: Serialize + DeserializeOwned> JsonFile<T> {
    pub fn at(path: impl Into<PathBuf>, aside_label: &'static str) -> Self {
        JsonFile {
            path: path.into(),
            aside_label,
            kind: PhantomData,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's value. A file that does not parse would be overwritten by the next save: it is
    /// moved aside first (and an earlier one kept too), so nothing is lost.
    pub fn load(&self) -> Loaded<T> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) => {
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(error = %e, path = %self.path.display(), "could not read the file");
                }
                return Loaded {
                    value: None,
                    moved_aside: None,
                };
            }
        };
        match serde_json::from_slice::<T>(&bytes) {
            Ok(value) => Loaded {
                value: Some(value),
                moved_aside: None,
            },
            Err(error) => {
                let moved_aside = match move_aside(&self.path, self.aside_label) {
                    Ok(aside) => {
                        tracing::warn!(%error, aside = %aside.display(), "a damaged file was kept aside");
                        Some(aside)
                    }
                    Err(e) => {
                        tracing::warn!(%error, move_error = %e, path = %self.path.display(), "a damaged file could not be moved aside");
                        None
                    }
                };
                Loaded {
                    value: None,
                    moved_aside,
                }
            }
        }
    }

    /// Whole or not at all, readable by its owner only.
    pub fn save(&self, value: &T) -> std::io::Result<()> {
        let bytes = serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?;
        write_atomically(&self.path, &bytes)
    }
}

/// Rename a damaged `path` to `NAME.json.<label>` (or `NAME.json.<label>-<seconds>` when an
/// earlier one is there: that stays too). Returns where it went.
pub fn move_aside(path: &Path, label: &str) -> std::io::Result<PathBuf> {
    let mut aside = path.with_extension(format!("json.{label}"));
    if aside.exists() {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        aside = path.with_extension(format!("json.{label}-{secs}"));
    }
    std::fs::rename(path, &aside)?;
    Ok(aside)
}

/// Write a file of the app's data folder so that a crash at any moment leaves either the old file
/// or the new one, never a mix: a temporary file beside it, synced, then renamed over the old one
/// (an atomic replace on every supported system). 0600: the store names orgs and keys.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("store");
    // Beside the target, so the rename stays on one file system; only the owner may read it
    // (tempfile creates it 0600 on Unix), and it is removed if anything below fails.
    let mut file = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // In pieces, as a large write may be split anyway: a file written in place could be caught
    // half-written (the test that kills a writer relies on it).
    for piece in bytes.chunks(64 * 1024) {
        file.write_all(piece)?;
    }
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    // The rename itself is durable once the folder is synced (not possible on Windows).
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_value_round_trips_and_a_missing_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let file = JsonFile::<Vec<String>>::at(dir.path().join("list.json"), "unreadable");
        assert_eq!(
            file.load(),
            Loaded {
                value: None,
                moved_aside: None
            }
        );
        file.save(&vec!["a".to_string()]).unwrap();
        assert_eq!(file.load().value, Some(vec!["a".to_string()]));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(file.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn damaged_files_are_moved_aside_and_earlier_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.json");
        let file = JsonFile::<Vec<String>>::at(&path, "corrupt");
        std::fs::write(&path, "{first").unwrap();
        let first = file.load();
        assert_eq!(first.value, None);
        let first_aside = first.moved_aside.unwrap();
        assert_eq!(first_aside, dir.path().join("list.json.corrupt"));
        std::fs::write(&path, "{second").unwrap();
        let second_aside = file.load().moved_aside.unwrap();
        assert_ne!(second_aside, first_aside);
        assert_eq!(std::fs::read_to_string(first_aside).unwrap(), "{first");
        assert_eq!(std::fs::read_to_string(second_aside).unwrap(), "{second");
        assert!(!path.exists(), "the next save starts afresh");
    }
}
