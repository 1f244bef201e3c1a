//! "Rotate credentials", checked at each step: (b) the staged key and secret are saved (the
//! secret in the keychain), (c) both pairs are checked with the whole pipeline, (d) the profile
//! switches to the staged pair and keeps the old one, (e) once the rotation is completed in
//! Setup, the old pair must be refused — then it is forgotten. Each answer says what it proved.

use crate::commands::check::check_config;
use crate::commands::profiles::ProfileView;
use crate::commands::Cx;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use eca_core::pipeline::{issue_token, run_check, ListError};
use eca_core::profiles::Profile;
use eca_core::{CheckReport, DiagnosisCode, Secret};
use serde::{Deserialize, Serialize};
use tauri::Runtime;
use ts_rs::TS;

/// Which of the profile's key and secret pairs.
#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum CredentialSet {
    Current,
    Staged,
}

/// What checking the old pair after the rotation showed.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct OldPairCheck {
    /// True: Salesforce refused the old pair (the rotation is complete) and it was forgotten.
    pub refused: bool,
    /// What the token endpoint said, in words.
    pub detail: String,
    /// The profile as it is now (without the old pair once it was forgotten).
    pub view: ProfileView,
}

fn rotating(state: &AppState, id: &str) -> AppResult<Profile> {
    let profile = state.profiles.get(id)?;
    if profile.is_practice() {
        return Err(AppError::bad_input(
            "The practice org's credentials are made up at each start: there is nothing to rotate.",
        ));
    }
    Ok(profile)
}

/// (b) Save the staged consumer key, and the staged secret in the keychain.
pub async fn stage_credentials(
    cx: &Cx<impl Runtime>,
    id: String,
    client_id: String,
    secret: String,
) -> AppResult<ProfileView> {
    let profile = rotating(cx, &id)?;
    let key = eca_core::salesforce::client_id(client_id.trim())
        .map_err(|e| AppError::bad_input(e.to_string()))?
        .to_string();
    if key == profile.client_id {
        return Err(AppError::bad_input(
            "This is the key the profile uses now: paste the staged consumer key from Setup.",
        ));
    }
    let secret = Secret::new(secret.trim());
    if secret.is_empty() {
        return Err(AppError::bad_input("Paste the staged consumer secret."));
    }
    let label = crate::commands::secrets::keychain_label(&profile, "staged consumer secret");
    cx.vault(&profile.target)
        .save(profile.staged_account(), secret, label)
        .await?;
    let saved = cx.profiles.update(|list| {
        let p = list
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or_else(|| AppError::profile_not_found(&id))?;
        p.rotation.staged_client_id = key.clone();
        Ok(p.clone())
    })?;
    tracing::info!(profile = %id, "staged credentials saved");
    Ok(cx.changed(saved).await)
}

/// (c) The whole check with one pair (the current one, or the staged one).
pub async fn check_credentials(
    cx: &Cx<impl Runtime>,
    id: String,
    set: CredentialSet,
) -> AppResult<CheckReport> {
    let profile = rotating(cx, &id)?;
    let run = cx.run.begin()?;
    let mut config = check_config(cx, &id, false).await?;
    if set == CredentialSet::Staged {
        if profile.rotation.staged_client_id.is_empty() {
            return Err(AppError::bad_input(
                "No credentials are staged for this profile yet.",
            ));
        }
        let secret = cx
            .vault(&profile.target)
            .read(profile.staged_account())
            .await?
            .ok_or_else(|| {
                AppError::bad_input("The staged secret is not in the keychain: stage it again.")
            })?;
        config.client_id = profile.rotation.staged_client_id.clone();
        config.secret = secret;
    }
    let report = run_check(config, |_| {}, run.token.clone())
        .await
        .map_err(|e| AppError::bad_input(e.to_string()))?;
    tracing::info!(profile = %id, ?set, ok = report.ok, "credentials checked");
    Ok(report)
}

