//! What the admin pasted → the canonical My Domain host, or a refusal that names the fix.
//!
//! Nothing here touches the network: login/test hosts are refused before anything is sent, and
//! every Lightning / Setup / Visualforce host is mapped to the org's `my.salesforce.com` form,
//! because that is the only host the token endpoint answers on.

use crate::codes::DiagnosisCode;
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, Ipv6Addr};
use ts_rs::TS;
use url::Url;

/// Which kind of org a My Domain host belongs to.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum DomainKind {
    Production,
    Sandbox,
    Developer,
    Scratch,
    Patch,
    Demo,
    Free,
    Trailblaze,
    /// Government cloud or other sovereign Salesforce hosts.
    Government,
    /// Salesforce on Alibaba Cloud (`*.sfcrmproducts.cn`).
    China,
    /// 127.0.0.1 / localhost / [::1] — the simulated org and tests; plain HTTP allowed.
    Loopback,
    /// Not a known Salesforce host: credentials go there only after explicit confirmation.
    Other,
}

impl DomainKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DomainKind::Production => "production",
            DomainKind::Sandbox => "sandbox",
            DomainKind::Developer => "developer",
            DomainKind::Scratch => "scratch",
            DomainKind::Patch => "patch",
            DomainKind::Demo => "demo",
            DomainKind::Free => "free",
            DomainKind::Trailblaze => "trailblaze",
            DomainKind::Government => "government",
            DomainKind::China => "china",
            DomainKind::Loopback => "loopback",
            DomainKind::Other => "other",
        }
    }
}

/// A parsed, canonical org address. Only [`parse_domain`] makes one, so holding an `OrgDomain`
/// means the host was checked; downstream code takes it, never the typed string.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct OrgDomain {
    /// Canonical host, e.g. `acme.my.salesforce.com`, `acme--uat.sandbox.my.salesforce.com`,
    /// or `127.0.0.1:8443` for loopback (port kept).
    pub host: String,
    /// `https://HOST` (or `http://127.0.0.1:PORT` for loopback); JSON has no trailing slash.
    #[serde(rename = "base_url", serialize_with = "serialize_origin")]
    #[ts(rename = "base_url", type = "string")]
    url: Url,
    pub kind: DomainKind,
    /// The My Domain name (`acme`), when the host has one.
    pub my_domain_name: Option<String>,
    /// The sandbox name (`uat` in `acme--uat`), for sandboxes.
    pub sandbox_name: Option<String>,
    /// What was changed from the input, as a phrase that does not repeat the host (shown after
    /// it), e.g. "from the Lightning URL you pasted". None when the input was already canonical.
    pub note: Option<String>,
}

fn serialize_origin<S: serde::Serializer>(url: &Url, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(url.as_str().trim_end_matches('/'))
}

/// `SCHEME://HOST[:PORT]` as a URL, refused unless the URL names exactly that host: a URL parser
/// reads shorthand like `127.0.0` or `0x7f.1` as an IPv4 address, and the host shown must be the
/// host connected to.
fn origin(scheme: &str, host: &str) -> Result<Url, DomainError> {
    let refused = |why: String| DomainError::Invalid {
        reason: format!("\"{host}\" is not a valid host name{why}. {USE_MY_DOMAIN}"),
    };
    let url = Url::parse(&format!("{scheme}://{host}")).map_err(|e| refused(format!(" ({e})")))?;
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !name.ends_with(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            (name, port.parse::<u16>().ok())
        }
        _ => (host, None),
    };
    let same_port = port.is_none_or(|p| url.port_or_known_default() == Some(p));
    if url.host_str() != Some(name) || !same_port {
        return Err(refused(String::new()));
    }
    Ok(url)
}

impl OrgDomain {
    /// The org's origin, e.g. `https://acme.my.salesforce.com/`.
    pub fn base_url(&self) -> &Url {
        &self.url
    }

    /// `https://HOST` + path (path starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.url.as_str().trim_end_matches('/'), path)
    }

    /// A domain the parser would never make (e.g. plain http on a Salesforce host), for tests of
    /// the layers that must still refuse it.
    #[cfg(test)]
    pub(crate) fn forged(base: &str, kind: DomainKind) -> OrgDomain {
        #[allow(clippy::unwrap_used)]
        let url = Url::parse(base).unwrap();
        OrgDomain {
            host: url.host_str().unwrap_or_default().to_string(),
            url,
            kind,
            my_domain_name: None,
            sandbox_name: None,
            note: None,
        }
    }

    /// True for the simulated org / tests on loopback.
    pub fn is_loopback(&self) -> bool {
        self.kind == DomainKind::Loopback
    }

    /// True when credentials may be sent without asking: a Salesforce host over HTTPS, or loopback.
    pub fn is_trusted(&self) -> bool {
        self.kind != DomainKind::Other
    }
}

