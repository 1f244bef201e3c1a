//! The one HTTP client of a run: rustls, connection reuse, bounded timeouts and body size,
//! HTTPS only (loopback excepted), redirects never followed, and nothing sent to any host but
//! the org's own. Every call goes through [`SfClient::send`], so these rules hold everywhere.
//!
//! The client knows every secret it sent (the consumer secret in a form, the bearer token) and
//! every token it was told of, and masks them all in what an answer shows ([`SfResponse::masked_body`]):
//! callers never pass secrets around to mask them. Transport failures are classified from error
//! types (reqwest's kinds, our resolver's error, `rustls::Error`, `io::ErrorKind`), not from text.
//!
//! Its pieces: `options` (what a client and a request carry), `transport` (the reqwest client,
//! one exchange, a transport error read), `tls` (the rustls config and its verifier), `masking`,
//! `response`, `error` and `dns`. The
//! paths it is given are built in [`crate::salesforce::services`].

mod dns;
mod error;
mod masking;
mod options;
mod response;
mod tls;
mod transport;

pub use dns::DnsFailure;
pub use error::{BuildError, ClientError, TlsProblem};
pub use options::{
    Body, ClientOptions, Field, Size, CONNECT_TIMEOUT, MAX_BODY_BYTES, MAX_LARGE_BODY_BYTES,
    USER_AGENT,
};
pub use response::{parse_limit_info, SfResponse};

use crate::network::NetworkSummary;
use crate::secret::Secret;
use crate::types::ApiUsage;
use masking::Known;
use reqwest::Method;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tracing::Instrument;
use url::Url;

/// The HTTP client bound to one org.
pub struct SfClient {
    http: reqwest::Client,
    base: Url,
    timeout: Duration,
    max_body_bytes: usize,
    max_large_body_bytes: usize,
    usage: Mutex<Option<ApiUsage>>,
    known: Arc<Known>,
    network: NetworkSummary,
}

impl std::fmt::Debug for SfClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SfClient")
            .field("base", &self.base.as_str())
            .finish_non_exhaustive()
    }
}

impl SfClient {
    /// How this client reaches the org (for the report).
    pub fn network(&self) -> &NetworkSummary {
        &self.network
    }

    /// The latest `Sforce-Limit-Info` seen in this run.
    pub fn api_usage(&self) -> Option<ApiUsage> {
        self.usage.lock().ok().and_then(|u| *u)
    }

    /// `path` on the org host (must start with `/`), refused if it would leave it.
    pub fn url(&self, path: &str) -> Result<Url, ClientError> {
        let request = path.to_string();
        let url = Url::parse(&format!(
            "{}{}",
            self.base.as_str().trim_end_matches('/'),
            path
        ))
        .map_err(|_| ClientError::ForeignHost {
            host: path.to_string(),
            request: request.clone(),
        })?;
        let same = url.scheme() == self.base.scheme()
            && url.host_str() == self.base.host_str()
            && url.port_or_known_default() == self.base.port_or_known_default()
            && path.starts_with('/')
            && !path.starts_with("//");
        if !same {
            return Err(ClientError::ForeignHost {
                host: url.host_str().unwrap_or(path).to_string(),
                request,
            });
        }
        Ok(url)
    }

    pub async fn get(
        &self,
        path: &str,
        bearer: Option<&Secret>,
    ) -> Result<SfResponse, ClientError> {
        self.send(Method::GET, path, bearer, Body::Empty).await
    }

    /// A GET whose successful answer may be large (a describe, an object list, a query).
    pub async fn get_large(
        &self,
        path: &str,
        bearer: Option<&Secret>,
    ) -> Result<SfResponse, ClientError> {
        self.send_sized(Method::GET, path, bearer, Body::Empty, Size::Large)
            .await
    }

    /// One request to the org. Bearer tokens and secret form values go on the wire only, and
    /// are masked in every answer from now on.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&Secret>,
        body: Body<'_>,
    ) -> Result<SfResponse, ClientError> {
        self.send_sized(method, path, bearer, body, Size::Small)
            .await
    }

    /// [`send`](Self::send) with the size class of the answer.
    pub async fn send_sized(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&Secret>,
        body: Body<'_>,
        size: Size,
    ) -> Result<SfResponse, ClientError> {
        let request = format!("{method} {}", path.split('?').next().unwrap_or(path));
        let span = tracing::debug_span!("sf_request", request = %request);
        self.send_inner(method, path, bearer, body, request, size)
            .instrument(span)
            .await
    }
}

#[cfg(test)]
mod tests;