/// (d) Use the staged pair from now on; the old one is kept (as "previous") until (e).
pub async fn switch_to_staged(cx: &Cx<impl Runtime>, id: String) -> AppResult<ProfileView> {
    let profile = rotating(cx, &id)?;
    if profile.rotation.staged_client_id.is_empty() {
        return Err(AppError::bad_input(
            "No credentials are staged for this profile yet.",
        ));
    }
    let (current, staged, previous) = (
        profile.keychain_account(),
        profile.staged_account(),
        profile.previous_account(),
    );
    cx.vault(&profile.target)
        .call(move |s| {
            let old = s.retrieve(&current)?;
            let new = s.retrieve(&staged)?;
            let Some(new) = new else { return Ok(None) };
            if let Some(old) = &old {
                s.persist(&previous, old)?;
            }
            s.persist(&current, &new)?;
            s.delete(&staged)?;
            Ok(Some(()))
        })
        .await?
        .ok_or_else(|| {
            AppError::bad_input("The staged secret is not in the keychain: stage it again.")
        })?;
    let saved = cx.profiles.update(|list| {
        let p = list
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or_else(|| AppError::profile_not_found(&id))?;
        p.rotation.previous_client_id = std::mem::take(&mut p.client_id);
        // A rotation by hand: Salesforce's expiry of the old pair is not known here.
        p.rotation.old_pair_expires_at = None;
        p.client_id = std::mem::take(&mut p.rotation.staged_client_id);
        Ok(p.clone())
    })?;
    tracing::info!(profile = %id, "switched to the staged credentials");
    Ok(cx.changed(saved).await)
}

/// (e) Is the old pair refused now? If so the rotation is complete: it is forgotten.
pub async fn check_old_refused(cx: &Cx<impl Runtime>, id: String) -> AppResult<OldPairCheck> {
    let profile = rotating(cx, &id)?;
    if profile.rotation.previous_client_id.is_empty() {
        return Err(AppError::bad_input(
            "This profile keeps no old credentials.",
        ));
    }
    let mut config = check_config(cx, &id, false).await?;
    config.client_id = profile.rotation.previous_client_id.clone();
    config.secret = cx
        .vault(&profile.target)
        .read(profile.previous_account())
        .await?
        .ok_or_else(|| AppError::bad_input("The old secret is no longer in the keychain."))?;
    let answer = match issue_token(&config).await {
        Ok(issued) => {
            let _ = issued.revoke().await;
            return Ok(OldPairCheck {
                view: cx.view(profile).await,
                refused: false,
                detail: "Salesforce still accepts the old key and secret: complete the rotation in Setup (Settings → OAuth Settings → Consumer Key and Secret → Rotate), then check again. The old pair is kept until then.".into(),
            });
        }
        Err(ListError::Failed(d)) => d,
        Err(ListError::Input(e)) => return Err(AppError::bad_input(e.to_string())),
    };
    if !matches!(
        answer.code,
        DiagnosisCode::ClientIdInvalid | DiagnosisCode::ClientSecretInvalid
    ) {
        return Ok(OldPairCheck {
            view: cx.view(profile).await,
            refused: false,
            detail: format!(
                "The check of the old pair did not get an answer about it ({}): try again.",
                answer.title
            ),
        });
    }
    let id_for_update = id.clone();
    cx.vault(&profile.target)
        .delete(vec![profile.previous_account()])
        .await?;
    let saved = cx.profiles.update(|list| {
        let p = list
            .iter_mut()
            .find(|p| p.id == id_for_update)
            .ok_or_else(|| AppError::profile_not_found(&id_for_update))?;
        p.rotation.previous_client_id.clear();
        p.rotation.old_pair_expires_at = None;
        Ok(p.clone())
    })?;
    tracing::info!(profile = %id, "old credentials refused and forgotten");
    Ok(OldPairCheck {
        view: cx.changed(saved).await,
        refused: true,
        detail: format!("Salesforce refuses the old pair ({}): the rotation is complete, and the old secret is forgotten.", answer.title),
    })
}
