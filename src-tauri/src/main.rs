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
        return eca_preflight_cli::run(args);
    }
    if args
        .get(1)
        .is_some_and(|first| first == OsStr::new("--cli"))
    {
        let cli =
            std::iter::once(OsString::from("eca-preflight-cli")).chain(args.into_iter().skip(2));
        return eca_preflight_cli::run(cli);
    }
    eca_preflight_app::run();
    ExitCode::SUCCESS
}
