//! The `check` command: resolve the input, run the engine, print, choose the exit code.

use crate::{args, human, resolve};
use eca_core::pipeline::{run_check, InputError};
use eca_core::report;
use eca_core::types::{CheckReport, StepId, StepResult, StepStatus};
use tokio_util::sync::CancellationToken;

pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILED: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub async fn check(args: args::CheckArgs) -> u8 {
    let json = args.json;
    let config = match resolve::config(&args) {
        Ok(c) => c,
        Err(resolve::ResolveError::Usage(e)) => {
            eprintln!("eca-preflight-cli: {e}");
            return EXIT_USAGE;
        }
        Err(resolve::ResolveError::Input(e)) => {
            return refused(&e, args.client_id.as_deref().unwrap_or_default(), json);
        }
    };
    let client_id = config.client_id.clone();

    // Ctrl-C cancels: the engine still deletes a record it created and revokes the token.
    let cancel = CancellationToken::new();
    let on_signal = cancel.clone();
    let signal_task = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("Cancelling: cleaning up the test record and the token…");
            on_signal.cancel();
        }
    });

    let on_step = move |step: &StepResult| {
        if json {
            return;
        }
        if let Some(line) = human::step_line(step) {
            emit(&line);
        }
    };
    let result = run_check(config, on_step, cancel).await;
    signal_task.abort();

    match result {
        Ok(report) => {
            if json {
                emit(&report::to_json(&report));
            } else {
                emit(&human::epilogue(&report));
            }
            if report.ok {
                EXIT_OK
            } else {
                EXIT_FAILED
            }
        }
        Err(e) => refused(&e, &client_id, json),
    }
}

/// Input refused before any request: its diagnosis, exit 2.
fn refused(e: &InputError, client_id: &str, json: bool) -> u8 {
    if json {
        emit(&report::to_json(&input_report(e, client_id)));
    } else {
        eprintln!("{}", human::diagnosis(&e.diagnosis()).join("\n"));
    }
    EXIT_USAGE
}

/// A line on stdout; a closed pipe (`| head`) is not worth a panic.
fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}").and_then(|()| out.flush());
}

/// The `--json` document for input refused before any request: the same keys as a run.
fn input_report(e: &InputError, client_id: &str) -> CheckReport {
    let diagnosis = e.diagnosis();
    let steps = StepId::ALL
        .iter()
        .map(|&id| StepResult {
            id,
            status: if id == StepId::Domain {
                StepStatus::Failed
            } else {
                StepStatus::Skipped
            },
            ms: None,
            summary: Some(if id == StepId::Domain {
                e.to_string()
            } else {
                "the check did not start".to_string()
            }),
            warning: None,
        })
        .collect();
    CheckReport {
        ok: false,
        cancelled: false,
        steps,
        diagnosis: Some(diagnosis),
        warnings: Vec::new(),
        identity: None,
        record: None,
        org: None,
        client_id_masked: eca_core::secret::mask_client_id(client_id),
        started_at: String::new(),
        total_ms: 0,
    }
}
