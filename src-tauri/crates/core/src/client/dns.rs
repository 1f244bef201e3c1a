//! The system resolver with a typed failure, so a DNS error is told apart from others.

use std::error::Error as StdError;
use std::net::SocketAddr;

/// A resolver failure, typed so the transport finds it in the error chain.
#[derive(Debug, thiserror::Error)]
#[error("{host} does not resolve ({reason})")]
pub struct DnsFailure {
    pub(super) host: String,
    pub(super) reason: String,
}

/// The system resolver (on tokio's blocking pool, as reqwest's default one), with a typed error.
pub(super) struct Resolver;

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.clone(), 0)).await;
            let addrs: Vec<SocketAddr> = match found {
                Ok(addrs) => addrs.collect(),
                Err(e) => {
                    return Err(Box::new(DnsFailure {
                        host,
                        reason: e.to_string(),
                    }) as Box<dyn StdError + Send + Sync>)
                }
            };
            if addrs.is_empty() {
                return Err(Box::new(DnsFailure {
                    host,
                    reason: "no address".into(),
                }) as Box<dyn StdError + Send + Sync>);
            }
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}
