//! The OAuth side of a run and its shared context: reachability, token, signature, revoke.

use super::failure::{Failure, Halt, Outcome, Passed};
use super::ownership::{ownership, Ownership};
use super::CheckConfig;
use crate::catalog;
use crate::classify;
use crate::client::{Body, Field, SfClient, SfResponse};
use crate::codes::DiagnosisCode;
use crate::domain::OrgDomain;
use crate::salesforce::services::{self, ApiVersion};
use crate::salesforce::wire::{ApiVersionEntry, TokenResponse};
use crate::secret::Secret;
use crate::signature::{self, SignatureCheck};
use crate::types::StepId;
use reqwest::Method;
use std::future::Future;
use tokio_util::sync::CancellationToken;

/// What every step of a run shares.
pub(crate) struct Ctx<'a> {
    pub config: &'a CheckConfig,
    pub domain: &'a OrgDomain,
    pub client: &'a SfClient,
    pub cancel: &'a CancellationToken,
}

impl Ctx<'_> {
    /// Await a read-only request unless the run is cancelled first. Requests that create
    /// something (token, record) are never abandoned this way: their answer is needed to clean up.
    pub async fn abortable<T>(&self, fut: impl Future<Output = T>) -> Result<T, Halt> {
        tokio::select! {
            biased;
            () = self.cancel.cancelled() => Err(Halt::Cancelled),
            value = fut => Ok(value),
        }
    }
}

/// The token response, the access token kept as a [`Secret`].
pub(crate) struct Session {
    pub token: Secret,
    /// JWT-based (`token_format: jwt`, or a JWT's shape): REST only, see [`crate::jwt`].
    pub jwt: bool,
    pub token_type: String,
    pub id: Option<String>,
    pub issued_at: Option<String>,
    pub signature: Option<String>,
    pub instance_url: Option<String>,
    pub scopes: Option<Vec<String>>,
    /// Whether the run may revoke it (Salesforce may answer with an earlier grant's session).
    pub ownership: Ownership,
}

/// The API versions the org serves with their release labels, newest last.
pub(crate) struct Versions {
    pub list: Vec<(ApiVersion, String)>,
}

impl Versions {
    pub fn latest(&self) -> Option<ApiVersion> {
        self.list.last().map(|(v, _)| *v)
    }

    pub fn label(&self, version: ApiVersion) -> Option<&str> {
        self.list
            .iter()
            .find(|(v, _)| *v == version)
            .map(|(_, l)| l.as_str())
    }
}

/// `GET /services/data/` without auth: resolves, TLS valid, answers like Salesforce.
/// While the token request is in flight: with a record, three steps run at once after it
/// (identity, API access, describe) but reachability and the token open only two connections,
/// so the third would pay its handshake (TCP, and TLS) on the critical path. An unauthenticated
/// `GET /services/data/` (no API request counted) opens it now; its answer is not needed.
pub(crate) async fn open_spare_connection(ctx: &Ctx<'_>, needed: bool) {
    if needed {
        let _ = ctx
            .abortable(ctx.client.get(services::VERSIONS, None))
            .await;
    }
}

pub(crate) async fn reachability(ctx: &Ctx<'_>) -> Outcome<Versions> {
    let resp = ctx
        .abortable(ctx.client.get(services::VERSIONS, None))
        .await?
        .map_err(|e| Halt::from(&e))?;
    if !resp.is_success() {
        let code = classify::rest_error(StepId::Reachability, &resp.answer());
        return Err(Failure::answer(code, &resp).into());
    }
    let list = resp
        .json::<Vec<ApiVersionEntry>>()
        .map(|items| {
            items
                .into_iter()
                .filter_map(|v| {
                    let version = ApiVersion::parse(&v.version).ok()?;
                    Some((version, v.label.unwrap_or_default()))
                })
                .collect::<Vec<_>>()
        })
        .filter(|l| !l.is_empty());
    let Some(mut list) = list else {
        return Err(Failure::unexpected(&resp).into());
    };
    list.sort_by_key(|(v, _)| *v);
    let versions = Versions { list };
    let summary = match versions.list.last() {
        Some((v, label)) if !label.is_empty() => {
            format!("{}: latest API v{v} ({label})", ctx.domain.host)
        }
        Some((v, _)) => format!("{}: latest API v{v}", ctx.domain.host),
        None => ctx.domain.host.clone(),
    };
    Ok(Passed::new(versions, summary))
}

