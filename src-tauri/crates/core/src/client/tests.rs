//! The client's tests: its rules (host, scheme, size, redirects), failure kinds and masking.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::error::{classify_transport, Transport};
use super::*;
use crate::codes::BodyKind;
use crate::domain::OrgDomain;
use std::error::Error as StdError;

#[test]
fn limit_info_is_parsed() {
    assert_eq!(
        parse_limit_info("api-usage=25/15000"),
        Some(ApiUsage {
            used: 25,
            max: 15000
        })
    );
    assert_eq!(
        parse_limit_info("per-app-api-usage=17/250(appName=x), api-usage=18/5000"),
        Some(ApiUsage {
            used: 18,
            max: 5000
        })
    );
    assert_eq!(
        parse_limit_info("api-usage=25/5000; per-app-api-usage=17/250(appName=x)"),
        Some(ApiUsage {
            used: 25,
            max: 5000
        })
    );
    assert_eq!(parse_limit_info("api-usage=x/5000"), None);
    assert_eq!(parse_limit_info(""), None);
}

fn loopback(port: u16) -> OrgDomain {
    crate::domain::parse_domain(&format!("http://127.0.0.1:{port}")).unwrap()
}

#[test]
fn urls_never_leave_the_org_host() {
    let client =
        SfClient::new(&loopback(4000), &ClientOptions::new(Duration::from_secs(5))).unwrap();
    assert!(client.url("/services/data/").is_ok());
    assert!(matches!(
        client.url("//evil.example/x"),
        Err(ClientError::ForeignHost { .. })
    ));
    assert!(matches!(
        client.url("@evil.example/x"),
        Err(ClientError::ForeignHost { .. })
    ));
    assert!(matches!(
        client.url(":4001/x"),
        Err(ClientError::ForeignHost { .. })
    ));
}

#[test]
fn a_bad_ca_file_is_refused() {
    let mut options = ClientOptions::new(Duration::from_secs(5));
    options.ca_cert_pem = Some(b"not a certificate".to_vec());
    assert!(matches!(
        SfClient::new(&loopback(4000), &options),
        Err(BuildError::BadCaCert(_))
    ));
}

#[tokio::test]
async fn connection_refused_is_connect_failed() {
    // Bind then drop a listener to find a port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let client =
        SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
    let err = client.get("/services/data/", None).await.unwrap_err();
    assert_eq!(err.code(), "connect_failed", "{err}");
    assert_eq!(err.details().body_kind, BodyKind::NoResponse);
}

#[tokio::test]
async fn unknown_host_is_dns_failed() {
    // `.invalid` never resolves (RFC 6761).
    let domain = crate::domain::parse_domain("eca-preflight-test.invalid").unwrap();
    let client = SfClient::new(&domain, &ClientOptions::new(Duration::from_secs(10))).unwrap();
    let err = client.get("/services/data/", None).await.unwrap_err();
    assert_eq!(err.code(), "dns_failed", "{err}");
    assert_eq!(err.request(), "GET /services/data/");
}

#[test]
fn plain_http_is_refused_off_loopback() {
    let domain = OrgDomain::forged(
        "http://acme.my.salesforce.com",
        crate::domain::DomainKind::Production,
    );
    let client = SfClient::new(&domain, &ClientOptions::new(Duration::from_secs(5))).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let err = rt
        .block_on(client.get("/services/data/", None))
        .unwrap_err();
    // https_only refuses before connecting: no DNS, no socket.
    assert_eq!(err.code(), "network_failed", "{err}");
    assert!(err.to_string().contains("scheme"), "{err}");
}

/// A tiny one-shot HTTP server answering `response` to the first request.
async fn serve_once(response: &'static str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = sock.read(&mut buf).await;
        let _ = sock.write_all(response.as_bytes()).await;
        let _ = sock.shutdown().await;
    });
    port
}

#[tokio::test]
async fn a_silent_server_is_a_timeout() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        // Accept and hold the connection without ever answering.
        let (_sock, _) = listener.accept().await.unwrap();
        std::future::pending::<()>().await;
    });
    let client =
        SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(1))).unwrap();
    let err = client.get("/services/data/", None).await.unwrap_err();
    assert_eq!(err.code(), "timeout", "{err}");
}

