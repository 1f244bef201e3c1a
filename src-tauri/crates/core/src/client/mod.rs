//! The one HTTP client of a run: rustls, connection reuse, bounded timeouts and body size,
//! HTTPS only (loopback excepted), redirects never followed, and nothing sent to any host but
//! the org's own. Every call goes through [`SfClient::send`], so these rules hold everywhere.
//!
//! The client knows every secret it sent (the consumer secret in a form, the bearer token) and
//! every token it was told of, and masks them all in what an answer shows ([`SfResponse::masked_body`]):
//! callers never pass secrets around to mask them. Transport failures are classified from error
//! types (reqwest's kinds, our resolver's error, `rustls::Error`, `io::ErrorKind`), not from text.

mod dns;
mod error;
mod response;
mod tls;

pub use dns::DnsFailure;
pub use error::{BuildError, ClientError, TlsProblem};
pub use response::{parse_limit_info, SfResponse};

use crate::domain::OrgDomain;
use crate::network::{NetworkSummary, ProxySetting};
use crate::secret::{mask, Secret};
use crate::types::ApiUsage;
use dns::Resolver;
use error::{classify_transport, error_chain, location_host, proxy_failure, root_cause, Transport};
use reqwest::header::CONTENT_TYPE;
use reqwest::{redirect, Method};
use response::Known;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tracing::Instrument;
use url::Url;

/// OAuth answers, errors and small REST answers are read up to this size (they are a few KiB).
pub const MAX_BODY_BYTES: usize = 256 * 1024;
/// Describes, object lists and queries are read up to this size: a large org's Account
/// describe runs to several MB (hundreds of custom fields); the cap keeps a hostile answer from
/// exhausting memory. Bodies are read in chunks and counted as they come.
pub const MAX_LARGE_BODY_BYTES: usize = 32 * 1024 * 1024;
/// The TCP + TLS connect budget, within the per-request timeout.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const USER_AGENT: &str = concat!("eca-preflight/", env!("CARGO_PKG_VERSION"));

/// How the client is built for one run.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Total time of one request, body included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// An extra trusted root (PEM), e.g. the simulated org's `--tls` CA.
    pub ca_cert_pem: Option<Vec<u8>>,
    /// Every request through this proxy (else the environment's, as reqwest reads it).
    pub proxy: Option<ProxySetting>,
    /// The cap of [`Size::Small`] answers (and of every error answer).
    pub max_body_bytes: usize,
    /// The cap of a successful [`Size::Large`] answer.
    pub max_large_body_bytes: usize,
}

/// How big an answer may be: OAuth and errors are small; a describe, an object list or a
/// query can be large.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Small,
    Large,
}

impl ClientOptions {
    pub fn new(timeout: Duration) -> Self {
        ClientOptions {
            timeout,
            connect_timeout: CONNECT_TIMEOUT.min(timeout),
            ca_cert_pem: None,
            proxy: None,
            max_body_bytes: MAX_BODY_BYTES,
            max_large_body_bytes: MAX_LARGE_BODY_BYTES,
        }
    }
}

