//! The closed vocabularies of a diagnosis, shared with the UI and tools: every catalog code
//! ([`DiagnosisCode`], one entry each in `catalog.toml`) and how a body read ([`BodyKind`]).
//! Codes are the CLI's `diagnosis.code`: never rename one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! diagnosis_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal,)*) => {
        /// A catalog entry's stable identifier, e.g. `run_as_user_missing`.
        #[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum DiagnosisCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl DiagnosisCode {
            pub const ALL: &'static [DiagnosisCode] = &[$(DiagnosisCode::$variant,)*];

            /// The code as JSON and the catalog spell it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(DiagnosisCode::$variant => $code,)*
                }
            }

            /// The code for `text`, if it is one.
            pub fn parse(text: &str) -> Option<DiagnosisCode> {
                match text {
                    $($code => Some(DiagnosisCode::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

diagnosis_codes! {
    /// This host cannot issue Client Credentials tokens
    NotMyDomain = "not_my_domain",
    /// This is not an org's My Domain
    DomainInvalid = "domain_invalid",
    /// This host is not a known Salesforce host
    UntrustedHost = "untrusted_host",
    /// No consumer key
    ClientIdMissing = "client_id_missing",
    /// The consumer key is not one clean value
    ClientIdMalformed = "client_id_malformed",
    /// No consumer secret
    ClientSecretMissing = "client_secret_missing",
    /// The CA certificate file cannot be used
    CaCertInvalid = "ca_cert_invalid",
    /// An option is not valid
    BadOption = "bad_option",
    /// The org's host name does not resolve
    DnsFailed = "dns_failed",
    /// Could not connect to the org
    ConnectFailed = "connect_failed",
    /// The network connection failed
    NetworkFailed = "network_failed",
    /// The org's HTTPS certificate could not be verified
    TlsFailed = "tls_failed",
    /// The org's certificate is not trusted on this computer
    TlsUntrusted = "tls_untrusted",
    /// The certificate is for another host
    TlsNameMismatch = "tls_name_mismatch",
    /// The certificate has expired or is not valid yet
    TlsExpired = "tls_expired",
    /// The org did not answer in time
    Timeout = "timeout",
    /// The proxy could not be reached or would not connect to the org
    ProxyFailed = "proxy_failed",
    /// The proxy asks for credentials
    ProxyAuthRequired = "proxy_auth_required",
    /// The org answered with a redirect, which is not followed
    RedirectRefused = "redirect_refused",
    /// A request would have gone to a different host
    ForeignHostRefused = "foreign_host_refused",
    /// The answer was larger than expected
    ResponseTooLarge = "response_too_large",
    /// The host answered, but not like Salesforce
    NotSalesforce = "not_salesforce",
    /// Salesforce is unavailable right now
    ServiceUnavailable = "service_unavailable",
    /// The org is in a read-only maintenance window: reads work, writes are refused
    OrgReadOnlyMaintenance = "org_read_only_maintenance",
    /// Salesforce had an internal error
    ServerError = "server_error",
    /// Too many login attempts: Salesforce is slowing this app down
    RateLimited = "rate_limited",
    /// Salesforce does not recognise the consumer key
    ClientIdInvalid = "client_id_invalid",
    /// The consumer secret is wrong
    ClientSecretInvalid = "client_secret_invalid",
    /// The app has no working Run As user for the Client Credentials flow
    RunAsUserMissing = "run_as_user_missing",
    /// The Client Credentials flow is not enabled for this app
    FlowDisabled = "flow_disabled",
    /// The Run As user is not pre-authorised for this app
    UserNotPreauthorized = "user_not_preauthorized",
    /// The app has no scope this flow can use
    NoValidScopes = "no_valid_scopes",
    /// The request comes from an IP address the Run As user may not log in from
    IpRestricted = "ip_restricted",
    /// The Run As user is deactivated
    RunAsUserInactive = "run_as_user_inactive",
    /// The Run As user is frozen (by an admin, or by Salesforce for traffic from a risky network)
    RunAsUserFrozen = "run_as_user_frozen",
    /// The org is inactive
    OrgInactive = "org_inactive",
    /// The user has not approved this app
    UserNotApproved = "user_not_approved",
    /// A scope parameter was sent with the token request
    ScopeParameterSent = "scope_parameter_sent",
    /// Salesforce does not accept the grant type
    UnsupportedGrantType = "unsupported_grant_type",
    /// Salesforce cannot find the app on this host
    AppNotFound = "app_not_found",
    /// The Basic authorisation header was malformed
    InvalidBasicAuthHeader = "invalid_basic_auth_header",
    /// The app is blocked in this org
    AppBlocked = "app_blocked",
    /// Salesforce refused the token
    TokenErrorOther = "token_error_other",
    /// The token's signature does not match
    SignatureMismatch = "signature_mismatch",
    /// The app issues JWT-based access tokens, which work for REST only
    JwtTokenRestOnly = "jwt_token_rest_only",
    /// The Run As user's details are not visible
    OpenidScopeMissing = "openid_scope_missing",
    /// The token cannot call the REST API: the app lacks the api scope
    ApiScopeMissing = "api_scope_missing",
    /// Salesforce rejected the access token
    SessionInvalid = "session_invalid",
    /// The token is valid, but API use is blocked for this app or user
    ApiAccessBlocked = "api_access_blocked",
    /// The REST API is not enabled for this org
    ApiDisabledOrg = "api_disabled_org",
    /// The Run As user may not use the API
    ApiDisabledUser = "api_disabled_user",
    /// The org has used up its API requests
    ApiLimitExceeded = "api_limit_exceeded",
    /// A Transaction Security policy blocked the Run As user's request
    TxnSecurityBlocked = "txn_security_blocked",
    /// A Transaction Security policy ended the Run As user's session
    TxnSecuritySessionEnded = "txn_security_session_ended",
    /// A Transaction Security policy asks the Run As user for multi-factor authentication
    TxnSecurityMfaRequired = "txn_security_mfa_required",
    /// The Run As user cannot read the org's limits
    LimitsAccessDenied = "limits_access_denied",
    /// The org does not serve this API version
    ApiVersionNotFound = "api_version_not_found",
    /// The test object does not exist or is not visible to the Run As user
    ObjectNotFound = "object_not_found",
    /// The Run As user may not create the test record
    RecordCreateDenied = "record_create_denied",
    /// The Run As user may not read the test object
    RecordReadDenied = "record_read_denied",
    /// The Run As user may not delete the test record — it is still in the org
    RecordDeleteDenied = "record_delete_denied",
    /// The test record disappeared
    RecordNotFound = "record_not_found",
    /// A validation rule blocked the test record
    RecordValidationFailed = "record_validation_failed",
    /// An automation on the object failed when the test record was saved
    RecordAutomationFailed = "record_automation_failed",
    /// A duplicate rule blocked the test record
    RecordDuplicateBlocked = "record_duplicate_blocked",
    /// A required field was not filled
    RequiredFieldMissing = "required_field_missing",
    /// A field does not exist or the Run As user cannot write it
    InvalidField = "invalid_field",
    /// Salesforce rejected a value sent for the test record
    RecordValueRejected = "record_value_rejected",
    /// The test record points to a record the Run As user cannot use
    CrossReferenceDenied = "cross_reference_denied",
    /// The access token could not be revoked
    RevokeFailed = "revoke_failed",
    /// The check was cancelled
    Cancelled = "cancelled",
    /// The system keychain is not available
    KeyringUnavailable = "keyring_unavailable",
    /// The system keychain refused the operation
    KeyringFailed = "keyring_failed",
    /// Salesforce answered in a way this app does not recognise
    UnknownResponse = "unknown_response",
}

impl std::fmt::Display for DiagnosisCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tools and tests compare codes with their JSON spelling.
impl PartialEq<&str> for DiagnosisCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for DiagnosisCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// How a body read, named in the raw details so a diagnosis says what came back.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    Json,
    Html,
    Text,
    /// JSON cut short at the size limit.
    TruncatedJson,
    Empty,
    /// No answer at all (DNS, connect, TLS, timeout, redirect refused).
    NoResponse,
}

impl BodyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BodyKind::Json => "json",
            BodyKind::Html => "html",
            BodyKind::Text => "text",
            BodyKind::TruncatedJson => "truncated_json",
            BodyKind::Empty => "empty",
            BodyKind::NoResponse => "no_response",
        }
    }

    /// As the admin reads it: "a JSON body", "an HTML page", …
    pub fn phrase(self) -> &'static str {
        match self {
            BodyKind::Json => "a JSON body",
            BodyKind::Html => "an HTML page",
            BodyKind::Text => "plain text",
            BodyKind::TruncatedJson => "JSON cut short at the size limit",
            BodyKind::Empty => "an empty body",
            BodyKind::NoResponse => "no answer",
        }
    }
}

impl PartialEq<&str> for BodyKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A stored code that this version does not know (written by a newer one) reads as
/// `unknown_response` instead of making the whole profile list unreadable.
pub fn lenient_code<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DiagnosisCode>, D::Error> {
    let text: Option<String> = Option::deserialize(deserializer)?;
    Ok(text.map(|t| DiagnosisCode::parse(&t).unwrap_or(DiagnosisCode::UnknownResponse)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_are_the_codes() {
        for code in DiagnosisCode::ALL {
            assert_eq!(
                serde_json::to_string(code).unwrap(),
                format!("\"{}\"", code.as_str())
            );
            assert_eq!(DiagnosisCode::parse(code.as_str()), Some(*code));
        }
        assert_eq!(DiagnosisCode::parse("martian"), None);
        for kind in [
            BodyKind::Json,
            BodyKind::TruncatedJson,
            BodyKind::NoResponse,
        ] {
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
    }
}
