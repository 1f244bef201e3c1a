//! `eca-preflight-cli`: the whole check headless, for CI pipelines (`check`), and the hand-off
//! after it: code that runs (`snippet`) and a token for other tools (`token -- COMMAND`); and
//! `inspect`, which reads the app's own settings with an admin's login; `guide` prints the setup
//! guide the desktop app shows.
//! `check` exits 0 when every check passed (warnings allowed), 1 when one failed (diagnosed),
//! 2 on bad input, 130 when cancelled by a signal.
//!
//! A library behind the binary so the desktop app can run as the CLI too (`eca-preflight --cli
//! …`): the Linux packages install `eca-preflight-cli` as that, one binary instead of two.

mod admin;
mod args;
mod check;
mod ci;
mod cleanup;
mod create_app;
mod fix;
mod guide;
mod human;
mod inspect;
mod resolve;
mod rotate;
mod snippet;
mod token;

use std::ffi::OsString;
use std::process::ExitCode;

/// The whole command line, `args` starting with the program name.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    init_logging();
    let args = args::parse(args);
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
        args::Command::Check(check_args) if check_args.all_profiles => {
            runtime.block_on(check::check_all(*check_args))
        }
        args::Command::Check(check_args) => runtime.block_on(check::check(*check_args)),
        args::Command::Snippet(snippet_args) => print_or_usage(snippet::text(&snippet_args)),
        args::Command::Token(token_args) => runtime.block_on(token::token(*token_args)),
        args::Command::Inspect(inspect_args) => runtime.block_on(inspect::inspect(inspect_args)),
        args::Command::CreateApp(create_args) => {
            runtime.block_on(create_app::create_app(*create_args))
        }
        args::Command::Rotate(rotate_args) => runtime.block_on(rotate::rotate(*rotate_args)),
        args::Command::Cleanup(cleanup_args) => runtime.block_on(cleanup::cleanup(*cleanup_args)),
        args::Command::Guide(guide_args) => print_or_usage(guide::text(&guide_args)),
    };
    ExitCode::from(code)
}

/// A command that only prints: its text on stdout (exit 0), or why not on stderr (exit 2).
fn print_or_usage(text: Result<String, String>) -> u8 {
    match text {
        Ok(text) => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
            check::EXIT_OK
        }
        Err(message) => {
            eprintln!("eca-preflight-cli: {message}");
            check::EXIT_USAGE
        }
    }
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
        .try_init()
        .ok();
}
