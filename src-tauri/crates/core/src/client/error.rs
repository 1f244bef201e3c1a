//! Why a request got no usable answer: the error types and the reading of a transport error
//! chain (timeout, DNS, TLS, connect, the proxy).

use super::dns::DnsFailure;
use crate::codes::{BodyKind, DiagnosisCode};
use crate::types::RawDetails;
use reqwest::header::{HeaderMap, LOCATION};
use std::error::Error as StdError;
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("The CA certificate file holds no usable PEM certificate{0}")]
    BadCaCert(String),
    #[error("Could not set up the HTTP client: {0}")]
    Setup(String),
}

/// Why a request got no usable answer. `Display` never holds a secret: URLs carry none.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// A URL outside the org host: refused before sending.
    #[error("refused to send a request to {host}: it is not the org's host")]
    ForeignHost { host: String, request: String },
    #[error("the org answered {status} redirecting to {location_host}; redirects are not followed, so no credentials went there")]
    Redirect {
        status: u16,
        location_host: String,
        request: String,
    },
    #[error("the host name does not resolve: {detail}")]
    Dns {
        detail: String,
        chain: String,
        request: String,
    },
    #[error("could not connect: {detail}")]
    Connect {
        detail: String,
        chain: String,
        request: String,
    },
    #[error("the TLS handshake failed: {detail}")]
    Tls {
        problem: TlsProblem,
        detail: String,
        chain: String,
        request: String,
    },
    #[error("no answer within {secs} s")]
    Timeout { secs: u64, request: String },
    /// The proxy could not be reached, or would not open a tunnel to the org.
    #[error("the proxy {proxy} failed: {detail}")]
    Proxy {
        proxy: String,
        detail: String,
        chain: String,
        request: String,
    },
    /// The proxy answered 407: it wants (other) credentials.
    #[error("the proxy {proxy} asks for credentials (407 Proxy Authentication Required)")]
    ProxyAuth { proxy: String, request: String },
    #[error("the request failed: {detail}")]
    Network {
        detail: String,
        chain: String,
        request: String,
    },
}

impl ClientError {
    /// The catalog code of this failure.
    pub fn code(&self) -> DiagnosisCode {
        match self {
            ClientError::ForeignHost { .. } => DiagnosisCode::ForeignHostRefused,
            ClientError::Redirect { .. } => DiagnosisCode::RedirectRefused,
            ClientError::Dns { .. } => DiagnosisCode::DnsFailed,
            ClientError::Connect { .. } => DiagnosisCode::ConnectFailed,
            ClientError::Tls { problem, .. } => match problem {
                TlsProblem::Untrusted => DiagnosisCode::TlsUntrusted,
                TlsProblem::NameMismatch => DiagnosisCode::TlsNameMismatch,
                TlsProblem::Expired => DiagnosisCode::TlsExpired,
                TlsProblem::Other => DiagnosisCode::TlsFailed,
            },
            ClientError::Timeout { .. } => DiagnosisCode::Timeout,
            ClientError::Proxy { .. } => DiagnosisCode::ProxyFailed,
            ClientError::ProxyAuth { .. } => DiagnosisCode::ProxyAuthRequired,
            ClientError::Network { .. } => DiagnosisCode::NetworkFailed,
        }
    }

    pub fn request(&self) -> &str {
        match self {
            ClientError::ForeignHost { request, .. }
            | ClientError::Redirect { request, .. }
            | ClientError::Dns { request, .. }
            | ClientError::Connect { request, .. }
            | ClientError::Tls { request, .. }
            | ClientError::Timeout { request, .. }
            | ClientError::Proxy { request, .. }
            | ClientError::ProxyAuth { request, .. }
            | ClientError::Network { request, .. } => request,
        }
    }

    /// Raw details for the diagnosis: what happened instead of an answer.
    pub fn details(&self) -> RawDetails {
        let status = match self {
            ClientError::Redirect { status, .. } => Some(*status),
            _ => None,
        };
        let body = match self {
            ClientError::Dns { chain, .. }
            | ClientError::Connect { chain, .. }
            | ClientError::Tls { chain, .. }
            | ClientError::Proxy { chain, .. }
            | ClientError::Network { chain, .. } => format!("{self}\n{chain}"),
            _ => self.to_string(),
        };
        RawDetails {
            status,
            content_type: None,
            body,
            body_kind: BodyKind::NoResponse,
            request: Some(self.request().to_string()),
        }
    }
}

