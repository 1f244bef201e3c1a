//! A bare Tauri 2 app: one window showing one static page. Only `make bench` builds it.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("bare-tauri: {error}");
        std::process::exit(1);
    }
}
