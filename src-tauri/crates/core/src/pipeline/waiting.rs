//! Keep trying while Salesforce applies a recent change: a new app or a changed policy takes up
//! to 10 minutes to work, and until then the token request fails in one of a few known ways.
//! The CLI's `check --wait` and the app's "Keep trying" both run through here.

use super::{run_check, CheckConfig, InputError};
use crate::codes::DiagnosisCode;
use crate::types::{CheckReport, StepResult};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// How long the app keeps trying (Salesforce's own figure for applying a change).
pub const KEEP_TRYING: Duration = Duration::from_secs(600);

/// The report's diagnosis when it is one waiting could fix.
fn fixed_by_waiting(report: &CheckReport) -> Option<DiagnosisCode> {
    let code = report.diagnosis.as_ref()?.code;
    code.keeps_trying().then_some(code)
}

/// Between two attempts: what failed and when the next one starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Retry {
    pub code: DiagnosisCode,
    /// The attempt that just failed, from 1.
    pub attempt: u32,
    pub pause: Duration,
    /// Of the whole budget, after this pause starts.
    pub left: Duration,
}

/// One run; while it fails in a way a recent change explains, run again after growing pauses
/// (5 s, 10 s, 20 s, then 30 s) until it passes, fails otherwise, is cancelled, or `budget` is
/// spent. Returns the last report.
pub async fn run_waiting<F, W>(
    config: CheckConfig,
    budget: Duration,
    on_step: F,
    mut on_retry: W,
    cancel: CancellationToken,
) -> Result<CheckReport, InputError>
where
    F: Fn(&StepResult) + Send + Sync + 'static,
    W: FnMut(&Retry),
{
    let started = Instant::now();
    let on_step = Arc::new(on_step);
    let mut pause = Duration::from_secs(5);
    let mut attempt = 1;
    loop {
        let each = on_step.clone();
        let report = run_check(config.clone(), move |s| each(s), cancel.clone()).await?;
        let left = budget.saturating_sub(started.elapsed());
        let Some(code) = fixed_by_waiting(&report) else {
            return Ok(report);
        };
        if report.cancelled || left.is_zero() {
            return Ok(report);
        }
        let nap = pause.min(left);
        on_retry(&Retry {
            code,
            attempt,
            pause: nap,
            left,
        });
        tokio::select! {
            () = tokio::time::sleep(nap) => {}
            () = cancel.cancelled() => return Ok(report),
        }
        pause = (pause * 2).min(Duration::from_secs(30));
        attempt += 1;
    }
}
