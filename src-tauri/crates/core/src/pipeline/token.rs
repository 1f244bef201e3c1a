//! A token for other tools (`eca-preflight-cli token -- COMMAND`): issue one with the run's
//! rules (same client, same diagnosis on refusal), hand it over, revoke it afterwards.

use super::failure::Halt;
use super::input::prepare;
use super::lists::ListError;
use super::org::{self, Ctx, Session};
use super::CheckConfig;
use crate::catalog;
use crate::client::SfClient;
use crate::codes::DiagnosisCode;
use crate::secret::Secret;
use crate::types::{Diagnosis, StepId, TokenKept};
use tokio_util::sync::CancellationToken;

/// An access token issued for the Client Credentials flow, with the client that got it.
pub struct IssuedToken {
    config: CheckConfig,
    client: SfClient,
    session: Session,
}

impl std::fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedToken")
            .field("host", &self.config.domain.host)
            .finish_non_exhaustive()
    }
}

fn diagnosis(config: &CheckConfig, step: StepId, halt: Halt) -> Diagnosis {
    match halt {
        Halt::Failed(f) => catalog::diagnose(f.code, Some(&config.domain), Some(step), f.details),
        Halt::Cancelled => catalog::diagnose(
            DiagnosisCode::Cancelled,
            Some(&config.domain),
            Some(step),
            None,
        ),
    }
}

/// `POST /services/oauth2/token`, refused with the same diagnosis a check would give.
pub async fn issue_token(config: &CheckConfig) -> Result<IssuedToken, ListError> {
    let client = prepare(config).map_err(ListError::Input)?;
    let cancel = CancellationToken::new();
    let ctx = Ctx {
        config,
        domain: &config.domain,
        client: &client,
        cancel: &cancel,
    };
    let session = org::token(&ctx)
        .await
        .map_err(|h| ListError::Failed(diagnosis(config, StepId::Token, h)))?
        .value;
    Ok(IssuedToken {
        config: config.clone(),
        client,
        session,
    })
}

impl IssuedToken {
    /// The run's client and session, for calls made with this token inside the engine.
    pub(crate) fn parts(&self) -> (&SfClient, &Session) {
        (&self.client, &self.session)
    }

    pub fn access_token(&self) -> &Secret {
        &self.session.token
    }

    /// A JWT-based token (`token_format: jwt`): REST only; SOAP, the Metadata API and Bulk API
    /// 1.0 refuse it below API 68.0 ([`crate::jwt::REST_ONLY_NOTE`]).
    pub fn is_jwt(&self) -> bool {
        self.session.jwt
    }

    /// Where REST calls go: the token's `instance_url` (the org's My Domain URL otherwise).
    pub fn instance_url(&self) -> String {
        self.session
            .instance_url
            .clone()
            .unwrap_or_else(|| self.config.domain.url(""))
    }

    /// `POST /services/oauth2/revoke`; the diagnosis says why the token stays valid otherwise.
    /// A token the run cannot prove is its own (an earlier grant's shared session) is kept, and
    /// what the answer holds says why.
    pub async fn revoke(self) -> Result<Option<TokenKept>, Box<Diagnosis>> {
        if let Some(kept) = self.session.ownership.kept() {
            return Ok(Some(kept));
        }
        let cancel = CancellationToken::new();
        let ctx = Ctx {
            config: &self.config,
            domain: &self.config.domain,
            client: &self.client,
            cancel: &cancel,
        };
        org::revoke(&ctx, &self.session)
            .await
            .map(|_| None)
            .map_err(|h| Box::new(diagnosis(&self.config, StepId::Revoke, h)))
    }
}
