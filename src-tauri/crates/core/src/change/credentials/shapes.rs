//! The answers of the Connect REST credentials API, as serde reads them: a secret becomes a
//! [`Secret`] as it is read.

use crate::pipeline::clock::Utc;
use crate::secret::Secret;
use serde::Deserialize;

/// An OAuth app of the org (`apps/oauth/usage`).
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UsageApp {
    #[serde(default)]
    pub developer_name: String,
    #[serde(default)]
    pub identifier: String,
    #[serde(default)]
    pub label: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct UsagePage {
    #[serde(default)]
    pub apps: Vec<UsageApp>,
    #[serde(default)]
    pub next_page_url: Option<String>,
}

/// One consumer of an app (its key; the secret is read apart).
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Consumer {
    pub id: String,
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Deserialize)]
pub(super) struct Consumers {
    #[serde(default)]
    pub consumers: Vec<Consumer>,
}

/// A consumer's key and secret (the secret only when asked for).
#[derive(Deserialize, Debug)]
pub struct Pair {
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub secret: Option<Secret>,
}

/// A staged pair: `staged` (minted, not yet promoted) or `rotated` (the old pair, kept until it
/// expires or is deleted).
#[derive(Deserialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct StagedPair {
    pub id: String,
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub secret: Option<Secret>,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub created_date: Option<String>,
    #[serde(default)]
    pub expiration_date: Option<String>,
}

impl StagedPair {
    /// Whole days since it was made (None when the answer gives no date).
    pub fn age_days(&self) -> Option<i64> {
        let created = parse_time(self.created_date.as_deref()?)?;
        Some((Utc::now().unix() - created).max(0) / 86_400)
    }
}

/// Seconds since the epoch of an ISO 8601 / RFC 3339 time (`2026-12-05T10:00:00.000Z` or
/// `+0000` offsets as Salesforce writes them).
pub fn parse_time(text: &str) -> Option<i64> {
    use time::format_description::well_known::{Iso8601, Rfc3339};
    let text = text.trim();
    let normalised = match text.len().checked_sub(5).map(|i| text.split_at(i)) {
        Some((head, tail))
            if (tail.starts_with('+') || tail.starts_with('-')) && !tail.contains(':') =>
        {
            format!("{head}{}:{}", &tail[..3], &tail[3..])
        }
        _ => text.to_string(),
    };
    time::OffsetDateTime::parse(&normalised, &Rfc3339)
        .or_else(|_| time::OffsetDateTime::parse(&normalised, &Iso8601::DEFAULT))
        .ok()
        .map(|t| t.unix_timestamp())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Staged {
    #[serde(default)]
    pub staged_credentials: Vec<StagedPair>,
}

/// Where a consumer is: its app's id and its own.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsumerRef {
    pub app_id: String,
    pub app_name: String,
    pub consumer_id: String,
    pub key: String,
}
