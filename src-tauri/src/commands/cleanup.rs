//! What a killed or cut-off run left in the org (the cleanup journal): listed for a profile, and
//! deleted on the admin's word with the profile's own credentials. And what was changed in the
//! org with an admin's login (the org-changes ledger), listed only.

use crate::commands::check::check_config;
use crate::commands::practice;
use crate::commands::Cx;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use eca_core::change::ledger::OrgChange;
use eca_core::journal::Leftover;
use eca_core::pipeline::{clean_up, Cleaned};
use serde::Serialize;
use tauri::Runtime;
use ts_rs::TS;

/// What became of one leftover.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct LeftoverCleaned {
    pub leftover: Leftover,
    /// None when it could not be deleted (see `error`).
    pub cleaned: Option<Cleaned>,
    pub error: Option<String>,
}

fn of_profile(state: &AppState, id: &str, host: Option<&str>) -> Vec<Leftover> {
    state
        .journal
        .entries()
        .into_iter()
        .filter(|e| match &e.profile_id {
            Some(profile) => profile == id,
            None => host.is_some_and(|h| h == e.host),
        })
        .collect()
}

/// Test records runs of profile `id` (or CLI runs on its org) may have left.
pub async fn leftovers(cx: &Cx<impl Runtime>, id: String) -> AppResult<Vec<Leftover>> {
    let profile = cx.profiles.get(&id)?;
    let host = profile
        .target
        .domain()
        .and_then(|d| eca_core::domain::parse_domain(d).ok())
        .map(|d| d.host);
    Ok(of_profile(cx, &id, host.as_deref()))
}

/// What was changed in profile `id`'s org with an admin's login (apps made or removed, fixes,
/// rotations), by this app or the CLI, newest first. Nothing here is undone.
pub async fn org_changes(cx: &Cx<impl Runtime>, id: String) -> AppResult<Vec<OrgChange>> {
    let saved = cx.profiles.get(&id)?;
    let profile = practice::run_target(cx, &saved).await?;
    let Some(host) = profile
        .target
        .domain()
        .and_then(|d| eca_core::domain::parse_domain(d).ok())
        .map(|d| d.host)
    else {
        return Ok(Vec::new());
    };
    let mut changes: Vec<OrgChange> = cx
        .ledger
        .entries()
        .into_iter()
        .filter(|c| c.host == host)
        .collect();
    changes.reverse();
    Ok(changes)
}

/// Delete them, each found by its id or its marked name.
pub async fn clean_leftovers(cx: &Cx<impl Runtime>, id: String) -> AppResult<Vec<LeftoverCleaned>> {
    let _run = cx.run.begin()?;
    let config = check_config(cx, &id, false).await?;
    let mut results = Vec::new();
    for leftover in of_profile(cx, &id, Some(&config.domain.host)) {
        let (cleaned, error) = match clean_up(&config, &cx.journal, &leftover).await {
            Ok(c) => (Some(c), None),
            Err(d) => (None, Some(format!("{} {}", d.title, d.cause))),
        };
        results.push(LeftoverCleaned {
            leftover,
            cleaned,
            error,
        });
    }
    tracing::info!(profile = %id, records = results.len(), "leftovers cleaned");
    if results.iter().all(|r| r.cleaned.is_none()) && !results.is_empty() {
        let first = results[0].error.clone().unwrap_or_default();
        return Err(AppError::check_failed(format!(
            "The test record could not be deleted: {first}"
        )));
    }
    Ok(results)
}
