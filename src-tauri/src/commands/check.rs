//! The one-click connection test, its progress over a Channel, cancel, the object picker and
//! record form helpers, and the report of the last run.

use crate::commands::practice;
use crate::commands::Cx;
use crate::error::{AppError, AppResult};
use crate::state::SavedRun;
use crate::state::{blocking, AppState};
use eca_core::network::ProxySetting;
use eca_core::pipeline::{self, CheckConfig, InputError, ListError, OrgConnection, Retry};
use eca_core::profiles::{LastResult, Profile};
use eca_core::salesforce::ApiName;
use eca_core::DiagnosisCode;
use eca_core::{report, CheckReport, ObjectInfo, RequiredField, Secret, StepResult};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tauri::ipc::Channel;
use tauri::Runtime;
use ts_rs::TS;

/// What a run takes beyond the saved profile (whose object, fields and record settings it uses).
#[derive(Deserialize, Clone, Debug, Default, PartialEq, TS)]
#[serde(default)]
pub struct RunOptions {
    /// The admin confirmed, for this run, sending the credentials to a host that is neither
    /// Salesforce nor loopback. Never stored: the UI asks again for every run.
    pub allow_untrusted_host: bool,
    /// While the run fails in a way a recent change explains (a new app, a changed policy), run
    /// again with growing pauses for up to 10 minutes; each pause is a `Retrying` event.
    pub keep_trying: bool,
    /// The admin read the warning that Salesforce may freeze the Run As user for this profile's
    /// network (a production org through a proxy or inspected TLS); remembered for the profile
    /// and network, so it is asked once.
    pub accept_freeze_risk: bool,
}

/// Progress of a run, sent over the `onEvent` channel.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunEvent {
    /// A step changed state (running, then passed / failed / skipped).
    Step { step: StepResult },
    /// Keep trying: attempt `attempt` failed with `code`; the next starts in `pause_s` seconds,
    /// and `left_s` seconds of the 10 minutes are left.
    Retrying {
        code: DiagnosisCode,
        attempt: u32,
        pause_s: u64,
        left_s: u64,
    },
}

#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Markdown,
    Json,
}

impl ReportFormat {
    fn render(self, report: &CheckReport) -> String {
        match self {
            ReportFormat::Markdown => report::to_markdown(report),
            ReportFormat::Json => report::to_json(report),
        }
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            ReportFormat::Markdown => &["md", "markdown", "txt"],
            ReportFormat::Json => &["json"],
        }
    }
}

/// Run the whole pipeline for a profile. A failed check is still `Ok` (the report carries the
/// diagnosis); `Err` means it could not start: busy, unknown profile, bad input.
pub async fn run_check(
    cx: &Cx<impl Runtime>,
    id: String,
    options: RunOptions,
    on_event: Channel<RunEvent>,
) -> AppResult<CheckReport> {
    let run = cx.run.begin()?;
    let config = check_config(cx, &id, options.allow_untrusted_host).await?;
    if let Some(risk) = config.freeze_risk() {
        // Said before the first grant, once per profile and network.
        let warned = &cx.freeze_warnings;
        if !options.accept_freeze_risk && !warned.is_acknowledged(&id, &risk.network) {
            return Err(AppError::freeze_risk(risk));
        }
        warned.acknowledge(&id, &risk.network);
    }
    let send = move |event: RunEvent| {
        if let Err(error) = on_event.send(event) {
            tracing::debug!(%error, "the window no longer listens to run events");
        }
    };
    let retried = Arc::new(AtomicBool::new(false));
    let on_retry = {
        let send = send.clone();
        let retried = retried.clone();
        move |r: &Retry| {
            retried.store(true, Ordering::Relaxed);
            send(RunEvent::Retrying {
                code: r.code,
                attempt: r.attempt,
                pause_s: r.pause.as_secs(),
                left_s: r.left.as_secs(),
            })
        }
    };
    let on_step = move |step: &StepResult| send(RunEvent::Step { step: step.clone() });
    let budget = if options.keep_trying {
        pipeline::KEEP_TRYING
    } else {
        Duration::ZERO
    };
    tracing::info!(profile = %id, keep_trying = options.keep_trying, "check started");
    let report = pipeline::run_waiting(config, budget, on_step, on_retry, run.token.clone())
        .await
        .map_err(input_error)?;
    tracing::info!(
        profile = %id,
        ok = report.ok,
        cancelled = report.cancelled,
        code = report.diagnosis.as_ref().map(|d| d.code.as_str()),
        "check finished"
    );
    if retried.load(Ordering::Relaxed) {
        notify_kept_trying(&cx.app, &report);
    }
    cx.keep_last_run(&id, &report);
    save_last_result(cx, &id, &report);
    cx.profiles_changed().await;
    Ok(report)
}

