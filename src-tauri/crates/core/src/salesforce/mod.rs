//! Salesforce's own vocabulary, parsed once at the edge: API versions, API names, and the serde
//! shapes of its answers ([`wire`]). Downstream code takes these types, never the raw text.

pub mod errors;
pub mod services;
pub mod wire;

pub use services::ApiVersion;
use std::fmt;

/// The version a profile asks for: `latest`, or a major REST API version (`68.0`). Salesforce
/// releases are always `NN.0`, so a pinned version is too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum VersionChoice {
    /// The newest version the org lists at `GET /services/data/`.
    #[default]
    Latest,
    Pinned(ApiVersion),
}

/// Why a version, name or id cannot be used. `Display` is the message for the admin.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("API version \"{0}\" is not valid. Use \"latest\" or a version such as 66.0.")]
    ApiVersion(String),
    #[error("\"{0}\" is not an object API name (letters, digits and underscores, e.g. Account or Invoice__c).")]
    Object(String),
    #[error("\"{0}\" is not a field API name (e.g. Name or Region__c).")]
    Field(String),
    #[error("The consumer key {0}. Copy it again from Setup → External Client App Manager → your app → Settings → OAuth Settings → Consumer Key and Secret.")]
    ClientId(&'static str),
}

/// A SOQL string literal: quotes and backslashes escaped.
pub fn soql_string(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// A consumer key as pasted: surrounding blanks dropped; refused with spaces, line breaks or
/// control characters inside (a paste that took more than the key), or over 255 characters.
pub fn client_id(text: &str) -> Result<&str, NameError> {
    let key = text.trim();
    if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(NameError::ClientId(
            "has spaces, line breaks or control characters inside, which keys never have",
        ));
    }
    if key.chars().count() > 255 {
        return Err(NameError::ClientId("is longer than 255 characters"));
    }
    Ok(key)
}

impl VersionChoice {
    /// `latest` / empty → Latest; `68`, `68.0`, `v68.0` → Pinned(68.0). Anything else (`68.1`,
    /// `../x`, `sixty`) is refused.
    pub fn parse(text: &str) -> Result<VersionChoice, NameError> {
        let v = text.trim();
        if v.is_empty() || v.eq_ignore_ascii_case("latest") {
            return Ok(VersionChoice::Latest);
        }
        match ApiVersion::parse(v) {
            Ok(version) if version.minor == 0 => Ok(VersionChoice::Pinned(version)),
            _ => Err(NameError::ApiVersion(v.to_string())),
        }
    }

    /// The pinned version, None for Latest.
    pub fn pinned(self) -> Option<ApiVersion> {
        match self {
            VersionChoice::Latest => None,
            VersionChoice::Pinned(version) => Some(version),
        }
    }
}

/// `latest` or `68.0`: the form the profile store and the UI keep.
impl fmt::Display for VersionChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VersionChoice::Latest => f.write_str("latest"),
            VersionChoice::Pinned(version) => version.fmt(f),
        }
    }
}

/// An object or field API name (`Account`, `Region__c`): letters, digits and `_`, starting with
/// a letter, at most 80 characters, so it is safe inside a REST path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApiName(String);

impl ApiName {
    /// An object name; surrounding blanks are dropped.
    pub fn object(text: &str) -> Result<ApiName, NameError> {
        Self::check(text).ok_or_else(|| NameError::Object(text.trim().to_string()))
    }

    /// A field name; surrounding blanks are dropped.
    pub fn field(text: &str) -> Result<ApiName, NameError> {
        Self::check(text).ok_or_else(|| NameError::Field(text.trim().to_string()))
    }

    fn check(text: &str) -> Option<ApiName> {
        let name = text.trim();
        let ok = (1..=80).contains(&name.len())
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        ok.then(|| ApiName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The default test object.
    pub fn account() -> ApiName {
        ApiName("Account".to_string())
    }
}

impl fmt::Display for ApiName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A record id as Salesforce returns it: 15 or 18 letters and digits, safe in a path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RecordId(String);

impl RecordId {
    pub fn parse(text: &str) -> Option<RecordId> {
        (matches!(text.len(), 15 | 18) && text.chars().all(|c| c.is_ascii_alphanumeric()))
            .then(|| RecordId(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_to_one_form() {
        assert_eq!(VersionChoice::parse("").unwrap(), VersionChoice::Latest);
        assert_eq!(
            VersionChoice::parse(" LATEST ").unwrap(),
            VersionChoice::Latest
        );
        for text in ["68", "68.0", "v68.0", "V68"] {
            assert_eq!(
                VersionChoice::parse(text).unwrap(),
                VersionChoice::Pinned(ApiVersion::new(68, 0)),
                "{text}"
            );
        }
        assert_eq!(VersionChoice::parse("v66.0").unwrap().to_string(), "66.0");
        assert_eq!(VersionChoice::Latest.to_string(), "latest");
        assert_eq!(
            VersionChoice::parse("66").unwrap().pinned(),
            Some(ApiVersion::new(66, 0))
        );
        for bad in ["68.1", "../x", "sixty", "1000", "0", "68.0.0", "v", "6 8"] {
            assert!(VersionChoice::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn api_names_cannot_escape_the_path() {
        assert_eq!(ApiName::object(" Account ").unwrap().as_str(), "Account");
        assert!(ApiName::field("Region__c").is_ok());
        for bad in [
            "Account/../x",
            "_x",
            "",
            "1Account",
            "Account; DROP",
            &"A".repeat(81),
        ] {
            assert!(ApiName::object(bad).is_err(), "{bad}");
        }
        assert!(ApiName::field("Bad Name")
            .unwrap_err()
            .to_string()
            .contains("field"));
    }

    #[test]
    fn consumer_keys_are_one_clean_token() {
        assert_eq!(client_id("  3MVG9abc.def_1\n").unwrap(), "3MVG9abc.def_1");
        assert!(client_id("3MVG9 abc").is_err());
        assert!(client_id("3MVG9\nabc").is_err());
        assert!(client_id("3MVG9\u{7}abc").is_err());
        assert!(client_id(&"k".repeat(256)).is_err());
        assert_eq!(client_id("").unwrap(), "");
    }

    #[test]
    fn record_ids_are_checked_before_use_in_a_path() {
        assert!(RecordId::parse("001000000000001AAA").is_some());
        assert!(RecordId::parse("001000000000001").is_some());
        assert!(RecordId::parse("001/../../x").is_none());
        assert!(RecordId::parse("").is_none());
    }
}
