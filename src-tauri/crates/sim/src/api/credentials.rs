//! The Connect REST credentials API of External Client Apps (`…/apps/oauth/…`): the apps in
//! use, each app's consumer and its key and secret, and staged credentials (API 65.0+): one
//! slot per consumer, a new key and secret that live 30 days, promoted by `rotate` (the old
//! pair then waits in the slot, state `rotated`, and keeps working until deleted). Reading a
//! secret or staging needs the org setting and the caller's View Client Secret permission.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use crate::base::apps::{App, Kind, StagedPair};
use crate::base::ids;
use crate::base::reply;
use crate::base::setup::{Setup, STAGED_LIFETIME_MS};
use crate::base::state::{Caller, Org};
use crate::base::version::ApiVersion;

/// The first version with staged credentials.
const STAGED_SINCE: u32 = 65;
const OFF: &str =
    "Access to External Client App consumer secrets via the REST API is not enabled for this org.";
const NO_PERMISSION: &str =
    "You don't have permission to view or change this app's consumer secret.";
const PACKAGED: &str = "Staged credentials are available only for local external client apps.";
const SLOT_TAKEN: &str = "This consumer already has staged credentials.";

#[derive(serde::Deserialize)]
pub(crate) struct Part {
    part: Option<String>,
}

fn major(version: &str) -> u32 {
    version
        .split('.')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn forbidden(code: &str, message: &str) -> Response {
    reply::rest_error(StatusCode::FORBIDDEN, code, message, &[])
}

fn bad_request(code: &str, message: &str) -> Response {
    reply::rest_error(StatusCode::BAD_REQUEST, code, message, &[])
}

/// Only an admin's own login reads the apps here (the Run As user's token may not).
fn admin_only(caller: Caller) -> Result<(), Response> {
    if caller.is_admin() {
        Ok(())
    } else {
        Err(forbidden("INSUFFICIENT_ACCESS", NO_PERMISSION))
    }
}

/// Reading a secret or staging: the org setting, then the caller's View Client Secret.
fn may_see_secrets(setup: &Setup, caller: Caller) -> Result<(), Response> {
    if !setup.secret_api_enabled {
        return Err(forbidden("FUNCTIONALITY_NOT_ENABLED", OFF));
    }
    if caller != Caller::Admin {
        return Err(forbidden("INSUFFICIENT_ACCESS", NO_PERMISSION));
    }
    Ok(())
}

/// The app whose identifier is `app_id` (15 or 18 characters), and its consumer.
fn find<'a>(
    setup: &'a Setup,
    app_id: &str,
    consumer_id: Option<&str>,
) -> Result<&'a App, Response> {
    let same = |a: &str, b: &str| a.len() >= 15 && b.len() >= 15 && a[..15] == b[..15];
    setup
        .apps
        .iter()
        .filter(|a| a.kind == Kind::External && same(&a.identifier, app_id))
        .find(|a| consumer_id.is_none_or(|c| same(&a.consumer_id, c)))
        .ok_or_else(reply::not_found)
}

fn consumer_url(v: &str, app: &App) -> String {
    format!(
        "/services/data/v{v}/apps/oauth/credentials/{}/{}",
        app.identifier, app.consumer_id
    )
}

fn iso(ms: u64) -> String {
    ids::sf_datetime(ms).replace("+0000", "Z")
}

/// `{"stagedCredentials":[…],"url"}` of an app's slot.
fn staged_body(v: &str, app: &App) -> Value {
    let url = format!("{}/staged", consumer_url(v, app));
    let items: Vec<Value> = app
        .staged
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "key": s.key,
                "secret": s.secret,
                "state": s.state,
                "url": format!("{url}/{}", s.id),
                "createdDate": iso(s.created_ms),
                "expirationDate": iso(s.expires_ms),
            })
        })
        .collect();
    json!({"stagedCredentials": items, "url": url})
}

/// Changes one app of the model (the others stay as they are).
fn change(org: &Org, setup: Setup, identifier: &str, edit: impl FnOnce(&mut App)) -> Option<App> {
    let mut apps = setup.apps;
    let app = apps.iter_mut().find(|a| a.identifier == identifier)?;
    edit(app);
    let changed = app.clone();
    org.lock().apps = Some(apps);
    Some(changed)
}

