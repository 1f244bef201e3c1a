//! Checks on the input that need no network: anything refused here was never sent anywhere.

use super::CheckConfig;
use crate::catalog;
use crate::client::{BuildError, ClientOptions, SfClient};
use crate::codes::DiagnosisCode;
use crate::domain::DomainError;
use crate::types::{Diagnosis, StepId};

/// Bad input, found before any request is sent (CLI exit 2).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}")]
    Domain(DomainError),
    #[error("Enter the consumer key of the External Client App.")]
    MissingClientId,
    #[error("{0}")]
    BadClientId(String),
    #[error("Enter the consumer secret of the External Client App.")]
    MissingSecret,
    #[error(
        "{host} is not a Salesforce host; credentials are sent there only after you confirm it."
    )]
    UntrustedHost { host: String },
    #[error("The CA certificate cannot be used: {0}")]
    BadCaCert(String),
    #[error("{0}")]
    BadOption(String),
}

impl InputError {
    /// A stable code, used by tools like the catalog codes.
    pub fn code(&self) -> DiagnosisCode {
        match self {
            InputError::Domain(e) => e.code(),
            InputError::MissingClientId => DiagnosisCode::ClientIdMissing,
            InputError::BadClientId(_) => DiagnosisCode::ClientIdMalformed,
            InputError::MissingSecret => DiagnosisCode::ClientSecretMissing,
            InputError::UntrustedHost { .. } => DiagnosisCode::UntrustedHost,
            InputError::BadCaCert(_) => DiagnosisCode::CaCertInvalid,
            InputError::BadOption(_) => DiagnosisCode::BadOption,
        }
    }

    /// The catalog entry (e.g. `not_my_domain` with its fix); a refusal with its own reason
    /// (a domain, an option, a CA file) adds that reason to the cause.
    pub fn diagnosis(&self) -> Diagnosis {
        let mut d = catalog::diagnose(self.code(), None, Some(StepId::Domain), None);
        let reason = match self {
            InputError::Domain(DomainError::Invalid { reason }) => Some(reason.clone()),
            InputError::BadOption(_) | InputError::BadCaCert(_) | InputError::BadClientId(_) => {
                Some(self.to_string())
            }
            _ => None,
        };
        if let Some(reason) = reason {
            d.cause = format!("{} {reason}", d.cause);
        }
        d
    }
}

impl CheckConfig {
    /// How a client for this org is built (timeout, extra CA, proxy): the run's, and an
    /// inspection's of the same profile.
    pub fn client_options(&self) -> ClientOptions {
        let mut options = ClientOptions::new(self.timeout);
        options.ca_cert_pem = self.ca_cert_pem.clone();
        options.proxy = self.proxy.clone();
        options
    }

    /// Whether Salesforce may freeze the Run As user for this run's traffic (a production org
    /// through a proxy or inspected TLS): said before the first grant.
    pub fn freeze_risk(&self) -> Option<crate::network::FreezeRisk> {
        crate::network::NetworkSummary::of(
            self.proxy.as_ref(),
            self.domain.base_url().scheme(),
            self.ca_cert_pem.is_some(),
        )
        .freeze_risk(&self.domain)
    }
}

/// The run's one HTTP client, built once the run options are checked.
pub(crate) fn prepare(config: &CheckConfig) -> Result<SfClient, InputError> {
    if !config.domain.is_trusted() && !config.allow_untrusted_host {
        return Err(InputError::UntrustedHost {
            host: config.domain.host.clone(),
        });
    }
    if config.timeout.is_zero() {
        return Err(InputError::BadOption(
            "The timeout must be at least 1 second.".into(),
        ));
    }
    let client = SfClient::new(&config.domain, &config.client_options()).map_err(|e| match e {
        BuildError::BadCaCert(reason) => {
            InputError::BadCaCert(reason.trim_start_matches(": ").to_string())
        }
        BuildError::Setup(reason) => InputError::BadOption(reason),
    })?;
    client.remember(&config.secret);
    Ok(client)
}