/// Why a pasted domain cannot be used. `Display` says what is wrong and the fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DomainError {
    #[error("Enter your org's My Domain, e.g. acme.my.salesforce.com.")]
    Empty,
    /// login.salesforce.com / test.salesforce.com (and their http(s) URLs).
    #[error("{host} does not support the Client Credentials flow. Use your org's My Domain instead (Setup → My Domain → Current My Domain URL), e.g. acme.my.salesforce.com.")]
    NotMyDomain { host: String },
    #[error("{reason}")]
    Invalid { reason: String },
}

impl DomainError {
    /// The catalog code for this refusal (`not_my_domain`, `domain_invalid`).
    pub fn code(&self) -> DiagnosisCode {
        match self {
            DomainError::NotMyDomain { .. } => DiagnosisCode::NotMyDomain,
            DomainError::Empty | DomainError::Invalid { .. } => DiagnosisCode::DomainInvalid,
        }
    }
}

const USE_MY_DOMAIN: &str =
    "Use your org's My Domain (Setup → My Domain → Current My Domain URL), e.g. acme.my.salesforce.com.";

/// The note when a bare My Domain name (`acme`, `acme--uat`, `acme.develop`) was completed.
const COMPLETED_NAME: &str = "completed from the My Domain name";

/// Hosts the Client Credentials flow refuses with "request not supported on this domain".
const GENERIC_LOGIN_HOSTS: [&str; 2] = ["login.salesforce.com", "test.salesforce.com"];

/// A Salesforce org host family: the My Domain suffix and the UI hosts that map onto it.
struct Cloud {
    /// `my.salesforce.com` and friends: where the token endpoint lives.
    my_domain: &'static str,
    /// UI hosts of the same org: (suffix, what the note calls it, strip a `--c`-style label).
    aliases: &'static [(&'static str, &'static str, bool)],
    /// Forced kind (sovereign clouds), else the kind comes from the partition label.
    kind: Option<DomainKind>,
}

const CLOUDS: [Cloud; 3] = [
    Cloud {
        my_domain: "my.salesforce.com",
        aliases: &[
            ("lightning.force.com", "Lightning URL", false),
            ("my.salesforce-setup.com", "Setup URL", false),
            ("vf.force.com", "Visualforce URL", true),
        ],
        kind: None,
    },
    // Government Cloud Plus (Defense): org hosts on .mil.
    Cloud {
        my_domain: "my.salesforce.mil",
        aliases: &[("lightning.crmforce.mil", "Lightning URL", false)],
        kind: Some(DomainKind::Government),
    },
    // Salesforce on Alibaba Cloud.
    Cloud {
        my_domain: "my.sfcrmproducts.cn",
        aliases: &[("lightning.sfcrmapps.cn", "Lightning URL", false)],
        kind: Some(DomainKind::China),
    },
];

/// Hosts that serve sites or content, not the org's login: refused with an explanation.
const SITE_SUFFIXES: [&str; 6] = [
    "my.site.com",
    "my.salesforce-sites.com",
    "force.com",
    "my.site.mil",
    "sfcrmapps.cn",
    "my.salesforce-sites.mil",
];

/// Partition labels of enhanced My Domains (`NAME.develop.my.salesforce.com`).
fn partition_kind(label: &str) -> Option<DomainKind> {
    Some(match label {
        "sandbox" => DomainKind::Sandbox,
        "develop" => DomainKind::Developer,
        "scratch" => DomainKind::Scratch,
        "patch" => DomainKind::Patch,
        "demo" => DomainKind::Demo,
        "free" => DomainKind::Free,
        "trailblaze" => DomainKind::Trailblaze,
        _ => return None,
    })
}

