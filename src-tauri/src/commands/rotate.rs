//! "Rotate for me": the profile's key and secret replaced through Salesforce's staged
//! credentials with the admin's login — a new pair staged, proven with a real grant and a REST
//! call, promoted, and put in the profile; the old pair kept (it works 30 days) until the admin
//! deletes it. The logic is the engine's (`eca_core::change::rotate`).

use crate::commands::check::check_config;
use crate::commands::inspect::{login_error, sign_in, AdminLoginInput};
use crate::commands::profiles::ProfileView;
use crate::commands::secrets::keychain_label;
use crate::commands::Cx;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use eca_core::change::credentials::CredentialsError;
use eca_core::change::rotate::{self, ExistingStaged, RotateError};
use eca_core::change::ChangeProgress;
use tauri::ipc::Channel;
use tauri::Runtime;

/// Stage, prove and promote a new pair; the profile uses it from now on and keeps the old one
/// (with its expiry).
pub async fn rotate_credentials(
    cx: &Cx<impl Runtime>,
    id: String,
    login: AdminLoginInput,
    existing: ExistingStaged,
    on_progress: Channel<ChangeProgress>,
) -> AppResult<ProfileView> {
    let (login, connection) = sign_in(cx, &id, login).await?;
    let current = check_config(cx, &id, false).await?;
    let progress = |p: ChangeProgress| {
        let _ = on_progress.send(p);
    };
    let rotated = rotate::rotate(
        &login,
        &current,
        &connection.client_options(),
        existing,
        &progress,
        Some(&cx.ledger),
    )
    .await
    .map_err(|e| rotate_error(cx, e))?;
    let profile = cx.profiles.get(&id)?;
    let Some(secret) = rotated.secret.clone() else {
        return Err(AppError::check_failed(
            "Salesforce did not give the new secret, so the profile was not changed.",
        ));
    };
    // The old secret becomes the previous one, the new one the current: one keychain call, so a
    // failure cannot leave the profile with neither.
    let (current_account, previous_account) =
        (profile.keychain_account(), profile.previous_account());
    let label = keychain_label(&profile, "consumer secret");
    cx.vault(&profile.target)
        .call(move |s| {
            if let Some(old) = s.retrieve(&current_account)? {
                s.persist(&previous_account, &old)?;
            }
            s.persist_labelled(&current_account, &secret, &label)
        })
        .await?;
    let saved = if profile.is_practice() {
        cx.use_practice_app(Some(rotated.client_id.clone()));
        cx.profiles.update(|list| {
            let p = find(list, &id)?;
            p.rotation.previous_client_id = rotated.previous_client_id.clone();
            p.rotation.old_pair_expires_at = Some(rotated.old_pair_expires_at.clone());
            Ok(p.clone())
        })?
    } else {
        cx.profiles.update(|list| {
            let p = find(list, &id)?;
            p.rotation.previous_client_id =
                std::mem::replace(&mut p.client_id, rotated.client_id.clone());
            p.rotation.old_pair_expires_at = Some(rotated.old_pair_expires_at.clone());
            Ok(p.clone())
        })?
    };
    tracing::info!(profile = %id, "credentials rotated");
    Ok(cx.changed(saved).await)
}

/// Delete the old pair now (asked for after its own confirmation): it stops working at once.
pub async fn finish_rotation(
    cx: &Cx<impl Runtime>,
    id: String,
    login: AdminLoginInput,
) -> AppResult<ProfileView> {
    let (login, connection) = sign_in(cx, &id, login).await?;
    let current = check_config(cx, &id, false).await?;
    let progress = |_: ChangeProgress| {};
    rotate::finish_rotation(
        &login,
        &current.client_id,
        &connection.client_options(),
        &progress,
        Some(&cx.ledger),
    )
    .await
    .map_err(|e| rotate_error(cx, e))?;
    let profile = cx.profiles.get(&id)?;
    cx.vault(&profile.target)
        .delete(vec![profile.previous_account()])
        .await?;
    let saved = cx.profiles.update(|list| {
        let p = find(list, &id)?;
        p.rotation.previous_client_id.clear();
        p.rotation.old_pair_expires_at = None;
        Ok(p.clone())
    })?;
    tracing::info!(profile = %id, "old pair deleted");
    Ok(cx.changed(saved).await)
}

fn find<'a>(
    list: &'a mut [eca_core::profiles::Profile],
    id: &str,
) -> AppResult<&'a mut eca_core::profiles::Profile> {
    list.iter_mut()
        .find(|p| p.id == id)
        .ok_or_else(|| AppError::profile_not_found(id))
}

fn rotate_error(state: &AppState, e: RotateError) -> AppError {
    match e {
        RotateError::Login(e) => login_error(state, e),
        RotateError::Credentials(CredentialsError::StagedExists { .. }) => AppError::StagedExists {
            message: e.to_string(),
        },
        _ => AppError::check_failed(e.to_string()),
    }
}
