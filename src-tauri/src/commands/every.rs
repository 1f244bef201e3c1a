//! "Check every profile": production and its sandboxes in one go (an ECA is not copied into a
//! refreshed sandbox, so a sandbox often fails where production passes). The engine runs them a
//! few at a time (`pipeline::check_many`); each result is also saved as the profile's badge.

use crate::commands::check::{check_config, save_last_result};
use crate::commands::Cx;
use crate::error::AppResult;
use eca_core::pipeline::{check_many, ManyOutcome};
use eca_core::DiagnosisCode;
use serde::Serialize;
use tauri::Runtime;
use ts_rs::TS;

/// One line of the table: a profile and what its check came to.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct ProfileCheck {
    pub id: String,
    pub name: String,
    pub ok: bool,
    /// The diagnosis of a failed run; none when it passed or could not start.
    pub code: Option<DiagnosisCode>,
    /// "passed", the diagnosis title with its code, or why it could not start.
    pub detail: String,
}

/// Every saved profile but the practice one, [`eca_core::pipeline::AT_ONCE`] at a time. What the
/// app asks before a single test is not asked here: a host that is neither Salesforce nor
/// loopback, or a production org through a proxy whose freeze warning was not yet read, answers
/// "could not start" and is tested on its own, where the app asks. Cancel stops them all.
pub async fn check_every_profile(cx: &Cx<impl Runtime>) -> AppResult<Vec<ProfileCheck>> {
    let run = cx.run.begin()?;
    let profiles: Vec<_> = cx
        .profiles
        .list()?
        .into_iter()
        .filter(|p| !p.is_practice())
        .collect();
    let mut entries = Vec::with_capacity(profiles.len());
    for profile in profiles {
        let config = check_config(cx, &profile.id, false)
            .await
            .map_err(|e| e.message().to_string())
            .and_then(|config| match config.freeze_risk() {
                Some(risk) if !cx.freeze_warnings.is_acknowledged(&profile.id, &risk.network) => {
                    Err(format!(
                        "this production org is reached through {}, and Salesforce may freeze the Run As user for it. Test this profile on its own first, to read the warning.",
                        risk.network
                    ))
                }
                _ => Ok(config),
            });
        entries.push(((profile.id, profile.name), config));
    }
    tracing::info!(profiles = entries.len(), "checking every profile");
    let rows = check_many(entries, run.token.clone()).await;
    let checks: Vec<ProfileCheck> = rows
        .into_iter()
        .map(|((id, name), outcome)| {
            if let ManyOutcome::Ran(report) = &outcome {
                save_last_result(cx, &id, report);
            }
            ProfileCheck {
                ok: outcome.ok(),
                code: outcome.code(),
                detail: outcome.detail(),
                id,
                name,
            }
        })
        .collect();
    cx.profiles_changed().await;
    Ok(checks)
}
