//! Mend an External Client App's own settings from an inspection's findings: the flow off (in
//! the settings or the policies), Run As missing or not a username, `Api` scope missing, the
//! Run As user's profile not pre-authorized, IP relaxation. Each component is read with
//! `readMetadata` (credentials dropped), changed field by field and deployed whole. Findings
//! about users or permissions (inactive, API Enabled missing, …) are listed, never changed.

use super::create::run_as_problem;
use super::ledger::{self, ChangeKind, OrgChange, Record};
use super::metadata::{DeployOutcome, MetadataError};
use super::package::{Component, ComponentKind, Package};
use super::users::QueryError;
use super::{ChangeProgress, Session};
use crate::client::ClientOptions;
use crate::inspect::{AdminLogin, AppKind, Finding, FindingCode, InspectError, Inspection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One setting a fix changes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct SettingChange {
    /// The component's full name, e.g. `Acme_oauthPlcy`.
    pub component: String,
    pub kind: ComponentKind,
    /// The metadata element, e.g. `isClientCredentialsFlowEnabled`.
    pub setting: String,
    pub before: Option<String>,
    pub after: String,
    /// The finding it mends.
    pub mends: FindingCode,
}

/// What a fix would change, for the before → after sheet.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct FixPlan {
    pub app: String,
    pub host: String,
    pub changes: Vec<SettingChange>,
    /// Findings a change of the app's settings does not mend (users, permissions): each with
    /// its Setup link, never changed.
    pub listed_only: Vec<Finding>,
    /// What the admin must give for a change the plan could not make (e.g. a Run As username).
    pub needs: Vec<String>,
    /// The changed components, as they will be deployed (no credentials).
    pub components: Vec<Component>,
}

