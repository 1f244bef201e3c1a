//! The OAuth endpoints of a healthy org: token, signature, identity, introspect, revoke.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use common::*;
use eca_sim::Scenario;
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde_json::Value;
use sha2::Sha256;

fn expected_signature(secret: &str, id: &str, issued_at: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(id.as_bytes());
    mac.update(issued_at.as_bytes());
    B64.encode(mac.finalize().into_bytes())
}

#[tokio::test]
async fn token_with_form_body_has_every_field_and_a_valid_signature() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let resp = token_response(&org, &c).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["scope"], "api openid id");
    assert_eq!(body["instance_url"], org.base_url());
    assert!(body.get("refresh_token").is_none());
    let id = body["id"].as_str().unwrap();
    let rest = id.strip_prefix("https://login.salesforce.com/id/").unwrap();
    let (org_id, user_id) = rest.split_once('/').unwrap();
    assert!(org_id.starts_with("00D") && org_id.len() == 18);
    assert!(user_id.starts_with("005") && user_id.len() == 18);
    let issued_at = body["issued_at"].as_str().unwrap();
    assert!(issued_at.parse::<u64>().unwrap() > 1_600_000_000_000);
    assert_eq!(
        body["signature"],
        expected_signature(org.client_secret(), id, issued_at)
    );
    assert_eq!(org.state().active_tokens, 1);
}

#[tokio::test]
async fn token_with_basic_auth_works_and_is_logged_as_basic() {
    let org = start(Scenario::Healthy).await;
    let resp = client()
        .post(url(&org, "/services/oauth2/token"))
        .basic_auth(org.client_id(), Some(org.client_secret()))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let last = org.state().requests.pop().unwrap();
    assert_eq!(last.auth, "basic");
    assert_eq!(last.form_keys, ["grant_type"]);
}

#[tokio::test]
async fn credentials_are_checked_for_real() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let post = |form: Vec<(&'static str, String)>| {
        c.post(url(&org, "/services/oauth2/token"))
            .form(&form)
            .send()
    };
    let gt = ("grant_type", "client_credentials".to_string());
    let id = ("client_id", org.client_id().to_string());
    let secret = ("client_secret", org.client_secret().to_string());

    let wrong_id = ("client_id", "3MVG9notTheKey".to_string());
    let resp = post(vec![gt.clone(), wrong_id, secret.clone()])
        .await
        .unwrap();
    oauth_error(resp, "invalid_client_id", "client identifier invalid").await;

    let resp = post(vec![gt.clone(), secret.clone()]).await.unwrap();
    oauth_error(resp, "invalid_client_id", "client identifier invalid").await;

    let wrong_secret = ("client_secret", "0000".to_string());
    let resp = post(vec![gt.clone(), id.clone(), wrong_secret])
        .await
        .unwrap();
    oauth_error(resp, "invalid_client", "invalid client credentials").await;

    let scope = ("scope", "api".to_string());
    let resp = post(vec![gt.clone(), id.clone(), secret.clone(), scope])
        .await
        .unwrap();
    oauth_error(resp, "invalid_request", "scope parameter not supported").await;

    let pw = ("grant_type", "password".to_string());
    let resp = post(vec![pw, id.clone(), secret.clone()]).await.unwrap();
    oauth_error(resp, "unsupported_grant_type", "grant type not supported").await;

    let resp = c
        .post(url(&org, "/services/oauth2/token"))
        .basic_auth(org.client_id(), Some("wrong"))
        .form(std::slice::from_ref(&gt))
        .send()
        .await
        .unwrap();
    oauth_error(resp, "invalid_client", "invalid client credentials").await;

    let resp = c
        .post(url(&org, "/services/oauth2/token"))
        .header("Authorization", "Basic !!!not-base64")
        .form(&[gt])
        .send()
        .await
        .unwrap();
    let (status, body) = json(resp).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_basic_auth_header");

    let state = org.state();
    assert_eq!(state.active_tokens, 0, "no failed request issued a token");
}

