//! `create-app`: a new External Client App for the Client Credentials flow with the admin's
//! login — the plan shown and confirmed, two deploys with progress on stderr, the new secret into
//! the keychain under a new profile (never printed), then the check, keeping trying while
//! Salesforce applies the change. `--package-dir` writes the packages and changes nothing;
//! `--finish` and `--remove` finish or remove a half-made app.

use crate::admin::{self, Admin};
use crate::args::CreateAppArgs;
use crate::check::{emit, EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use eca_core::change::create::{
    self, create_app as create, finish_app, offline_plan, plan_create, remove_app, CreateError,
    CreatePlan, CreatedApp, NewApp,
};
use eca_core::change::package::Package;
use eca_core::change::users::OrgKind;
use eca_core::profiles::{self, edit, Profile, Target};
use eca_core::secrets::SecretStore;
use eca_core::types::CheckReport;
use std::path::Path;

#[derive(serde::Serialize)]
struct AppRef<'a> {
    name: &'a str,
    id: &'a str,
}

/// What `create-app --json` prints: never a secret.
#[derive(serde::Serialize)]
struct Document<'a> {
    app: AppRef<'a>,
    client_id: Option<&'a str>,
    profile: Option<&'a str>,
    secret_stored: bool,
    secret_unavailable: Option<&'a str>,
    setup_url: &'a str,
    check: Option<&'a CheckReport>,
}

fn new_app(args: &CreateAppArgs) -> NewApp {
    let mut app = NewApp::new(&args.name, args.run_as.as_deref().unwrap_or_default());
    app.label = args.label.clone().unwrap_or_default();
    app.contact_email = args.contact_email.clone().unwrap_or_default();
    app
}

pub async fn create_app(args: CreateAppArgs) -> u8 {
    let app = new_app(&args);
    if let Some(dir) = &args.package_dir {
        return write_packages(&args, &app, dir).await;
    }
    let admin = match admin::login(&args.admin, None).await {
        Ok(a) => a,
        Err(e) => return e.report(),
    };
    let code = if args.remove {
        remove(&args, &admin).await
    } else {
        make(&args, &app, &admin).await
    };
    admin.end().await;
    code
}

/// `--package-dir DIR`: DIR/phase1 and DIR/phase2, nothing sent to the org.
async fn write_packages(args: &CreateAppArgs, app: &NewApp, dir: &Path) -> u8 {
    if let Some(why) = create::name_problem(&app.name) {
        eprintln!(
            "eca-preflight-cli: '{}' is not a valid API name: {why}",
            app.name
        );
        return EXIT_USAGE;
    }
    let plan = match (&args.run_as_profile, admin::given(&args.admin)) {
        (Some(profile), _) => offline_plan(app, profile),
        (None, true) => {
            let admin = match admin::login(&args.admin, None).await {
                Ok(a) => a,
                Err(e) => return e.report(),
            };
            let plan = plan_create(&admin.login, app, &admin.options).await;
            admin.end().await;
            match plan {
                Ok(plan) => plan,
                Err(e) => {
                    eprintln!("eca-preflight-cli: {e}");
                    return EXIT_USAGE;
                }
            }
        }
        (None, false) => {
            eprintln!("eca-preflight-cli: --package-dir needs the Run As user's profile name: pass --run-as-profile NAME, or an admin login (--admin-org, --admin-token-env) to read it.");
            return EXIT_USAGE;
        }
    };
    for phase in [1u8, 2] {
        let target = dir.join(format!("phase{phase}"));
        if let Err(e) = Package::deploy(&plan.phase(phase)).write_to(&target) {
            eprintln!("eca-preflight-cli: {e} ({})", target.display());
            return EXIT_USAGE;
        }
    }
    if args.json {
        let doc = serde_json::json!({
            "package_dir": dir,
            "phase1": dir.join("phase1"),
            "phase2": dir.join("phase2"),
            "components": plan.components,
        });
        emit(&doc.to_string());
    } else {
        emit(&format!(
            "Wrote the packages (nothing was changed in any org):\n  {}  the app, its OAuth settings and global OAuth settings\n  {}  its OAuth policies (deploy after phase1)\nDeploy each with: sf project deploy start --metadata-dir DIR --single-package --target-org ALIAS",
            dir.join("phase1").display(),
            dir.join("phase2").display()
        ));
    }
    EXIT_OK
}

