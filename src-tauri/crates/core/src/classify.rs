//! A Salesforce answer → a catalog code. Diagnosis is on the response, not on guesses: an HTML
//! page, plain text or truncated JSON is named as such, and anything not recognised is
//! `unknown_response` with the raw answer, never a guessed cause.

use crate::client::SfResponse;
use crate::codes::{BodyKind, DiagnosisCode as C};
use crate::salesforce::errors::{OAuthErrorKind as O, RestErrorCode as R};
use crate::salesforce::wire;
use crate::types::{RawDetails, StepId};
use serde_json::Value;

/// What came back from Salesforce, as read by the client (body already bounded in size).
#[derive(Debug, Clone)]
pub struct Answer<'a> {
    pub status: u16,
    pub content_type: Option<&'a str>,
    pub body: &'a str,
    /// The body was cut at the client's size limit.
    pub truncated: bool,
}

/// The most of a body kept in [`RawDetails`], in bytes.
pub const DETAILS_MAX_BYTES: usize = 4096;

/// How a body reads.
pub fn body_kind(answer: &Answer<'_>) -> BodyKind {
    let body = answer.body.trim();
    if body.is_empty() {
        return BodyKind::Empty;
    }
    if serde_json::from_str::<Value>(body).is_ok() {
        return BodyKind::Json;
    }
    let head: String = body
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    let html_type = answer
        .content_type
        .is_some_and(|c| c.to_ascii_lowercase().contains("html"));
    if html_type || head.starts_with("<html") || head.starts_with("<!doctype") {
        return BodyKind::Html;
    }
    if answer.truncated && (body.starts_with('{') || body.starts_with('[')) {
        return BodyKind::TruncatedJson;
    }
    BodyKind::Text
}

/// A failed `POST /services/oauth2/token` → catalog code (`client_secret_invalid`, …).
pub fn token_error(answer: &Answer<'_>) -> C {
    let kind = body_kind(answer);
    if kind == BodyKind::Html {
        return if answer.status >= 500 {
            C::ServiceUnavailable
        } else {
            C::UnknownResponse
        };
    }
    if let Some((error, description)) = oauth_error(answer.body) {
        if let Some(code) = oauth_code(&error, &description) {
            return code;
        }
        return match answer.status {
            429 => C::RateLimited,
            503 => C::ServiceUnavailable,
            500..=599 => C::ServerError,
            _ => C::TokenErrorOther,
        };
    }
    match answer.status {
        429 => C::RateLimited,
        503 => C::ServiceUnavailable,
        500..=599 => C::ServerError,
        _ if answer.body.to_ascii_lowercase().contains("rate exceeded") => C::RateLimited,
        _ => C::UnknownResponse,
    }
}

/// Salesforce's OAuth errors for this flow: `error` + `error_description` → code.
fn oauth_code(error: &O, description: &str) -> Option<C> {
    let d = description.to_lowercase();
    // A frozen Run As user: what the token endpoint answers is unconfirmed (`invalid_grant` /
    // `user is frozen` is the likely form), so any error whose description says "frozen" counts.
    if d.contains("frozen") {
        return Some(C::RunAsUserFrozen);
    }
    Some(match error {
        O::InvalidClientId => C::ClientIdInvalid,
        O::InvalidClient if d.contains("client identifier invalid") => C::ClientIdInvalid,
        O::InvalidClient => C::ClientSecretInvalid,
        O::InvalidGrant => {
            if d.contains("request not supported on this domain") {
                C::NotMyDomain
            } else if d.contains("no client credentials user enabled") {
                C::RunAsUserMissing
            } else if d.contains("no valid scopes") {
                C::NoValidScopes
            } else if d.contains("ip restricted") {
                C::IpRestricted
            } else if d.contains("inactive organization") {
                C::OrgInactive
            } else if d.contains("inactive user") {
                C::RunAsUserInactive
            } else if d.contains("approved this consumer") {
                // "hasn't" comes with a straight or a curly apostrophe.
                C::UserNotApproved
            } else {
                return None;
            }
        }
        O::InvalidAppAccess => C::UserNotPreauthorized,
        O::OauthFlowDisabled => C::FlowDisabled,
        O::UnsupportedGrantType => C::UnsupportedGrantType,
        O::InvalidRequest if d.contains("scope parameter not supported") => C::ScopeParameterSent,
        O::AppNotFound => C::AppNotFound,
        O::InvalidBasicAuthHeader => C::InvalidBasicAuthHeader,
        O::AppBlocked | O::FailCloseAppBlocked => C::AppBlocked,
        O::ServerError | O::UnknownError => C::ServerError,
        O::ServiceUnavailable | O::SystemDown => C::ServiceUnavailable,
        O::SlowDown => C::RateLimited,
        _ => return None,
    })
}

