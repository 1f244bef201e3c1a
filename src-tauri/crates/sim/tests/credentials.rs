//! The Connect REST credentials API: reading an app's pair, and staged credentials through
//! their whole life (stage → both pairs work → rotate → both work → delete → only the new
//! one), with each refusal: the org setting off, a login without View Client Secret, a
//! packaged app, a taken slot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use eca_sim::{Scenario, SimOrg};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A request to `path` with `token` and an optional JSON body.
async fn call(
    org: &SimOrg,
    method: Method,
    token: &str,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = client().request(method, url(org, path)).bearer_auth(token);
    if let Some(body) = body {
        req = req.json(&body);
    }
    req.send().await.unwrap()
}

async fn works(org: &SimOrg, key: &str, secret: &str) -> bool {
    grant(org, key, secret).await.0 == StatusCode::OK
}

#[tokio::test]
async fn an_admin_reads_the_apps_in_use_and_a_pair_but_the_secret_only_when_asked() {
    let org = start(Scenario::Healthy).await;
    let admin = org.admin_token();
    let (_, usage) = get_json(&org, admin, &format!("/services/data/{V}/apps/oauth/usage")).await;
    let names: Vec<&str> = usage["apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["developerName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Preflight_Integration", "Marketing_Sync"]);
    assert!(usage["nextPageUrl"].is_null());
    let (identifier, consumer) = consumer_of(&org, "Preflight_Integration").await;
    assert!(identifier.starts_with("0xI"), "{identifier}");
    let (_, listed) = get_json(
        &org,
        admin,
        &format!("/services/data/{V}/apps/oauth/credentials/{identifier}"),
    )
    .await;
    let item = &listed["consumers"][0];
    assert!(item["id"].as_str().unwrap().starts_with("888"));
    assert_eq!(item["key"], org.client_id());
    assert_eq!(item["stagedCredentialsUrl"], format!("{consumer}/staged"));
    assert!(
        !listed.to_string().contains(org.client_secret()),
        "no secret unasked"
    );

    let (_, key) = get_json(&org, admin, &format!("{consumer}?part=key")).await;
    assert_eq!(key, json!({"key": org.client_id()}));
    let (_, secret) = get_json(&org, admin, &format!("{consumer}?part=secret")).await;
    assert_eq!(secret, json!({"secret": org.client_secret()}));
    let (key, secret) = pair_of(&org, "Preflight_Integration").await;
    assert_eq!(
        (key.as_str(), secret.as_str()),
        (org.client_id(), org.client_secret())
    );

    // The limited admin reads the key, not the secret; the Run As user's token neither.
    let limited = org.limited_admin_token();
    let (status, _) = get_json(&org, limited, &format!("{consumer}?part=key")).await;
    assert_eq!(status, StatusCode::OK);
    let refusal = rest_error(
        call(
            &org,
            Method::GET,
            limited,
            &format!("{consumer}?part=keyandsecret"),
            None,
        )
        .await,
        403,
        "INSUFFICIENT_ACCESS",
    )
    .await;
    assert_eq!(
        refusal["message"],
        "You don't have permission to view or change this app's consumer secret."
    );
    let run_as = token(&org, &client()).await;
    rest_error(
        call(
            &org,
            Method::GET,
            &run_as,
            &format!("/services/data/{V}/apps/oauth/usage"),
            None,
        )
        .await,
        403,
        "INSUFFICIENT_ACCESS",
    )
    .await;
    rest_error(
        call(
            &org,
            Method::GET,
            admin,
            &format!("/services/data/{V}/apps/oauth/credentials/0xIHn0000000zzzAAA"),
            None,
        )
        .await,
        404,
        "NOT_FOUND",
    )
    .await;
}

#[tokio::test]
async fn a_staged_pair_lives_beside_the_current_one_through_a_rotation_until_deleted() {
    let org = start(Scenario::Healthy).await;
    let admin = org.admin_token();
    let (_, consumer) = consumer_of(&org, "Preflight_Integration").await;
    let staged_url = format!("{consumer}/staged");
    let (status, empty) = get_json(&org, admin, &staged_url).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(empty["stagedCredentials"], json!([]));

    // A POST without a body is refused here (a real org never answers it).
    let resp = client()
        .post(url(&org, &staged_url))
        .bearer_auth(admin)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);

    let (status, staged) =
        json(call(&org, Method::POST, admin, &staged_url, Some(json!({}))).await).await;
    assert_eq!(status, StatusCode::CREATED, "{staged}");
    let slot = staged["stagedCredentials"][0].clone();
    assert_eq!(slot["state"], "staged");
    let new = (
        slot["key"].as_str().unwrap().to_string(),
        slot["secret"].as_str().unwrap().to_string(),
    );
    assert_ne!(new.0, org.client_id());
    let created = slot["createdDate"].as_str().unwrap();
    let expires = slot["expirationDate"].as_str().unwrap();
    assert!(created.ends_with('Z') && expires > created, "{slot}");
    let old = (org.client_id().to_string(), org.client_secret().to_string());
    assert!(works(&org, &old.0, &old.1).await && works(&org, &new.0, &new.1).await);
    assert!(
        !works(&org, &new.0, &old.1).await,
        "each key with its own secret"
    );

    // One slot per consumer.
    let taken = rest_error(
        call(&org, Method::POST, admin, &staged_url, Some(json!({}))).await,
        400,
        "DUPLICATE_VALUE",
    )
    .await;
    assert_eq!(
        taken["message"],
        "This consumer already has staged credentials."
    );

    // Rotate: the new pair is current, the old one waits in the slot and still works.
    let slot_url = slot["url"].as_str().unwrap().to_string();
    assert_eq!(
        slot_url,
        format!("{staged_url}/{}", slot["id"].as_str().unwrap())
    );
    rest_error(
        call(
            &org,
            Method::PATCH,
            admin,
            &slot_url,
            Some(json!({"command": "promote"})),
        )
        .await,
        400,
        "INVALID_INPUT",
    )
    .await;
    let (status, rotated) = json(
        call(
            &org,
            Method::PATCH,
            admin,
            &slot_url,
            Some(json!({"command": "rotate"})),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{rotated}");
    let slot = &rotated["stagedCredentials"][0];
    assert_eq!(
        (slot["state"].as_str(), slot["key"].as_str()),
        (Some("rotated"), Some(old.0.as_str()))
    );
    assert_eq!(pair_of(&org, "Preflight_Integration").await, new);
    assert!(works(&org, &old.0, &old.1).await && works(&org, &new.0, &new.1).await);

    // Delete: only the new pair works.
    let resp = call(&org, Method::DELETE, admin, &slot_url, None).await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert!(!works(&org, &old.0, &old.1).await);
    assert!(works(&org, &new.0, &new.1).await);
    rest_error(
        call(&org, Method::DELETE, admin, &slot_url, None).await,
        404,
        "NOT_FOUND",
    )
    .await;
    let (_, empty) = get_json(&org, admin, &staged_url).await;
    assert_eq!(empty["stagedCredentials"], json!([]));
}

#[tokio::test]
async fn staging_is_refused_for_a_packaged_app_without_the_setting_or_the_permission_or_before_v65()
{
    let org = start(Scenario::Healthy).await;
    let admin = org.admin_token();
    let (_, marketing) = consumer_of(&org, "Marketing_Sync").await;
    let refusal = rest_error(
        call(
            &org,
            Method::POST,
            admin,
            &format!("{marketing}/staged"),
            Some(json!({})),
        )
        .await,
        400,
        "INVALID_OPERATION",
    )
    .await;
    assert_eq!(
        refusal["message"],
        "Staged credentials are available only for local external client apps."
    );
    let (_, consumer) = consumer_of(&org, "Preflight_Integration").await;
    let staged_url = format!("{consumer}/staged");
    rest_error(
        call(
            &org,
            Method::POST,
            org.limited_admin_token(),
            &staged_url,
            Some(json!({})),
        )
        .await,
        403,
        "INSUFFICIENT_ACCESS",
    )
    .await;
    let old = staged_url.replace(&format!("/{V}/"), "/v64.0/");
    rest_error(
        call(&org, Method::POST, admin, &old, Some(json!({}))).await,
        404,
        "NOT_FOUND",
    )
    .await;

    org.set_scenario(Scenario::SecretApiOff);
    for (method, path) in [
        (Method::POST, staged_url.clone()),
        (Method::GET, staged_url.clone()),
        (Method::GET, format!("{consumer}?part=secret")),
    ] {
        let body = (method == Method::POST).then(|| json!({}));
        let refusal = rest_error(
            call(&org, method, admin, &path, body).await,
            403,
            "FUNCTIONALITY_NOT_ENABLED",
        )
        .await;
        assert_eq!(
            refusal["message"],
            "Access to External Client App consumer secrets via the REST API is not enabled for this org."
        );
    }
    // The key is still readable, and the app works.
    let (status, _) = get_json(&org, admin, &format!("{consumer}?part=key")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(works(&org, org.client_id(), org.client_secret()).await);
}

#[tokio::test]
async fn the_rotation_scenarios_staged_pair_is_in_the_slot_until_sim_rotate() {
    let org = start(Scenario::Rotation).await;
    let (_, consumer) = consumer_of(&org, "Preflight_Integration").await;
    let (_, staged) = get_json(&org, org.admin_token(), &format!("{consumer}/staged")).await;
    assert_eq!(
        staged["stagedCredentials"][0]["key"],
        org.staged_client_id()
    );
    org.rotate();
    let (_, staged) = get_json(&org, org.admin_token(), &format!("{consumer}/staged")).await;
    assert_eq!(staged["stagedCredentials"], json!([]));
    assert_eq!(
        pair_of(&org, "Preflight_Integration").await.0,
        org.staged_client_id()
    );
}
