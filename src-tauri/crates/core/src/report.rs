//! A finished run as a report: JSON (the CLI `--json` document) and Markdown (to paste in a
//! ticket). Never the secret or the token: `CheckReport` cannot hold them, because `Secret` has
//! no `Serialize` and no type in `types.rs` has a field for one.

use crate::types::{CheckReport, Diagnosis, RecordOutcome, StepResult, StepStatus};
use std::fmt::Write;

/// Pretty JSON of the report.
pub fn to_json(report: &CheckReport) -> String {
    // Serialising plain structs of strings, numbers and maps cannot fail; the fallback keeps
    // the output valid JSON regardless.
    serde_json::to_string_pretty(report).unwrap_or_else(|e| {
        serde_json::json!({ "ok": false, "error": format!("report could not be serialised: {e}") })
            .to_string()
    })
}

/// A Markdown report: org, host, app key (masked), Run As user, every step with its timing,
/// the record id and whether it was deleted, the diagnosis with its fix steps, warnings.
pub fn to_markdown(report: &CheckReport) -> String {
    let mut out = String::new();
    heading(&mut out, report);
    summary(&mut out, report);
    steps(&mut out, &report.steps);
    if let Some(record) = &report.record {
        record_section(&mut out, record);
    }
    if let Some(kept) = &report.token_kept {
        let _ = writeln!(out, "\n## Token kept\n\n{}", inline(&kept.reason));
    }
    if let Some(diagnosis) = &report.diagnosis {
        diagnosis_section(&mut out, diagnosis);
    }
    if !report.warnings.is_empty() {
        out.push_str("\n## Warnings\n\n");
        for w in &report.warnings {
            let _ = writeln!(
                out,
                "- ⚠️ **{}** (`{}`): {}",
                inline(&w.title),
                w.code,
                inline(&w.detail)
            );
        }
    }
    out
}

fn heading(out: &mut String, report: &CheckReport) {
    let verdict = if report.cancelled {
        "⏹️ Check cancelled".to_string()
    } else if report.ok {
        "✅ The External Client App works".to_string()
    } else {
        match &report.diagnosis {
            Some(d) => format!("❌ Check failed: {}", inline(&d.title)),
            None => "❌ Check failed".to_string(),
        }
    };
    let _ = writeln!(out, "# {verdict}\n");
}

fn summary(out: &mut String, report: &CheckReport) {
    if let Some(org) = &report.org {
        let _ = writeln!(
            out,
            "- **Org:** {} ({})",
            inline(&org.host),
            inline(org.kind.as_str())
        );
    }
    let _ = writeln!(
        out,
        "- **App (consumer key):** `{}`",
        report.client_id_masked
    );
    let net = &report.network;
    let trust = if net.extra_ca {
        "the system's trust store and the extra CA certificate"
    } else {
        "the system's trust store"
    };
    let via = match (&net.proxy, net.proxy_from_environment) {
        (Some(p), true) => format!("through the proxy {} (from the environment)", inline(p)),
        (Some(p), false) => format!("through the proxy {}", inline(p)),
        (None, _) => "directly, no proxy".to_string(),
    };
    let _ = writeln!(
        out,
        "- **Network:** {via}; certificates checked against {trust}"
    );
    if let Some(id) = &report.identity {
        let who = id
            .username
            .as_deref()
            .unwrap_or("username not visible (add the openid scope)");
        let integration = match id.is_integration_user {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        };
        let _ = writeln!(
            out,
            "- **Run As user:** {} — user `{}`, org `{}`, integration user: {integration}",
            inline(who),
            id.user_id,
            id.org_id
        );
    }
    if let Some(org) = &report.org {
        if let Some(v) = &org.api_version {
            let release = org
                .api_release
                .as_deref()
                .map(|r| format!(" ({})", inline(r)))
                .unwrap_or_default();
            let usage = org
                .api_usage
                .map(|u| format!(", API requests used {} of {}", u.used, u.max))
                .unwrap_or_default();
            let _ = writeln!(out, "- **API:** v{}{release}{usage}", inline(v));
        }
        if let Some(scopes) = &org.scopes {
            let _ = writeln!(out, "- **Token scopes:** {}", inline(&scopes.join(" ")));
        }
    }
    let _ = writeln!(
        out,
        "- **Started:** {} · {} ms in total",
        inline(&report.started_at),
        report.total_ms
    );
}

fn steps(out: &mut String, steps: &[StepResult]) {
    out.push_str("\n## Steps\n\n| Step | Status | Time | Details |\n|---|---|---|---|\n");
    for s in steps {
        let status = match s.status {
            StepStatus::Passed if s.warning.is_some() => "⚠️ passed",
            StepStatus::Passed => "✅ passed",
            StepStatus::Failed => "❌ failed",
            StepStatus::Skipped => "⏭️ skipped",
            StepStatus::Running => "… running",
            StepStatus::Pending => "· pending",
        };
        let ms = s.ms.map(|ms| format!("{ms} ms")).unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {status} | {ms} | {} |",
            s.id.label(),
            cell(s.summary.as_deref().unwrap_or(""))
        );
    }
}

