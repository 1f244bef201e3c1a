//! Helpers shared by the integration tests: a client, a token, REST URLs.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use eca_sim::{Scenario, SimOptions, SimOrg};
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;

pub const V: &str = "v68.0";

pub async fn start(scenario: Scenario) -> SimOrg {
    SimOrg::start(SimOptions {
        scenario,
        ..SimOptions::default()
    })
    .await
    .expect("sim starts")
}

/// A plain client: no proxies from the environment, no redirects.
pub fn client() -> Client {
    use_ring();
    Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// reqwest is built without a crypto provider of its own (the engine hands it a rustls config);
/// the tests' plain clients use ring, as the engine does.
pub fn use_ring() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

pub fn url(org: &SimOrg, path: &str) -> String {
    format!("{}{path}", org.base_url())
}

pub fn rest(org: &SimOrg, path: &str) -> String {
    format!("{}/services/data/{V}/{path}", org.base_url())
}

/// The token request with the org's own credentials in the form body.
pub async fn token_response(org: &SimOrg, c: &Client) -> Response {
    c.post(url(org, "/services/oauth2/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", org.client_id()),
            ("client_secret", org.client_secret()),
        ])
        .send()
        .await
        .unwrap()
}

/// A token (panics if the org refuses one).
pub async fn token(org: &SimOrg, c: &Client) -> String {
    let resp = token_response(org, c).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let body: Value = resp.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_string()
}

pub async fn json(resp: Response) -> (StatusCode, Value) {
    let status = resp.status();
    let body = resp.json().await.unwrap();
    (status, body)
}

/// Asserts a REST error array with this status and code; returns the first item.
pub async fn rest_error(resp: Response, status: u16, code: &str) -> Value {
    let (got, body) = json(resp).await;
    assert_eq!(got.as_u16(), status, "{body}");
    assert_eq!(body[0]["errorCode"], code, "{body}");
    body[0].clone()
}

/// Asserts a 400 OAuth error.
pub async fn oauth_error(resp: Response, error: &str, description: &str) {
    let (status, body) = json(resp).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"], error, "{body}");
    assert_eq!(body["error_description"], description, "{body}");
}

/// Creates an Account named `name`; returns the raw response.
pub async fn create_account(org: &SimOrg, c: &Client, tok: &str, body: Value) -> Response {
    c.post(rest(org, "sobjects/Account/"))
        .bearer_auth(tok)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// A SOQL query with `token`: the status and the body.
pub async fn soql(org: &SimOrg, token: &str, q: &str) -> (u16, Value) {
    let resp = client()
        .get(rest(org, "query"))
        .query(&[("q", q)])
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let (status, body) = json(resp).await;
    (status.as_u16(), body)
}

/// A Metadata API SOAP envelope with `token` as the session and `operation` as the body.
pub fn envelope(token: &str, operation: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="http://soap.sforce.com/2006/04/metadata"><soapenv:Header><met:SessionHeader><met:sessionId>{token}</met:sessionId></met:SessionHeader></soapenv:Header><soapenv:Body>{operation}</soapenv:Body></soapenv:Envelope>"#
    )
}

/// Posts a SOAP envelope to the Metadata API: the status and the body.
pub async fn soap(org: &SimOrg, body: String) -> (u16, String) {
    let resp = client()
        .post(url(org, "/services/Soap/m/68.0"))
        .header("Content-Type", "text/xml; charset=UTF-8")
        .header("SOAPAction", "\"\"")
        .body(body)
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}