/// Parse anything an admin may paste: bare `acme`, `acme--uat`, hosts, Lightning / Setup URLs,
/// partitioned hosts, loopback URLs with a port.
pub fn parse_domain(input: &str) -> Result<OrgDomain, DomainError> {
    let trimmed = input.trim();
    if trimmed.trim_end_matches('/').is_empty() {
        return Err(DomainError::Empty);
    }
    if trimmed.chars().any(char::is_whitespace) {
        return Err(invalid(format!(
            "\"{trimmed}\" contains spaces. Paste only the address. {USE_MY_DOMAIN}"
        )));
    }
    let (scheme, rest) = match trimmed.split_once("://") {
        Some((s, rest)) => (Some(s.to_ascii_lowercase()), rest),
        None => (None, trimmed),
    };
    if let Some(s) = scheme.as_deref() {
        if s != "https" && s != "http" {
            return Err(invalid(format!(
                "\"{s}://\" is not a web address. {USE_MY_DOMAIN}"
            )));
        }
    }
    let Authority {
        host,
        port,
        had_path,
    } = split_authority(rest)?;
    // The default HTTPS port says nothing; any other port is kept (loopback, Other) or refused.
    let port = port.filter(|p| *p != 443 || host_ip(&host).is_some_and(|ip| ip.is_loopback()));

    if let Some(ip) = host_ip(&host) {
        if ip.is_loopback() {
            return loopback(&host, Some(ip), port, scheme.as_deref());
        }
    }
    if host == "localhost" {
        return loopback(&host, None, port, scheme.as_deref());
    }

    if GENERIC_LOGIN_HOSTS.contains(&host.as_str()) {
        return Err(DomainError::NotMyDomain { host });
    }

    let mut notes = Vec::new();
    let mut parsed = if !host.contains('.') && host_ip(&host).is_none() {
        let org = bare_name(&host)?;
        notes.push(COMPLETED_NAME.into());
        org
    } else {
        salesforce_host(&host, &mut notes)?
    };

    if parsed.kind == DomainKind::Other {
        validate_other(&host)?;
        parsed.host = match port {
            Some(p) => format!("{host}:{p}"),
            None => host.clone(),
        };
    } else if let Some(p) = port {
        return Err(invalid(format!(
            "Salesforce hosts answer only on the standard HTTPS port; remove \":{p}\" from {host}."
        )));
    }
    if had_path && notes.is_empty() {
        notes.push("the page path is dropped: only the host is used".into());
    }
    if scheme.as_deref() == Some("http") {
        notes.push("https:// instead of http:// (credentials are only sent over HTTPS)".into());
    }
    parsed.url = origin("https", &parsed.host)?;
    parsed.note = (!notes.is_empty()).then(|| notes.join("; "));
    Ok(parsed)
}

fn invalid(reason: String) -> DomainError {
    DomainError::Invalid { reason }
}

struct Authority {
    /// Lower-case host without trailing dots; IPv6 in brackets.
    host: String,
    port: Option<u16>,
    /// Anything after the host (path, query, fragment) was dropped.
    had_path: bool,
}

/// `[user@]host[:port][/path?query#fragment]` → host and port.
fn split_authority(rest: &str) -> Result<Authority, DomainError> {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let had_path = !rest[end..].trim_matches('/').is_empty();
    let authority = &rest[..end];
    // Credentials in the URL are never used; only the host matters.
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if authority.is_empty() {
        return Err(invalid(format!(
            "No host found in the address. {USE_MY_DOMAIN}"
        )));
    }

    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (ip, after) = inner
            .split_once(']')
            .ok_or_else(|| invalid("Unclosed \"[\" in the address.".into()))?;
        let port =
            match after {
                "" => None,
                p => Some(p.strip_prefix(':').ok_or_else(|| {
                    invalid(format!("Unexpected \"{p}\" after the IPv6 address."))
                })?),
            };
        (format!("[{}]", ip.to_ascii_lowercase()), port)
    } else if authority.matches(':').count() > 1 {
        // A bare IPv6 address such as ::1.
        if authority.parse::<Ipv6Addr>().is_err() {
            return Err(invalid(format!("\"{authority}\" is not a valid host.")));
        }
        (format!("[{}]", authority.to_ascii_lowercase()), None)
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h.to_ascii_lowercase(), Some(p)),
            None => (authority.to_ascii_lowercase(), None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(p) => Some(
            p.parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .ok_or_else(|| invalid(format!("\"{p}\" is not a valid port number.")))?,
        ),
    };
    let host = host.trim_end_matches('.').to_string();
    if host.is_empty() {
        return Err(invalid(format!(
            "No host found in the address. {USE_MY_DOMAIN}"
        )));
    }
    Ok(Authority {
        host,
        port,
        had_path,
    })
}

