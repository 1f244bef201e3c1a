//! The admin login Salesforce CLI holds for an alias. Since `@salesforce/cli` 2.136.8 `sf org
//! display --json` prints `"[REDACTED] Use 'sf org auth show-access-token' to view"` in place of
//! the token, so the token comes from `sf org auth show-access-token --json` (which refreshes it
//! first) and only the instance URL from `sf org display`. An older CLI without that command
//! still prints the token in `org display`, which is then used.
//!
//! Every `sf` run is bounded ([`sf_timeout`]) and killed when it overruns; its output holds the
//! token and is never logged. Every failure is a [`LoginError`] raised before anything is sent
//! to the org.

use super::login::{is_redacted, AdminLogin, LoginError};
use crate::secret::Secret;
use serde_json::Value;
use std::time::Duration;

/// How long one `sf` command may take: Node starts slowly and a token refresh goes to the org.
/// `ECA_PREFLIGHT_SF_TIMEOUT` (seconds) changes it.
fn sf_timeout() -> Duration {
    std::env::var("ECA_PREFLIGHT_SF_TIMEOUT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map_or(Duration::from_secs(60), Duration::from_secs)
}

/// What one `sf` run printed.
pub(crate) struct SfOutput {
    pub stdout: String,
    pub stderr: String,
}

/// Why `sf` answered no: the kinds an admin must act on differently.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SfRefusal {
    /// No login for that alias or username.
    NoLogin(String),
    /// The login exists but its token is expired or revoked and could not be refreshed.
    Expired(String),
    /// This CLI has no such command (a CLI older than the command).
    NoSuchCommand,
    Other(String),
}

/// What `sf org display --json` told of the login.
#[derive(Debug)]
pub(crate) struct Displayed {
    pub instance_url: String,
    pub username: Option<String>,
    /// The token, when this CLI still prints it (older than 2.136.8); never the placeholder.
    pub token: Option<Secret>,
}

impl AdminLogin {
    /// The login Salesforce CLI holds for `alias` (or username).
    pub async fn from_sf(alias: &str) -> Result<AdminLogin, LoginError> {
        let cli = Sf::from_env();
        let shown = cli.run(&display_args(alias)).await?;
        let displayed = match parse_display(&shown) {
            Ok(d) => d,
            Err(refusal) => {
                let instance = answer(&shown).and_then(|j| {
                    j.pointer("/result/instanceUrl")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                });
                return Err(cli.explain(alias, refusal, instance.as_deref()).await);
            }
        };
        let token = match &displayed.token {
            Some(token) => token.clone(),
            None => match parse_show_token(&cli.run(&show_token_args(alias)).await?) {
                Ok(token) => token,
                Err(SfRefusal::NoSuchCommand) => {
                    return Err(LoginError::SfTooOld {
                        alias: alias.to_string(),
                    })
                }
                Err(refusal) => {
                    return Err(cli
                        .explain(alias, refusal, Some(&displayed.instance_url))
                        .await);
                }
            },
        };
        let mut login = AdminLogin::from_token(
            &displayed.instance_url,
            token,
            "Salesforce CLI's access token",
        )?;
        login.username = displayed.username;
        Ok(login)
    }
}

fn display_args(alias: &str) -> [&str; 5] {
    ["org", "display", "--json", "--target-org", alias]
}

fn show_token_args(alias: &str) -> [&str; 6] {
    [
        "org",
        "auth",
        "show-access-token",
        "--target-org",
        alias,
        "--json",
    ]
}

/// The `sf` program: `ECA_PREFLIGHT_SF`, else `sf` on the PATH.
struct Sf {
    program: String,
    timeout: Duration,
}

impl Sf {
    fn from_env() -> Sf {
        let default = if cfg!(windows) { "sf.cmd" } else { "sf" };
        Sf {
            program: std::env::var("ECA_PREFLIGHT_SF").unwrap_or_else(|_| default.to_string()),
            timeout: sf_timeout(),
        }
    }

