//! `eca-sim`: runs a simulated Salesforce org until killed.
//! Prints one JSON line once ready: `{"base_url","client_id","client_secret","ca_cert"}`.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use eca_sim::{Scenario, SimOptions, SimOrg};

#[derive(Parser, Debug)]
#[command(
    name = "eca-sim",
    version,
    about = "A simulated Salesforce org for ECA Preflight"
)]
struct Args {
    /// Port on 127.0.0.1 (0 = any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Scenario name (see --list-scenarios).
    #[arg(long, default_value = "healthy")]
    scenario: String,
    /// Delay added to every response, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Serve HTTPS with a generated CA (its PEM path is printed as ca_cert).
    #[arg(long)]
    tls: bool,
    /// Seconds a new app's key is refused: app-propagating's from the start (the scenario is
    /// picked then), and each app a deploy creates from its creation (0: at once).
    #[arg(long, default_value_t = 20)]
    propagation_s: u64,
    /// Answer 404 to `…/composite`, as an API gateway that passes only named resources would.
    #[arg(long)]
    no_composite: bool,
    /// Inject a fault into the Nth request: KIND@N with KIND 500, reset, stall or html.
    #[arg(long, value_name = "KIND@N")]
    fault: Option<eca_sim::Fault>,
    /// Print every scenario (name, expected diagnosis code, description) and exit.
    #[arg(long)]
    list_scenarios: bool,
}

fn scenario_list() -> String {
    Scenario::ALL
        .iter()
        .map(|s| {
            format!(
                "{}\t{}\t{}\n",
                s.name(),
                s.expected_code().unwrap_or("-"),
                s.description()
            )
        })
        .collect()
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.list_scenarios {
        print!("{}", scenario_list());
        return ExitCode::SUCCESS;
    }
    let Some(scenario) = Scenario::from_name(&args.scenario) else {
        eprintln!(
            "eca-sim: unknown scenario '{}'. Valid scenarios:\n{}",
            args.scenario,
            scenario_list()
        );
        return ExitCode::from(2);
    };
    // Logs go to stderr: stdout carries only the JSON line.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("eca-sim: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let opts = SimOptions {
        port: args.port,
        scenario,
        latency: Duration::from_millis(args.latency_ms),
        tls: args.tls,
        propagation: std::time::Duration::from_secs(args.propagation_s),
        composite: !args.no_composite,
        advertised_url: None,
        fault: args.fault,
    };
    runtime.block_on(run(opts))
}

/// The ready line, fields in the documented order (`rotation` adds the staged pair).
#[derive(serde::Serialize)]
struct Ready<'a> {
    base_url: &'a str,
    client_id: &'a str,
    client_secret: &'a str,
    ca_cert: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    staged_client_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    staged_client_secret: Option<&'a str>,
    /// For inspection tests: an admin's login, and one without the permission to view apps.
    admin_token: &'a str,
    limited_admin_token: &'a str,
}

async fn run(opts: SimOptions) -> ExitCode {
    let org = match SimOrg::start(opts).await {
        Ok(org) => org,
        Err(e) => {
            eprintln!("eca-sim: {e}");
            return ExitCode::FAILURE;
        }
    };
    let line = match serde_json::to_string(&Ready {
        base_url: org.base_url(),
        client_id: org.client_id(),
        client_secret: org.client_secret(),
        ca_cert: org.ca_cert_path().map(|p| p.display().to_string()),
        staged_client_id: (org.scenario() == Scenario::Rotation).then(|| org.staged_client_id()),
        staged_client_secret: (org.scenario() == Scenario::Rotation)
            .then(|| org.staged_client_secret()),
        admin_token: org.admin_token(),
        limited_admin_token: org.limited_admin_token(),
    }) {
        Ok(line) => line,
        Err(e) => {
            eprintln!("eca-sim: {e}");
            return ExitCode::FAILURE;
        }
    };
    let stop = termination();
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    drop(out);
    stop.await;
    org.shutdown().await;
    ExitCode::SUCCESS
}

/// Ctrl-C, or SIGTERM on Unix. Registered before the ready line is printed, so a client
/// that stops us right after reading it is not racing the handler's installation.
#[cfg(unix)]
fn termination() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{signal, SignalKind};
    let term = signal(SignalKind::terminate());
    let int = signal(SignalKind::interrupt());
    async move {
        match (term, int) {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = int.recv() => {}
                }
            }
            // No handler could be installed: the default action still ends the process.
            _ => std::future::pending().await,
        }
    }
}

#[cfg(not(unix))]
fn termination() -> impl std::future::Future<Output = ()> {
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
