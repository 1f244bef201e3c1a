//! Secrets (consumer secret, access token) are redacted by type: `Secret` has no `Serialize`,
//! and its `Debug`/`Display` print `<redacted>`. The only way to the text is [`Secret::expose`],
//! which is easy to grep for. It deserialises, so a token answer parses straight into one.

use std::fmt;

/// A consumer secret or an access token. Never printed, never serialised.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret text, for the one place that must send it (the token request, the keychain).
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The last four characters, for "a secret ending in …7f3a is stored". Nothing for secrets
    /// shorter than 12 characters, where four would give away too much.
    pub fn last4(&self) -> Option<String> {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < 12 {
            return None;
        }
        Some(chars[chars.len() - 4..].iter().collect())
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Replace every occurrence of each secret in `text` with `****`, as sent and as a JSON string
/// or a form value would escape it, for raw bodies shown in diagnosis details. Secrets shorter
/// than 4 characters are ignored (they would mask ordinary words).
pub fn mask(text: &str, secrets: &[&Secret]) -> String {
    let mut out = text.to_string();
    for secret in secrets {
        if secret.0.len() < 4 {
            continue;
        }
        let json = serde_json::to_string(&secret.0).unwrap_or_default();
        let json = json.trim_matches('"');
        let form: String = form_urlencoded::byte_serialize(secret.0.as_bytes()).collect();
        for form_of_it in [secret.expose(), json, form.as_str()] {
            if !form_of_it.is_empty() {
                out = out.replace(form_of_it, "****");
            }
        }
    }
    out
}

/// `3MVG9…AbCd` style: the start and end of a consumer key, for reports. Keys are not secret,
/// but a report pasted in a ticket does not need the whole key.
pub fn mask_client_id(client_id: &str) -> String {
    let chars: Vec<char> = client_id.chars().collect();
    if chars.len() <= 10 {
        return "…".repeat(usize::from(!chars.is_empty()));
    }
    let head: String = chars[..5].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_print_the_value() {
        let s = Secret::new("super-secret-value-123");
        assert_eq!(format!("{s}"), "<redacted>");
        assert_eq!(format!("{s:?}"), "Secret(<redacted>)");
        assert!(!format!("{:?}", Some(&s)).contains("super"));
    }

    #[test]
    fn last4_only_for_long_secrets() {
        assert_eq!(
            Secret::new("0123456789ABCDEF").last4().as_deref(),
            Some("CDEF")
        );
        assert_eq!(Secret::new("short").last4(), None);
    }

    #[test]
    fn mask_replaces_every_occurrence() {
        let s = Secret::new("abcd1234");
        assert_eq!(mask("x=abcd1234&y=abcd1234", &[&s]), "x=****&y=****");
    }

    #[test]
    fn client_id_is_shortened() {
        assert_eq!(mask_client_id("3MVG9abcdefghijklmnopWXYZ"), "3MVG9…WXYZ");
        assert_eq!(mask_client_id("short"), "…");
        assert_eq!(mask_client_id(""), "");
    }
}
