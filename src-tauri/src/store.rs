//! Connection profiles in the tauri-plugin-store file `eca_core::profile::STORE_FILE`, under key
//! `STORE_KEY`: the document `{"profiles": [Profile, …]}` that `eca_core::profile::load_profiles`
//! reads, so `eca-preflight-cli check --profile NAME` runs what the app saved.
//! `Profile` has no secret field, so no secret can reach this file.
//!
//! The editing rules are plain functions over `Vec<Profile>` (tested without Tauri); the Tauri
//! store is one `ProfileBackend`.

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

/// A fresh random id in the UUID v4 text form.
pub fn new_id() -> String {
    let mut bytes: [u8; 16] = rand::random();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Trim and default what the admin typed; refuse what cannot be saved.
pub fn normalise(mut profile: Profile) -> AppResult<Profile> {
    profile.name = profile.name.trim().to_string();
    profile.domain = profile.domain.trim().to_string();
    profile.client_id = profile.client_id.trim().to_string();
    profile.object = profile.object.trim().to_string();
    let version = profile.api_version.trim().trim_start_matches(['v', 'V']);
    profile.api_version = if version.is_empty() || version.eq_ignore_ascii_case("latest") {
        "latest".to_string()
    } else {
        version.to_string()
    };
    if profile.name.is_empty() {
        return Err(AppError::bad_input("Give the profile a name."));
    }
    if profile.object.is_empty() {
        profile.object = "Account".to_string();
    }
    if !is_valid_api_version(&profile.api_version) {
        return Err(AppError::bad_input(format!(
            "API version \"{}\" is not valid. Use \"latest\" or a version such as 66.0.",
            profile.api_version
        )));
    }
    if !is_api_name(&profile.object) {
        return Err(AppError::bad_input(format!(
            "\"{}\" is not an object API name (letters, digits and underscores, e.g. Account or Invoice__c).",
            profile.object
        )));
    }
    profile.setup_done.sort();
    profile.setup_done.dedup();
    Ok(profile)
}

fn is_valid_api_version(version: &str) -> bool {
    if version == "latest" {
        return true;
    }
    let mut parts = version.split('.');
    let major = parts.next().unwrap_or_default();
    let minor = parts.next().unwrap_or("0");
    parts.next().is_none()
        && !major.is_empty()
        && major.len() <= 3
        && major.bytes().all(|b| b.is_ascii_digit())
        && !minor.is_empty()
        && minor.bytes().all(|b| b.is_ascii_digit())
}

fn is_api_name(name: &str) -> bool {
    name.len() <= 80
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn name_taken(profiles: &[Profile], name: &str, except_id: &str) -> bool {
    profiles
        .iter()
        .any(|p| p.id != except_id && p.name.eq_ignore_ascii_case(name))
}

/// Create (empty id) or edit a profile. The practice flag and the last result are kept from the
/// saved profile: the UI cannot set them. Names are unique (the CLI finds profiles by name).
pub fn upsert(profiles: &mut Vec<Profile>, profile: Profile) -> AppResult<Profile> {
    let mut profile = normalise(profile)?;
    if name_taken(profiles, &profile.name, &profile.id) {
        return Err(AppError::bad_input(format!(
            "A profile named \"{}\" already exists. Choose another name.",
            profile.name
        )));
    }
    if profile.id.is_empty() {
        profile.id = new_id();
        profile.practice = false;
        profile.last_result = None;
        profiles.push(profile.clone());
        return Ok(profile);
    }
    let saved = profiles
        .iter_mut()
        .find(|p| p.id == profile.id)
        .ok_or_else(|| AppError::profile_not_found(&profile.id))?;
    profile.practice = saved.practice;
    profile.last_result = saved.last_result.clone();
    *saved = profile.clone();
    Ok(profile)
}

/// "Copy of NAME" (numbered when taken), new id, no last result, not a practice profile.
pub fn duplicate(profiles: &mut Vec<Profile>, id: &str) -> AppResult<Profile> {
    let source = profiles
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| AppError::profile_not_found(id))?;
    let mut copy = source.clone();
    copy.id = new_id();
    copy.practice = false;
    copy.last_result = None;
    let base = format!("Copy of {}", source.name);
    copy.name = base.clone();
    let mut n = 2;
    while name_taken(profiles, &copy.name, "") {
        copy.name = format!("{base} ({n})");
        n += 1;
    }
    profiles.push(copy.clone());
    Ok(copy)
}

/// Remove a profile and return it.
pub fn remove(profiles: &mut Vec<Profile>, id: &str) -> AppResult<Profile> {
    let index = profiles
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| AppError::profile_not_found(id))?;
    Ok(profiles.remove(index))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use eca_core::profile::{load_profiles, STORE_FILE};

    fn named(name: &str) -> Profile {
        Profile {
            name: name.into(),
            domain: " acme ".into(),
            client_id: "3MVG9key".into(),
            ..Profile::default()
        }
    }

    #[test]
    fn create_assigns_an_id_and_trims() {
        let mut list = Vec::new();
        let created = upsert(&mut list, named("  Acme prod ")).unwrap();
        assert_eq!(created.name, "Acme prod");
        assert_eq!(created.domain, "acme");
        assert_eq!(created.id.len(), 36);
        assert_ne!(created.id, new_id());
        assert_eq!(list, vec![created]);
    }

    #[test]
    fn edit_keeps_practice_flag_and_last_result() {
        let mut list = Vec::new();
        let mut created = upsert(&mut list, named("Acme")).unwrap();
        list[0].practice = true;
        created.name = "Acme renamed".into();
        created.practice = false;
        let edited = upsert(&mut list, created).unwrap();
        assert!(edited.practice);
        assert_eq!(list[0].name, "Acme renamed");
        assert_eq!(list.len(), 1);
    }

    #[test]
    fn refuses_duplicate_names_unknown_ids_and_bad_versions() {
        let mut list = Vec::new();
        upsert(&mut list, named("Acme")).unwrap();
        assert!(upsert(&mut list, named("ACME")).is_err());
        let mut ghost = named("Ghost");
        ghost.id = "nope".into();
        assert_eq!(
            upsert(&mut list, ghost).unwrap_err().kind,
            crate::error::AppErrorKind::NotFound
        );
        let mut bad = named("Bad version");
        bad.api_version = "sixty".into();
        assert!(upsert(&mut list, bad).is_err());
        let mut good = named("Good version");
        good.api_version = "v66.0".into();
        assert_eq!(upsert(&mut list, good).unwrap().api_version, "66.0");
        let mut bad_object = named("Bad object");
        bad_object.object = "Account; DROP".into();
        assert!(upsert(&mut list, bad_object).is_err());
    }

    #[test]
    fn duplicate_numbers_copies() {
        let mut list = Vec::new();
        let original = upsert(&mut list, named("Acme")).unwrap();
        let first = duplicate(&mut list, &original.id).unwrap();
        let second = duplicate(&mut list, &original.id).unwrap();
        assert_eq!(first.name, "Copy of Acme");
        assert_eq!(second.name, "Copy of Acme (2)");
        assert_ne!(first.id, original.id);
        assert_eq!(remove(&mut list, &first.id).unwrap().name, "Copy of Acme");
        assert_eq!(list.len(), 2);
    }

    #[test]
    fn the_document_is_what_the_cli_reads() {
        let mut list = Vec::new();
        upsert(&mut list, named("Acme")).unwrap();
        let doc = serde_json::json!({ STORE_KEY: profiles_to_value(&list).unwrap() });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STORE_FILE);
        std::fs::write(&path, doc.to_string()).unwrap();
        assert_eq!(load_profiles(&path).unwrap(), list);
    }
}
