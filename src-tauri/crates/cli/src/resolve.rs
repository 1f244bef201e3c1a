//! Command line (and maybe a saved profile) → the engine's `CheckConfig`. Everything wrong here
//! is a usage error (exit 2), found before any request.

use crate::args::CheckArgs;
use eca_core::pipeline::CheckConfig;
use eca_core::profiles::{self, Profile, Target};
use eca_core::secrets::{Keychain, SecretStore};
use eca_core::Secret;
use std::io::BufRead;
use std::time::Duration;

/// A usage error: printed as is, exit 2. Never holds the secret.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

fn usage(msg: impl Into<String>) -> UsageError {
    UsageError(msg.into())
}

pub fn config(args: &CheckArgs) -> Result<CheckConfig, ResolveError> {
    let saved = match &args.profile {
        Some(name) => Some(load_profile(args.store.as_deref(), name)?),
        None => None,
    };
    config_with(args, saved)
}

/// The run of `saved` (if any) with the command line's values on top.
pub fn config_with(args: &CheckArgs, saved: Option<Profile>) -> Result<CheckConfig, ResolveError> {
    let secret = secret(args, saved.as_ref())?;
    // A saved profile's proxy user has its password in the keychain (unless --proxy replaces it).
    let proxy_password = match &saved {
        Some(p) if args.proxy.is_none() && p.proxy_user().is_some() => {
            Keychain::new(profiles::APP_IDENTIFIER)
                .retrieve(&p.proxy_account())
                .map_err(|e| usage(format!("{e} ({})", e.code())))?
        }
        _ => None,
    };
    let profile_id = saved.as_ref().map(|p| p.id.clone());
    let profile = profile(args, saved)?;
    if profile.target.domain().is_none_or(|d| d.trim().is_empty()) {
        return Err(usage(
            "Missing --domain: your org's My Domain, e.g. --domain acme.my.salesforce.com.",
        )
        .into());
    }
    if profile.client_id.trim().is_empty() {
        return Err(usage("Missing --client-id: the External Client App's consumer key.").into());
    }
    let mut config = CheckConfig::from_profile(&profile, secret).map_err(ResolveError::Input)?;
    if let Some(password) = proxy_password {
        config.proxy = config
            .proxy
            .take()
            .map(|proxy| proxy.with_password(password));
    }
    config.keep_token = args.keep_token;
    config.journal = journal(args.store.as_deref());
    config.profile_id = args.profile.as_ref().and(profile_id);
    config.timeout = Duration::from_secs(args.timeout);
    config.allow_untrusted_host = args.allow_untrusted_host;
    if let Some(proxy) = &args.proxy {
        config.proxy =
            Some(eca_core::network::ProxySetting::parse(proxy).map_err(|e| usage(e.to_string()))?);
    }
    if let Some(path) = &args.ca_cert {
        let pem = std::fs::read(path)
            .map_err(|e| usage(format!("Cannot read --ca-cert {}: {e}", path.display())))?;
        config.ca_cert_pem = Some(pem);
    }
    Ok(config)
}

/// The run of `--practice`: the practice org's address, key and secret, with the command line's
/// other values (object, fields, --no-record, timeouts …) on top. No journal: the practice org's
/// records end with it.
pub fn practice_config(
    args: &CheckArgs,
    org: &eca_sim::SimOrg,
) -> Result<CheckConfig, ResolveError> {
    let mut profile = profile(args, None)?;
    profile.target = Target::Org {
        domain: org.base_url().to_string(),
    };
    profile.client_id = org.client_id().to_string();
    let mut config = CheckConfig::from_profile(&profile, Secret::new(org.client_secret()))
        .map_err(ResolveError::Input)?;
    config.keep_token = args.keep_token;
    config.timeout = Duration::from_secs(args.timeout);
    Ok(config)
}

/// The saved profile (if any) with the command line's values on top: the one document
/// `CheckConfig::from_profile` turns into a run, as the app does.
fn profile(args: &CheckArgs, saved: Option<Profile>) -> Result<Profile, UsageError> {
    let mut profile = saved.unwrap_or_default();
    if let Some(domain) = &args.domain {
        profile.target = Target::Org {
            domain: domain.clone(),
        };
    }
    if let Some(client_id) = &args.client_id {
        profile.client_id = client_id.clone();
    }
    if let Some(v) = &args.api_version {
        profile.api_version = v.clone();
    }
    if let Some(o) = &args.object {
        profile.object = o.clone();
    }
    for field in &args.fields {
        let (name, value) = parse_field(field)?;
        profile.fields.insert(name, value);
    }
    profile.create_record = profile.create_record && !args.no_record;
    profile.keep_record = profile.keep_record || args.keep_record;
    Ok(profile)
}

/// Why the command line cannot start a check: usage (exit 2, printed as is) or input the engine
/// refused (exit 2, printed with its diagnosis).
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error(transparent)]
    Usage(#[from] UsageError),
    #[error(transparent)]
    Input(eca_core::pipeline::InputError),
}

/// `Name=Value` (the value may itself hold `=`).
pub fn parse_field(text: &str) -> Result<(String, String), UsageError> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.to_string()))
        }
        _ => Err(usage(format!("--field wants Name=Value, got \"{text}\"."))),
    }
}

/// The variable that holds the secret when no flag names a source.
pub const SECRET_VAR: &str = "ECA_PREFLIGHT_CLIENT_SECRET";

