//! The scenarios a simulated org can be set up for, each with the diagnosis code a check of it
//! must end with (`Scenario::expected_code`).

use std::fmt;
use std::str::FromStr;

/// How the simulated org is misconfigured (or not). Every scenario answers the real credential
/// check first; the failure scenarios then answer their failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scenario {
    Healthy,
    WrongClientId,
    WrongSecret,
    LoginHost,
    NoRunAsUser,
    FlowDisabled,
    NotAdminApproved,
    NoValidScopes,
    IpRestricted,
    InactiveUser,
    NoApiScope,
    SessionInvalid,
    ApiDisabledOrg,
    ApiDisabledUser,
    NoCreateAccess,
    NoDeleteAccess,
    RequiredField,
    ValidationRule,
    DuplicateRule,
    RequestLimit,
    Maintenance,
    BadSignature,
    ApiAccessControl,
    NoObjectRead,
    Sandbox,
    JwtToken,
    LargeDescribe,
    PerAppLimits,
    RequiredTypedFields,
    CustomObjectAutonumber,
    Rotation,
    AppPropagating,
    RunAsEmail,
    FlowOffSettings,
    ConnectedApp,
    SharedSession,
    TxnSecurityBlocked,
    TxnSecurityMfa,
    ReadOnlyMaintenance,
    FrozenUser,
    SecretApiOff,
}

/// name, title, expected diagnosis code, description — one row per scenario, in `ALL` order.
type Row = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
);

impl Scenario {
    pub const ALL: [Scenario; 41] = [
        Scenario::Healthy,
        Scenario::WrongClientId,
        Scenario::WrongSecret,
        Scenario::LoginHost,
        Scenario::NoRunAsUser,
        Scenario::FlowDisabled,
        Scenario::NotAdminApproved,
        Scenario::NoValidScopes,
        Scenario::IpRestricted,
        Scenario::InactiveUser,
        Scenario::NoApiScope,
        Scenario::SessionInvalid,
        Scenario::ApiDisabledOrg,
        Scenario::ApiDisabledUser,
        Scenario::NoCreateAccess,
        Scenario::NoDeleteAccess,
        Scenario::RequiredField,
        Scenario::ValidationRule,
        Scenario::DuplicateRule,
        Scenario::RequestLimit,
        Scenario::Maintenance,
        Scenario::BadSignature,
        Scenario::ApiAccessControl,
        Scenario::NoObjectRead,
        Scenario::Sandbox,
        Scenario::JwtToken,
        Scenario::LargeDescribe,
        Scenario::PerAppLimits,
        Scenario::RequiredTypedFields,
        Scenario::CustomObjectAutonumber,
        Scenario::Rotation,
        Scenario::AppPropagating,
        Scenario::RunAsEmail,
        Scenario::FlowOffSettings,
        Scenario::ConnectedApp,
        Scenario::SharedSession,
        Scenario::TxnSecurityBlocked,
        Scenario::TxnSecurityMfa,
        Scenario::ReadOnlyMaintenance,
        Scenario::FrozenUser,
        Scenario::SecretApiOff,
    ];

