//! `rotate`: a new consumer key and secret through Salesforce's staged credentials, proven
//! before promoted, saved in the keychain (the old pair kept as the profile's previous pair
//! with its expiry); `--finish` deletes the old pair. Without a keychain to keep the new secret
//! nothing is changed: a minted secret must never be lost. Never prints a secret.

use crate::admin::{self, Admin};
use crate::args::RotateArgs;
use crate::check::{emit, EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use crate::resolve;
use eca_core::change::credentials::CredentialsError;
use eca_core::change::rotate::{
    self as engine, check_rotation, finish_rotation, old_pair_words, ExistingStaged, RotateError,
    Rotated,
};
use eca_core::pipeline::CheckConfig;
use eca_core::profiles::{self, edit, Profile, Target};
use eca_core::secrets::{Keychain, SecretStore};
use eca_core::Secret;

/// Where the rotated pair goes: a saved profile, a new one (`--save-as`), or nowhere (practice).
enum Keep {
    Profile(Box<Profile>),
    SaveAs(String),
    Practice,
}

pub async fn rotate(args: RotateArgs) -> u8 {
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
    let keep = match (&admin.practice, saved, &args.save_as) {
        (Some(_), _, _) => Keep::Practice,
        (None, Some(p), _) => Keep::Profile(Box::new(p)),
        (None, None, Some(name)) => Keep::SaveAs(name.clone()),
        (None, None, None) => {
            admin.end().await;
            eprintln!(
                "eca-preflight-cli: give --profile NAME, or --client-id KEY with --save-as NAME."
            );
            return EXIT_USAGE;
        }
    };
    let code = run(&args, &admin, keep).await;
    admin.end().await;
    code
}

async fn run(args: &RotateArgs, admin: &Admin, keep: Keep) -> u8 {
    let existing = if args.use_staged {
        ExistingStaged::Use
    } else if args.delete_staged {
        ExistingStaged::Delete
    } else {
        ExistingStaged::Refuse
    };
    let key = match (&keep, &admin.practice) {
        (_, Some(org)) => org.client_id().to_string(),
        (Keep::Profile(p), None) => p.client_id.clone(),
        _ => args
            .client_id
            .clone()
            .unwrap_or_default()
            .trim()
            .to_string(),
    };
    if !args.finish {
        // The org's refusals first (nothing changes): the setting, the permission, a packaged
        // app, a staged pair already there.
        if let Err(e) = check_rotation(&admin.login, &key, &admin.options, existing).await {
            return refused(&e);
        }
    }
    let keychain = match &keep {
        Keep::Practice => None,
        _ => match admin::keychain() {
            Ok(k) => Some(k),
            Err(e) => {
                eprintln!("eca-preflight-cli: Nothing was changed: the new secret could not be kept ({e}). A rotation mints a secret that is shown once; run it where the system keychain answers.");
                return EXIT_USAGE;
            }
        },
    };
    let (client_id, current) = match current_pair(args, admin, &keep, keychain.as_ref()) {
        Ok(pair) => pair,
        Err(message) => {
            eprintln!("eca-preflight-cli: {message}");
            return EXIT_USAGE;
        }
    };
    let ledger = admin::ledger(args.store.as_deref(), admin);
    let host = admin.login.domain.host.clone();
    if args.finish {
        let question = format!(
            "Delete the old consumer key and secret of the app with key {client_id} in {host}? Whatever still uses the old pair stops working."
        );
        if let Some(code) = admin::ask(&question, args.yes) {
            return code;
        }
        return match finish_rotation(
            &admin.login,
            &client_id,
            &admin.options,
            &admin::progress_line,
            ledger.as_ref(),
        )
        .await
        {
            Ok(deleted) => {
                if let (Keep::Profile(p), Some(k)) = (&keep, &keychain) {
                    forget_previous(args, p, k);
                }
                emit(&format!(
                    "Deleted the old pair ({deleted}): only {client_id} works now."
                ));
                EXIT_OK
            }
            Err(e) => refused(&e),
        };
    }
    let config = match proof_config(admin, &keep, &client_id) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("eca-preflight-cli: {message}");
            return EXIT_USAGE;
        }
    };
    let question = format!(
        "Rotate the consumer key and secret of the app with key {client_id} in {host}? The new pair is proven before it is promoted; the old one keeps working for 30 days."
    );
    if let Some(code) = admin::ask(&question, args.yes) {
        return code;
    }
    let rotated = match engine::rotate(
        &admin.login,
        &config,
        &admin.options,
        existing,
        &admin::progress_line,
        ledger.as_ref(),
    )
    .await
    {
        Ok(r) => r,
        Err(e) => return refused(&e),
    };
    let profile = match (&keep, &keychain) {
        (Keep::Practice, _) | (_, None) => None,
        (keep, Some(k)) => match store(args, admin, keep, k, &rotated, current) {
            Ok(p) => Some(p),
            Err(message) => {
                eprintln!("eca-preflight-cli: The rotation is done but {message}. Read the new secret in Setup (App Manager > the app > Consumer Key and Secret).");
                return EXIT_FAILED;
            }
        },
    };
    let words = old_pair_words(&rotated.old_pair_expires_at).unwrap_or_default();
    if args.json {
        let doc = serde_json::json!({
            "app": rotated.app,
            "client_id": rotated.client_id,
            "previous_client_id": rotated.previous_client_id,
            "old_pair_expires_at": rotated.old_pair_expires_at,
            "old_pair": words,
            "profile": profile,
        });
        emit(&doc.to_string());
    } else {
        let kept = match &profile {
            Some(p) => format!("its secret is in the keychain, profile \"{p}\""),
            None => "the practice org's; its secret is not kept: the practice org ends with this command".to_string(),
        };
        emit(&format!(
            "Rotated {}: the new consumer key is {} ({kept}).\nThe old key {} still works: {words}. `rotate --finish` deletes it sooner.",
            rotated.app, rotated.client_id, rotated.previous_client_id
        ));
    }
    EXIT_OK
}

