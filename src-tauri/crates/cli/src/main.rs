//! `eca-preflight-cli`: see the library (`src/lib.rs`).

fn main() -> std::process::ExitCode {
    eca_preflight_cli::run(std::env::args_os())
}
