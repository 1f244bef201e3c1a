//! The command line: `check` with the contract's flags (plus `--store`, `--api-version`,
//! `--keep-record`, `--allow-untrusted-host`), the CI outputs and the environment defaults.

use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{ArgGroup, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "eca-preflight-cli",
    version,
    about = "Check a Salesforce External Client App set up for the OAuth 2.0 Client Credentials flow."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The command line, `args` starting with the program name; a usage error exits 2 with clap's
/// message, as `Parser::parse_from` does.
pub fn parse<I, T>(args: I) -> Cli
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut command = Cli::command();
    let matches = command
        .try_get_matches_from_mut(args)
        .unwrap_or_else(|e| e.exit());
    if let Some(("inspect", inspect)) = matches.subcommand() {
        // `inspect --practice` replaces the key and the domain: typing them too is a conflict,
        // while ECA_PREFLIGHT_CLIENT_ID / ECA_PREFLIGHT_DOMAIN in the environment are ignored.
        let typed = |id: &str| inspect.value_source(id) == Some(ValueSource::CommandLine);
        if typed("practice") {
            if let Some(flag) = ["client_id", "domain"].into_iter().find(|id| typed(id)) {
                let flag = format!("--{}", flag.replace('_', "-"));
                let sub = command.find_subcommand_mut("inspect");
                let message = format!(
                    "the argument '--practice <SCENARIO>' cannot be used with '{flag}': the practice org has its own"
                );
                match sub {
                    Some(sub) => sub.error(ErrorKind::ArgumentConflict, message).exit(),
                    None => command.error(ErrorKind::ArgumentConflict, message).exit(),
                }
            }
        }
    }
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Token → Run As user → REST API → test record create/read/delete → revoke, with a
    /// diagnosis for every failure.
    Check(Box<CheckArgs>),
    /// Ready-to-run code for the token request and one REST call (the secret read from
    /// ECA_PREFLIGHT_CLIENT_SECRET, never written into it).
    Snippet(SnippetArgs),
    /// Get a token, run COMMAND with SF_ACCESS_TOKEN and SF_INSTANCE_URL in its environment
    /// only, then revoke the token; the exit code is COMMAND's. E.g.
    /// `eca-preflight-cli token --profile prod -- sf org login access-token --instance-url https://acme.my.salesforce.com --no-prompt`
    Token(Box<TokenArgs>),
    /// Read the app's own settings with an admin's login (Salesforce CLI or a pasted access
    /// token) and name the exact setting that is wrong. Exit 0: nothing wrong (warnings
    /// allowed), 1: findings, 2: bad input or no inspection possible.
    Inspect(InspectArgs),
    /// Delete the test records that killed or cut-off runs left in the org (the cleanup journal
    /// beside the app's profiles lists them), with the app's credentials as for `check`.
    Cleanup(Box<CheckArgs>),
    /// The setup guide the desktop app shows: each step to set up the External Client App for
    /// the Client Credentials flow, in order, with the Setup page it opens. Reads nothing.
    Guide(GuideArgs),
}

