//! Tauri build script: generates the context and the ACL for the app's own commands, so that
//! each command gets an `allow-<command>` permission and capabilities/main.json can list exactly
//! the ones the UI uses.

include!("src/commands/names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/commands/names.rs");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build script failed: {error:#}");
    }
}