/// `POST /services/oauth2/token`: grant_type, client_id, client_secret — never `scope`.
/// Not abortable: a token issued while cancelling must still be revoked.
pub(crate) async fn token(ctx: &Ctx<'_>) -> Outcome<Session> {
    let form = [
        ("grant_type", Field::Plain("client_credentials")),
        ("client_id", Field::Plain(&ctx.config.client_id)),
        ("client_secret", Field::Secret(&ctx.config.secret)),
    ];
    let resp = ctx
        .client
        .send(Method::POST, services::OAUTH_TOKEN, None, Body::Form(&form))
        .await
        .map_err(|e| Halt::from(&e))?;
    if !resp.is_success() {
        let code = classify::token_error(&resp.answer());
        return Err(Failure::answer(code, &resp).into());
    }
    let Some(mut session) = resp
        .json::<TokenResponse>()
        .filter(|t| !t.access_token.is_empty())
        .map(Session::from)
    else {
        // A token-shaped value in an answer we cannot parse is still masked (client.rs).
        return Err(Failure::unexpected(&resp).into());
    };
    resp.remember(&session.token);
    session.ownership = ownership(session.issued_at.as_deref(), resp.date_ms);
    let scopes = match &session.scopes {
        Some(s) if !s.is_empty() => format!("scopes: {}", s.join(" ")),
        _ => "scopes not listed in the answer".to_string(),
    };
    let summary = format!("{}, {scopes}", session.token_type);
    let warning = session.jwt.then(crate::jwt::rest_only_warning);
    Ok(Passed {
        warning,
        ..Passed::new(session, summary)
    })
}

impl From<TokenResponse> for Session {
    fn from(t: TokenResponse) -> Self {
        let jwt = crate::jwt::is_jwt(t.token_format.as_deref(), t.access_token.expose());
        Session {
            jwt,
            scopes: t.scopes(),
            token_type: t.token_type.unwrap_or_else(|| "Bearer".into()),
            token: t.access_token,
            id: t.id,
            issued_at: t.issued_at,
            signature: t.signature,
            instance_url: t.instance_url,
            ownership: Ownership::Unproven {
                missing: "its answer was not read",
            },
        }
    }
}

/// HMAC-SHA256 of `id + issued_at`; a mismatch is a warning, never a failure.
pub(crate) fn check_signature(config: &CheckConfig, session: &Session) -> Outcome<()> {
    let id = session.id.as_deref().unwrap_or("");
    let issued_at = session.issued_at.as_deref().unwrap_or("");
    let check = signature::verify(&config.secret, id, issued_at, session.signature.as_deref());
    let (summary, warning) = match check {
        SignatureCheck::Valid => ("matches: HMAC-SHA256 of id + issued_at with the consumer secret", None),
        SignatureCheck::Absent => ("no signature in the token answer; nothing to verify", None),
        SignatureCheck::Mismatch => (
            "does not match (the token still works)",
            Some("The token's signature is not HMAC-SHA256(consumer secret, id + issued_at). The token works, but the answer may not come from your org, or it was altered on the way."),
        ),
        SignatureCheck::Malformed => (
            "malformed signature (the token still works)",
            Some("The token's signature is not a base64 HMAC-SHA256 value."),
        ),
    };
    Ok(Passed {
        value: (),
        summary: summary.to_string(),
        warning: warning.map(|detail| catalog::warning(DiagnosisCode::SignatureMismatch, detail)),
    })
}

/// `POST /services/oauth2/revoke token=…`. Cleanup: runs even after a failure or cancel. A
/// token the run cannot prove is its own is kept, and nothing is sent (see `ownership`).
pub(crate) async fn revoke(ctx: &Ctx<'_>, session: &Session) -> Outcome<()> {
    if let Some(kept) = session.ownership.kept() {
        tracing::info!(
            shared = kept.shared,
            "token kept: not provably this run's own"
        );
        return Ok(Passed::new((), kept.reason));
    }
    let form = [("token", Field::Secret(&session.token))];
    let resp: SfResponse = ctx
        .client
        .send(
            Method::POST,
            services::OAUTH_REVOKE,
            None,
            Body::Form(&form),
        )
        .await
        .map_err(|e| Halt::from(&e))?;
    if !resp.is_success() {
        let code = classify::rest_error(StepId::Revoke, &resp.answer());
        let mut failure = Failure::answer(code, &resp);
        failure.summary = format!(
            "{}; the token stays valid until the org's session timeout",
            failure.summary
        );
        return Err(failure.into());
    }
    Ok(Passed::new((), "token revoked"))
}