fn host_ip(host: &str) -> Option<IpAddr> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    bare.parse().ok()
}

/// The simulated org and tests: keep scheme (default http) and port.
fn loopback(
    host: &str,
    ip: Option<IpAddr>,
    port: Option<u16>,
    scheme: Option<&str>,
) -> Result<OrgDomain, DomainError> {
    let host = match ip {
        Some(IpAddr::V6(v6)) => format!("[{v6}]"),
        Some(IpAddr::V4(v4)) => v4.to_string(),
        None => host.to_string(),
    };
    let scheme = scheme.unwrap_or("http");
    // The scheme's own port says nothing (and a URL drops it): `http://127.0.0.1:80` is
    // `127.0.0.1`, so the host shown is the one the URL renders.
    let default = if scheme == "https" { 443 } else { 80 };
    let host = match port.filter(|p| *p != default) {
        Some(p) => format!("{host}:{p}"),
        None => host,
    };
    Ok(OrgDomain {
        url: origin(scheme, &host)?,
        host,
        kind: DomainKind::Loopback,
        my_domain_name: None,
        sandbox_name: None,
        note: None,
    })
}

/// `acme` → production, `acme--uat` → sandbox, `acme-dev-ed` → Developer Edition.
fn bare_name(name: &str) -> Result<OrgDomain, DomainError> {
    check_name(name, name)?;
    let (partition, kind) = if name.contains("--") {
        (Some("sandbox"), DomainKind::Sandbox)
    } else if name.ends_with("-dev-ed") {
        (Some("develop"), DomainKind::Developer)
    } else {
        (None, DomainKind::Production)
    };
    my_domain(name, partition, kind, "my.salesforce.com")
}

fn my_domain(
    name: &str,
    partition: Option<&str>,
    kind: DomainKind,
    suffix: &str,
) -> Result<OrgDomain, DomainError> {
    let host = match partition {
        Some(p) => format!("{name}.{p}.{suffix}"),
        None => format!("{name}.{suffix}"),
    };
    let (org, sandbox) = match name.split_once("--") {
        Some((org, sbx)) if partition == Some("sandbox") => (org, Some(sbx.to_string())),
        _ => (name, None),
    };
    Ok(OrgDomain {
        url: origin("https", &host)?,
        host,
        kind,
        my_domain_name: Some(org.to_string()),
        sandbox_name: sandbox,
        note: None,
    })
}

/// A My Domain name: DNS label characters; `--` only as the sandbox separator.
fn check_name(name: &str, host: &str) -> Result<(), DomainError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(invalid(format!(
            "\"{host}\" is not a valid My Domain. {USE_MY_DOMAIN}"
        )))
    }
}

/// A dotted host: a Salesforce org host (mapped to its My Domain), a refusal, or `Other`.
fn salesforce_host(host: &str, notes: &mut Vec<String>) -> Result<OrgDomain, DomainError> {
    for cloud in &CLOUDS {
        if let Some(prefix) = strip_suffix_label(host, cloud.my_domain) {
            return org_from_prefix(prefix, host, cloud, notes);
        }
        for (alias, what, strip_pkg) in cloud.aliases {
            if let Some(prefix) = strip_suffix_label(host, alias) {
                let prefix = if *strip_pkg {
                    strip_package_label(prefix)
                } else {
                    prefix.to_string()
                };
                let org = org_from_prefix(&prefix, host, cloud, notes)?;
                notes.push(format!("from the {what} you pasted"));
                return Ok(org);
            }
        }
    }

    if let Some(prefix) = strip_suffix_label(host, "salesforce.com") {
        if is_instance_name(prefix) {
            return Err(invalid(format!(
                "{host} is a Salesforce instance host, not your org's My Domain. The Client Credentials flow only works on the My Domain. {USE_MY_DOMAIN}"
            )));
        }
        return Err(invalid(format!(
            "{host} is not an org's My Domain. {USE_MY_DOMAIN}"
        )));
    }
    if host == "salesforce.com" {
        return Err(invalid(format!(
            "salesforce.com is not an org's My Domain. {USE_MY_DOMAIN}"
        )));
    }
    if SITE_SUFFIXES
        .iter()
        .any(|s| host == *s || strip_suffix_label(host, s).is_some())
    {
        return Err(invalid(format!(
            "{host} is a Salesforce site (Experience Cloud, Sites or content), not your org's My Domain. Client Credentials tokens come from the org itself. {USE_MY_DOMAIN}"
        )));
    }

    // `acme.develop` / `acme--uat.sandbox`: a partitioned name without its suffix.
    if let Some((name, part)) = host.split_once('.') {
        if let Some(kind) = partition_kind(part) {
            check_name(name, host)?;
            let org = my_domain(name, Some(part), kind, "my.salesforce.com")?;
            notes.push(COMPLETED_NAME.into());
            return Ok(org);
        }
    }

    Ok(OrgDomain {
        host: host.to_string(),
        url: origin("https", host)?,
        kind: DomainKind::Other,
        my_domain_name: None,
        sandbox_name: None,
        note: None,
    })
}