/// `GET …/apps/oauth/usage`.
pub(crate) async fn usage(
    State(org): State<Arc<Org>>,
    Extension(caller): Extension<Caller>,
) -> Response {
    if let Err(resp) = admin_only(caller) {
        return resp;
    }
    let setup = Setup::of(&org, org.scenario());
    let apps: Vec<Value> = setup
        .apps
        .iter()
        .filter(|a| a.kind == Kind::External)
        .map(|a| json!({"developerName": a.developer_name, "identifier": a.identifier, "label": a.label}))
        .collect();
    reply::json(StatusCode::OK, &json!({"apps": apps, "nextPageUrl": null}))
}

/// `GET …/apps/oauth/credentials/{appId}`: the app's consumers (one), each with its key.
pub(crate) async fn consumers(
    State(org): State<Arc<Org>>,
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    Extension(caller): Extension<Caller>,
    Path((_, app_id)): Path<(String, String)>,
) -> Response {
    if let Err(resp) = admin_only(caller) {
        return resp;
    }
    let setup = Setup::of(&org, org.scenario());
    let app = match find(&setup, &app_id, None) {
        Ok(app) => app,
        Err(resp) => return resp,
    };
    let url = consumer_url(&v, app);
    let consumer = json!({
        "id": app.consumer_id,
        "key": app.consumer_key,
        "name": app.developer_name,
        "url": url,
        "stagedCredentialsUrl": format!("{url}/staged"),
    });
    reply::json(StatusCode::OK, &json!({"consumers": [consumer]}))
}

/// `GET …/credentials/{appId}/{consumerId}?part=key|secret|keyandsecret`.
pub(crate) async fn consumer(
    State(org): State<Arc<Org>>,
    Extension(caller): Extension<Caller>,
    Path((_, app_id, consumer_id)): Path<(String, String, String)>,
    Query(part): Query<Part>,
) -> Response {
    if let Err(resp) = admin_only(caller) {
        return resp;
    }
    let setup = Setup::of(&org, org.scenario());
    let app = match find(&setup, &app_id, Some(&consumer_id)) {
        Ok(app) => app,
        Err(resp) => return resp,
    };
    let part = part
        .part
        .unwrap_or_else(|| "key".into())
        .to_ascii_lowercase();
    let (key, secret) = match part.as_str() {
        "key" => (true, false),
        "secret" => (false, true),
        "keyandsecret" => (true, true),
        other => {
            return bad_request(
                "INVALID_INPUT",
                &format!("Invalid value for part: {other}. Use key, secret or keyandsecret."),
            )
        }
    };
    if secret {
        if let Err(resp) = may_see_secrets(&setup, caller) {
            return resp;
        }
    }
    let mut body = json!({});
    if key {
        body["key"] = json!(app.consumer_key);
    }
    if secret {
        body["secret"] = json!(app.consumer_secret);
    }
    reply::json(StatusCode::OK, &body)
}

/// The checks every staged-credentials call makes: the version, the setting, the permission.
fn staged_gate<'a>(
    setup: &'a Setup,
    v: &str,
    caller: Caller,
    app_id: &str,
    consumer_id: &str,
) -> Result<&'a App, Response> {
    if major(v) < STAGED_SINCE {
        return Err(reply::not_found());
    }
    admin_only(caller)?;
    let app = find(setup, app_id, Some(consumer_id))?;
    may_see_secrets(setup, caller)?;
    Ok(app)
}

/// `GET …/{consumerId}/staged`.
pub(crate) async fn staged(
    State(org): State<Arc<Org>>,
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    Extension(caller): Extension<Caller>,
    Path((_, app_id, consumer_id)): Path<(String, String, String)>,
) -> Response {
    let setup = Setup::of(&org, org.scenario());
    match staged_gate(&setup, &v, caller, &app_id, &consumer_id) {
        Ok(app) => reply::json(StatusCode::OK, &staged_body(&v, app)),
        Err(resp) => resp,
    }
}

