//! The `check` command: resolve the input, run the engine, print, write what CI reads, choose
//! the exit code.

use crate::{args, ci, human, resolve};
use eca_core::pipeline::{self, check_many, CheckConfig, InputError, ManyOutcome, Retry};
use eca_core::report;
use eca_core::types::{CheckReport, StepId, StepResult, StepStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILED: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
/// Cancelled by a signal, after the cleanup (128 + SIGINT, as shells report it).
pub const EXIT_SIGNALLED: u8 = 130;

pub async fn check(args: args::CheckArgs) -> u8 {
    let practice = match args.practice.as_deref() {
        None => None,
        Some(name) => match start_practice(name).await {
            Ok(org) => Some(org),
            Err(code) => return code,
        },
    };
    let resolved = match &practice {
        Some(org) => resolve::practice_config(&args, org),
        None => resolve::config(&args),
    };
    let code = check_with(&args, resolved).await;
    if let Some(org) = practice {
        org.shutdown().await;
    }
    code
}

/// `--practice SCENARIO`: the simulated org on loopback, inside this process. `list` prints the
/// scenarios (exit 0); an unknown name is a usage error naming them.
pub(crate) async fn start_practice(name: &str) -> Result<eca_sim::SimOrg, u8> {
    let names = || {
        eca_sim::Scenario::ALL
            .iter()
            .map(|s| s.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if name == "list" {
        for s in eca_sim::Scenario::ALL {
            println!("{:<28} {}", s.name(), s.title());
        }
        return Err(EXIT_OK);
    }
    let Some(scenario) = eca_sim::Scenario::from_name(name) else {
        eprintln!(
            "eca-preflight-cli: no practice situation {name:?}; there are: {}",
            names()
        );
        return Err(EXIT_USAGE);
    };
    eca_sim::SimOrg::start(eca_sim::SimOptions {
        scenario,
        ..eca_sim::SimOptions::default()
    })
    .await
    .map_err(|e| {
        eprintln!("eca-preflight-cli: the practice org did not start: {e}");
        EXIT_USAGE
    })
}

async fn check_with(
    args: &args::CheckArgs,
    resolved: Result<CheckConfig, resolve::ResolveError>,
) -> u8 {
    let json = args.json;
    let config = match resolved {
        Ok(c) => c,
        Err(resolve::ResolveError::Usage(e)) => {
            eprintln!("eca-preflight-cli: {e}");
            return EXIT_USAGE;
        }
        Err(resolve::ResolveError::Input(e)) => {
            return refused(&e, args.client_id.as_deref().unwrap_or_default(), json);
        }
    };
    let client_id = config.client_id.clone();
    let inspect = inspect_command(args, &config);
    human::warn_freeze_risk(&config, "");

    let cancel = CancellationToken::new();
    let signalled = Arc::new(AtomicBool::new(false));
    let signal_task = tokio::spawn(watch_signals(cancel.clone(), signalled.clone()));

    let result = run_waiting(config, json, args.wait, &cancel).await;
    signal_task.abort();

    let code = match result {
        Ok(report) => {
            let next = next_command(&report, inspect.as_deref());
            if json {
                emit(&json_document(&report, next));
            } else {
                emit(&human::epilogue(&report));
            }
            let written = write_outputs(args, &report);
            if let (Some(command), false) = (next, json) {
                emit(&human::next_command(command));
            }
            if !written {
                EXIT_USAGE
            } else if report.ok && (!args.strict || report.warnings.is_empty()) {
                EXIT_OK
            } else {
                EXIT_FAILED
            }
        }
        Err(e) => refused(&e, &client_id, json),
    };
    if signalled.load(Ordering::SeqCst) {
        EXIT_SIGNALLED
    } else {
        code
    }
}

/// One run; with `--wait`, again while Salesforce may still be applying a recent change.
pub(crate) async fn run_waiting(
    config: eca_core::pipeline::CheckConfig,
    json: bool,
    wait: Option<u64>,
    cancel: &CancellationToken,
) -> Result<CheckReport, InputError> {
    let on_step = move |step: &StepResult| {
        if json {
            return;
        }
        if let Some(line) = human::step_line(step) {
            emit(&line);
        }
    };
    let on_retry = |r: &Retry| {
        eprintln!(
            "{}: Salesforce may still be applying a recent change (it takes up to 10 minutes). Trying again in {} s; {} s left (Ctrl-C stops).",
            r.code.as_str(),
            r.pause.as_secs(),
            r.left.as_secs()
        );
    };
    let budget = std::time::Duration::from_secs(wait.unwrap_or(0));
    pipeline::run_waiting(config, budget, on_step, on_retry, cancel.clone()).await
}

/// `check --all-profiles`: every saved profile (practice excepted), four at a time, one line
/// each; exit 1 when any failed, 2 when any could not start.
pub async fn check_all(args: args::CheckArgs) -> u8 {
    let profiles = match resolve::all_profiles(args.store.as_deref()) {
        Ok(list) => list
            .into_iter()
            .filter(|p| !p.is_practice())
            .collect::<Vec<_>>(),
        Err(e) => {
            eprintln!("eca-preflight-cli: {e}");
            return EXIT_USAGE;
        }
    };
    if profiles.is_empty() {
        eprintln!("eca-preflight-cli: no saved profiles to check.");
        return EXIT_USAGE;
    }
    let entries = profiles
        .into_iter()
        .map(|profile| {
            let name = profile.name.clone();
            let config = resolve::config_with(&args, Some(profile)).map_err(|e| e.to_string());
            if let Ok(config) = &config {
                human::warn_freeze_risk(config, &format!("{name}: "));
            }
            (name, config)
        })
        .collect();
    let rows = check_many(entries, CancellationToken::new()).await;
    let width = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    let mut code = EXIT_OK;
    let mut doc = Vec::new();
    for (name, outcome) in &rows {
        let mark = match outcome {
            ManyOutcome::Ran(r) if r.ok => "✔",
            ManyOutcome::Ran(_) => {
                code = code.max(EXIT_FAILED);
                "✘"
            }
            ManyOutcome::Refused(_) => {
                code = EXIT_USAGE;
                "!"
            }
        };
        let text = outcome.detail();
        if args.json {
            let diagnosis = outcome.code().map(|c| c.as_str());
            doc.push(serde_json::json!({"profile": name, "ok": outcome.ok(), "diagnosis": diagnosis, "detail": text}));
        } else {
            emit(&format!("{mark} {name:<width$}  {text}"));
        }
    }
    if args.json {
        emit(&serde_json::Value::Array(doc).to_string());
    }
    code
}

/// SIGINT, SIGTERM (a cancelled CI job) or SIGHUP cancel the run: the engine still deletes a
/// record it created and revokes the token. A second signal exits at once.
async fn watch_signals(cancel: CancellationToken, signalled: Arc<AtomicBool>) {
    loop {
        if !next_signal().await {
            return;
        }
        if signalled.swap(true, Ordering::SeqCst) {
            eprintln!("Second signal: exiting now, without waiting for the cleanup.");
            std::process::exit(i32::from(EXIT_SIGNALLED));
        }
        eprintln!("Cancelling: cleaning up the test record and the token… (a second signal exits at once)");
        cancel.cancel();
    }
}

/// Waits for the next cancelling signal; false when none can be listened to.
#[cfg(unix)]
async fn next_signal() -> bool {
    use tokio::signal::unix::{signal, SignalKind};
    let (Ok(mut term), Ok(mut int), Ok(mut hup)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
        signal(SignalKind::hangup()),
    ) else {
        return false;
    };
    tokio::select! {
        _ = term.recv() => true,
        _ = int.recv() => true,
        _ = hup.recv() => true,
    }
}

#[cfg(not(unix))]
async fn next_signal() -> bool {
    tokio::signal::ctrl_c().await.is_ok()
}

/// `--junit`, `--markdown`, GitHub's job summary and error annotation. False (exit 2) when a
/// file could not be written: the CI would otherwise read a stale one.
fn write_outputs(args: &args::CheckArgs, report: &CheckReport) -> bool {
    let mut ok = true;
    let mut write = |path: &std::path::Path, text: &str, what: &str| {
        if let Err(e) = std::fs::write(path, text) {
            eprintln!(
                "eca-preflight-cli: cannot write the {what} to {}: {e}",
                path.display()
            );
            ok = false;
        }
    };
    if let Some(path) = &args.junit {
        write(path, &ci::junit(report), "JUnit report");
    }
    if let Some(path) = &args.markdown {
        write(path, &report::to_markdown(report), "Markdown report");
    }
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        use std::io::Write;
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut f| writeln!(f, "{}", report::to_markdown(report)));
        if let Err(e) = appended {
            eprintln!("eca-preflight-cli: cannot append to GITHUB_STEP_SUMMARY: {e}");
        }
    }
    if std::env::var("GITHUB_ACTIONS").as_deref() == Ok("true") {
        if let Some(line) = ci::github_error(report) {
            // Workflow commands are read from stdout; with --json that is the document's.
            if args.json {
                eprintln!("{line}");
            } else {
                emit(&line);
            }
        }
    }
    ok
}

/// Input refused before any request: its diagnosis, exit 2.
fn refused(e: &InputError, client_id: &str, json: bool) -> u8 {
    if json {
        emit(&json_document(&input_report(e, client_id), None));
    } else {
        eprintln!("{}", human::diagnosis(&e.diagnosis()).join("\n"));
    }
    EXIT_USAGE
}

/// The program as the admin runs it.
const PROGRAM: &str = "eca-preflight-cli";

/// The `inspect` command that reads this run's app with an admin's login: the practice
/// situation, the profile, or the run's own consumer key and My Domain (neither is a secret; no
/// secret and no proxy credentials are ever in it). None when inspection cannot read that org
/// (a host that is not Salesforce's).
fn inspect_command(args: &args::CheckArgs, config: &CheckConfig) -> Option<String> {
    if let Some(practice) = &args.practice {
        return Some(format!(
            "{PROGRAM} inspect --practice {}",
            shell_word(practice)
        ));
    }
    if !config.domain.is_trusted() {
        return None;
    }
    let mut words = vec![PROGRAM.to_string(), "inspect".to_string()];
    let mut push = |flag: &str, value: &str| {
        words.push(flag.to_string());
        words.push(shell_word(value));
    };
    let domain = if config.domain.is_loopback() {
        config.domain.url("")
    } else {
        config.domain.host.clone()
    };
    match &args.profile {
        // The profile names the key and the domain; the command line's own values replace them.
        Some(name) => {
            push("--profile", name);
            if let Some(store) = &args.store {
                push("--store", &store.display().to_string());
            }
            if args.client_id.is_some() {
                push("--client-id", &config.client_id);
            }
            if args.domain.is_some() {
                push("--domain", &domain);
            }
        }
        None => {
            push("--client-id", &config.client_id);
            push("--domain", &domain);
        }
    }
    if let Some(path) = &args.ca_cert {
        push("--ca-cert", &path.display().to_string());
    }
    // A proxy given with credentials is left out (a password is a secret); the admin adds it.
    if let Some(proxy) = args.proxy.as_deref().filter(|p| !p.contains('@')) {
        push("--proxy", proxy);
    }
    push("--admin-org", "ALIAS");
    Some(words.join(" "))
}

/// `command` when the run's diagnosis is one inspection narrows down to the exact setting
/// (its catalogue entry is `inspectable`).
fn next_command<'a>(report: &CheckReport, command: Option<&'a str>) -> Option<&'a str> {
    let code = report.diagnosis.as_ref()?.code;
    command.filter(|_| code.inspectable())
}