    async fn run(&self, args: &[&str]) -> Result<SfOutput, LoginError> {
        let mut command = tokio::process::Command::new(&self.program);
        command
            .args(args)
            // No prompt, no update check, no telemetry: a child that asks would only hang.
            .env("SF_AUTOUPDATE_DISABLE", "true")
            .env("SF_DISABLE_AUTOUPDATE", "true")
            .env("SF_SKIP_NEW_VERSION_CHECK", "true")
            .env("SF_DISABLE_TELEMETRY", "true")
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true);
        match tokio::time::timeout(self.timeout, command.output()).await {
            Err(_) => Err(LoginError::SfTimeout {
                command: format!("sf {}", args.join(" ")),
                seconds: self.timeout.as_secs(),
            }),
            Ok(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(LoginError::SfMissing(format!("{}: {e}", self.program)))
            }
            Ok(Err(e)) => Err(LoginError::SfUnstartable(format!("{}: {e}", self.program))),
            // Never logged: stdout holds the token.
            Ok(Ok(output)) => Ok(SfOutput {
                stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            }),
        }
    }

    /// The admin's words for a refusal; an unknown alias lists the logins this CLI has.
    async fn explain(&self, alias: &str, refusal: SfRefusal, instance: Option<&str>) -> LoginError {
        let alias = alias.to_string();
        match refusal {
            SfRefusal::NoLogin(message) => {
                let known = match self.run(&["org", "list", "--json"]).await {
                    Ok(out) => match parse_org_list(&out) {
                        Some(names) if names.is_empty() => "It has no logins. ".to_string(),
                        Some(names) => format!("Its logins: {}. ", names.join(", ")),
                        None => String::new(),
                    },
                    Err(_) => String::new(),
                };
                LoginError::SfNoLogin {
                    alias,
                    message,
                    known,
                }
            }
            SfRefusal::Expired(message) => LoginError::SfExpired {
                alias,
                message,
                instance: instance
                    .unwrap_or("https://YOUR-DOMAIN.my.salesforce.com")
                    .trim_end_matches('/')
                    .to_string(),
            },
            SfRefusal::NoSuchCommand => LoginError::SfTooOld { alias },
            SfRefusal::Other(message) => LoginError::SfFailed { alias, message },
        }
    }
}

/// The JSON `sf … --json` printed: on stdout, or on stderr in some versions' errors.
fn answer(out: &SfOutput) -> Option<Value> {
    [&out.stdout, &out.stderr]
        .into_iter()
        .find_map(|text| serde_json::from_str::<Value>(text.trim()).ok())
        .filter(Value::is_object)
}

/// A failed answer's kind, from its error `name` and `message` (or the plain text an older CLI
/// prints for an unknown command).
fn refusal(out: &SfOutput, json: Option<&Value>) -> SfRefusal {
    let text = |key: &str| {
        json.and_then(|j| j.get(key))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let (name, message) = (text("name"), text("message"));
    let all = format!("{name} {message} {} {}", out.stdout, out.stderr).to_ascii_lowercase();
    if name.contains("CommandNotFound")
        || all.contains("is not a sf command")
        || all.contains("command not found")
    {
        return SfRefusal::NoSuchCommand;
    }
    let message = if message.is_empty() {
        first_line(&out.stderr).unwrap_or_else(|| "no answer".to_string())
    } else {
        tidy(&message)
    };
    let lower = format!("{name} {message}").to_ascii_lowercase();
    if [
        "namedorgnotfound",
        "noauthinfofound",
        "noorgfound",
        "no authorization information",
    ]
    .iter()
    .any(|k| lower.contains(k))
    {
        return SfRefusal::NoLogin(message);
    }
    if [
        "expired",
        "refreshtoken",
        "refresh token",
        "invalid_session_id",
        "invalid_grant",
        "bad_oauth_token",
        "invalid_auth_header",
        "session is invalid",
    ]
    .iter()
    .any(|k| lower.contains(k))
    {
        return SfRefusal::Expired(message);
    }
    SfRefusal::Other(message)
}

/// sf's message on one line, without its `Parsing --target-org` and `See more help` frame.
fn tidy(message: &str) -> String {
    let words: Vec<&str> = message.split_whitespace().collect();
    let text = words.join(" ");
    let text = text.strip_prefix("Parsing --target-org ").unwrap_or(&text);
    text.strip_suffix(" See more help with --help")
        .unwrap_or(text)
        .to_string()
}

fn first_line(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(300).collect())
}

/// A login whose token sf could not refresh still answers `status` 0 (show-access-token with the
/// stale token): its warning, or `org display`'s connectedStatus, says so.
fn stale(json: &Value) -> Option<String> {
    let warned = json
        .get("warnings")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .find(|w| w.to_ascii_lowercase().contains("unable to refresh"));
    let status = json
        .pointer("/result/connectedStatus")
        .and_then(Value::as_str)
        .filter(|s| {
            let s = s.to_ascii_lowercase();
            s.contains("expired") || s.contains("invalid") || s.contains("refreshtoken")
        });
    status.or(warned).map(str::to_string)
}