    fn row(self) -> Row {
        use Scenario::*;
        match self {
            Healthy => ("healthy", "Healthy org", None,
                "Everything is set up: the token is issued, the test record is created, read and deleted, and the token is revoked."),
            WrongClientId => ("wrong-client-id", "Wrong consumer key", Some("client_id_invalid"),
                "The org does not know the consumer key: the token request answers invalid_client_id."),
            WrongSecret => ("wrong-secret", "Wrong consumer secret", Some("client_secret_invalid"),
                "The consumer secret does not match the app: the token request answers invalid_client."),
            LoginHost => ("login-host", "Generic login host", Some("not_my_domain"),
                "The token request went to a login host instead of the My Domain: invalid_grant, request not supported on this domain."),
            NoRunAsUser => ("no-run-as-user", "No Run As user", Some("run_as_user_missing"),
                "The app's Client Credentials policy has no Run As user: invalid_grant, no client credentials user enabled."),
            FlowDisabled => ("flow-disabled", "Flow disabled", Some("flow_disabled"),
                "The Client Credentials flow is switched off for the app: oauth_flow_disabled."),
            NotAdminApproved => ("not-admin-approved", "Run As user not pre-authorized", Some("user_not_preauthorized"),
                "Only admin-approved users may use the app and the Run As user is not assigned: invalid_app_access."),
            NoValidScopes => ("no-valid-scopes", "No valid scopes", Some("no_valid_scopes"),
                "The app only has scopes this flow filters out: invalid_grant, no valid scopes defined."),
            IpRestricted => ("ip-restricted", "IP restricted", Some("ip_restricted"),
                "The Run As user's login IP ranges exclude the caller: invalid_grant, ip restricted."),
            InactiveUser => ("inactive-user", "Run As user inactive", Some("run_as_user_inactive"),
                "The Run As user is deactivated: invalid_grant, inactive user."),
            NoApiScope => ("no-api-scope", "Missing api scope", Some("api_scope_missing"),
                "The app lacks the api scope: the token works for identity, REST calls answer 401 INVALID_SESSION_ID with the scope message."),
            SessionInvalid => ("session-invalid", "Session invalid", Some("session_invalid"),
                "A token is issued but every call with it is rejected: 401 INVALID_SESSION_ID, Session expired or invalid."),
            ApiDisabledOrg => ("api-disabled-org", "API disabled for the org", Some("api_disabled_org"),
                "The org's edition has no API access: REST answers 403 API_DISABLED_FOR_ORG."),
            ApiDisabledUser => ("api-disabled-user", "API disabled for the user", Some("api_disabled_user"),
                "The Run As user lacks the API Enabled permission: REST answers 403 API_CURRENTLY_DISABLED."),
            NoCreateAccess => ("no-create-access", "No create access", Some("record_create_denied"),
                "The Run As user cannot create the test object: create answers INSUFFICIENT_ACCESS_OR_READONLY."),
            NoDeleteAccess => ("no-delete-access", "No delete access", Some("record_delete_denied"),
                "The Run As user can create but not delete the test object: delete answers INSUFFICIENT_ACCESS_OR_READONLY and the record stays."),
            RequiredField => ("required-field", "Extra required field", None,
                "The object has an extra required custom field (Region__c) that describe shows; create without it answers REQUIRED_FIELD_MISSING."),
            ValidationRule => ("validation-rule", "Validation rule", Some("record_validation_failed"),
                "A validation rule blocks records created by the integration user: FIELD_CUSTOM_VALIDATION_EXCEPTION."),
            DuplicateRule => ("duplicate-rule", "Duplicate rule", Some("record_duplicate_blocked"),
                "A blocking duplicate rule matches the test record: DUPLICATES_DETECTED unless allowSave is sent."),
            RequestLimit => ("request-limit", "API request limit reached", Some("api_limit_exceeded"),
                "The org has used its daily API requests: REST answers 403 REQUEST_LIMIT_EXCEEDED."),
            Maintenance => ("maintenance", "Org in maintenance", Some("service_unavailable"),
                "The org is down for maintenance: every endpoint answers 503 with an HTML page."),
            BadSignature => ("bad-signature", "Bad token signature", None,
                "Everything works but the token response's signature does not match (a warning, not a failure)."),
            ApiAccessControl => ("api-access-control", "API Access Control on", Some("api_access_blocked"),
                "The token is issued, but the org's API Access Control does not allow the app: every REST call answers 401 INVALID_SESSION_ID \"This session is not valid for use with the REST API\"."),
            NoObjectRead => ("no-object-read", "No read access to the object", Some("object_not_found"),
                "The Run As user cannot read the test object, so for them it does not exist: describe and create answer 400 INVALID_TYPE."),
            Sandbox => ("sandbox", "Sandbox", None,
                "A sandbox org: the token's id names https://test.salesforce.com, a host no request may go to; everything else works."),
            JwtToken => ("jwt-token", "JWT access token", None,
                "The org issues JWT-format access tokens (token_format jwt); everything works."),
            LargeDescribe => ("large-describe", "Large describe", None,
                "The Account describe of a large org: about 3 MB with 800 custom fields, sent chunked; everything works."),
            PerAppLimits => ("per-app-limits", "Per-app API limits", None,
                "Answers carry Sforce-Limit-Info with a per-app item after the org's figure, separated by a semicolon; everything works."),
            RequiredTypedFields => ("required-typed-fields", "Required fields of every type", None,
                "Account requires a restricted picklist, a date, a currency (16, 2), an email, a checkbox and a lookup to a user; create checks each value's type."),
            CustomObjectAutonumber => ("custom-object-autonumber", "Custom object with an auto-number name", None,
                "Preflight_Test__c's Name is an auto-number the org sets itself: a create that sends Name is refused."),
            Rotation => ("rotation", "Credentials being rotated", None,
                "New credentials are staged: the current and the staged key and secret both work until POST /__sim/rotate completes the rotation."),
            AppPropagating => ("app-propagating", "App just created", Some("client_id_invalid"),
                "The app was just created: the token request answers invalid_client_id until the change has propagated (20 s by default), then everything works."),
            RunAsEmail => ("run-as-email", "Email in the Run As field", Some("run_as_user_missing"),
                "The Run As field holds the integration user's email, not their username: invalid_grant, no client credentials user enabled."),
            FlowOffSettings => ("flow-off-settings", "Flow off on the Settings tab", Some("flow_disabled"),
                "The Client Credentials flow is enabled on the Policies tab but not on the Settings tab: oauth_flow_disabled."),
            ConnectedApp => ("connected-app", "Legacy Connected App", None,
                "The consumer key belongs to a legacy Connected App rather than an External Client App; everything works."),
            SharedSession => ("shared-session", "Shared session", None,
                "Every grant answers with one long-lived session, issued before the check (as Salesforce may while a session is valid): the live integration's token too. The check passes and keeps the token instead of revoking it."),
            TxnSecurityBlocked => ("txn-security-blocked", "Transaction Security blocks the create", Some("txn_security_blocked"),
                "A Transaction Security policy blocks the Run As user's record creates: create answers 403 TXN_SECURITY_NO_ACCESS."),
            TxnSecurityMfa => ("txn-security-mfa", "Transaction Security asks for MFA", Some("txn_security_mfa_required"),
                "A Transaction Security policy asks the Run As user for multi-factor authentication on API reads: /limits answers 403 TXN_SECURITY_TWO_FA_REQUIRED."),
            ReadOnlyMaintenance => ("read-only-maintenance", "Read-only maintenance", Some("org_read_only_maintenance"),
                "The org is in a read-only maintenance window: reads work, create and delete answer 503 INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE."),
            FrozenUser => ("frozen-user", "Run As user frozen", Some("run_as_user_frozen"),
                "The Run As user is frozen (as Salesforce does since April 2026 for traffic from VPNs, proxies or unusual networks): invalid_grant, user is frozen; Login History says User is frozen."),
            SecretApiOff => ("secret-api-off", "Consumer secrets not readable through REST", None,
                "The org setting \"Allow access to External Client App consumer secrets via REST API\" is off: the check passes, but reading a secret or staging new credentials through Connect REST answers 403 FUNCTIONALITY_NOT_ENABLED."),
        }
    }

