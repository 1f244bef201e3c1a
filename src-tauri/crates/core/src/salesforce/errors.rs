//! Salesforce's error kinds as enums, read once from the answer: the `error` of the OAuth
//! endpoints (token, revoke) and the `errorCode` of REST error arrays (SOAP faults' `sf:CODE`
//! share that list). A kind this version does not know stays readable as `Other(text)`, the
//! way oauth2-rs keeps `BasicErrorResponseType::Extension`.

use std::fmt;

/// An enum of wire strings plus `Other(String)`, deserialised from a string. `fold` is how a
/// string is compared with the known ones; `Other` keeps it as it came.
macro_rules! wire_kinds {
    (
        $(#[$meta:meta])*
        $name:ident, fold = $fold:expr, {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
        #[serde(from = "String")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A kind not listed above, as Salesforce wrote it.
            Other(String),
        }

        impl $name {
            /// The kind as Salesforce writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)*
                    Self::Other(text) => text,
                }
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                let fold: fn(&str) -> String = $fold;
                match fold(&text).as_str() {
                    $($text => Self::$variant,)*
                    _ => Self::Other(text),
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::from(text.to_string())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_kinds! {
    /// The `error` of an OAuth endpoint's answer. Matched without regard to case.
    OAuthErrorKind, fold = |text| text.to_ascii_lowercase(), {
        /// Wrong consumer key (or an app too new to be known yet).
        InvalidClientId = "invalid_client_id",
        /// Wrong consumer secret; sometimes a wrong key.
        InvalidClient = "invalid_client",
        /// The grant was refused: its description says why.
        InvalidGrant = "invalid_grant",
        InvalidAppAccess = "invalid_app_access",
        OauthFlowDisabled = "oauth_flow_disabled",
        UnsupportedGrantType = "unsupported_grant_type",
        InvalidRequest = "invalid_request",
        AppNotFound = "app_not_found",
        InvalidBasicAuthHeader = "invalid_basic_auth_header",
        AccessDenied = "access_denied",
        AppBlocked = "app_blocked",
        FailCloseAppBlocked = "fail_close_app_blocked",
        EcappPolicyNotFound = "ecapp_policy_not_found",
        OauthPolicyNotFound = "oauth_policy_not_found",
        InvalidScope = "invalid_scope",
        ServerError = "server_error",
        UnknownError = "unknown_error",
        ServiceUnavailable = "service_unavailable",
        SystemDown = "system_down",
        SlowDown = "slow_down",
        /// Revoke: the token is not one it revokes.
        UnsupportedTokenType = "unsupported_token_type",
        /// Revoke: the token is unknown or already revoked.
        InvalidToken = "invalid_token",
    }
}

wire_kinds! {
    /// The `errorCode` (`statusCode` in `/composite/sobjects`) of a REST error, or the code of
    /// a SOAP fault. Matched exactly: Salesforce writes them in capitals.
    RestErrorCode, fold = |text| text.to_string(), {
        InvalidSessionId = "INVALID_SESSION_ID",
        InvalidAuthHeader = "INVALID_AUTH_HEADER",
        ApiDisabledForOrg = "API_DISABLED_FOR_ORG",
        ApiCurrentlyDisabled = "API_CURRENTLY_DISABLED",
        RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED",
        InsufficientAccess = "INSUFFICIENT_ACCESS",
        InsufficientAccessOrReadonly = "INSUFFICIENT_ACCESS_OR_READONLY",
        InsufficientAccessOnCrossReferenceEntity = "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY",
        FieldCustomValidationException = "FIELD_CUSTOM_VALIDATION_EXCEPTION",
        CannotInsertUpdateActivateEntity = "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
        DuplicatesDetected = "DUPLICATES_DETECTED",
        RequiredFieldMissing = "REQUIRED_FIELD_MISSING",
        InvalidField = "INVALID_FIELD",
        InvalidFieldForInsertUpdate = "INVALID_FIELD_FOR_INSERT_UPDATE",
        InvalidType = "INVALID_TYPE",
        NotFound = "NOT_FOUND",
        EntityIsDeleted = "ENTITY_IS_DELETED",
        DeleteFailed = "DELETE_FAILED",
        StringTooLong = "STRING_TOO_LONG",
        InvalidOrNullForRestrictedPicklist = "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
        FieldIntegrityException = "FIELD_INTEGRITY_EXCEPTION",
        InvalidTypeOnFieldInRecord = "INVALID_TYPE_ON_FIELD_IN_RECORD",
        MalformedId = "MALFORMED_ID",
        NumberOutsideValidRange = "NUMBER_OUTSIDE_VALID_RANGE",
        InvalidEmailAddress = "INVALID_EMAIL_ADDRESS",
        DuplicateValue = "DUPLICATE_VALUE",
        InvalidCrossReferenceKey = "INVALID_CROSS_REFERENCE_KEY",
        JsonParserError = "JSON_PARSER_ERROR",
        UnknownException = "UNKNOWN_EXCEPTION",
        ServerUnavailable = "SERVER_UNAVAILABLE",
        /// A Transaction Security policy blocked the call.
        TxnSecurityNoAccess = "TXN_SECURITY_NO_ACCESS",
        /// A Transaction Security policy ended the session.
        TxnSecurityEndASession = "TXN_SECURITY_END_A_SESSION",
        /// A Transaction Security policy asks for MFA.
        TxnSecurityTwoFaRequired = "TXN_SECURITY_TWO_FA_REQUIRED",
        /// A write refused while the org is in read-only maintenance.
        InsertUpdateDeleteNotAllowedDuringMaintenance = "INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE",
        /// A composite sub-request not run because an earlier one failed.
        ProcessingHalted = "PROCESSING_HALTED",
    }
}

impl RestErrorCode {
    /// Any `INSUFFICIENT_ACCESS…` code, listed here or not: the login may not see it.
    pub fn is_insufficient_access(&self) -> bool {
        self.as_str().starts_with("INSUFFICIENT_ACCESS")
    }

    /// Any `API_…` code: the API itself is off, for the org or the user.
    pub fn is_api_disabled(&self) -> bool {
        self.as_str().starts_with("API_")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::salesforce::wire;

    #[test]
    fn oauth_kinds_are_read_from_the_answer_whatever_their_case() {
        let e: wire::OAuthError = wire::parse(
            r#"{"error":"invalid_client_id","error_description":"client identifier invalid"}"#,
        )
        .unwrap();
        assert_eq!(e.error, OAuthErrorKind::InvalidClientId);
        assert_eq!(
            OAuthErrorKind::from("Invalid_Grant"),
            OAuthErrorKind::InvalidGrant
        );
        assert_eq!(
            OAuthErrorKind::from("unsupported_token_type").as_str(),
            "unsupported_token_type"
        );
    }

    #[test]
    fn unknown_kinds_are_kept_as_they_came() {
        let e: wire::OAuthError = wire::parse(r#"{"error":"Brand_New_Error"}"#).unwrap();
        assert_eq!(e.error, OAuthErrorKind::Other("Brand_New_Error".into()));
        assert_eq!(e.error.to_string(), "Brand_New_Error");
        let code = RestErrorCode::from("INSUFFICIENT_ACCESS_TO_SOMETHING_NEW");
        assert_eq!(
            code,
            RestErrorCode::Other("INSUFFICIENT_ACCESS_TO_SOMETHING_NEW".into())
        );
        assert!(code.is_insufficient_access());
    }

    #[test]
    fn rest_codes_are_read_from_either_key_and_matched_exactly() {
        let errors = wire::rest_errors(
            r#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#,
        )
        .unwrap();
        assert_eq!(errors[0].error_code, RestErrorCode::InvalidSessionId);
        let composite =
            wire::rest_errors(r#"[{"statusCode":"DUPLICATES_DETECTED","message":"x"}]"#).unwrap();
        assert_eq!(composite[0].error_code, RestErrorCode::DuplicatesDetected);
        assert_eq!(
            RestErrorCode::from("not_found"),
            RestErrorCode::Other("not_found".into())
        );
        assert!(RestErrorCode::ApiCurrentlyDisabled.is_api_disabled());
        assert!(!RestErrorCode::NotFound.is_insufficient_access());
        assert_eq!(
            RestErrorCode::InsertUpdateDeleteNotAllowedDuringMaintenance.to_string(),
            "INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE"
        );
    }
}
