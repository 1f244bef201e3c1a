//! The check as users feel it: whole runs through a loopback relay that behaves like a network
//! of a given round-trip time (each new connection pays its handshake, each chunk half a round
//! trip each way), counted in round trips. Writes the table to `BENCHMARKS.md`.

use eca_core::pipeline::{run_check, CheckConfig};
use eca_core::Secret;
use eca_sim::{LatencyRelay, Scenario, SimOptions, SimOrg};
use std::fmt::Write as _;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// Round trips a healthy check with a record cannot go below: connect, token, identity and
/// describe in parallel, create/read/delete in one composite call, revoke.
pub const FLOOR_WITH_RECORD: f64 = 5.0;
/// Without a record: connect, token, identity and limits in parallel, revoke. Each waits for the
/// one before (the token for its request, the revoke for identity's answer, since a revoked token
/// fails it), so 4 is the floor while the revoke's answer is awaited; only HTTP pipelining or not
/// confirming the revoke would go lower.
pub const FLOOR_WITHOUT_RECORD: f64 = 4.0;
const RUNS: usize = 5;
pub const RTTS_MS: [u64; 3] = [10, 50, 150];

pub struct Row {
    pub rtt_ms: u64,
    pub record: bool,
    /// HTTPS (TLS 1.3: one more round trip per new connection).
    pub tls: bool,
    /// Sorted, in ms.
    pub samples: Vec<f64>,
}

impl Row {
    pub fn median(&self) -> f64 {
        self.samples[self.samples.len() / 2]
    }
}

async fn one_run(rtt: Duration, record: bool, tls: bool) -> f64 {
    let mut relay = LatencyRelay::bind(rtt).await.expect("the relay binds");
    // The relay passes bytes through, so TLS runs end to end between the client and the org.
    let url = if tls {
        relay.url().replacen("http://", "https://", 1)
    } else {
        relay.url()
    };
    let sim = SimOrg::start(SimOptions {
        scenario: Scenario::Healthy,
        advertised_url: Some(url.clone()),
        tls,
        ..SimOptions::default()
    })
    .await
    .expect("the simulated org starts");
    relay.start(sim.local_addr());
    let mut config = CheckConfig::new(&url, sim.client_id(), Secret::new(sim.client_secret()))
        .expect("the relay's address is valid input");
    config.create_record = record;
    config.ca_cert_pem = sim.ca_cert_pem().map(|pem| pem.as_bytes().to_vec());
    let started = Instant::now();
    let report = run_check(config, |_| {}, CancellationToken::new())
        .await
        .expect("valid input");
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    assert!(report.ok, "the benchmark must measure a passing run");
    sim.shutdown().await;
    ms
}

pub async fn measure() -> Vec<Row> {
    let mut rows = Vec::new();
    for rtt_ms in RTTS_MS {
        for (record, tls) in [(true, false), (false, false), (true, true)] {
            let mut samples = Vec::with_capacity(RUNS);
            for _ in 0..RUNS {
                samples.push(one_run(Duration::from_millis(rtt_ms), record, tls).await);
            }
            samples.sort_by(f64::total_cmp);
            rows.push(Row {
                rtt_ms,
                record,
                tls,
                samples,
            });
        }
    }
    rows
}

/// The Markdown table, one line per round-trip time and record choice.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| RTT | check | median ms | min–max ms | round trips (median) | × floor |\n|---|---|---|---|---|---|\n",
    );
    for row in rows {
        let rt = |ms: f64| ms / row.rtt_ms as f64;
        let floor = match (row.record, row.tls) {
            (true, false) => format!("{:.2}", rt(row.median()) / FLOOR_WITH_RECORD),
            (false, false) => format!("{:.2}", rt(row.median()) / FLOOR_WITHOUT_RECORD),
            (_, true) => "—".to_string(),
        };
        let _ = writeln!(
            out,
            "| {} ms | {} | {:.0} | {:.0}–{:.0} | {:.2} | {} |",
            row.rtt_ms,
            match (row.record, row.tls) {
                (true, false) => "with record",
                (false, _) => "--no-record",
                (true, true) => "with record, HTTPS",
            },
            row.median(),
            row.samples[0],
            row.samples[row.samples.len() - 1],
            rt(row.median()),
            floor
        );
    }
    out
}