/// Keep trying may run for minutes while the admin is elsewhere: a system notification says
/// how it ended (nothing if notifications are off or unavailable).
fn notify_kept_trying<R: tauri::Runtime>(app: &tauri::AppHandle<R>, report: &CheckReport) {
    use tauri_plugin_notification::NotificationExt;
    let Some((title, body)) = kept_trying_notice(report) else {
        return;
    };
    if let Err(error) = app.notification().builder().title(title).body(body).show() {
        tracing::debug!(%error, "no system notification");
    }
}

/// The notification's title and body (none for a run the admin cancelled).
pub(crate) fn kept_trying_notice(report: &CheckReport) -> Option<(String, String)> {
    if report.cancelled {
        return None;
    }
    Some(if report.ok {
        (
            "The External Client App works now".to_string(),
            "Salesforce has applied the change: every step passed.".to_string(),
        )
    } else {
        (
            "ECA Preflight stopped trying".to_string(),
            report
                .diagnosis
                .as_ref()
                .map_or("A step still fails.".to_string(), |d| d.title.clone()),
        )
    })
}

/// The profile's badge in the list: how its last run ended.
pub(crate) fn save_last_result(state: &AppState, id: &str, report: &CheckReport) {
    let last = LastResult {
        ok: report.ok,
        code: report.diagnosis.as_ref().map(|d| d.code),
        at: report.started_at.clone(),
    };
    // The run happened whatever the store says; a store failure only loses the list badge.
    let saved = state.profiles.update(|list| {
        if let Some(saved) = list.iter_mut().find(|p| p.id == id) {
            saved.last_result = Some(last);
        }
        Ok(())
    });
    if let Err(error) = saved {
        tracing::warn!(%error, "could not save the last result");
    }
}

/// Stop the running check at the next step boundary (its record is still cleaned up).
pub async fn cancel_check(cx: &Cx<impl Runtime>) -> AppResult<()> {
    if cx.run.cancel() {
        tracing::info!("check cancelled by the admin");
    }
    Ok(())
}

/// The objects the Run As user can create, for the test-record picker.
/// `allow_untrusted_host`: confirmed by the admin for this one call, as for a run.
pub async fn list_objects(
    cx: &Cx<impl Runtime>,
    id: String,
    allow_untrusted_host: bool,
) -> AppResult<Vec<ObjectInfo>> {
    let config = check_config(cx, &id, allow_untrusted_host).await?;
    pipeline::list_objects(&config).await.map_err(list_error)
}

/// The fields `object` requires on create, with suggested values, for the record form.
pub async fn describe_required(
    cx: &Cx<impl Runtime>,
    id: String,
    object: String,
    allow_untrusted_host: bool,
) -> AppResult<Vec<RequiredField>> {
    let object =
        ApiName::object(&object).map_err(|e| input_error(InputError::BadOption(e.to_string())))?;
    let config = check_config(cx, &id, allow_untrusted_host).await?;
    pipeline::describe_required(&config, &object)
        .await
        .map_err(list_error)
}

/// The last finished run and its profile, also after a relaunch (the UI shows it again).
pub async fn last_run(cx: &Cx<impl Runtime>) -> AppResult<Option<SavedRun>> {
    Ok(cx.saved_run())
}

/// The last finished run as Markdown or JSON (for "copy").
pub async fn last_report(cx: &Cx<impl Runtime>, format: ReportFormat) -> AppResult<String> {
    let report = cx.last_report().ok_or_else(no_report)?;
    Ok(format.render(&report))
}

/// Write the last report to `path` (from the save dialog). Only report file types are written;
/// a path without an extension gets the format's.
pub async fn save_report(
    cx: &Cx<impl Runtime>,
    path: String,
    format: ReportFormat,
) -> AppResult<()> {
    let report = cx.last_report().ok_or_else(no_report)?;
    let path = report_path(&path, format)?;
    let text = format.render(&report);
    blocking(move || {
        std::fs::write(&path, text)
            .map_err(|e| AppError::internal(format!("Could not write {}: {e}", path.display())))
    })
    .await?;
    tracing::info!("report saved");
    Ok(())
}

