//! `make bench`: wall time of whole check runs against the in-process simulated org (no
//! latency), so changes to the pipeline's concurrency or the client show up as numbers. Not a
//! test: nothing here asserts on time. Also times domain parsing, the hot path of the live hint.
#![allow(clippy::unwrap_used, clippy::expect_used)]

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