/// A form value: plain, or a secret the client will mask in every answer of the run.
#[derive(Clone, Copy)]
pub enum Field<'a> {
    Plain(&'a str),
    Secret(&'a Secret),
}

/// A request body.
pub enum Body<'a> {
    Empty,
    Form(&'a [(&'a str, Field<'a>)]),
    Json(&'a serde_json::Value),
    /// A SOAP call of the Metadata API: the operation element, sent in an envelope whose
    /// SessionHeader carries `session` (masked in every answer, like a bearer token).
    Soap {
        session: &'a Secret,
        operation: &'a str,
    },
}

/// The SOAP 1.1 envelope of a Metadata API call.
fn soap_envelope(session: &str, operation: &str) -> String {
    let session = session
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:met=\"http://soap.sforce.com/2006/04/metadata\"><soapenv:Header><met:SessionHeader><met:sessionId>{session}</met:sessionId></met:SessionHeader></soapenv:Header><soapenv:Body>{operation}</soapenv:Body></soapenv:Envelope>"
    )
}

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
    pub fn new(domain: &OrgDomain, options: &ClientOptions) -> Result<Self, BuildError> {
        let base = domain.base_url().clone();
        let mut known_secrets: Vec<Secret> = Vec::new();
        let tls = tls::client_config(options.ca_cert_pem.as_deref())?;
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

    /// How this client reaches the org (for the report).
    pub fn network(&self) -> &NetworkSummary {
        &self.network
    }

    /// The latest `Sforce-Limit-Info` seen in this run.
    pub fn api_usage(&self) -> Option<ApiUsage> {
        self.usage.lock().ok().and_then(|u| *u)
    }

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

    async fn send_inner(
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

/// The token's `id` (`https://login.salesforce.com/id/00D…/005…`) as a path on the org host:
/// credentials never go to the host named in `id`.
pub fn id_path(id: &str) -> Option<String> {
    let (org, user) = ids_from_token_id(id)?;
    Some(format!("/id/{org}/{user}"))
}

/// The org and user ids in the token's `id` URL.
pub fn ids_from_token_id(id: &str) -> Option<(String, String)> {
    let url = Url::parse(id).ok()?;
    let mut segments = url.path_segments()?;
    if segments.next()? != "id" {
        return None;
    }
    let org = segments.next()?;
    let user = segments.next()?;
    let valid =
        |s: &str| !s.is_empty() && s.len() <= 18 && s.chars().all(|c| c.is_ascii_alphanumeric());
    (valid(org) && valid(user)).then(|| (org.to_string(), user.to_string()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::codes::BodyKind;
    use std::error::Error as StdError;

    #[test]
    fn limit_info_is_parsed() {
        assert_eq!(
            parse_limit_info("api-usage=25/15000"),
            Some(ApiUsage {
                used: 25,
                max: 15000
            })
        );
        assert_eq!(
            parse_limit_info("per-app-api-usage=17/250(appName=x), api-usage=18/5000"),
            Some(ApiUsage {
                used: 18,
                max: 5000
            })
        );
        assert_eq!(
            parse_limit_info("api-usage=25/5000; per-app-api-usage=17/250(appName=x)"),
            Some(ApiUsage {
                used: 25,
                max: 5000
            })
        );
        assert_eq!(parse_limit_info("api-usage=x/5000"), None);
        assert_eq!(parse_limit_info(""), None);
    }

    #[test]
    fn id_url_becomes_a_path_on_the_org_host() {
        assert_eq!(
            id_path("https://login.salesforce.com/id/00D5g000004ABCDEAS/0055g000007XYZAAA2")
                .as_deref(),
            Some("/id/00D5g000004ABCDEAS/0055g000007XYZAAA2")
        );
        assert_eq!(id_path("https://evil.example/x/00D/005"), None);
        assert_eq!(id_path("https://login.salesforce.com/id/00D/../x"), None);
        assert_eq!(id_path("not a url"), None);
    }

    fn loopback(port: u16) -> OrgDomain {
        crate::domain::parse_domain(&format!("http://127.0.0.1:{port}")).unwrap()
    }

    #[test]
    fn urls_never_leave_the_org_host() {
        let client =
            SfClient::new(&loopback(4000), &ClientOptions::new(Duration::from_secs(5))).unwrap();
        assert!(client.url("/services/data/").is_ok());
        assert!(matches!(
            client.url("//evil.example/x"),
            Err(ClientError::ForeignHost { .. })
        ));
        assert!(matches!(
            client.url("@evil.example/x"),
            Err(ClientError::ForeignHost { .. })
        ));
        assert!(matches!(
            client.url(":4001/x"),
            Err(ClientError::ForeignHost { .. })
        ));
    }

    #[test]
    fn a_bad_ca_file_is_refused() {
        let mut options = ClientOptions::new(Duration::from_secs(5));
        options.ca_cert_pem = Some(b"not a certificate".to_vec());
        assert!(matches!(
            SfClient::new(&loopback(4000), &options),
            Err(BuildError::BadCaCert(_))
        ));
    }

    #[tokio::test]
    async fn connection_refused_is_connect_failed() {
        // Bind then drop a listener to find a port nobody listens on.
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let client =
            SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
        let err = client.get("/services/data/", None).await.unwrap_err();
        assert_eq!(err.code(), "connect_failed", "{err}");
        assert_eq!(err.details().body_kind, BodyKind::NoResponse);
    }

    #[tokio::test]
    async fn unknown_host_is_dns_failed() {
        // `.invalid` never resolves (RFC 6761).
        let domain = crate::domain::parse_domain("eca-preflight-test.invalid").unwrap();
        let client = SfClient::new(&domain, &ClientOptions::new(Duration::from_secs(10))).unwrap();
        let err = client.get("/services/data/", None).await.unwrap_err();
        assert_eq!(err.code(), "dns_failed", "{err}");
        assert_eq!(err.request(), "GET /services/data/");
    }

    #[test]
    fn plain_http_is_refused_off_loopback() {
        let domain = OrgDomain::forged(
            "http://acme.my.salesforce.com",
            crate::domain::DomainKind::Production,
        );
        let client = SfClient::new(&domain, &ClientOptions::new(Duration::from_secs(5))).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let err = rt
            .block_on(client.get("/services/data/", None))
            .unwrap_err();
        // https_only refuses before connecting: no DNS, no socket.
        assert_eq!(err.code(), "network_failed", "{err}");
        assert!(err.to_string().contains("scheme"), "{err}");
    }

    /// A tiny one-shot HTTP server answering `response` to the first request.
    async fn serve_once(response: &'static str) -> u16 {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            let (mut sock, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 4096];
            let _ = sock.read(&mut buf).await;
            let _ = sock.write_all(response.as_bytes()).await;
            let _ = sock.shutdown().await;
        });
        port
    }

    #[tokio::test]
    async fn a_silent_server_is_a_timeout() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            // Accept and hold the connection without ever answering.
            let (_sock, _) = listener.accept().await.unwrap();
            std::future::pending::<()>().await;
        });
        let client =
            SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(1))).unwrap();
        let err = client.get("/services/data/", None).await.unwrap_err();
        assert_eq!(err.code(), "timeout", "{err}");
    }

    #[tokio::test]
    async fn redirects_are_refused_and_name_the_host() {
        let port = serve_once(
            "HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example/x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        )
        .await;
        let client =
            SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
        let err = client.get("/services/data/", None).await.unwrap_err();
        assert_eq!(err.code(), "redirect_refused");
        assert!(err.to_string().contains("elsewhere.example"), "{err}");
    }

    #[tokio::test]
    async fn big_bodies_are_cut_and_limit_info_kept() {
        let port = serve_once(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nSforce-Limit-Info: api-usage=3/100\r\nContent-Length: 20\r\nConnection: close\r\n\r\n[\"0123456789abcdef\"]",
        )
        .await;
        let mut options = ClientOptions::new(Duration::from_secs(5));
        options.max_body_bytes = 8;
        let client = SfClient::new(&loopback(port), &options).unwrap();
        let resp = client.get("/services/data/", None).await.unwrap();
        assert!(resp.truncated);
        assert_eq!(resp.body.len(), 8);
        assert_eq!(resp.json::<serde_json::Value>(), None);
        assert_eq!(client.api_usage(), Some(ApiUsage { used: 3, max: 100 }));
    }

    /// One answer of `status` with a JSON body of `len` bytes, sent chunked.
    async fn serve_big(status: &'static str, len: usize) -> u16 {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            let (mut sock, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 4096];
            let _ = sock.read(&mut buf).await;
            let head = format!("HTTP/1.1 {status}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            let _ = sock.write_all(head.as_bytes()).await;
            let body = format!("[\"{}\"]", "x".repeat(len - 4));
            for piece in body.as_bytes().chunks(16 * 1024) {
                let chunk = format!("{:x}\r\n", piece.len());
                let _ = sock.write_all(chunk.as_bytes()).await;
                let _ = sock.write_all(piece).await;
                let _ = sock.write_all(b"\r\n").await;
            }
            let _ = sock.write_all(b"0\r\n\r\n").await;
            let _ = sock.shutdown().await;
        });
        port
    }

    #[tokio::test]
    async fn large_answers_are_read_whole_and_errors_stay_small() {
        let size = MAX_BODY_BYTES * 3;
        let port = serve_big("200 OK", size).await;
        let client =
            SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
        let describe = client
            .get_large("/services/data/v68.0/sobjects/Account/describe", None)
            .await
            .unwrap();
        assert!(!describe.truncated);
        assert_eq!(describe.raw_body().len(), size);
        assert!(describe.json::<serde_json::Value>().is_some());

        let port = serve_big("200 OK", size).await;
        let client =
            SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
        let small = client.get("/services/oauth2/userinfo", None).await.unwrap();
        assert!(small.truncated, "a small answer is capped");
        assert_eq!(small.raw_body().len(), MAX_BODY_BYTES);

        let port = serve_big("400 Bad Request", size).await;
        let client =
            SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
        let error = client
            .get_large("/services/data/v68.0/query", None)
            .await
            .unwrap();
        assert!(
            error.truncated,
            "an error answer is small whatever was asked"
        );
        assert_eq!(error.raw_body().len(), MAX_BODY_BYTES);
    }

    /// An error whose text says "TLS alert certificate" but whose type is a refused connection.
    #[derive(Debug)]
    struct Wrapper(std::io::Error);
    impl std::fmt::Display for Wrapper {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("error sending request to https://alerts.tls-certificate.example/")
        }
    }
    impl StdError for Wrapper {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn failures_are_classified_by_type_not_by_text() {
        let refused = Wrapper(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "handshake alert certificate dns error",
        ));
        assert_eq!(
            classify_transport(&refused, false, false),
            Transport::Connect
        );
        let tls = Wrapper(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        ));
        assert_eq!(
            classify_transport(&tls, false, true),
            Transport::Tls(TlsProblem::Untrusted)
        );
        let mismatch = Wrapper(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::NotValidForName),
        ));
        assert_eq!(
            classify_transport(&mismatch, false, true),
            Transport::Tls(TlsProblem::NameMismatch)
        );
        let expired = Wrapper(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::Expired),
        ));
        assert_eq!(
            classify_transport(&expired, false, true),
            Transport::Tls(TlsProblem::Expired)
        );
        let dns = Wrapper(std::io::Error::other(DnsFailure {
            host: "acme.my.salesforce.com".into(),
            reason: "connection refused".into(),
        }));
        assert_eq!(classify_transport(&dns, false, true), Transport::Dns);
        let odd = Wrapper(std::io::Error::other("certificate tls alert timed out"));
        assert_eq!(classify_transport(&odd, false, false), Transport::Other);
        assert_eq!(classify_transport(&odd, true, false), Transport::Timeout);
    }

    #[tokio::test]
    async fn answers_mask_every_secret_the_client_sent() {
        let port = serve_once(
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"error\":\"x\",\"echo\":\"s3cret-value\",\"b\":\"tok-123456\",\"access_token\":\"00Dfresh!tok\"}",
        )
        .await;
        let client =
            SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
        let secret = Secret::new("s3cret-value");
        let token = Secret::new("tok-123456");
        let form = [
            ("client_secret", Field::Secret(&secret)),
            ("grant_type", Field::Plain("x")),
        ];
        let resp = client
            .send(
                Method::POST,
                "/services/oauth2/token",
                Some(&token),
                Body::Form(&form),
            )
            .await
            .unwrap();
        let shown = resp.masked_body();
        assert!(resp.raw_body().contains("s3cret-value"));
        for hidden in ["s3cret-value", "tok-123456", "00Dfresh!tok"] {
            assert!(!shown.contains(hidden), "{shown}");
        }
        assert!(!format!("{resp:?}").contains("s3cret-value"));
        assert!(!client
            .mask("the secret s3cret-value")
            .contains("s3cret-value"));
    }
}