/// `a.b.suffix` → `a.b` (only at a label boundary).
fn strip_suffix_label<'a>(host: &'a str, suffix: &str) -> Option<&'a str> {
    host.strip_suffix(suffix)?
        .strip_suffix('.')
        .filter(|p| !p.is_empty())
}

/// Visualforce hosts add `--c` (or a package namespace) to the name: `acme--c`, `acme--uat--c`.
fn strip_package_label(prefix: &str) -> String {
    let (first, rest) = prefix.split_once('.').unwrap_or((prefix, ""));
    let name = first.rsplit_once("--").map_or(first, |(n, _)| n);
    if rest.is_empty() {
        name.to_string()
    } else {
        format!("{name}.{rest}")
    }
}

/// The labels before the My Domain suffix: `acme`, `acme--uat.sandbox`, `acme.develop`.
fn org_from_prefix(
    prefix: &str,
    host: &str,
    cloud: &Cloud,
    notes: &mut Vec<String>,
) -> Result<OrgDomain, DomainError> {
    let labels: Vec<&str> = prefix.split('.').collect();
    let (name, kind, partition) = match labels.as_slice() {
        [name] => {
            // Pre-enhanced-domain forms: the enhanced host is the one still served.
            if name.contains("--") {
                notes.push("the enhanced-domain form of the legacy sandbox host".into());
                (*name, DomainKind::Sandbox, Some("sandbox"))
            } else if name.ends_with("-dev-ed") {
                notes.push(
                    "the enhanced-domain form of the legacy Developer Edition host".into(),
                );
                (*name, DomainKind::Developer, Some("develop"))
            } else {
                (*name, DomainKind::Production, None)
            }
        }
        [name, part] => match partition_kind(part) {
            Some(kind) => (*name, kind, Some(*part)),
            None => {
                return Err(invalid(format!(
                    "{host}: \"{part}\" is not a known My Domain partition (sandbox, develop, scratch, patch, demo, free, trailblaze). {USE_MY_DOMAIN}"
                )))
            }
        },
        _ => {
            return Err(invalid(format!(
                "{host} is not a My Domain host. {USE_MY_DOMAIN}"
            )))
        }
    };
    check_name(name, host)?;
    my_domain(name, partition, cloud.kind.unwrap_or(kind), cloud.my_domain)
}

/// `na85`, `cs42`, `eu12`, `usa3s`: letters then digits, optionally an `s` suffix.
fn is_instance_name(label: &str) -> bool {
    let letters = label.chars().take_while(char::is_ascii_lowercase).count();
    let rest = &label[letters..];
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let tail = &rest[digits..];
    (2..=4).contains(&letters) && digits > 0 && (tail.is_empty() || tail == "s")
}

