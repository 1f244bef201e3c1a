//! The one error type every command returns. It serialises as `{kind, message, diagnosis, host}` so the
//! UI can branch on `kind` and show a catalog diagnosis when there is one. Messages are written
//! for the admin and never contain a secret: the constructors only take text we wrote or errors
//! whose `Display` is secret-free by construction (`Secret` prints `<redacted>`).

use eca_core::secrets::KeychainError;
use eca_core::Diagnosis;
use serde::Serialize;
use std::time::Duration;
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
    /// The domain is neither Salesforce nor loopback: nothing was sent; the UI asks the admin
    /// to confirm `host`, then calls again allowing it.
    UntrustedHost,
    /// A production org through a proxy or inspected TLS, and the admin has not been warned for
    /// this profile and network: nothing was sent; the UI shows `freeze_risk`, then calls again
    /// accepting it.
    FreezeRisk,
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
    /// For `untrusted_host`: the host the credentials would go to.
    pub host: Option<String>,
    /// For `freeze_risk`: what Salesforce may do, and the network (boxed, as `diagnosis`).
    pub freeze_risk: Option<Box<eca_core::network::FreezeRisk>>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(kind: AppErrorKind, message: impl Into<String>) -> Self {
        AppError {
            kind,
            message: message.into(),
            diagnosis: None,
            host: None,
            freeze_risk: None,
        }
    }

    pub fn freeze_risk(risk: eca_core::network::FreezeRisk) -> Self {
        AppError {
            freeze_risk: Some(Box::new(risk)),
            ..Self::new(
                AppErrorKind::FreezeRisk,
                "Salesforce may freeze the Run As user for this network: read the warning first.",
            )
        }
    }

    pub fn untrusted_host(host: &str, message: impl Into<String>) -> Self {
        AppError {
            host: Some(host.to_string()),
            ..Self::new(AppErrorKind::UntrustedHost, message)
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

    /// The keychain call is still waiting, typically on an unlock prompt nobody answers.
    pub fn keychain_timeout(after: Duration) -> Self {
        Self::new(
            AppErrorKind::KeyringUnavailable,
            format!(
                "The system keychain did not answer within {}. If it is asking for a password, \
                 unlock it (on Linux: your login keyring) and try again.",
                seconds(after)
            ),
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
            KeychainError::TimedOut(after) => return AppError::keychain_timeout(after),
            KeychainError::Unavailable(_) => AppErrorKind::KeyringUnavailable,
            KeychainError::Failed(_) => AppErrorKind::KeyringFailed,
        };
        AppError::new(kind, error.to_string())
    }
}

impl From<eca_core::profiles::EditError> for AppError {
    fn from(error: eca_core::profiles::EditError) -> Self {
        use eca_core::profiles::EditError;
        match error {
            EditError::Invalid(message) => AppError::bad_input(message),
            EditError::UnknownId(_) => AppError::not_found(error.to_string()),
        }
    }
}

/// "20 seconds", "1 second"; sub-second bounds (tests) in milliseconds.
fn seconds(after: Duration) -> String {
    match after.as_secs() {
        0 => format!("{} ms", after.as_millis()),
        1 if after.subsec_millis() == 0 => "1 second".to_string(),
        s if after.subsec_millis() == 0 => format!("{s} seconds"),
        _ => format!("{:.1} seconds", after.as_secs_f64()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn keychain_timeout_names_the_wait_and_the_fix() {
        let error = AppError::keychain_timeout(Duration::from_secs(20));
        assert_eq!(error.kind, AppErrorKind::KeyringUnavailable);
        assert_eq!(
            error.message,
            "The system keychain did not answer within 20 seconds. If it is asking for a \
             password, unlock it (on Linux: your login keyring) and try again."
        );
        assert!(AppError::keychain_timeout(Duration::from_millis(5))
            .message
            .contains("within 5 ms."));
    }
}
