//! Step states of one run: each change goes to the caller's callback at once, the final list
//! goes in the report, and the failures are kept by step so the diagnosis is the first in order.

use super::failure::{Failure, Halt, Outcome};
use crate::types::{StepId, StepResult, StepStatus, Warning};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::Mutex;
use std::time::Instant;
use tracing::Instrument;

pub(crate) type OnStep = Box<dyn Fn(&StepResult) + Send + Sync>;

#[derive(Default)]
struct State {
    steps: BTreeMap<StepId, StepResult>,
    started: HashMap<StepId, Instant>,
    failures: BTreeMap<StepId, Failure>,
    warnings: Vec<Warning>,
    /// A step was skipped because the run was cancelled.
    cancelled: bool,
}

pub(crate) struct Progress {
    state: Mutex<State>,
    on_step: OnStep,
}

impl Progress {
    pub fn new(on_step: OnStep) -> Self {
        let state = State {
            steps: StepId::ALL
                .iter()
                .map(|&id| (id, StepResult::pending(id)))
                .collect(),
            ..State::default()
        };
        Progress {
            state: Mutex::new(state),
            on_step,
        }
    }

    /// Apply `change` to a step, then tell the caller (outside the lock: the callback may be slow
    /// or cancel the run).
    fn update(&self, change: impl FnOnce(&mut State) -> StepResult) {
        let snapshot = match self.state.lock() {
            Ok(mut state) => change(&mut state),
            Err(_) => return,
        };
        (self.on_step)(&snapshot);
    }

    pub fn start(&self, id: StepId) {
        tracing::debug!(step = id.as_str(), "running");
        self.update(|s| {
            s.started.insert(id, Instant::now());
            set(s, id, StepStatus::Running, None, None)
        });
    }

    pub fn pass(&self, id: StepId, summary: String, warning: Option<Warning>) {
        tracing::info!(step = id.as_str(), "passed");
        self.update(|s| {
            let code = warning.as_ref().map(|w| w.code);
            if let Some(w) = warning {
                s.warnings.push(w);
            }
            set(s, id, StepStatus::Passed, Some(summary), code)
        });
    }

    pub fn fail(&self, id: StepId, failure: Failure) {
        tracing::info!(step = id.as_str(), code = %failure.code, "failed");
        self.update(|s| {
            let summary = failure.summary.clone();
            s.failures.insert(id, failure);
            set(s, id, StepStatus::Failed, Some(summary), None)
        });
    }

    pub fn skip(&self, id: StepId, reason: impl Into<String>) {
        let reason = reason.into();
        self.update(|s| set(s, id, StepStatus::Skipped, Some(reason), None));
    }

    /// Run one step: running → passed / failed / skipped (cancelled in flight).
    pub async fn run<T>(&self, id: StepId, step: impl Future<Output = Outcome<T>>) -> Option<T> {
        self.start(id);
        let span = tracing::info_span!("step", id = id.as_str());
        let outcome = step.instrument(span).await;
        self.end(id, outcome)
    }

    /// End a started step with its outcome (steps answered by one composite call end so).
    pub fn end<T>(&self, id: StepId, outcome: Outcome<T>) -> Option<T> {
        match outcome {
            Ok(passed) => {
                self.pass(id, passed.summary, passed.warning);
                Some(passed.value)
            }
            Err(Halt::Failed(failure)) => {
                self.fail(id, *failure);
                None
            }
            Err(Halt::Cancelled) => {
                self.skip_cancelled(id);
                None
            }
        }
    }

    pub fn skip_cancelled(&self, id: StepId) {
        self.update(|s| {
            s.cancelled = true;
            set(s, id, StepStatus::Skipped, Some("cancelled".into()), None)
        });
    }

    /// Skip every step not started yet (in step order), except `keep`.
    pub fn skip_pending(&self, reason: &str, keep: &[StepId]) {
        let pending: Vec<StepId> = match self.state.lock() {
            Ok(s) => s
                .steps
                .values()
                .filter(|st| st.status == StepStatus::Pending && !keep.contains(&st.id))
                .map(|st| st.id)
                .collect(),
            Err(_) => return,
        };
        for id in pending {
            if reason == "cancelled" {
                self.skip_cancelled(id);
            } else {
                self.skip(id, reason);
            }
        }
    }

    pub fn was_cancelled(&self) -> bool {
        self.state.lock().map(|s| s.cancelled).unwrap_or(false)
    }

    /// True when step `id` failed without an answer (no response, or one cut short): whether
    /// the org did the work is unknown.
    pub fn failed_unanswered(&self, id: StepId) -> bool {
        self.state
            .lock()
            .map(|s| {
                s.failures.iter().any(|(step, f)| {
                    *step == id && f.details.as_ref().is_none_or(|d| d.status.is_none())
                })
            })
            .unwrap_or(true)
    }

    pub fn has_failure(&self) -> bool {
        self.state
            .lock()
            .map(|s| !s.failures.is_empty())
            .unwrap_or(true)
    }

    /// Every step in order (steps never touched stay pending), the failures, the warnings.
    pub fn finish(&self) -> (Vec<StepResult>, Vec<(StepId, Failure)>, Vec<Warning>) {
        match self.state.lock() {
            Ok(mut s) => (
                s.steps.values().cloned().collect(),
                std::mem::take(&mut s.failures).into_iter().collect(),
                std::mem::take(&mut s.warnings),
            ),
            Err(_) => (Vec::new(), Vec::new(), Vec::new()),
        }
    }
}

fn set(
    s: &mut State,
    id: StepId,
    status: StepStatus,
    summary: Option<String>,
    warning: Option<crate::codes::DiagnosisCode>,
) -> StepResult {
    let ms = match status {
        StepStatus::Passed | StepStatus::Failed => s
            .started
            .get(&id)
            .map(|t| u64::try_from(t.elapsed().as_millis()).unwrap_or(u64::MAX)),
        _ => None,
    };
    let step = StepResult {
        id,
        status,
        ms,
        summary,
        warning,
    };
    s.steps.insert(id, step.clone());
    step
}