fn record_section(out: &mut String, record: &RecordOutcome) {
    out.push_str("\n## Test record\n\n");
    let Some(id) = &record.id else {
        let _ = writeln!(out, "No {} record was created.", inline(&record.object));
        return;
    };
    let link = record
        .url
        .as_deref()
        .map(|u| format!(" ([open]({u}))"))
        .unwrap_or_default();
    let fate = if record.deleted {
        "deleted".to_string()
    } else if record.kept {
        format!("kept, as asked{link}")
    } else {
        format!("**LEFT BEHIND** — delete it by hand{link}")
    };
    let _ = writeln!(out, "- {} `{id}`: {fate}", inline(&record.object));
    if record.created {
        let read = if record.read_back { "yes" } else { "no" };
        let _ = writeln!(out, "- Read back: {read}");
    }
    if !record.fields.is_empty() {
        let fields: Vec<String> = record
            .fields
            .iter()
            .map(|(k, v)| format!("{}={}", inline(k), inline(v)))
            .collect();
        let _ = writeln!(out, "- Fields sent: {}", fields.join(", "));
    }
}

fn diagnosis_section(out: &mut String, d: &Diagnosis) {
    let _ = writeln!(out, "\n## Diagnosis: {}\n", inline(&d.title));
    let step = d
        .step
        .map(|s| format!(" · step: {}", s.label()))
        .unwrap_or_default();
    let _ = writeln!(out, "Code `{}`{step}\n", d.code);
    if !d.configuration_problem {
        let _ = writeln!(
            out,
            "**Not a configuration problem:** nothing in the app or in Setup needs to change.\n"
        );
    }
    let _ = writeln!(out, "{}\n", inline(&d.cause));
    out.push_str("**Fix:**\n\n");
    for (i, f) in d.fix.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, inline(f));
    }
    if let Some(url) = &d.setup_url {
        let label = d.setup_label.as_deref().unwrap_or("Setup");
        let _ = writeln!(out, "\nSetup: [{}]({url})", inline(label));
    }
    if let Some(url) = &d.doc_url {
        let _ = writeln!(out, "\nDocumentation: <{url}>");
    }
    if let Some(raw) = &d.details {
        let status = raw
            .status
            .map(|s| format!("HTTP {s}"))
            .unwrap_or_else(|| "no HTTP status".into());
        let request = raw
            .request
            .as_deref()
            .map(|r| format!(" to `{r}`"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\nRaw answer{request}: {status}, {} body",
            raw.body_kind.as_str()
        );
        if !raw.body.is_empty() {
            let fence = if raw.body.contains("```") {
                "~~~~"
            } else {
                "```"
            };
            let _ = writeln!(out, "\n{fence}\n{}\n{fence}", raw.body.trim_end());
        }
    }
}

