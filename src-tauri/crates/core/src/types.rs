//! The serialisable result types of a check run. They are the CLI's `--json` contract and the
//! IPC payloads of the desktop app; the app generates TypeScript from them
//! with ts-rs, so renaming a field here is a breaking change for both.

use crate::codes::{BodyKind, DiagnosisCode};
use crate::domain::DomainKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The steps of a run, in the order the UI lists them.
#[derive(
    Serialize,
    Deserialize,
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    TS,
    strum::EnumCount,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum StepId {
    /// Normalise the pasted domain; refuse login/test hosts before sending anything.
    Domain,
    /// `GET /services/data/` without auth: resolves, TLS valid, is Salesforce, latest version.
    Reachability,
    /// `POST /services/oauth2/token` with `grant_type=client_credentials`.
    Token,
    /// HMAC-SHA256 of `id + issued_at` with the consumer secret (a mismatch is a warning).
    Signature,
    /// Who the integration runs as (userinfo, else the `id` URL, else ids parsed from `id`).
    Identity,
    /// A cheap authenticated REST call proving the `api` scope and API Enabled.
    ApiAccess,
    /// Describe the test object and work out its required fields.
    Describe,
    /// Create the test record.
    Create,
    /// Read the test record back.
    Read,
    /// Delete the test record (always attempted once a record was created).
    Delete,
    /// Revoke the access token.
    Revoke,
}

impl StepId {
    /// Every step, in order (its length is the number of variants, so none can be left out).
    pub const ALL: [StepId; <StepId as strum::EnumCount>::COUNT] = [
        StepId::Domain,
        StepId::Reachability,
        StepId::Token,
        StepId::Signature,
        StepId::Identity,
        StepId::ApiAccess,
        StepId::Describe,
        StepId::Create,
        StepId::Read,
        StepId::Delete,
        StepId::Revoke,
    ];

    /// The step's name as the admin reads it, e.g. "Get an access token".
    pub fn label(self) -> &'static str {
        match self {
            StepId::Domain => "Understand the My Domain",
            StepId::Reachability => "Reach the org",
            StepId::Token => "Get an access token",
            StepId::Signature => "Verify the token signature",
            StepId::Identity => "Find the Run As user",
            StepId::ApiAccess => "Call the REST API",
            StepId::Describe => "Describe the test object",
            StepId::Create => "Create the test record",
            StepId::Read => "Read the test record back",
            StepId::Delete => "Delete the test record",
            StepId::Revoke => "Revoke the access token",
        }
    }

    /// The stable identifier used in JSON (`"api_access"`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Pending,
    Running,
    Passed,
    Failed,
    Skipped,
}

/// One step's state. Sent as progress while the run goes, and kept in the final report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct StepResult {
    pub id: StepId,
    pub status: StepStatus,
    /// Wall time of the step in milliseconds, once it has finished.
    #[ts(type = "number | null")]
    pub ms: Option<u64>,
    /// One line for the admin: "v68.0 (Winter '27)", "integration@acme.com", "001… created".
    pub summary: Option<String>,
    /// A warning code from the catalog (e.g. `signature_mismatch`) on a step that still passed.
    pub warning: Option<DiagnosisCode>,
}

impl StepResult {
    pub fn pending(id: StepId) -> Self {
        StepResult {
            id,
            status: StepStatus::Pending,
            ms: None,
            summary: None,
            warning: None,
        }
    }
}

/// Raw evidence behind a diagnosis: what Salesforce actually answered (secrets masked).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct RawDetails {
    /// HTTP status, when there was a response at all.
    pub status: Option<u16>,
    pub content_type: Option<String>,
    /// The body, secrets and tokens replaced by `****`, cut to a few KiB.
    pub body: String,
    /// How the body was read.
    pub body_kind: BodyKind,
    /// The request that got this answer, e.g. "POST /services/oauth2/token" (never its values).
    pub request: Option<String>,
}

/// A failure explained: one entry of the catalog, with the Setup link made for this org.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct Diagnosis {
    /// Stable identifier, e.g. `run_as_user_missing` (used by tools; never renamed).
    pub code: DiagnosisCode,
    pub title: String,
    pub cause: String,
    /// Numbered fix steps, in order.
    pub fix: Vec<String>,
    /// The exact Setup page in the admin's org, when the domain is known.
    pub setup_url: Option<String>,
    /// What the Setup link opens, e.g. "External Client App Manager".
    pub setup_label: Option<String>,
    pub doc_url: Option<String>,
    /// The step that failed.
    pub step: Option<StepId>,
    pub details: Option<RawDetails>,
    /// False when nothing in the app or the org's setup needs to change (a maintenance
    /// window): still a failure, but shown as "not a configuration problem". Reports saved
    /// before this field existed read as true.
    #[serde(default = "crate::catalog::configuration_problem_default")]
    pub configuration_problem: bool,
}