    /// The `--scenario` name, e.g. `"wrong-secret"`.
    pub fn name(self) -> &'static str {
        self.row().0
    }

    /// A short title for the app's scenario picker.
    pub fn title(self) -> &'static str {
        self.row().1
    }

    /// The diagnosis code the engine must produce against this org (`None`: the run passes).
    pub fn expected_code(self) -> Option<&'static str> {
        self.row().2
    }

    /// One sentence: what this org is set up to do.
    pub fn description(self) -> &'static str {
        self.row().3
    }

    pub fn from_name(name: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.name() == name)
    }

    /// All names, comma separated (for error messages).
    pub fn names() -> String {
        Scenario::ALL
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing a scenario name; its message lists the valid names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown scenario '{given}'; valid scenarios: {valid}")]
pub struct UnknownScenario {
    pub given: String,
    pub valid: String,
}

impl FromStr for Scenario {
    type Err = UnknownScenario;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scenario::from_name(s).ok_or_else(|| UnknownScenario {
            given: s.to_string(),
            valid: Scenario::names(),
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = HashSet::new();
        for s in Scenario::ALL {
            assert!(seen.insert(s.name()), "duplicate name {}", s.name());
            assert_eq!(Scenario::from_name(s.name()), Some(s));
            assert_eq!(s.name().parse::<Scenario>(), Ok(s));
            assert!(!s.title().is_empty() && s.description().ends_with('.'));
        }
    }

    #[test]
    fn unknown_name_lists_valid_names() {
        let err = "nope".parse::<Scenario>().unwrap_err();
        assert!(err.to_string().contains("wrong-secret"));
        assert!(err.to_string().contains("'nope'"));
    }

    #[test]
    fn passing_scenarios_have_no_code() {
        let passing: Vec<_> = Scenario::ALL
            .into_iter()
            .filter(|s| s.expected_code().is_none())
            .map(Scenario::name)
            .collect();
        assert_eq!(
            passing,
            [
                "healthy",
                "required-field",
                "bad-signature",
                "sandbox",
                "jwt-token",
                "large-describe",
                "per-app-limits",
                "required-typed-fields",
                "custom-object-autonumber",
                "rotation",
                "connected-app",
                "shared-session",
                "secret-api-off"
            ]
        );
    }
}