/// The plan, as the question shows it.
fn plan_text(plan: &CreatePlan) -> String {
    let org = match plan.org_kind {
        OrgKind::Production => " (a production org)",
        OrgKind::Sandbox => " (a sandbox)",
        OrgKind::Unknown => "",
    };
    let mut out = format!("The app {} will be made in {}{org}:\n", plan.app, plan.host);
    for phase in [1u8, 2] {
        out.push_str(&format!("  Deploy {phase}:\n"));
        for c in plan.phase(phase) {
            out.push_str(&format!("    {} {}\n", c.kind.name(), c.full_name));
            for (name, value) in &c.fields {
                out.push_str(&format!("      {name} = {value}\n"));
            }
        }
    }
    out
}

fn question(plan: &CreatePlan) -> String {
    let org = match plan.org_kind {
        OrgKind::Production => format!("the PRODUCTION org {}", plan.host),
        OrgKind::Sandbox => format!("the sandbox {}", plan.host),
        OrgKind::Unknown => plan.host.clone(),
    };
    format!("Create the External Client App {} in {org}?", plan.app)
}

async fn make(args: &CreateAppArgs, app: &NewApp, admin: &Admin) -> u8 {
    let ledger = admin::ledger(args.store.as_deref(), admin);
    let progress = admin::progress_line;
    let created = if args.finish {
        let question = format!(
            "Finish the app {} in {}: deploy its OAuth policies, run as {}?",
            app.name, admin.login.domain.host, app.run_as
        );
        if let Some(code) = admin::ask(&question, args.yes) {
            return code;
        }
        finish_app(
            &admin.login,
            &app.name,
            &app.run_as,
            &admin.options,
            &progress,
            ledger.as_ref(),
        )
        .await
    } else {
        let plan = match plan_create(&admin.login, app, &admin.options).await {
            Ok(plan) => plan,
            Err(e) => {
                eprintln!("eca-preflight-cli: {e}");
                return EXIT_USAGE;
            }
        };
        let text = plan_text(&plan);
        if args.json {
            eprint!("{text}");
        } else {
            emit(&text);
        }
        if let Some(code) = admin::ask(&question(&plan), args.yes) {
            return code;
        }
        create(
            &admin.login,
            app,
            &admin.options,
            &progress,
            ledger.as_ref(),
        )
        .await
    };
    match created {
        Ok(created) => after(args, admin, &created).await,
        Err(e @ CreateError::HalfDone { .. }) => {
            eprintln!("eca-preflight-cli: {e}");
            eprintln!(
                "Finish it: eca-preflight-cli create-app --finish --name {} --run-as USERNAME …\nRemove it: eca-preflight-cli create-app --remove --name {} --run-as {} …",
                app.name, app.name, app.run_as
            );
            EXIT_FAILED
        }
        Err(e) => {
            eprintln!("eca-preflight-cli: {e}");
            EXIT_USAGE
        }
    }
}