/// A failed REST call (any step after the token) → catalog code. The step matters:
/// `INSUFFICIENT_ACCESS_OR_READONLY` on create is `record_create_denied`, on delete
/// `record_delete_denied`.
pub fn rest_error(step: StepId, answer: &Answer<'_>) -> C {
    let kind = body_kind(answer);
    // Read-only maintenance names itself whatever the status (unconfirmed: 503 or 400), so it
    // is read before a 503 is taken for an org that is down.
    if rest_error_fields(answer.body)
        .is_some_and(|(code, _)| code == R::InsertUpdateDeleteNotAllowedDuringMaintenance)
    {
        return C::OrgReadOnlyMaintenance;
    }
    let unavailable = answer.status == 503 || (kind == BodyKind::Html && answer.status >= 500);
    if unavailable {
        return C::ServiceUnavailable;
    }
    if step == StepId::Revoke {
        // unsupported_token_type / invalid_token, or anything else: the token just stays
        // valid until the session timeout.
        return C::RevokeFailed;
    }
    if let Some((code, message)) = rest_error_fields(answer.body) {
        if let Some(mapped) = rest_code(step, &code, &message) {
            return mapped;
        }
    }
    if kind == BodyKind::Text && answer.body.trim().eq_ignore_ascii_case("Bad_OAuth_Token") {
        return C::SessionInvalid;
    }
    if step == StepId::Reachability {
        // `/services/data/` needs no auth: any other failure means something else answered.
        return C::NotSalesforce;
    }
    match answer.status {
        429 => C::RateLimited,
        // A bare 401 is the token being refused; on userinfo it may be a missing scope, which
        // the identity step falls back from, so it is not called a session problem there.
        401 if step != StepId::Identity && kind != BodyKind::Html => C::SessionInvalid,
        500..=599 => C::ServerError,
        _ => C::UnknownResponse,
    }
}

/// The errorCodes of a Transaction Security policy's actions (Block, end the session, ask for
/// MFA), on any REST call.
pub fn txn_security_code(error_code: &R) -> Option<C> {
    match error_code {
        R::TxnSecurityNoAccess => Some(C::TxnSecurityBlocked),
        R::TxnSecurityEndASession => Some(C::TxnSecuritySessionEnded),
        R::TxnSecurityTwoFaRequired => Some(C::TxnSecurityMfaRequired),
        _ => None,
    }
}