/// An unknown host must at least be a well-formed DNS name or IP.
fn validate_other(host: &str) -> Result<(), DomainError> {
    if host_ip(host).is_some() {
        return Ok(());
    }
    let ok = host.split('.').all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    });
    if ok {
        Ok(())
    } else {
        Err(invalid(format!(
            "\"{host}\" is not a valid host name. {USE_MY_DOMAIN}"
        )))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// (input, host, base_url, kind, my domain name, sandbox name, has a note)
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        DomainKind,
        Option<&'static str>,
        Option<&'static str>,
        bool,
    );

    #[rustfmt::skip]
    const ACCEPTED: &[Row] = &[
        ("acme", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, true),
        ("  ACME \n", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, true),
        ("acme--uat", "acme--uat.sandbox.my.salesforce.com", "https://acme--uat.sandbox.my.salesforce.com", DomainKind::Sandbox, Some("acme"), Some("uat"), true),
        ("acme-dev-ed", "acme-dev-ed.develop.my.salesforce.com", "https://acme-dev-ed.develop.my.salesforce.com", DomainKind::Developer, Some("acme-dev-ed"), None, true),
        ("acme.my.salesforce.com", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, false),
        ("https://acme.my.salesforce.com/", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, false),
        ("HTTPS://ACME.MY.SALESFORCE.COM./", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, false),
        ("https://acme.my.salesforce.com:443", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, false),
        ("https://acme.my.salesforce.com/services/data/?x=1", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, true),
        ("http://acme.my.salesforce.com", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, true),
        ("https://acme.lightning.force.com/lightning/page/home", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, true),
        ("acme.lightning.force.com", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, true),
        ("https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, true),
        ("https://acme--uat.sandbox.my.salesforce-setup.com/lightning/setup/OrgDomain/home", "acme--uat.sandbox.my.salesforce.com", "https://acme--uat.sandbox.my.salesforce.com", DomainKind::Sandbox, Some("acme"), Some("uat"), true),
        ("acme--uat.sandbox.lightning.force.com", "acme--uat.sandbox.my.salesforce.com", "https://acme--uat.sandbox.my.salesforce.com", DomainKind::Sandbox, Some("acme"), Some("uat"), true),
        ("acme--uat.sandbox.my.salesforce.com", "acme--uat.sandbox.my.salesforce.com", "https://acme--uat.sandbox.my.salesforce.com", DomainKind::Sandbox, Some("acme"), Some("uat"), false),
        ("acme--uat.my.salesforce.com", "acme--uat.sandbox.my.salesforce.com", "https://acme--uat.sandbox.my.salesforce.com", DomainKind::Sandbox, Some("acme"), Some("uat"), true),
        ("acme-dev-ed.my.salesforce.com", "acme-dev-ed.develop.my.salesforce.com", "https://acme-dev-ed.develop.my.salesforce.com", DomainKind::Developer, Some("acme-dev-ed"), None, true),
        ("acme.develop.lightning.force.com", "acme.develop.my.salesforce.com", "https://acme.develop.my.salesforce.com", DomainKind::Developer, Some("acme"), None, true),
        ("acme.develop.my.salesforce.com", "acme.develop.my.salesforce.com", "https://acme.develop.my.salesforce.com", DomainKind::Developer, Some("acme"), None, false),
        ("acme.develop", "acme.develop.my.salesforce.com", "https://acme.develop.my.salesforce.com", DomainKind::Developer, Some("acme"), None, true),
        ("site-power-1234.scratch.my.salesforce.com", "site-power-1234.scratch.my.salesforce.com", "https://site-power-1234.scratch.my.salesforce.com", DomainKind::Scratch, Some("site-power-1234"), None, false),
        ("https://site-power-1234.scratch.lightning.force.com/one/one.app", "site-power-1234.scratch.my.salesforce.com", "https://site-power-1234.scratch.my.salesforce.com", DomainKind::Scratch, Some("site-power-1234"), None, true),
        ("acme.patch.my.salesforce.com", "acme.patch.my.salesforce.com", "https://acme.patch.my.salesforce.com", DomainKind::Patch, Some("acme"), None, false),
        ("acme.demo.my.salesforce.com", "acme.demo.my.salesforce.com", "https://acme.demo.my.salesforce.com", DomainKind::Demo, Some("acme"), None, false),
        ("acme.free.my.salesforce.com", "acme.free.my.salesforce.com", "https://acme.free.my.salesforce.com", DomainKind::Free, Some("acme"), None, false),
        ("acme.trailblaze.my.salesforce.com", "acme.trailblaze.my.salesforce.com", "https://acme.trailblaze.my.salesforce.com", DomainKind::Trailblaze, Some("acme"), None, false),
        ("acme.trailblaze.lightning.force.com", "acme.trailblaze.my.salesforce.com", "https://acme.trailblaze.my.salesforce.com", DomainKind::Trailblaze, Some("acme"), None, true),
        ("https://acme--c.vf.force.com/apex/Page", "acme.my.salesforce.com", "https://acme.my.salesforce.com", DomainKind::Production, Some("acme"), None, true),
        ("acme--uat--c.sandbox.vf.force.com", "acme--uat.sandbox.my.salesforce.com", "https://acme--uat.sandbox.my.salesforce.com", DomainKind::Sandbox, Some("acme"), Some("uat"), true),
        ("acme.my.salesforce.mil", "acme.my.salesforce.mil", "https://acme.my.salesforce.mil", DomainKind::Government, Some("acme"), None, false),
        ("acme--uat.sandbox.my.salesforce.mil", "acme--uat.sandbox.my.salesforce.mil", "https://acme--uat.sandbox.my.salesforce.mil", DomainKind::Government, Some("acme"), Some("uat"), false),
        ("https://acme.lightning.crmforce.mil/lightning/page/home", "acme.my.salesforce.mil", "https://acme.my.salesforce.mil", DomainKind::Government, Some("acme"), None, true),
        ("acme.my.sfcrmproducts.cn", "acme.my.sfcrmproducts.cn", "https://acme.my.sfcrmproducts.cn", DomainKind::China, Some("acme"), None, false),
        ("acme.lightning.sfcrmapps.cn", "acme.my.sfcrmproducts.cn", "https://acme.my.sfcrmproducts.cn", DomainKind::China, Some("acme"), None, true),
        ("http://127.0.0.1:8080", "127.0.0.1:8080", "http://127.0.0.1:8080", DomainKind::Loopback, None, None, false),
        ("https://127.0.0.1:8443/services/data/", "127.0.0.1:8443", "https://127.0.0.1:8443", DomainKind::Loopback, None, None, false),
        ("localhost:3000", "localhost:3000", "http://localhost:3000", DomainKind::Loopback, None, None, false),
        ("HTTP://LocalHost:3000/", "localhost:3000", "http://localhost:3000", DomainKind::Loopback, None, None, false),
        ("[::1]:9000", "[::1]:9000", "http://[::1]:9000", DomainKind::Loopback, None, None, false),
        ("https://[::1]:9443", "[::1]:9443", "https://[::1]:9443", DomainKind::Loopback, None, None, false),
        ("127.0.0.1", "127.0.0.1", "http://127.0.0.1", DomainKind::Loopback, None, None, false),
        ("login.acme.com", "login.acme.com", "https://login.acme.com", DomainKind::Other, None, None, false),
        ("http://sf.example.org:8443/x", "sf.example.org:8443", "https://sf.example.org:8443", DomainKind::Other, None, None, true),
        ("10.0.0.5", "10.0.0.5", "https://10.0.0.5", DomainKind::Other, None, None, false),
        ("https://127.0.0.1:443", "127.0.0.1", "https://127.0.0.1", DomainKind::Loopback, None, None, false),
        ("http://127.0.0.1:80/x", "127.0.0.1", "http://127.0.0.1", DomainKind::Loopback, None, None, false),
    ];

    #[test]
    fn accepted_forms() {
        for (input, host, base, kind, name, sbx, has_note) in ACCEPTED {
            let d = parse_domain(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(d.host, *host, "host of {input:?}");
            assert_eq!(
                serde_json::to_value(&d).unwrap()["base_url"],
                *base,
                "base_url of {input:?}"
            );
            assert_eq!(d.kind, *kind, "kind of {input:?}");
            assert_eq!(d.my_domain_name.as_deref(), *name, "name of {input:?}");
            assert_eq!(d.sandbox_name.as_deref(), *sbx, "sandbox of {input:?}");
            assert_eq!(
                d.note.is_some(),
                *has_note,
                "note of {input:?}: {:?}",
                d.note
            );
            assert_eq!(d.is_trusted(), *kind != DomainKind::Other);
            assert_eq!(d.is_loopback(), *kind == DomainKind::Loopback);
        }
    }

    #[test]
    fn login_and_test_hosts_are_refused_with_the_fix() {
        for input in [
            "login.salesforce.com",
            "https://login.salesforce.com/services/oauth2/token",
            "http://TEST.salesforce.com/",
            "test.salesforce.com.",
            "https://login.salesforce.com:443",
        ] {
            let err = parse_domain(input).unwrap_err();
            assert_eq!(err.code(), "not_my_domain", "{input}");
            let msg = err.to_string();
            assert!(msg.contains("My Domain"), "{msg}");
            assert!(msg.contains("salesforce.com does not support"), "{msg}");
        }
    }

    /// (input, a fragment the reason must contain)
    #[rustfmt::skip]
    const REFUSED: &[(&str, &str)] = &[
        ("na85.salesforce.com", "instance host"),
        ("https://cs42.salesforce.com/home", "instance host"),
        ("eu12.salesforce.com", "instance host"),
        ("www.salesforce.com", "not an org's My Domain"),
        ("acme.my.site.com", "site"),
        ("https://acme.force.com/s/login", "site"),
        ("acme--uat.sandbox.my.site.com", "site"),
        ("acme.my.salesforce-sites.com", "site"),
        ("acme.my.site.mil", "site"),
        ("acme.weird.my.salesforce.com", "partition"),
        ("a.b.c.my.salesforce.com", "not a My Domain host"),
        ("acme_corp", "not a valid My Domain"),
        ("-acme", "not a valid My Domain"),
        ("acme.my.salesforce.com:8443", "port"),
        ("ftp://acme.my.salesforce.com", "not a web address"),
        ("https://", "No host"),
        ("acme corp", "spaces"),
        ("https://acme.my.salesforce.com:99999", "port"),
        ("bad_host.example.com", "not a valid host"),
        // A URL parser reads these as IPv4 addresses: the host shown would not be the one used.
        ("http://127.0.0://x", "not a valid host"),
        ("0x7f.1", "not a valid host"),
        ("https://0x7f.0.0.1", "not a valid host"),
    ];

    #[test]
    fn refused_forms_explain_why() {
        for (input, fragment) in REFUSED {
            let err = parse_domain(input).expect_err(input);
            assert_eq!(err.code(), "domain_invalid", "{input}");
            let msg = err.to_string();
            assert!(msg.contains(fragment), "{input}: {msg}");
        }
        assert_eq!(parse_domain("  \t").unwrap_err(), DomainError::Empty);
        assert_eq!(DomainError::Empty.code(), "domain_invalid");
    }

    #[test]
    fn notes_say_what_changed_without_repeating_the_host() {
        #[rustfmt::skip]
        let cases = [
            ("https://acme.lightning.force.com/lightning/page/home", "from the Lightning URL you pasted"),
            ("acme.my.salesforce-setup.com", "from the Setup URL you pasted"),
            ("https://acme--c.vf.force.com/apex/Page", "from the Visualforce URL you pasted"),
            ("http://acme.my.salesforce.com", "https:// instead of http:// (credentials are only sent over HTTPS)"),
            ("acme", "completed from the My Domain name"),
            ("acme.develop", "completed from the My Domain name"),
            ("https://acme.my.salesforce.com/lightning", "the page path is dropped: only the host is used"),
            ("acme--uat.my.salesforce.com", "the enhanced-domain form of the legacy sandbox host"),
            ("acme-dev-ed.my.salesforce.com", "the enhanced-domain form of the legacy Developer Edition host"),
            ("http://acme.lightning.force.com/x", "from the Lightning URL you pasted; https:// instead of http:// (credentials are only sent over HTTPS)"),
        ];
        for (input, expected) in cases {
            let d = parse_domain(input).unwrap();
            assert_eq!(d.note.as_deref(), Some(expected), "note of {input:?}");
        }
        // The hint shows the host next to the note: the note never names it again.
        for (input, ..) in ACCEPTED {
            let d = parse_domain(input).unwrap();
            if let Some(note) = &d.note {
                assert!(!note.contains(&d.host), "{input:?}: {note}");
                assert!(!note.contains('→'), "{input:?}: {note}");
            }
        }
    }

    #[test]
    fn url_joins_paths_for_every_kind() {
        let d = parse_domain("acme--uat").unwrap();
        assert_eq!(
            d.url("/lightning/setup/OrgDomain/home"),
            "https://acme--uat.sandbox.my.salesforce.com/lightning/setup/OrgDomain/home"
        );
        let l = parse_domain("http://127.0.0.1:5555").unwrap();
        assert_eq!(
            l.url("/services/data/"),
            "http://127.0.0.1:5555/services/data/"
        );
    }

    #[test]
    fn kinds_have_stable_names() {
        assert_eq!(DomainKind::Production.as_str(), "production");
        assert_eq!(DomainKind::Sandbox.as_str(), "sandbox");
        assert_eq!(DomainKind::Loopback.as_str(), "loopback");
        assert_eq!(DomainKind::Other.as_str(), "other");
        // as_str matches the serde name used in JSON.
        for k in [
            DomainKind::Developer,
            DomainKind::Government,
            DomainKind::China,
            DomainKind::Trailblaze,
        ] {
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
    }
}
