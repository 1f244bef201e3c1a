//! What the client masks: every secret the run sent or was told of, replaced in whatever an
//! answer shows, and token-shaped JSON values whatever the client knows.

use super::{SfClient, SfResponse};
use crate::secret::{mask, Secret};
use std::sync::Mutex;

impl SfClient {
    /// A secret the run holds that answers may echo (the consumer secret, before any request).
    pub fn remember(&self, secret: &Secret) {
        self.known.add(secret);
    }

    /// `text` with every secret the client knows masked (for summaries built from answers).
    pub fn mask(&self, text: &str) -> String {
        let secrets = self.known.snapshot();
        let refs: Vec<&Secret> = secrets.iter().collect();
        mask(text, &refs)
    }
}

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

/// JSON keys whose string values are credentials whatever the client knows.
pub(super) const TOKEN_KEYS: [&str; 3] = ["access_token", "refresh_token", "id_token"];

impl SfResponse {
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

    /// Mark a secret found in this answer (the access token) as known to the whole run.
    pub fn remember(&self, secret: &Secret) {
        self.known.add(secret);
    }
}
