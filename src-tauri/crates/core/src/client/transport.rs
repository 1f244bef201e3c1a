//! The wire side of [`SfClient`]: the reqwest client it is built on (rustls, no redirects,
//! HTTPS off loopback, our resolver, the proxy, and the TLS config of `tls`), one request and its answer
//! read within the size cap, and a transport error read into a [`ClientError`].

use super::dns::Resolver;
use super::error::{
    classify_transport, error_chain, location_host, proxy_failure, root_cause, Transport,
};
use super::masking::Known;
use super::options::{soap_envelope, Body, ClientOptions, Field, Size, USER_AGENT};
use super::response::parse_limit_info;
use super::{BuildError, ClientError, SfClient, SfResponse};
use crate::domain::OrgDomain;
use crate::network::NetworkSummary;
use crate::secret::Secret;
use reqwest::header::CONTENT_TYPE;
use reqwest::{redirect, Method};
use std::sync::{Arc, Mutex};
use std::time::Duration;

impl SfClient {
    pub fn new(domain: &OrgDomain, options: &ClientOptions) -> Result<Self, BuildError> {
        let base = domain.base_url().clone();
        let mut known_secrets: Vec<Secret> = Vec::new();
        let tls = super::tls::client_config(options.ca_cert_pem.as_deref())?;
        let mut builder = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(redirect::Policy::none())
            .https_only(!domain.is_loopback())
            .dns_resolver(Arc::new(Resolver))
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .user_agent(USER_AGENT)
            .pool_idle_timeout(Duration::from_secs(30));
        let network = NetworkSummary::of(
            options.proxy.as_ref(),
            base.scheme(),
            options.ca_cert_pem.is_some(),
        );
        if let Some(proxy) = &options.proxy {
            let mut p = reqwest::Proxy::all(proxy.url().as_str())
                .map_err(|e| BuildError::Setup(format!("the proxy {}: {e}", proxy.host())))?;
            if let Some((user, password)) = proxy.credentials() {
                p = p.basic_auth(user, password.expose());
                known_secrets.push(password.clone());
            }
            builder = builder.proxy(p);
        }
        let http = builder
            .build()
            .map_err(|e| BuildError::Setup(error_chain(&e)))?;
        Ok(SfClient {
            http,
            base,
            timeout: options.timeout,
            max_body_bytes: options.max_body_bytes,
            max_large_body_bytes: options.max_large_body_bytes,
            usage: Mutex::new(None),
            known: {
                let known = Arc::new(Known::default());
                for s in &known_secrets {
                    known.add(s);
                }
                known
            },
            network,
        })
    }

    pub(super) async fn send_inner(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&Secret>,
        body: Body<'_>,
        request: String,
        size: Size,
    ) -> Result<SfResponse, ClientError> {
        let url = self.url(path)?;
        let accept = match body {
            Body::Soap { .. } => "text/xml",
            _ => "application/json",
        };
        let mut builder = self
            .http
            .request(method, url.clone())
            .header(reqwest::header::ACCEPT, accept);
        if let Some(token) = bearer {
            self.known.add(token);
            builder = builder.bearer_auth(token.expose());
        }
        builder = match body {
            Body::Empty => builder,
            Body::Form(fields) => {
                let pairs: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(name, value)| match value {
                        Field::Plain(text) => (*name, *text),
                        Field::Secret(secret) => {
                            self.known.add(secret);
                            (*name, secret.expose())
                        }
                    })
                    .collect();
                builder.form(&pairs)
            }
            Body::Json(value) => builder.json(value),
            Body::Soap { session, operation } => {
                self.known.add(session);
                builder
                    .header(CONTENT_TYPE, "text/xml; charset=UTF-8")
                    .header("SOAPAction", "\"\"")
                    .body(soap_envelope(session.expose(), operation))
            }
        };
        let response = builder
            .send()
            .await
            .map_err(|e| self.map_error(&e, &request))?;
        let status = response.status().as_u16();
        tracing::debug!(request = %request, status, "answer");
        if let (407, Some(proxy)) = (status, &self.network.proxy) {
            // A plain-HTTP request through a proxy gets the proxy's own 407 as its answer.
            return Err(ClientError::ProxyAuth {
                proxy: proxy.clone(),
                request,
            });
        }
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            let location_host = location_host(&url, response.headers());
            tracing::warn!(request = %request, status, location_host = %location_host, "redirect refused");
            return Err(ClientError::Redirect {
                status,
                location_host,
                request,
            });
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let api_usage = response
            .headers()
            .get("sforce-limit-info")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_limit_info);
        if let Some(usage) = api_usage {
            if let Ok(mut slot) = self.usage.lock() {
                *slot = Some(usage);
            }
        }
        // An error answer is small whatever was asked; only a successful large one may be big.
        let cap = if size == Size::Large && (200..300).contains(&status) {
            self.max_large_body_bytes
        } else {
            self.max_body_bytes
        };
        let date_ms = response
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .and_then(|d| u64::try_from(d.as_millis()).ok());
        let (bytes, truncated) = self.read_body(response, &request, cap).await?;
        Ok(SfResponse {
            status,
            content_type,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            truncated,
            request,
            api_usage,
            date_ms,
            known: Arc::clone(&self.known),
        })
    }

    /// Read chunks until the cap; past it, stop reading and flag the body as cut.
    async fn read_body(
        &self,
        mut response: reqwest::Response,
        request: &str,
        cap: usize,
    ) -> Result<(Vec<u8>, bool), ClientError> {
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| self.map_error(&e, request))?
        {
            let room = cap.saturating_sub(bytes.len());
            if chunk.len() > room {
                bytes.extend_from_slice(&chunk[..room]);
                return Ok((bytes, true));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok((bytes, false))
    }

    fn map_error(&self, error: &reqwest::Error, request: &str) -> ClientError {
        let detail = error_chain(error);
        let root = root_cause(error);
        let request = request.to_string();
        tracing::debug!(request = %request, error = %detail, "request failed");
        if let Some(proxy) = &self.network.proxy {
            if let Some(failure) = proxy_failure(error, proxy, &detail, &root, &request) {
                return failure;
            }
        }
        match classify_transport(error, error.is_timeout(), error.is_connect()) {
            Transport::Timeout => ClientError::Timeout {
                secs: self.timeout.as_secs(),
                request,
            },
            Transport::Dns => ClientError::Dns {
                detail: format!(
                    "{} ({root})",
                    self.base.host_str().unwrap_or("the org host")
                ),
                chain: detail,
                request,
            },
            Transport::Tls(problem) => ClientError::Tls {
                problem,
                detail: root,
                chain: detail,
                request,
            },
            Transport::Connect => ClientError::Connect {
                detail: root,
                chain: detail,
                request,
            },
            Transport::Other => ClientError::Network {
                detail: root,
                chain: detail,
                request,
            },
        }
    }
}