fn refused(e: &RotateError) -> u8 {
    eprintln!("eca-preflight-cli: {e}");
    if let RotateError::Credentials(CredentialsError::StagedExists { .. }) = e {
        eprintln!("Use it: rotate … --use-staged   Delete it and stage a new one: rotate … --delete-staged");
    }
    EXIT_FAILED
}

/// The key being rotated and its current secret (kept as the previous pair), when known.
fn current_pair(
    args: &RotateArgs,
    admin: &Admin,
    keep: &Keep,
    keychain: Option<&Keychain>,
) -> Result<(String, Option<Secret>), String> {
    match keep {
        Keep::Practice => {
            let org = admin.practice.as_ref().ok_or("no practice org")?;
            Ok((
                org.client_id().to_string(),
                Some(Secret::new(org.client_secret())),
            ))
        }
        Keep::Profile(p) => {
            let secret = match given_secret(args)? {
                Some(secret) => Some(secret),
                None => keychain
                    .map(|k| k.retrieve(&p.keychain_account()))
                    .transpose()
                    .map_err(|e| e.to_string())?
                    .flatten(),
            };
            Ok((p.client_id.clone(), secret))
        }
        Keep::SaveAs(_) => {
            let key = args
                .client_id
                .clone()
                .filter(|k| !k.trim().is_empty())
                .ok_or("Missing --client-id: the consumer key to rotate.")?;
            Ok((key.trim().to_string(), given_secret(args)?))
        }
    }
}

/// The current secret from --secret-env, --secret-stdin, --secret-file or
/// ECA_PREFLIGHT_CLIENT_SECRET, read as `check` reads it.
fn given_secret(args: &RotateArgs) -> Result<Option<Secret>, String> {
    resolve::given_secret(
        args.secret_env.as_deref(),
        args.secret_stdin,
        args.secret_file.as_deref(),
    )
    .map_err(|e| e.to_string())
}

