//! `inspect`: the app's own settings read with an admin's login, each finding with what was
//! read, the fix and the Setup page. The admin's token is held in memory only.

use crate::admin::{self, Admin};
use crate::args::InspectArgs;
use crate::check::{EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use eca_core::inspect::{self, CheckStatus, Inspection, Severity};

pub async fn inspect(args: InspectArgs) -> u8 {
    let (saved, admin) = match admin::login_with_profile(
        &args.admin,
        args.store.as_deref(),
        args.profile.as_deref(),
    )
    .await
    {
        Ok(both) => both,
        Err(code) => return code,
    };
    let key = match &admin.practice {
        Some(org) => Ok(org.client_id().to_string()),
        None => args
            .client_id
            .clone()
            .or_else(|| saved.as_ref().map(|p| p.client_id.clone()))
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .ok_or_else(|| {
                "Missing --client-id: the External Client App's consumer key.".to_string()
            }),
    };
    let code = match key {
        Ok(key) if args.fix => crate::fix::fix(&args, &admin, &key).await,
        Ok(key) => inspect_once(&args, &admin, &key).await,
        Err(message) => {
            eprintln!("eca-preflight-cli: {message}");
            EXIT_USAGE
        }
    };
    admin.end().await;
    code
}

async fn inspect_once(args: &InspectArgs, admin: &Admin, key: &str) -> u8 {
    match inspect::inspect(&admin.login, key, &admin.options).await {
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
        Err(e) => {
            eprintln!("eca-preflight-cli: {e}");
            EXIT_USAGE
        }
    }
}

/// The checklist, then each finding with its fix.
pub(crate) fn human(found: &Inspection) -> String {
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
