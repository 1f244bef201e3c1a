//! What CI systems read: JUnit XML (one testcase per step), the Markdown report for a job
//! summary, and GitHub Actions' `::error` annotation.

use eca_core::types::{CheckReport, StepStatus};
use std::fmt::Write as _;

/// The report as JUnit XML: a testsuite named `eca-preflight`, one testcase per step; a failed
/// step carries the diagnosis (title, cause, fix) as its failure, a skipped one why.
pub fn junit(report: &CheckReport) -> String {
    let count = |status: StepStatus| report.steps.iter().filter(|s| s.status == status).count();
    let seconds = |ms: Option<u64>| format!("{:.3}", ms.unwrap_or(0) as f64 / 1000.0);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"eca-preflight\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" time=\"{}\">",
        report.steps.len(),
        count(StepStatus::Failed),
        count(StepStatus::Skipped),
        seconds(Some(report.total_ms)),
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"eca-preflight\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" time=\"{}\" timestamp=\"{}\">",
        report.steps.len(),
        count(StepStatus::Failed),
        count(StepStatus::Skipped),
        seconds(Some(report.total_ms)),
        xml(&report.started_at),
    );
    for step in &report.steps {
        let _ = write!(
            out,
            "    <testcase classname=\"eca-preflight\" name=\"{}\" time=\"{}\"",
            xml(step.id.label()),
            seconds(step.ms),
        );
        let summary = step.summary.as_deref().unwrap_or("");
        match step.status {
            StepStatus::Failed => {
                let diagnosis = report
                    .diagnosis
                    .as_ref()
                    .filter(|d| d.step == Some(step.id));
                let (code, title, text) = match diagnosis {
                    Some(d) => {
                        let fix: Vec<String> = d
                            .fix
                            .iter()
                            .enumerate()
                            .map(|(i, f)| format!("{}. {f}", i + 1))
                            .collect();
                        (
                            d.code.as_str(),
                            d.title.as_str(),
                            format!("{summary}\n\n{}\n\nFix:\n{}", d.cause, fix.join("\n")),
                        )
                    }
                    None => ("failed", summary, summary.to_string()),
                };
                let _ = writeln!(
                    out,
                    ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                    xml(code),
                    xml(title),
                    xml(&text)
                );
            }
            StepStatus::Skipped => {
                let _ = writeln!(
                    out,
                    ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                    xml(summary)
                );
            }
            _ if !summary.is_empty() => {
                let _ = writeln!(
                    out,
                    ">\n      <system-out>{}</system-out>\n    </testcase>",
                    xml(summary)
                );
            }
            _ => {
                let _ = writeln!(out, "/>");
            }
        }
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Text for an XML attribute or element: markup escaped, control characters XML 1.0 cannot
/// hold dropped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// `::error title=…::…` for GitHub Actions, with the workflow-command escapes.
pub fn github_error(report: &CheckReport) -> Option<String> {
    let d = report.diagnosis.as_ref()?;
    let escape = |t: &str| {
        t.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let title = escape(&d.title).replace(':', "%3A").replace(',', "%2C");
    let fix: Vec<String> = d
        .fix
        .iter()
        .enumerate()
        .map(|(i, f)| format!("{}. {f}", i + 1))
        .collect();
    Some(format!(
        "::error title={title} [{}]::{}",
        d.code,
        escape(&format!("{}\nFix:\n{}", d.cause, fix.join("\n")))
    ))
}
