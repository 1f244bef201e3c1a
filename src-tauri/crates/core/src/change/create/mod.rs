//! A new External Client App for the Client Credentials flow, in two Metadata API deploys:
//! the app, its OAuth settings and its global OAuth settings first; its OAuth policies (the
//! flow on, the Run As user) second — Salesforce refuses policies of an app that does not exist
//! yet. Before anything is deployed: the name is valid and free, the Run As user exists, is
//! active and has API Enabled. Afterwards the new pair is read back through Connect REST.

mod deploy;

pub use deploy::{create_app, finish_app, remove_app};

use super::metadata::MetadataError;
use super::package::{Component, ComponentKind};
use super::users::{OrgKind, QueryError, RunAsUser};
use super::Session;
use crate::client::ClientOptions;
use crate::inspect::{AdminLogin, InspectError};
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The callback URL a Client Credentials app never uses but Salesforce requires.
pub const DEFAULT_CALLBACK: &str = "https://login.salesforce.com/services/oauth2/success";
/// The longest API name accepted (its components add `_glbloauth`).
const MAX_NAME: usize = 40;

/// What the admin asks for.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct NewApp {
    /// The API name (letters, digits, single underscores; starts with a letter).
    pub name: String,
    /// Empty: the API name with spaces for underscores.
    pub label: String,
    /// Empty: the Run As user's username.
    pub contact_email: String,
    pub run_as: String,
    /// Empty: `Api`.
    pub scopes: Vec<String>,
}

impl NewApp {
    pub fn new(name: &str, run_as: &str) -> NewApp {
        NewApp {
            name: name.trim().to_string(),
            label: String::new(),
            contact_email: String::new(),
            run_as: run_as.trim().to_string(),
            scopes: Vec::new(),
        }
    }

    fn label(&self) -> String {
        match self.label.trim() {
            "" => self.name.replace('_', " "),
            label => label.to_string(),
        }
    }

    fn scopes(&self) -> String {
        if self.scopes.is_empty() {
            "Api".into()
        } else {
            self.scopes.join(",")
        }
    }
}

/// One component the plan makes, with its settings.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct PlannedComponent {
    /// 1 or 2: the deploy it goes in.
    pub phase: u8,
    pub component: Component,
}

/// What `create_app` will make, for the confirmation.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct CreatePlan {
    pub app: String,
    pub host: String,
    pub org_kind: OrgKind,
    pub run_as: RunAsUser,
    pub components: Vec<PlannedComponent>,
}

impl CreatePlan {
    /// The components of one deploy.
    pub fn phase(&self, phase: u8) -> Vec<Component> {
        self.components
            .iter()
            .filter(|c| c.phase == phase)
            .map(|c| c.component.clone())
            .collect()
    }
}

/// The app as made: its key, and its secret when the org let it be read.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct CreatedApp {
    pub name: String,
    /// The app's id (`apps/oauth/usage` identifier), empty when it could not be read.
    pub id: String,
    pub client_id: Option<String>,
    /// Never serialised: into the keychain, nowhere else.
    #[serde(skip)]
    #[ts(skip)]
    pub secret: Option<Secret>,
    /// Why the secret could not be read (the setting, the permission), and where the admin
    /// can copy it instead.
    pub secret_unavailable: Option<String>,
    /// The External Client App Manager: the app's Consumer Key and Secret are there.
    pub setup_url: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("'{name}' is not a valid API name: {why}")]
    InvalidName { name: String, why: String },
    #[error("An app named '{name}' already exists in the org: inspect it instead (eca-preflight-cli inspect), or choose another name.")]
    NameTaken { name: String },
    #[error(
        "The Run As user '{username}' {problem}. Choose an active user with API Enabled ({link})."
    )]
    RunAs {
        username: String,
        problem: String,
        link: String,
    },
    #[error("{0}")]
    Login(#[from] InspectError),
    #[error("Could not read the org's users: {0}")]
    Query(#[from] QueryError),
    #[error("Nothing was made: {0}")]
    Deploy(MetadataError),
    #[error("The app was only half made. It exists now: {}. Its OAuth policies were refused: {failures}. Finish it (deploy the policies again, e.g. with another Run As user) or remove it.", .exists.join(", "))]
    HalfDone {
        exists: Vec<String>,
        failures: String,
    },
    #[error("The app was not found after the deploy: {0}")]
    NotFound(String),
}

/// Why `name` cannot be an API name (None: it can).
pub fn name_problem(name: &str) -> Option<String> {
    let problem = if name.is_empty() {
        "it is empty"
    } else if name.len() > MAX_NAME {
        "it is longer than 40 characters"
    } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        "it must start with a letter"
    } else if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        "only letters, digits and underscores are allowed"
    } else if name.contains("__") || name.ends_with('_') {
        "it may not hold two underscores in a row or end with one"
    } else {
        return None;
    };
    Some(problem.to_string())
}

