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
    if let Some((name @ ("inspect" | "rotate" | "create-app"), inspect)) = matches.subcommand() {
        // `inspect --practice` replaces the key and the domain: typing them too is a conflict,
        // while ECA_PREFLIGHT_CLIENT_ID / ECA_PREFLIGHT_DOMAIN in the environment are ignored.
        let typed = |id: &str| inspect.value_source(id) == Some(ValueSource::CommandLine);
        if typed("practice") {
            let ids = ["client_id", "domain"].into_iter();
            if let Some(flag) = ids
                .filter(|id| inspect.try_contains_id(id).unwrap_or(false))
                .find(|id| typed(id))
            {
                let flag = format!("--{}", flag.replace('_', "-"));
                let sub = command.find_subcommand_mut(name);
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
    /// Create an External Client App for the Client Credentials flow with an admin's login
    /// (two Metadata API deploys), save its secret in the keychain under a new profile and check
    /// it. `--package-dir` writes the packages instead and changes nothing.
    CreateApp(Box<CreateAppArgs>),
    /// Rotate an app's consumer key and secret with Salesforce's staged credentials: the new
    /// pair is proven with a real token before it is promoted; the old one works for 30 days.
    Rotate(Box<RotateArgs>),
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

/// The admin's login a command reads or changes the org with (inspect, create-app, rotate).
#[derive(Debug, Args)]
pub struct AdminLoginArgs {
    /// Use a practice org started inside this command, with its admin's login, instead of a
    /// real org: the desktop app's practice situations (healthy, no-run-as-user, …; `--practice
    /// list` names them). It stands in for --domain and the admin login (their environment
    /// variables are ignored); nothing leaves this computer, and the practice org ends with the
    /// command.
    // The conflict with --client-id and --domain is checked in `parse`: with `conflicts_with`,
    // clap would count their environment variables as given.
    #[arg(long, value_name = "SCENARIO", conflicts_with_all = ["ca_cert", "proxy"])]
    pub practice: Option<String>,
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
    /// An extra trusted root certificate (PEM).
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Send every request through this proxy.
    #[arg(long, value_name = "URL")]
    pub proxy: Option<String>,
    /// Timeout of each request, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
}

#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("admin_login").args(["admin_org", "admin_token_env", "practice"]).required(true)),
    group(ArgGroup::new("domain_source").args(["domain", "profile"]).multiple(true)),
    after_help = "Reads ExternalClientApplication, ExtlClntAppPlcyCnfg, ExtlClntAppOauthPlcyCnfg, ExtlClntAppOauthSettings, SetupEntityAccess, User, PermissionSetAssignment and LoginIpRange with SOQL, and the app's ExtlClntAppGlobalOauthSettings with the Metadata API. The login needs \"View all External Client Apps, view their settings, and edit their policies\". The consumer secret is not needed.\n\nWith --fix: shows each setting a change of the app's own settings mends (before → after) and the findings it never changes (users, permissions, with their Setup links), asks (--yes for CI), deploys the changed components through the Metadata API (the login needs Modify Metadata and Customize Application), inspects again (and checks again with --secret-env). Exit 0 only when the app is healthy afterwards."
)]
pub struct InspectArgs {
    #[command(flatten)]
    pub admin: AdminLoginArgs,
    /// The External Client App's consumer key.
    #[arg(long, value_name = "KEY", env = "ECA_PREFLIGHT_CLIENT_ID")]
    pub client_id: Option<String>,
    /// Take the consumer key and the domain from a profile saved by the desktop app.
    #[arg(long, value_name = "NAME", conflicts_with = "practice")]
    pub profile: Option<String>,
    /// The desktop app's profile store file, for --profile (default: the app's data folder).
    #[arg(long, value_name = "FILE", env = "ECA_PREFLIGHT_STORE")]
    pub store: Option<PathBuf>,
    /// Print only the JSON document {"app", "checks", "findings"} on stdout (with --fix:
    /// {"plan", "applied", "before", "after", "check"}).
    #[arg(long)]
    pub json: bool,
    /// Change the app's own settings that the findings show wrong, after a confirmation.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: the username Run As should hold (when it is missing or not a username).
    #[arg(long, value_name = "USERNAME", requires = "fix")]
    pub run_as: Option<String>,
    /// With --fix: make the changes without asking (CI). Without it and without a terminal to
    /// ask, nothing changes.
    #[arg(long, requires = "fix")]
    pub yes: bool,
    /// With --fix: the app's consumer secret from this environment variable, to check the app
    /// again after the fix (with --profile, the keychain's is used when this is not given).
    #[arg(long, value_name = "VAR", requires = "fix")]
    pub secret_env: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("domain_source").args(["domain"]).multiple(true)),
    after_help = "Creates, through the Metadata API, in two deploys: ExternalClientApplication NAME, ExtlClntAppOauthSettings NAME_oauth (scope Api) and ExtlClntAppGlobalOauthSettings NAME_glbloauth (Client Credentials on), then ExtlClntAppOauthConfigurablePolicies NAME_oauthPlcy (Client Credentials on, Run As the user, admin-approved users pre-authorized by the Run As user's profile, IP restrictions enforced). Reads the new consumer key and secret through Connect REST, saves the secret in the OS keychain under a new profile and checks the app (keeps trying while Salesforce applies the change).\n\nThe login needs Modify Metadata and Customize Application; reading the secret needs the org setting \"Allow access to External Client App consumer secrets via REST API\" and the \"View Client Secret\" permission (else the secret is left in Setup and its page is named). Every change is written to org-changes.json beside the profile store.\n\nExit codes: 0 made and the check passed, 1 made but the check failed (or half made), 2 nothing made (bad input, refused, not confirmed)."
)]
pub struct CreateAppArgs {
    #[command(flatten)]
    pub admin: AdminLoginArgs,
    /// The app's API name (letters, digits and single underscores, starting with a letter).
    #[arg(long, value_name = "API_NAME")]
    pub name: String,
    /// The username of the user the Client Credentials flow runs as (active, API Enabled).
    #[arg(long, value_name = "USERNAME", required_unless_present = "remove")]
    pub run_as: Option<String>,
    /// The app's label (default: the API name with spaces).
    #[arg(long, value_name = "LABEL")]
    pub label: Option<String>,
    /// The app's contact email (default: the Run As username).
    #[arg(long, value_name = "EMAIL")]
    pub contact_email: Option<String>,
    /// The name of the profile saved for the new app (default: the API name).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// The desktop app's profile store file (default: the app's data folder).
    #[arg(long, value_name = "FILE", env = "ECA_PREFLIGHT_STORE")]
    pub store: Option<PathBuf>,
    /// Write the Metadata API packages to DIR/phase1 and DIR/phase2 instead of deploying:
    /// nothing changes in the org. Needs the Run As user's profile name: --run-as-profile, or
    /// an admin login to read it.
    #[arg(long, value_name = "DIR")]
    pub package_dir: Option<PathBuf>,
    /// With --package-dir and no admin login: the Run As user's profile name, which the policy
    /// pre-authorizes.
    #[arg(long, value_name = "PROFILE_NAME", requires = "package_dir")]
    pub run_as_profile: Option<String>,
    /// Make the app without asking (CI). Without it and without a terminal to ask, nothing
    /// changes.
    #[arg(long)]
    pub yes: bool,
    /// Keep trying the check for up to SECONDS while Salesforce applies the new app.
    #[arg(long, value_name = "SECONDS", default_value_t = 600, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub wait: u64,
    /// Print only the JSON document {"app", "client_id", "profile", "secret_stored",
    /// "secret_unavailable", "setup_url", "check"} on stdout (never a secret; with
    /// --package-dir: {"package_dir", "phase1", "phase2", "components"}).
    #[arg(long)]
    pub json: bool,
    /// After a half-made app (phase 2 refused): deploy the OAuth policies again (with --run-as).
    #[arg(long, conflicts_with_all = ["remove", "package_dir"])]
    pub finish: bool,
    /// Remove the app NAME (what exists of it), after a confirmation of its own.
    #[arg(long, conflicts_with = "package_dir")]
    pub remove: bool,
}

