//! An answer, its size bound, and the `Sforce-Limit-Info` it carries. What a person may see of
//! its body is [`SfResponse::masked_body`] (masking.rs).

use super::masking::Known;
use crate::types::ApiUsage;
use std::sync::Arc;

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
