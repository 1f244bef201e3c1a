//! `eca-preflight-cli check`: the whole check, headless, for CI pipelines.
//! Exit 0: every check passed (warnings allowed) · 1: a check failed (diagnosed) · 2: bad input.

mod args;
mod check;
mod ci;
mod human;
mod resolve;

use std::process::ExitCode;

fn main() -> ExitCode {
    init_logging();
    let args = <args::Cli as clap::Parser>::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("eca-preflight-cli: cannot start the async runtime: {e}");
            return ExitCode::from(check::EXIT_USAGE);
        }
    };
    let code = match args.command {
        args::Command::Check(check_args) => runtime.block_on(check::check(*check_args)),
    };
    ExitCode::from(code)
}

/// Logs go to stderr (stdout belongs to the report); level from RUST_LOG, default warn.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .init();
}
