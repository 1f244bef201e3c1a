//! The Tauri commands, one file per area. Each is thin: it finds the profile and the secret,
//! calls the engine, and maps errors to `AppError`.

pub mod check;
pub mod domain;
pub mod practice;
pub mod profiles;
pub mod secrets;

include!("names.rs");
