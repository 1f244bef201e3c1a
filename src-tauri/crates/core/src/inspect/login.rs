//! The admin's login inspection reads with: a Salesforce CLI session (`sf org display --json
//! --target-org ALIAS`, run as a child process whose output is never logged) or a pasted access
//! token and instance URL.

use crate::domain::{parse_domain, OrgDomain};
use crate::secret::Secret;
use std::time::Duration;

/// An admin's session on the org. The token lives in memory only.
#[derive(Clone, Debug)]
pub struct AdminLogin {
    pub domain: OrgDomain,
    pub token: Secret,
    /// Who is logged in, when the source says (Salesforce CLI does).
    pub username: Option<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoginError {
    #[error("Salesforce CLI (sf) was not found. Install it (npm install --global @salesforce/cli), log in with `sf org login web --alias ALIAS`, or paste an access token instead. ({0})")]
    SfMissing(String),
    #[error("Salesforce CLI did not answer within {0} s.")]
    SfTimeout(u64),
    #[error("Salesforce CLI has no login for '{alias}': {message} Log in with `sf org login web --alias {alias}`.")]
    SfNoLogin { alias: String, message: String },
    #[error("Salesforce CLI's answer for '{0}' holds no access token and instance URL.")]
    SfUnreadable(String),
    #[error("The instance URL {0}")]
    Domain(String),
    #[error("The access token is empty.")]
    EmptyToken,
}

/// How long `sf org display` may take (Node starts slowly; a token refresh goes to the org).
pub const SF_TIMEOUT: Duration = Duration::from_secs(60);

impl AdminLogin {
    /// A pasted access token for the org at `instance` (a My Domain or instance URL).
    pub fn pasted(instance: &str, token: Secret) -> Result<AdminLogin, LoginError> {
        if token.expose().trim().is_empty() {
            return Err(LoginError::EmptyToken);
        }
        let domain = parse_domain(instance)
            .map_err(|e| LoginError::Domain(format!("is not usable: {e}")))?;
        Ok(AdminLogin {
            domain,
            token: Secret::new(token.expose().trim()),
            username: None,
        })
    }

    /// The login Salesforce CLI holds for `alias` (or username).
    pub async fn from_sf(alias: &str) -> Result<AdminLogin, LoginError> {
        let program =
            std::env::var("ECA_PREFLIGHT_SF").unwrap_or_else(|_| default_sf().to_string());
        let mut command = tokio::process::Command::new(&program);
        command
            .args(["org", "display", "--json", "--target-org", alias])
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true);
        let output = match tokio::time::timeout(SF_TIMEOUT, command.output()).await {
            Err(_) => return Err(LoginError::SfTimeout(SF_TIMEOUT.as_secs())),
            Ok(Err(e)) => return Err(LoginError::SfMissing(format!("{program}: {e}"))),
            Ok(Ok(output)) => output,
        };
        // Never logged: stdout holds the token.
        let stdout = String::from_utf8_lossy(&output.stdout);
        parse_sf_display(alias, &stdout, &String::from_utf8_lossy(&output.stderr))
    }
}

fn default_sf() -> &'static str {
    if cfg!(windows) {
        "sf.cmd"
    } else {
        "sf"
    }
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct SfResult {
    access_token: Option<Secret>,
    instance_url: Option<String>,
    username: Option<String>,
}

#[derive(serde::Deserialize)]
struct SfAnswer {
    #[serde(default)]
    status: i64,
    result: Option<SfResult>,
    #[serde(default)]
    message: Option<String>,
}

/// `sf org display --json`'s answer (errors come as JSON on stdout or stderr, by version).
pub(crate) fn parse_sf_display(
    alias: &str,
    stdout: &str,
    stderr: &str,
) -> Result<AdminLogin, LoginError> {
    let answer = serde_json::from_str::<SfAnswer>(stdout.trim())
        .or_else(|_| serde_json::from_str::<SfAnswer>(stderr.trim()))
        .map_err(|_| LoginError::SfUnreadable(alias.to_string()))?;
    let result = answer.result.filter(|_| answer.status == 0);
    let Some(SfResult {
        access_token: Some(token),
        instance_url: Some(url),
        username,
    }) = result
    else {
        let message = answer
            .message
            .unwrap_or_else(|| "no access token in its answer.".into());
        return Err(LoginError::SfNoLogin {
            alias: alias.to_string(),
            message,
        });
    };
    let mut login = AdminLogin::pasted(&url, token)?;
    login.username = username;
    Ok(login)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn reads_sf_org_display_and_its_errors() {
        let ok = r#"{"status":0,"result":{"id":"00D000000000001AAA","apiVersion":"65.0","accessToken":"00D000000000001!AQ0tok","instanceUrl":"https://acme.my.salesforce.com","username":"admin@acme.example","clientId":"PlatformCLI","connectedStatus":"Connected","alias":"acme"},"warnings":["This command will expose sensitive information"]}"#;
        let login = parse_sf_display("acme", ok, "").unwrap();
        assert_eq!(login.domain.host, "acme.my.salesforce.com");
        assert_eq!(login.token.expose(), "00D000000000001!AQ0tok");
        assert_eq!(login.username.as_deref(), Some("admin@acme.example"));
        assert!(!format!("{login:?}").contains("AQ0tok"));

        let missing = r#"{"status":1,"name":"NoAuthInfoFound","message":"No authorization information found for nope."}"#;
        let err = parse_sf_display("nope", "", missing).unwrap_err();
        assert!(
            err.to_string()
                .contains("No authorization information found for nope."),
            "{err}"
        );
        assert!(err.to_string().contains("sf org login web --alias nope"));
        assert_eq!(
            parse_sf_display("x", "not json", "").unwrap_err(),
            LoginError::SfUnreadable("x".into())
        );
        assert!(matches!(
            AdminLogin::pasted("acme", Secret::new("  ")),
            Err(LoginError::EmptyToken)
        ));
    }
}
