//! The deploys of `create-app`: phase 1, phase 2 (a refusal leaves a half-made app, which
//! [`finish_app`] finishes or [`remove_app`] removes), then the new pair read back through
//! Connect REST.

use super::{phase2, plan_in, run_as_problem, CreateError, CreatedApp, NewApp};
use crate::change::credentials::CredentialsError;
use crate::change::ledger::{self, ChangeKind, OrgChange, Record};
use crate::change::package::{Component, ComponentKind, Package};
use crate::change::{ChangeProgress, Session};
use crate::client::ClientOptions;
use crate::inspect::AdminLogin;
use std::time::Duration;

/// Create the app: the plan re-checked, phase 1, phase 2, then its pair read back.
pub async fn create_app(
    login: &AdminLogin,
    app: &NewApp,
    options: &ClientOptions,
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
    record: Record<'_>,
) -> Result<CreatedApp, CreateError> {
    let session = Session::open(login, options).await?;
    progress(ChangeProgress::Checking {
        what: "the name and the Run As user".into(),
    });
    let plan = plan_in(&session, app).await?;
    session
        .deploy(
            &Package::deploy(&plan.phase(1)),
            "phase 1: the app and its OAuth settings",
            progress,
        )
        .await
        .map_err(CreateError::Deploy)?;
    deploy_policies(&session, &plan.app, &plan.phase(2), progress, record).await?;
    read_pair(&session, &plan.app, progress).await
}

async fn deploy_policies(
    session: &Session,
    name: &str,
    policies: &[Component],
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
    record: Record<'_>,
) -> Result<(), CreateError> {
    let host = &session.login.domain.host;
    match session
        .deploy(
            &Package::deploy(policies),
            "phase 2: the OAuth policies",
            progress,
        )
        .await
    {
        Ok(_) => {
            ledger::note(
                record,
                OrgChange::now(host, name, ChangeKind::AppCreated, ""),
            );
            Ok(())
        }
        Err(e) => {
            let exists: Vec<String> = ComponentKind::ALL[..3]
                .iter()
                .map(|k| format!("{} {}", k.name(), k.full_name(name)))
                .collect();
            ledger::note(
                record,
                OrgChange::now(host, name, ChangeKind::AppHalfCreated, e.to_string()),
            );
            Err(CreateError::HalfDone {
                exists,
                failures: e.to_string(),
            })
        }
    }
}

/// Deploy phase 2 of a half-made app again, run as `run_as`.
pub async fn finish_app(
    login: &AdminLogin,
    name: &str,
    run_as: &str,
    options: &ClientOptions,
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
    record: Record<'_>,
) -> Result<CreatedApp, CreateError> {
    let session = Session::open(login, options).await?;
    let user = session.user(run_as).await?;
    run_as_problem(login, run_as, user.as_ref())?;
    let profile = user.and_then(|u| u.profile).unwrap_or_default();
    let found = session
        .read(
            ComponentKind::ExternalClientApplication,
            &[name.to_string()],
        )
        .await
        .map_err(CreateError::Deploy)?;
    let Some(app) = found.first() else {
        return Err(CreateError::NotFound(name.to_string()));
    };
    let label = app.get("label").unwrap_or(name).to_string();
    deploy_policies(
        &session,
        name,
        &phase2(name, &label, run_as, &profile),
        progress,
        record,
    )
    .await?;
    read_pair(&session, name, progress).await
}

/// Remove an app's components (those that exist), with `destructiveChanges.xml`. Returns what
/// was removed.
pub async fn remove_app(
    login: &AdminLogin,
    name: &str,
    options: &ClientOptions,
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
    record: Record<'_>,
) -> Result<Vec<String>, CreateError> {
    let session = Session::open(login, options).await?;
    let mut present = Vec::new();
    for kind in ComponentKind::ALL {
        let found = session
            .read(kind, &[kind.full_name(name)])
            .await
            .map_err(CreateError::Deploy)?;
        present.extend(found);
    }
    if present.is_empty() {
        return Err(CreateError::NotFound(name.to_string()));
    }
    session
        .deploy(&Package::delete(&present), "removing the app", progress)
        .await
        .map_err(CreateError::Deploy)?;
    let removed: Vec<String> = present
        .iter()
        .map(|c| format!("{} {}", c.kind.name(), c.full_name))
        .collect();
    ledger::note(
        record,
        OrgChange::now(
            &session.login.domain.host,
            name,
            ChangeKind::AppRemoved,
            removed.join(", "),
        ),
    );
    Ok(removed)
}

/// The new app's key and secret: usage → consumers → `?part=keyandsecret`. A new app may take
/// a moment to be listed: a few tries. The secret unreadable (setting, permission) is no error.
async fn read_pair(
    session: &Session,
    name: &str,
    progress: &(dyn Fn(ChangeProgress) + Send + Sync),
) -> Result<CreatedApp, CreateError> {
    let setup_url = crate::change::eca_manager_link(&session.login);
    let mut created = CreatedApp {
        name: name.to_string(),
        id: String::new(),
        client_id: None,
        secret: None,
        secret_unavailable: None,
        setup_url,
    };
    let mut tries = 0;
    let consumer = loop {
        tries += 1;
        match session.find_consumer(None, Some(name), progress).await {
            Err(CredentialsError::NoSuchKey(_)) if tries < 5 => {
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            other => break other,
        }
    };
    let unavailable = |e: &CredentialsError, url: &str| {
        format!("{e} Copy the secret from the app's Consumer Key and Secret page instead: {url} ({name} > OAuth Settings).")
    };
    let consumer = match consumer {
        Ok(c) => c,
        Err(e) => {
            created.secret_unavailable = Some(unavailable(&e, &created.setup_url));
            created.client_id = key_from_metadata(session, name).await;
            return Ok(created);
        }
    };
    created.id = consumer.app_id.clone();
    created.client_id = Some(consumer.key.clone());
    progress(ChangeProgress::Credentials {
        what: "Reading the new consumer key and secret".into(),
    });
    match session.key_and_secret(&consumer).await {
        Ok(pair) => {
            if let Some(key) = pair.key.filter(|k| !k.is_empty()) {
                created.client_id = Some(key);
            }
            created.secret = pair.secret;
        }
        Err(e) => created.secret_unavailable = Some(unavailable(&e, &created.setup_url)),
    }
    Ok(created)
}

/// The consumer key as the global OAuth settings hold it (the secret beside it is not read).
async fn key_from_metadata(session: &Session, name: &str) -> Option<String> {
    let kind = ComponentKind::ExtlClntAppGlobalOauthSettings;
    session.consumer_key(&kind.full_name(name)).await
}
