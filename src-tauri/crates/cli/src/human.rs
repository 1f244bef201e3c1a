//! The human output: a line per step as it finishes, then the Run As user, the record, warnings
//! and the diagnosis. Everything printed comes from the report, which cannot hold a secret.

use eca_core::types::{CheckReport, Diagnosis, IdentitySource, StepResult, StepStatus};

const LABEL_WIDTH: usize = 28;

/// `✔ Get an access token            142 ms  Bearer, scopes: api openid id`; None while running.
pub fn step_line(step: &StepResult) -> Option<String> {
    let (icon, time) = match step.status {
        StepStatus::Passed => ("✔", format!("{} ms", step.ms.unwrap_or(0))),
        StepStatus::Failed => ("✘", format!("{} ms", step.ms.unwrap_or(0))),
        StepStatus::Skipped => ("–", "skipped".to_string()),
        StepStatus::Pending | StepStatus::Running => return None,
    };
    let icon = if step.warning.is_some() { "⚠" } else { icon };
    let summary = step.summary.as_deref().unwrap_or("");
    Some(
        format!(
            "{icon} {:<LABEL_WIDTH$} {time:>8}  {summary}",
            step.id.label()
        )
        .trim_end()
        .to_string(),
    )
}

/// Everything after the step lines.
pub fn epilogue(report: &CheckReport) -> String {
    let mut out = Vec::new();
    if let Some(id) = &report.identity {
        let who = id
            .username
            .clone()
            .unwrap_or_else(|| format!("user {}", id.user_id));
        let mut line = format!(
            "Run As user: {who} (user {}, org {})",
            id.user_id, id.org_id
        );
        if id.is_integration_user == Some(true) {
            line.push_str(", Salesforce Integration user");
        }
        if id.source == IdentitySource::TokenId {
            line.push_str(" — add the openid scope to see the username");
        }
        out.push(line);
    }
    if let Some(r) = &report.record {
        let id = r.id.as_deref().unwrap_or("(none)");
        let mut states = Vec::new();
        if r.created {
            states.push("created");
        } else {
            states.push("not created");
        }
        if r.read_back {
            states.push("read back");
        }
        if r.deleted {
            states.push("deleted");
        } else if r.kept {
            states.push("kept as asked");
        } else if r.created {
            states.push("NOT deleted");
        }
        out.push(format!(
            "Test record: {} {id} {}",
            r.object,
            states.join(", ")
        ));
        if r.created && !r.deleted {
            if let Some(url) = &r.url {
                out.push(format!("  It stays in the org: {url}"));
            }
        }
    }
    if let Some(org) = &report.org {
        if let Some(u) = org.api_usage {
            out.push(format!("API requests used: {} of {}", u.used, u.max));
        }
    }
    for w in &report.warnings {
        out.push(format!("⚠ {}: {}", w.title, w.detail));
    }
    let mut blocks = Vec::new();
    if !out.is_empty() {
        blocks.push(out.join("\n"));
    }
    if let Some(d) = &report.diagnosis {
        blocks.push(diagnosis(d).join("\n"));
    }
    blocks.push(verdict(report));
    format!("\n{}", blocks.join("\n\n"))
}

/// The last lines when inspection can name the exact setting behind the diagnosis.
pub fn next_command(command: &str) -> String {
    format!("\nFind the exact setting: {command}")
}

/// Said of a failure no setting explains (a maintenance window): still a failure, nothing to fix.
pub const NOT_CONFIGURATION: &str =
    "Not a configuration problem: nothing in the app or in Setup needs to change.";

pub fn diagnosis(d: &Diagnosis) -> Vec<String> {
    let mut out = vec![format!("✘ {} [{}]", d.title, d.code)];
    if !d.configuration_problem {
        out.push(format!("  {NOT_CONFIGURATION}"));
    }
    out.push(format!("  Cause: {}", d.cause));
    if !d.fix.is_empty() {
        out.push("  Fix:".to_string());
        for (i, step) in d.fix.iter().enumerate() {
            out.push(format!("    {}. {step}", i + 1));
        }
    }
    if let Some(url) = &d.setup_url {
        match &d.setup_label {
            Some(label) => out.push(format!("  Open: {url}  ({label})")),
            None => out.push(format!("  Open: {url}")),
        }
    }
    if let Some(doc) = &d.doc_url {
        out.push(format!("  Docs: {doc}"));
    }
    if let Some(raw) = &d.details {
        let status = raw
            .status
            .map(|s| s.to_string())
            .unwrap_or_else(|| "no response".to_string());
        let request = raw.request.as_deref().unwrap_or("");
        let kind = raw
            .content_type
            .as_deref()
            .unwrap_or(raw.body_kind.as_str());
        out.push(format!(
            "  Salesforce answered: {status} ({kind}) to {request}"
        ));
        let body = raw.body.trim();
        if !body.is_empty() {
            for line in body.lines().take(6) {
                out.push(format!("    {}", cut(line, 160)));
            }
        }
    }
    out
}

fn verdict(report: &CheckReport) -> String {
    let took = if report.total_ms < 1000 {
        format!("{} ms", report.total_ms)
    } else {
        format!("{:.1} s", report.total_ms as f64 / 1000.0)
    };
    if report.ok && report.warnings.is_empty() {
        format!("✔ All checks passed in {took}.")
    } else if report.ok {
        format!(
            "✔ All checks passed in {took}, with {} warning(s).",
            report.warnings.len()
        )
    } else if report.cancelled {
        format!("✘ Cancelled after {took}.")
    } else {
        let failed = report
            .steps
            .iter()
            .filter(|s| s.status == StepStatus::Failed)
            .count();
        format!("✘ {failed} check(s) failed ({took}).")
    }
}

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max - 1).collect();
    s.push('…');
    s
}

/// Before the first grant: the warning that Salesforce may freeze the Run As user for this
/// network (a production org through a proxy or inspected TLS). On stderr, and the run goes on:
/// a CI job must not wait for an answer.
pub fn warn_freeze_risk(config: &eca_core::pipeline::CheckConfig, prefix: &str) {
    if let Some(risk) = config.freeze_risk() {
        eprintln!("{prefix}Warning: {}\n  See {}", risk.warning, risk.kb_url);
    }
}
