//! Connection profiles: list, create/edit, duplicate, delete. Non-secret fields only; the secret
//! has its own commands (secrets.rs).

use crate::error::AppResult;
use crate::state::AppState;
use eca_core::profiles::{edit, Profile};
use eca_core::secrets::SecretStatus;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// A profile as the UI shows it: its settings and whether its secrets are stored.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct ProfileView {
    pub profile: Profile,
    pub secret: SecretStatus,
    /// The proxy password; read only when the proxy names a user.
    pub proxy_password: SecretStatus,
}

impl AppState {
    pub async fn view(&self, profile: Profile) -> ProfileView {
        let secret = self.secret_status(&profile).await;
        let proxy_password = self.proxy_password_status(&profile).await;
        ProfileView {
            profile,
            secret,
            proxy_password,
        }
    }

    async fn proxy_password_status(&self, profile: &Profile) -> SecretStatus {
        if profile.proxy_user().is_none() {
            return SecretStatus::none();
        }
        self.account_status(profile.proxy_account()).await
    }
}

/// Why the profile list started empty at this launch (a damaged store file kept aside), if so.
#[tauri::command]
pub fn store_problem(state: State<'_, AppState>) -> Option<String> {
    state.store_problem.clone()
}

#[tauri::command]
pub async fn list_profiles(state: State<'_, AppState>) -> AppResult<Vec<ProfileView>> {
    let profiles = state.profiles.list()?;
    let statuses = state.secret_statuses(&profiles).await;
    let mut views = Vec::with_capacity(profiles.len());
    for (profile, secret) in profiles.into_iter().zip(statuses) {
        let proxy_password = state.proxy_password_status(&profile).await;
        views.push(ProfileView {
            profile,
            secret,
            proxy_password,
        });
    }
    Ok(views)
}

/// A new, unsaved profile: Rust's defaults and a free name ("My org", "My org (2)", …).
#[tauri::command]
pub fn new_profile(state: State<'_, AppState>) -> AppResult<ProfileView> {
    let profiles = state.profiles.list()?;
    Ok(ProfileView {
        profile: edit::draft(&profiles),
        secret: SecretStatus::none(),
        proxy_password: SecretStatus::none(),
    })
}

/// Create (empty id) or edit/rename a profile. What a run would refuse (a bad version, object or
/// domain) is refused here, with the same message.
#[tauri::command]
pub async fn save_profile(state: State<'_, AppState>, profile: Profile) -> AppResult<ProfileView> {
    let saved = state
        .profiles
        .update(|list| Ok(edit::upsert(list, profile)?))?;
    tracing::info!(profile = %saved.id, "profile saved");
    Ok(state.view(saved).await)
}

/// "Copy of …"; the consumer secret too when `copy_secret` (the admin asked).
#[tauri::command]
pub async fn duplicate_profile(
    state: State<'_, AppState>,
    id: String,
    copy_secret: bool,
) -> AppResult<ProfileView> {
    let copy = state
        .profiles
        .update(|list| Ok(edit::duplicate(list, &id)?))?;
    if copy_secret {
        // A sandbox of the same app often shares its key and secret: one read, one write.
        let source = state.profiles.get(&id)?;
        if let Some(secret) = state.secret_for(&source).await? {
            let account = copy.keychain_account();
            let stored = secret.clone();
            state
                .secrets_of(&copy, move |s| s.persist(&account, &stored))
                .await?;
            state.note_status(&copy.keychain_account(), SecretStatus::of(Some(&secret)));
        }
    }
    tracing::info!(from = %id, profile = %copy.id, "profile duplicated");
    Ok(state.view(copy).await)
}

/// Delete a profile and its keychain entry. The keychain goes first: if it cannot be reached the
/// profile stays, so no orphaned secret is left behind.
#[tauri::command]
pub async fn delete_profile(state: State<'_, AppState>, id: String) -> AppResult<()> {
    let profile = state.profiles.get(&id)?;
    let (account, proxy_account) = (profile.keychain_account(), profile.proxy_account());
    let deleted = account.clone();
    state
        .secrets_of(&profile, move |secrets| secrets.delete(&deleted))
        .await?;
    let deleted = proxy_account.clone();
    let rotation = [profile.staged_account(), profile.previous_account()];
    state
        .keychain(move |secrets| {
            secrets.delete(&deleted)?;
            rotation.iter().try_for_each(|a| secrets.delete(a))
        })
        .await?;
    state.note_status(&account, SecretStatus::none());
    state.note_status(&proxy_account, SecretStatus::none());
    state.profiles.update(|list| Ok(edit::remove(list, &id)?))?;
    tracing::info!(profile = %id, "profile deleted");
    Ok(())
}
