//! Credential rotation with Salesforce's staged credentials (API 65.0+): `POST {}` mints a new
//! key and secret beside the current pair; the new pair is proven with a real Client
//! Credentials grant and one REST call; only then `PATCH {"command":"rotate"}` promotes it. The
//! old pair keeps working for 30 days (until its expiry, or `finish_rotation` deletes it).
//! A proof that fails promotes nothing: the staged pair stays, and can be deleted.

use super::credentials::{ConsumerRef, CredentialsError, StagedPair};
use super::ledger::{self, ChangeKind, OrgChange, Record};
use super::package::ComponentKind;
use super::{ChangeProgress, Session};
use crate::client::ClientOptions;
use crate::inspect::{AdminLogin, InspectError};
use crate::pipeline::clock::Utc;
use crate::pipeline::{issue_token, CheckConfig};
use crate::salesforce::services;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use ts_rs::TS;

/// How long Salesforce keeps an old (or staged) pair working.
pub const STAGED_LIFETIME_DAYS: i64 = 30;
const STAGED: &str = "staged";
const ROTATED: &str = "rotated";
/// Grants of a just-minted pair tried this often, a pause between (it may take a moment to
/// be known everywhere).
const PROOF_TRIES: u32 = 3;
const PROOF_PAUSE: Duration = Duration::from_secs(2);

/// What to do when the consumer already has a staged pair.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExistingStaged {
    /// Stop and say so (with its age).
    #[default]
    Refuse,
    /// Prove and promote the pair already staged (when the answer holds its secret).
    Use,
    /// Delete it, then stage a new one.
    Delete,
}

