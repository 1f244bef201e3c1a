//! Connection profiles in the tauri-plugin-store file `eca_core::profile::STORE_FILE`, under key
//! `STORE_KEY`: the document `{"profiles": [Profile, …]}` that `eca_core::profile::load_profiles`
//! reads, so `eca-preflight-cli check --profile NAME` runs what the app saved.
//! `Profile` has no secret field, so no secret can reach this file.
//!
//! The editing rules live in `eca_core::profile::edit`; the Tauri store is one `ProfileBackend`.

use crate::error::{AppError, AppResult};
use eca_core::profile::{Profile, STORE_KEY};
use std::path::Path;
use std::sync::{Arc, Mutex};
use tauri::Runtime;
use tauri_plugin_store::StoreExt;

/// Loads and saves the whole profile list.
pub trait ProfileBackend: Send + Sync {
    fn load(&self) -> AppResult<Vec<Profile>>;
    fn save(&self, profiles: &[Profile]) -> AppResult<()>;
}

/// The tauri-plugin-store file. Saved to disk on every change (not debounced), so the CLI sees
/// a profile as soon as the app reports it saved.
pub struct PluginStore<R: Runtime> {
    store: Arc<tauri_plugin_store::Store<R>>,
}

impl<R: Runtime> PluginStore<R> {
    pub fn new(store: Arc<tauri_plugin_store::Store<R>>) -> Self {
        PluginStore { store }
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
        self.store.set(STORE_KEY, profiles_to_value(profiles)?);
        self.store
            .save()
            .map_err(|e| AppError::store(format!("Could not save the profiles: {e}")))
    }
}

/// Open the store file. A file that is not valid JSON would stop the app at launch; it is moved
/// aside (`profiles.json.unreadable`) and an empty store started, with a warning in the log.
pub fn open_plugin_store<R: Runtime>(
    app: &tauri::AppHandle<R>,
    path: &Path,
) -> Result<Arc<tauri_plugin_store::Store<R>>, tauri_plugin_store::Error> {
    match app.store(path) {
        Ok(store) => Ok(store),
        Err(error) => {
            let resolved = tauri_plugin_store::resolve_store_path(app, path)?;
            let aside = resolved.with_extension("json.unreadable");
            tracing::warn!(%error, path = %resolved.display(), "profile store unreadable, moved aside");
            std::fs::rename(&resolved, &aside)?;
            app.store(path)
        }
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
    use eca_core::profile::edit::upsert;
    use eca_core::profile::{load_profiles, STORE_FILE};

    #[test]
    fn the_document_is_what_the_cli_reads() {
        let mut list = Vec::new();
        let profile = Profile {
            name: "Acme".into(),
            domain: "acme".into(),
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
