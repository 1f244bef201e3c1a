//! Connection profiles in the tauri-plugin-store file `eca_core::profiles::STORE_FILE`, under key
//! `STORE_KEY`: the document `{"profiles": [Profile, …]}` that `eca_core::profiles::load_profiles`
//! reads, so `eca-preflight-cli check --profile NAME` runs what the app saved.
//! `Profile` has no secret field, so no secret can reach this file.
//!
//! The editing rules live in `eca_core::profiles::edit`; the Tauri store is one `ProfileBackend`.

use crate::error::{AppError, AppResult};
use eca_core::profiles::{save_profiles, Profile, STORE_KEY};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tauri::Runtime;
use tauri_plugin_store::StoreExt;

/// Loads and saves the whole profile list.
pub trait ProfileBackend: Send + Sync {
    fn load(&self) -> AppResult<Vec<Profile>>;
    fn save(&self, profiles: &[Profile]) -> AppResult<()>;
}

/// The tauri-plugin-store file, read through the plugin and written by
/// `eca_core::profiles::save_profiles` (write, sync, rename): a crash mid-save leaves the old
/// list or the new one, never a torn file. The plugin's own saves (auto-save, save on exit)
/// write in place, so they are off: auto-save disabled, and the store taken out of the plugin's
/// collection that it saves at exit.
pub struct PluginStore<R: Runtime> {
    store: Arc<tauri_plugin_store::Store<R>>,
    path: PathBuf,
    /// Where an unreadable store file was moved at open (it is kept, never overwritten).
    pub moved_aside: Option<PathBuf>,
}

impl<R: Runtime> PluginStore<R> {
    /// Open the store file. A file that is not valid JSON would stop the app at launch; it is
    /// moved aside (`profiles.json.unreadable`) and an empty store started, with a warning.
    pub fn open(
        app: &tauri::AppHandle<R>,
        path: &Path,
    ) -> Result<PluginStore<R>, tauri_plugin_store::Error> {
        let resolved = tauri_plugin_store::resolve_store_path(app, path)?;
        let build = || app.store_builder(&resolved).disable_auto_save().build();
        let mut moved_aside = None;
        // The plugin starts empty on a file it cannot parse, and the next save would overwrite
        // it: a damaged file is moved aside first, so nothing is lost.
        let damaged = std::fs::read(&resolved)
            .ok()
            .is_some_and(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).is_err());
        if damaged {
            moved_aside = Some(eca_core::storage::move_aside(&resolved, "unreadable")?);
            tracing::warn!(path = %resolved.display(), "profile store damaged, moved aside");
        }
        let store = match build() {
            Ok(store) => store,
            Err(error) => {
                tracing::warn!(%error, path = %resolved.display(), "profile store unreadable, moved aside");
                moved_aside = Some(eca_core::storage::move_aside(&resolved, "unreadable")?);
                build()?
            }
        };
        store.close_resource();
        Ok(PluginStore {
            store,
            path: resolved,
            moved_aside,
        })
    }
}

impl<R: Runtime> PluginStore<R> {
    /// The store file, resolved (the cleanup journal lives beside it).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl<R: Runtime> ProfileBackend for PluginStore<R> {
    fn load(&self) -> AppResult<Vec<Profile>> {
        match self.store.get(STORE_KEY) {
            None => Ok(Vec::new()),
            Some(value) => profiles_from_value(value),
        }
    }

    fn save(&self, profiles: &[Profile]) -> AppResult<()> {
        save_profiles(&self.path, profiles)
            .map_err(|e| AppError::store(format!("Could not save the profiles: {e}")))?;
        self.store.set(STORE_KEY, profiles_to_value(profiles)?);
        Ok(())
    }
}

pub fn profiles_from_value(value: serde_json::Value) -> AppResult<Vec<Profile>> {
    serde_json::from_value(value).map_err(|e| {
        AppError::store(format!(
            "The saved profiles could not be read ({e}). Fix or remove the store file."
        ))
    })
}

pub fn profiles_to_value(profiles: &[Profile]) -> AppResult<serde_json::Value> {
    serde_json::to_value(profiles)
        .map_err(|e| AppError::internal(format!("Could not serialise the profiles: {e}")))
}

/// The profile list behind one lock, so two commands never interleave a load and a save.
pub struct Profiles {
    backend: Box<dyn ProfileBackend>,
    lock: Mutex<()>,
}

impl Profiles {
    pub fn new(backend: Box<dyn ProfileBackend>) -> Self {
        Profiles {
            backend,
            lock: Mutex::new(()),
        }
    }

    pub fn list(&self) -> AppResult<Vec<Profile>> {
        let _guard = self.guard()?;
        self.backend.load()
    }

    pub fn get(&self, id: &str) -> AppResult<Profile> {
        self.list()?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| AppError::profile_not_found(id))
    }

    /// Load, change, save. Nothing is saved when `change` fails.
    pub fn update<T>(
        &self,
        change: impl FnOnce(&mut Vec<Profile>) -> AppResult<T>,
    ) -> AppResult<T> {
        let _guard = self.guard()?;
        let mut profiles = self.backend.load()?;
        let out = change(&mut profiles)?;
        self.backend.save(&profiles)?;
        Ok(out)
    }

    fn guard(&self) -> AppResult<std::sync::MutexGuard<'_, ()>> {
        self.lock
            .lock()
            .map_err(|_| AppError::internal("The profile store lock was poisoned."))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use eca_core::profiles::edit::upsert;
    use eca_core::profiles::{load_profiles, STORE_FILE};

    #[test]
    fn the_document_is_what_the_cli_reads() {
        let mut list = Vec::new();
        let profile = Profile {
            name: "Acme".into(),
            target: eca_core::profiles::Target::Org {
                domain: "acme".into(),
            },
            ..Profile::default()
        };
        upsert(&mut list, profile).unwrap();
        let doc = serde_json::json!({ STORE_KEY: profiles_to_value(&list).unwrap() });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STORE_FILE);
        std::fs::write(&path, doc.to_string()).unwrap();
        assert_eq!(load_profiles(&path).unwrap(), list);
    }
}
