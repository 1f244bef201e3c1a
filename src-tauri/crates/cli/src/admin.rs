//! The admin's login of `inspect`, `create-app` and `rotate` (a Salesforce CLI alias, a token
//! from the environment, or a practice org started here), the client options, the question
//! before a change, and the keychain probe. The admin's token is held in memory only.

use crate::args::AdminLoginArgs;
use crate::check::{self, EXIT_USAGE};
use eca_core::client::ClientOptions;
use eca_core::domain::parse_domain;
use eca_core::inspect::AdminLogin;
use eca_core::profiles;
use eca_core::secrets::{Keychain, SecretStore};
use eca_core::Secret;
use std::io::{BufRead, IsTerminal, Write};
use std::time::Duration;

/// A login to the org, and the practice org it belongs to (shut down by [`Admin::end`]).
pub struct Admin {
    pub login: AdminLogin,
    pub options: ClientOptions,
    pub practice: Option<eca_sim::SimOrg>,
}

impl Admin {
    pub async fn end(self) {
        if let Some(org) = self.practice {
            org.shutdown().await;
        }
    }
}

/// Why no login: an exit code already explained (a practice list, a practice that did not
/// start), or a message (exit 2).
pub enum NoLogin {
    Exit(u8),
    Message(String),
}

impl NoLogin {
    /// Prints the message; the exit code.
    pub fn report(self) -> u8 {
        match self {
            NoLogin::Exit(code) => code,
            NoLogin::Message(m) => {
                eprintln!("eca-preflight-cli: {m}");
                EXIT_USAGE
            }
        }
    }
}

impl From<String> for NoLogin {
    fn from(m: String) -> Self {
        NoLogin::Message(m)
    }
}

/// The login of `args`; `saved_domain` is a profile's domain when --domain is not given.
pub async fn login(args: &AdminLoginArgs, saved_domain: Option<String>) -> Result<Admin, NoLogin> {
    let mut options = ClientOptions::new(Duration::from_secs(args.timeout));
    if let Some(name) = args.practice.as_deref() {
        let org = check::start_practice(name).await.map_err(NoLogin::Exit)?;
        let login = AdminLogin::pasted(org.base_url(), Secret::new(org.admin_token()))
            .map_err(|e| e.to_string())?;
        return Ok(Admin {
            login,
            options,
            practice: Some(org),
        });
    }
    let domain = args.domain.clone().or(saved_domain);
    let login = match (&args.admin_org, &args.admin_token_env) {
        (Some(alias), _) => {
            let login = AdminLogin::from_sf(alias)
                .await
                .map_err(|e| e.to_string())?;
            if let Some(d) = &domain {
                let wanted = parse_domain(d).map_err(|e| e.to_string())?;
                if wanted.host != login.domain.host {
                    return Err(format!(
                        "The Salesforce CLI login '{alias}' is for {}, not {}.",
                        login.domain.host, wanted.host
                    )
                    .into());
                }
            }
            login
        }
        (None, Some(var)) => {
            let token = std::env::var(var).map_err(|_| {
                format!("The environment variable {var} (--admin-token-env) is not set.")
            })?;
            let domain = domain
                .ok_or("Missing --domain: the org's My Domain, for the admin token.".to_string())?;
            AdminLogin::pasted(&domain, Secret::new(token)).map_err(|e| e.to_string())?
        }
        (None, None) => {
            return Err(NoLogin::Message(
                "Give --admin-org ALIAS, --admin-token-env VAR or --practice SCENARIO.".into(),
            ))
        }
    };
    if let Some(path) = &args.ca_cert {
        options.ca_cert_pem = Some(
            std::fs::read(path)
                .map_err(|e| format!("Cannot read --ca-cert {}: {e}", path.display()))?,
        );
    }
    if let Some(proxy) = &args.proxy {
        options.proxy =
            Some(eca_core::network::ProxySetting::parse(proxy).map_err(|e| e.to_string())?);
    }
    Ok(Admin {
        login,
        options,
        practice: None,
    })
}

/// Whether an admin login was given at all (for commands where it is optional).
pub fn given(args: &AdminLoginArgs) -> bool {
    args.practice.is_some() || args.admin_org.is_some() || args.admin_token_env.is_some()
}

