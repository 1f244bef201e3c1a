//! Connection profiles: list, create/edit, duplicate, delete. Non-secret fields only; the secret
//! has its own commands (secrets.rs).

use crate::commands::secrets::keychain_label;
use crate::commands::Cx;
use crate::error::AppResult;
use crate::state::AppState;
use eca_core::profiles::{edit, Profile};
use eca_core::secrets::{Account, SecretStatus};
use serde::Serialize;
use tauri::{Emitter, Runtime};
use ts_rs::TS;

/// A profile as the UI shows it: its settings, whether its secrets are stored, and what follows
/// from them (computed here so the UI keeps no copy of the rules).
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct ProfileView {
    pub profile: Profile,
    pub secret: SecretStatus,
    /// The proxy password; read only when the proxy names a user.
    pub proxy_password: SecretStatus,
    /// Not saved yet (no id).
    pub draft: bool,
    /// Why a test cannot start with the saved settings; None when it can.
    pub blocked: Option<String>,
    /// A fingerprint of what a test result depends on: a result taken with another is stale.
    pub run_inputs: String,
    /// The saved proxy names a user, so its password is asked for.
    pub proxy_needs_password: bool,
    /// "the old pair stops working on DATE (N days)", while a rotation keeps the old pair.
    pub old_pair_note: Option<String>,
}

impl ProfileView {
    pub fn new(profile: Profile, secret: SecretStatus, proxy_password: SecretStatus) -> Self {
        ProfileView {
            draft: profile.is_draft(),
            blocked: profile.run_blocked(&secret),
            run_inputs: profile.run_inputs(&secret),
            proxy_needs_password: profile.proxy_user().is_some(),
            old_pair_note: profile.rotation.old_pair_words(),
            profile,
            secret,
            proxy_password,
        }
    }
}

impl AppState {
    pub async fn view(&self, profile: Profile) -> ProfileView {
        let secret = self.secret_status(&profile).await;
        let proxy_password = self.proxy_password_status(&profile).await;
        ProfileView::new(profile, secret, proxy_password)
    }

    async fn proxy_password_status(&self, profile: &Profile) -> SecretStatus {
        if profile.proxy_user().is_none() {
            return SecretStatus::none();
        }
        self.vault(&profile.target)
            .status(profile.proxy_account())
            .await
    }
}

/// The event a command sends after it changed the profile list (or what a profile's view shows:
/// a secret, a last result), with the whole list as `list_profiles` answers it. The UI's store
/// takes the list from it.
pub const PROFILES_CHANGED: &str = "profiles-changed";

impl<R: Runtime> Cx<R> {
    /// Sends [`PROFILES_CHANGED`] with the list as it is now, and returns the list. A failure only
    /// leaves the shown list as it was (the command's own answer stands), so it is logged.
    pub async fn profiles_changed(&self) -> Option<Vec<ProfileView>> {
        let views = match list_profiles(self).await {
            Ok(views) => views,
            Err(error) => {
                tracing::warn!(%error, "could not read the profiles to tell the UI");
                return None;
            }
        };
        if let Err(error) = self.app.emit(PROFILES_CHANGED, &views) {
            tracing::warn!(%error, "could not tell the UI the profiles changed");
        }
        Some(views)
    }

    /// The view of a profile a command just changed, after telling the UI.
    pub async fn changed(&self, profile: Profile) -> ProfileView {
        let listed = self
            .profiles_changed()
            .await
            .and_then(|views| views.into_iter().find(|v| v.profile.id == profile.id));
        match listed {
            Some(view) => view,
            None => self.view(profile).await,
        }
    }
}

/// Why the profile list started empty at this launch (a damaged store file kept aside), if so.
pub async fn store_problem(cx: &Cx<impl Runtime>) -> AppResult<Option<String>> {
    Ok(cx.store_problem().map(str::to_string))
}

pub async fn list_profiles(cx: &Cx<impl Runtime>) -> AppResult<Vec<ProfileView>> {
    let profiles = cx.profiles.list()?;
    let statuses = cx.secret_statuses(&profiles).await;
    let mut views = Vec::with_capacity(profiles.len());
    for (profile, secret) in profiles.into_iter().zip(statuses) {
        let proxy_password = cx.proxy_password_status(&profile).await;
        views.push(ProfileView::new(profile, secret, proxy_password));
    }
    Ok(views)
}

/// A new, unsaved profile: Rust's defaults and a free name ("My org", "My org (2)", …).
pub async fn new_profile(cx: &Cx<impl Runtime>) -> AppResult<ProfileView> {
    let profiles = cx.profiles.list()?;
    Ok(ProfileView::new(
        edit::draft(&profiles),
        SecretStatus::none(),
        SecretStatus::none(),
    ))
}

/// Whether a proxy address as typed names a user (its password is then asked for): the
/// Connection form asks while the admin types, before the profile is saved.
pub async fn proxy_needs_password(_cx: &Cx<impl Runtime>, proxy: String) -> AppResult<bool> {
    Ok(eca_core::profiles::proxy_names_user(&proxy))
}

/// Create (empty id) or edit/rename a profile. What a run would refuse (a bad version, object or
/// domain) is refused here, with the same message.
pub async fn save_profile(cx: &Cx<impl Runtime>, profile: Profile) -> AppResult<ProfileView> {
    let saved = cx
        .profiles
        .update(|list| Ok(edit::upsert(list, profile)?))?;
    tracing::info!(profile = %saved.id, "profile saved");
    Ok(cx.changed(saved).await)
}

/// "Copy of …"; the consumer secret too when `copy_secret` (the admin asked).
pub async fn duplicate_profile(
    cx: &Cx<impl Runtime>,
    id: String,
    copy_secret: bool,
) -> AppResult<ProfileView> {
    let copy = cx.profiles.update(|list| Ok(edit::duplicate(list, &id)?))?;
    if copy_secret {
        // A sandbox of the same app often shares its key and secret: one read, one write.
        let source = cx.profiles.get(&id)?;
        if let Some(secret) = cx.secret_for(&source).await? {
            let label = keychain_label(&copy, "consumer secret");
            cx.vault(&copy.target)
                .save(copy.keychain_account(), secret, label)
                .await?;
        }
    }
    tracing::info!(from = %id, profile = %copy.id, "profile duplicated");
    Ok(cx.changed(copy).await)
}

/// Delete a profile and its keychain entry. The keychain goes first: if it cannot be reached the
/// profile stays, so no orphaned secret is left behind.
pub async fn delete_profile(cx: &Cx<impl Runtime>, id: String) -> AppResult<()> {
    let profile = cx.profiles.get(&id)?;
    let accounts = Account::ALL.iter().map(|a| a.of(&profile.id)).collect();
    cx.vault(&profile.target).delete(accounts).await?;
    cx.profiles.update(|list| Ok(edit::remove(list, &id)?))?;
    tracing::info!(profile = %id, "profile deleted");
    cx.profiles_changed().await;
    Ok(())
}