#[tokio::test]
async fn userinfo_and_identity_url() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let resp = token_response(&org, &c).await;
    let body: Value = resp.json().await.unwrap();
    let tok = body["access_token"].as_str().unwrap();
    let id_url = body["id"].as_str().unwrap();

    let (status, info) = json(
        c.get(url(&org, "/services/oauth2/userinfo"))
            .bearer_auth(tok)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(info["is_salesforce_integration_user"], true);
    assert_eq!(info["active"], true);
    assert_eq!(info["user_type"], "STANDARD");
    assert!(info["preferred_username"].as_str().unwrap().contains('@'));
    assert!(id_url.ends_with(info["user_id"].as_str().unwrap()));
    assert!(id_url.contains(info["organization_id"].as_str().unwrap()));

    // The engine calls the id URL's path on the org's own host.
    let path = id_url.strip_prefix("https://login.salesforce.com").unwrap();
    let (status, ident) = json(
        c.get(url(&org, path))
            .bearer_auth(tok)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ident["id"], id_url);
    assert_eq!(ident["username"], info["preferred_username"]);

    for (auth, expected) in [
        (None, "Missing_OAuth_Token"),
        (Some("nope"), "Bad_OAuth_Token"),
    ] {
        for p in ["/services/oauth2/userinfo", path] {
            let mut req = c.get(url(&org, p));
            if let Some(t) = auth {
                req = req.bearer_auth(t);
            }
            let resp = req.send().await.unwrap();
            assert_eq!(resp.status(), StatusCode::FORBIDDEN);
            assert!(resp.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/plain"));
            assert_eq!(resp.text().await.unwrap(), expected);
        }
    }
}

#[tokio::test]
async fn introspect_and_revoke() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let tok = token(&org, &c).await;
    let introspect = |t: String| {
        c.post(url(&org, "/services/oauth2/introspect"))
            .form(&[
                ("token", t),
                ("token_type_hint", "access_token".into()),
                ("client_id", org.client_id().into()),
                ("client_secret", org.client_secret().into()),
            ])
            .send()
    };
    let (status, body) = json(introspect(tok.clone()).await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["active"], true);
    assert_eq!(body["client_id"], org.client_id());
    assert_eq!(body["scope"], "api openid id");
    assert!(body["exp"].as_u64().unwrap() > body["iat"].as_u64().unwrap());

    // Introspection checks the client too.
    let resp = c
        .post(url(&org, "/services/oauth2/introspect"))
        .basic_auth(org.client_id(), Some("wrong"))
        .form(&[("token", tok.as_str())])
        .send()
        .await
        .unwrap();
    oauth_error(resp, "invalid_client", "invalid client credentials").await;

    let revoke = |form: Vec<(&'static str, String)>| {
        c.post(url(&org, "/services/oauth2/revoke"))
            .form(&form)
            .send()
    };
    let resp = revoke(vec![
        ("token", tok.clone()),
        ("token_type_hint", "id_token".into()),
    ])
    .await
    .unwrap();
    oauth_error(
        resp,
        "unsupported_token_type",
        "this token type is not supported",
    )
    .await;

    let resp = revoke(vec![("token", tok.clone())]).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.text().await.unwrap().is_empty());
    let state = org.state();
    assert_eq!((state.active_tokens, state.revoked_tokens), (0, 1));

    let resp = revoke(vec![("token", tok.clone())]).await.unwrap();
    oauth_error(resp, "invalid_token", "invalid token").await;
    let resp = revoke(vec![("token", "never-issued".into())])
        .await
        .unwrap();
    oauth_error(resp, "invalid_token", "invalid token").await;

    let (_, body) = json(introspect(tok.clone()).await.unwrap()).await;
    assert_eq!(body, serde_json::json!({"active": false}));

    // A revoked token no longer opens REST or identity.
    let resp = c
        .get(rest(&org, "limits/"))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    let err = rest_error(resp, 401, "INVALID_SESSION_ID").await;
    assert_eq!(err["message"], "Session expired or invalid");
    let resp = c
        .get(url(&org, "/services/oauth2/userinfo"))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);

    // Revoking via GET ?token= works as well; only the key is logged.
    let tok2 = token(&org, &c).await;
    let resp = c
        .get(url(&org, "/services/oauth2/revoke"))
        .query(&[("token", tok2.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let last = org.state().requests.pop().unwrap();
    assert_eq!(last.query_keys, ["token"]);
    assert_eq!(last.path, "/services/oauth2/revoke");
}
