//! `make bench`: whole check runs through a latency relay (round trips; written to
//! `BENCHMARKS.md`), wall time against the in-process simulated org with no latency (the
//! pipeline's own cost), and domain parsing, the hot path of the live hint. Not a test: nothing
//! here asserts on time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod by_hand;
mod inspect_relay;
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

/// Each tool's median beside the check's (with a record, plain HTTP) at each round-trip time.
fn compare(rows: &[relay::Row], hand: &[by_hand::ToolRow]) -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "| RTT | how | median ms | min–max ms | × the check |\n|---|---|---|---|---|\n",
    );
    for &rtt in &relay::RTTS_MS {
        let Some(check) = rows.iter().find(|r| r.rtt_ms == rtt && r.record && !r.tls) else {
            continue;
        };
        let _ = writeln!(
            out,
            "| {rtt} ms | eca-preflight check | {:.0} | {:.0}–{:.0} | 1.00 |",
            check.median(),
            check.samples[0],
            check.samples[check.samples.len() - 1]
        );
        for t in hand.iter().filter(|t| t.rtt_ms == rtt) {
            let median = t.samples[t.samples.len() / 2];
            let _ = writeln!(
                out,
                "| {rtt} ms | {} | {median:.0} | {:.0}–{:.0} | {:.2} |",
                t.tool,
                t.samples[0],
                t.samples[t.samples.len() - 1],
                median / check.median()
            );
        }
    }
    out
}

/// One line of the plot: its name, colour and (round-trip time, median ms) points.
type Series<'a> = (&'a str, &'a str, Vec<(f64, f64)>);