#[tokio::test]
async fn redirects_are_refused_and_name_the_host() {
    let port = serve_once(
        "HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example/x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    .await;
    let client =
        SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
    let err = client.get("/services/data/", None).await.unwrap_err();
    assert_eq!(err.code(), "redirect_refused");
    assert!(err.to_string().contains("elsewhere.example"), "{err}");
}

#[tokio::test]
async fn big_bodies_are_cut_and_limit_info_kept() {
    let port = serve_once(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nSforce-Limit-Info: api-usage=3/100\r\nContent-Length: 20\r\nConnection: close\r\n\r\n[\"0123456789abcdef\"]",
    )
    .await;
    let mut options = ClientOptions::new(Duration::from_secs(5));
    options.max_body_bytes = 8;
    let client = SfClient::new(&loopback(port), &options).unwrap();
    let resp = client.get("/services/data/", None).await.unwrap();
    assert!(resp.truncated);
    assert_eq!(resp.body.len(), 8);
    assert_eq!(resp.json::<serde_json::Value>(), None);
    assert_eq!(client.api_usage(), Some(ApiUsage { used: 3, max: 100 }));
}

/// One answer of `status` with a JSON body of `len` bytes, sent chunked.
async fn serve_big(status: &'static str, len: usize) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 4096];
        let _ = sock.read(&mut buf).await;
        let head = format!("HTTP/1.1 {status}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        let _ = sock.write_all(head.as_bytes()).await;
        let body = format!("[\"{}\"]", "x".repeat(len - 4));
        for piece in body.as_bytes().chunks(16 * 1024) {
            let chunk = format!("{:x}\r\n", piece.len());
            let _ = sock.write_all(chunk.as_bytes()).await;
            let _ = sock.write_all(piece).await;
            let _ = sock.write_all(b"\r\n").await;
        }
        let _ = sock.write_all(b"0\r\n\r\n").await;
        let _ = sock.shutdown().await;
    });
    port
}

#[tokio::test]
async fn large_answers_are_read_whole_and_errors_stay_small() {
    let size = MAX_BODY_BYTES * 3;
    let port = serve_big("200 OK", size).await;
    let client =
        SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
    let describe = client
        .get_large("/services/data/v68.0/sobjects/Account/describe", None)
        .await
        .unwrap();
    assert!(!describe.truncated);
    assert_eq!(describe.raw_body().len(), size);
    assert!(describe.json::<serde_json::Value>().is_some());

    let port = serve_big("200 OK", size).await;
    let client =
        SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
    let small = client.get("/services/oauth2/userinfo", None).await.unwrap();
    assert!(small.truncated, "a small answer is capped");
    assert_eq!(small.raw_body().len(), MAX_BODY_BYTES);

    let port = serve_big("400 Bad Request", size).await;
    let client =
        SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
    let error = client
        .get_large("/services/data/v68.0/query", None)
        .await
        .unwrap();
    assert!(
        error.truncated,
        "an error answer is small whatever was asked"
    );
    assert_eq!(error.raw_body().len(), MAX_BODY_BYTES);
}

/// An error whose text says "TLS alert certificate" but whose type is a refused connection.
#[derive(Debug)]
struct Wrapper(std::io::Error);
impl std::fmt::Display for Wrapper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("error sending request to https://alerts.tls-certificate.example/")
    }
}
impl StdError for Wrapper {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.0)
    }
}

#[test]
fn failures_are_classified_by_type_not_by_text() {
    let refused = Wrapper(std::io::Error::new(
        std::io::ErrorKind::ConnectionRefused,
        "handshake alert certificate dns error",
    ));
    assert_eq!(
        classify_transport(&refused, false, false),
        Transport::Connect
    );
    let tls = Wrapper(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
    ));
    assert_eq!(
        classify_transport(&tls, false, true),
        Transport::Tls(TlsProblem::Untrusted)
    );
    let mismatch = Wrapper(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        rustls::Error::InvalidCertificate(rustls::CertificateError::NotValidForName),
    ));
    assert_eq!(
        classify_transport(&mismatch, false, true),
        Transport::Tls(TlsProblem::NameMismatch)
    );
    let expired = Wrapper(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        rustls::Error::InvalidCertificate(rustls::CertificateError::Expired),
    ));
    assert_eq!(
        classify_transport(&expired, false, true),
        Transport::Tls(TlsProblem::Expired)
    );
    let dns = Wrapper(std::io::Error::other(DnsFailure {
        host: "acme.my.salesforce.com".into(),
        reason: "connection refused".into(),
    }));
    assert_eq!(classify_transport(&dns, false, true), Transport::Dns);
    let odd = Wrapper(std::io::Error::other("certificate tls alert timed out"));
    assert_eq!(classify_transport(&odd, false, false), Transport::Other);
    assert_eq!(classify_transport(&odd, true, false), Transport::Timeout);
}

#[tokio::test]
async fn answers_mask_every_secret_the_client_sent() {
    let port = serve_once(
        "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"error\":\"x\",\"echo\":\"s3cret-value\",\"b\":\"tok-123456\",\"access_token\":\"00Dfresh!tok\"}",
    )
    .await;
    let client =
        SfClient::new(&loopback(port), &ClientOptions::new(Duration::from_secs(5))).unwrap();
    let secret = Secret::new("s3cret-value");
    let token = Secret::new("tok-123456");
    let form = [
        ("client_secret", Field::Secret(&secret)),
        ("grant_type", Field::Plain("x")),
    ];
    let resp = client
        .send(
            Method::POST,
            "/services/oauth2/token",
            Some(&token),
            Body::Form(&form),
        )
        .await
        .unwrap();
    let shown = resp.masked_body();
    assert!(resp.raw_body().contains("s3cret-value"));
    for hidden in ["s3cret-value", "tok-123456", "00Dfresh!tok"] {
        assert!(!shown.contains(hidden), "{shown}");
    }
    assert!(!format!("{resp:?}").contains("s3cret-value"));
    assert!(!client
        .mask("the secret s3cret-value")
        .contains("s3cret-value"));
}
