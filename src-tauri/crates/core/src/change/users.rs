//! The SOQL reads changes make before they change anything: the Run As user (active, API
//! Enabled from the profile or a permission set, the profile's name the policy pre-authorizes),
//! the users a Run As picker offers, a user found by email, and whether the org is production.

use super::Session;
use crate::client::ClientError;
use crate::salesforce::services;
use crate::salesforce::soql_string as quote;
use crate::salesforce::wire::QueryResult;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A user who could run the app's Client Credentials flow.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct RunAsUser {
    pub id: String,
    pub username: String,
    /// The full name, when the org's answer gives it.
    pub name: Option<String>,
    pub profile: Option<String>,
    pub active: bool,
    /// From the profile or an assigned permission set.
    pub api_enabled: bool,
}

/// Production or sandbox, for the confirmation.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Production,
    Sandbox,
    /// The org would not say (the login may not read `Organization`).
    Unknown,
}

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("Could not reach the org: {0}")]
    Network(#[from] ClientError),
    #[error("{request} answered HTTP {status}: {body}")]
    Refused {
        request: String,
        status: u16,
        body: String,
    },
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct UserRecord {
    id: Option<String>,
    username: Option<String>,
    name: Option<String>,
    is_active: Option<bool>,
    profile: Option<ProfileRecord>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct ProfileRecord {
    name: Option<String>,
    permissions_api_enabled: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct AssignmentRecord {
    permission_set: Option<ProfileRecord>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct OrgRecord {
    is_sandbox: Option<bool>,
}

const USER_FIELDS: &str = "Id, Username, IsActive, Profile.Name, Profile.PermissionsApiEnabled";

impl Session {
    pub(crate) async fn query<T: serde::de::DeserializeOwned>(
        &self,
        soql: &str,
    ) -> Result<Vec<T>, QueryError> {
        let encoded: String = form_urlencoded::byte_serialize(soql.as_bytes()).collect();
        let path = services::query(self.version, &encoded);
        let resp = self
            .client
            .get_large(&path, Some(&self.login.token))
            .await?;
        match resp.json::<QueryResult<T>>() {
            Some(result) if resp.is_success() => Ok(result.records),
            _ => Err(QueryError::Refused {
                request: resp.request.clone(),
                status: resp.status,
                body: resp.masked_body(),
            }),
        }
    }

    /// Users matching `condition`, with `Name` when the org has it.
    async fn users_where(&self, condition: &str) -> Result<Vec<UserRecord>, QueryError> {
        let with_name = format!("SELECT {USER_FIELDS}, Name FROM User WHERE {condition}");
        match self.query(&with_name).await {
            Ok(rows) => Ok(rows),
            Err(QueryError::Refused { status: 400, .. }) => {
                self.query(&format!("SELECT {USER_FIELDS} FROM User WHERE {condition}"))
                    .await
            }
            Err(e) => Err(e),
        }
    }

    /// Whether a permission set assigned to `user_id` grants API Enabled.
    async fn api_by_permission_set(&self, user_id: &str) -> Result<bool, QueryError> {
        let rows: Vec<AssignmentRecord> = self
            .query(&format!(
                "SELECT PermissionSetId, PermissionSet.Name, PermissionSet.PermissionsApiEnabled FROM PermissionSetAssignment WHERE AssigneeId = {}",
                quote(user_id)
            ))
            .await?;
        Ok(rows.iter().any(|r| {
            r.permission_set
                .as_ref()
                .and_then(|p| p.permissions_api_enabled)
                .unwrap_or(false)
        }))
    }

    async fn run_as_user(&self, row: UserRecord) -> Result<RunAsUser, QueryError> {
        let id = row.id.unwrap_or_default();
        let by_profile = row
            .profile
            .as_ref()
            .and_then(|p| p.permissions_api_enabled)
            .unwrap_or(false);
        let api_enabled = by_profile || self.api_by_permission_set(&id).await?;
        Ok(RunAsUser {
            id,
            username: row.username.unwrap_or_default(),
            name: row.name,
            profile: row.profile.and_then(|p| p.name),
            active: row.is_active.unwrap_or(false),
            api_enabled,
        })
    }

    /// The user whose username is `username` (None: no such user).
    pub(crate) async fn user(&self, username: &str) -> Result<Option<RunAsUser>, QueryError> {
        let rows = self
            .users_where(&format!("Username = {}", quote(username.trim())))
            .await?;
        match rows.into_iter().next() {
            Some(row) => Ok(Some(self.run_as_user(row).await?)),
            None => Ok(None),
        }
    }

    /// The usernames of the users whose email is `email`.
    pub(crate) async fn usernames_by_email(&self, email: &str) -> Result<Vec<String>, QueryError> {
        let rows = self
            .users_where(&format!("Email = {}", quote(email.trim())))
            .await?;
        Ok(rows.into_iter().filter_map(|r| r.username).collect())
    }

    /// Active users with API Enabled, by username (at most 200).
    pub(crate) async fn run_as_candidates(&self) -> Result<Vec<RunAsUser>, QueryError> {
        let rows = self
            .users_where("IsActive = true ORDER BY Username LIMIT 200")
            .await?;
        let mut users = Vec::new();
        for row in rows {
            let user = self.run_as_user(row).await?;
            if user.active && user.api_enabled {
                users.push(user);
            }
        }
        Ok(users)
    }

    /// Production or sandbox, from `Organization.IsSandbox`.
    pub(crate) async fn org_kind(&self) -> OrgKind {
        match self
            .query::<OrgRecord>("SELECT IsSandbox, OrganizationType FROM Organization")
            .await
        {
            Ok(rows) => match rows.first().and_then(|r| r.is_sandbox) {
                Some(true) => OrgKind::Sandbox,
                Some(false) => OrgKind::Production,
                None => OrgKind::Unknown,
            },
            Err(e) => {
                tracing::info!(error = %e, "the org's kind could not be read");
                OrgKind::Unknown
            }
        }
    }
}