/// The profile (and the secret in the keychain), then the check.
async fn after(args: &CreateAppArgs, admin: &Admin, created: &CreatedApp) -> u8 {
    let say = |text: &str| {
        if args.json {
            eprintln!("{text}");
        } else {
            emit(text);
        }
    };
    say(&format!("Created {}.", created.name));
    let mut profile_name = None;
    let mut secret_stored = false;
    if admin.practice.is_none() {
        if let Some(client_id) = &created.client_id {
            match save_profile(args, admin, client_id) {
                Ok(profile) => {
                    if let Some(secret) = &created.secret {
                        match admin::keychain().and_then(|k| {
                            k.persist_labelled(
                                &profile.keychain_account(),
                                secret,
                                &format!("ECA Preflight: {}", profile.name),
                            )
                            .map_err(|e| e.to_string())
                        }) {
                            Ok(()) => secret_stored = true,
                            Err(e) => say(&format!(
                                "The secret was not stored: {e}. Read it in Setup when you need it: {} ({} > OAuth Settings > Consumer Key and Secret). It is not printed.",
                                created.setup_url, created.name
                            )),
                        }
                    }
                    say(&format!("Saved the profile \"{}\".", profile.name));
                    profile_name = Some(profile.name);
                }
                Err(e) => say(&format!("The profile was not saved: {e}")),
            }
        }
    }
    if let Some(why) = &created.secret_unavailable {
        say(why);
    }
    let report = match (&created.client_id, &created.secret) {
        (Some(key), Some(secret)) => {
            say("Checking the new app…");
            match admin::check_app(admin, key, secret.clone(), args.json, args.wait).await {
                Ok(report) => Some(report),
                Err(e) => {
                    eprintln!("eca-preflight-cli: {e}");
                    None
                }
            }
        }
        _ => None,
    };
    if args.json {
        let doc = Document {
            app: AppRef {
                name: &created.name,
                id: &created.id,
            },
            client_id: created.client_id.as_deref(),
            profile: profile_name.as_deref(),
            secret_stored,
            secret_unavailable: created.secret_unavailable.as_deref(),
            setup_url: &created.setup_url,
            check: report.as_ref(),
        };
        match serde_json::to_string_pretty(&doc) {
            Ok(text) => emit(&text),
            Err(e) => eprintln!("eca-preflight-cli: {e}"),
        }
    } else if let Some(report) = &report {
        emit(&crate::human::epilogue(report));
    }
    if report.is_some_and(|r| r.ok) {
        EXIT_OK
    } else {
        EXIT_FAILED
    }
}

fn save_profile(args: &CreateAppArgs, admin: &Admin, client_id: &str) -> Result<Profile, String> {
    let path = args
        .store
        .clone()
        .or_else(profiles::default_store_path)
        .ok_or("no data folder on this system; pass --store FILE")?;
    let mut all = profiles::load_profiles(&path).map_err(|e| e.to_string())?;
    let base = args.profile.clone().unwrap_or_else(|| args.name.clone());
    let profile = Profile {
        name: edit::free_name(&all, &base),
        target: Target::Org {
            domain: admin
                .login
                .domain
                .base_url()
                .as_str()
                .trim_end_matches('/')
                .to_string(),
        },
        client_id: client_id.to_string(),
        ..Profile::default()
    };
    let saved = edit::upsert(&mut all, profile).map_err(|e| e.to_string())?;
    profiles::save_profiles(&path, &all).map_err(|e| e.to_string())?;
    Ok(saved)
}

/// `--remove`: what exists of the app is deleted, after its own confirmation.
async fn remove(args: &CreateAppArgs, admin: &Admin) -> u8 {
    let question = format!(
        "Remove the External Client App {} from {}? Its components are deleted; apps using its key stop working.",
        args.name, admin.login.domain.host
    );
    if let Some(code) = admin::ask(&question, args.yes) {
        return code;
    }
    let ledger = admin::ledger(args.store.as_deref(), admin);
    match remove_app(
        &admin.login,
        &args.name,
        &admin.options,
        &admin::progress_line,
        ledger.as_ref(),
    )
    .await
    {
        Ok(removed) => {
            emit(&format!("Removed: {}", removed.join(", ")));
            EXIT_OK
        }
        Err(e) => {
            eprintln!("eca-preflight-cli: {e}");
            EXIT_FAILED
        }
    }
}