/// The engine's input for profile `id`: its target (the practice org found now), its secret,
/// and `CheckConfig::from_profile`, the same conversion the CLI uses. A missing secret is passed
/// on empty: the engine refuses it with its own diagnosis (`client_secret_missing`).
pub(crate) async fn check_config(
    state: &AppState,
    id: &str,
    allow_untrusted_host: bool,
) -> AppResult<CheckConfig> {
    let saved = state.profiles.get(id)?;
    let profile = practice::run_target(state, &saved).await?;
    let secret = state
        .secret_for(&saved)
        .await?
        .unwrap_or_else(|| Secret::new(""));
    let mut config = CheckConfig::from_profile(&profile, secret).map_err(input_error)?;
    config.allow_untrusted_host = allow_untrusted_host;
    config.journal = Some(state.journal.clone());
    config.profile_id = Some(saved.id.clone());
    config.proxy = with_proxy_password(state, &saved, config.proxy.take()).await?;
    Ok(config)
}

/// How profile `id` reaches its org (the practice org found now), with the proxy user's
/// password from the keychain: what an admin's login needs, even before the profile has a key.
pub(crate) async fn org_connection(state: &AppState, id: &str) -> AppResult<OrgConnection> {
    let saved = state.profiles.get(id)?;
    let profile = practice::run_target(state, &saved).await?;
    let mut connection = OrgConnection::of(&profile).map_err(input_error)?;
    connection.proxy = with_proxy_password(state, &saved, connection.proxy.take()).await?;
    Ok(connection)
}

/// The profile's proxy with its user's password from the keychain (never in the profile).
async fn with_proxy_password(
    state: &AppState,
    saved: &Profile,
    proxy: Option<ProxySetting>,
) -> AppResult<Option<ProxySetting>> {
    let Some(proxy) = proxy else {
        return Ok(None);
    };
    let password = if saved.proxy_user().is_some() {
        state
            .vault(&saved.target)
            .read(saved.proxy_account())
            .await?
    } else {
        None
    };
    Ok(Some(match password {
        Some(p) => proxy.with_password(p),
        None => proxy,
    }))
}

fn input_error(error: InputError) -> AppError {
    let diagnosis = error.diagnosis();
    match &error {
        InputError::UntrustedHost { host } => {
            AppError::untrusted_host(host, error.to_string(), diagnosis)
        }
        _ => AppError::diagnosed(error.to_string(), diagnosis),
    }
}

fn list_error(error: ListError) -> AppError {
    match error {
        ListError::Input(input) => input_error(input),
        ListError::Failed(diagnosis) => AppError::diagnosed(diagnosis.title.clone(), diagnosis),
    }
}

fn no_report() -> AppError {
    AppError::not_found("There is no finished test yet. Run a connection test first.")
}

fn report_path(path: &str, format: ReportFormat) -> AppResult<PathBuf> {
    let mut path = PathBuf::from(path);
    if !path.is_absolute() || path.file_name().is_none() {
        return Err(AppError::bad_input("Choose where to save the report."));
    }
    match path.extension().and_then(|e| e.to_str()) {
        None => {
            path.set_extension(format.extensions()[0]);
        }
        Some(ext)
            if format
                .extensions()
                .contains(&ext.to_ascii_lowercase().as_str()) => {}
        Some(ext) => {
            return Err(AppError::bad_input(format!(
                "A {} report is saved as .{}, not .{ext}.",
                match format {
                    ReportFormat::Markdown => "Markdown",
                    ReportFormat::Json => "JSON",
                },
                format.extensions()[0]
            )))
        }
    }
    if path.is_dir() {
        return Err(AppError::bad_input("Choose a file, not a folder."));
    }
    Ok(path)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn report_paths_get_the_right_extension() {
        let md = report_path("/tmp/report", ReportFormat::Markdown).unwrap();
        assert_eq!(md, PathBuf::from("/tmp/report.md"));
        assert!(report_path("/tmp/r.JSON", ReportFormat::Json).is_ok());
        assert!(report_path("/tmp/r.sh", ReportFormat::Markdown).is_err());
        assert!(report_path("relative.md", ReportFormat::Markdown).is_err());
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("reports.json");
        std::fs::create_dir(&folder).unwrap();
        assert!(report_path(folder.to_str().unwrap(), ReportFormat::Json).is_err());
    }

    #[test]
    fn an_untrusted_host_is_never_allowed_unless_the_run_says_so() {
        let options: RunOptions = serde_json::from_str("{}").unwrap();
        assert!(!options.allow_untrusted_host);
        let allowed: RunOptions = serde_json::from_str(r#"{"allow_untrusted_host":true}"#).unwrap();
        assert!(allowed.allow_untrusted_host);
    }
}