fn secret(args: &CheckArgs, profile: Option<&Profile>) -> Result<Secret, UsageError> {
    let given = given_secret(
        args.secret_env.as_deref(),
        args.secret_stdin,
        args.secret_file.as_deref(),
    )?;
    match (given, profile) {
        (Some(secret), _) => Ok(secret),
        (None, Some(p)) => {
            let secret = keychain_secret(p)?;
            if secret.is_empty() {
                return Err(usage("The consumer secret is empty."));
            }
            Ok(secret)
        }
        (None, None) => Err(usage(format!(
            "Give the consumer secret with --secret-env VAR, --secret-stdin, --secret-file PATH, {SECRET_VAR} or --profile NAME."
        ))),
    }
}

/// The secret from the source a flag names (`--secret-env`, `--secret-stdin`, `--secret-file`),
/// else from [`SECRET_VAR`]; `None` when none is given. Shared by every command that takes a
/// consumer secret, so they all read it the same way.
pub fn given_secret(
    env: Option<&str>,
    stdin: bool,
    file: Option<&std::path::Path>,
) -> Result<Option<Secret>, UsageError> {
    let secret = if let Some(var) = env {
        let value = std::env::var(var).map_err(|_| {
            usage(format!(
                "The environment variable {var} (--secret-env) is not set."
            ))
        })?;
        Secret::new(value.trim())
    } else if stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| usage(format!("Cannot read the secret from standard input: {e}")))?;
        Secret::new(line.trim())
    } else if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| usage(format!("Cannot read --secret-file {}: {e}", path.display())))?;
        Secret::new(text.lines().next().unwrap_or_default().trim())
    } else {
        match std::env::var(SECRET_VAR)
            .ok()
            .filter(|s| !s.trim().is_empty())
        {
            Some(value) => Secret::new(value.trim()),
            None => return Ok(None),
        }
    };
    if secret.is_empty() {
        return Err(usage("The consumer secret is empty."));
    }
    Ok(Some(secret))
}

/// The cleanup journal beside the store (the one given, or the app's own), shared with the app:
/// a record a killed run left is offered there too.
pub fn journal(
    store: Option<&std::path::Path>,
) -> Option<std::sync::Arc<eca_core::journal::Journal>> {
    store
        .map(std::path::Path::to_path_buf)
        .or_else(profiles::default_store_path)
        .map(|path| eca_core::journal::Journal::beside(&path))
}

/// Every profile the app saved (the store file given, or the app's own).
pub fn all_profiles(store: Option<&std::path::Path>) -> Result<Vec<Profile>, UsageError> {
    let path = store
        .map(std::path::Path::to_path_buf)
        .or_else(profiles::default_store_path)
        .ok_or_else(|| {
            usage("No data folder on this system to find the app's profiles in; pass --store FILE.")
        })?;
    profiles::load_profiles(&path).map_err(|e| usage(e.to_string()))
}

pub fn load_profile(store: Option<&std::path::Path>, name: &str) -> Result<Profile, UsageError> {
    let profiles = all_profiles(store)?;
    let found = profiles::find_profile(&profiles, name).map_err(|e| usage(e.to_string()))?;
    if found.is_practice() {
        return Err(usage(format!(
            "Profile \"{}\" is a practice profile: it talks to the app's built-in simulated org and has no secret in the keychain. \
             To check against a simulated org from the command line, start `eca-sim` and pass its base_url, client_id and client_secret \
             with --domain, --client-id and --secret-env.",
            found.name
        )));
    }
    Ok(found)
}

fn keychain_secret(p: &Profile) -> Result<Secret, UsageError> {
    let keychain = Keychain::new(profiles::APP_IDENTIFIER);
    match keychain.retrieve(&p.keychain_account()) {
        Ok(Some(secret)) => Ok(secret),
        Ok(None) => Err(usage(format!(
            "No consumer secret is saved in the keychain for profile \"{}\". Save it in the app, or pass --secret-env VAR.",
            p.name
        ))),
        Err(e) => Err(usage(format!(
            "{e} ({}) Where no keychain runs (a CI runner, a container), pass the secret with --secret-env VAR, --secret-file PATH or ECA_PREFLIGHT_CLIENT_SECRET.",
            e.code()
        ))),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{parse_field, profile, CheckArgs, Profile, Target};
    use clap::Parser;

    fn args(line: &[&str]) -> CheckArgs {
        let mut all = vec!["eca-preflight-cli", "check"];
        all.extend_from_slice(line);
        match crate::args::Cli::parse_from(all).command {
            crate::args::Command::Check(args) => *args,
            other => panic!("not a check: {other:?}"),
        }
    }

    #[test]
    fn a_profile_without_the_test_record_keeps_it_off() {
        let saved = Profile {
            create_record: false,
            ..Profile::default()
        };
        assert!(!profile(&args(&[]), Some(saved)).unwrap().create_record);
        assert!(profile(&args(&[]), None).unwrap().create_record);
        assert!(
            !profile(&args(&["--no-record"]), None)
                .unwrap()
                .create_record
        );
    }

    #[test]
    fn the_command_line_wins_over_the_profile() {
        let saved = Profile {
            target: Target::Org {
                domain: "acme".into(),
            },
            object: "Contact".into(),
            ..Profile::default()
        };
        let merged = profile(
            &args(&["--object", "Lead", "--field", "Company=X"]),
            Some(saved),
        )
        .unwrap();
        assert_eq!(merged.target.domain(), Some("acme"));
        assert_eq!(merged.object, "Lead");
        assert_eq!(merged.fields["Company"], "X");
    }

    #[test]
    fn fields_split_on_the_first_equals() {
        assert_eq!(
            parse_field("Name=A=B").unwrap(),
            ("Name".to_string(), "A=B".to_string())
        );
        assert_eq!(parse_field("Site=").unwrap().1, "");
        assert!(parse_field("Name").is_err());
        assert!(parse_field("=x").is_err());
    }
}
