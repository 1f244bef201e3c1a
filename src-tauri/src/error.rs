//! The one error type every command returns. It serialises as a tagged union on `kind`, each
//! kind carrying only what it has (`untrusted_host` its host and diagnosis, `freeze_risk` the
//! warning, `diagnosed` a catalog diagnosis), so the UI narrows on `kind`. Messages are written
//! for the admin and never contain a secret: the constructors only take text we wrote or errors
//! whose `Display` is secret-free by construction (`Secret` prints `<redacted>`).

use eca_core::network::FreezeRisk;
use eca_core::secrets::KeychainError;
use eca_core::Diagnosis;
use serde::Serialize;
use std::time::Duration;
use ts_rs::TS;

/// What a command answers on failure.
// Diagnoses and warnings are boxed: they are large and errors travel through many `Result`s.
#[derive(Serialize, Clone, Debug, PartialEq, TS, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppError {
    /// The input cannot be used (bad domain, missing secret, unknown scenario …).
    #[error("{message}")]
    BadInput { message: String },
    /// No such profile, or no finished run to report on.
    #[error("{message}")]
    NotFound { message: String },
    /// No Secret Service / keychain, or it is locked.
    #[error("{message}")]
    KeyringUnavailable { message: String },
    /// The keychain refused the operation.
    #[error("{message}")]
    KeyringFailed { message: String },
    /// The profile store file could not be read or written.
    #[error("{message}")]
    StoreFailed { message: String },
    /// A check is already running.
    #[error("{message}")]
    Busy { message: String },
    /// The domain is neither Salesforce nor loopback: nothing was sent; the UI asks the admin
    /// to confirm `host`, then calls again allowing it.
    #[error("{message}")]
    UntrustedHost {
        message: String,
        /// The host the credentials would go to.
        host: String,
        diagnosis: Box<Diagnosis>,
    },
    /// A production org through a proxy or inspected TLS, and the admin has not been warned for
    /// this profile and network: nothing was sent; the UI shows `risk`, then calls again
    /// accepting it.
    #[error("{message}")]
    FreezeRisk {
        message: String,
        /// What Salesforce may do, and the network.
        risk: Box<FreezeRisk>,
    },
    /// A run's input was refused, or the org answered with a failure, and the catalog explains
    /// it (`diagnosis`).
    #[error("{message}")]
    Diagnosed {
        message: String,
        diagnosis: Box<Diagnosis>,
    },
    /// The org answered with a failure that has no diagnosis of its own.
    #[error("{message}")]
    CheckFailed { message: String },
    /// The app's consumer already has a staged pair: the UI offers to use it or delete it.
    #[error("{message}")]
    StagedExists { message: String },
    /// An app was only half made: its first deploy landed, the second was refused. `exists`
    /// names what is in the org now; the UI offers to finish it or remove it.
    #[error("{message}")]
    HalfDone {
        message: String,
        exists: Vec<String>,
    },
    #[error("{message}")]
    Internal { message: String },
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// What the admin reads, whatever the kind.
    pub fn message(&self) -> &str {
        match self {
            AppError::BadInput { message }
            | AppError::NotFound { message }
            | AppError::KeyringUnavailable { message }
            | AppError::KeyringFailed { message }
            | AppError::StoreFailed { message }
            | AppError::Busy { message }
            | AppError::UntrustedHost { message, .. }
            | AppError::FreezeRisk { message, .. }
            | AppError::Diagnosed { message, .. }
            | AppError::CheckFailed { message }
            | AppError::HalfDone { message, .. }
            | AppError::StagedExists { message }
            | AppError::Internal { message } => message,
        }
    }

    /// The catalog diagnosis, for the kinds that carry one.
    pub fn diagnosis(&self) -> Option<&Diagnosis> {
        match self {
            AppError::UntrustedHost { diagnosis, .. } | AppError::Diagnosed { diagnosis, .. } => {
                Some(diagnosis)
            }
            _ => None,
        }
    }

    pub fn freeze_risk(risk: FreezeRisk) -> Self {
        AppError::FreezeRisk {
            message:
                "Salesforce may freeze the Run As user for this network: read the warning first."
                    .to_string(),
            risk: Box::new(risk),
        }
    }

    pub fn untrusted_host(host: &str, message: impl Into<String>, diagnosis: Diagnosis) -> Self {
        AppError::UntrustedHost {
            message: message.into(),
            host: host.to_string(),
            diagnosis: Box::new(diagnosis),
        }
    }

    pub fn diagnosed(message: impl Into<String>, diagnosis: Diagnosis) -> Self {
        AppError::Diagnosed {
            message: message.into(),
            diagnosis: Box::new(diagnosis),
        }
    }

    pub fn bad_input(message: impl Into<String>) -> Self {
        AppError::BadInput {
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        AppError::NotFound {
            message: message.into(),
        }
    }

    pub fn store(message: impl Into<String>) -> Self {
        AppError::StoreFailed {
            message: message.into(),
        }
    }

    pub fn check_failed(message: impl Into<String>) -> Self {
        AppError::CheckFailed {
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        AppError::Internal {
            message: message.into(),
        }
    }

    pub fn busy() -> Self {
        AppError::Busy {
            message: "A connection test is already running. Wait for it to finish or cancel it."
                .to_string(),
        }
    }

    /// The keychain call is still waiting, typically on an unlock prompt nobody answers.
    pub fn keychain_timeout(after: Duration) -> Self {
        AppError::KeyringUnavailable {
            message: format!(
                "The system keychain did not answer within {}. If it is asking for a password, \
                 unlock it (on Linux: your login keyring) and try again.",
                seconds(after)
            ),
        }
    }

    pub fn profile_not_found(id: &str) -> Self {
        Self::not_found(format!(
            "There is no saved profile with id \"{id}\". It may have been deleted."
        ))
    }
}

impl From<KeychainError> for AppError {
    fn from(error: KeychainError) -> Self {
        let message = error.to_string();
        match error {
            KeychainError::TimedOut(after) => AppError::keychain_timeout(after),
            KeychainError::Unavailable(_) => AppError::KeyringUnavailable { message },
            KeychainError::Failed(_) => AppError::KeyringFailed { message },
        }
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
        assert!(matches!(error, AppError::KeyringUnavailable { .. }));
        assert_eq!(
            error.message(),
            "The system keychain did not answer within 20 seconds. If it is asking for a \
             password, unlock it (on Linux: your login keyring) and try again."
        );
        assert!(AppError::keychain_timeout(Duration::from_millis(5))
            .message()
            .contains("within 5 ms."));
    }

    #[test]
    fn each_kind_carries_only_what_it_has() {
        let plain = serde_json::to_value(AppError::bad_input("Type a name.")).unwrap();
        assert_eq!(
            plain,
            serde_json::json!({ "kind": "bad_input", "message": "Type a name." })
        );

        let refused = eca_core::pipeline::InputError::MissingSecret;
        let diagnosed = AppError::diagnosed(refused.to_string(), refused.diagnosis());
        assert_eq!(
            diagnosed.diagnosis().map(|d| d.code),
            Some(refused.diagnosis().code)
        );
        let json = serde_json::to_value(&diagnosed).unwrap();
        assert_eq!(json["kind"], "diagnosed");
        assert_eq!(json["message"], refused.to_string());
        assert_eq!(
            json["diagnosis"]["code"],
            serde_json::to_value(refused.diagnosis().code).unwrap()
        );
        assert_eq!(json.as_object().unwrap().len(), 3, "{json}");
        assert_eq!(AppError::busy().diagnosis(), None);
    }
}
