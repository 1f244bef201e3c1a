//! The Connect REST credentials API (API 65.0+), with the admin's token: the org's OAuth apps
//! (`apps/oauth/usage`, pages followed, bounded), an app's consumers, a consumer's key and
//! secret, and its staged pair (get, `POST {}` — never an empty body, real orgs hang on one —,
//! `PATCH {"command":"rotate"}`, `DELETE`). A secret from an answer becomes a [`Secret`] at once.
//! Refusals are classified: the org setting off, the permission missing, a packaged app, a
//! staged pair already there; anything else keeps its status and its masked body.

mod shapes;

pub use shapes::{parse_time, Consumer, ConsumerRef, Pair, StagedPair, UsageApp};
use shapes::{Consumers, Staged, UsagePage};

use super::{ChangeProgress, Session};
use crate::client::{Body, ClientError, SfResponse};
use crate::salesforce::errors::RestErrorCode;
use crate::salesforce::services::{self, ApiVersion, CREDENTIALS_MIN_VERSION};
use crate::salesforce::wire;
use reqwest::Method;

/// The org setting that lets the REST API read and stage consumer secrets.
pub const SECRET_SETTING: &str =
    "Allow access to External Client App consumer secrets via REST API";
/// The same setting as metadata names it.
pub const SECRET_SETTING_FIELD: &str =
    "ExternalClientAppSettings.enableClientSecretInRestApiAccess";
/// The user permission reading a consumer secret needs.
pub const SECRET_PERMISSION: &str = "View Client Secret";
/// How many pages of `apps/oauth/usage` are followed at most.
const MAX_USAGE_PAGES: usize = 20;

#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    #[error("The org does not allow REST access to consumer secrets: turn on \"{SECRET_SETTING}\" ({SECRET_SETTING_FIELD}) in Setup > External Client App Settings ({link}).")]
    SettingOff { link: String },
    #[error("The admin's login may not read or change this app's consumer secret: it needs the \"{SECRET_PERMISSION}\" permission (a permission set assigned to the admin).")]
    PermissionMissing,
    #[error("The app is packaged: staged credentials are available only for local External Client Apps ({message}).")]
    Packaged { message: String },
    #[error("The consumer already has a staged pair{}: use it or delete it first.", age_words(.age_days))]
    StagedExists { age_days: Option<i64> },
    #[error("The org's credentials API needs API version {CREDENTIALS_MIN_VERSION} or newer; the org serves {0}.")]
    OldVersion(ApiVersion),
    #[error("No External Client App in the org has the consumer key {0}.")]
    NoSuchKey(String),
    #[error("Could not reach the org: {0}")]
    Network(#[from] ClientError),
    #[error("{request} answered HTTP {status}: {body}")]
    Other {
        request: String,
        status: u16,
        body: String,
    },
}

fn age_words(days: &Option<i64>) -> String {
    match days {
        Some(0) => " (made today)".into(),
        Some(1) => " (made 1 day ago)".into(),
        Some(n) => format!(" (made {n} days ago)"),
        None => String::new(),
    }
}

/// A refusal of the credentials API, classified.
pub(crate) fn classify(resp: &SfResponse, settings_link: &str) -> CredentialsError {
    known_refusal(resp.raw_body(), settings_link).unwrap_or_else(|| CredentialsError::Other {
        request: resp.request.clone(),
        status: resp.status,
        body: resp.masked_body(),
    })
}

/// The refusal an error body names, when it is one of the known ones.
fn known_refusal(body: &str, settings_link: &str) -> Option<CredentialsError> {
    let errors = wire::rest_errors(body).unwrap_or_default();
    let first = errors.first()?;
    let code = &first.error_code;
    let message = first.message.clone().unwrap_or_default();
    if *code == RestErrorCode::from("FUNCTIONALITY_NOT_ENABLED") {
        Some(CredentialsError::SettingOff {
            link: settings_link.to_string(),
        })
    } else if code.is_insufficient_access() {
        Some(CredentialsError::PermissionMissing)
    } else if *code == RestErrorCode::from("INVALID_OPERATION") && message.contains("local") {
        Some(CredentialsError::Packaged { message })
    } else if *code == RestErrorCode::from("DUPLICATE_VALUE") {
        Some(CredentialsError::StagedExists { age_days: None })
    } else {
        None
    }
}

impl Session {
    fn credentials_version(&self) -> Result<ApiVersion, CredentialsError> {
        if self.version < CREDENTIALS_MIN_VERSION {
            return Err(CredentialsError::OldVersion(self.version));
        }
        Ok(self.version)
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Body<'_>,
    ) -> Result<SfResponse, CredentialsError> {
        let resp = self
            .client
            .send(method, path, Some(&self.login.token), body)
            .await?;
        if resp.is_success() {
            Ok(resp)
        } else {
            Err(classify(&resp, &super::eca_settings_link(&self.login)))
        }
    }