/// The result object of a successful answer (`status` 0), else why not.
fn result(out: &SfOutput) -> Result<Value, SfRefusal> {
    let json = answer(out);
    let ok = json
        .as_ref()
        .filter(|j| j.get("status").and_then(Value::as_i64).unwrap_or(0) == 0)
        .and_then(|j| j.get("result"))
        .filter(|r| r.is_object());
    match (ok, json.as_ref().and_then(stale)) {
        (Some(_), Some(why)) => Err(SfRefusal::Expired(why)),
        (Some(r), None) => Ok(r.clone()),
        (None, _) => Err(refusal(out, json.as_ref())),
    }
}

fn string(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// `sf org display --json`: the instance URL, the username and, from an older CLI, the token.
pub(crate) fn parse_display(out: &SfOutput) -> Result<Displayed, SfRefusal> {
    let r = result(out)?;
    let Some(instance_url) = string(&r, "instanceUrl") else {
        return Err(SfRefusal::Other(
            "its answer holds no instance URL".to_string(),
        ));
    };
    Ok(Displayed {
        instance_url,
        username: string(&r, "username"),
        token: string(&r, "accessToken")
            .filter(|t| !is_redacted(t))
            .map(Secret::new),
    })
}

/// `sf org auth show-access-token --json`: the token.
pub(crate) fn parse_show_token(out: &SfOutput) -> Result<Secret, SfRefusal> {
    let r = result(out)?;
    string(&r, "accessToken")
        .map(Secret::new)
        .ok_or_else(|| SfRefusal::Other("its answer holds no access token".to_string()))
}

/// The names of the logins `sf org list --json` knows (aliases, else usernames), nothing else.
pub(crate) fn parse_org_list(out: &SfOutput) -> Option<Vec<String>> {
    let r = result(out).ok()?;
    let mut names: Vec<String> = Vec::new();
    for list in r.as_object()?.values().filter_map(Value::as_array) {
        for org in list {
            if let Some(name) = string(org, "alias").or_else(|| string(org, "username")) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    names.sort();
    Some(names)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn out(stdout: &str, stderr: &str) -> SfOutput {
        SfOutput {
            stdout: stdout.into(),
            stderr: stderr.into(),
        }
    }

    #[test]
    fn display_gives_the_instance_and_only_a_real_token() {
        let hidden = r#"{"status":0,"result":{"id":"00D000000000001AAA","apiVersion":"66.0","accessToken":"[REDACTED] Use 'sf org auth show-access-token' to view","instanceUrl":"https://acme.my.salesforce.com","username":"admin@acme.example","connectedStatus":"Connected","alias":"acme"},"warnings":[]}"#;
        let d = parse_display(&out(hidden, "")).unwrap();
        assert_eq!(d.instance_url, "https://acme.my.salesforce.com");
        assert_eq!(d.username.as_deref(), Some("admin@acme.example"));
        assert!(d.token.is_none(), "the placeholder is no token");

        let old = r#"{"status":0,"result":{"accessToken":"00D000000000001!AQ0tok","instanceUrl":"https://acme.my.salesforce.com"}}"#;
        let d = parse_display(&out(old, "")).unwrap();
        assert_eq!(d.token.unwrap().expose(), "00D000000000001!AQ0tok");
    }

    #[test]
    fn show_access_token_gives_the_token() {
        let ok = r#"{"status":0,"result":{"accessToken":"00D000000000001!AQ0tok"},"warnings":["Sharing this access token is a security risk."]}"#;
        assert_eq!(
            parse_show_token(&out(ok, "")).unwrap().expose(),
            "00D000000000001!AQ0tok"
        );
    }

    #[test]
    fn refusals_are_told_apart() {
        let unknown = r#"{"code":1,"name":"NamedOrgNotFoundError","message":"No authorization information found for nope.","status":1,"exitCode":1}"#;
        assert_eq!(
            parse_display(&out(unknown, "")).unwrap_err(),
            SfRefusal::NoLogin("No authorization information found for nope.".into())
        );
        // Older CLIs printed errors on stderr.
        assert!(matches!(
            parse_display(&out("", unknown)).unwrap_err(),
            SfRefusal::NoLogin(_)
        ));
        let expired = r#"{"status":1,"name":"RefreshTokenAuthError","message":"Error authenticating with the refresh token due to: expired access/refresh token"}"#;
        assert!(matches!(
            parse_show_token(&out(expired, "")).unwrap_err(),
            SfRefusal::Expired(_)
        ));
        let gone = " ›   Warning: org auth show-access-token is not a sf command.\n";
        assert_eq!(
            parse_show_token(&out("", gone)).unwrap_err(),
            SfRefusal::NoSuchCommand
        );
        assert!(matches!(
            parse_display(&out("not json", "boom")).unwrap_err(),
            SfRefusal::Other(m) if m == "boom"
        ));
    }

    /// What `@salesforce/cli` 2.150.6 printed against the practice org (tokens replaced).
    #[test]
    fn real_answers_of_salesforce_cli_2_150() {
        let display = r#"{"status":0,"result":{"id":"00DHn0000000D79MAE","apiVersion":"68.0","accessToken":"[REDACTED] Use 'sf org auth show-access-token' to view","instanceUrl":"https://127.0.0.1:41129/","username":"admin@practice-org.example","connectedStatus":"Connected","alias":"sim"},"warnings":["Secrets are now hidden from 'sf org display' command output. Use the 'sf org auth' commands instead."]}"#;
        let d = parse_display(&out(display, "")).unwrap();
        assert_eq!(d.instance_url, "https://127.0.0.1:41129/");
        assert!(d.token.is_none());

        let shown = r#"{"status":0,"result":{"accessToken":"00DHn0000000D79!TOKEN"},"warnings":["This command exposes a sensitive Access Token that allows for subsequent activity using your current authenticated session."]}"#;
        assert_eq!(
            parse_show_token(&out(shown, "")).unwrap().expose(),
            "00DHn0000000D79!TOKEN"
        );

        let unknown = "{\"name\":\"NamedOrgNotFoundError\",\"message\":\"Parsing --target-org \\n\\tNo authorization information found for nope.\\nSee more help with --help\",\"exitCode\":2,\"actions\":[\"It looks like you mistyped the username or alias. Did you mean \\\"sim\\\"?\"],\"context\":\"OrgDisplayCommand\",\"code\":\"NamedOrgNotFoundError\",\"status\":2}";
        assert_eq!(
            parse_display(&out(unknown, "")).unwrap_err(),
            SfRefusal::NoLogin("No authorization information found for nope.".into())
        );

        // A token sf could not refresh: exit 0 both times, told by a warning and the status.
        let stale_token = r#"{"status":0,"result":{"accessToken":"00DHn0000000D79!TOKEN"},"warnings":["Unable to refresh auth for org. Access token may be stale.","This command exposes a sensitive Access Token"]}"#;
        assert_eq!(
            parse_show_token(&out(stale_token, "")).unwrap_err(),
            SfRefusal::Expired("Unable to refresh auth for org. Access token may be stale.".into())
        );
        let stale_display = r#"{"status":0,"result":{"id":"00DHn00000007kCMAQ","apiVersion":"68.0","accessToken":"[REDACTED] Use 'sf org auth show-access-token' to view","instanceUrl":"https://127.0.0.1:38789/","username":"admin@practice-org.example","connectedStatus":"Session expired or invalid","alias":"sim"},"warnings":["unable to refresh auth for org"]}"#;
        assert_eq!(
            parse_display(&out(stale_display, "")).unwrap_err(),
            SfRefusal::Expired("Session expired or invalid".into())
        );
    }

    #[test]
    fn org_list_gives_names_only() {
        let list = r#"{"status":0,"result":{"other":[],"sandboxes":[{"alias":"uat","username":"a@b.uat","accessToken":"[REDACTED]"}],"nonScratchOrgs":[{"alias":"prod","username":"a@b"},{"username":"c@d"}],"devHubs":[{"alias":"prod","username":"a@b"}],"scratchOrgs":[]}}"#;
        let names = parse_org_list(&out(list, "")).unwrap();
        assert_eq!(names, ["c@d", "prod", "uat"]);
        assert_eq!(
            parse_org_list(&out(r#"{"status":0,"result":{}}"#, "")).unwrap(),
            Vec::<String>::new()
        );
        assert!(parse_org_list(&out("", "")).is_none());
    }
}
