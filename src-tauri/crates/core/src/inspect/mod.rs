//! Inspection: read an External Client App's own configuration with an admin's login (a
//! Salesforce CLI session or a pasted access token) and name the exact setting that is wrong —
//! what a failed token can only narrow down to "one of three things".
//!
//! The admin's token is a [`Secret`] held in memory for the call only; the client masks it in
//! every answer. Nothing is written to the org.

mod batch;
pub mod findings;
pub mod history;
pub mod login;
mod reads;
mod rows;
mod sf;
pub(crate) mod soap;
pub mod words;

pub use findings::{AppKind, CheckStatus, Finding, FindingCode, InspectCheck, Severity};
pub use history::{LoginAttempt, LoginHistory};
pub use login::{AdminLogin, LoginError};

use crate::client::{BuildError, ClientError, ClientOptions, SfClient};
use crate::salesforce::services::{self, ApiVersion};
use crate::salesforce::wire::ApiVersionEntry;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The app inspection found for the key.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct InspectedApp {
    pub kind: AppKind,
    /// Its API name (DeveloperName, or a Connected App's full name).
    pub name: String,
    pub label: String,
    /// Empty for a Connected App (its metadata names no id).
    pub id: String,
    pub distribution_state: Option<String>,
    /// What the Policies tab's Run As field holds.
    pub run_as: Option<String>,
}

/// The CLI's `inspect --json` document and the app's Inspect view.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct Inspection {
    pub app: Option<InspectedApp>,
    /// Every check, passed or not, in the order to fix them.
    pub checks: Vec<InspectCheck>,
    pub findings: Vec<Finding>,
    /// The Run As user's newest logins, Salesforce's own words for each.
    pub login_history: LoginHistory,
}

impl Inspection {
    /// True when a finding is an error (warnings alone do not count).
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Why an inspection could not be made at all (not a finding about the app).
#[derive(Debug, thiserror::Error)]
pub enum InspectError {
    #[error(
        "{host} is not a Salesforce host: an admin login is only sent to one (or to loopback)."
    )]
    UntrustedHost { host: String },
    #[error("Salesforce refused the admin login ({detail}). Log in again (sf org login web --alias ALIAS) or paste a fresh access token.")]
    LoginRefused { detail: String },
    #[error("Could not reach the org: {0}")]
    Network(#[from] ClientError),
    #[error("{0}")]
    Client(#[from] BuildError),
    #[error("The org's answer to {request} was not what Salesforce sends (HTTP {status}).")]
    Unexpected { request: String, status: u16 },
}

/// The newest API version the org offers, e.g. 68.0.
pub(crate) async fn latest_version(client: &SfClient) -> Result<ApiVersion, InspectError> {
    let resp = client.get(services::VERSIONS, None).await?;
    let newest = resp
        .json::<Vec<ApiVersionEntry>>()
        .and_then(|list| ApiVersion::newest(&list));
    newest.ok_or(InspectError::Unexpected {
        request: resp.request.clone(),
        status: resp.status,
    })
}

/// Inspect the app that owns `consumer_key`, with the admin's login.
pub async fn inspect(
    login: &AdminLogin,
    consumer_key: &str,
    options: &ClientOptions,
) -> Result<Inspection, InspectError> {
    if !login.domain.is_trusted() {
        return Err(InspectError::UntrustedHost {
            host: login.domain.host.clone(),
        });
    }
    let client = SfClient::new(&login.domain, options)?;
    client.remember(&login.token);
    // The list and the describes go out together next: the second connection is opened now,
    // beside the versions, so that it pays no handshake then (the answer is not needed).
    let (version, _) = tokio::join!(
        latest_version(&client),
        client.get(services::VERSIONS, None)
    );
    let version = version?;
    let reader = reads::Reader {
        client: &client,
        token: &login.token,
        version,
    };
    let readings = reads::read_all(&reader, consumer_key.trim()).await?;
    let (checks, mut findings) = findings::evaluate(&readings, &login.domain);
    let login_history = history::apply(readings.login_history.clone(), &mut findings);
    let app = match &readings.app {
        findings::Source::Read(Some(row)) => Some(InspectedApp {
            kind: readings.kind,
            name: row.developer_name.clone(),
            label: row.label.clone(),
            id: row.id.clone(),
            distribution_state: row.distribution_state.clone(),
            run_as: match &readings.policy {
                findings::Source::Read(p) => p.run_as.clone(),
                _ => None,
            },
        }),
        _ => None,
    };
    tracing::info!(findings = findings.len(), "inspection done");
    Ok(Inspection {
        app,
        checks,
        findings,
        login_history,
    })
}
