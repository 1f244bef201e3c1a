//! "Set it up for me": the profile's External Client App made with the admin's login — the Run
//! As picker, the plan shown before anything changes, the two deploys with their progress, and
//! the new pair put straight into the profile (the secret into the keychain). Half made: the
//! admin finishes or removes it. The logic is the engine's (`eca_core::change::create`).

use crate::commands::inspect::{login_error, sign_in, AdminLoginInput};
use crate::commands::profiles::ProfileView;
use crate::commands::secrets::keychain_label;
use crate::commands::Cx;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use eca_core::change::create::{self, CreateError, CreatePlan, CreatedApp, NewApp};
use eca_core::change::users::RunAsUser;
use eca_core::change::ChangeProgress;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::Runtime;
use ts_rs::TS;

/// The app as made, and the profile that now uses it.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct NewAppOutcome {
    pub created: CreatedApp,
    pub view: ProfileView,
    /// The secret is in the keychain (false: read it in Setup, `created.setup_url`).
    pub secret_stored: bool,
    /// Why it is not (no keychain, the org would not give it), in words.
    pub secret_note: Option<String>,
}

/// The org's active users with API Enabled, for the Run As picker.
pub async fn run_as_users(
    cx: &Cx<impl Runtime>,
    id: String,
    login: AdminLoginInput,
) -> AppResult<Vec<RunAsUser>> {
    let (login, connection) = sign_in(cx, &id, login).await?;
    create::users_for_run_as(&login, &connection.client_options())
        .await
        .map_err(|e| create_error(cx, e))
}

/// What "Set it up for me" will make, checked against the org; nothing changes.
pub async fn plan_new_app(
    cx: &Cx<impl Runtime>,
    id: String,
    login: AdminLoginInput,
    app: NewApp,
) -> AppResult<CreatePlan> {
    let (login, connection) = sign_in(cx, &id, login).await?;
    create::plan_create(&login, &app, &connection.client_options())
        .await
        .map_err(|e| create_error(cx, e))
}

/// Make the app (two deploys), read its pair and put it in the profile.
pub async fn create_new_app(
    cx: &Cx<impl Runtime>,
    id: String,
    login: AdminLoginInput,
    app: NewApp,
    on_progress: Channel<ChangeProgress>,
) -> AppResult<NewAppOutcome> {
    let (login, connection) = sign_in(cx, &id, login).await?;
    let progress = |p: ChangeProgress| {
        let _ = on_progress.send(p);
    };
    let created = create::create_app(
        &login,
        &app,
        &connection.client_options(),
        &progress,
        Some(&cx.ledger),
    )
    .await
    .map_err(|e| create_error(cx, e))?;
    tracing::info!(profile = %id, app = %created.name, "app created");
    take_into_profile(cx, &id, created).await
}

/// Deploy the OAuth policies of a half-made app again (maybe with another Run As user).
pub async fn finish_new_app(
    cx: &Cx<impl Runtime>,
    id: String,
    login: AdminLoginInput,
    name: String,
    run_as: String,
    on_progress: Channel<ChangeProgress>,
) -> AppResult<NewAppOutcome> {
    let (login, connection) = sign_in(cx, &id, login).await?;
    let progress = |p: ChangeProgress| {
        let _ = on_progress.send(p);
    };
    let created = create::finish_app(
        &login,
        &name,
        &run_as,
        &connection.client_options(),
        &progress,
        Some(&cx.ledger),
    )
    .await
    .map_err(|e| create_error(cx, e))?;
    take_into_profile(cx, &id, created).await
}

/// Remove what a half-made app left (asked for by the admin, after its own confirmation).
pub async fn remove_new_app(
    cx: &Cx<impl Runtime>,
    id: String,
    login: AdminLoginInput,
    name: String,
    on_progress: Channel<ChangeProgress>,
) -> AppResult<Vec<String>> {
    let (login, connection) = sign_in(cx, &id, login).await?;
    let progress = |p: ChangeProgress| {
        let _ = on_progress.send(p);
    };
    create::remove_app(
        &login,
        &name,
        &connection.client_options(),
        &progress,
        Some(&cx.ledger),
    )
    .await
    .map_err(|e| create_error(cx, e))
}

/// The new key into the profile, the secret into its vault (the practice profile uses the
/// practice org's new app from now on, until another scenario is picked).
async fn take_into_profile(
    cx: &Cx<impl Runtime>,
    id: &str,
    created: CreatedApp,
) -> AppResult<NewAppOutcome> {
    let profile = cx.profiles.get(id)?;
    let Some(key) = created.client_id.clone() else {
        let view = cx.view(profile).await;
        return Ok(NewAppOutcome {
            secret_note: Some(format!(
                "The app was made, but its consumer key could not be read back. Open it in Setup ({}) and copy its consumer key and secret into the Connection tab.",
                created.setup_url
            )),
            created,
            view,
            secret_stored: false,
        });
    };
    if profile.is_practice() && created.secret.is_none() {
        // The practice profile keeps the scenario's app: the new one's secret is not known.
        let view = cx.view(profile).await;
        return Ok(NewAppOutcome {
            secret_note: created.secret_unavailable.clone(),
            created,
            view,
            secret_stored: false,
        });
    }
    let saved = if profile.is_practice() {
        cx.use_practice_app(Some(key));
        profile
    } else {
        cx.profiles.update(|list| {
            let p = list
                .iter_mut()
                .find(|p| p.id == id)
                .ok_or_else(|| AppError::profile_not_found(id))?;
            p.client_id = key;
            Ok(p.clone())
        })?
    };
    let (secret_stored, secret_note) = match created.secret.clone() {
        None => {
            // The old secret belongs to the old key: it goes, so the profile asks for the new one.
            cx.vault(&saved.target)
                .delete(vec![saved.keychain_account()])
                .await?;
            (
                false,
                Some(created.secret_unavailable.clone().unwrap_or_else(|| {
                    format!(
                        "Copy the consumer secret from Setup ({}).",
                        created.setup_url
                    )
                })),
            )
        }
        Some(secret) => {
            let label = keychain_label(&saved, "consumer secret");
            match cx
                .vault(&saved.target)
                .save(saved.keychain_account(), secret, label)
                .await
            {
                Ok(_) => (true, None),
                Err(e) => (
                    false,
                    Some(format!(
                        "The secret could not be put in the keychain ({e}). Copy it from Setup ({}) into the Connection tab.",
                        created.setup_url
                    )),
                ),
            }
        }
    };
    Ok(NewAppOutcome {
        created,
        view: cx.changed(saved).await,
        secret_stored,
        secret_note,
    })
}

/// The engine's refusal in the app's terms; a half-made app carries what exists now.
fn create_error(state: &AppState, e: CreateError) -> AppError {
    match e {
        CreateError::Login(e) => login_error(state, e),
        CreateError::HalfDone { ref exists, .. } => AppError::HalfDone {
            message: e.to_string(),
            exists: exists.clone(),
        },
        CreateError::InvalidName { .. }
        | CreateError::NameTaken { .. }
        | CreateError::RunAs { .. } => AppError::bad_input(e.to_string()),
        _ => AppError::check_failed(e.to_string()),
    }
}
