//! The About panel: version and build, the project's links, the log folder, and "Check for
//! updates". Links and the folder open from here (not from the UI through the opener plugin), so
//! the window's capability keeps allowing only Salesforce addresses.

use crate::commands::Cx;
use crate::error::{AppError, AppResult};
use crate::updates::{self, UpdateCheck, UpdatePolicy};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tauri::{AppHandle, Runtime};
use tauri_plugin_opener::OpenerExt;
use tauri_plugin_updater::UpdaterExt;
use ts_rs::TS;
use url::Url;

/// What the About panel shows.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct AboutInfo {
    pub version: String,
    /// e.g. "release · 1a2b3c4 · x86_64-linux" (the commit when the build was given one).
    pub build: String,
    pub homepage: String,
    /// The OS's log folder for the app, where logs are written (null: this computer has none).
    pub log_folder: Option<String>,
    pub updates: UpdatePolicy,
}

/// The places the About panel opens.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum AboutLink {
    Homepage,
    Issues,
    Releases,
    LogFolder,
}

/// The bound on the whole update check.
const UPDATE_CHECK_TIMEOUT: Duration = Duration::from_secs(20);

pub fn build_description() -> String {
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let commit = option_env!("ECA_BUILD_COMMIT").unwrap_or("local build");
    format!(
        "{profile} · {commit} · {}-{}",
        std::env::consts::ARCH,
        std::env::consts::OS
    )
}

pub async fn about(cx: &Cx<impl Runtime>) -> AppResult<AboutInfo> {
    Ok(AboutInfo {
        version: cx.app.package_info().version.to_string(),
        build: build_description(),
        homepage: env!("CARGO_PKG_HOMEPAGE").to_string(),
        log_folder: crate::logging::log_dir().map(|d| d.display().to_string()),
        updates: updates::current_policy(),
    })
}

pub async fn open_about(cx: &Cx<impl Runtime>, link: AboutLink) -> AppResult<()> {
    let app = &cx.app;
    let repository = env!("CARGO_PKG_REPOSITORY");
    let opened = match link {
        AboutLink::Homepage => app
            .opener()
            .open_url(env!("CARGO_PKG_HOMEPAGE"), None::<&str>),
        AboutLink::Issues => app
            .opener()
            .open_url(format!("{repository}/issues"), None::<&str>),
        AboutLink::Releases => app
            .opener()
            .open_url(format!("{repository}/releases"), None::<&str>),
        AboutLink::LogFolder => {
            let dir = crate::logging::log_dir()
                .ok_or_else(|| AppError::not_found("This computer has no log folder for apps."))?;
            std::fs::create_dir_all(&dir).map_err(|e| {
                AppError::internal(format!("Could not make {}: {e}", dir.display()))
            })?;
            app.opener()
                .open_path(dir.display().to_string(), None::<&str>)
        }
    };
    opened.map_err(|e| AppError::internal(format!("Could not open it: {e}")))
}

pub async fn check_for_updates(cx: &Cx<impl Runtime>) -> AppResult<UpdateCheck> {
    check_with(&cx.app, updates::current_policy(), None).await
}

/// Download the newer version, install it and restart into it.
pub async fn install_update(cx: &Cx<impl Runtime>) -> AppResult<()> {
    let app = &cx.app;
    if let UpdatePolicy::Off { reason } = updates::current_policy() {
        return Err(AppError::bad_input(reason));
    }
    let update = updater(app, None)?
        .check()
        .await
        .map_err(update_error)?
        .ok_or_else(|| AppError::not_found("ECA Preflight is already up to date."))?;
    tracing::info!(version = %update.version, "installing the update");
    update
        .download_and_install(|_, _| {}, || {})
        .await
        .map_err(update_error)?;
    app.restart()
}

fn updater<R: Runtime>(
    app: &AppHandle<R>,
    endpoints: Option<Vec<Url>>,
) -> AppResult<tauri_plugin_updater::Updater> {
    let mut builder = app.updater_builder().timeout(UPDATE_CHECK_TIMEOUT);
    if let Some(endpoints) = endpoints {
        builder = builder.endpoints(endpoints).map_err(update_error)?;
    }
    builder.build().map_err(update_error)
}

/// The check under `policy`, against the configured endpoints or `endpoints` (tests).
pub async fn check_with<R: Runtime>(
    app: &AppHandle<R>,
    policy: UpdatePolicy,
    endpoints: Option<Vec<Url>>,
) -> AppResult<UpdateCheck> {
    if let UpdatePolicy::Off { reason } = policy {
        return Ok(UpdateCheck::Off { reason });
    }
    let found = updater(app, endpoints)?
        .check()
        .await
        .map_err(update_error)?;
    Ok(match found {
        Some(update) => UpdateCheck::Available {
            version: update.version,
            notes: update.body,
            date: update.date.map(|d| d.date().to_string()),
        },
        None => UpdateCheck::UpToDate {
            version: app.package_info().version.to_string(),
        },
    })
}

fn update_error(error: tauri_plugin_updater::Error) -> AppError {
    use tauri_plugin_updater::Error;
    tracing::warn!(%error, "update check failed");
    // The transport's wording ("error sending request for url …") means nothing to an admin:
    // the log keeps it, the admin gets what to do.
    let message = match error {
        Error::Reqwest(_) | Error::Network(_) => {
            "Could not reach the update server. Check this computer's internet connection (or \
             proxy), or get the newest version from the releases page."
                .to_string()
        }
        other => {
            format!("Could not check for updates: {other}. The releases page has every version.")
        }
    };
    AppError::internal(message)
}
