//! The consumer secret and the proxy password: write-only. Each command answers the profile's
//! view (what the UI shows follows from the secret too: whether a test can start, whether a
//! result is stale), whose secrets are only "stored" and the last 4 characters; no command
//! ever returns either.

use crate::commands::profiles::ProfileView;
use crate::commands::Cx;
use crate::error::{AppError, AppResult};
use eca_core::Secret;
use tauri::Runtime;

/// Store (or replace) a profile's secret: the OS keychain, or memory for the practice profile
/// (where it lasts until the practice org restarts or its scenario changes).
/// Surrounding whitespace from a paste is dropped.
pub async fn save_secret(
    cx: &Cx<impl Runtime>,
    id: String,
    secret: String,
) -> AppResult<ProfileView> {
    let secret = Secret::new(secret.trim());
    if secret.is_empty() {
        return Err(AppError::bad_input(
            "Paste the consumer secret (Settings → OAuth Settings → Consumer Key and Secret).",
        ));
    }
    let profile = cx.profiles.get(&id)?;
    let label = keychain_label(&profile, "consumer secret");
    cx.vault(&profile.target)
        .save(profile.keychain_account(), secret, label)
        .await?;
    tracing::info!(profile = %id, "secret saved");
    Ok(cx.changed(profile).await)
}

/// What the OS's keychain app shows for a profile's entry: the profile and its org.
pub(crate) fn keychain_label(profile: &eca_core::profiles::Profile, what: &str) -> String {
    match profile.target.domain().filter(|d| !d.trim().is_empty()) {
        Some(domain) => format!("ECA Preflight: {} ({}) {what}", profile.name, domain.trim()),
        None => format!("ECA Preflight: {} {what}", profile.name),
    }
}

/// Remove a profile's secret (removing nothing succeeds).
pub async fn forget_secret(cx: &Cx<impl Runtime>, id: String) -> AppResult<ProfileView> {
    let profile = cx.profiles.get(&id)?;
    if profile.is_practice() {
        return Err(AppError::bad_input(
            "The practice org's secret cannot be forgotten; start the practice org again to reset it.",
        ));
    }
    cx.vault(&profile.target)
        .delete(vec![profile.keychain_account()])
        .await?;
    tracing::info!(profile = %id, "secret forgotten");
    Ok(cx.changed(profile).await)
}

/// Store (or replace) the password of the profile's proxy user, where its secret lives. Write-only,
/// like the consumer secret.
pub async fn save_proxy_password(
    cx: &Cx<impl Runtime>,
    id: String,
    password: String,
) -> AppResult<ProfileView> {
    let password = Secret::new(password);
    if password.is_empty() {
        return Err(AppError::bad_input("Type the proxy password."));
    }
    let profile = cx.profiles.get(&id)?;
    if profile.proxy_user().is_none() {
        return Err(AppError::bad_input(
            "Give the proxy address with its user name first, as http://user@host:port.",
        ));
    }
    let label = keychain_label(&profile, "proxy password");
    cx.vault(&profile.target)
        .save(profile.proxy_account(), password, label)
        .await?;
    tracing::info!(profile = %id, "proxy password saved");
    Ok(cx.changed(profile).await)
}

/// Remove the proxy password (removing nothing succeeds).
pub async fn forget_proxy_password(cx: &Cx<impl Runtime>, id: String) -> AppResult<ProfileView> {
    let profile = cx.profiles.get(&id)?;
    cx.vault(&profile.target)
        .delete(vec![profile.proxy_account()])
        .await?;
    tracing::info!(profile = %id, "proxy password forgotten");
    Ok(cx.changed(profile).await)
}
