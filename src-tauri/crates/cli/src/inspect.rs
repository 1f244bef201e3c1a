//! `inspect`: the app's own settings read with an admin's login, each finding with what was
//! read, the fix and the Setup page. The admin's token is held in memory only.

use crate::args::InspectArgs;
use crate::check::{self, EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use crate::resolve;
use eca_core::client::ClientOptions;
use eca_core::domain::parse_domain;
use eca_core::inspect::{self, AdminLogin, CheckStatus, Inspection, Severity};
use eca_core::Secret;
use std::time::Duration;

pub async fn inspect(args: InspectArgs) -> u8 {
    let practice = match args.practice.as_deref() {
        None => None,
        Some(name) => match check::start_practice(name).await {
            Ok(org) => Some(org),
            Err(code) => return code,
        },
    };
    let prepared = match &practice {
        Some(org) => practice_login(org, &args),
        None => prepare(&args).await,
    };
    let found = match prepared {
        Ok((login, key, options)) => inspect::inspect(&login, &key, &options)
            .await
            .map_err(|e| e.to_string()),
        Err(message) => Err(message),
    };
    if let Some(org) = practice {
        org.shutdown().await;
    }
    match found {
        Ok(found) => {
            if args.json {
                match serde_json::to_string_pretty(&found) {
                    Ok(text) => println!("{text}"),
                    Err(e) => {
                        eprintln!("eca-preflight-cli: {e}");
                        return EXIT_USAGE;
                    }
                }
            } else {
                print!("{}", human(&found));
            }
            if found.has_errors() {
                EXIT_FAILED
            } else {
                EXIT_OK
            }
        }
        Err(message) => {
            eprintln!("eca-preflight-cli: {message}");
            EXIT_USAGE
        }
    }
}

/// `--practice`: the practice org's admin login and its app's consumer key, on loopback.
fn practice_login(
    org: &eca_sim::SimOrg,
    args: &InspectArgs,
) -> Result<(AdminLogin, String, ClientOptions), String> {
    let login = AdminLogin::pasted(org.base_url(), Secret::new(org.admin_token()))
        .map_err(|e| e.to_string())?;
    let options = ClientOptions::new(Duration::from_secs(args.timeout));
    Ok((login, org.client_id().to_string(), options))
}

/// The admin login, the consumer key and the client options, or what is wrong with the input.
async fn prepare(args: &InspectArgs) -> Result<(AdminLogin, String, ClientOptions), String> {
    let saved = match &args.profile {
        Some(name) => {
            Some(resolve::load_profile(args.store.as_deref(), name).map_err(|e| e.to_string())?)
        }
        None => None,
    };
    let key = args
        .client_id
        .clone()
        .or_else(|| saved.as_ref().map(|p| p.client_id.clone()))
        .filter(|k| !k.trim().is_empty())
        .ok_or("Missing --client-id: the External Client App's consumer key.")?;
    let domain = args.domain.clone().or_else(|| {
        saved
            .as_ref()
            .and_then(|p| p.target.domain().map(str::to_string))
    });
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
                    ));
                }
            }
            login
        }
        (None, Some(var)) => {
            let token = std::env::var(var).map_err(|_| {
                format!("The environment variable {var} (--admin-token-env) is not set.")
            })?;
            let domain =
                domain.ok_or("Missing --domain: the org's My Domain, for the admin token.")?;
            AdminLogin::pasted(&domain, Secret::new(token)).map_err(|e| e.to_string())?
        }
        (None, None) => {
            return Err(
                "Give --admin-org ALIAS, --admin-token-env VAR or --practice SCENARIO.".into(),
            )
        }
    };
    let mut options = ClientOptions::new(Duration::from_secs(args.timeout));
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
    Ok((login, key.trim().to_string(), options))
}

/// The checklist, then each finding with its fix.
fn human(found: &Inspection) -> String {
    let mut out = String::new();
    match &found.app {
        Some(app) if app.kind == eca_core::inspect::AppKind::ConnectedApp => {
            out.push_str(&format!(
                "App: {} ({}, a legacy Connected App)\n\n",
                app.label, app.name
            ))
        }
        Some(app) => out.push_str(&format!("App: {} ({})\n\n", app.label, app.name)),
        None => out.push_str("App: not found\n\n"),
    }
    for check in &found.checks {
        let mark = match check.status {
            CheckStatus::Passed => "✔",
            CheckStatus::Failed => "✘",
            CheckStatus::Warning => "!",
            CheckStatus::NotRead => "·",
        };
        out.push_str(&format!("{mark} {} — {}\n", check.label, check.read));
    }
    if found.findings.is_empty() {
        out.push_str("\nNothing is wrong with the app's settings.\n");
    }
    for f in &found.findings {
        let kind = match f.severity {
            Severity::Error => "Wrong",
            Severity::Warning => "Warning",
        };
        out.push_str(&format!(
            "\n{kind}: {} [{}]\n  Read: {}\n  Fix: {}\n",
            f.title,
            code(f.code),
            f.read,
            f.fix
        ));
        if let Some(says) = &f.salesforce_says {
            out.push_str(&format!("  Salesforce says: {says}\n"));
        }
        if let Some(url) = &f.setup_url {
            out.push_str(&format!("  Setup: {url}\n"));
        }
    }
    let history = &found.login_history;
    if !history.attempts.is_empty() {
        out.push_str("\nThe Run As user's recent logins (Login History, newest first):\n");
        for a in &history.attempts {
            let when = a
                .login_time
                .get(..19)
                .unwrap_or(&a.login_time)
                .replace('T', " ");
            out.push_str(&format!(
                "  {when} UTC  {}  {}{}\n",
                a.status,
                a.application.as_deref().unwrap_or_default(),
                a.source_ip
                    .as_deref()
                    .map(|ip| format!(" from {ip}"))
                    .unwrap_or_default()
            ));
        }
    }
    if let Some(note) = &history.note {
        out.push_str(&format!("\n{note}\n"));
    }
    out
}

fn code(c: eca_core::inspect::FindingCode) -> String {
    serde_json::to_value(c)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