/// A warning: the run still passed, but something deserves a look.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct Warning {
    pub code: DiagnosisCode,
    pub title: String,
    pub detail: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum IdentitySource {
    /// `/services/oauth2/userinfo` (needs the openid scope).
    Userinfo,
    /// The `id` URL from the token response, called on the My Domain host.
    IdUrl,
    /// Only the org and user ids parsed from the token's `id` field.
    TokenId,
}

/// The Run As user the integration acts as.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct Identity {
    pub username: Option<String>,
    pub user_id: String,
    pub org_id: String,
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub is_integration_user: Option<bool>,
    pub user_type: Option<String>,
    pub active: Option<bool>,
    pub source: IdentitySource,
}

/// `Sforce-Limit-Info: api-usage=USED/MAX`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
pub struct ApiUsage {
    #[ts(type = "number")]
    pub used: u64,
    #[ts(type = "number")]
    pub max: u64,
}

/// What the run learnt about the org and the token.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct OrgSummary {
    /// Canonical My Domain host (or loopback host:port for the simulated org).
    pub host: String,
    pub kind: DomainKind,
    /// The API version used, e.g. "68.0".
    pub api_version: Option<String>,
    /// Its release label, e.g. "Winter '27".
    pub api_release: Option<String>,
    /// The newest version the org offers (it differs from `api_version` when the profile asks
    /// for another one).
    #[serde(default)]
    pub latest_api_version: Option<String>,
    pub instance_url: Option<String>,
    pub api_usage: Option<ApiUsage>,
    /// The token's scopes, when the token response or introspection names them.
    pub scopes: Option<Vec<String>>,
    /// "Bearer" or "DPoP".
    pub token_type: Option<String>,
}

/// A field the describe says must be supplied on create.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct RequiredField {
    pub name: String,
    pub label: String,
    /// Salesforce field type: "string", "picklist", "double", "date", "reference", …
    pub field_type: String,
    /// The value the run used (the admin's, or one made up from the type).
    pub value: Option<String>,
    /// For picklists: the active values.
    pub picklist_values: Vec<String>,
}

/// The test record: what was sent, and what happened to it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct RecordOutcome {
    pub object: String,
    pub id: Option<String>,
    /// Lightning link to the record (`https://HOST/lightning/r/OBJECT/ID/view`).
    pub url: Option<String>,
    /// The field values sent on create.
    pub fields: BTreeMap<String, String>,
    pub required_fields: Vec<RequiredField>,
    pub created: bool,
    pub read_back: bool,
    pub deleted: bool,
    /// The admin asked to keep it (not deleted on purpose).
    pub kept: bool,
}

/// The version of the report's JSON shape; raised when a field changes meaning or goes away.
pub const REPORT_SCHEMA_VERSION: u32 = 1;

/// The whole result of one run: the CLI's `--json` document and the UI's final payload.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct CheckReport {
    /// [`REPORT_SCHEMA_VERSION`] of the document.
    pub schema_version: u32,
    /// The version of ECA Preflight that ran the check.
    pub tool_version: String,
    /// True when no step failed (warnings allowed).
    pub ok: bool,
    /// The run was cancelled by the admin (the record cleanup still ran).
    pub cancelled: bool,
    pub steps: Vec<StepResult>,
    pub diagnosis: Option<Diagnosis>,
    pub warnings: Vec<Warning>,
    pub identity: Option<Identity>,
    pub record: Option<RecordOutcome>,
    /// The token was not revoked because the run cannot prove it is its own (null: revoked,
    /// kept as asked, or none was issued).
    pub token_kept: Option<TokenKept>,
    pub org: Option<OrgSummary>,
    /// How the org was reached: the proxy (host only) and whether an extra CA was trusted.
    pub network: crate::network::NetworkSummary,
    /// The consumer key, shortened (`3MVG9…WXYZ`).
    pub client_id_masked: String,
    /// RFC 3339 UTC time the run started.
    pub started_at: String,
    #[ts(type = "number")]
    pub total_ms: u64,
}

/// A token the run kept rather than revoke: Salesforce may hand a grant the session an earlier
/// grant received (the live integration's), and revoking that would sign its client out.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct TokenKept {
    /// True: Salesforce issued it before this run (another client shares the session); false:
    /// the answer did not say when, so nothing can be proved either way.
    pub shared: bool,
    /// When Salesforce issued it (RFC 3339 UTC), when the answer said.
    pub issued_at: Option<String>,
    /// Why, in an admin's words.
    pub reason: String,
}

/// This build's version, as reports name it.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// An object the Run As user can create, for the test-record picker.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct ObjectInfo {
    pub name: String,
    pub label: String,
    pub custom: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_once_in_order_named_as_in_json() {
        // Strictly increasing in declaration order: each step once, none out of place.
        assert!(StepId::ALL.windows(2).all(|w| w[0] < w[1]));
        for step in StepId::ALL {
            assert_eq!(serde_json::json!(step), step.as_str());
        }
    }
}
