//! The admin's login inspection reads with: a Salesforce CLI session ([`super::sf`], run as child
//! processes whose output is never logged) or a pasted access token and instance URL. Whatever
//! the source, a value that is not a token — the CLI's `[REDACTED] …` placeholder above all — is
//! refused here, before anything is sent.

use crate::domain::{parse_domain, OrgDomain};
use crate::secret::Secret;

/// An admin's session on the org. The token lives in memory only.
#[derive(Clone, Debug)]
pub struct AdminLogin {
    pub domain: OrgDomain,
    pub token: Secret,
    /// Who is logged in, when the source says (Salesforce CLI does).
    pub username: Option<String>,
}

/// The command that prints an admin's token since Salesforce CLI 2.136.8 hides it elsewhere.
pub const SHOW_TOKEN_COMMAND: &str = "sf org auth show-access-token --target-org ALIAS --json";

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoginError {
    #[error("Salesforce CLI (sf) was not found. Install it (npm install --global @salesforce/cli), log in with `sf org login web --alias ALIAS --instance-url https://YOUR-DOMAIN.my.salesforce.com`, or paste an access token instead. ({0})")]
    SfMissing(String),
    #[error("Salesforce CLI could not be started ({0}). Check that it is installed and may be run by you, or paste an access token instead.")]
    SfUnstartable(String),
    #[error("Salesforce CLI did not answer `{command}` within {seconds} s, so it was stopped. Run the command yourself to see what it waits for (a prompt, the network), or paste an access token instead.")]
    SfTimeout { command: String, seconds: u64 },
    #[error("Salesforce CLI has no login for '{alias}': {message} {known}Log in with `sf org login web --alias {alias} --instance-url https://YOUR-DOMAIN.my.salesforce.com`.")]
    SfNoLogin {
        alias: String,
        message: String,
        /// "Its logins: a, b. " or "It has no logins. " (names only), or empty when unknown.
        known: String,
    },
    #[error("Salesforce CLI's login '{alias}' has expired or was revoked ({message}). Log in again: `sf org login web --alias {alias} --instance-url {instance}`.")]
    SfExpired {
        alias: String,
        message: String,
        instance: String,
    },
    #[error("This Salesforce CLI is too old: it hides the access token of '{alias}' and has no `sf org auth show-access-token`. Update it (npm install --global @salesforce/cli@latest, or sf update), or paste an access token instead.")]
    SfTooOld { alias: String },
    #[error("Salesforce CLI could not give the login '{alias}': {message}")]
    SfFailed { alias: String, message: String },
    #[error("Salesforce CLI's answer for '{0}' holds no access token and instance URL.")]
    SfUnreadable(String),
    #[error("The instance URL {0}")]
    Domain(String),
    #[error("The access token is empty.")]
    EmptyToken,
    #[error("{0} is not an access token: it is Salesforce CLI's `[REDACTED] …` placeholder or holds a space, and tokens hold none. Salesforce CLI hides tokens since version 2.136.8; get one with `{SHOW_TOKEN_COMMAND}` (its accessToken). Nothing was sent to the org.")]
    Redacted(&'static str),
}

/// Whether `value` (trimmed) cannot be an access token: Salesforce CLI's `[REDACTED] Use 'sf org
/// auth show-access-token' to view` placeholder, or any text with a space inside — tokens
/// (`00D…!…`, JWTs) never hold one.
pub fn is_redacted(value: &str) -> bool {
    let value = value.trim();
    value.to_ascii_uppercase().starts_with("[REDACTED") || value.contains(char::is_whitespace)
}

impl AdminLogin {
    /// A pasted access token for the org at `instance` (a My Domain or instance URL).
    pub fn pasted(instance: &str, token: Secret) -> Result<AdminLogin, LoginError> {
        Self::from_token(instance, token, "The pasted value")
    }

    /// A token from `source` (named in the error when it is a placeholder) for `instance`.
    pub(crate) fn from_token(
        instance: &str,
        token: Secret,
        source: &'static str,
    ) -> Result<AdminLogin, LoginError> {
        let text = token.expose().trim();
        if text.is_empty() {
            return Err(LoginError::EmptyToken);
        }
        if is_redacted(text) {
            return Err(LoginError::Redacted(source));
        }
        let domain = parse_domain(instance)
            .map_err(|e| LoginError::Domain(format!("is not usable: {e}")))?;
        Ok(AdminLogin {
            domain,
            token: Secret::new(text),
            username: None,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_spaced_values_are_refused_before_anything_is_sent() {
        for value in [
            "[REDACTED] Use 'sf org auth show-access-token' to view",
            "[REDACTED]",
            "  [redacted]  ",
            "00D000000000001!AQ0 tok",
            "Bearer 00D000000000001!AQ0tok",
        ] {
            let err = AdminLogin::pasted("acme", Secret::new(value)).unwrap_err();
            assert_eq!(err, LoginError::Redacted("The pasted value"), "{value}");
            assert!(err.to_string().contains("sf org auth show-access-token"));
            assert!(!err.to_string().contains("00D000000000001"), "{err}");
        }
        let login = AdminLogin::pasted("acme", Secret::new(" 00D000000000001!AQ0tok\n")).unwrap();
        assert_eq!(login.token.expose(), "00D000000000001!AQ0tok");
        assert_eq!(login.domain.host, "acme.my.salesforce.com");
        assert!(AdminLogin::pasted("acme", Secret::new("eyJhbGciOi.eyJzdWIi.sig")).is_ok());
        assert!(matches!(
            AdminLogin::pasted("acme", Secret::new("  ")),
            Err(LoginError::EmptyToken)
        ));
    }
}