/// `value` as one word of a POSIX shell command: as is when that is safe, else single-quoted.
fn shell_word(value: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-.,/:@%+=".contains(c);
    if !value.is_empty() && value.chars().all(plain) {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

/// The `--json` document: the report's keys, then `next_command` (the `inspect` command that
/// names the exact setting behind the diagnosis, or null). An added key: `schema_version` stays.
fn json_document(report: &CheckReport, next: Option<&str>) -> String {
    #[derive(serde::Serialize)]
    struct Document<'a> {
        #[serde(flatten)]
        report: &'a CheckReport,
        next_command: Option<&'a str>,
    }
    let doc = Document {
        report,
        next_command: next,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| report::to_json(report))
}

/// A line on stdout; a closed pipe (`| head`) is not worth a panic.
pub(crate) fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}").and_then(|()| out.flush());
}

/// The `--json` document for input refused before any request: the same keys as a run.
fn input_report(e: &InputError, client_id: &str) -> CheckReport {
    let diagnosis = e.diagnosis();
    let steps = StepId::ALL
        .iter()
        .map(|&id| StepResult {
            id,
            status: if id == StepId::Domain {
                StepStatus::Failed
            } else {
                StepStatus::Skipped
            },
            ms: None,
            summary: Some(if id == StepId::Domain {
                e.to_string()
            } else {
                "the check did not start".to_string()
            }),
            warning: None,
        })
        .collect();
    CheckReport {
        schema_version: eca_core::types::REPORT_SCHEMA_VERSION,
        tool_version: eca_core::types::TOOL_VERSION.to_string(),
        ok: false,
        cancelled: false,
        steps,
        diagnosis: Some(diagnosis),
        warnings: Vec::new(),
        identity: None,
        record: None,
        token_kept: None,
        org: None,
        network: eca_core::network::NetworkSummary::default(),
        client_id_masked: eca_core::secret::mask_client_id(client_id),
        started_at: String::new(),
        total_ms: 0,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use clap::Parser;

    fn check_args(line: &[&str]) -> args::CheckArgs {
        let cli = args::Cli::try_parse_from(["eca-preflight-cli", "check"].iter().chain(line))
            .expect("valid arguments");
        match cli.command {
            args::Command::Check(a) => *a,
            _ => unreachable!(),
        }
    }

    fn config(domain: &str) -> CheckConfig {
        CheckConfig::new(domain, "3MVG9key", eca_core::Secret::new("s3cret")).unwrap()
    }

    #[test]
    fn the_inspect_command_holds_the_key_and_domain_and_never_a_secret() {
        let args = check_args(&[
            "--domain",
            "https://acme.lightning.force.com/lightning/setup/home",
            "--client-id",
            "3MVG9key",
            "--secret-env",
            "S",
            "--proxy",
            "http://user:pa55@proxy.corp:8080",
            "--ca-cert",
            "/etc/corp root.pem",
        ]);
        let cmd = inspect_command(&args, &config("acme")).unwrap();
        assert_eq!(
            cmd,
            "eca-preflight-cli inspect --client-id 3MVG9key --domain acme.my.salesforce.com --ca-cert '/etc/corp root.pem' --admin-org ALIAS"
        );
        assert!(!cmd.contains("pa55") && !cmd.contains("s3cret"));

        let args = check_args(&["--proxy", "http://proxy.corp:8080"]);
        let cmd = inspect_command(&args, &config("acme--uat.sandbox.my.salesforce.com")).unwrap();
        assert!(
            cmd.ends_with("--domain acme--uat.sandbox.my.salesforce.com --proxy http://proxy.corp:8080 --admin-org ALIAS"),
            "{cmd}"
        );

        let args = check_args(&["--profile", "Bob's org", "--secret-env", "S"]);
        let cmd = inspect_command(&args, &config("acme")).unwrap();
        assert!(
            cmd.starts_with(r"eca-preflight-cli inspect --profile 'Bob'\''s org' ")
                && cmd.ends_with(" --admin-org ALIAS"),
            "{cmd}"
        );

        let args = check_args(&["--practice", "no-run-as-user"]);
        assert_eq!(
            inspect_command(&args, &config("http://127.0.0.1:4000")).unwrap(),
            "eca-preflight-cli inspect --practice no-run-as-user"
        );
        let args = check_args(&[]);
        assert_eq!(
            inspect_command(&args, &config("http://127.0.0.1:4000")).unwrap(),
            "eca-preflight-cli inspect --client-id 3MVG9key --domain http://127.0.0.1:4000 --admin-org ALIAS"
        );
    }

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("3MVG9.a_b-c"), "3MVG9.a_b-c");
        assert_eq!(
            shell_word("https://x.my.salesforce.com"),
            "https://x.my.salesforce.com"
        );
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("$(rm -rf ~)"), "'$(rm -rf ~)'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }

    #[test]
    fn the_json_document_gets_next_command_last_and_stays_one_object() {
        let report = input_report(
            &InputError::Domain(eca_core::domain::DomainError::Empty),
            "3MVG9key",
        );
        for next in [None, Some("eca-preflight-cli inspect --practice \"x\"")] {
            let doc = json_document(&report, next);
            let value: serde_json::Value = serde_json::from_str(&doc).unwrap();
            assert_eq!(value["next_command"], serde_json::Value::from(next));
            assert_eq!(value["schema_version"], 1);
            assert!(
                doc.trim_start().starts_with("{\n  \"schema_version\""),
                "{doc}"
            );
            assert!(doc.trim_end().ends_with('}'));
        }
    }
}
