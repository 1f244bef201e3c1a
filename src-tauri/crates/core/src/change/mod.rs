//! Changes made with the admin's login: create an External Client App for the Client
//! Credentials flow (`create`), mend its own settings (`fix`), rotate its consumer key and
//! secret (`rotate`). Each change is shown before it is made (a plan), made through the
//! Metadata API (`metadata`, `package`) or the Connect REST credentials API (`credentials`),
//! and written to the org-changes ledger (`ledger`). Nothing here prints a secret: a consumer
//! secret read from the org is a [`crate::Secret`] handed to the caller, never written to a
//! package, a log or the ledger.

pub mod create;
pub mod credentials;
pub mod fix;
pub mod ledger;
pub mod metadata;
pub mod package;
pub mod rotate;
pub mod users;

use crate::client::{ClientOptions, SfClient};
use crate::inspect::{AdminLogin, InspectError};
use crate::salesforce::services::ApiVersion;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a change is doing now, for a progress line or the app's progress view.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeProgress {
    /// A read before anything changes (the name, the Run As user, the org).
    Checking { what: String },
    /// A deploy was sent or polled: Salesforce's status (Queued, Pending, InProgress, …).
    Deploying {
        what: String,
        id: String,
        status: String,
        polls: u32,
    },
    /// A Connect REST call on the app's credentials.
    Credentials { what: String },
    /// The staged pair is being proven with a real token and a REST call.
    Proving { what: String },
}

/// The admin's session for changes: the client, the login and the org's newest API version.
pub(crate) struct Session {
    pub client: SfClient,
    pub login: AdminLogin,
    pub version: ApiVersion,
}

impl Session {
    /// Refuses a host that is not Salesforce's (or loopback) before anything is sent.
    pub(crate) async fn open(
        login: &AdminLogin,
        options: &ClientOptions,
    ) -> Result<Session, InspectError> {
        if !login.domain.is_trusted() {
            return Err(InspectError::UntrustedHost {
                host: login.domain.host.clone(),
            });
        }
        let client = SfClient::new(&login.domain, options)?;
        client.remember(&login.token);
        let version = crate::inspect::latest_version(&client).await?;
        Ok(Session {
            client,
            login: login.clone(),
            version,
        })
    }
}

/// `https://HOST/lightning/setup/PATH`: a Setup page of the login's org.
pub(crate) fn setup_link(login: &AdminLogin, path: &str) -> String {
    login.domain.url(&format!("/lightning/setup/{path}"))
}

/// The Setup page listing users (Run As problems point there).
pub fn users_setup_link(login: &AdminLogin) -> String {
    setup_link(login, "ManageUsers/home")
}

/// The org setting's Setup page (REST access to consumer secrets).
pub fn eca_settings_link(login: &AdminLogin) -> String {
    setup_link(login, "ExternalClientApplicationSettings/home")
}

/// The External Client App Manager, where the admin can open the app's Consumer Key and Secret.
pub fn eca_manager_link(login: &AdminLogin) -> String {
    setup_link(login, "ManageExternalClientApplication/home")
}
