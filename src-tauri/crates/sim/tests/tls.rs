//! HTTPS with the generated CA: trusted when given the CA, refused without it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use eca_sim::{Scenario, SimOptions, SimOrg};
use reqwest::{Certificate, Client, StatusCode};

/// A client that trusts only `pem`'s certificate (none: trusts nothing).
fn client_trusting(pem: Option<&[u8]>) -> Client {
    common::use_ring();
    let roots = pem.map(|pem| Certificate::from_pem(pem).unwrap());
    Client::builder()
        .no_proxy()
        .tls_certs_only(roots)
        .build()
        .unwrap()
}

#[tokio::test]
async fn https_with_the_generated_ca() {
    let org = SimOrg::start(SimOptions {
        tls: true,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    assert!(org.base_url().starts_with("https://127.0.0.1:"));
    let path = org.ca_cert_path().unwrap().to_path_buf();
    let pem = std::fs::read(&path).unwrap();
    assert_eq!(pem, org.ca_cert_pem().unwrap().as_bytes());
    assert!(org
        .ca_cert_pem()
        .unwrap()
        .starts_with("-----BEGIN CERTIFICATE-----"));

    let trusted = client_trusting(Some(&pem));
    let resp = trusted
        .get(format!("{}/services/data/", org.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    // The certificate names localhost as well as 127.0.0.1.
    let port = org.base_url().rsplit(':').next().unwrap().to_string();
    let resp = trusted
        .post(format!("https://localhost:{port}/services/oauth2/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", org.client_id()),
            ("client_secret", org.client_secret()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["instance_url"], org.base_url());

    // Without the CA the handshake fails.
    let err = client_trusting(None)
        .get(format!("{}/services/data/", org.base_url()))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_connect() || err.is_request(), "{err:?}");
    // A failed handshake does not stop the server.
    let resp = trusted
        .get(format!("{}/services/data/", org.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);

    org.shutdown().await;
    assert!(!path.exists(), "the CA file goes with the org");
}

#[tokio::test]
async fn plain_http_has_no_ca_and_shutdown_frees_the_port() {
    let org = SimOrg::start(SimOptions {
        scenario: Scenario::BadSignature,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    assert!(org.ca_cert_pem().is_none() && org.ca_cert_path().is_none());
    let base = org.base_url().to_string();
    common::use_ring();
    let client = Client::builder().no_proxy().build().unwrap();
    // Keep a connection alive across shutdown: graceful shutdown must still finish.
    assert_eq!(
        client
            .get(format!("{base}/services/data/"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    org.shutdown().await;
    let after = client.get(format!("{base}/services/data/")).send().await;
    assert!(after.is_err(), "the server is gone after shutdown");
}
