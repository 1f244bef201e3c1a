//! A simulated Salesforce org for ECA Preflight: the OAuth 2.0 Client Credentials flow, the
//! identity endpoints and the REST API, answering as Salesforce does in every scenario of
//! [`Scenario::ALL`] (each names the diagnosis a check must end with). It serves on 127.0.0.1
//! over HTTP, or HTTPS with a generated CA.
//!
//! ```no_run
//! # async fn demo() -> Result<(), eca_sim::SimError> {
//! let org = eca_sim::SimOrg::start(eca_sim::SimOptions::default()).await?;
//! println!("{} {}", org.base_url(), org.client_id());
//! org.shutdown().await;
//! # Ok(()) }
//! ```

// Checks return `Err(Response)` to answer early; the response is built once per request,
// so boxing it would only add an allocation.
#![allow(clippy::result_large_err)]

mod api;
mod base;
mod error;
mod net;
mod server;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use base::state::Org;

pub use base::fault::{Fault, FaultKind};
pub use base::scenario::{Scenario, UnknownScenario};
pub use base::state::{LoggedRequest, SimRecord, SimState};
pub use error::SimError;
pub use net::proxy::ConnectProxy;
pub use net::relay::LatencyRelay;

/// How to start a simulated org.
#[derive(Clone, Debug)]
pub struct SimOptions {
    /// 0 = any free port.
    pub port: u16,
    pub scenario: Scenario,
    /// Added to every response.
    pub latency: Duration,
    pub tls: bool,
    /// How long `app-propagating` answers `invalid_client_id` after it is picked (at the start,
    /// or by [`SimOrg::set_scenario`]), and how long an app a deploy creates does after its
    /// creation. `Duration::ZERO`: a created app's key works at once.
    pub propagation: Duration,
    /// false: `…/composite` answers 404, as behind an API gateway that lets only named
    /// resources through (clients then fall back to one request per step).
    pub composite: bool,
    /// The address the org names in its answers (instance_url, identity URLs) instead of its
    /// own: a relay in front of it (`LatencyRelay`). `None`: its own.
    pub advertised_url: Option<String>,
    /// A fault injected into one request (see [`Fault`]).
    pub fault: Option<Fault>,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            port: 0,
            scenario: Scenario::Healthy,
            latency: Duration::ZERO,
            tls: false,
            propagation: Duration::from_secs(20),
            composite: true,
            advertised_url: None,
            fault: None,
        }
    }
}

/// A running simulated org. Dropping it stops the server too (without waiting).
pub struct SimOrg {
    org: Arc<Org>,
    addr: SocketAddr,
    ca_pem: Option<String>,
    /// Kept so the file lives as long as the org.
    ca_file: Option<tempfile::NamedTempFile>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// How long `shutdown` waits for open connections before cutting them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

impl SimOrg {
    /// Binds 127.0.0.1 and serves in a task of the caller's tokio runtime.
    pub async fn start(opts: SimOptions) -> Result<SimOrg, SimError> {
        let tcp = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, opts.port)))
            .await
            .map_err(|source| SimError::Bind {
                port: opts.port,
                source,
            })?;
        let addr = tcp.local_addr()?;
        let scheme = if opts.tls { "https" } else { "http" };
        let base_url = opts
            .advertised_url
            .clone()
            .unwrap_or_else(|| format!("{scheme}://{addr}"));
        let mut org = Org::new(base_url, opts.scenario, opts.latency, opts.propagation);
        org.composite = opts.composite;
        org.fault = opts.fault;
        let org = Arc::new(org);
        let app = server::app(org.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        // A dropped sender also stops the server.
        let signal = async move {
            let _ = stopped.await;
        };

        let (ca_pem, ca_file, task) = if opts.tls {
            let material = net::tls::generate()?;
            let mut file = tempfile::Builder::new()
                .prefix("eca-sim-ca-")
                .suffix(".pem")
                .tempfile()?;
            std::io::Write::write_all(&mut file, material.ca_pem.as_bytes())?;
            let listener = net::tls::TlsListener::new(tcp, material.config)?;
            let task = tokio::spawn(async move {
                let served = axum::serve(listener, app).with_graceful_shutdown(signal);
                if let Err(e) = served.await {
                    tracing::warn!("simulated org stopped: {e}");
                }
            });
            (Some(material.ca_pem), Some(file), task)
        } else {
            let task = tokio::spawn(async move {
                let served = axum::serve(tcp, app).with_graceful_shutdown(signal);
                if let Err(e) = served.await {
                    tracing::warn!("simulated org stopped: {e}");
                }
            });
            (None, None, task)
        };
        tracing::info!(base_url = %org.base_url, scenario = %opts.scenario, "simulated org ready");
        Ok(SimOrg {
            org,
            addr,
            ca_pem,
            ca_file,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Where it listens (the target of a relay in front of it).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` or `https://127.0.0.1:PORT` (or the `advertised_url`).
    pub fn base_url(&self) -> &str {
        &self.org.base_url
    }

    /// The consumer key this org accepts (random per start).
    pub fn client_id(&self) -> &str {
        &self.org.client_id
    }

    /// The consumer secret this org accepts (random per start).
    pub fn client_secret(&self) -> &str {
        &self.org.client_secret
    }

    /// An admin's own login to this org (as `sf org display` prints it): inspection reads the
    /// apps' settings with it.
    pub fn admin_token(&self) -> &str {
        &self.org.admin_token
    }

    /// An admin's login without the permission to view External Client Apps.
    pub fn limited_admin_token(&self) -> &str {
        &self.org.limited_admin_token
    }

    /// The staged consumer key of the `rotation` scenario.
    pub fn staged_client_id(&self) -> &str {
        &self.org.staged_client_id
    }

    /// The staged consumer secret of the `rotation` scenario.
    pub fn staged_client_secret(&self) -> &str {
        &self.org.staged_client_secret
    }

    /// Completes a rotation: from now on only the staged credentials work (as
    /// `POST /__sim/rotate` does).
    pub fn rotate(&self) {
        self.org.complete_rotation();
    }

    /// With TLS: the CA that signed the server certificate, PEM.
    pub fn ca_cert_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// With TLS: the same CA, written to a temporary file that lives as long as the org.
    pub fn ca_cert_path(&self) -> Option<&Path> {
        self.ca_file.as_ref().map(|f| f.path())
    }

    pub fn scenario(&self) -> Scenario {
        self.org.scenario()
    }

    /// Takes effect on the next request. Records and tokens are kept. The scenario starts
    /// afresh each time it is picked, even when the org is on it already: `app-propagating`
    /// refuses the key for its `propagation` from now, and what deploys and the credentials
    /// API changed is undone (a deploy in flight ends canceled).
    pub fn set_scenario(&self, scenario: Scenario) {
        self.org.set_scenario(scenario);
    }

    /// A snapshot, the same as `GET /__sim/state`.
    pub fn state(&self) -> SimState {
        self.org.snapshot()
    }

    /// Stops accepting, lets requests in flight finish (up to a few seconds), then returns.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take() {
            if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
    }
}

impl Drop for SimOrg {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl std::fmt::Debug for SimOrg {
    // Never prints the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimOrg")
            .field("base_url", &self.org.base_url)
            .field("scenario", &self.org.scenario())
            .field("tls", &self.ca_pem.is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sim_org_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<SimOrg>();
        assert_send_sync::<SimOptions>();
    }

    #[test]
    fn default_options() {
        let o = SimOptions::default();
        assert_eq!(
            (o.port, o.scenario, o.latency, o.tls),
            (0, Scenario::Healthy, Duration::ZERO, false)
        );
    }
}
