//! The Tauri commands, one file per area, listed once in `list.rs`. Each is thin: it finds the
//! profile and the secret, calls the engine, and maps errors to `AppError`.
//!
//! A command is a plain `async fn(cx: &Cx<impl Runtime>, arguments…) -> AppResult<T>`. The
//! `#[tauri::command]` functions Tauri registers are generated from the list ([`ipc`]): each calls
//! its function with the listed argument and result types, so a list that no longer matches a
//! function fails the build.

pub mod about;
pub mod check;
pub mod cleanup;
pub mod domain;
pub mod every;
pub mod fix;
pub mod handoff;
pub mod inspect;
pub mod practice;
pub mod profiles;
pub mod rotate;
pub mod rotation;
pub mod secrets;
pub mod setup_app;

use crate::state::AppState;
use std::ops::Deref;
use tauri::{AppHandle, Manager, Runtime};

include!("list.rs");

/// Every command the app registers, in list order.
pub const COMMANDS: &[&str] = with_commands!(command_names);

/// What a command gets besides its arguments: the app (plugins, notifications) and, through
/// `Deref`, its state.
pub struct Cx<R: Runtime> {
    pub app: AppHandle<R>,
}

impl<R: Runtime> Deref for Cx<R> {
    type Target = AppState;

    fn deref(&self) -> &AppState {
        // Managed in `setup`, before the first command can arrive.
        self.app.state::<AppState>().inner()
    }
}

/// The `#[tauri::command]` of each listed command.
macro_rules! command_adapters {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty;)*) => {
        $(
            #[tauri::command]
            pub async fn $name<R: tauri::Runtime>(
                app: tauri::AppHandle<R>,
                $($arg: $ty),*
            ) -> crate::error::AppResult<$result> {
                super::$module::$name(&super::Cx { app }, $($arg),*).await
            }
        )*
    };
}

/// Every type the command list names, for the adapters and the bindings.
pub mod types {
    pub use super::about::{AboutInfo, AboutLink};
    pub use super::check::{ReportFormat, RunEvent, RunOptions};
    pub use super::cleanup::LeftoverCleaned;
    pub use super::domain::DomainPreview;
    pub use super::every::ProfileCheck;
    pub use super::inspect::{AdminLoginInput, AdminLoginView};
    pub use super::practice::ScenarioInfo;
    pub use super::profiles::ProfileView;
    pub use super::rotation::{CredentialSet, OldPairCheck};
    pub use super::setup_app::NewAppOutcome;
    pub use crate::error::AppError;
    pub use crate::state::SavedRun;
    pub use crate::updates::UpdateCheck;
    pub use eca_core::change::create::{CreatePlan, NewApp};
    pub use eca_core::change::fix::FixPlan;
    pub use eca_core::change::ledger::OrgChange;
    pub use eca_core::change::rotate::ExistingStaged;
    pub use eca_core::change::users::RunAsUser;
    pub use eca_core::change::ChangeProgress;
    pub use eca_core::inspect::Inspection;
    pub use eca_core::journal::Leftover;
    pub use eca_core::profiles::Profile;
    pub use eca_core::secrets::SecretStatus;
    pub use eca_core::setup_guide::SetupLink;
    pub use eca_core::snippets::SnippetFormat;
    pub use eca_core::{CheckReport, ObjectInfo, RequiredField};
    pub use tauri::ipc::Channel;
}

/// What Tauri registers: one adapter per listed command, named as the command.
pub mod ipc {
    use super::types::*;

    with_commands!(command_adapters);
}

/// `invoke_handler` for every listed command.
macro_rules! command_handler {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty;)*) => {
        tauri::generate_handler![$(crate::commands::ipc::$name),*]
    };
}
pub(crate) use {command_handler, with_commands};