/// Text on one line (a newline inside a list item or heading would break it).
fn inline(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// Text inside a table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::classify::{self, Answer};
    use crate::domain::parse_domain;
    use crate::secret::{mask, mask_client_id, Secret};
    use crate::types::*;
    use crate::DiagnosisCode;
    use std::collections::BTreeMap;

    fn step(id: StepId, status: StepStatus, ms: u64, summary: &str) -> StepResult {
        StepResult {
            id,
            status,
            ms: Some(ms),
            summary: Some(summary.into()),
            warning: None,
        }
    }

    fn failed_report(secret: &Secret) -> CheckReport {
        let domain = parse_domain("acme").unwrap();
        let body = format!(
            r#"[{{"message":"insufficient access rights on object id; secret was {}","errorCode":"INSUFFICIENT_ACCESS_OR_READONLY","fields":[]}}]"#,
            secret.expose()
        );
        let answer = Answer {
            status: 403,
            content_type: Some("application/json"),
            body: &body,
            truncated: false,
        };
        let code = classify::rest_error(StepId::Delete, &answer);
        let details = RawDetails {
            status: Some(403),
            content_type: Some("application/json".into()),
            body: mask(&body, &[secret]),
            body_kind: classify::body_kind(&answer),
            request: Some("DELETE /services/data/v68.0/sobjects/Account/001".into()),
        };
        let diagnosis = catalog::diagnose(code, Some(&domain), Some(StepId::Delete), Some(details));
        let mut signature = step(
            StepId::Signature,
            StepStatus::Passed,
            0,
            "signature | mismatch",
        );
        signature.warning = Some(DiagnosisCode::SignatureMismatch);
        CheckReport {
            schema_version: crate::types::REPORT_SCHEMA_VERSION,
            tool_version: crate::types::TOOL_VERSION.to_string(),
            ok: false,
            cancelled: false,
            steps: vec![
                step(
                    StepId::Token,
                    StepStatus::Passed,
                    120,
                    "Bearer token issued",
                ),
                signature,
                step(
                    StepId::Create,
                    StepStatus::Passed,
                    80,
                    "001xx000003DGb2AAG created",
                ),
                step(
                    StepId::Delete,
                    StepStatus::Failed,
                    45,
                    "403 INSUFFICIENT_ACCESS_OR_READONLY",
                ),
                StepResult {
                    status: StepStatus::Skipped,
                    ..StepResult::pending(StepId::Revoke)
                },
            ],
            diagnosis: Some(diagnosis),
            warnings: vec![catalog::warning(
                DiagnosisCode::SignatureMismatch,
                "id + issued_at did not match",
            )],
            identity: Some(Identity {
                username: Some("integration@acme.com.prod".into()),
                user_id: "005xx000001Sv6AAAS".into(),
                org_id: "00Dxx0000001gPLEAY".into(),
                display_name: None,
                email: None,
                is_integration_user: Some(true),
                user_type: Some("STANDARD".into()),
                active: Some(true),
                source: IdentitySource::Userinfo,
            }),
            record: Some(RecordOutcome {
                object: "Account".into(),
                id: Some("001xx000003DGb2AAG".into()),
                url: Some(domain.url("/lightning/r/Account/001xx000003DGb2AAG/view")),
                fields: BTreeMap::from([("Name".to_string(), "ECA Preflight test".to_string())]),
                required_fields: vec![],
                created: true,
                read_back: true,
                deleted: false,
                kept: false,
            }),
            token_kept: None,
            org: Some(OrgSummary {
                host: domain.host.clone(),
                kind: domain.kind,
                api_version: Some("68.0".into()),
                latest_api_version: Some("68.0".into()),
                api_release: Some("Winter '27".into()),
                instance_url: None,
                api_usage: Some(ApiUsage {
                    used: 12,
                    max: 15000,
                }),
                scopes: None,
                token_type: None,
            }),
            network: crate::network::NetworkSummary {
                proxy: Some("proxy.acme.com:3128".into()),
                proxy_from_environment: false,
                extra_ca: true,
            },
            client_id_masked: mask_client_id("3MVG9abcdefghijklmnopWXYZ"),
            started_at: "2026-11-02T10:00:00Z".into(),
            total_ms: 512,
        }
    }

    #[test]
    fn markdown_has_every_piece() {
        let secret = Secret::new("s3cr3t-value-XYZ-123");
        let md = to_markdown(&failed_report(&secret));
        for piece in [
            "# ❌ Check failed: The Run As user may not delete the test record",
            "- **Org:** acme.my.salesforce.com (production)",
            "`3MVG9…WXYZ`",
            "integration@acme.com.prod — user `005xx000001Sv6AAAS`, org `00Dxx0000001gPLEAY`, integration user: yes",
            "- **API:** v68.0 (Winter '27), API requests used 12 of 15000",
            "| Get an access token | ✅ passed | 120 ms | Bearer token issued |",
            "| Verify the token signature | ⚠️ passed | 0 ms | signature \\| mismatch |",
            "| Delete the test record | ❌ failed | 45 ms |",
            "| Revoke the access token | ⏭️ skipped |",
            "Account `001xx000003DGb2AAG`: **LEFT BEHIND**",
            "(https://acme.my.salesforce.com/lightning/r/Account/001xx000003DGb2AAG/view)",
            "Code `record_delete_denied` · step: Delete the test record",
            "1. Delete the record as an admin",
            "2. ",
            "Setup: [Permission Sets](https://acme.my.salesforce.com/lightning/setup/PermSets/home)",
            "Raw answer to `DELETE /services/data/v68.0/sobjects/Account/001`: HTTP 403, json body",
            "## Warnings",
            "(`signature_mismatch`): id + issued_at did not match",
        ] {
            assert!(md.contains(piece), "missing {piece:?} in\n{md}");
        }
    }

    #[test]
    fn a_masked_secret_never_reaches_either_output() {
        let secret = Secret::new("s3cr3t-value-XYZ-123");
        let report = failed_report(&secret);
        let md = to_markdown(&report);
        let json = to_json(&report);
        assert!(md.contains("secret was ****"), "{md}");
        assert!(!md.contains(secret.expose()));
        assert!(!json.contains(secret.expose()));
    }

    #[test]
    fn json_is_the_cli_document() {
        let report = failed_report(&Secret::new("whatever-secret"));
        let json = to_json(&report);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["ok"], false);
        assert_eq!(v["diagnosis"]["code"], "record_delete_denied");
        assert_eq!(v["steps"][0]["id"], "token");
        assert_eq!(v["record"]["deleted"], false);
        let back: CheckReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report);
    }

    #[test]
    fn a_passing_run_reads_as_such() {
        let mut report = failed_report(&Secret::new("whatever-secret"));
        report.ok = true;
        report.diagnosis = None;
        report.warnings.clear();
        report.record.as_mut().unwrap().deleted = true;
        let md = to_markdown(&report);
        assert!(md.starts_with("# ✅ The External Client App works"), "{md}");
        assert!(md.contains("Account `001xx000003DGb2AAG`: deleted"));
        assert!(!md.contains("## Diagnosis"));
        assert!(!md.contains("## Warnings"));
        report.record.as_mut().unwrap().deleted = false;
        report.record.as_mut().unwrap().kept = true;
        assert!(to_markdown(&report).contains("kept, as asked"));
    }
}
