//! Who the token runs as: userinfo (needs openid), else the `id` URL on the org host, else the
//! ids in the token's `id`. Missing scopes are not a failure; a rejected token is.

use super::failure::{Failure, Outcome, Passed};
use super::org::{Ctx, Session};
use crate::classify;
use crate::client::SfResponse;
use crate::codes::DiagnosisCode;
use crate::salesforce::services;
use crate::salesforce::wire::IdentityAnswer;
use crate::types::{Identity, IdentitySource, StepId};

pub(crate) async fn identity(ctx: &Ctx<'_>, session: &Session) -> Outcome<Identity> {
    let mut rejected: Option<Failure> = None;
    let mut notes = Vec::new();

    let userinfo = ctx
        .abortable(
            ctx.client
                .get(services::OAUTH_USERINFO, Some(&session.token)),
        )
        .await?;
    match userinfo {
        Ok(resp) => {
            if let Some(found) = parse(&resp, IdentitySource::Userinfo) {
                return Ok(passed(found, &notes));
            }
            rejected = rejection(&resp);
            notes.push(format!("userinfo answered {}", resp.status));
        }
        Err(e) => notes.push(format!("userinfo: {}", e.code())),
    }

    if let Some(path) = session.id.as_deref().and_then(services::id_path) {
        match ctx
            .abortable(ctx.client.get(&path, Some(&session.token)))
            .await?
        {
            Ok(resp) => {
                if let Some(found) = parse(&resp, IdentitySource::IdUrl) {
                    return Ok(passed(found, &notes));
                }
                rejected = rejection(&resp).or(rejected);
                notes.push(format!("the id URL answered {}", resp.status));
            }
            Err(e) => notes.push(format!("id URL: {}", e.code())),
        }
    }

    if let Some(failure) = rejected {
        return Err(failure.into());
    }
    let Some((org_id, user_id)) = session.id.as_deref().and_then(services::ids_from_token_id)
    else {
        return Err(Failure {
            code: DiagnosisCode::UnknownResponse,
            summary: "the token answer names no user (no usable `id`)".into(),
            details: None,
        }
        .into());
    };
    let found = Identity {
        username: None,
        user_id,
        org_id,
        display_name: None,
        email: None,
        is_integration_user: None,
        user_type: None,
        active: None,
        source: IdentitySource::TokenId,
    };
    Ok(passed(found, &notes))
}

/// The token itself was refused (`Bad_OAuth_Token`, `INVALID_SESSION_ID`), or a Transaction
/// Security policy refused the call (`TXN_SECURITY_…`): a real failure, not a missing scope.
fn rejection(resp: &SfResponse) -> Option<Failure> {
    if !matches!(resp.status, 401 | 403) {
        return None;
    }
    let code = classify::rest_error(StepId::Identity, &resp.answer());
    refuses(code).then(|| Failure::answer(code, resp))
}

/// The identity answers that fail the step (the others fall back to the next source).
fn refuses(code: DiagnosisCode) -> bool {
    matches!(
        code,
        DiagnosisCode::SessionInvalid
            | DiagnosisCode::TxnSecurityBlocked
            | DiagnosisCode::TxnSecuritySessionEnded
            | DiagnosisCode::TxnSecurityMfaRequired
    )
}

fn parse(resp: &SfResponse, source: IdentitySource) -> Option<Identity> {
    if !resp.is_success() {
        return None;
    }
    let v: IdentityAnswer = resp.json()?;
    Some(Identity {
        username: v.preferred_username.or(v.username),
        user_id: v.user_id,
        org_id: v.organization_id,
        display_name: v.name.or(v.display_name),
        email: v.email,
        is_integration_user: v.is_salesforce_integration_user,
        user_type: v.user_type,
        active: v.active,
        source,
    })
}

fn passed(found: Identity, notes: &[String]) -> Passed<Identity> {
    let mut summary = match (&found.username, found.source) {
        (Some(name), _) => name.clone(),
        (None, _) => format!("user {} in org {}", found.user_id, found.org_id),
    };
    if found.is_integration_user == Some(true) {
        summary.push_str(" (integration user)");
    }
    if found.active == Some(false) {
        summary.push_str(", inactive");
    }
    if found.source == IdentitySource::TokenId {
        summary.push_str(" — ids only; add the openid or id scope to see the username");
    }
    if !notes.is_empty() && found.source != IdentitySource::Userinfo {
        tracing::debug!(notes = %notes.join("; "), "identity fallbacks");
    }
    Passed::new(found, summary)
}

#[cfg(test)]
mod tests {
    use super::refuses;
    use crate::classify::{rest_error, Answer};
    use crate::types::StepId;

    /// A refused token or a Transaction Security policy fails the step; a userinfo without the
    /// openid scope (a bare 401/403) falls back to the id URL.
    #[test]
    fn a_policy_refusal_fails_identity_a_missing_scope_does_not() {
        let code = |status: u16, body: &str| {
            rest_error(
                StepId::Identity,
                &Answer {
                    status,
                    content_type: Some("application/json"),
                    body,
                    truncated: false,
                },
            )
        };
        for txn in [
            "TXN_SECURITY_NO_ACCESS",
            "TXN_SECURITY_END_A_SESSION",
            "TXN_SECURITY_TWO_FA_REQUIRED",
        ] {
            let body = format!(r#"[{{"errorCode":"{txn}","message":"policy"}}]"#);
            assert!(refuses(code(403, &body)), "{txn}");
        }
        assert!(refuses(code(403, "Bad_OAuth_Token")));
        assert!(!refuses(code(403, "Forbidden")));
        assert!(!refuses(code(401, "")));
    }
}