/// What kind of transport failure an error chain is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Transport {
    Timeout,
    Dns,
    Tls(TlsProblem),
    Connect,
    Other,
}

/// Why a certificate was refused, from rustls' own error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsProblem {
    /// The chain leads to no trusted root (typical of HTTPS inspection on company networks).
    Untrusted,
    NameMismatch,
    /// Expired or not valid yet (often a wrong clock).
    Expired,
    Other,
}

pub(super) fn tls_problem(error: &rustls::Error) -> TlsProblem {
    use rustls::CertificateError as C;
    match error {
        rustls::Error::InvalidCertificate(cert) => match cert {
            C::UnknownIssuer | C::BadSignature => TlsProblem::Untrusted,
            C::NotValidForName | C::NotValidForNameContext { .. } => TlsProblem::NameMismatch,
            C::Expired
            | C::ExpiredContext { .. }
            | C::NotValidYet
            | C::NotValidYetContext { .. } => TlsProblem::Expired,
            _ => TlsProblem::Other,
        },
        _ => TlsProblem::Other,
    }
}

/// Every error in the chain, looking inside `io::Error`s too (their `source()` skips the error
/// they wrap, which is where rustls puts its own).
pub(super) fn chain<'a>(error: &'a (dyn StdError + 'static)) -> Vec<&'a (dyn StdError + 'static)> {
    let mut out = Vec::new();
    let mut next = Some(error);
    while let Some(e) = next {
        out.push(e);
        next = match e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => e.source(),
        };
        if out.len() > 32 {
            break;
        }
    }
    out
}

pub(super) fn classify_transport(
    error: &(dyn StdError + 'static),
    timeout: bool,
    connect: bool,
) -> Transport {
    use std::io::ErrorKind;
    let links = chain(error);
    if timeout
        || links.iter().any(|e| {
            e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == ErrorKind::TimedOut)
        })
    {
        return Transport::Timeout;
    }
    if links.iter().any(|e| e.is::<DnsFailure>()) {
        return Transport::Dns;
    }
    if let Some(tls) = links.iter().find_map(|e| e.downcast_ref::<rustls::Error>()) {
        return Transport::Tls(tls_problem(tls));
    }
    let refused = links.iter().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| {
            matches!(
                io.kind(),
                ErrorKind::ConnectionRefused
                    | ErrorKind::ConnectionReset
                    | ErrorKind::ConnectionAborted
                    | ErrorKind::NotConnected
                    | ErrorKind::AddrNotAvailable
                    | ErrorKind::HostUnreachable
                    | ErrorKind::NetworkUnreachable
            )
        })
    });
    if connect || refused {
        return Transport::Connect;
    }
    Transport::Other
}

/// With a proxy in the way, what went wrong there. hyper-util's tunnel error type is private, so
/// its fixed messages are compared whole (never a substring of a text that holds a URL); a
/// refused connection can only be the proxy's, since every connection goes to it.
pub(super) fn proxy_failure(
    error: &reqwest::Error,
    proxy: &str,
    detail: &str,
    root: &str,
    request: &str,
) -> Option<ClientError> {
    let links = chain(error);
    let said = |text: &str| links.iter().any(|e| e.to_string() == text);
    if said("tunnel error: proxy authorization required") {
        return Some(ClientError::ProxyAuth {
            proxy: proxy.to_string(),
            request: request.to_string(),
        });
    }
    let refused = links.iter().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| {
            matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::ConnectionReset
            )
        })
    });
    let tunnel_failed = said("tunnel error: unsuccessful")
        || said("tunnel error: unexpected end of file")
        || said("tunnel error: failed to create underlying connection");
    if tunnel_failed || (refused && error.is_connect()) {
        return Some(ClientError::Proxy {
            proxy: proxy.to_string(),
            detail: root.to_string(),
            chain: detail.to_string(),
            request: request.to_string(),
        });
    }
    None
}

/// "error sending request: client error (Connect): dns error: failed to lookup …" — every
/// source in the chain, so the cause is visible in the raw details.
pub(super) fn error_chain(error: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    for e in chain(error) {
        let text = e.to_string();
        if parts.last() != Some(&text) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

/// The deepest source: "failed to lookup address information: …", "Connection refused …".
pub(super) fn root_cause(error: &(dyn StdError + 'static)) -> String {
    chain(error)
        .last()
        .map_or_else(|| error.to_string(), |e| e.to_string())
}

pub(super) fn location_host(request_url: &Url, headers: &HeaderMap) -> String {
    headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|loc| request_url.join(loc).ok())
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "an unnamed location".to_string())
}