/// The first deploy: the app, its OAuth settings, its global OAuth settings.
pub fn phase1(app: &NewApp, run_as: &RunAsUser) -> Vec<Component> {
    let name = app.name.as_str();
    let label = app.label();
    let email = match app.contact_email.trim() {
        "" => run_as.username.clone(),
        e => e.to_string(),
    };
    let f = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let scopes = app.scopes();
    vec![
        Component::new(
            ComponentKind::ExternalClientApplication,
            name,
            f(&[
                ("contactEmail", &email),
                ("distributionState", "Local"),
                ("isProtected", "false"),
                ("label", &label),
            ]),
        ),
        Component::new(
            ComponentKind::ExtlClntAppOauthSettings,
            &ComponentKind::ExtlClntAppOauthSettings.full_name(name),
            f(&[
                ("commaSeparatedOauthScopes", &scopes),
                ("externalClientApplication", name),
                ("label", &label),
            ]),
        ),
        Component::new(
            ComponentKind::ExtlClntAppGlobalOauthSettings,
            &ComponentKind::ExtlClntAppGlobalOauthSettings.full_name(name),
            f(&[
                ("callbackUrl", DEFAULT_CALLBACK),
                ("externalClientApplication", name),
                ("isClientCredentialsFlowEnabled", "true"),
                ("isConsumerSecretOptional", "false"),
                ("isPkceRequired", "true"),
                ("label", &label),
            ]),
        ),
    ]
}

/// The second deploy: the OAuth policies, the flow on and run as `run_as`, pre-authorized for
/// `profile` (the Run As user's).
pub fn phase2(name: &str, label: &str, run_as: &str, profile: &str) -> Vec<Component> {
    let kind = ComponentKind::ExtlClntAppOauthConfigurablePolicies;
    let fields = [
        ("clientCredentialsFlowUser", run_as),
        ("commaSeparatedProfile", profile),
        ("externalClientApplication", name),
        ("ipRelaxationPolicyType", "Enforce"),
        ("isClientCredentialsFlowEnabled", "true"),
        ("label", label),
        ("permittedUsersPolicyType", "AdminApprovedPreAuthorized"),
    ];
    vec![Component::new(
        kind,
        &kind.full_name(name),
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )]
}

/// The plan without an org: for `--package-dir` with the Run As user's profile given.
pub fn offline_plan(app: &NewApp, run_as_profile: &str) -> CreatePlan {
    let run_as = RunAsUser {
        id: String::new(),
        username: app.run_as.clone(),
        name: None,
        profile: Some(run_as_profile.to_string()),
        active: true,
        api_enabled: true,
    };
    plan_of(app, run_as, String::new(), OrgKind::Unknown)
}

fn plan_of(app: &NewApp, run_as: RunAsUser, host: String, org_kind: OrgKind) -> CreatePlan {
    let mut components: Vec<PlannedComponent> = phase1(app, &run_as)
        .into_iter()
        .map(|component| PlannedComponent {
            phase: 1,
            component,
        })
        .collect();
    let profile = run_as.profile.clone().unwrap_or_default();
    components.extend(
        phase2(&app.name, &app.label(), &run_as.username, &profile)
            .into_iter()
            .map(|component| PlannedComponent {
                phase: 2,
                component,
            }),
    );
    CreatePlan {
        app: app.name.clone(),
        host,
        org_kind,
        run_as,
        components,
    }
}

