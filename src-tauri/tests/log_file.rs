//! The app's log file at `RUST_LOG=trace`: checks that send a canary secret (a wrong one), the
//! real one, and a canary proxy password through a company proxy; then every log file is scanned. The logger is process-wide, so this is its own test
//! binary with one test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use base64::Engine as _;
use eca_core::pipeline::{run_check, CheckConfig};
use eca_core::Secret;
use eca_sim::{Scenario, SimOptions, SimOrg};
use tokio_util::sync::CancellationToken;

const CANARY: &str = "CANARY-5f1e0c2b9a7d4e3f8a6b1c0d2e4f6a8b";
const PROXY_CANARY: &str = "PROXY-CANARY-9d8c7b6a5f4e";

fn log_text(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        text.push_str(&std::fs::read_to_string(&path).unwrap());
    }
    text
}

#[tokio::test(flavor = "multi_thread")]
async fn no_secret_reaches_the_log_file_even_at_trace() {
    std::env::set_var("RUST_LOG", "trace");
    let dir = tempfile::tempdir().unwrap();
    let folder = eca_preflight_app::logging::init(Some(dir.path()));
    assert_eq!(folder.as_deref(), Some(dir.path()));

    let sim = SimOrg::start(SimOptions {
        scenario: Scenario::Healthy,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    for secret in [CANARY, sim.client_secret()] {
        let config =
            CheckConfig::new(sim.base_url(), sim.client_id(), Secret::new(secret)).unwrap();
        run_check(config, |_| {}, CancellationToken::new())
            .await
            .unwrap();
    }
    // Through a company proxy that wants a password (HTTPS org: a CONNECT tunnel), at trace.
    let tls_org = SimOrg::start(SimOptions {
        scenario: Scenario::Healthy,
        tls: true,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let proxy = eca_sim::ConnectProxy::start(Some(&format!("ci:{PROXY_CANARY}")))
        .await
        .unwrap();
    let mut config = CheckConfig::new(
        tls_org.base_url(),
        tls_org.client_id(),
        Secret::new(tls_org.client_secret()),
    )
    .unwrap();
    config.ca_cert_pem = tls_org.ca_cert_pem().map(|pem| pem.as_bytes().to_vec());
    config.proxy = Some(
        eca_core::network::ProxySetting::parse(&format!("http://ci@127.0.0.1:{}", proxy.port()))
            .unwrap()
            .with_password(Secret::new(PROXY_CANARY)),
    );
    let report = run_check(config, |_| {}, CancellationToken::new())
        .await
        .unwrap();
    assert!(report.ok, "the proxied run used the password: {report:?}");
    let tls_secret = tls_org.client_secret().to_string();
    tls_org.shutdown().await;

    // The `log` bridge: a record of a crate that logs through `log`, not `tracing`.
    log::warn!(target: "bridge_probe", "a record through the log crate");
    let real_secret = sim.client_secret().to_string();
    sim.shutdown().await;

    let text = log_text(dir.path());
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(files.len(), 1, "one file a day");
    let name = files[0]
        .as_ref()
        .unwrap()
        .file_name()
        .into_string()
        .unwrap();
    assert!(
        name.starts_with("eca-preflight.") && name.ends_with(".log"),
        "{name}"
    );
    // Not vacuous: the runs were logged, at trace, and the bridge works.
    assert!(text.contains("run_check"), "the check's span is in the log");
    assert!(text.contains("TRACE"), "trace level reached the file");
    assert!(
        text.contains("a record through the log crate"),
        "log bridge"
    );
    assert!(text.contains("reqwest::"), "third-party records arrive");
    // The HTTP stack's own trace (which can print header frames) is capped out of the file.
    assert!(!text.contains("hyper_util::"), "HTTP stack capped at info");
    let proxy_auth = base64::engine::general_purpose::STANDARD.encode(format!("ci:{PROXY_CANARY}"));
    for secret in [
        CANARY,
        real_secret.as_str(),
        tls_secret.as_str(),
        PROXY_CANARY,
        proxy_auth.as_str(),
    ] {
        assert!(!text.contains(secret), "a secret is in the log file");
    }
    // The request body's encoding of the secret is not there either.
    let encoded: String = form_urlencoded::byte_serialize(CANARY.as_bytes()).collect();
    assert!(!text.contains(&encoded));
}