impl FixPlan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error("{0}")]
    Login(#[from] InspectError),
    #[error("The inspection found no app to fix.")]
    NoApp,
    #[error("'{0}' is a legacy Connected App: its settings are not changed here (new connected apps cannot be made since Spring '26). Fix it in Setup > App Manager, or create an External Client App (create-app).")]
    ConnectedApp(String),
    #[error("{0}")]
    Metadata(#[from] MetadataError),
    #[error("Could not read the org's users: {0}")]
    Query(#[from] QueryError),
    #[error("The app's {kind} component was not found in the org.")]
    Missing { kind: &'static str },
    #[error("{0}")]
    RunAs(String),
}

/// The components of the app being changed, read once each.
struct Working {
    app: String,
    components: Vec<Component>,
    changes: Vec<SettingChange>,
}

impl Working {
    async fn component(
        &mut self,
        session: &Session,
        kind: ComponentKind,
    ) -> Result<usize, FixError> {
        if let Some(i) = self.components.iter().position(|c| c.kind == kind) {
            return Ok(i);
        }
        let found = find_component(session, kind, &self.app).await?;
        self.components.push(found);
        Ok(self.components.len() - 1)
    }

    async fn set(
        &mut self,
        session: &Session,
        kind: ComponentKind,
        setting: &str,
        after: &str,
        mends: FindingCode,
    ) -> Result<(), FixError> {
        let i = self.component(session, kind).await?;
        let component = &mut self.components[i];
        let before = component.get(setting).map(str::to_string);
        if before.as_deref() == Some(after) {
            return Ok(());
        }
        component.set(setting, after);
        self.changes
            .retain(|c| !(c.kind == kind && c.setting == setting));
        self.changes.push(SettingChange {
            component: component.full_name.clone(),
            kind,
            setting: setting.to_string(),
            before,
            after: after.to_string(),
            mends,
        });
        Ok(())
    }

    fn current(&self, kind: ComponentKind, setting: &str) -> Option<String> {
        self.components
            .iter()
            .find(|c| c.kind == kind)
            .and_then(|c| c.get(setting))
            .map(str::to_string)
    }
}

/// The app's component of `kind`: by its usual name, else the one naming the app.
async fn find_component(
    session: &Session,
    kind: ComponentKind,
    app: &str,
) -> Result<Component, FixError> {
    let usual = session.read(kind, &[kind.full_name(app)]).await?;
    if let Some(found) = usual.into_iter().next() {
        return Ok(found);
    }
    let names = session.list(kind).await?;
    for batch in names.chunks(crate::inspect::soap::READ_BATCH) {
        let read = session.read(kind, batch).await?;
        if let Some(found) = read
            .into_iter()
            .find(|c| c.get("externalClientApplication") == Some(app))
        {
            return Ok(found);
        }
    }
    Err(FixError::Missing { kind: kind.name() })
}

/// A comma-separated list with `item` added (kept as is when it is there).
fn with_item(list: Option<&str>, item: &str) -> String {
    let mut items: Vec<&str> = list
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if !items.iter().any(|s| s.eq_ignore_ascii_case(item)) {
        items.push(item);
    }
    items.join(",")
}

const POLICIES: ComponentKind = ComponentKind::ExtlClntAppOauthConfigurablePolicies;
const RUN_AS: &str = "clientCredentialsFlowUser";

/// What a fix of `inspection`'s findings would change; `run_as` is the username to run as
/// when Run As is missing or wrong.
pub async fn plan_fix(
    login: &AdminLogin,
    inspection: &Inspection,
    run_as: Option<&str>,
    options: &ClientOptions,
) -> Result<FixPlan, FixError> {
    let app = inspection.app.as_ref().ok_or(FixError::NoApp)?;
    if app.kind == AppKind::ConnectedApp {
        return Err(FixError::ConnectedApp(app.name.clone()));
    }
    let session = Session::open(login, options).await?;
    let mut work = Working {
        app: app.name.clone(),
        components: Vec::new(),
        changes: Vec::new(),
    };
    let mut listed_only = Vec::new();
    let mut needs = Vec::new();
    let mut new_run_as: Option<(String, FindingCode)> = None;
    let mut preauthorize = false;
    for finding in &inspection.findings {
        let code = finding.code;
        match code {
            FindingCode::CcFlowOffSettings => {
                work.set(
                    &session,
                    ComponentKind::ExtlClntAppGlobalOauthSettings,
                    "isClientCredentialsFlowEnabled",
                    "true",
                    code,
                )
                .await?
            }
            FindingCode::CcFlowOffPolicies => {
                work.set(
                    &session,
                    POLICIES,
                    "isClientCredentialsFlowEnabled",
                    "true",
                    code,
                )
                .await?
            }
            FindingCode::ScopesMissingApi => {
                let kind = ComponentKind::ExtlClntAppOauthSettings;
                work.component(&session, kind).await?;
                let scopes = with_item(
                    work.current(kind, "commaSeparatedOauthScopes").as_deref(),
                    "Api",
                );
                work.set(&session, kind, "commaSeparatedOauthScopes", &scopes, code)
                    .await?
            }
            FindingCode::IpRestricted => {
                work.set(&session, POLICIES, "ipRelaxationPolicyType", "Bypass", code)
                    .await?
            }
            FindingCode::RunAsMissing | FindingCode::RunAsNotFound => {
                match pick_run_as(&session, run_as, app.run_as.as_deref(), code).await? {
                    Some(username) => new_run_as = Some((username, code)),
                    None => {
                        needs.push("a Run As username (--run-as USERNAME): an active user with API Enabled".into());
                        listed_only.push(finding.clone());
                    }
                }
            }
            FindingCode::RunAsNotPreauthorized => preauthorize = true,
            _ => listed_only.push(finding.clone()),
        }
    }
    if let (None, Some(given)) = (&new_run_as, run_as) {
        if app.run_as.as_deref() != Some(given.trim()) {
            new_run_as = Some((given.trim().to_string(), FindingCode::RunAsNotFound));
        }
    }
    let run_as_now = match &new_run_as {
        Some((username, code)) => {
            let user = session.user(username).await?;
            run_as_problem(login, username, user.as_ref())
                .map_err(|e| FixError::RunAs(e.to_string()))?;
            work.set(&session, POLICIES, RUN_AS, username, *code)
                .await?;
            // An admin-approved policy must pre-authorize the new user too; another policy
            // is left as it is.
            let policy = work.current(POLICIES, "permittedUsersPolicyType");
            preauthorize |= policy.as_deref() == Some("AdminApprovedPreAuthorized");
            user
        }
        None if preauthorize => match app.run_as.as_deref() {
            Some(u) => session.user(u).await?,
            None => None,
        },
        None => None,
    };
    if preauthorize {
        if let Some(profile) = run_as_now.and_then(|u| u.profile) {
            let code = FindingCode::RunAsNotPreauthorized;
            work.component(&session, POLICIES).await?;
            let policy = work.current(POLICIES, "permittedUsersPolicyType");
            if policy.as_deref() != Some("AdminApprovedPreAuthorized") {
                work.set(
                    &session,
                    POLICIES,
                    "permittedUsersPolicyType",
                    "AdminApprovedPreAuthorized",
                    code,
                )
                .await?;
            }
            let profiles = with_item(
                work.current(POLICIES, "commaSeparatedProfile").as_deref(),
                &profile,
            );
            work.set(&session, POLICIES, "commaSeparatedProfile", &profiles, code)
                .await?;
        }
    }
    let components = work
        .components
        .into_iter()
        .filter(|c| work.changes.iter().any(|ch| ch.component == c.full_name))
        .collect();
    Ok(FixPlan {
        app: app.name.clone(),
        host: login.domain.host.clone(),
        changes: work.changes,
        listed_only,
        needs,
        components,
    })
}

/// The username Run As should hold: the one given, else (Run As holding an email) the one
/// user with that email.
async fn pick_run_as(
    session: &Session,
    given: Option<&str>,
    current: Option<&str>,
    code: FindingCode,
) -> Result<Option<String>, FixError> {
    if let Some(given) = given.map(str::trim).filter(|g| !g.is_empty()) {
        return Ok(Some(given.to_string()));
    }
    if code != FindingCode::RunAsNotFound {
        return Ok(None);
    }
    let Some(email) = current.filter(|c| c.contains('@')) else {
        return Ok(None);
    };
    let usernames = session.usernames_by_email(email).await?;
    Ok(match usernames.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    })
}

/// Deploy the plan's changed components; the caller inspects (and checks) again afterwards.
pub async fn apply_fix(
    login: &AdminLogin,
    plan: &FixPlan,
    options: &ClientOptions,
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
    record: Record<'_>,
) -> Result<DeployOutcome, FixError> {
    let session = Session::open(login, options).await?;
    let outcome = session
        .deploy(&Package::deploy(&plan.components), "the fix", progress)
        .await?;
    let detail = plan
        .changes
        .iter()
        .map(|c| {
            format!(
                "{}.{}: {} → {}",
                c.component,
                c.setting,
                c.before.as_deref().unwrap_or("(empty)"),
                c.after
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    ledger::note(
        record,
        OrgChange::now(
            &login.domain.host,
            &plan.app,
            ChangeKind::FixDeployed,
            detail,
        ),
    );
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_added_once() {
        assert_eq!(with_item(Some("Web, Full"), "Api"), "Web,Full,Api");
        assert_eq!(with_item(Some("Api,Web"), "api"), "Api,Web");
        assert_eq!(with_item(None, "Api"), "Api");
    }
}
