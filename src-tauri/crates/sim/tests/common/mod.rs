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

/// The package a new app is made of (tests/peers/fixtures/eca-package): `phase` is `phase1`
/// or `phase2`; each file as `(path in the package, content)`.
pub fn fixture(phase: &str) -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/peers/fixtures/eca-package")
        .join(phase);
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let name = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A deflated zip of `files` under `zip/`, as Salesforce CLI sends a metadata folder.
pub fn zip_of(files: &[(String, String)]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in files {
        zip.start_file(format!("zip/{name}"), options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// The texts of every `<tag>` in an XML answer, in order.
pub fn texts(xml: &str, tag: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == tag)
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

/// Sends a deploy of `files` with `token`: the answer's status and body.
pub async fn start_deploy(org: &SimOrg, token: &str, files: &[(String, String)]) -> (u16, String) {
    use base64::Engine;
    let zip = base64::engine::general_purpose::STANDARD.encode(zip_of(files));
    soap(
        org,
        envelope(
            token,
            &format!("<met:deploy><met:ZipFile>{zip}</met:ZipFile><met:DeployOptions><met:rollbackOnError>true</met:rollbackOnError><met:singlePackage>true</met:singlePackage></met:DeployOptions></met:deploy>"),
        ),
    )
    .await
}

/// One `checkDeployStatus` poll of deploy `id`: the answer's body.
pub async fn poll_deploy(org: &SimOrg, id: &str) -> String {
    let (status, body) = soap(
        org,
        envelope(
            org.admin_token(),
            &format!("<met:checkDeployStatus><met:asyncProcessId>{id}</met:asyncProcessId><met:includeDetails>true</met:includeDetails></met:checkDeployStatus>"),
        ),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

/// Deploys `files` as the admin and polls until done: the statuses seen and the last answer.
pub async fn deploy(org: &SimOrg, files: &[(String, String)]) -> (Vec<String>, String) {
    let (status, queued) = start_deploy(org, org.admin_token(), files).await;
    assert_eq!(status, 200, "{queued}");
    assert_eq!(texts(&queued, "state"), ["Queued"]);
    let id = texts(&queued, "id").remove(0);
    let mut seen = Vec::new();
    for _ in 0..10 {
        let body = poll_deploy(org, &id).await;
        seen.push(texts(&body, "status").remove(0));
        if texts(&body, "done") == ["true"] {
            return (seen, body);
        }
    }
    panic!("the deploy never finished: {seen:?}");
}

/// A grant with this key and secret: the status and the body.
pub async fn grant(org: &SimOrg, key: &str, secret: &str) -> (StatusCode, Value) {
    let resp = client()
        .post(url(org, "/services/oauth2/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", key),
            ("client_secret", secret),
        ])
        .send()
        .await
        .unwrap();
    json(resp).await
}

/// `GET` with the admin's token (or `token`): the status and the JSON body.
pub async fn get_json(org: &SimOrg, token: &str, path: &str) -> (StatusCode, Value) {
    let resp = client()
        .get(url(org, path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    json(resp).await
}

/// The app `name`'s identifier and consumer url, through Connect REST.
pub async fn consumer_of(org: &SimOrg, name: &str) -> (String, String) {
    let (status, usage) = get_json(
        org,
        org.admin_token(),
        &format!("/services/data/{V}/apps/oauth/usage"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{usage}");
    let app = usage["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["developerName"] == name)
        .unwrap_or_else(|| panic!("no {name} in {usage}"))
        .clone();
    let identifier = app["identifier"].as_str().unwrap().to_string();
    let (_, listed) = get_json(
        org,
        org.admin_token(),
        &format!("/services/data/{V}/apps/oauth/credentials/{identifier}"),
    )
    .await;
    let consumer = listed["consumers"][0]["url"].as_str().unwrap().to_string();
    (identifier, consumer)
}

/// The app `name`'s current key and secret, through Connect REST.
pub async fn pair_of(org: &SimOrg, name: &str) -> (String, String) {
    let (_, consumer) = consumer_of(org, name).await;
    let (status, pair) = get_json(
        org,
        org.admin_token(),
        &format!("{consumer}?part=keyandsecret"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{pair}");
    (
        pair["key"].as_str().unwrap().to_string(),
        pair["secret"].as_str().unwrap().to_string(),
    )
}