/// REST `errorCode` (+ message) → code, by step.
fn rest_code(step: StepId, code: &R, message: &str) -> Option<C> {
    let m = message.to_lowercase();
    let scope_message = m.contains("scopes is required")
        || m.contains("not valid for use with the specified rest api endpoint");
    // The token is fine but API use is not allowed (API Access Control, or no API Enabled).
    let blocked_message = m.contains("not valid for use with the rest api");
    if let Some(txn) = txn_security_code(code) {
        return Some(txn);
    }
    Some(match code {
        R::InvalidSessionId if scope_message && step == StepId::Identity => C::OpenidScopeMissing,
        R::InvalidSessionId if scope_message => C::ApiScopeMissing,
        R::InvalidSessionId if blocked_message && step != StepId::Identity => C::ApiAccessBlocked,
        R::InvalidSessionId | R::InvalidAuthHeader => C::SessionInvalid,
        R::ApiDisabledForOrg => C::ApiDisabledOrg,
        R::ApiCurrentlyDisabled => C::ApiDisabledUser,
        R::RequestLimitExceeded => C::ApiLimitExceeded,
        R::InsufficientAccessOrReadonly | R::InsufficientAccess => match step {
            StepId::Create => C::RecordCreateDenied,
            StepId::Delete => C::RecordDeleteDenied,
            StepId::Read | StepId::Describe => C::RecordReadDenied,
            StepId::ApiAccess => C::LimitsAccessDenied,
            _ => return None,
        },
        R::InsufficientAccessOnCrossReferenceEntity => C::CrossReferenceDenied,
        R::FieldCustomValidationException => C::RecordValidationFailed,
        R::CannotInsertUpdateActivateEntity => C::RecordAutomationFailed,
        R::DuplicatesDetected => C::RecordDuplicateBlocked,
        R::RequiredFieldMissing => C::RequiredFieldMissing,
        R::InvalidField | R::InvalidFieldForInsertUpdate => C::InvalidField,
        R::InvalidType => C::ObjectNotFound,
        R::NotFound | R::EntityIsDeleted => match step {
            StepId::Describe | StepId::Create => C::ObjectNotFound,
            StepId::Read | StepId::Delete => C::RecordNotFound,
            StepId::ApiAccess => C::ApiVersionNotFound,
            _ => return None,
        },
        R::DeleteFailed => C::RecordDeleteDenied,
        R::StringTooLong
        | R::InvalidOrNullForRestrictedPicklist
        | R::FieldIntegrityException
        | R::InvalidTypeOnFieldInRecord
        | R::MalformedId
        | R::NumberOutsideValidRange
        | R::InvalidEmailAddress
        | R::DuplicateValue
        | R::InvalidCrossReferenceKey
        | R::JsonParserError => C::RecordValueRejected,
        R::UnknownException => C::ServerError,
        R::ServerUnavailable => C::ServiceUnavailable,
        _ => return None,
    })
}

/// `{"error": …, "error_description": …}` from the OAuth endpoints.
pub fn oauth_error(body: &str) -> Option<(O, String)> {
    let e: wire::OAuthError = wire::parse(body)?;
    Some((e.error, e.error_description.unwrap_or_default()))
}

/// The first `{"errorCode", "message"}` of a REST error array (or a single such object).
pub fn rest_error_fields(body: &str) -> Option<(R, String)> {
    let first = wire::rest_errors(body)?.into_iter().next()?;
    Some((first.error_code, first.message.unwrap_or_default()))
}

impl SfResponse {
    /// The view the classifier works on (the raw body: classification reads, never shows it).
    pub fn answer(&self) -> Answer<'_> {
        Answer {
            status: self.status,
            content_type: self.content_type.as_deref(),
            body: self.raw_body(),
            truncated: self.truncated,
        }
    }

    /// Raw details for a diagnosis: the body with every secret masked, cut to 4 KiB.
    pub fn details(&self) -> RawDetails {
        RawDetails {
            status: Some(self.status),
            content_type: self.content_type.clone(),
            body: cut_bytes(self.masked_body(), DETAILS_MAX_BYTES),
            body_kind: body_kind(&self.answer()),
            request: Some(self.request.clone()),
        }
    }
}

