//! What carries the org's traffic, apart from any Salesforce API: TLS on the listener, and the
//! test doubles a client may meet on the way (a CONNECT proxy, a slow relay).

pub(crate) mod proxy;
pub(crate) mod relay;
pub(crate) mod tls;
