//! "Find the exact setting": the profile's app inspected with an admin's login (Salesforce CLI,
//! or a pasted access token), asked for each time or kept in memory until the app closes. The
//! practice org lets the admin in with its own login. Tokens never go back to the UI.

use crate::commands::Cx;
use crate::commands::{check, practice};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use eca_core::inspect::{self, AdminLogin, InspectError, Inspection};
use eca_core::pipeline::OrgConnection;
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
    let (login, connection) = sign_in(state, id, input).await?;
    read_app(state, id, &login, &connection).await
}

/// Inspect profile `id`'s app with a login already signed in.
pub(crate) async fn read_app(
    state: &AppState,
    id: &str,
    login: &AdminLogin,
    connection: &OrgConnection,
) -> AppResult<Inspection> {
    let key = app_key(state, id).await?;
    let found = inspect::inspect(login, &key, &connection.client_options())
        .await
        .map_err(|e| login_error(state, e))?;
    tracing::info!(profile = %id, findings = found.findings.len(), "app inspected");
    Ok(found)
}

/// The consumer key profile `id` uses (the practice org's, found now, on the practice profile).
pub(crate) async fn app_key(state: &AppState, id: &str) -> AppResult<String> {
    let saved = state.profiles.get(id)?;
    let key = practice::run_target(state, &saved).await?.client_id;
    if key.trim().is_empty() {
        return Err(AppError::bad_input(
            "This profile has no consumer key yet: enter it on the Connection tab (or let ECA Preflight set the app up for you on the Setup guide tab).",
        ));
    }
    Ok(key)
}

/// The kept admin login (host and username only), if any.
pub async fn kept_admin_login(cx: &Cx<impl Runtime>) -> AppResult<Option<AdminLoginView>> {
    Ok(cx.kept_admin_login().as_ref().map(view))
}

pub async fn forget_admin_login(cx: &Cx<impl Runtime>) -> AppResult<()> {
    cx.forget_admin_login();
    Ok(())
}

/// The admin's login for profile `id`'s org (the practice org's own admin on the practice
/// profile), and the profile's run settings. A login asked to be kept is kept from here on; a
/// login of another org is refused before anything is sent.
pub(crate) async fn sign_in(
    state: &AppState,
    id: &str,
    input: AdminLoginInput,
) -> AppResult<(AdminLogin, OrgConnection)> {
    let saved = state.profiles.get(id)?;
    let config = check::org_connection(state, id).await?;
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
    if keep {
        state.keep_admin_login(login.clone());
    }
    Ok((login, config))
}

/// An error of the admin's login or of reading the org, in the app's terms: a refused login is
/// forgotten (a kept one stopped working) and is the admin's to fix.
pub(crate) fn login_error(state: &AppState, e: InspectError) -> AppError {
    if matches!(e, InspectError::LoginRefused { .. }) {
        state.forget_admin_login();
    }
    match e {
        InspectError::LoginRefused { .. } | InspectError::UntrustedHost { .. } => {
            AppError::bad_input(e.to_string())
        }
        _ => AppError::check_failed(e.to_string()),
    }
}