/// Asks `question` on a terminal (stderr, answer on stdin); `yes` answers it. Without a
/// terminal and without `--yes`, nothing may change: an error saying so.
pub fn confirm(question: &str, yes: bool) -> Result<bool, String> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(
            "Nothing was changed: there is no terminal to ask for a confirmation. Run it in a terminal, or pass --yes."
                .into(),
        );
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{question} [y/N] ").and_then(|()| err.flush());
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| format!("Could not read the answer: {e}"))?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// [`confirm`] as a command uses it: `None` when confirmed, else the exit code (nothing was
/// changed, and the reason is printed).
pub fn ask(question: &str, yes: bool) -> Option<u8> {
    match confirm(question, yes) {
        Ok(true) => None,
        Ok(false) => {
            eprintln!("Nothing was changed.");
            Some(EXIT_USAGE)
        }
        Err(message) => {
            eprintln!("eca-preflight-cli: {message}");
            Some(EXIT_USAGE)
        }
    }
}

/// The saved profile `name` (when one is named) and the admin's login to its org (the
/// profile's domain unless the login names one); a failure is printed and its exit code
/// returned.
pub async fn login_with_profile(
    args: &AdminLoginArgs,
    store: Option<&std::path::Path>,
    name: Option<&str>,
) -> Result<(Option<profiles::Profile>, Admin), u8> {
    let saved = match name {
        Some(name) => match crate::resolve::load_profile(store, name) {
            Ok(p) => Some(p),
            Err(e) => {
                eprintln!("eca-preflight-cli: {e}");
                return Err(EXIT_USAGE);
            }
        },
        None => None,
    };
    let saved_domain = saved
        .as_ref()
        .and_then(|p| p.target.domain().map(str::to_string));
    match login(args, saved_domain).await {
        Ok(admin) => Ok((saved, admin)),
        Err(e) => Err(e.report()),
    }
}

/// The app's keychain, when it answers (a bare CI runner has none).
pub fn keychain() -> Result<Keychain, String> {
    let keychain = Keychain::new(profiles::APP_IDENTIFIER);
    match keychain.retrieve("probe:eca-preflight-cli") {
        Ok(_) => Ok(keychain),
        Err(e) => Err(format!("{e} ({})", e.code())),
    }
}

/// Progress on stderr, one line per event.
pub fn progress_line(event: eca_core::change::ChangeProgress) {
    use eca_core::change::ChangeProgress as P;
    let line = match event {
        P::Checking { what } => format!("Checking {what}…"),
        P::Deploying {
            what,
            id,
            status,
            polls,
        } => {
            if polls == 0 {
                format!("Deploying {what} (deploy {id})…")
            } else {
                format!("  {what}: {status}")
            }
        }
        P::Credentials { what } | P::Proving { what } => format!("{what}…"),
    };
    eprintln!("{line}");
}

/// The org-changes ledger beside the profile store (none for a practice org, which ends with
/// the command).
pub fn ledger(
    store: Option<&std::path::Path>,
    admin: &Admin,
) -> Option<eca_core::change::ledger::Ledger> {
    if admin.practice.is_some() {
        return None;
    }
    store
        .map(std::path::Path::to_path_buf)
        .or_else(profiles::default_store_path)
        .map(|path| eca_core::change::ledger::Ledger::beside(&path))
}

/// Checks the app `client_id` with `secret` on the login's org (the same client options),
/// keeping trying for up to `wait` seconds while Salesforce applies a change.
pub async fn check_app(
    admin: &Admin,
    client_id: &str,
    secret: Secret,
    json: bool,
    wait: u64,
) -> Result<eca_core::types::CheckReport, String> {
    let mut config = eca_core::pipeline::CheckConfig::new(
        admin.login.domain.base_url().as_str(),
        client_id,
        secret,
    )
    .map_err(|e| e.to_string())?;
    config.timeout = admin.options.timeout;
    config.ca_cert_pem = admin.options.ca_cert_pem.clone();
    config.proxy = admin.options.proxy.clone();
    let cancel = tokio_util::sync::CancellationToken::new();
    check::run_waiting(config, json, Some(wait), &cancel)
        .await
        .map_err(|e| e.to_string())
}
