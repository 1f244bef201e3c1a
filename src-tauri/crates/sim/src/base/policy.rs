//! Refusals that come from the org's state rather than the app's setup: a Transaction Security
//! policy (Event Monitoring) that refuses the Run As user's calls, and a read-only maintenance
//! window that refuses every write. Both answer with a REST error array.

use axum::http::StatusCode;
use axum::response::Response;

use crate::base::reply;
use crate::base::scenario::Scenario;
use crate::base::state::Caller;

/// Verbatim from a real org (the facts file's "What changed in 2026").
pub(crate) const TXN_NO_ACCESS: &str = "The operation you requested isn't allowed due to a security policy in your organization. Contact your administrator.";
/// A model: the errorCode is Salesforce's, the message is not known (none was captured).
pub(crate) const TXN_TWO_FA: &str =
    "This operation requires a higher level of authentication due to a security policy in your organization.";
/// As a public capture shows it (an Apex DML error string, 2020s).
pub(crate) const MAINTENANCE: &str =
    "Updates can’t be made during maintenance. Try again when maintenance is complete";

/// What a call does, as a Transaction Security policy of the scenarios matches it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Call {
    /// `GET …/limits/` (an API read).
    Limits,
    /// `POST …/sobjects/X/` (a record create).
    Create,
}

/// The policy's refusal of the Run As user's `call` (admins' own logins are not matched).
pub(crate) fn txn_security(scenario: Scenario, caller: Caller, call: Call) -> Option<Response> {
    if caller != Caller::RunAs {
        return None;
    }
    let (code, message) = match (scenario, call) {
        (Scenario::TxnSecurityBlocked, Call::Create) => ("TXN_SECURITY_NO_ACCESS", TXN_NO_ACCESS),
        (Scenario::TxnSecurityMfa, Call::Limits) => ("TXN_SECURITY_TWO_FA_REQUIRED", TXN_TWO_FA),
        _ => return None,
    };
    Some(reply::rest_error(StatusCode::FORBIDDEN, code, message, &[]))
}

/// A write (create, delete) while the org is in read-only maintenance. The real status is
/// unconfirmed: 503 is used here (the engine reads the errorCode with 400 as well).
pub(crate) fn read_only(scenario: Scenario) -> Option<Response> {
    (scenario == Scenario::ReadOnlyMaintenance).then(|| {
        reply::rest_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE",
            MAINTENANCE,
            &[],
        )
    })
}
