//! Tauri build script: generates the context and the ACL for the app's own commands, so that
//! each command gets an `allow-<command>` permission and capabilities/main.json can list exactly
//! the ones the UI uses. The names come from the one command list, `src/commands/list.rs`.

include!("src/commands/list.rs");

const COMMANDS: &[&str] = with_commands!(command_names);

fn main() {
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    // The commit the About panel names (set by `make dist` and the release workflow).
    println!("cargo:rerun-if-env-changed=ECA_BUILD_COMMIT");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build script failed: {error:#}");
    }
}
