//! Every `/services/…` path the engine calls, and the API version they carry. Paths are built
//! here only, so a version always reads `vNN.N` and an object name is always an [`ApiName`].

use super::{wire::ApiVersionEntry, ApiName, NameError, RecordId};
use std::fmt;
use std::str::FromStr;
use url::Url;

/// A REST API version the org serves (`68.0`), ordered numerically: `9.0 < 10.0 < 68.0 < 68.1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApiVersion {
    // Field order is the order: major first.
    pub major: u16,
    pub minor: u16,
}

impl ApiVersion {
    pub const fn new(major: u16, minor: u16) -> ApiVersion {
        ApiVersion { major, minor }
    }

    /// `66.0`, `v66.0`, `66` → 66.0. Up to three digits of major, two of minor; nothing else
    /// (`../x`, `66.0.0`, `v`) is a version.
    pub fn parse(text: &str) -> Result<ApiVersion, NameError> {
        let refused = || NameError::ApiVersion(text.trim().to_string());
        let digits = text.trim();
        let digits = digits.strip_prefix(['v', 'V']).unwrap_or(digits);
        let (major, minor) = digits.split_once('.').unwrap_or((digits, "0"));
        let number = |part: &str, most: usize| {
            ((1..=most).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        match (number(major, 3), number(minor, 2)) {
            (Some(major), Some(minor)) if major > 0 => Ok(ApiVersion { major, minor }),
            _ => Err(refused()),
        }
    }

    /// The newest version of `GET /services/data/`'s list; entries that are not a version are
    /// skipped.
    pub fn newest(list: &[ApiVersionEntry]) -> Option<ApiVersion> {
        list.iter()
            .filter_map(|entry| ApiVersion::parse(&entry.version).ok())
            .max()
    }
}

impl FromStr for ApiVersion {
    type Err = NameError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ApiVersion::parse(text)
    }
}

/// `68.0`: the form `/services/data/` lists and reports show (paths add the `v`).
impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// `POST`: the client credentials token.
pub const OAUTH_TOKEN: &str = "/services/oauth2/token";
/// `POST token=…`: revokes an access token.
pub const OAUTH_REVOKE: &str = "/services/oauth2/revoke";
/// `GET`: the token's user (needs the openid scope).
pub const OAUTH_USERINFO: &str = "/services/oauth2/userinfo";
/// `GET` without auth: the API versions the org serves.
pub const VERSIONS: &str = "/services/data/";

/// `/services/data/v68.0/REST`: any REST resource of a version.
fn data(version: ApiVersion, rest: &str) -> String {
    format!("/services/data/v{version}/{rest}")
}

/// `GET …/limits/`: the org's limits (the cheapest authenticated call).
pub fn limits(version: ApiVersion) -> String {
    data(version, "limits/")
}

/// `GET …/sobjects/`: every object the user can see.
pub fn sobjects(version: ApiVersion) -> String {
    data(version, "sobjects/")
}

/// `POST …/sobjects/OBJECT/`: creates a record.
pub fn sobject(version: ApiVersion, object: &ApiName) -> String {
    data(version, &format!("sobjects/{object}/"))
}

/// `GET`/`DELETE …/sobjects/OBJECT/ID`: one record.
pub fn record(version: ApiVersion, object: &ApiName, id: &RecordId) -> String {
    data(version, &format!("sobjects/{object}/{id}"))
}

/// `…/sobjects/OBJECT` without a slash: the base of composite sub-requests (`base/ID`).
pub fn sobject_base(version: ApiVersion, object: &ApiName) -> String {
    data(version, &format!("sobjects/{object}"))
}

/// `GET …/sobjects/OBJECT/describe`.
pub fn describe(version: ApiVersion, object: &str) -> String {
    data(version, &format!("sobjects/{object}/describe"))
}

/// `GET …/query?q=…`: `encoded_soql` is already a query-string value.
pub fn query(version: ApiVersion, encoded_soql: &str) -> String {
    data(version, &format!("query?q={encoded_soql}"))
}

/// `POST …/composite`: several sub-requests in one call.
pub fn composite(version: ApiVersion) -> String {
    data(version, "composite")
}

/// `POST`: the Metadata API's SOAP endpoint.
pub fn metadata_soap(version: ApiVersion) -> String {
    format!("/services/Soap/m/{version}")
}

/// The oldest REST version with the Connect credentials API (staged credentials).
pub const CREDENTIALS_MIN_VERSION: ApiVersion = ApiVersion::new(65, 0);

/// `GET …/apps/oauth/usage`: the org's OAuth apps (External Client Apps by their id).
pub fn oauth_usage(version: ApiVersion) -> String {
    data(version, "apps/oauth/usage")
}

/// `GET …/apps/oauth/credentials/APP`: the app's consumers.
pub fn oauth_consumers(version: ApiVersion, app_id: &str) -> String {
    data(
        version,
        &format!("apps/oauth/credentials/{}", segment(app_id)),
    )
}

/// `GET …/apps/oauth/credentials/APP/CONSUMER?part=…`: a consumer's key and/or secret.
pub fn oauth_consumer(version: ApiVersion, app_id: &str, consumer_id: &str, part: &str) -> String {
    format!(
        "{}/{}?part={}",
        oauth_consumers(version, app_id),
        segment(consumer_id),
        segment(part)
    )
}

/// `GET`/`POST …/CONSUMER/staged`: the consumer's staged pair (POST mints one).
pub fn oauth_staged(version: ApiVersion, app_id: &str, consumer_id: &str) -> String {
    format!(
        "{}/{}/staged",
        oauth_consumers(version, app_id),
        segment(consumer_id)
    )
}

/// `PATCH`/`DELETE …/staged/STAGED`: promote (`rotate`) or delete one staged pair.
pub fn oauth_staged_one(
    version: ApiVersion,
    app_id: &str,
    consumer_id: &str,
    staged_id: &str,
) -> String {
    format!(
        "{}/{}",
        oauth_staged(version, app_id, consumer_id),
        segment(staged_id)
    )
}

/// An id from an answer as one path segment: anything but letters, digits, `-` and `_` is
/// percent-encoded, so an id never adds a segment or a query.
fn segment(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::salesforce::wire;

    #[test]
    fn versions_parse_in_every_written_form() {
        for text in ["66.0", "v66.0", "V66.0", " 66 ", "66"] {
            assert_eq!(
                ApiVersion::parse(text).unwrap(),
                ApiVersion::new(66, 0),
                "{text}"
            );
        }
        assert_eq!(
            "68.1".parse::<ApiVersion>().unwrap(),
            ApiVersion::new(68, 1)
        );
        assert_eq!(ApiVersion::new(66, 0).to_string(), "66.0");
        for bad in [
            "", "v", "../x", "66.0.0", "sixty", "1000", "0", "6 6", "66.", "66.100",
        ] {
            assert!(ApiVersion::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn versions_order_by_number_not_by_text() {
        let v = |t: &str| ApiVersion::parse(t).unwrap();
        assert!(v("10.0") > v("9.0"));
        assert!(v("68.1") > v("68.0"));
        assert!(v("100.0") > v("68.9"));
        let list: Vec<wire::ApiVersionEntry> = wire::parse(
            r#"[{"version":"9.0"},{"version":"68.0"},{"version":"x"},{"version":"59.0"},{"version":"68.1"}]"#,
        )
        .unwrap();
        assert_eq!(ApiVersion::newest(&list), Some(v("68.1")));
        assert_eq!(ApiVersion::newest(&[]), None);
    }

    #[test]
    fn paths_carry_the_version_with_a_v() {
        let v = ApiVersion::new(68, 0);
        let account = ApiName::account();
        let id = RecordId::parse("001000000000001AAA").unwrap();
        assert_eq!(limits(v), "/services/data/v68.0/limits/");
        assert_eq!(sobjects(v), "/services/data/v68.0/sobjects/");
        assert_eq!(
            sobject(v, &account),
            "/services/data/v68.0/sobjects/Account/"
        );
        assert_eq!(
            record(v, &account, &id),
            "/services/data/v68.0/sobjects/Account/001000000000001AAA"
        );
        assert_eq!(
            describe(v, "Account"),
            "/services/data/v68.0/sobjects/Account/describe"
        );
        assert_eq!(
            query(v, "SELECT+Id"),
            "/services/data/v68.0/query?q=SELECT+Id"
        );
        assert_eq!(composite(v), "/services/data/v68.0/composite");
        assert_eq!(metadata_soap(v), "/services/Soap/m/68.0");
        assert_eq!(
            oauth_consumer(v, "0xA1", "888x", "keyandsecret"),
            "/services/data/v68.0/apps/oauth/credentials/0xA1/888x?part=keyandsecret"
        );
        assert_eq!(
            oauth_staged_one(v, "a/../b", "c?d", "e"),
            "/services/data/v68.0/apps/oauth/credentials/a%2F%2E%2E%2Fb/c%3Fd/staged/e"
        );
        assert_eq!(oauth_usage(v), "/services/data/v68.0/apps/oauth/usage");
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
}