/// Checks a Run As user: exists, active, API Enabled.
pub(crate) fn run_as_problem(
    login: &AdminLogin,
    username: &str,
    user: Option<&RunAsUser>,
) -> Result<(), CreateError> {
    let problem = match user {
        None => "does not exist (Run As takes a username, not an email)",
        Some(u) if !u.active => "is inactive",
        Some(u) if !u.api_enabled => {
            "does not have API Enabled (on their profile or a permission set)"
        }
        Some(_) => return Ok(()),
    };
    Err(CreateError::RunAs {
        username: username.to_string(),
        problem: problem.to_string(),
        link: super::users_setup_link(login),
    })
}

pub(super) async fn plan_in(session: &Session, app: &NewApp) -> Result<CreatePlan, CreateError> {
    if let Some(why) = name_problem(&app.name) {
        return Err(CreateError::InvalidName {
            name: app.name.clone(),
            why,
        });
    }
    let existing = session
        .list(ComponentKind::ExternalClientApplication)
        .await
        .map_err(CreateError::Deploy)?;
    if existing.iter().any(|n| n.eq_ignore_ascii_case(&app.name)) {
        return Err(CreateError::NameTaken {
            name: app.name.clone(),
        });
    }
    let user = session.user(&app.run_as).await?;
    run_as_problem(&session.login, &app.run_as, user.as_ref())?;
    let Some(user) = user else {
        return Err(CreateError::NotFound(app.run_as.clone()));
    };
    let kind = session.org_kind().await;
    Ok(plan_of(app, user, session.login.domain.host.clone(), kind))
}

/// What will be made, checked against the org (nothing changes).
pub async fn plan_create(
    login: &AdminLogin,
    app: &NewApp,
    options: &ClientOptions,
) -> Result<CreatePlan, CreateError> {
    let session = Session::open(login, options).await?;
    plan_in(&session, app).await
}

/// The users a Run As picker offers: active, API Enabled.
pub async fn users_for_run_as(
    login: &AdminLogin,
    options: &ClientOptions,
) -> Result<Vec<RunAsUser>, CreateError> {
    let session = Session::open(login, options).await?;
    Ok(session.run_as_candidates().await?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_as_salesforce_checks_api_names() {
        assert_eq!(name_problem("Acme_Sync"), None);
        for bad in [
            "",
            "1Acme",
            "Acme Sync",
            "Acme__c",
            "Acme_",
            &"A".repeat(41),
        ] {
            assert!(name_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn the_plan_is_the_contracts_two_phases() {
        let mut app = NewApp::new("Acme_Sync", "int@acme.example");
        app.contact_email = "ops@acme.example".into();
        let plan = offline_plan(&app, "Minimum Access - API Only Integrations");
        let one = plan.phase(1);
        assert_eq!(one.len(), 3);
        assert_eq!(one[0].get("distributionState"), Some("Local"));
        assert_eq!(one[0].get("label"), Some("Acme Sync"));
        assert_eq!(one[1].get("commaSeparatedOauthScopes"), Some("Api"));
        assert_eq!(one[2].get("isClientCredentialsFlowEnabled"), Some("true"));
        assert_eq!(one[2].full_name, "Acme_Sync_glbloauth");
        let two = plan.phase(2);
        assert_eq!(two.len(), 1);
        assert_eq!(two[0].full_name, "Acme_Sync_oauthPlcy");
        assert_eq!(
            two[0].get("clientCredentialsFlowUser"),
            Some("int@acme.example")
        );
        assert_eq!(
            two[0].get("commaSeparatedProfile"),
            Some("Minimum Access - API Only Integrations")
        );
        assert_eq!(
            two[0].get("permittedUsersPolicyType"),
            Some("AdminApprovedPreAuthorized")
        );
    }
}
