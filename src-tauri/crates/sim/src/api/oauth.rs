//! The OAuth endpoints: token, introspect and revoke (the identity endpoints the token names
//! are `identity.rs`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;

use crate::base::apps::App;
use crate::base::ids;
use crate::base::reply;
use crate::base::scenario::Scenario;
use crate::base::setup::Setup;
use crate::base::state::{Org, TokenInfo};

type Form = Vec<(String, String)>;

fn parse_form(body: &[u8]) -> Form {
    form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(form: &'a Form, key: &str) -> Option<&'a str> {
    form.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// `base64(HMAC-SHA256(key, message))`, the token response's signature.
pub(crate) fn sign(key: &str, message: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(key.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(message.as_bytes());
    B64.encode(mac.finalize().into_bytes())
}

/// The client credentials, from HTTP Basic if present, else from the form body.
fn client_credentials(headers: &HeaderMap, form: &Form) -> Result<(String, String), Response> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let value = value.to_str().unwrap_or_default().trim();
        if let Some(encoded) = value
            .strip_prefix("Basic ")
            .or_else(|| value.strip_prefix("basic "))
        {
            let decoded = B64
                .decode(encoded.trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok());
            return match decoded.as_deref().and_then(|s| s.split_once(':')) {
                Some((id, secret)) => Ok((id.to_string(), secret.to_string())),
                None => Err(reply::oauth_error(
                    "invalid_basic_auth_header",
                    "invalid basic authorization header",
                )),
            };
        }
    }
    Ok((
        field(form, "client_id").unwrap_or_default().to_string(),
        field(form, "client_secret").unwrap_or_default().to_string(),
    ))
}

/// The real credential check: the app whose current or staged key `id` is, with the secret
/// that goes with the key. `wrong-client-id` / `wrong-secret` fail it for the Preflight app even
/// when right; a just-created app's key is unknown until it has propagated.
fn check_client(
    org: &Org,
    scenario: Scenario,
    setup: &Setup,
    id: &str,
    secret: &str,
) -> Result<(App, String), Response> {
    let unknown = || reply::oauth_error("invalid_client_id", "client identifier invalid");
    let Some(app) = setup.app_by_key(id).filter(|_| !id.is_empty()) else {
        return Err(unknown());
    };
    let preflight = app.id == setup.preflight().id;
    let propagating = if preflight {
        org.app_propagating()
    } else {
        app.created_at
            .is_some_and(|at| at.elapsed() < org.propagation)
    };
    if propagating || (preflight && scenario == Scenario::WrongClientId) {
        return Err(unknown());
    }
    let expected = app.secret_for(id).unwrap_or_default();
    if secret != expected || (preflight && scenario == Scenario::WrongSecret) {
        return Err(reply::oauth_error(
            "invalid_client",
            "invalid client credentials",
        ));
    }
    Ok((app.clone(), expected.to_string()))
}

/// `POST /services/oauth2/token`.
pub(crate) async fn token(
    State(org): State<Arc<Org>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = parse_form(&body);
    let scenario = org.scenario();
    if field(&form, "grant_type") != Some("client_credentials") {
        return reply::oauth_error("unsupported_grant_type", "grant type not supported");
    }
    if field(&form, "scope").is_some() {
        return reply::oauth_error("invalid_request", "scope parameter not supported");
    }
    let (id, secret) = match client_credentials(&headers, &form) {
        Ok(creds) => creds,
        Err(resp) => return resp,
    };
    let setup = Setup::of(&org, scenario);
    let (app, app_secret) = match check_client(&org, scenario, &setup, &id, &secret) {
        Ok(found) => found,
        Err(resp) => return resp,
    };
    if scenario == Scenario::LoginHost {
        return reply::oauth_error("invalid_grant", "request not supported on this domain");
    }
    let refusal = setup.token_refusal_for(&app);
    crate::base::history::record_grant(
        &org,
        &setup,
        &app,
        refusal.map(|(_, description)| description),
    );
    if let Some((error, description)) = refusal {
        return reply::oauth_error(error, description);
    }

    let shared = (scenario == Scenario::SharedSession).then(|| shared_session(&org));
    let issued_at_ms = shared.as_ref().map_or_else(ids::now_ms, |(_, at)| *at);
    let issued_at = issued_at_ms.to_string();
    // The token is the Run As user's (the refusal above makes sure there is one).
    let user_id = setup
        .run_as_user(&app)
        .map_or_else(|| org.user_id.clone(), |u| u.id.clone());
    let id_url = org.identity_url_of(&user_id);
    let key = if scenario == Scenario::BadSignature {
        // Signed with another key: well-formed, but it does not verify.
        "not-the-consumer-secret"
    } else {
        app_secret.as_str()
    };
    let signature = sign(key, &format!("{id_url}{issued_at}"));
    let scope = Setup::token_scope_for(&app);
    let jwt = scenario == Scenario::JwtToken;
    let access_token = match shared {
        Some((token, _)) => token,
        None if jwt => ids::jwt_access_token(&org.org_id, &user_id),
        None => ids::access_token(&org.org_id),
    };
    org.lock().tokens.insert(
        access_token.clone(),
        TokenInfo {
            scope,
            user_id,
            issued_at_ms,
            revoked: false,
        },
    );
    reply::oauth_json(
        StatusCode::OK,
        &json!({
            "access_token": access_token,
            "signature": signature,
            "scope": scope,
            "instance_url": org.base_url,
            "id": id_url,
            "token_type": "Bearer",
            "issued_at": issued_at,
            "token_format": if jwt { "jwt" } else { "opaque" },
        }),
    )
}

/// `shared-session`: the one live session every grant answers with, as Salesforce may while a
/// session is valid — minted a quarter of an hour before the first grant, as if by the live
/// integration (and minted anew that way if it was revoked).
fn shared_session(org: &Org) -> (String, u64) {
    let inner = org.lock();
    let live = inner
        .tokens
        .iter()
        .find(|(_, t)| !t.revoked)
        .map(|(token, t)| (token.clone(), t.issued_at_ms));
    drop(inner);
    live.unwrap_or_else(|| {
        (
            ids::access_token(&org.org_id),
            ids::now_ms() - 15 * 60 * 1000,
        )
    })
}

/// `POST /services/oauth2/introspect`.
pub(crate) async fn introspect(
    State(org): State<Arc<Org>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = parse_form(&body);
    let scenario = org.scenario();
    let (id, secret) = match client_credentials(&headers, &form) {
        Ok(creds) => creds,
        Err(resp) => return resp,
    };
    let setup = Setup::of(&org, scenario);
    if let Err(resp) = check_client(&org, scenario, &setup, &id, &secret) {
        return resp;
    }
    let token = field(&form, "token").unwrap_or_default();
    // The token's own user (the Run As user of the app it was granted to).
    let user_id = org.token_user(token).unwrap_or_else(|| org.user_id.clone());
    let username = setup
        .users()
        .find(|u| u.id == user_id)
        .map_or_else(|| org.username.clone(), |u| u.username.clone());
    let found = {
        let inner = org.lock();
        inner
            .tokens
            .get(token)
            .filter(|t| !t.revoked)
            .map(|t| (t.scope, t.issued_at_ms / 1000))
    };
    let body = match found {
        Some((scope, iat)) if scenario != Scenario::SessionInvalid => json!({
            "active": true,
            "scope": scope,
            "client_id": id,
            "username": username,
            "sub": org.identity_url_of(&user_id),
            "token_type": "access_token",
            "exp": iat + 7200,
            "iat": iat,
            "nbf": iat,
        }),
        _ => json!({"active": false}),
    };
    reply::oauth_json(StatusCode::OK, &body)
}

/// `POST /services/oauth2/revoke` (form body) or `GET …?token=` (both exist for real).
pub(crate) async fn revoke(
    State(org): State<Arc<Org>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let mut form = parse_form(&body);
    form.extend(parse_form(query.unwrap_or_default().as_bytes()));
    if let Some(hint) = field(&form, "token_type_hint") {
        if hint != "access_token" && hint != "refresh_token" {
            return reply::oauth_error(
                "unsupported_token_type",
                "this token type is not supported",
            );
        }
    }
    let token = field(&form, "token").unwrap_or_default();
    let mut inner = org.lock();
    match inner.tokens.get_mut(token) {
        Some(info) if !info.revoked => {
            info.revoked = true;
            drop(inner);
            // The real revoke answers 200 with an empty body.
            let mut resp = Response::new(axum::body::Body::empty());
            resp.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-cache,no-store"),
            );
            resp
        }
        _ => reply::oauth_error("invalid_token", "invalid token"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_rfc4231_hmac_sha256() {
        // RFC 4231 test case 2.
        let sig = sign("Jefe", "what do ya want for nothing?");
        let hex: String = B64
            .decode(sig)
            .unwrap()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn form_parsing_decodes() {
        let form = parse_form(b"grant_type=client_credentials&client_secret=a%2Bb+c");
        assert_eq!(field(&form, "grant_type"), Some("client_credentials"));
        assert_eq!(field(&form, "client_secret"), Some("a+b c"));
        assert_eq!(field(&form, "scope"), None);
    }

    /// What the token endpoint answers the org's own credentials: "granted" or the error.
    async fn grant(org: &Arc<Org>) -> String {
        grant_with(org, &org.client_id, &org.client_secret).await
    }

    /// What the token endpoint answers this key and secret: "granted" or the error.
    async fn grant_with(org: &Arc<Org>, key: &str, secret: &str) -> String {
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("client_id", key)
            .append_pair("client_secret", secret)
            .finish();
        let resp = token(State(org.clone()), HeaderMap::new(), Bytes::from(form)).await;
        if resp.status() == StatusCode::OK {
            return "granted".into();
        }
        let body = axum::body::to_bytes(resp.into_body(), 1 << 16)
            .await
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        body["error"].as_str().unwrap().to_string()
    }

    // Tokio's paused clock: `advance` moves the org's clock; nothing waits for real time.
    #[tokio::test(start_paused = true)]
    async fn a_just_created_app_propagates_from_each_time_it_is_picked() {
        let propagation = std::time::Duration::from_secs(20);
        let secs = std::time::Duration::from_secs;
        let org = Arc::new(Org::new(
            "http://127.0.0.1:1".into(),
            Scenario::Healthy,
            std::time::Duration::ZERO,
            propagation,
        ));
        // Picked in an org that has run longer than the propagation: still refused.
        tokio::time::advance(secs(60)).await;
        assert_eq!(grant(&org).await, "granted");
        org.set_scenario(Scenario::AppPropagating);
        assert_eq!(grant(&org).await, "invalid_client_id");
        tokio::time::advance(propagation - secs(1)).await;
        assert_eq!(grant(&org).await, "invalid_client_id");
        tokio::time::advance(secs(1)).await;
        assert_eq!(grant(&org).await, "granted");

        // Picked again while the org is on it: a new app again.
        org.set_scenario(Scenario::AppPropagating);
        assert_eq!(grant(&org).await, "invalid_client_id");
        tokio::time::advance(propagation).await;
        assert_eq!(grant(&org).await, "granted");

        // Picked at the start: counts from the start.
        let fresh = Arc::new(Org::new(
            "http://127.0.0.1:1".into(),
            Scenario::AppPropagating,
            std::time::Duration::ZERO,
            propagation,
        ));
        assert_eq!(grant(&fresh).await, "invalid_client_id");
        tokio::time::advance(propagation).await;
        assert_eq!(grant(&fresh).await, "granted");
    }

    #[tokio::test(start_paused = true)]
    async fn a_created_apps_key_is_unknown_until_it_has_propagated() {
        let secs = std::time::Duration::from_secs;
        let org = Arc::new(Org::new(
            "http://127.0.0.1:1".into(),
            Scenario::Healthy,
            std::time::Duration::ZERO,
            secs(30),
        ));
        // A deploy created it just now: an app of its own, with its own pair.
        let mut apps = Setup::of(&org, Scenario::Healthy).apps;
        let mut created = apps[0].clone();
        created.id = ids::record_id("0xA", 5000);
        created.developer_name = "Created".into();
        created.consumer_key = ids::consumer_key();
        created.consumer_secret = ids::consumer_secret();
        created.created_at = Some(tokio::time::Instant::now());
        apps.push(created.clone());
        org.lock().apps = Some(apps);
        let (key, secret) = (created.consumer_key, created.consumer_secret);
        assert_eq!(grant_with(&org, &key, &secret).await, "invalid_client_id");
        tokio::time::advance(secs(29)).await;
        assert_eq!(grant_with(&org, &key, &secret).await, "invalid_client_id");
        assert_eq!(grant(&org).await, "granted", "the Preflight app is not new");
        tokio::time::advance(secs(1)).await;
        assert_eq!(grant_with(&org, &key, &secret).await, "granted");
        assert_eq!(grant_with(&org, &key, "wrong").await, "invalid_client");
    }
}