/// The run options the new pair is proven with (the secret is replaced by the staged one).
fn proof_config(admin: &Admin, keep: &Keep, client_id: &str) -> Result<CheckConfig, String> {
    let placeholder = Secret::new("replaced-by-the-staged-secret");
    let mut config = match keep {
        Keep::Profile(p) => CheckConfig::from_profile(p, placeholder).map_err(|e| e.to_string())?,
        _ => CheckConfig::new(
            admin.login.domain.base_url().as_str(),
            client_id,
            placeholder,
        )
        .map_err(|e| e.to_string())?,
    };
    config.timeout = admin.options.timeout;
    if admin.options.ca_cert_pem.is_some() {
        config.ca_cert_pem = admin.options.ca_cert_pem.clone();
    }
    if admin.options.proxy.is_some() {
        config.proxy = admin.options.proxy.clone();
    }
    Ok(config)
}

/// The new secret into the keychain first, then the previous one, then the profile.
fn store(
    args: &RotateArgs,
    admin: &Admin,
    keep: &Keep,
    keychain: &Keychain,
    rotated: &Rotated,
    previous: Option<Secret>,
) -> Result<String, String> {
    let secret = rotated
        .secret
        .as_ref()
        .ok_or("the new secret was not in Salesforce's answer")?;
    let path = args
        .store
        .clone()
        .or_else(profiles::default_store_path)
        .ok_or("no data folder on this system; pass --store FILE")?;
    let mut all = profiles::load_profiles(&path).map_err(|e| e.to_string())?;
    let id = match keep {
        Keep::Profile(p) => p.id.clone(),
        Keep::SaveAs(name) => {
            let profile = Profile {
                name: edit::free_name(&all, name),
                target: Target::Org {
                    domain: admin
                        .login
                        .domain
                        .base_url()
                        .as_str()
                        .trim_end_matches('/')
                        .to_string(),
                },
                client_id: rotated.client_id.clone(),
                ..Profile::default()
            };
            edit::upsert(&mut all, profile)
                .map_err(|e| e.to_string())?
                .id
        }
        Keep::Practice => return Err("a practice org keeps no profile".into()),
    };
    let profile = all
        .iter_mut()
        .find(|p| p.id == id)
        .ok_or("the profile disappeared from the store")?;
    let label = format!("ECA Preflight: {}", profile.name);
    keychain
        .persist_labelled(&profile.keychain_account(), secret, &label)
        .map_err(|e| format!("the new secret could not be stored ({e})"))?;
    if let Some(previous) = &previous {
        keychain
            .persist_labelled(
                &profile.previous_account(),
                previous,
                &format!("{label} (previous)"),
            )
            .map_err(|e| format!("the previous secret could not be stored ({e})"))?;
    }
    profile.client_id = rotated.client_id.clone();
    profile.rotation.staged_client_id.clear();
    profile.rotation.previous_client_id = rotated.previous_client_id.clone();
    profile.rotation.old_pair_expires_at = Some(rotated.old_pair_expires_at.clone());
    let name = profile.name.clone();
    profiles::save_profiles(&path, &all).map_err(|e| e.to_string())?;
    Ok(name)
}

/// After `--finish`: the profile's previous pair is forgotten (key, expiry, keychain entry).
fn forget_previous(args: &RotateArgs, saved: &Profile, keychain: &Keychain) {
    let Some(path) = args.store.clone().or_else(profiles::default_store_path) else {
        return;
    };
    let Ok(mut all) = profiles::load_profiles(&path) else {
        return;
    };
    if let Some(p) = all.iter_mut().find(|p| p.id == saved.id) {
        p.rotation.previous_client_id.clear();
        p.rotation.old_pair_expires_at = None;
        if let Err(e) = keychain.delete(&p.previous_account()) {
            eprintln!("eca-preflight-cli: the previous secret stays in the keychain: {e}");
        }
    }
    if let Err(e) = profiles::save_profiles(&path, &all) {
        eprintln!("eca-preflight-cli: {e}");
    }
}
