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
//! - [`token`]    — a token for other tools, revoked afterwards.
//! - [`many`]     — several orgs, a few at a time (check every profile).
//! - [`waiting`]  — run again while Salesforce applies a recent change.

mod access;
mod cleanup;
pub(crate) mod clock;
mod composite;
mod failure;
mod identity;
mod input;
mod lists;
mod many;
mod org;
mod ownership;
mod progress;
mod record;
mod run;
mod token;
mod waiting;

pub use cleanup::{clean_up, Cleaned};
pub use input::InputError;
pub use lists::{describe_required, list_objects, ListError};
pub use many::{check_many, ManyOutcome, AT_ONCE};
pub use run::run_check;
pub use token::{issue_token, IssuedToken};
pub use waiting::{run_waiting, Retry, KEEP_TRYING};

use crate::client::ClientOptions;
use crate::domain::{parse_domain, OrgDomain};
use crate::profiles::{Profile, Target};
use crate::salesforce::{ApiName, VersionChoice};
use crate::secret::Secret;
use std::collections::BTreeMap;
use std::time::Duration;

/// The default per-request timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// Everything one run needs, parsed: holding a `CheckConfig` means the domain, names and version
/// were accepted. The secret stays a [`Secret`]: never printed or serialised.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    pub domain: OrgDomain,
    /// Trimmed, never empty.
    pub client_id: String,
    /// Never empty.
    pub secret: Secret,
    pub api_version: VersionChoice,
    /// The test record's object (default Account).
    pub object: ApiName,
    /// The admin's field values for the test record.
    pub fields: BTreeMap<ApiName, String>,
    /// False: the record steps are skipped (CLI `--no-record`).
    pub create_record: bool,
    /// True: create and read, but leave the record in the org (`record.kept`).
    pub keep_record: bool,
    /// True: the token is not revoked at the end.
    pub keep_token: bool,
    /// An extra trusted root certificate (PEM), e.g. the simulated org's `--tls` CA or a
    /// company's HTTPS-inspection root; trusted besides the OS store and the bundled roots.
    pub ca_cert_pem: Option<Vec<u8>>,
    /// Every request through this proxy; None: the environment's (`HTTPS_PROXY`, …), if any.
    pub proxy: Option<crate::network::ProxySetting>,
    /// Per request.
    pub timeout: Duration,
    /// A host that is neither Salesforce nor loopback is refused unless the admin confirmed it.
    pub allow_untrusted_host: bool,
    /// Where the test record is written down before its create is sent (none: not journaled).
    pub journal: Option<std::sync::Arc<crate::journal::Journal>>,
    /// The profile this run is of, for the journal.
    pub profile_id: Option<String>,
}

impl CheckConfig {
    /// The one way from a saved (or command-line) profile to a run: the same rules as a profile
    /// save, so whatever saves also runs (the CA file is read here). The run options outside a
    /// profile (`keep_token`, `timeout`, `allow_untrusted_host`, the proxy password) start at
    /// their defaults.
    pub fn from_profile(profile: &Profile, secret: Secret) -> Result<CheckConfig, InputError> {
        let (domain, client_id) = org_of(profile)?;
        if secret.expose().trim().is_empty() {
            return Err(InputError::MissingSecret);
        }
        let (api_version, object) = version_and_object(profile)?;
        let bad = |e: crate::salesforce::NameError| InputError::BadOption(e.to_string());
        let fields = profile
            .fields
            .iter()
            .map(|(name, value)| Ok((ApiName::field(name).map_err(bad)?, value.clone())))
            .collect::<Result<BTreeMap<_, _>, InputError>>()?;
        let OrgConnection {
            proxy, ca_cert_pem, ..
        } = OrgConnection::of(profile)?;
        Ok(CheckConfig {
            domain,
            client_id,
            secret,
            api_version,
            object,
            fields,
            create_record: profile.create_record,
            keep_record: profile.keep_record && profile.create_record,
            keep_token: false,
            ca_cert_pem,
            proxy,
            timeout: DEFAULT_TIMEOUT,
            allow_untrusted_host: false,
            journal: None,
            profile_id: None,
        })
    }
}

/// The org and key of a profile, parsed as a run parses them (snippets use this too: they need
/// no secret).
pub fn org_of(profile: &Profile) -> Result<(OrgDomain, String), InputError> {
    let Some(typed) = profile.target.domain() else {
        return Err(InputError::BadOption(
            "A practice profile runs in the desktop app, against its built-in practice org.".into(),
        ));
    };
    let domain = parse_domain(typed).map_err(InputError::Domain)?;
    let client_id = crate::salesforce::client_id(&profile.client_id)
        .map_err(|e| InputError::BadClientId(e.to_string()))?;
    if client_id.is_empty() {
        return Err(InputError::MissingClientId);
    }
    Ok((domain, client_id.to_string()))
}

/// How a profile reaches its org, without its app's key and secret: what an admin's login
/// needs (setting up an app the profile has no key of yet).
#[derive(Debug, Clone)]
pub struct OrgConnection {
    pub domain: OrgDomain,
    pub ca_cert_pem: Option<Vec<u8>>,
    /// Without the proxy user's password (it is in the keychain).
    pub proxy: Option<crate::network::ProxySetting>,
}

impl OrgConnection {
    /// The profile's org, proxy and extra CA, checked as a run checks them.
    pub fn of(profile: &Profile) -> Result<OrgConnection, InputError> {
        let Some(typed) = profile.target.domain() else {
            return Err(InputError::BadOption(
                "A practice profile runs in the desktop app, against its built-in practice org."
                    .into(),
            ));
        };
        let domain = parse_domain(typed).map_err(InputError::Domain)?;
        let proxy = match profile.proxy.trim() {
            "" => None,
            text => Some(
                crate::network::ProxySetting::parse(text)
                    .map_err(|e| InputError::BadOption(e.to_string()))?,
            ),
        };
        let ca_cert_pem = match profile.ca_cert_file.trim() {
            "" => None,
            path => Some(
                std::fs::read(path)
                    .map_err(|e| InputError::BadCaCert(format!("cannot read {path}: {e}")))?,
            ),
        };
        Ok(OrgConnection {
            domain,
            ca_cert_pem,
            proxy,
        })
    }

    /// The client options of an admin's calls (the run's default timeout).
    pub fn client_options(&self) -> ClientOptions {
        let mut options = ClientOptions::new(DEFAULT_TIMEOUT);
        options.ca_cert_pem = self.ca_cert_pem.clone();
        options.proxy = self.proxy.clone();
        options
    }
}

/// The API version and test object of a profile, parsed as a run parses them.
pub fn version_and_object(profile: &Profile) -> Result<(VersionChoice, ApiName), InputError> {
    let bad = |e: crate::salesforce::NameError| InputError::BadOption(e.to_string());
    let api_version = VersionChoice::parse(&profile.api_version).map_err(bad)?;
    let object = match profile.object.trim() {
        "" => ApiName::account(),
        name => ApiName::object(name).map_err(bad)?,
    };
    Ok((api_version, object))
}

impl CheckConfig {
    /// A run with the default settings for `domain` (as typed), `client_id` and `secret`.
    pub fn new(domain: &str, client_id: &str, secret: Secret) -> Result<CheckConfig, InputError> {
        let profile = Profile {
            target: Target::Org {
                domain: domain.to_string(),
            },
            client_id: client_id.to_string(),
            ..Profile::default()
        };
        Self::from_profile(&profile, secret)
    }
}
