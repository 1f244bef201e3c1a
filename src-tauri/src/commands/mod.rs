//! The Tauri commands, one file per area, listed once in `list.rs`. Each is thin: it finds the
//! profile and the secret, calls the engine, and maps errors to `AppError`.

pub mod about;
pub mod check;
pub mod cleanup;
pub mod domain;
pub mod every;
pub mod handoff;
pub mod inspect;
pub mod practice;
pub mod profiles;
pub mod rotation;
pub mod secrets;

include!("list.rs");

/// Every command the app registers, in list order.
pub const COMMANDS: &[&str] = with_commands!(command_names);

/// `invoke_handler` for every listed command.
macro_rules! command_handler {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty;)*) => {
        tauri::generate_handler![$(crate::commands::$module::$name),*]
    };
}
pub(crate) use {command_handler, with_commands};