/// A finished rotation: the new pair is current, the old one works until `old_pair_expires_at`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct Rotated {
    pub app: String,
    pub client_id: String,
    /// Never serialised: into the keychain, nowhere else.
    #[serde(skip)]
    #[ts(skip)]
    pub secret: Option<Secret>,
    pub previous_client_id: String,
    /// RFC 3339, UTC.
    pub old_pair_expires_at: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RotateError {
    #[error("{0}")]
    Login(#[from] InspectError),
    #[error("{0}")]
    Credentials(#[from] CredentialsError),
    #[error("The new pair ({staged_client_id}) did not pass its proof, so nothing was promoted: {what}. The staged pair stays until it is deleted (rotate --delete-staged) or expires; the current pair is unchanged.")]
    ProofFailed {
        staged_client_id: String,
        what: String,
    },
    #[error("The staged pair's secret is not in Salesforce's answer, so it cannot be proven or kept: delete it and rotate again.")]
    StagedSecretMissing,
    #[error("Salesforce's answer to {0} held no staged pair.")]
    NoStagedPair(&'static str),
    #[error("The app has no old pair left to delete: the rotation is finished (or the old pair expired).")]
    NothingToFinish,
}

/// "the old pair stops working on 2027-01-04 (30 days)", counted from `now` (seconds).
pub fn old_pair_words_at(expires_at: &str, now: i64) -> Option<String> {
    let at = super::credentials::parse_time(expires_at)?;
    let date = Utc::from_unix(u64::try_from(at).ok()?).date();
    let days = (at - now).div_euclid(86_400);
    Some(match days {
        d if d < 0 => format!("the old pair stopped working on {date}"),
        0 => format!("the old pair stops working on {date} (less than a day)"),
        1 => format!("the old pair stops working on {date} (1 day)"),
        d => format!("the old pair stops working on {date} ({d} days)"),
    })
}

/// [`old_pair_words_at`] counted from now.
pub fn old_pair_words(expires_at: &str) -> Option<String> {
    old_pair_words_at(expires_at, Utc::now().unix())
}

fn staged_one(pairs: &[StagedPair]) -> Option<&StagedPair> {
    pairs.iter().find(|p| p.state.eq_ignore_ascii_case(STAGED))
}

/// Rotate the pair whose key is `current.client_id`; `current` gives the org and the run
/// options the new pair is proven with.
pub async fn rotate(
    login: &AdminLogin,
    current: &CheckConfig,
    options: &ClientOptions,
    existing: ExistingStaged,
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
    record: Record<'_>,
) -> Result<Rotated, RotateError> {
    let session = Session::open(login, options).await?;
    let (consumer, already) = gate(&session, &current.client_id, existing, progress).await?;
    let staged = match (already.first(), existing) {
        (None, _) => stage(&session, &consumer, progress, record).await?,
        (Some(pair), ExistingStaged::Use) if pair.state.eq_ignore_ascii_case(STAGED) => {
            pair.clone()
        }
        (Some(_), ExistingStaged::Delete) => {
            for pair in &already {
                session.delete_staged(&consumer, &pair.id).await?;
                note(
                    &session,
                    &consumer,
                    record,
                    ChangeKind::StagedPairDeleted,
                    &pair.key,
                );
            }
            stage(&session, &consumer, progress, record).await?
        }
        (Some(pair), _) => {
            return Err(CredentialsError::StagedExists {
                age_days: pair.age_days(),
            }
            .into())
        }
    };
    let Some(secret) = staged.secret.clone() else {
        return Err(RotateError::StagedSecretMissing);
    };
    prove(&session, current, &staged.key, &secret, progress).await?;
    progress(ChangeProgress::Credentials {
        what: "Promoting the new pair".into(),
    });
    let after = session.promote(&consumer, &staged.id).await?;
    let expires = after
        .iter()
        .find(|p| p.state.eq_ignore_ascii_case(ROTATED))
        .and_then(|p| p.expiration_date.clone())
        .and_then(|d| super::credentials::parse_time(&d))
        .unwrap_or_else(|| Utc::now().unix() + STAGED_LIFETIME_DAYS * 86_400);
    let old_pair_expires_at = Utc::from_unix(u64::try_from(expires).unwrap_or(0)).rfc3339();
    note(
        &session,
        &consumer,
        record,
        ChangeKind::CredentialsRotated,
        &staged.key,
    );
    Ok(Rotated {
        app: consumer.app_name,
        client_id: staged.key,
        secret: Some(secret),
        previous_client_id: consumer.key,
        old_pair_expires_at,
    })
}

/// The read-only checks before a rotation: the consumer, the app local (not packaged), the
/// setting and the permission (reading the staged slot needs both), and the slot free unless
/// `existing` says what to do with it.
async fn gate(
    session: &Session,
    client_id: &str,
    existing: ExistingStaged,
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
) -> Result<(ConsumerRef, Vec<StagedPair>), RotateError> {
    let consumer = session
        .find_consumer(Some(client_id), None, progress)
        .await?;
    let app = session
        .read(
            ComponentKind::ExternalClientApplication,
            std::slice::from_ref(&consumer.app_name),
        )
        .await;
    if let Ok(found) = app {
        let state = found.first().and_then(|a| a.get("distributionState"));
        if state.is_some_and(|s| s.eq_ignore_ascii_case("Packaged")) {
            return Err(CredentialsError::Packaged {
                message: format!("{} has distributionState Packaged", consumer.app_name),
            }
            .into());
        }
    }
    progress(ChangeProgress::Credentials {
        what: "Looking for a staged pair".into(),
    });
    let already = session.staged(&consumer).await?;
    let usable = |p: &StagedPair| p.state.eq_ignore_ascii_case(STAGED);
    match (already.first(), existing) {
        (Some(pair), ExistingStaged::Refuse) => Err(CredentialsError::StagedExists {
            age_days: pair.age_days(),
        }
        .into()),
        (Some(pair), ExistingStaged::Use) if !usable(pair) => Err(CredentialsError::StagedExists {
            age_days: pair.age_days(),
        }
        .into()),
        _ => Ok((consumer, already)),
    }
}

/// What a rotation would meet, without changing anything (the refusals `rotate` would give).
/// Returns the app's name.
pub async fn check_rotation(
    login: &AdminLogin,
    client_id: &str,
    options: &ClientOptions,
    existing: ExistingStaged,
) -> Result<String, RotateError> {
    let session = Session::open(login, options).await?;
    let (consumer, _) = gate(&session, client_id, existing, &|_| {}).await?;
    Ok(consumer.app_name)
}

fn note(
    session: &Session,
    consumer: &ConsumerRef,
    record: Record<'_>,
    what: ChangeKind,
    key: &str,
) {
    ledger::note(
        record,
        OrgChange::now(&session.login.domain.host, &consumer.app_name, what, "")
            .with_client_id(key),
    );
}

async fn stage(
    session: &Session,
    consumer: &ConsumerRef,
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
    record: Record<'_>,
) -> Result<StagedPair, RotateError> {
    progress(ChangeProgress::Credentials {
        what: "Staging a new pair (POST {})".into(),
    });
    let pairs = session.stage(consumer).await?;
    let pair = staged_one(&pairs)
        .or(pairs.first())
        .cloned()
        .ok_or(RotateError::NoStagedPair("POST …/staged"))?;
    note(
        session,
        consumer,
        record,
        ChangeKind::CredentialsStaged,
        &pair.key,
    );
    Ok(pair)
}

/// A real token for the staged pair and one authenticated REST call; the token is revoked
/// when it is provably this grant's own.
async fn prove(
    session: &Session,
    current: &CheckConfig,
    key: &str,
    secret: &Secret,
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
) -> Result<(), RotateError> {
    let mut config = current.clone();
    config.client_id = key.to_string();
    config.secret = secret.clone();
    config.keep_token = false;
    config.journal = None;
    let failed = |what: String| RotateError::ProofFailed {
        staged_client_id: key.to_string(),
        what,
    };
    let mut tries = 0;
    let token = loop {
        tries += 1;
        progress(ChangeProgress::Proving {
            what: format!("A Client Credentials token for the new pair (try {tries})"),
        });
        match issue_token(&config).await {
            Ok(token) => break token,
            Err(e) if tries >= PROOF_TRIES => {
                return Err(failed(format!("the token request was refused: {e}")))
            }
            Err(_) => tokio::time::sleep(PROOF_PAUSE).await,
        }
    };
    progress(ChangeProgress::Proving {
        what: "One REST call with the new token".into(),
    });
    let (client, _) = token.parts();
    let call = client
        .get(
            &services::limits(session.version),
            Some(token.access_token()),
        )
        .await;
    let outcome = match call {
        Ok(resp) if resp.is_success() => Ok(()),
        Ok(resp) => Err(failed(format!(
            "{} answered HTTP {}",
            resp.request, resp.status
        ))),
        Err(e) => Err(failed(e.to_string())),
    };
    if let Err(d) = token.revoke().await {
        tracing::warn!(diagnosis = %d.title, "the proof's token could not be revoked");
    }
    outcome
}

/// Delete the old pair a rotation kept (`DELETE …/staged/ID`); `client_id` is the current key.
/// Returns the deleted key.
pub async fn finish_rotation(
    login: &AdminLogin,
    client_id: &str,
    options: &ClientOptions,
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
    record: Record<'_>,
) -> Result<String, RotateError> {
    let session = Session::open(login, options).await?;
    let consumer = session
        .find_consumer(Some(client_id), None, progress)
        .await?;
    let pairs = session.staged(&consumer).await?;
    let Some(old) = pairs.iter().find(|p| p.state.eq_ignore_ascii_case(ROTATED)) else {
        return Err(RotateError::NothingToFinish);
    };
    progress(ChangeProgress::Credentials {
        what: "Deleting the old pair".into(),
    });
    session.delete_staged(&consumer, &old.id).await?;
    note(
        &session,
        &consumer,
        record,
        ChangeKind::OldPairDeleted,
        &old.key,
    );
    Ok(old.key.clone())
}

/// Delete a staged pair that was never promoted (a failed proof, an abandoned rotation).
/// Returns the deleted key.
pub async fn delete_staged(
    login: &AdminLogin,
    client_id: &str,
    options: &ClientOptions,
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
    record: Record<'_>,
) -> Result<String, RotateError> {
    let session = Session::open(login, options).await?;
    let consumer = session
        .find_consumer(Some(client_id), None, progress)
        .await?;
    let pairs = session.staged(&consumer).await?;
    let Some(staged) = staged_one(&pairs) else {
        return Err(RotateError::NoStagedPair("GET …/staged"));
    };
    session.delete_staged(&consumer, &staged.id).await?;
    note(
        &session,
        &consumer,
        record,
        ChangeKind::StagedPairDeleted,
        &staged.key,
    );
    Ok(staged.key.clone())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_old_pairs_expiry_is_worded_with_its_date_and_days() {
        let now = super::super::credentials::parse_time("2026-12-05T10:00:00Z").unwrap();
        assert_eq!(
            old_pair_words_at("2027-01-04T10:00:00.000Z", now).unwrap(),
            "the old pair stops working on 2027-01-04 (30 days)"
        );
        assert_eq!(
            old_pair_words_at("2026-12-06T09:00:00Z", now).unwrap(),
            "the old pair stops working on 2026-12-06 (less than a day)"
        );
        assert!(old_pair_words_at("2026-12-01T00:00:00Z", now)
            .unwrap()
            .contains("stopped working on 2026-12-01"));
        assert_eq!(old_pair_words_at("soon", now), None);
    }
}
