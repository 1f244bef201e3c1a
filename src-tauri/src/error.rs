//! The one error type every command returns. It serialises as `{kind, message, diagnosis}` so the
//! UI can branch on `kind` and show a catalog diagnosis when there is one. Messages are written
//! for the admin and never contain a secret: the constructors only take text we wrote or errors
//! whose `Display` is secret-free by construction (`Secret` prints `<redacted>`).

use eca_core::keychain::KeychainError;
use eca_core::Diagnosis;
use serde::Serialize;
use ts_rs::TS;

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppErrorKind {
    /// The input cannot be used (bad domain, missing secret, unknown scenario …).
    BadInput,
    /// No such profile, or no finished run to report on.
    NotFound,
    /// No Secret Service / keychain, or it is locked.
    KeyringUnavailable,
    /// The keychain refused the operation.
    KeyringFailed,
    /// The profile store file could not be read or written.
    StoreFailed,
    /// A check is already running.
    Busy,
    /// The org answered with a failure (see `diagnosis`).
    CheckFailed,
    Internal,
}

/// What a command answers on failure.
#[derive(Serialize, Clone, Debug, PartialEq, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub kind: AppErrorKind,
    pub message: String,
    // Boxed: a diagnosis is large and errors travel through many `Result`s.
    pub diagnosis: Option<Box<Diagnosis>>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(kind: AppErrorKind, message: impl Into<String>) -> Self {
        AppError {
            kind,
            message: message.into(),
            diagnosis: None,
        }
    }

    pub fn bad_input(message: impl Into<String>) -> Self {
        Self::new(AppErrorKind::BadInput, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(AppErrorKind::NotFound, message)
    }

    pub fn store(message: impl Into<String>) -> Self {
        Self::new(AppErrorKind::StoreFailed, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(AppErrorKind::Internal, message)
    }

    pub fn busy() -> Self {
        Self::new(
            AppErrorKind::Busy,
            "A connection test is already running. Wait for it to finish or cancel it.",
        )
    }

    pub fn with_diagnosis(mut self, diagnosis: Diagnosis) -> Self {
        self.diagnosis = Some(Box::new(diagnosis));
        self
    }

    pub fn profile_not_found(id: &str) -> Self {
        Self::not_found(format!(
            "There is no saved profile with id \"{id}\". It may have been deleted."
        ))
    }
}

impl From<KeychainError> for AppError {
    fn from(error: KeychainError) -> Self {
        let kind = match error {
            KeychainError::Unavailable(_) => AppErrorKind::KeyringUnavailable,
            KeychainError::Failed(_) => AppErrorKind::KeyringFailed,
        };
        AppError::new(kind, error.to_string())
    }
}

impl From<eca_core::profile::EditError> for AppError {
    fn from(error: eca_core::profile::EditError) -> Self {
        use eca_core::profile::EditError;
        match error {
            EditError::Invalid(message) => AppError::bad_input(message),
            EditError::UnknownId(_) => AppError::not_found(error.to_string()),
        }
    }
}
