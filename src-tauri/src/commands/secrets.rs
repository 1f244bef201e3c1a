//! The consumer secret: write-only. Saving answers only "stored" and the last 4 characters;
//! no command ever returns the secret.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use eca_core::secrets::SecretStatus;
use eca_core::Secret;
use tauri::State;

/// Store (or replace) a profile's secret: the OS keychain, or memory for the practice profile
/// (where it lasts until the practice org restarts or its scenario changes).
/// Surrounding whitespace from a paste is dropped.
#[tauri::command]
pub async fn save_secret(
    state: State<'_, AppState>,
    id: String,
    secret: String,
) -> AppResult<SecretStatus> {
    let secret = Secret::new(secret.trim());
    if secret.is_empty() {
        return Err(AppError::bad_input(
            "Paste the consumer secret (Settings → OAuth Settings → Consumer Key and Secret).",
        ));
    }
    let profile = state.profiles.get(&id)?;
    let account = profile.keychain_account();
    let to_store = secret.clone();
    state
        .secrets_of(&profile, move |secrets| {
            secrets.persist(&account, &to_store)
        })
        .await?;
    tracing::info!(profile = %id, "secret saved");
    Ok(SecretStatus::of(Some(&secret)))
}

/// Remove a profile's secret (removing nothing succeeds).
#[tauri::command]
pub async fn forget_secret(state: State<'_, AppState>, id: String) -> AppResult<SecretStatus> {
    let profile = state.profiles.get(&id)?;
    if profile.is_practice() {
        return Err(AppError::bad_input(
            "The practice org's secret cannot be forgotten; start the practice org again to reset it.",
        ));
    }
    let account = profile.keychain_account();
    state
        .keychain(move |secrets| secrets.delete(&account))
        .await?;
    tracing::info!(profile = %id, "secret forgotten");
    Ok(SecretStatus::none())
}