#[derive(Debug, Args)]
pub struct GuideArgs {
    /// The org's My Domain: each Setup page is then printed as a link into that org.
    #[arg(long, value_name = "DOMAIN-OR-URL")]
    pub domain: Option<String>,
    /// Print only the JSON document {"callback_url", "steps", "links"} on stdout ("links" is
    /// empty without --domain).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("admin_login").args(["admin_org", "admin_token_env", "practice"]).required(true)),
    group(ArgGroup::new("domain_source").args(["domain", "profile"]).multiple(true)),
    after_help = "Reads (never changes) ExternalClientApplication, ExtlClntAppPlcyCnfg, ExtlClntAppOauthPlcyCnfg, ExtlClntAppOauthSettings, SetupEntityAccess, User, PermissionSetAssignment and LoginIpRange with SOQL, and the app's ExtlClntAppGlobalOauthSettings with the Metadata API. The login needs \"View all External Client Apps, view their settings, and edit their policies\". The consumer secret is not needed."
)]
pub struct InspectArgs {
    /// Inspect the app of a practice org started inside this command, with its admin's login,
    /// instead of a real org: the desktop app's practice situations (healthy, no-run-as-user, …;
    /// `--practice list` names them). It stands in for --client-id and --domain (their
    /// environment variables are ignored); nothing leaves this computer.
    // The conflict with --client-id and --domain is checked in `parse`: with `conflicts_with`,
    // clap would count their environment variables as given.
    #[arg(long, value_name = "SCENARIO", conflicts_with_all = ["profile", "ca_cert", "proxy"])]
    pub practice: Option<String>,
    /// The External Client App's consumer key.
    #[arg(long, value_name = "KEY", env = "ECA_PREFLIGHT_CLIENT_ID")]
    pub client_id: Option<String>,
    /// Use the admin login Salesforce CLI holds for this alias or username: the access token
    /// from `sf org auth show-access-token --target-org ALIAS --json` (from `sf org display` with
    /// a CLI older than 2.136.8, which has no such command), the instance URL from
    /// `sf org display --json --target-org ALIAS`.
    #[arg(long, value_name = "ALIAS")]
    pub admin_org: Option<String>,
    /// Read an admin's access token from this environment variable (with --domain).
    #[arg(long, value_name = "VAR", requires = "domain_source")]
    pub admin_token_env: Option<String>,
    /// The org's My Domain (with --admin-token-env; with --admin-org it must match the login).
    #[arg(long, value_name = "DOMAIN-OR-URL", env = "ECA_PREFLIGHT_DOMAIN")]
    pub domain: Option<String>,
    /// Take the consumer key and the domain from a profile saved by the desktop app.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// The desktop app's profile store file, for --profile (default: the app's data folder).
    #[arg(long, value_name = "FILE", env = "ECA_PREFLIGHT_STORE")]
    pub store: Option<PathBuf>,
    /// An extra trusted root certificate (PEM).
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Send every request through this proxy.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// Timeout of each request, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// Print only the JSON document {"app", "checks", "findings"} on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SnippetArgs {
    /// curl (a bash script), python (simple-salesforce), node (jsforce) or postman (a v2.1
    /// collection on stdout; give client_secret with newman's --env-var).
    #[arg(long, value_name = "FORMAT", value_parser = ["curl", "python", "node", "postman"])]
    pub format: String,
    /// The org's My Domain (acme, acme.my.salesforce.com, a Lightning or Setup URL, …).
    #[arg(long, value_name = "DOMAIN-OR-URL", env = "ECA_PREFLIGHT_DOMAIN")]
    pub domain: Option<String>,
    /// The External Client App's consumer key.
    #[arg(long, value_name = "KEY", env = "ECA_PREFLIGHT_CLIENT_ID")]
    pub client_id: Option<String>,
    /// Use a profile saved by the desktop app.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// The desktop app's profile store file, for --profile (default: the app's data folder).
    #[arg(long, value_name = "FILE", env = "ECA_PREFLIGHT_STORE")]
    pub store: Option<PathBuf>,
    /// The REST API version the code calls: "latest" (default) or a version such as 68.0.
    #[arg(long, value_name = "VERSION")]
    pub api_version: Option<String>,
    /// The object the code's REST call describes (default: Account, or the profile's object).
    #[arg(long, value_name = "OBJECT")]
    pub object: Option<String>,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// The command to run with the token, after `--`.
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("secret_source").args(["secret_env", "secret_stdin", "secret_file"]).multiple(false)),
    after_help = "The consumer secret comes from --secret-env, --secret-stdin or --secret-file; else from ECA_PREFLIGHT_CLIENT_SECRET; else, with --profile, from the OS keychain.\n\nExit codes: 0 every check passed, 1 a check failed (diagnosed; with --strict also a warning), 2 bad input, 130 cancelled by a signal (the test record was deleted and the token revoked first)."
)]
pub struct CheckArgs {
    /// Check a practice org started inside this command instead of a real org: the desktop
    /// app's practice situations (healthy, wrong-secret, no-run-as-user, …; `--practice list`
    /// names them). It stands in for --domain, --client-id and the secret; nothing leaves this
    /// computer.
    #[arg(long, value_name = "SCENARIO", conflicts_with_all = ["secret_env", "secret_stdin", "secret_file", "profile"])]
    pub practice: Option<String>,
    /// The org's My Domain (acme, acme.my.salesforce.com, a Lightning or Setup URL, …).
    #[arg(long, value_name = "DOMAIN-OR-URL", env = "ECA_PREFLIGHT_DOMAIN")]
    pub domain: Option<String>,
    /// The External Client App's consumer key.
    #[arg(long, value_name = "KEY", env = "ECA_PREFLIGHT_CLIENT_ID")]
    pub client_id: Option<String>,
    /// Read the consumer secret from this environment variable.
    #[arg(long, value_name = "VAR")]
    pub secret_env: Option<String>,
    /// Read the consumer secret from the first line of standard input.
    #[arg(long)]
    pub secret_stdin: bool,
    /// Read the consumer secret from the first line of this file (e.g. a mounted CI secret).
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<PathBuf>,
    /// Use a profile saved by the desktop app: its settings, and its secret from the OS
    /// keychain unless a secret source above is given.
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// The desktop app's profile store file (default: the app's data folder).
    #[arg(long, value_name = "FILE", env = "ECA_PREFLIGHT_STORE")]
    pub store: Option<PathBuf>,
    /// The object of the test record.
    #[arg(long, value_name = "OBJECT")]
    pub object: Option<String>,
    /// A field value for the test record (repeatable).
    #[arg(long = "field", value_name = "Name=Value")]
    pub fields: Vec<String>,
    /// "latest" (default) or a version such as 68.0.
    #[arg(long, value_name = "VERSION")]
    pub api_version: Option<String>,
    /// Skip the test record (describe, create, read, delete).
    #[arg(long)]
    pub no_record: bool,
    /// Create and read the test record, but leave it in the org.
    #[arg(long, conflicts_with = "no_record")]
    pub keep_record: bool,
    /// Do not revoke the access token at the end.
    #[arg(long)]
    pub keep_token: bool,
    /// An extra trusted root certificate (PEM), e.g. the simulated org's --tls CA.
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Send every request through this proxy, loopback included (default: the environment's
    /// HTTPS_PROXY / ALL_PROXY / NO_PROXY). Credentials: http://user:password@host:port.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// Timeout of each request, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
    /// Send the credentials to a host that is not a known Salesforce host.
    #[arg(long)]
    pub allow_untrusted_host: bool,
    /// Print only the JSON report on stdout.
    #[arg(long)]
    pub json: bool,
    /// Also write the result as JUnit XML (one testcase per step) to FILE.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Also write the Markdown report to FILE.
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
    /// Fail (exit 1) on warnings too, e.g. a token signature that does not match.
    #[arg(long)]
    pub strict: bool,
    /// When the failure is one a just-made change explains (a new app, a changed policy), keep
    /// trying with growing pauses for up to SECONDS (default 600: Salesforce's 10 minutes).
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "600",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub wait: Option<u64>,
    /// Check every profile saved by the desktop app (practice excepted), a few at a time, and
    /// print one line each; exit 1 if any failed.
    #[arg(long, conflicts_with_all = ["domain", "client_id", "profile", "secret_env", "secret_stdin", "secret_file", "junit", "markdown"])]
    pub all_profiles: bool,
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every option, flag and positional of every subcommand says what it is for in `--help`.
    #[test]
    fn every_argument_of_every_subcommand_has_a_help_line() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                let help = arg
                    .get_help()
                    .or_else(|| arg.get_long_help())
                    .map(|h| h.to_string())
                    .unwrap_or_default();
                if help.trim().is_empty() {
                    let name = arg
                        .get_long()
                        .map_or_else(|| id.to_string(), |l| format!("--{l}"));
                    missing.push(format!("{path} {name}"));
                }
            }
            for sub in cmd.get_subcommands() {
                let name = format!("{path} {}", sub.get_name());
                if sub.get_name() != "help" && sub.get_about().is_none() {
                    missing.push(format!("{name} (no about)"));
                }
                walk(sub, &name, missing);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "eca-preflight-cli", &mut missing);
        assert!(
            missing.is_empty(),
            "arguments without a help line: {missing:?}"
        );
        let inspect = cmd.find_subcommand("inspect");
        assert!(inspect.is_some_and(|c| c.get_arguments().count() > 5));
    }
}
