//! "Find the exact setting": the profile's app inspected with an admin's login (Salesforce CLI,
//! or a pasted access token), asked for each time or kept in memory until the app closes. The
//! practice org lets the admin in with its own login. Tokens never go back to the UI.

use crate::commands::Cx;
use crate::commands::{check, practice};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use eca_core::inspect::{self, AdminLogin, InspectError, Inspection};
use eca_core::Secret;
use serde::{Deserialize, Serialize};
use tauri::Runtime;
use ts_rs::TS;

/// Where the admin's login comes from.
#[derive(Deserialize, Clone, Debug, TS)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum AdminLoginInput {
    /// The login kept from an earlier inspection (this launch only).
    Kept,
    /// Salesforce CLI's login: `sf org display` (the instance URL) and `sf org auth
    /// show-access-token` (the token).
    SalesforceCli { alias: String, keep: bool },
    /// An access token of an admin of the profile's org (e.g. from `sf org auth
    /// show-access-token`); Salesforce CLI's `[REDACTED]` placeholder is refused.
    Pasted { token: String, keep: bool },
    /// The practice org's own admin.
    Practice,
}

/// What the UI may know of a kept login: never its token.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct AdminLoginView {
    pub host: String,
    pub username: Option<String>,
}

fn view(login: &AdminLogin) -> AdminLoginView {
    AdminLoginView {
        host: login.domain.host.clone(),
        username: login.username.clone(),
    }
}

/// Inspect the app of profile `id` with the admin's login.
pub async fn inspect_app(
    cx: &Cx<impl Runtime>,
    id: String,
    login: AdminLoginInput,
) -> AppResult<Inspection> {
    run(cx, &id, login).await
}

pub(crate) async fn run(
    state: &AppState,
    id: &str,
    input: AdminLoginInput,
) -> AppResult<Inspection> {
    let saved = state.profiles.get(id)?;
    let config = check::check_config(state, id, false).await?;
    let (login, keep) =
        match input {
            _ if saved.is_practice() => (practice::admin_login(state, &saved).await?, false),
            AdminLoginInput::Practice => {
                return Err(AppError::bad_input(
                    "Only the practice profile uses the practice org's login.",
                ))
            }
            AdminLoginInput::Kept => match state.kept_admin_login() {
                Some(login) => (login, false),
                None => return Err(AppError::bad_input(
                    "No admin login is kept: log in with Salesforce CLI or paste an access token.",
                )),
            },
            AdminLoginInput::SalesforceCli { alias, keep } => {
                let alias = alias.trim().to_string();
                if alias.is_empty() {
                    return Err(AppError::bad_input(
                        "Enter the alias or username of your Salesforce CLI login.",
                    ));
                }
                (
                    AdminLogin::from_sf(&alias)
                        .await
                        .map_err(|e| AppError::bad_input(e.to_string()))?,
                    keep,
                )
            }
            AdminLoginInput::Pasted { token, keep } => {
                let login = AdminLogin::pasted(&config.domain.url(""), Secret::new(token))
                    .map_err(|e| AppError::bad_input(e.to_string()))?;
                (login, keep)
            }
        };
    if login.domain.host != config.domain.host {
        return Err(AppError::bad_input(format!(
            "This admin login is for {}, but the profile's org is {}. Use a login of {}.",
            login.domain.host, config.domain.host, config.domain.host
        )));
    }
    let found = inspect::inspect(&login, &config.client_id, &config.client_options())
        .await
        .map_err(|e| {
            if matches!(e, InspectError::LoginRefused { .. }) {
                // A kept login that stopped working is dropped.
                state.forget_admin_login();
            }
            match e {
                InspectError::LoginRefused { .. } | InspectError::UntrustedHost { .. } => {
                    AppError::bad_input(e.to_string())
                }
                _ => AppError::check_failed(e.to_string()),
            }
        })?;
    if keep {
        state.keep_admin_login(login);
    }
    tracing::info!(profile = %id, findings = found.findings.len(), "app inspected");
    Ok(found)
}

/// The kept admin login (host and username only), if any.
pub async fn kept_admin_login(cx: &Cx<impl Runtime>) -> AppResult<Option<AdminLoginView>> {
    Ok(cx.kept_admin_login().as_ref().map(view))
}

pub async fn forget_admin_login(cx: &Cx<impl Runtime>) -> AppResult<()> {
    cx.forget_admin_login();
    Ok(())
}
