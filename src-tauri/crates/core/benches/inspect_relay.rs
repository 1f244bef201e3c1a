//! Inspection as admins feel it: whole inspections through the same latency relay as the check,
//! counted in round trips. The floor is 5: connect, versions, the list of apps (beside the
//! describes), the Settings tabs and Connected Apps that may hold the key, one composite call of
//! every SOQL read.

use eca_core::client::ClientOptions;
use eca_core::inspect::{inspect, AdminLogin, FindingCode};
use eca_core::Secret;
use eca_sim::{LatencyRelay, Scenario, SimOptions, SimOrg};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

pub const FLOOR: f64 = 5.0;
const RUNS: usize = 5;
pub const RTT_MS: u64 = 50;
const SCENARIOS: [(Scenario, Option<FindingCode>); 5] = [
    (Scenario::Healthy, None),
    (Scenario::NoRunAsUser, Some(FindingCode::RunAsMissing)),
    (Scenario::FlowDisabled, Some(FindingCode::CcFlowOffPolicies)),
    (Scenario::RunAsEmail, Some(FindingCode::RunAsNotFound)),
    (Scenario::ConnectedApp, None),
];

async fn one_run(scenario: Scenario, expected: Option<FindingCode>) -> f64 {
    let mut relay = LatencyRelay::bind(Duration::from_millis(RTT_MS))
        .await
        .expect("the relay binds");
    let sim = SimOrg::start(SimOptions {
        scenario,
        advertised_url: Some(relay.url()),
        ..SimOptions::default()
    })
    .await
    .expect("the simulated org starts");
    relay.start(sim.local_addr());
    let login = AdminLogin::pasted(&relay.url(), Secret::new(sim.admin_token()))
        .expect("the relay's address is valid input");
    let options = ClientOptions::new(Duration::from_secs(20));
    let started = Instant::now();
    let found = inspect(&login, sim.client_id(), &options)
        .await
        .expect("the inspection runs");
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(
        found.findings.first().map(|f| f.code),
        expected,
        "the benchmark must measure the inspection it means to"
    );
    sim.shutdown().await;
    ms
}

/// The Markdown table: one line per scenario at 50 ms.
pub async fn measure() -> String {
    let mut out = String::from(
        "| RTT | inspect of | median ms | min–max ms | round trips (median) | × floor |\n|---|---|---|---|---|---|\n",
    );
    for (scenario, expected) in SCENARIOS {
        let mut samples = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            samples.push(one_run(scenario, expected).await);
        }
        samples.sort_by(f64::total_cmp);
        let median = samples[samples.len() / 2];
        let rt = median / RTT_MS as f64;
        let _ = writeln!(
            out,
            "| {RTT_MS} ms | {scenario} | {median:.0} | {:.0}–{:.0} | {rt:.2} | {:.2} |",
            samples[0],
            samples[samples.len() - 1],
            rt / FLOOR
        );
    }
    out
}
