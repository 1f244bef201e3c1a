//! `inspect --fix`: inspect, show before → after for every setting a change of the app's own
//! settings mends and the findings it never changes, ask, deploy, inspect again (and check
//! again when the secret is known). Exit 0 only when the app is healthy afterwards.

use crate::admin::{self, Admin};
use crate::args::InspectArgs;
use crate::check::{emit, EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use eca_core::change::fix::{apply_fix, plan_fix, FixError, FixPlan};
use eca_core::inspect::{self, Inspection};
use eca_core::secrets::SecretStore;
use eca_core::Secret;

/// What `inspect --fix --json` prints.
#[derive(serde::Serialize)]
struct Document<'a> {
    plan: Option<&'a FixPlan>,
    applied: bool,
    before: &'a Inspection,
    after: Option<&'a Inspection>,
    check: Option<&'a eca_core::types::CheckReport>,
}

pub async fn fix(args: &InspectArgs, admin: &Admin, key: &str) -> u8 {
    let say = |text: &str| {
        if args.json {
            eprintln!("{text}");
        } else {
            emit(text);
        }
    };
    let before = match inspect::inspect(&admin.login, key, &admin.options).await {
        Ok(found) => found,
        Err(e) => {
            eprintln!("eca-preflight-cli: {e}");
            return EXIT_USAGE;
        }
    };
    let plan = if before.has_errors() {
        match plan_fix(
            &admin.login,
            &before,
            args.run_as.as_deref(),
            &admin.options,
        )
        .await
        {
            Ok(plan) => Some(plan),
            Err(e @ (FixError::ConnectedApp(_) | FixError::NoApp | FixError::RunAs(_))) => {
                say(&crate::inspect::human(&before));
                eprintln!("eca-preflight-cli: {e}");
                return EXIT_FAILED;
            }
            Err(e) => {
                eprintln!("eca-preflight-cli: {e}");
                return EXIT_USAGE;
            }
        }
    } else {
        None
    };
    let needs: Vec<String> = plan.iter().flat_map(|p| p.needs.clone()).collect();
    let Some(plan) = plan.filter(|p| !p.is_empty()) else {
        for need in &needs {
            say(&format!("Still needed for a fix: {need}"));
        }
        let nothing = if before.has_errors() {
            "No change of the app's own settings mends these findings: see each one's Setup link."
        } else {
            "Nothing is wrong with the app's settings: nothing to fix."
        };
        say(&crate::inspect::human(&before));
        say(nothing);
        if args.json {
            print_json(&Document {
                plan: None,
                applied: false,
                before: &before,
                after: None,
                check: None,
            });
        }
        return if before.has_errors() {
            EXIT_FAILED
        } else {
            EXIT_OK
        };
    };
    say(&plan_text(&plan));
    let question = format!(
        "Deploy these {} change(s) to {} in {}?",
        plan.changes.len(),
        plan.app,
        plan.host
    );
    if let Some(code) = admin::ask(&question, args.yes) {
        return code;
    }
    let ledger = admin::ledger(args.store.as_deref(), admin);
    if let Err(e) = apply_fix(
        &admin.login,
        &plan,
        &admin.options,
        &admin::progress_line,
        ledger.as_ref(),
    )
    .await
    {
        eprintln!("eca-preflight-cli: {e}");
        return EXIT_FAILED;
    }
    say("Deployed. Inspecting again…");
    let after = match inspect::inspect(&admin.login, key, &admin.options).await {
        Ok(found) => found,
        Err(e) => {
            eprintln!("eca-preflight-cli: {e}");
            return EXIT_FAILED;
        }
    };
    say(&crate::inspect::human(&after));
    let secret = match (&admin.practice, &args.secret_env) {
        (Some(org), _) => Some(Secret::new(org.client_secret())),
        (None, Some(var)) => match std::env::var(var) {
            Ok(s) => Some(Secret::new(s)),
            Err(_) => {
                eprintln!("eca-preflight-cli: the environment variable {var} (--secret-env) is not set; the app was not checked again.");
                None
            }
        },
        (None, None) => profile_secret(args),
    };
    let report = match secret {
        Some(secret) => match admin::check_app(admin, key, secret, args.json, 600).await {
            Ok(report) => Some(report),
            Err(e) => {
                eprintln!("eca-preflight-cli: {e}");
                return EXIT_FAILED;
            }
        },
        None => None,
    };
    if args.json {
        print_json(&Document {
            plan: Some(&plan),
            applied: true,
            before: &before,
            after: Some(&after),
            check: report.as_ref(),
        });
    } else if let Some(report) = &report {
        emit(&crate::human::epilogue(report));
    }
    let healthy = !after.has_errors() && report.as_ref().is_none_or(|r| r.ok);
    if healthy {
        EXIT_OK
    } else {
        EXIT_FAILED
    }
}

fn print_json<T: serde::Serialize>(doc: &T) {
    match serde_json::to_string_pretty(doc) {
        Ok(text) => emit(&text),
        Err(e) => eprintln!("eca-preflight-cli: {e}"),
    }
}

/// Before → after per setting, the findings listed only, and what is still needed.
pub fn plan_text(plan: &FixPlan) -> String {
    let mut out = format!("Changes to {} ({}):\n", plan.app, plan.host);
    for c in &plan.changes {
        out.push_str(&format!(
            "  {} {}.{}: {} → {}\n",
            c.kind.name(),
            c.component,
            c.setting,
            c.before.as_deref().unwrap_or("(empty)"),
            c.after
        ));
    }
    if !plan.listed_only.is_empty() {
        out.push_str("\nNot changed (users and permissions are yours to change):\n");
        for f in &plan.listed_only {
            out.push_str(&format!("  {} — {}\n", f.title, f.fix));
            if let Some(url) = &f.setup_url {
                out.push_str(&format!("    Setup: {url}\n"));
            }
        }
    }
    for need in &plan.needs {
        out.push_str(&format!("\nStill needed: {need}\n"));
    }
    out
}

/// With `--profile`: the profile's secret from the keychain, when it is there.
fn profile_secret(args: &InspectArgs) -> Option<Secret> {
    let name = args.profile.as_deref()?;
    let profile = crate::resolve::load_profile(args.store.as_deref(), name).ok()?;
    let keychain = admin::keychain().ok()?;
    keychain
        .retrieve(&profile.keychain_account())
        .ok()
        .flatten()
}
