//! The network between this computer and the org: an explicit HTTP(S) proxy (its credentials
//! kept as a [`Secret`]), the proxies the environment names (`HTTPS_PROXY`, `ALL_PROXY`, …, as
//! curl reads them; reqwest applies them), and what a report may say about both.

use crate::domain::{DomainKind, OrgDomain};
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;
use url::Url;

/// A proxy every request goes through (loopback included), e.g. `http://proxy.acme.com:3128`.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxySetting {
    /// `scheme://host:port`, never with credentials.
    url: Url,
    username: Option<String>,
    password: Option<Secret>,
}

/// Why a proxy address cannot be used. `Display` is the message for the admin; it never holds
/// the credentials.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The proxy {0}. Give it as http://host:port (or https://host:port; credentials as http://user:password@host:port).")]
pub struct ProxyError(&'static str);

impl ProxySetting {
    /// `http(s)://[user[:password]@]host:port`; a path or query is refused (it would be dropped).
    pub fn parse(text: &str) -> Result<ProxySetting, ProxyError> {
        let mut url = Url::parse(text.trim()).map_err(|_| ProxyError("address is not a URL"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ProxyError("address must start with http:// or https://"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(ProxyError("address has no host"));
        }
        if url.port().is_none() {
            return Err(ProxyError("address has no port"));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(ProxyError(
                "address has a path; only the host and port are used",
            ));
        }
        let username = (!url.username().is_empty()).then(|| percent_decode(url.username()));
        let password = url.password().map(|p| Secret::new(percent_decode(p)));
        // Credentials travel in Proxy-Authorization only, never in a URL an error may show.
        let _ = url.set_username("");
        let _ = url.set_password(None);
        Ok(ProxySetting {
            url,
            username,
            password,
        })
    }

    /// The proxy without credentials, e.g. `http://proxy.acme.com:3128`.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// `host:port`, as reports name the proxy.
    pub fn host(&self) -> String {
        match (self.url.host_str(), self.url.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            _ => String::new(),
        }
    }

    /// The same proxy with this password for its user (kept apart from the address, e.g. in
    /// the keychain).
    pub fn with_password(mut self, password: Secret) -> ProxySetting {
        if self.username.is_some() {
            self.password = Some(password);
        }
        self
    }

    /// The Basic credentials, if the address had any.
    pub fn credentials(&self) -> Option<(&str, &Secret)> {
        static EMPTY: std::sync::LazyLock<Secret> = std::sync::LazyLock::new(|| Secret::new(""));
        let user = self.username.as_deref()?;
        Some((user, self.password.as_ref().unwrap_or(&EMPTY)))
    }
}

/// Never the password.
impl fmt::Debug for ProxySetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxySetting")
            .field("url", &self.url.as_str())
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' {
            if let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The proxy the environment names for `scheme` requests (as curl reads it), if any.
pub fn env_proxy(scheme: &str) -> Option<String> {
    let names: &[&str] = if scheme == "https" {
        &["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
    } else {
        &["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
    };
    names
        .iter()
        .find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))
}

/// How the run reached the org, for the report: the proxy's host (never its credentials) and
/// whether an extra root certificate was trusted on top of the OS store.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq, TS)]
pub struct NetworkSummary {
    /// `host:port` of the proxy the requests went through, if any.
    pub proxy: Option<String>,
    /// The proxy came from the environment (`HTTPS_PROXY`, …) rather than the profile or
    /// `--proxy`.
    pub proxy_from_environment: bool,
    /// An extra CA certificate was trusted besides the OS store and the bundled roots.
    pub extra_ca: bool,
}

impl NetworkSummary {
    /// The network a client with these settings uses: the explicit proxy, else the one the
    /// environment names for `scheme` (reqwest applies it), and whether an extra CA is trusted.
    pub fn of(proxy: Option<&ProxySetting>, scheme: &str, extra_ca: bool) -> NetworkSummary {
        let from_env = || env_proxy(scheme).and_then(|p| ProxySetting::parse(&p).ok());
        let (proxy, proxy_from_environment) = match proxy {
            Some(p) => (Some(p.host()), false),
            None => match from_env() {
                Some(p) => (Some(p.host()), true),
                None => (None, false),
            },
        };
        NetworkSummary {
            proxy,
            proxy_from_environment,
            extra_ca,
        }
    }

    /// Whether Salesforce may freeze the Run As user for this run's traffic: a production org
    /// reached through a proxy (set, or from the environment) or a TLS-inspecting middlebox (an
    /// extra root certificate is trusted for it). None for sandboxes, scratch orgs, loopback.
    pub fn freeze_risk(&self, domain: &OrgDomain) -> Option<FreezeRisk> {
        if matches!(
            domain.kind,
            DomainKind::Sandbox | DomainKind::Scratch | DomainKind::Loopback
        ) {
            return None;
        }
        let network = match (&self.proxy, self.extra_ca) {
            (Some(host), _) if self.proxy_from_environment => {
                format!("the proxy {host} (from HTTPS_PROXY / ALL_PROXY)")
            }
            (Some(host), _) => format!("the proxy {host}"),
            (None, true) => {
                "a network that inspects TLS (an extra root certificate is trusted for it)"
                    .to_string()
            }
            (None, false) => return None,
        };
        Some(FreezeRisk {
            warning: format!(
                "{} is a production org, and this check calls it as the Run As user through {network}. Since April 24, 2026 Salesforce freezes a user whose API traffic comes from an anonymizing VPN, a proxy or a high-risk IP address, and its login-anomaly detection does the same on a new network: all the user's tokens are revoked and the integration stops until an admin unfreezes the user. Check from the network the integration already uses if it must keep running.",
                domain.host
            ),
            network,
            kb_url: FREEZE_KB_URL.to_string(),
        })
    }
}

/// Salesforce's knowledge article on users frozen for VPN, proxy or high-risk IP traffic.
pub const FREEZE_KB_URL: &str = "https://help.salesforce.com/s/articleView?id=005318944&type=1";

/// Why a run may get the Run As user frozen by Salesforce, said before the first grant.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, TS)]
pub struct FreezeRisk {
    /// The network in question, e.g. "the proxy proxy.acme.com:3128": the app asks once per
    /// profile and network.
    pub network: String,
    /// What to know, in an admin's words.
    pub warning: String,
    /// Salesforce's knowledge article (KB 005318944).
    pub kb_url: String,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn production_through_a_proxy_or_inspected_tls_is_a_freeze_risk() {
        let prod = crate::domain::parse_domain("acme").unwrap();
        let sandbox = crate::domain::parse_domain("acme--uat.sandbox.my.salesforce.com").unwrap();
        let local = crate::domain::parse_domain("http://127.0.0.1:8443").unwrap();
        let proxy = ProxySetting::parse("http://u:pw@proxy.acme.com:3128").unwrap();
        let through = NetworkSummary::of(Some(&proxy), "https", false);
        let risk = through.freeze_risk(&prod).unwrap();
        assert_eq!(risk.network, "the proxy proxy.acme.com:3128");
        assert!(risk
            .warning
            .starts_with("acme.my.salesforce.com is a production org"));
        assert!(risk.warning.contains("freezes a user") && !risk.warning.contains("pw"));
        assert!(risk.kb_url.contains("005318944"));
        assert!(through.freeze_risk(&sandbox).is_none());
        assert!(through.freeze_risk(&local).is_none());
        let inspected = NetworkSummary {
            extra_ca: true,
            ..NetworkSummary::default()
        };
        assert!(inspected
            .freeze_risk(&prod)
            .unwrap()
            .network
            .contains("inspects TLS"));
        let direct = NetworkSummary::default();
        assert!(direct.freeze_risk(&prod).is_none());
        let from_env = NetworkSummary {
            proxy: Some("proxy:8080".into()),
            proxy_from_environment: true,
            extra_ca: false,
        };
        assert!(from_env
            .freeze_risk(&prod)
            .unwrap()
            .network
            .contains("HTTPS_PROXY"));
    }

    #[test]
    fn proxies_parse_and_keep_credentials_out_of_sight() {
        let p = ProxySetting::parse("http://ci%40acme:p%3Ass@proxy.acme.com:3128").unwrap();
        assert_eq!(p.url().as_str(), "http://proxy.acme.com:3128/");
        assert_eq!(p.host(), "proxy.acme.com:3128");
        let (user, password) = p.credentials().unwrap();
        assert_eq!((user, password.expose()), ("ci@acme", "p:ss"));
        assert!(!format!("{p:?}").contains("p:ss"));
        assert!(ProxySetting::parse("http://proxy:8080")
            .unwrap()
            .credentials()
            .is_none());
        for bad in [
            "proxy:8080",
            "socks5://proxy:1080",
            "http://proxy",
            "http://proxy:8080/x",
            "http://:8080",
        ] {
            let err = ProxySetting::parse(bad).unwrap_err().to_string();
            assert!(err.contains("http://host:port"), "{bad}: {err}");
        }
        let err = ProxySetting::parse("http://u:hunter2@proxy/x")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("hunter2"));
    }
}
