//! Logs: to the OS's log folder for the app (rotated daily, a week kept) and to stderr, with the
//! `log` bridge on so keyring, reqwest and the webview's records arrive too.
//!
//! Secrets stay out by type: ours are `Secret`, which prints `<redacted>`. Third-party crates do
//! not know that type, so the HTTP stack (which at trace level can print header frames) is capped
//! at `info` in the log file whatever `RUST_LOG` asks for; a test runs checks with a canary secret
//! at `RUST_LOG=trace` and scans the files.

use eca_core::profiles::APP_IDENTIFIER;
use std::path::{Path, PathBuf};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Log files are `eca-preflight.YYYY-MM-DD.log`.
pub const LOG_FILE_PREFIX: &str = "eca-preflight";
/// Days of logs kept.
pub const LOG_FILES_KEPT: usize = 7;
const DEFAULT_FILTER: &str = "warn,eca_preflight_app=info,eca_core=info,eca_sim=info";
/// Appended to the file's filter, so they win over `RUST_LOG` for these crates.
const HTTP_STACK_CAP: &[&str] = &["h2=info", "hyper=info", "hyper_util=info", "rustls=info"];

/// The app's log folder: what Tauri's `app_log_dir()` answers (a test holds them equal), known
/// before the app is built so the first lines of a launch are kept.
pub fn log_dir() -> Option<PathBuf> {
    #[cfg(target_os = "macos")]
    let dir = dirs::home_dir().map(|home| home.join("Library/Logs").join(APP_IDENTIFIER));
    #[cfg(not(target_os = "macos"))]
    let dir = dirs::data_local_dir().map(|data| data.join(APP_IDENTIFIER).join("logs"));
    dir
}

fn filter(extra: &[&str]) -> EnvFilter {
    let mut filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    for directive in extra {
        if let Ok(directive) = directive.parse() {
            filter = filter.add_directive(directive);
        }
    }
    filter
}

/// Install the global logger: stderr always; the log folder when it can be made (a launch
/// that cannot write there still runs, and says so on stderr). Returns the folder in use.
pub fn init(dir: Option<&Path>) -> Option<PathBuf> {
    let file = dir.and_then(|dir| {
        let appender = tracing_appender::rolling::Builder::new()
            .rotation(tracing_appender::rolling::Rotation::DAILY)
            .filename_prefix(LOG_FILE_PREFIX)
            .filename_suffix("log")
            .max_log_files(LOG_FILES_KEPT)
            .build(dir);
        match appender {
            Ok(appender) => Some((dir.to_path_buf(), appender)),
            Err(error) => {
                eprintln!("ECA Preflight: no log file in {}: {error}", dir.display());
                None
            }
        }
    });
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_filter(filter(&[]));
    let (folder, file_layer) = match file {
        Some((folder, appender)) => (
            Some(folder),
            Some(
                tracing_subscriber::fmt::layer()
                    .with_writer(appender)
                    .with_ansi(false)
                    .with_filter(filter(HTTP_STACK_CAP)),
            ),
        ),
        None => (None, None),
    };
    // `try_init` also installs the `log` bridge (tracing-subscriber's tracing-log feature).
    let installed = tracing_subscriber::registry()
        .with(stderr)
        .with(file_layer)
        .try_init();
    if installed.is_err() {
        return None;
    }
    folder
}
