//! How a client is built and what a request carries: timeouts, size caps, the proxy, and the
//! body kinds (form, JSON, a Metadata API SOAP call).

use crate::network::ProxySetting;
use crate::secret::Secret;
use std::time::Duration;

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
pub(super) fn soap_envelope(session: &str, operation: &str) -> String {
    let session = session
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:met=\"http://soap.sforce.com/2006/04/metadata\"><soapenv:Header><met:SessionHeader><met:sessionId>{session}</met:sessionId></met:SessionHeader></soapenv:Header><soapenv:Body>{operation}</soapenv:Body></soapenv:Envelope>"
    )
}