/// `POST …/{consumerId}/staged` with `{}`: mints a new key and secret into the empty slot.
pub(crate) async fn stage(
    State(org): State<Arc<Org>>,
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    Extension(caller): Extension<Caller>,
    Path((_, app_id, consumer_id)): Path<(String, String, String)>,
    body: Bytes,
) -> Response {
    let setup = Setup::of(&org, org.scenario());
    let app = match staged_gate(&setup, &v, caller, &app_id, &consumer_id) {
        Ok(app) => app,
        Err(resp) => return resp,
    };
    // A model: a real org never answers a POST without a body (clients must send `{}`).
    if body.iter().all(u8::is_ascii_whitespace) {
        return bad_request(
            "JSON_PARSER_ERROR",
            "The request body is empty: send {} (a real org does not answer at all).",
        );
    }
    if app.distribution != "Local" {
        return bad_request("INVALID_OPERATION", PACKAGED);
    }
    if app.staged.is_some() {
        return bad_request("DUPLICATE_VALUE", SLOT_TAKEN);
    }
    let now = ids::now_ms();
    let pair = StagedPair {
        id: ids::record_id("0Hs", org.next_serial()),
        key: ids::consumer_key(),
        secret: ids::consumer_secret(),
        state: "staged",
        created_ms: now,
        expires_ms: now + STAGED_LIFETIME_MS,
    };
    let identifier = app.identifier.clone();
    match change(&org, setup, &identifier, |a| a.staged = Some(pair)) {
        Some(app) => reply::json(StatusCode::CREATED, &staged_body(&v, &app)),
        None => reply::not_found(),
    }
}

/// `PATCH …/staged/{stagedId}` with `{"command":"rotate"}`: the staged pair becomes the
/// current one; the old pair moves to the slot (state `rotated`) and keeps working.
pub(crate) async fn rotate(
    State(org): State<Arc<Org>>,
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    Extension(caller): Extension<Caller>,
    Path((_, app_id, consumer_id, staged_id)): Path<(String, String, String, String)>,
    body: Bytes,
) -> Response {
    let setup = Setup::of(&org, org.scenario());
    let app = match staged_gate(&setup, &v, caller, &app_id, &consumer_id) {
        Ok(app) => app,
        Err(resp) => return resp,
    };
    let command: Option<String> = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|b| b["command"].as_str().map(str::to_string));
    if command.as_deref() != Some("rotate") {
        return bad_request(
            "INVALID_INPUT",
            "The only command is rotate: {\"command\":\"rotate\"}",
        );
    }
    if app.staged.as_ref().is_none_or(|s| s.id != staged_id) {
        return reply::not_found();
    }
    let now = ids::now_ms();
    let identifier = app.identifier.clone();
    let changed = change(&org, setup, &identifier, |a| {
        if let Some(slot) = a.staged.as_mut() {
            std::mem::swap(&mut a.consumer_key, &mut slot.key);
            std::mem::swap(&mut a.consumer_secret, &mut slot.secret);
            slot.state = "rotated";
            slot.created_ms = now;
            slot.expires_ms = now + STAGED_LIFETIME_MS;
        }
    });
    match changed {
        Some(app) => reply::json(StatusCode::OK, &staged_body(&v, &app)),
        None => reply::not_found(),
    }
}

/// `DELETE …/staged/{stagedId}`: empties the slot; only the current pair works then.
pub(crate) async fn unstage(
    State(org): State<Arc<Org>>,
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    Extension(caller): Extension<Caller>,
    Path((_, app_id, consumer_id, staged_id)): Path<(String, String, String, String)>,
) -> Response {
    let setup = Setup::of(&org, org.scenario());
    let app = match staged_gate(&setup, &v, caller, &app_id, &consumer_id) {
        Ok(app) => app,
        Err(resp) => return resp,
    };
    if app.staged.as_ref().is_none_or(|s| s.id != staged_id) {
        return reply::not_found();
    }
    let identifier = app.identifier.clone();
    change(&org, setup, &identifier, |a| a.staged = None);
    let mut resp = Response::new(axum::body::Body::empty());
    *resp.status_mut() = StatusCode::NO_CONTENT;
    resp
}
