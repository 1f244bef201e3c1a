//! Command line (and maybe a saved profile) → the engine's `CheckConfig`. Everything wrong here
//! is a usage error (exit 2), found before any request.

use super::args::CheckArgs;
use eca_core::keychain::Keychain;
use eca_core::pipeline::CheckConfig;
use eca_core::profile::{self, Profile};
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

pub fn config(args: &CheckArgs) -> Result<CheckConfig, UsageError> {
    let profile = match &args.profile {
        Some(name) => Some(load_profile(args, name)?),
        None => None,
    };
    let domain = args
        .domain
        .clone()
        .or_else(|| profile.as_ref().map(|p| p.domain.clone()))
        .filter(|d| !d.trim().is_empty())
        .ok_or_else(|| {
            usage("Missing --domain: your org's My Domain, e.g. --domain acme.my.salesforce.com.")
        })?;
    let client_id = args
        .client_id
        .clone()
        .or_else(|| profile.as_ref().map(|p| p.client_id.clone()))
        .filter(|d| !d.trim().is_empty())
        .ok_or_else(|| usage("Missing --client-id: the External Client App's consumer key."))?;
    let secret = secret(args, profile.as_ref())?;

    let mut config = CheckConfig::new(domain, client_id, secret);
    if let Some(p) = &profile {
        apply_profile(&mut config, p);
    }
    if let Some(v) = &args.api_version {
        config.api_version = Some(v.clone());
    }
    if let Some(o) = &args.object {
        config.object = o.clone();
    }
    for field in &args.fields {
        let (name, value) = parse_field(field)?;
        config.fields.insert(name, value);
    }
    config.create_record = config.create_record && !args.no_record;
    config.keep_record = (config.keep_record || args.keep_record) && !args.no_record;
    config.keep_token = args.keep_token;
    config.timeout = Duration::from_secs(args.timeout);
    config.allow_untrusted_host = args.allow_untrusted_host;
    if let Some(path) = &args.ca_cert {
        let pem = std::fs::read(path)
            .map_err(|e| usage(format!("Cannot read --ca-cert {}: {e}", path.display())))?;
        config.ca_cert_pem = Some(pem);
    }
    Ok(config)
}

/// The profile's saved settings; the command line may override them afterwards.
fn apply_profile(config: &mut CheckConfig, p: &Profile) {
    config.api_version = Some(p.api_version.clone());
    config.object = p.object.clone();
    config.fields = p.fields.clone();
    config.create_record = p.create_record;
    config.keep_record = p.keep_record;
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

fn secret(args: &CheckArgs, profile: Option<&Profile>) -> Result<Secret, UsageError> {
    let secret = if let Some(var) = &args.secret_env {
        let value = std::env::var(var).map_err(|_| {
            usage(format!(
                "The environment variable {var} (--secret-env) is not set."
            ))
        })?;
        Secret::new(value.trim())
    } else if args.secret_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| usage(format!("Cannot read the secret from standard input: {e}")))?;
        Secret::new(line.trim())
    } else if let Some(p) = profile {
        keychain_secret(p)?
    } else {
        return Err(usage(
            "Give the consumer secret with --secret-env VAR, --secret-stdin or --profile NAME.",
        ));
    };
    if secret.is_empty() {
        return Err(usage("The consumer secret is empty."));
    }
    Ok(secret)
}

fn load_profile(args: &CheckArgs, name: &str) -> Result<Profile, UsageError> {
    let path = args
        .store
        .clone()
        .or_else(profile::default_store_path)
        .ok_or_else(|| {
            usage("No data folder on this system to find the app's profiles in; pass --store FILE.")
        })?;
    let profiles = profile::load_profiles(&path).map_err(|e| usage(e.to_string()))?;
    let found = profile::find_profile(&profiles, name).map_err(|e| usage(e.to_string()))?;
    if found.practice {
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
    let keychain = Keychain::new(profile::APP_IDENTIFIER);
    match keychain.retrieve(&p.keychain_account()) {
        Ok(Some(secret)) => Ok(secret),
        Ok(None) => Err(usage(format!(
            "No consumer secret is saved in the keychain for profile \"{}\". Save it in the app, or pass --secret-env VAR.",
            p.name
        ))),
        Err(e) => Err(usage(format!("{e} ({})", e.kind()))),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{apply_profile, parse_field, CheckConfig, Profile, Secret};

    #[test]
    fn a_profile_without_the_test_record_turns_it_off() {
        let mut config = CheckConfig::new("acme", "key", Secret::new("s"));
        assert!(config.create_record);
        let profile = Profile {
            create_record: false,
            ..Profile::default()
        };
        apply_profile(&mut config, &profile);
        assert!(!config.create_record);
        apply_profile(&mut config, &Profile::default());
        assert!(config.create_record);
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