#[derive(Debug, Args)]
#[command(
    group(ArgGroup::new("domain_source").args(["domain", "profile"]).multiple(true)),
    group(ArgGroup::new("app_source").args(["profile", "client_id", "practice"]).required(true)),
    group(ArgGroup::new("secret_source").args(["secret_env", "secret_stdin", "secret_file"]).multiple(false).conflicts_with("practice")),
    after_help = "Stages a new consumer key and secret (POST {} to …/credentials/APP/CONSUMER/staged), proves them with a Client Credentials token and one REST call, then promotes them (PATCH {\"command\":\"rotate\"}). The old pair keeps working for 30 days: its expiry is shown and saved with the profile. --finish deletes it. The new secret goes into the OS keychain only: without a keychain nothing is changed.\n\nThe login needs the org setting \"Allow access to External Client App consumer secrets via REST API\" and the \"View Client Secret\" permission; packaged apps cannot be rotated this way.\n\nExit codes: 0 rotated (or finished), 1 refused by the org or the proof failed (the current pair unchanged), 2 bad input or not confirmed."
)]
pub struct RotateArgs {
    #[command(flatten)]
    pub admin: AdminLoginArgs,
    /// The profile whose pair is rotated: its key and domain, its secret kept as the previous
    /// pair, the new one saved in its place.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["client_id", "practice"])]
    pub profile: Option<String>,
    /// The consumer key to rotate (with --save-as, and the current secret from a source below).
    #[arg(long, value_name = "KEY", requires = "save_as")]
    pub client_id: Option<String>,
    /// The current consumer secret (kept as the previous pair) from this environment variable;
    /// with --profile it stands in for the one in the keychain.
    #[arg(long, value_name = "VAR")]
    pub secret_env: Option<String>,
    /// The current consumer secret from the first line of standard input.
    #[arg(long)]
    pub secret_stdin: bool,
    /// The current consumer secret from the first line of this file (e.g. a mounted CI secret).
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<PathBuf>,
    /// With --client-id: the name of the profile the new pair is saved as.
    #[arg(long, value_name = "NAME")]
    pub save_as: Option<String>,
    /// The desktop app's profile store file (default: the app's data folder).
    #[arg(long, value_name = "FILE", env = "ECA_PREFLIGHT_STORE")]
    pub store: Option<PathBuf>,
    /// Delete the old pair of a finished rotation (after a confirmation) and forget it.
    #[arg(long, conflicts_with_all = ["use_staged", "delete_staged"])]
    pub finish: bool,
    /// When a staged pair already exists: prove and promote it instead of refusing.
    #[arg(long, conflicts_with = "delete_staged")]
    pub use_staged: bool,
    /// When a staged pair already exists: delete it, then stage a new one.
    #[arg(long)]
    pub delete_staged: bool,
    /// Change without asking (CI). Without it and without a terminal to ask, nothing changes.
    #[arg(long)]
    pub yes: bool,
    /// Print only the JSON document {"app", "client_id", "previous_client_id",
    /// "old_pair_expires_at", "old_pair", "profile"} on stdout (never a secret).
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
