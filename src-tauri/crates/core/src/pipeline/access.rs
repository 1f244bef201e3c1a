//! A cheap authenticated REST call: `GET /services/data/vNN.0/limits/` proves the `api` scope
//! and API Enabled. It also needs "View Setup and Configuration", which an integration user may
//! lack; that 403 still proves the API answers, so the step passes and says so.

use super::failure::{Failure, Halt, Outcome, Passed};
use super::org::{Ctx, Session};
use crate::classify;
use crate::salesforce::errors::RestErrorCode;
use crate::salesforce::{services, wire, ApiVersion};
use crate::types::StepId;

pub(crate) async fn api_access(
    ctx: &Ctx<'_>,
    session: &Session,
    version: ApiVersion,
) -> Outcome<()> {
    let path = services::limits(version);
    let resp = ctx
        .abortable(ctx.client.get(&path, Some(&session.token)))
        .await?
        .map_err(|e| Halt::from(&e))?;
    let usage = resp
        .api_usage
        .map(|u| format!("; API requests used: {} of {}", u.used, u.max))
        .unwrap_or_default();
    if resp.is_success() {
        return Ok(Passed::new(
            (),
            format!("REST API v{version} answers{usage}"),
        ));
    }
    if resp.status == 403 && lacks_view_setup(resp.raw_body()) {
        return Ok(Passed::new(
            (),
            format!("REST API v{version} answers; the Run As user cannot read /limits (no View Setup and Configuration), which this app does not need{usage}"),
        ));
    }
    let code = classify::rest_error(StepId::ApiAccess, &resp.answer());
    Err(Failure::answer(code, &resp).into())
}

/// A JSON REST error that is not about the API itself, the limits, the session or a
/// Transaction Security policy.
fn lacks_view_setup(body: &str) -> bool {
    let Some(errors) = wire::rest_errors(body) else {
        return false;
    };
    errors.iter().map(|e| &e.error_code).all(|c| {
        !c.is_api_disabled()
            && classify::txn_security_code(c).is_none()
            && !matches!(
                c,
                RestErrorCode::RequestLimitExceeded
                    | RestErrorCode::InvalidSessionId
                    | RestErrorCode::InvalidAuthHeader
            )
    })
}

#[cfg(test)]
mod tests {
    use super::lacks_view_setup;

    #[test]
    fn only_permission_errors_count_as_missing_view_setup() {
        assert!(lacks_view_setup(
            r#"[{"errorCode":"INSUFFICIENT_ACCESS","message":"no"}]"#
        ));
        assert!(!lacks_view_setup(
            r#"[{"errorCode":"API_DISABLED_FOR_ORG","message":"no"}]"#
        ));
        assert!(!lacks_view_setup(
            r#"[{"errorCode":"API_CURRENTLY_DISABLED","message":"no"}]"#
        ));
        assert!(!lacks_view_setup(
            r#"[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"no"}]"#
        ));
        for txn in [
            "TXN_SECURITY_NO_ACCESS",
            "TXN_SECURITY_END_A_SESSION",
            "TXN_SECURITY_TWO_FA_REQUIRED",
        ] {
            let body = format!(r#"[{{"errorCode":"{txn}","message":"no"}}]"#);
            assert!(!lacks_view_setup(&body), "{txn}");
        }
        assert!(!lacks_view_setup("Bad_OAuth_Token"));
        assert!(!lacks_view_setup("<html>Forbidden</html>"));
    }
}
