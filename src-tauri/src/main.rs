// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::ExitCode;

/// `eca-preflight --cli ARGS…` (or the binary started under the name `eca-preflight-cli`) is the
/// command-line tool: the Linux packages ship one binary and install `eca-preflight-cli` as a
/// two-line script running this, while the CI archives carry the lean standalone CLI.
fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let called_as_cli = args
        .first()
        .and_then(|program| Path::new(program).file_stem())
        .is_some_and(|stem| stem == OsStr::new("eca-preflight-cli"));
    if called_as_cli {
        #[cfg(windows)]
        attach_parent_console();
        return eca_preflight_cli::run(args);
    }
    if args
        .get(1)
        .is_some_and(|first| first == OsStr::new("--cli"))
    {
        #[cfg(windows)]
        attach_parent_console();
        let cli =
            std::iter::once(OsString::from("eca-preflight-cli")).chain(args.into_iter().skip(2));
        return eca_preflight_cli::run(cli);
    }
    eca_preflight_app::run();
    ExitCode::SUCCESS
}

/// A Windows release build is a GUI program (no console window opens beside the app), so the CLI
/// started from a terminal would print nowhere. It takes the terminal's console instead, unless
/// the shell gave it an output of its own (a pipe or a file), which is kept.
#[cfg(windows)]
#[allow(unsafe_code)] // the workspace's one exception (see unsafe_code in Cargo.toml)
fn attach_parent_console() {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::System::Console::{AttachConsole, ATTACH_PARENT_PROCESS};
    if std::io::stdout().as_raw_handle().is_null() {
        // SAFETY: AttachConsole takes a process id by value and reads no memory of ours. When it
        // fails (no parent console, e.g. started from Explorer) nothing changes and the CLI runs
        // without a console, as before.
        let _ = unsafe { AttachConsole(ATTACH_PARENT_PROCESS) };
    }
}
