//! The check run: domain → reachability ∥ token → signature → identity ∥ API access ∥ describe
//! → create → read → delete → revoke, with progress per step, cancellation at step boundaries
//! and guaranteed cleanup (the test record is deleted and the token revoked whatever fails).
//!
//! - [`input`]    — bad input found before anything is sent (`InputError`, CLI exit 2).
//! - [`progress`] — step states, timing and the first failure in step order.
//! - [`failure`]  — a failed answer → catalog code, one-line summary, masked details.
//! - [`org`]      — reachability, token, signature, revoke (the OAuth side).
//! - [`identity`], [`access`] — who the token runs as; whether the REST API answers.
//! - [`record`]   — describe, required-field values, create / read / delete.
//! - [`run`]      — the orchestration of one run; [`lists`] — object picker and record form.

mod access;
mod clock;
mod failure;
mod identity;
mod input;
mod lists;
mod org;
mod progress;
mod record;
mod run;

pub use input::InputError;
pub use lists::{describe_required, list_objects, ListError};
pub use run::run_check;

use crate::secret::Secret;
use std::collections::BTreeMap;
use std::time::Duration;

/// The default per-request timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// Everything one run needs. The secret stays a [`Secret`]: never printed or serialised.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    /// As the admin typed it; parsed by `domain::parse_domain`.
    pub domain: String,
    pub client_id: String,
    pub secret: Secret,
    /// None or "latest" → the newest version from `GET /services/data/`; else "68.0" / "v68.0".
    pub api_version: Option<String>,
    /// The test record's object (default "Account").
    pub object: String,
    /// The admin's field values for the test record.
    pub fields: BTreeMap<String, String>,
    /// False: the record steps are skipped (CLI `--no-record`).
    pub create_record: bool,
    /// True: create and read, but leave the record in the org (`record.kept`).
    pub keep_record: bool,
    /// True: the token is not revoked at the end.
    pub keep_token: bool,
    /// An extra trusted root certificate (PEM), e.g. the simulated org's `--tls` CA.
    pub ca_cert_pem: Option<Vec<u8>>,
    /// Per request.
    pub timeout: Duration,
    /// A host that is neither Salesforce nor loopback is refused unless the admin confirmed it.
    pub allow_untrusted_host: bool,
}

impl CheckConfig {
    pub fn new(domain: impl Into<String>, client_id: impl Into<String>, secret: Secret) -> Self {
        CheckConfig {
            domain: domain.into(),
            client_id: client_id.into(),
            secret,
            api_version: None,
            object: "Account".into(),
            fields: BTreeMap::new(),
            create_record: true,
            keep_record: false,
            keep_token: false,
            ca_cert_pem: None,
            timeout: DEFAULT_TIMEOUT,
            allow_untrusted_host: false,
        }
    }
}
