//! The rows of inspection's SOQL reads as serde structs, one per query, relationship fields
//! (`Profile.Name`) as nested options the way Salesforce nests them. Every column is optional,
//! as in [`crate::salesforce::wire`]: a row missing one still reads, and what is missing is
//! said by the findings, not by a parse error.
//!
//! The setup objects of an External Client App are read with the columns their describe lists,
//! whose spelling is unconfirmed without a real org: their rows come as maps and are read with
//! [`decode_setup`], which matches the known columns without regard to case.

use super::history::LoginAttempt;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

/// A row whose columns depend on a describe (the scopes' flags, a setup object's row before
/// [`decode_setup`]).
pub(crate) type ColumnRow = Map<String, Value>;

/// `SELECT Id, DeveloperName, MasterLabel, DistributionState FROM ExternalClientApplication`
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct AppRecord {
    pub id: Option<String>,
    pub developer_name: Option<String>,
    pub master_label: Option<String>,
    pub distribution_state: Option<String>,
}

/// `ExtlClntAppPlcyCnfg`: the OAuth plugin's switch.
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct PluginRecord {
    pub is_enabled: Option<bool>,
    pub oauth_plugin_status: Option<String>,
}

/// The columns of [`PluginRecord`] as Salesforce spells them.
pub(crate) const PLUGIN_COLUMNS: [&str; 2] = ["IsEnabled", "OauthPluginStatus"];

/// `ExtlClntAppOauthPlcyCnfg`: the Policies tab. The Run As field is a username
/// (`ClientCredentialsFlowUser`) or a user id (`…UserId`), whichever the org has.
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct PolicyRecord {
    pub is_client_credentials_flow_enabled: Option<bool>,
    pub client_credentials_flow_user: Option<String>,
    pub client_credentials_flow_user_id: Option<String>,
    pub permitted_users_policy_type: Option<String>,
    pub ip_relaxation_policy_type: Option<String>,
}

/// The columns of [`PolicyRecord`] as Salesforce spells them.
pub(crate) const POLICY_COLUMNS: [&str; 5] = [
    "IsClientCredentialsFlowEnabled",
    "ClientCredentialsFlowUser",
    "ClientCredentialsFlowUserId",
    "PermittedUsersPolicyType",
    "IpRelaxationPolicyType",
];

/// `SELECT Id, Username, IsActive, ProfileId, Profile.Name, Profile.PermissionsApiEnabled,
/// Profile.PermissionsApiUserOnly FROM User`
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct UserRecord {
    pub id: Option<String>,
    pub username: Option<String>,
    pub is_active: Option<bool>,
    pub profile_id: Option<String>,
    /// Null when the user has no profile the login may see.
    pub profile: Option<ProfileRef>,
}

/// `User.Profile`.
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct ProfileRef {
    pub name: Option<String>,
    pub permissions_api_enabled: Option<bool>,
    pub permissions_api_user_only: Option<bool>,
}

/// `SELECT Username FROM User WHERE Email = …`
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct UsernameRecord {
    pub username: Option<String>,
}

/// `SELECT PermissionSetId, PermissionSet.Name, PermissionSet.PermissionsApiEnabled,
/// PermissionSet.PermissionsApiUserOnly FROM PermissionSetAssignment`
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct AssignmentRecord {
    pub permission_set_id: Option<String>,
    pub permission_set: Option<PermissionSetRef>,
}

/// `PermissionSetAssignment.PermissionSet` (a profile has its own set).
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct PermissionSetRef {
    pub name: Option<String>,
    pub permissions_api_enabled: Option<bool>,
    pub permissions_api_user_only: Option<bool>,
}

/// `SELECT Id, StartAddress, EndAddress FROM LoginIpRange`
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct IpRangeRecord {
    pub start_address: Option<String>,
    pub end_address: Option<String>,
}

/// `SELECT ParentId FROM SetupEntityAccess`: a permission set granted the app.
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct AccessRecord {
    pub parent_id: Option<String>,
}

/// `SELECT LoginTime, Status, LoginType, Application, SourceIp FROM LoginHistory`
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(default, rename_all = "PascalCase")]
pub(crate) struct LoginRecord {
    pub login_time: Option<String>,
    pub status: Option<String>,
    pub login_type: Option<String>,
    pub application: Option<String>,
    pub source_ip: Option<String>,
}

impl From<LoginRecord> for LoginAttempt {
    fn from(row: LoginRecord) -> Self {
        LoginAttempt {
            login_time: given(row.login_time).unwrap_or_default(),
            status: given(row.status).unwrap_or_default(),
            login_type: given(row.login_type),
            application: given(row.application),
            source_ip: given(row.source_ip),
        }
    }
}

