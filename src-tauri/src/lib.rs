//! ECA Preflight desktop app: the Tauri builder, state, and thin commands over `eca_core`.
//!
//! - [`commands`]  — the IPC commands, one file per area, listed once in `commands/list.rs`.
//! - [`state`]     — `AppState`: secrets, profiles, the running check, the practice org.
//! - [`profiles`]  — the profile list in the tauri-plugin-store file the CLI also reads.
//! - [`error`]     — `AppError`, a union tagged by `kind` (each kind carries only what it has).
//! - [`bindings`]  — the TypeScript of every IPC type (`ui/src/ipc/bindings.ts`).
//!
//! Secrets go through an `eca_core::secrets::Vault` chosen by the profile's `Target`: the OS
//! keychain for real orgs, memory for the practice org.

pub mod bindings;
pub mod commands;
pub mod error;
pub mod freeze_warnings;
pub mod logging;
pub mod profiles;
pub mod state;
pub mod updates;

#[cfg(test)]
mod about_tests;
#[cfg(test)]
mod acl_tests;
#[cfg(test)]
mod tests;

use commands::command_handler;
use eca_core::profiles::{APP_IDENTIFIER, STORE_FILE};
use eca_core::secrets::{Keychain, SecretStore};
use state::AppState;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Builder, Manager, Runtime};

/// What differs between the real app and tests of its commands.
pub struct AppOptions {
    /// The profile store file; relative paths are under the app data dir.
    pub store_path: PathBuf,
    /// Where secrets go: the OS keychain in the app.
    pub secrets: Arc<dyn SecretStore>,
    /// Latency the practice org adds to each answer.
    pub practice_latency: Duration,
    /// The bound on each keychain call.
    pub keychain_timeout: Duration,
}

impl Default for AppOptions {
    fn default() -> Self {
        AppOptions {
            // The same file the CLI's `--profile` reads, whatever the runtime's identifier.
            store_path: eca_core::profiles::default_store_path()
                .unwrap_or_else(|| PathBuf::from(STORE_FILE)),
            secrets: Arc::new(Keychain::new(APP_IDENTIFIER)),
            practice_latency: practice_latency_from_env(),
            keychain_timeout: state::KEYCHAIN_TIMEOUT,
        }
    }
}

/// The practice org answers with a little delay so a person sees each step run, as with a
/// real org over the network. `ECA_PRACTICE_LATENCY_MS` overrides it (the E2E cancel test
/// slows the org down so it can press Cancel midway).
const PRACTICE_LATENCY: Duration = Duration::from_millis(120);

fn practice_latency_from_env() -> Duration {
    std::env::var("ECA_PRACTICE_LATENCY_MS")
        .ok()
        .and_then(|ms| ms.trim().parse::<u64>().ok())
        .map_or(PRACTICE_LATENCY, |ms| Duration::from_millis(ms.min(10_000)))
}

/// The app on any runtime (tests use `tauri::test::mock_builder()` and call [`manage_state`]
/// themselves, since only `App::run` runs the setup hook).
pub fn build_app<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .setup(|app| {
            manage_state(app.handle(), AppOptions::default())?;
            Ok(())
        })
        .on_window_event(close_after_cleanup)
        .invoke_handler(commands::with_commands!(command_handler))
}

/// How long closing waits for a cancelled run's cleanup (the delete and the revoke).
pub const CLOSE_WAIT: Duration = Duration::from_secs(30);

/// The UI's "Cleaning up…" notice: the window was closed during a run.
pub const CLOSING_EVENT: &str = "closing";

/// Closing the window during a run cancels it and waits (up to [`CLOSE_WAIT`]) for its cleanup
/// — the test record deleted, the token revoked — before the window goes; the UI says so.
fn close_after_cleanup<R: Runtime>(window: &tauri::Window<R>, event: &tauri::WindowEvent) {
    let tauri::WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let Some(state) = window.try_state::<AppState>() else {
        return;
    };
    if !state.run.is_running() {
        return;
    }
    api.prevent_close();
    state.run.cancel();
    tracing::info!("window closed during a run: cleaning up first");
    let _ = tauri::Emitter::emit(window, CLOSING_EVENT, ());
    let window = window.clone();
    tauri::async_runtime::spawn(async move {
        let state = window.state::<AppState>();
        let deadline = std::time::Instant::now() + CLOSE_WAIT;
        while state.run.is_running() && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if state.run.is_running() {
            tracing::warn!("closing before the cleanup finished; the journal keeps the record");
        }
        let _ = window.destroy();
    });
}

/// Open the profile store and manage the `AppState` every command uses. A state already managed
/// (a test's) is kept.
pub fn manage_state<R: Runtime>(
    app: &AppHandle<R>,
    options: AppOptions,
) -> Result<(), tauri_plugin_store::Error> {
    let backend = profiles::PluginStore::open(app, &options.store_path)?;
    tracing::info!(store = %options.store_path.display(), "profile store opened");
    let journal = eca_core::journal::Journal::beside(backend.path());
    let store_problem = backend.moved_aside.as_ref().map(|aside| {
        format!(
            "The saved profiles could not be read (the file is damaged). It was kept as {} and a new, empty list started; nothing was deleted.",
            aside.display()
        )
    });
    let profiles = profiles::Profiles::new(Box::new(backend));
    let state = AppState::builder(options.secrets, profiles, journal)
        .store_problem(store_problem)
        .practice_latency(options.practice_latency)
        .keychain_timeout(options.keychain_timeout)
        .build();
    state.forget_practice_leftovers();
    app.manage(state);
    Ok(())
}

/// The plugins only a real launch has (tests on the mock runtime run many apps in one process):
/// one instance per user — a second launch focuses the first window and exits — and the
/// window's size and position kept across launches.
fn desktop_plugins(builder: Builder<tauri::Wry>) -> Builder<tauri::Wry> {
    builder
        // First, as its documentation asks: it decides before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            tracing::info!("a second launch: showing the open window instead");
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::SIZE
                        | tauri_plugin_window_state::StateFlags::POSITION
                        | tauri_plugin_window_state::StateFlags::MAXIMIZED,
                )
                .build(),
        )
}

/// Linux: WebKit hands its frames to the window through shared memory, not DMA-BUF, unless the
/// environment asks otherwise. The DMA-BUF path needs a GPU driver that has it: on a virtual
/// display, a remote session or a driver without it, setting it up delays the first frame by
/// about a second (BENCHMARKS.md), and on some drivers the window stays blank. A page of forms
/// loses nothing. `ECA_PREFLIGHT_GPU=1` (or any WEBKIT_DISABLE_DMABUF_RENDERER value) keeps
/// WebKit's own choice.
#[cfg(target_os = "linux")]
fn prefer_shared_memory_frames() {
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none()
        && std::env::var_os("ECA_PREFLIGHT_GPU").is_none()
    {
        // Before any thread exists (the first thing `run` does), so no one reads the environment
        // while it changes.
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

pub fn run() {
    #[cfg(target_os = "linux")]
    prefer_shared_memory_frames();
    let log_folder = logging::init(logging::log_dir().as_deref());
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        build = %commands::about::build_description(),
        log_folder = ?log_folder,
        "ECA Preflight starting"
    );
    let app = build_app(desktop_plugins(Builder::default())).run(tauri::generate_context!());
    if let Err(error) = app {
        tracing::error!(%error, "the app stopped with an error");
        std::process::exit(1);
    }
}