    fn decode<T: serde::de::DeserializeOwned>(resp: &SfResponse) -> Result<T, CredentialsError> {
        resp.json::<T>().ok_or_else(|| CredentialsError::Other {
            request: resp.request.clone(),
            status: resp.status,
            body: "the answer is not what Salesforce sends".into(),
        })
    }

    /// Every OAuth app of the org, pages followed (at most [`MAX_USAGE_PAGES`]).
    pub(crate) async fn usage(&self) -> Result<Vec<UsageApp>, CredentialsError> {
        let mut path = services::oauth_usage(self.credentials_version()?);
        let mut apps = Vec::new();
        for _ in 0..MAX_USAGE_PAGES {
            let resp = self.call(Method::GET, &path, Body::Empty).await?;
            let page: UsagePage = Self::decode(&resp)?;
            apps.extend(page.apps);
            match page.next_page_url.filter(|u| u.starts_with("/services/")) {
                Some(next) => path = next,
                None => return Ok(apps),
            }
        }
        tracing::warn!(
            pages = MAX_USAGE_PAGES,
            "apps/oauth/usage: stopped following pages"
        );
        Ok(apps)
    }

    pub(crate) async fn consumers(&self, app_id: &str) -> Result<Vec<Consumer>, CredentialsError> {
        let path = services::oauth_consumers(self.credentials_version()?, app_id);
        let resp = self.call(Method::GET, &path, Body::Empty).await?;
        Ok(Self::decode::<Consumers>(&resp)?.consumers)
    }

    /// The consumer's key and secret; the secret is remembered by the client (masked).
    pub(crate) async fn key_and_secret(
        &self,
        consumer: &ConsumerRef,
    ) -> Result<Pair, CredentialsError> {
        let path = services::oauth_consumer(
            self.credentials_version()?,
            &consumer.app_id,
            &consumer.consumer_id,
            "keyandsecret",
        );
        let resp = self.call(Method::GET, &path, Body::Empty).await?;
        let pair: Pair = Self::decode(&resp)?;
        if let Some(secret) = &pair.secret {
            self.client.remember(secret);
        }
        Ok(pair)
    }

    /// The consumer whose key is `key`, or of the app named `app_name` (first consumer).
    pub(crate) async fn find_consumer(
        &self,
        key: Option<&str>,
        app_name: Option<&str>,
        progress: &(dyn Fn(ChangeProgress) + Send + Sync),
    ) -> Result<ConsumerRef, CredentialsError> {
        progress(ChangeProgress::Credentials {
            what: "Finding the app's consumer (apps/oauth/usage)".into(),
        });
        let apps = self.usage().await?;
        let candidates = apps.iter().filter(|a| match app_name {
            Some(name) => a.developer_name.eq_ignore_ascii_case(name),
            None => true,
        });
        for app in candidates {
            let consumers = match self.consumers(&app.identifier).await {
                Ok(c) => c,
                // A packaged or foreign app listed in usage may refuse: look at the others.
                Err(CredentialsError::Other { .. }) if key.is_some() => continue,
                Err(e) => return Err(e),
            };
            let found = consumers
                .into_iter()
                .find(|c| key.is_none_or(|k| c.key == k));
            if let Some(c) = found {
                return Ok(ConsumerRef {
                    app_id: app.identifier.clone(),
                    app_name: app.developer_name.clone(),
                    consumer_id: c.id,
                    key: c.key,
                });
            }
        }
        Err(CredentialsError::NoSuchKey(
            key.or(app_name).unwrap_or_default().to_string(),
        ))
    }

    /// `…/credentials/APP/CONSUMER/staged`, or one staged pair under it.
    fn staged_path(
        &self,
        consumer: &ConsumerRef,
        staged_id: Option<&str>,
    ) -> Result<String, CredentialsError> {
        let version = self.credentials_version()?;
        Ok(match staged_id {
            Some(id) => {
                services::oauth_staged_one(version, &consumer.app_id, &consumer.consumer_id, id)
            }
            None => services::oauth_staged(version, &consumer.app_id, &consumer.consumer_id),
        })
    }

    /// The consumer's staged pairs (`staged` or `rotated`).
    pub(crate) async fn staged(
        &self,
        consumer: &ConsumerRef,
    ) -> Result<Vec<StagedPair>, CredentialsError> {
        let path = self.staged_path(consumer, None)?;
        let resp = self.call(Method::GET, &path, Body::Empty).await?;
        self.pairs(&resp)
    }

    fn pairs(&self, resp: &SfResponse) -> Result<Vec<StagedPair>, CredentialsError> {
        let staged: Staged = Self::decode(resp)?;
        for pair in &staged.staged_credentials {
            if let Some(secret) = &pair.secret {
                self.client.remember(secret);
            }
        }
        Ok(staged.staged_credentials)
    }

