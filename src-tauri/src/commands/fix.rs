//! "Fix in Salesforce": the settings of the profile's own app that inspection found wrong,
//! changed with the admin's login — the plan (before → after) first, then one deploy, then the
//! app read again. Users and permissions are only listed, never changed. The logic is the
//! engine's (`eca_core::change::fix`).

use crate::commands::inspect::{login_error, read_app, sign_in, AdminLoginInput};
use crate::commands::Cx;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use eca_core::change::fix::{self, FixError, FixPlan};
use eca_core::change::ChangeProgress;
use eca_core::inspect::Inspection;
use tauri::ipc::Channel;
use tauri::Runtime;

/// What a fix of `inspection`'s findings would change; nothing changes yet.
pub async fn plan_fix(
    cx: &Cx<impl Runtime>,
    id: String,
    login: AdminLoginInput,
    inspection: Inspection,
    run_as: Option<String>,
) -> AppResult<FixPlan> {
    let (login, connection) = sign_in(cx, &id, login).await?;
    let run_as = run_as
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    let plan = fix::plan_fix(
        &login,
        &inspection,
        run_as.as_deref(),
        &connection.client_options(),
    )
    .await
    .map_err(|e| fix_error(cx, e))?;
    // What is deployed is exactly what the admin was shown: the plan stays here, not in the UI.
    cx.keep_fix_plan(&id, plan.clone());
    Ok(plan)
}

/// Deploy the plan the admin was shown last (`plan_fix`) and confirmed, then read the app again
/// (the answer).
pub async fn apply_fix(
    cx: &Cx<impl Runtime>,
    id: String,
    login: AdminLoginInput,
    on_progress: Channel<ChangeProgress>,
) -> AppResult<Inspection> {
    let Some(plan) = cx.take_fix_plan(&id).filter(|p| !p.is_empty()) else {
        return Err(AppError::bad_input(
            "There is no change to deploy: review the changes (Fix in Salesforce) first.",
        ));
    };
    let (login, connection) = sign_in(cx, &id, login).await?;
    let progress = |p: ChangeProgress| {
        let _ = on_progress.send(p);
    };
    fix::apply_fix(
        &login,
        &plan,
        &connection.client_options(),
        &progress,
        Some(&cx.ledger),
    )
    .await
    .map_err(|e| fix_error(cx, e))?;
    tracing::info!(profile = %id, changes = plan.changes.len(), "fix deployed");
    read_app(cx, &id, &login, &connection).await
}

fn fix_error(state: &AppState, e: FixError) -> AppError {
    match e {
        FixError::Login(e) => login_error(state, e),
        FixError::NoApp | FixError::ConnectedApp(_) | FixError::RunAs(_) => {
            AppError::bad_input(e.to_string())
        }
        _ => AppError::check_failed(e.to_string()),
    }
}
