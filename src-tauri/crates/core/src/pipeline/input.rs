//! Checks on the input that need no network: anything refused here was never sent anywhere.

use super::CheckConfig;
use crate::catalog;
use crate::client::{BuildError, ClientOptions, SfClient};
use crate::domain::{parse_domain, DomainError, OrgDomain};
use crate::types::{Diagnosis, StepId};

/// Bad input, found before any request is sent (CLI exit 2).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}")]
    Domain(DomainError),
    #[error("Enter the consumer key of the External Client App.")]
    MissingClientId,
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
    pub fn code(&self) -> &'static str {
        match self {
            InputError::Domain(e) => e.code(),
            InputError::MissingClientId => "client_id_missing",
            InputError::MissingSecret => "client_secret_missing",
            InputError::UntrustedHost { .. } => "untrusted_host",
            InputError::BadCaCert(_) => "ca_cert_invalid",
            InputError::BadOption(_) => "bad_option",
        }
    }

    /// The catalog entry when there is one (e.g. `not_my_domain` with its fix), else a
    /// diagnosis made from the message itself.
    pub fn diagnosis(&self) -> Diagnosis {
        let code = self.code();
        if catalog::entry(code).is_some() {
            let mut d = catalog::diagnose(code, None, Some(StepId::Domain), None);
            if let InputError::Domain(DomainError::Invalid { reason }) = self {
                d.cause = format!("{} {reason}", d.cause);
            }
            return d;
        }
        let fix = match self {
            InputError::Domain(_) => vec![
                "Copy the My Domain from Setup → My Domain → Current My Domain URL.".to_string(),
            ],
            InputError::MissingClientId | InputError::MissingSecret => vec![
                "Open the External Client App Manager, pick the app, Settings → OAuth Settings → Consumer Key and Secret.".to_string(),
            ],
            InputError::UntrustedHost { .. } => vec![
                "Check the domain: Salesforce My Domain hosts end in my.salesforce.com.".to_string(),
                "If this host is right (e.g. a proxy you run), confirm it explicitly.".to_string(),
            ],
            InputError::BadCaCert(_) => {
                vec!["Give a PEM file holding the root certificate (-----BEGIN CERTIFICATE-----).".to_string()]
            }
            InputError::BadOption(_) => vec!["Correct the value and run the check again.".to_string()],
        };
        Diagnosis {
            code: code.to_string(),
            title: "The check cannot start".to_string(),
            cause: self.to_string(),
            fix,
            setup_url: None,
            setup_label: None,
            doc_url: None,
            step: Some(StepId::Domain),
            details: None,
        }
    }
}

/// Everything validated, and the run's one HTTP client built.
pub(crate) struct Prepared {
    pub domain: OrgDomain,
    pub client: SfClient,
    /// "68.0", or None for the latest.
    pub api_version: Option<String>,
}

pub(crate) fn prepare(config: &CheckConfig) -> Result<Prepared, InputError> {
    let domain = parse_domain(&config.domain).map_err(InputError::Domain)?;
    if config.client_id.trim().is_empty() {
        return Err(InputError::MissingClientId);
    }
    if config.secret.expose().trim().is_empty() {
        return Err(InputError::MissingSecret);
    }
    if !domain.is_trusted() && !config.allow_untrusted_host {
        return Err(InputError::UntrustedHost { host: domain.host });
    }
    if !is_api_name(&config.object) {
        return Err(InputError::BadOption(format!(
            "\"{}\" is not an object API name (letters, digits and _ only, e.g. Account).",
            config.object
        )));
    }
    if let Some(name) = config.fields.keys().find(|k| !is_api_name(k)) {
        return Err(InputError::BadOption(format!(
            "\"{name}\" is not a field API name (e.g. Name or Region__c)."
        )));
    }
    let api_version = normalize_version(config.api_version.as_deref())?;
    if config.timeout.is_zero() {
        return Err(InputError::BadOption(
            "The timeout must be at least 1 second.".into(),
        ));
    }
    let mut options = ClientOptions::new(config.timeout);
    options.ca_cert_pem = config.ca_cert_pem.clone();
    let client = SfClient::new(&domain, &options).map_err(|e| match e {
        BuildError::BadCaCert(reason) => {
            InputError::BadCaCert(reason.trim_start_matches(": ").to_string())
        }
        BuildError::Setup(reason) => InputError::BadOption(reason),
    })?;
    Ok(Prepared {
        domain,
        client,
        api_version,
    })
}

/// "latest" / None → None; "v68.0", "68", "68.0" → "68.0".
fn normalize_version(version: Option<&str>) -> Result<Option<String>, InputError> {
    let Some(v) = version.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if v.eq_ignore_ascii_case("latest") {
        return Ok(None);
    }
    let digits = v.trim_start_matches(['v', 'V']);
    let (major, minor) = digits.split_once('.').unwrap_or((digits, "0"));
    let ok = !major.is_empty()
        && major.len() <= 3
        && major.chars().all(|c| c.is_ascii_digit())
        && minor == "0";
    if !ok {
        return Err(InputError::BadOption(format!(
            "\"{v}\" is not an API version; use \"latest\" or e.g. 68.0."
        )));
    }
    Ok(Some(format!("{major}.0")))
}

fn is_api_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 80
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_normalised() {
        assert_eq!(normalize_version(None).unwrap(), None);
        assert_eq!(normalize_version(Some("latest")).unwrap(), None);
        assert_eq!(
            normalize_version(Some("v68.0")).unwrap().as_deref(),
            Some("68.0")
        );
        assert_eq!(
            normalize_version(Some("66")).unwrap().as_deref(),
            Some("66.0")
        );
        assert!(normalize_version(Some("68.1")).is_err());
        assert!(normalize_version(Some("../x")).is_err());
    }

    #[test]
    fn api_names_cannot_escape_the_path() {
        assert!(is_api_name("Account"));
        assert!(is_api_name("Region__c"));
        assert!(!is_api_name("Account/../x"));
        assert!(!is_api_name("_x"));
        assert!(!is_api_name(""));
    }
}