/// At most `max` bytes, cut on a char boundary, ending in a marker when cut.
fn cut_bytes(mut text: String, max: usize) -> String {
    const MARK: &str = "… [cut]";
    if text.len() <= max {
        return text;
    }
    let mut end = max.saturating_sub(MARK.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text.push_str(MARK);
    text
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const JSON: Option<&str> = Some("application/json;charset=UTF-8");

    fn answer(
        status: u16,
        content_type: Option<&'static str>,
        body: &'static str,
    ) -> Answer<'static> {
        Answer {
            status,
            content_type,
            body,
            truncated: false,
        }
    }

    #[test]
    fn body_kinds_are_named_from_the_body() {
        assert_eq!(body_kind(&answer(200, JSON, r#"{"a":1}"#)), "json");
        assert_eq!(body_kind(&answer(200, None, "  [1, 2] ")), "json");
        assert_eq!(
            body_kind(&answer(
                503,
                Some("text/html; charset=UTF-8"),
                "Down for maintenance"
            )),
            "html"
        );
        assert_eq!(
            body_kind(&answer(503, None, "<!DOCTYPE html><html>")),
            "html"
        );
        assert_eq!(body_kind(&answer(503, None, "\n<HTML><body>x")), "html");
        assert_eq!(
            body_kind(&answer(403, Some("text/plain"), "Bad_OAuth_Token")),
            "text"
        );
        assert_eq!(body_kind(&answer(204, None, "")), "empty");
        assert_eq!(body_kind(&answer(200, None, "  \n")), "empty");
        assert_eq!(body_kind(&answer(200, JSON, r#"{"a":"#)), "text");
        let cut = Answer {
            truncated: true,
            ..answer(200, JSON, r#"[{"a":"#)
        };
        assert_eq!(body_kind(&cut), "truncated_json");
    }

    /// Every token error Salesforce documents for this flow, verbatim.
    #[rustfmt::skip]
    const TOKEN_ROWS: &[(&str, &str, &str)] = &[
        ("invalid_client_id", "client identifier invalid", "client_id_invalid"),
        ("invalid_client", "invalid client credentials", "client_secret_invalid"),
        ("invalid_grant", "request not supported on this domain", "not_my_domain"),
        ("invalid_grant", "no client credentials user enabled", "run_as_user_missing"),
        ("invalid_grant", "no valid scopes defined", "no_valid_scopes"),
        ("invalid_grant", "ip restricted", "ip_restricted"),
        ("invalid_grant", "inactive user", "run_as_user_inactive"),
        ("invalid_grant", "inactive organization", "org_inactive"),
        ("invalid_grant", "user hasn't approved this consumer", "user_not_approved"),
        ("invalid_grant", "user hasn’t approved this consumer", "user_not_approved"),
        ("invalid_grant", "IP Restricted", "ip_restricted"),
        ("invalid_grant", "authentication failure", "token_error_other"),
        ("invalid_app_access", "user is not admin approved to access this app", "user_not_preauthorized"),
        ("oauth_flow_disabled", "The external client app or the OAuth plugin is disabled.", "flow_disabled"),
        ("unsupported_grant_type", "grant type not supported", "unsupported_grant_type"),
        ("invalid_request", "scope parameter not supported", "scope_parameter_sent"),
        ("invalid_request", "something else", "token_error_other"),
        ("app_not_found", "", "app_not_found"),
        ("invalid_basic_auth_header", "bad header", "invalid_basic_auth_header"),
        ("access_denied", "end-user denied authorization", "token_error_other"),
        ("app_blocked", "", "app_blocked"),
        ("fail_close_app_blocked", "", "app_blocked"),
        ("ecapp_policy_not_found", "", "token_error_other"),
        ("invalid_scope", "", "token_error_other"),
        ("oauth_policy_not_found", "", "token_error_other"),
        ("server_error", "", "server_error"),
        ("unknown_error", "", "server_error"),
        ("service_unavailable", "", "service_unavailable"),
        ("system_down", "", "service_unavailable"),
        ("slow_down", "", "rate_limited"),
        ("brand_new_error", "", "token_error_other"),
        // A frozen Run As user: the exact answer is unconfirmed, any description saying
        // "frozen" counts (the simulated org sends the first form).
        ("invalid_grant", "user is frozen", "run_as_user_frozen"),
        ("invalid_grant", "User is Frozen", "run_as_user_frozen"),
        ("invalid_grant", "this user is frozen by Salesforce", "run_as_user_frozen"),
        ("access_denied", "user frozen", "run_as_user_frozen"),
    ];

    #[test]
    fn token_errors_follow_the_facts_table() {
        for (error, description, expected) in TOKEN_ROWS {
            let body =
                serde_json::json!({"error": error, "error_description": description}).to_string();
            let a = Answer {
                status: 400,
                content_type: JSON,
                body: &body,
                truncated: false,
            };
            assert_eq!(token_error(&a), *expected, "{error} / {description}");
        }
    }

    #[test]
    fn token_errors_by_status_and_body() {
        let maintenance = answer(
            503,
            Some("text/html"),
            "<html><body>Down for maintenance</body></html>",
        );
        assert_eq!(token_error(&maintenance), "service_unavailable");
        assert_eq!(
            token_error(&answer(502, None, "<!DOCTYPE html>bad gateway")),
            "service_unavailable"
        );
        assert_eq!(
            token_error(&answer(400, Some("text/html"), "<html>proxy</html>")),
            "unknown_response"
        );
        assert_eq!(
            token_error(&answer(500, JSON, r#"{"message":"boom"}"#)),
            "server_error"
        );
        assert_eq!(
            token_error(&answer(
                500,
                JSON,
                r#"{"error":"weird","error_description":""}"#
            )),
            "server_error"
        );
        assert_eq!(token_error(&answer(429, None, "")), "rate_limited");
        assert_eq!(
            token_error(&answer(400, Some("text/plain"), "Login Rate Exceeded")),
            "rate_limited"
        );
        assert_eq!(
            token_error(&answer(400, Some("text/plain"), "nope")),
            "unknown_response"
        );
        assert_eq!(
            token_error(&answer(400, JSON, r#"[{"errorCode":"X"}]"#)),
            "unknown_response"
        );
        let cut = Answer {
            truncated: true,
            ..answer(400, JSON, r#"{"error":"invalid_cl"#)
        };
        assert_eq!(token_error(&cut), "unknown_response");
    }

    fn rest(status: u16, code: &str, message: &str) -> (u16, String) {
        let body = serde_json::json!([{"message": message, "errorCode": code, "fields": []}]);
        (status, body.to_string())
    }

    fn classify(step: StepId, (status, body): &(u16, String)) -> C {
        rest_error(
            step,
            &Answer {
                status: *status,
                content_type: JSON,
                body,
                truncated: false,
            },
        )
    }

    #[test]
    fn rest_errors_use_the_verbatim_strings() {
        use StepId::*;
        let scope = rest(401, "INVALID_SESSION_ID", "This session is not valid for use with the specified REST API endpoint. One of the following scopes is required: Manage user data via APIs, Full access");
        assert_eq!(classify(ApiAccess, &scope), "api_scope_missing");
        assert_eq!(classify(Create, &scope), "api_scope_missing");
        assert_eq!(classify(Identity, &scope), "openid_scope_missing");
        // API Access Control or no API Enabled: a valid token that may not use the REST API.
        let blocked = rest(
            401,
            "INVALID_SESSION_ID",
            "This session is not valid for use with the REST API",
        );
        assert_eq!(classify(ApiAccess, &blocked), "api_access_blocked");
        assert_eq!(classify(Describe, &blocked), "api_access_blocked");
        let no_read = rest(
            400,
            "INVALID_TYPE",
            "sObject type 'Account' is not supported.",
        );
        assert_eq!(classify(Describe, &no_read), "object_not_found");
        assert_eq!(classify(Create, &no_read), "object_not_found");
        let expired = rest(401, "INVALID_SESSION_ID", "Session expired or invalid");
        assert_eq!(classify(ApiAccess, &expired), "session_invalid");
        assert_eq!(classify(Identity, &expired), "session_invalid");
        assert_eq!(
            classify(
                ApiAccess,
                &rest(
                    403,
                    "API_DISABLED_FOR_ORG",
                    "The REST API is not enabled for this Organization."
                )
            ),
            "api_disabled_org"
        );
        assert_eq!(
            classify(
                ApiAccess,
                &rest(
                    403,
                    "API_CURRENTLY_DISABLED",
                    "API is disabled for this User"
                )
            ),
            "api_disabled_user"
        );
        assert_eq!(
            classify(
                Create,
                &rest(
                    400,
                    "REQUIRED_FIELD_MISSING",
                    "Required fields are missing: [Name]"
                )
            ),
            "required_field_missing"
        );
        assert_eq!(
            classify(
                ApiAccess,
                &rest(
                    403,
                    "REQUEST_LIMIT_EXCEEDED",
                    "TotalRequests Limit exceeded."
                )
            ),
            "api_limit_exceeded"
        );
        assert_eq!(
            classify(
                Read,
                &rest(404, "NOT_FOUND", "The requested resource does not exist")
            ),
            "record_not_found"
        );
        assert_eq!(
            classify(
                Describe,
                &rest(404, "NOT_FOUND", "The requested resource does not exist")
            ),
            "object_not_found"
        );
        assert_eq!(
            classify(
                ApiAccess,
                &rest(404, "NOT_FOUND", "The requested resource does not exist")
            ),
            "api_version_not_found"
        );
        assert_eq!(
            classify(
                Describe,
                &rest(
                    400,
                    "INVALID_TYPE",
                    "sObject type 'Foo__c' is not supported."
                )
            ),
            "object_not_found"
        );
        assert_eq!(
            classify(Delete, &rest(404, "ENTITY_IS_DELETED", "entity is deleted")),
            "record_not_found"
        );
        assert_eq!(
            classify(
                Create,
                &rest(400, "DUPLICATES_DETECTED", "Use one of these records?")
            ),
            "record_duplicate_blocked"
        );
        assert_eq!(
            classify(
                Create,
                &rest(
                    400,
                    "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                    "Account number is required"
                )
            ),
            "record_validation_failed"
        );
        assert_eq!(
            classify(
                Create,
                &rest(
                    400,
                    "INVALID_FIELD",
                    "No such column 'X' on entity 'Account'"
                )
            ),
            "invalid_field"
        );
        assert_eq!(
            classify(
                Create,
                &rest(
                    400,
                    "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY",
                    "insufficient access rights on cross-reference id"
                )
            ),
            "cross_reference_denied"
        );
        assert_eq!(
            classify(Create, &rest(401, "INVALID_AUTH_HEADER", "x")),
            "session_invalid"
        );
        assert_eq!(
            classify(
                Create,
                &rest(400, "STRING_TOO_LONG", "Name: data value too large")
            ),
            "record_value_rejected"
        );
        assert_eq!(
            classify(
                Create,
                &rest(
                    400,
                    "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
                    "MyTrigger: execution of AfterInsert"
                )
            ),
            "record_automation_failed"
        );
        assert_eq!(
            classify(Create, &rest(400, "SOMETHING_NEW", "?")),
            "unknown_response"
        );
    }

    /// Transaction Security refuses any REST call of the check; the errorCode says which
    /// action the policy took. TXN_SECURITY_NO_ACCESS is verbatim from a real org; the
    /// siblings' messages are not known, so only their errorCode is relied on.
    #[test]
    fn transaction_security_is_named_on_every_rest_step() {
        use StepId::*;
        let blocked = rest(
            403,
            "TXN_SECURITY_NO_ACCESS",
            "The operation you requested isn't allowed due to a security policy in your organization. Contact your administrator.",
        );
        let ended = rest(
            403,
            "TXN_SECURITY_END_A_SESSION",
            "Your session was ended by a security policy.",
        );
        let mfa = rest(
            403,
            "TXN_SECURITY_TWO_FA_REQUIRED",
            "A security policy requires two-factor authentication.",
        );
        for step in [Identity, ApiAccess, Describe, Create, Read, Delete] {
            assert_eq!(classify(step, &blocked), "txn_security_blocked", "{step:?}");
            assert_eq!(
                classify(step, &ended),
                "txn_security_session_ended",
                "{step:?}"
            );
            assert_eq!(
                classify(step, &mfa),
                "txn_security_mfa_required",
                "{step:?}"
            );
        }
        // As the fact sheet shows it: no `fields`, errorCode after message or before it.
        let bare = answer(
            403,
            JSON,
            r#"[{"errorCode":"TXN_SECURITY_NO_ACCESS","message":"The operation you requested isn't allowed due to a security policy in your organization. Contact your administrator."}]"#,
        );
        assert_eq!(rest_error(Create, &bare), "txn_security_blocked");
        // The revoke step keeps its own meaning.
        assert_eq!(classify(Revoke, &blocked), "revoke_failed");
    }

    /// Writes refused in a read-only maintenance window. The status is unconfirmed (503 or
    /// 400): both are read by the errorCode. The message is as a public capture shows it.
    #[test]
    fn read_only_maintenance_is_named_whatever_the_status() {
        use StepId::*;
        let message =
            "Updates can’t be made during maintenance. Try again when maintenance is complete";
        for status in [503, 400, 403] {
            let r = rest(
                status,
                "INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE",
                message,
            );
            for step in [Create, Delete, Read, Describe] {
                assert_eq!(
                    classify(step, &r),
                    "org_read_only_maintenance",
                    "{status} {step:?}"
                );
            }
        }
        // A single error object (not an array) is read too.
        let single = answer(
            503,
            JSON,
            r#"{"errorCode":"INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE","message":"x"}"#,
        );
        assert_eq!(rest_error(Create, &single), "org_read_only_maintenance");
        // A 503 that says nothing of it is still an org that is down.
        assert_eq!(
            rest_error(
                Create,
                &answer(503, Some("text/html"), "<html>Down for maintenance</html>")
            ),
            "service_unavailable"
        );
        assert_eq!(
            classify(Create, &rest(503, "SERVER_UNAVAILABLE", "down")),
            "service_unavailable"
        );
    }

    #[test]
    fn insufficient_access_depends_on_the_step() {
        use StepId::*;
        for (status, step, expected) in [
            (400, Create, "record_create_denied"),
            (403, Create, "record_create_denied"),
            (403, Delete, "record_delete_denied"),
            (400, Delete, "record_delete_denied"),
            (403, Read, "record_read_denied"),
            (403, Describe, "record_read_denied"),
            (403, ApiAccess, "limits_access_denied"),
            (403, Identity, "unknown_response"),
        ] {
            let r = rest(
                status,
                "INSUFFICIENT_ACCESS_OR_READONLY",
                "insufficient access rights on object id",
            );
            assert_eq!(classify(step, &r), expected, "{step:?} {status}");
        }
    }

    #[test]
    fn rest_errors_by_status_and_body() {
        use StepId::*;
        let maintenance = answer(503, Some("text/html"), "<html>maintenance</html>");
        for step in StepId::ALL {
            assert_eq!(
                rest_error(step, &maintenance),
                "service_unavailable",
                "{step:?}"
            );
        }
        let bad_token = answer(403, Some("text/plain"), "Bad_OAuth_Token");
        assert_eq!(rest_error(Identity, &bad_token), "session_invalid");
        assert_eq!(rest_error(ApiAccess, &bad_token), "session_invalid");
        assert_eq!(
            rest_error(Create, &answer(401, None, "")),
            "session_invalid"
        );
        // userinfo without openid may answer a bare 401/403: the identity step falls back.
        assert_eq!(
            rest_error(Identity, &answer(401, None, "")),
            "unknown_response"
        );
        assert_eq!(
            rest_error(Identity, &answer(403, Some("text/plain"), "Forbidden")),
            "unknown_response"
        );
        assert_eq!(
            rest_error(
                Create,
                &answer(
                    500,
                    JSON,
                    r#"[{"errorCode":"UNKNOWN_EXCEPTION","message":"An unexpected error occurred"}]"#
                )
            ),
            "server_error"
        );
        assert_eq!(
            rest_error(Read, &answer(500, Some("text/plain"), "oops")),
            "server_error"
        );
        assert_eq!(
            rest_error(
                Read,
                &answer(404, Some("text/html"), "<html>not here</html>")
            ),
            "unknown_response"
        );
        assert_eq!(
            rest_error(
                Reachability,
                &answer(404, Some("text/html"), "<html>portal</html>")
            ),
            "not_salesforce"
        );
        assert_eq!(
            rest_error(Reachability, &answer(401, None, "")),
            "not_salesforce"
        );
        assert_eq!(
            rest_error(
                Revoke,
                &answer(
                    400,
                    JSON,
                    r#"{"error":"unsupported_token_type","error_description":"this token type is not supported"}"#
                )
            ),
            "revoke_failed"
        );
        assert_eq!(
            rest_error(
                Revoke,
                &answer(
                    400,
                    JSON,
                    r#"{"error":"invalid_token","error_description":"invalid token"}"#
                )
            ),
            "revoke_failed"
        );
    }

    #[test]
    fn details_cut_on_a_char_boundary() {
        let long = "é".repeat(5000); // 10,000 bytes
        let cut = cut_bytes(long.clone(), DETAILS_MAX_BYTES);
        assert!(cut.len() <= DETAILS_MAX_BYTES, "{}", cut.len());
        assert!(cut.ends_with("[cut]"));
        assert!(cut.starts_with("éé"));
        assert_eq!(cut_bytes("short".into(), DETAILS_MAX_BYTES), "short");
    }

    #[test]
    fn error_fields_are_parsed() {
        assert_eq!(
            oauth_error(
                r#"{"error":"invalid_client","error_description":"invalid client credentials"}"#
            ),
            Some(("invalid_client".into(), "invalid client credentials".into()))
        );
        assert_eq!(oauth_error("[1]"), None);
        assert_eq!(
            rest_error_fields(r#"[{"message":"m","errorCode":"NOT_FOUND"}]"#),
            Some(("NOT_FOUND".into(), "m".into()))
        );
        assert_eq!(
            rest_error_fields(r#"{"message":"m","errorCode":"X"}"#),
            Some(("X".into(), "m".into()))
        );
        assert_eq!(rest_error_fields("[]"), None);
    }
}
