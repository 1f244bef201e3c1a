//! Check several orgs at once (production and its sandboxes: an ECA is not copied into a
//! refreshed sandbox), a few at a time so neither the machine nor the orgs are flooded. The CLI's
//! `check --all-profiles` and the app's "Check every profile" both run through here.

use super::{run_check, CheckConfig};
use crate::codes::DiagnosisCode;
use crate::types::CheckReport;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// How many checks run at once.
pub const AT_ONCE: usize = 4;

/// What became of one entry.
#[derive(Debug)]
pub enum ManyOutcome {
    Ran(Box<CheckReport>),
    /// It could not start (no secret saved, input that does not parse, …): the reason.
    Refused(String),
}

impl ManyOutcome {
    pub fn ok(&self) -> bool {
        matches!(self, ManyOutcome::Ran(r) if r.ok)
    }

    pub fn code(&self) -> Option<DiagnosisCode> {
        match self {
            ManyOutcome::Ran(r) => r.diagnosis.as_ref().map(|d| d.code),
            ManyOutcome::Refused(_) => None,
        }
    }

    /// One line for a table: "passed", "TITLE [code]", or "could not start: …".
    pub fn detail(&self) -> String {
        match self {
            ManyOutcome::Ran(r) if r.ok => "passed".to_string(),
            ManyOutcome::Ran(r) => r
                .diagnosis
                .as_ref()
                .map_or("failed".into(), |d| format!("{} [{}]", d.title, d.code)),
            ManyOutcome::Refused(reason) => format!("could not start: {reason}"),
        }
    }
}

/// Runs every entry, [`AT_ONCE`] at a time; the answers come back in the order given, each with
/// its key. Cancelling stops the runs at their next step boundary (each still cleans up).
pub async fn check_many<K: Send + 'static>(
    entries: Vec<(K, Result<CheckConfig, String>)>,
    cancel: CancellationToken,
) -> Vec<(K, ManyOutcome)> {
    let limit = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
    let mut runs = tokio::task::JoinSet::new();
    for (index, (key, config)) in entries.into_iter().enumerate() {
        let limit = limit.clone();
        let cancel = cancel.clone();
        runs.spawn(async move {
            // The semaphore is never closed, so acquiring fails never; run anyway if it did.
            let _slot = limit.acquire_owned().await;
            let outcome = match config {
                Err(reason) => ManyOutcome::Refused(reason),
                Ok(config) => match run_check(config, |_| {}, cancel).await {
                    Ok(report) => ManyOutcome::Ran(Box::new(report)),
                    Err(e) => ManyOutcome::Refused(e.to_string()),
                },
            };
            (index, key, outcome)
        });
    }
    let mut done = Vec::new();
    while let Some(joined) = runs.join_next().await {
        match joined {
            Ok(row) => done.push(row),
            Err(error) => tracing::error!(%error, "a check of many ended without an answer"),
        }
    }
    done.sort_by_key(|(index, ..)| *index);
    done.into_iter().map(|(_, key, o)| (key, o)).collect()
}