/// Median time against round-trip time, one line per way of sending the requests, and the floor.
fn plot(rows: &[relay::Row], hand: &[by_hand::ToolRow]) -> String {
    use std::fmt::Write as _;
    let mut series: Vec<Series> = Vec::new();
    let check: Vec<(f64, f64)> = rows
        .iter()
        .filter(|r| r.record && !r.tls)
        .map(|r| (r.rtt_ms as f64, r.median()))
        .collect();
    series.push(("eca-preflight check", "#0b5cab", check));
    series.push((
        "floor (5 round trips)",
        "#8a8a8a",
        relay::RTTS_MS
            .iter()
            .map(|&r| (r as f64, r as f64 * relay::FLOOR_WITH_RECORD))
            .collect(),
    ));
    for (tool, color) in [("curl script", "#c62828"), ("newman", "#9a5b00")] {
        let points: Vec<(f64, f64)> = hand
            .iter()
            .filter(|t| t.tool == tool)
            .map(|t| (t.rtt_ms as f64, t.samples[t.samples.len() / 2]))
            .collect();
        if !points.is_empty() {
            series.push((tool, color, points));
        }
    }
    let (w, h, left, bottom, top, right) = (640.0, 360.0, 60.0, 40.0, 20.0, 170.0);
    let max_x = *relay::RTTS_MS.iter().max().unwrap_or(&150) as f64;
    let max_y = series
        .iter()
        .flat_map(|s| s.2.iter().map(|p| p.1))
        .fold(1.0, f64::max)
        * 1.05;
    let x = |v: f64| left + v / max_x * (w - left - right);
    let y = |v: f64| h - bottom - v / max_y * (h - bottom - top);
    let mut svg = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    let _ = writeln!(svg, "<line x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"black\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{}\" stroke=\"black\"/>", h - bottom, w - right, h - bottom, h - bottom);
    for &r in &relay::RTTS_MS {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{r} ms</text>",
            x(r as f64),
            h - bottom + 16.0
        );
    }
    for i in 0..=4 {
        let v = max_y * i as f64 / 4.0;
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{:.0} ms</text>",
            left - 6.0,
            y(v) + 4.0,
            v
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">round-trip time</text>",
        (left + w - right) / 2.0,
        h - 6.0
    );
    for (i, (name, color, points)) in series.iter().enumerate() {
        let path: Vec<String> = points
            .iter()
            .map(|(px, py)| format!("{:.1},{:.1}", x(*px), y(*py)))
            .collect();
        let dash = if name.starts_with("floor") {
            " stroke-dasharray=\"4 3\""
        } else {
            ""
        };
        let _ = writeln!(
            svg,
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{}\"/>",
            path.join(" ")
        );
        let ly = top + 16.0 * i as f64;
        let _ = writeln!(svg, "<line x1=\"{}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/><text x=\"{}\" y=\"{}\">{name}</text>", w - right + 10.0, w - right + 30.0, w - right + 34.0, ly + 4.0);
    }
    svg.push_str("</svg>\n");
    svg
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let rows = runtime.block_on(relay::measure());
    let inspected = runtime.block_on(inspect_relay::measure());
    println!("{inspected}");
    let hand = runtime.block_on(by_hand::measure(&relay::RTTS_MS));
    let table = relay::table(&rows);
    let compared = compare(&rows, &hand);
    println!("{table}\n{compared}");
    // CARGO_MANIFEST_DIR is <repo>/src-tauri/crates/core.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(3)
        .expect("the repository root");
    let path = root.join("BENCHMARKS.md");
    let doc = format!(
        "# Benchmarks\n\nWritten by `make bench` ({}, {} CPUs). A healthy check against the simulated org through a\nloopback relay that behaves like a network of the given round-trip time: each new connection\npays its handshake (one round trip), each chunk half a round trip each way. Plain HTTP except the\nHTTPS rows (TLS 1.3 end to end through the relay: one more round trip per new connection; the\nfloor column is for plain HTTP). Median of 5 runs, with min and max. The floor with a record is {} round trips:\nconnect, token, identity + describe in parallel, create/read/delete in one composite call,\nrevoke. Without a record it is {}: connect, token, identity + limits in parallel, revoke (the\nrevoke waits for identity's answer, since a revoked token would fail it; going lower would need\nHTTP pipelining, which proxies break, or not confirming the revoke).\n\n{table}\n## Inspect\n\n`inspect` with an admin's token, through the same relay at {} ms (plain HTTP), median of 5 runs.\nThe floor is {} round trips: connect, the API versions (a second connection opens beside them),\nthe Metadata API's list of both app kinds beside one composite call of three describes, the\nSettings tabs and legacy Connected Apps that may hold the key (ten a call, all at once), and one\ncomposite call of every SOQL read (later reads name earlier answers,\n`@{{policy.records[0].ClientCredentialsFlowUser}}`). With `--admin-org` the login comes from Salesforce CLI first (Node's start-up:\nseconds, not counted here).\n\n{inspected}\n## The same requests by hand\n\nThe {} requests of a healthy check with a record (versions, token, userinfo, limits, describe,\ncreate, read, delete, revoke) as a sequential curl script (a new connection each) and as a newman\ncollection (Postman's runner: Node's start-up included), through the same relay; 5 runs each.\n\n{compared}\n![Time against round-trip time](BENCHMARKS.svg)\n",
        std::env::consts::OS,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        relay::FLOOR_WITH_RECORD,
        relay::FLOOR_WITHOUT_RECORD,
        inspect_relay::RTT_MS,
        inspect_relay::FLOOR,
        by_hand::REQUESTS
    );
    if let Err(e) = std::fs::write(root.join("BENCHMARKS.svg"), plot(&rows, &hand)) {
        eprintln!("could not write BENCHMARKS.svg: {e}");
    }
    // The desktop section is tests/bench/desktop.py's (make bench runs it next): kept as it is.
    let desktop = std::fs::read_to_string(&path).ok().and_then(|old| {
        old.find("\n## The desktop app")
            .map(|start| old[start..].to_string())
    });
    let doc = doc + desktop.as_deref().unwrap_or_default();
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