/// A text column that says something: an empty string is as good as none.
pub(crate) fn given(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.is_empty())
}

/// A setup object's row as `T`: its columns that match one of `columns` without regard to case
/// are renamed to that spelling first.
pub(crate) fn decode_setup<T: DeserializeOwned>(row: ColumnRow, columns: &[&str]) -> Option<T> {
    let folded: ColumnRow = row
        .into_iter()
        .map(|(key, value)| {
            let known = columns.iter().find(|c| c.eq_ignore_ascii_case(&key));
            (known.map_or(key, |c| (*c).to_string()), value)
        })
        .collect();
    serde_json::from_value(Value::Object(folded)).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::salesforce::wire::{self, QueryResult};

    /// The shape of a real `query` answer with relationship fields: `attributes` on every
    /// object, a null relationship where the user has none.
    #[test]
    fn user_rows_decode_with_their_relationships() {
        let answer = r#"{"totalSize":2,"done":true,"records":[
            {"attributes":{"type":"User","url":"/services/data/v66.0/sobjects/User/005000000000001AAA"},
             "Id":"005000000000001AAA","Username":"int@acme.example","IsActive":true,
             "ProfileId":"00e000000000001AAA",
             "Profile":{"attributes":{"type":"Profile","url":"/services/data/v66.0/sobjects/Profile/00e000000000001AAA"},
                        "Name":"Minimum Access - API Only Integrations","PermissionsApiEnabled":true,"PermissionsApiUserOnly":true}},
            {"attributes":{"type":"User","url":"/x"},"Id":"005000000000002AAA","Username":"x@acme.example",
             "IsActive":false,"ProfileId":null,"Profile":null}]}"#;
        let q: QueryResult<UserRecord> = wire::parse(answer).unwrap();
        assert_eq!(q.records.len(), 2);
        let user = &q.records[0];
        assert_eq!(user.username.as_deref(), Some("int@acme.example"));
        let profile = user.profile.as_ref().unwrap();
        assert_eq!(
            profile.name.as_deref(),
            Some("Minimum Access - API Only Integrations")
        );
        assert_eq!(profile.permissions_api_user_only, Some(true));
        assert_eq!(q.records[1].is_active, Some(false));
        assert_eq!(q.records[1].profile, None);
    }

    #[test]
    fn assignment_and_history_rows_decode() {
        let sets: QueryResult<AssignmentRecord> = wire::parse(r#"{"totalSize":1,"done":true,"records":[
            {"attributes":{"type":"PermissionSetAssignment"},"PermissionSetId":"0PS000000000001AAA",
             "PermissionSet":{"attributes":{"type":"PermissionSet"},"Name":"Preflight_Access","PermissionsApiEnabled":false,"PermissionsApiUserOnly":false}}]}"#).unwrap();
        let set = sets.records[0].permission_set.as_ref().unwrap();
        assert_eq!(set.name.as_deref(), Some("Preflight_Access"));
        assert_eq!(set.permissions_api_enabled, Some(false));

        let history: QueryResult<LoginRecord> = wire::parse(r#"{"totalSize":1,"done":true,"records":[
            {"attributes":{"type":"LoginHistory"},"LoginTime":"2026-12-05T14:02:11.000+0000",
             "Status":"Restricted IP","LoginType":"Remote Access Client","Application":"Preflight","SourceIp":""}]}"#).unwrap();
        let attempt = LoginAttempt::from(history.records[0].clone());
        assert_eq!(attempt.status, "Restricted IP");
        assert_eq!(attempt.source_ip, None, "an empty column is no value");
    }

    #[test]
    fn setup_rows_match_their_columns_without_case() {
        let row: ColumnRow = serde_json::from_str(
            r#"{"attributes":{"type":"ExtlClntAppOauthPlcyCnfg"},"Id":"0xx","isclientcredentialsflowenabled":true,
                "CLIENTCREDENTIALSFLOWUSER":"int@acme.example","PermittedUsersPolicyType":"AdminApprovedPreAuthorized"}"#,
        )
        .unwrap();
        let policy: PolicyRecord = decode_setup(row, &POLICY_COLUMNS).unwrap();
        assert_eq!(policy.is_client_credentials_flow_enabled, Some(true));
        assert_eq!(
            policy.client_credentials_flow_user.as_deref(),
            Some("int@acme.example")
        );
        assert_eq!(
            policy.permitted_users_policy_type.as_deref(),
            Some("AdminApprovedPreAuthorized")
        );
        assert_eq!(policy.ip_relaxation_policy_type, None);
    }
}
