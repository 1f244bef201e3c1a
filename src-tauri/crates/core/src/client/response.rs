//! An answer, its size bound and its masking: every secret the run knows is replaced before a
//! person sees a body.

use crate::secret::{mask, Secret};
use crate::types::ApiUsage;
use std::sync::{Arc, Mutex};

/// The secrets of one run the client has seen: sent (consumer secret, bearer) or issued (token).
#[derive(Default)]
pub(super) struct Known(Mutex<Vec<Secret>>);

impl Known {
    pub(super) fn add(&self, secret: &Secret) {
        if let Ok(mut list) = self.0.lock() {
            if !secret.is_empty() && !list.contains(secret) {
                list.push(secret.clone());
            }
        }
    }

    pub(super) fn snapshot(&self) -> Vec<Secret> {
        self.0.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// An answer, body bounded in size. The raw body is for parsing only; what a person may see of
/// it is [`SfResponse::masked_body`].
#[derive(Clone)]
pub struct SfResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub(super) body: String,
    /// The body was cut at the size limit.
    pub truncated: bool,
    /// "GET /services/data/" — method and path, never values.
    pub request: String,
    pub api_usage: Option<ApiUsage>,
    /// The answer's `Date` header (Salesforce's clock), in ms since the epoch.
    pub date_ms: Option<u64>,
    /// Every secret the run's client knew when this answer came, plus later ones it learns of
    /// (shared, so a token parsed from this very answer is masked in it too).
    pub(super) known: Arc<Known>,
}

impl std::fmt::Debug for SfResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SfResponse")
            .field("status", &self.status)
            .field("request", &self.request)
            .field("body", &self.masked_body())
            .finish_non_exhaustive()
    }
}

/// JSON keys whose string values are credentials whatever the client knows.
pub(super) const TOKEN_KEYS: [&str; 3] = ["access_token", "refresh_token", "id_token"];

impl SfResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The raw body, for parsing. Never put it in a diagnosis, a log or a summary.
    pub(crate) fn raw_body(&self) -> &str {
        &self.body
    }

    /// The body as JSON of type `T`; None when it is not (or was cut short).
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        if self.truncated {
            return None;
        }
        crate::salesforce::wire::parse(&self.body)
    }

    /// The body with every secret the client knows, and any token-shaped JSON value, replaced
    /// by `****`.
    pub fn masked_body(&self) -> String {
        let mut secrets = self.known.snapshot();
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(&self.body) {
            for key in TOKEN_KEYS {
                if let Some(serde_json::Value::String(token)) = map.get(key) {
                    secrets.push(Secret::new(token.as_str()));
                }
            }
        }
        let refs: Vec<&Secret> = secrets.iter().collect();
        mask(&self.body, &refs)
    }

    /// One sub-answer of a composite answer, as if it had come alone (its masking included).
    pub(crate) fn part(&self, status: u16, body: String, request: String) -> SfResponse {
        SfResponse {
            status,
            content_type: Some("application/json".into()),
            body,
            truncated: false,
            request,
            api_usage: self.api_usage,
            date_ms: self.date_ms,
            known: Arc::clone(&self.known),
        }
    }

    /// Mark a secret found in this answer (the access token) as known to the whole run.
    pub fn remember(&self, secret: &Secret) {
        self.known.add(secret);
    }
}

/// `Sforce-Limit-Info: api-usage=25/15000`; other items (`per-app-api-usage=17/250(appName=x)`)
/// are skipped. Items are separated by `;` or `,`: real orgs send both.
pub fn parse_limit_info(value: &str) -> Option<ApiUsage> {
    value.split([',', ';']).map(str::trim).find_map(|item| {
        let rest = item.strip_prefix("api-usage=")?;
        let (used, max) = rest.split_once('/')?;
        Some(ApiUsage {
            used: used.trim().parse().ok()?,
            max: max.trim().parse().ok()?,
        })
    })
}
