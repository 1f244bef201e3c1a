//! `make bench`: whole check runs through a latency relay (round trips; written to
//! `BENCHMARKS.md`), wall time against the in-process simulated org with no latency (the
//! pipeline's own cost), and domain parsing, the hot path of the live hint. Not a test: nothing
//! here asserts on time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod relay;

use eca_core::domain::parse_domain;
use eca_core::pipeline::{run_check, CheckConfig};
use eca_core::Secret;
use eca_sim::{Scenario, SimOptions, SimOrg};
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

const RUNS: usize = 50;

fn summary(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let total: Duration = samples.iter().sum();
    let mean = total / samples.len() as u32;
    let pct = |p: usize| samples[(samples.len() - 1) * p / 100];
    println!(
        "{label:<34} n={:<6} mean {:>9.3?}  p50 {:>9.3?}  p95 {:>9.3?}  max {:>9.3?}",
        samples.len(),
        mean,
        pct(50),
        pct(95),
        pct(100)
    );
}

async fn bench_scenario(scenario: Scenario, create_record: bool) -> Vec<Duration> {
    let sim = SimOrg::start(SimOptions {
        scenario,
        ..SimOptions::default()
    })
    .await
    .expect("the simulated org starts");
    let mut samples = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let mut config = CheckConfig::new(
            sim.base_url(),
            sim.client_id(),
            Secret::new(sim.client_secret()),
        )
        .expect("the simulated org's address is valid input");
        config.create_record = create_record;
        let started = Instant::now();
        let report = run_check(config, |_| {}, CancellationToken::new())
            .await
            .expect("valid input");
        samples.push(started.elapsed());
        assert_eq!(
            report.diagnosis.as_ref().map(|d| d.code.as_str()),
            scenario.expected_code(),
            "the benchmark must measure the run it means to"
        );
    }
    sim.shutdown().await;
    samples
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let rows = runtime.block_on(relay::measure());
    let table = relay::table(&rows);
    println!("{table}");
    // CARGO_MANIFEST_DIR is <repo>/src-tauri/crates/core.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(3)
        .expect("the repository root");
    let path = root.join("BENCHMARKS.md");
    let doc = format!(
        "# Benchmarks\n\nWritten by `make bench` ({}, {} CPUs). A healthy check against the simulated org through a\nloopback relay that behaves like a network of the given round-trip time: each new connection\npays its handshake (one round trip), each chunk half a round trip each way. Plain HTTP except the\nHTTPS rows (TLS 1.3 end to end through the relay: one more round trip per new connection; the\nfloor column is for plain HTTP). Median of 5 runs, with min and max. The floor with a record is {} round trips:\nconnect, token, identity + describe in parallel, create/read/delete in one composite call,\nrevoke.\n\n{table}",
        std::env::consts::OS,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        relay::FLOOR_WITH_RECORD
    );
    match std::fs::write(&path, doc) {
        Ok(()) => println!("wrote {}", path.display()),
        Err(e) => eprintln!("could not write {}: {e}", path.display()),
    }
    runtime.block_on(async {
        summary(
            "check, healthy, with record",
            bench_scenario(Scenario::Healthy, true).await,
        );
        summary(
            "check, healthy, --no-record",
            bench_scenario(Scenario::Healthy, false).await,
        );
        summary(
            "check, wrong secret (diagnosed)",
            bench_scenario(Scenario::WrongSecret, true).await,
        );
    });

    let inputs = [
        "acme",
        "https://acme--uat.sandbox.lightning.force.com/lightning/page/home",
        "login.salesforce.com",
        "http://127.0.0.1:8443",
    ];
    let mut samples = Vec::new();
    for _ in 0..2_000 {
        let started = Instant::now();
        for input in inputs {
            let _ = std::hint::black_box(parse_domain(std::hint::black_box(input)));
        }
        samples.push(started.elapsed() / inputs.len() as u32);
    }
    summary("parse_domain (per input)", samples);
}