    /// `POST {}`: mints a staged pair.
    pub(crate) async fn stage(
        &self,
        consumer: &ConsumerRef,
    ) -> Result<Vec<StagedPair>, CredentialsError> {
        let path = self.staged_path(consumer, None)?;
        let empty = serde_json::json!({});
        let resp = self.call(Method::POST, &path, Body::Json(&empty)).await?;
        self.pairs(&resp)
    }

    /// `PATCH {"command":"rotate"}`: the staged pair becomes current; the answer lists the old
    /// pair, now `rotated`.
    pub(crate) async fn promote(
        &self,
        consumer: &ConsumerRef,
        staged_id: &str,
    ) -> Result<Vec<StagedPair>, CredentialsError> {
        let path = self.staged_path(consumer, Some(staged_id))?;
        let command = serde_json::json!({"command": "rotate"});
        let resp = self
            .call(Method::PATCH, &path, Body::Json(&command))
            .await?;
        self.pairs(&resp)
    }

    /// `DELETE …/staged/ID`.
    pub(crate) async fn delete_staged(
        &self,
        consumer: &ConsumerRef,
        staged_id: &str,
    ) -> Result<(), CredentialsError> {
        let path = self.staged_path(consumer, Some(staged_id))?;
        self.call(Method::DELETE, &path, Body::Empty).await?;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_secrets_as_secrets() {
        let staged: Staged = wire::parse(r#"{"stagedCredentials":[{"id":"0St1","key":"3MVGnew","secret":"NEWSECRET","state":"staged","url":"/x","createdDate":"2026-12-01T10:00:00.000Z","expirationDate":"2026-12-31T10:00:00.000Z"}],"url":"/y"}"#).unwrap();
        let pair = &staged.staged_credentials[0];
        assert_eq!(pair.key, "3MVGnew");
        assert_eq!(pair.secret.as_ref().unwrap().expose(), "NEWSECRET");
        assert!(!format!("{pair:?}").contains("NEWSECRET"));
        assert!(pair.age_days().is_some());
        let usage: UsagePage = wire::parse(r#"{"apps":[{"developerName":"Acme","identifier":"0xA1","label":"Acme"}],"nextPageUrl":null}"#).unwrap();
        assert_eq!(usage.apps[0].identifier, "0xA1");
        assert!(usage.next_page_url.is_none());
        let pair: Pair = wire::parse(r#"{"key":"3MVGk"}"#).unwrap();
        assert!(pair.secret.is_none());
    }

    #[test]
    fn times_parse_as_salesforce_writes_them() {
        let z = parse_time("2026-12-05T10:00:00.000Z").unwrap();
        assert_eq!(parse_time("2026-12-05T10:00:00.000+0000"), Some(z));
        assert_eq!(parse_time("2026-12-05T10:00:00Z"), Some(z));
        assert_eq!(parse_time("yesterday"), None);
    }

    #[test]
    fn refusals_are_classified_from_salesforces_error_codes() {
        let link = "L";
        let of = |body: &str| known_refusal(body, link);
        assert!(matches!(
            of(
                r#"[{"errorCode":"FUNCTIONALITY_NOT_ENABLED","message":"Access to External Client App consumer secrets via the REST API is not enabled for this org."}]"#
            ),
            Some(CredentialsError::SettingOff { .. })
        ));
        assert!(matches!(
            of(
                r#"[{"errorCode":"INSUFFICIENT_ACCESS","message":"You don't have permission to view or change this app's consumer secret."}]"#
            ),
            Some(CredentialsError::PermissionMissing)
        ));
        assert!(matches!(
            of(
                r#"[{"errorCode":"INVALID_OPERATION","message":"Staged credentials are available only for local external client apps."}]"#
            ),
            Some(CredentialsError::Packaged { .. })
        ));
        assert!(matches!(
            of(
                r#"[{"errorCode":"DUPLICATE_VALUE","message":"This consumer already has staged credentials."}]"#
            ),
            Some(CredentialsError::StagedExists { .. })
        ));
        assert!(of(r#"[{"errorCode":"NOT_FOUND","message":"x"}]"#).is_none());
        assert!(of("<html>").is_none());
        assert!(CredentialsError::PermissionMissing
            .to_string()
            .contains(SECRET_PERMISSION));
    }

    #[test]
    fn age_is_worded() {
        let err = CredentialsError::StagedExists { age_days: Some(3) };
        assert!(err.to_string().contains("made 3 days ago"), "{err}");
        let err = CredentialsError::SettingOff {
            link: "https://acme.my.salesforce.com/lightning/setup/ExternalClientApplicationSettings/home".into(),
        };
        let text = err.to_string();
        assert!(
            text.contains(SECRET_SETTING) && text.contains(SECRET_SETTING_FIELD),
            "{text}"
        );
    }
}
