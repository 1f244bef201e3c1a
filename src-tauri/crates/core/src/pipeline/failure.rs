//! A failed step: its catalog code, a one-line summary and the raw answer with secrets masked.

use crate::classify;
use crate::client::{ClientError, SfResponse};
use crate::secret::{mask, Secret};
use crate::types::{RawDetails, Warning};

/// Why a step failed, ready for the catalog.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub code: String,
    /// One line for the step, e.g. `400 invalid_client: invalid client credentials`.
    pub summary: String,
    pub details: Option<RawDetails>,
}

impl Failure {
    /// No answer at all (DNS, TLS, timeout, redirect refused…).
    pub fn client(error: &ClientError) -> Self {
        Failure {
            code: error.code().to_string(),
            summary: error.to_string(),
            details: Some(error.details()),
        }
    }

    /// An answer that means failure. `secrets` (consumer secret, token) are masked everywhere.
    pub fn answer(code: &str, response: &SfResponse, secrets: &[&Secret]) -> Self {
        let masked = mask(&response.body, secrets);
        let details = classify::details(
            &response.answer(),
            Some(response.request.clone()),
            masked.clone(),
        );
        Failure {
            code: code.to_string(),
            summary: mask(&summary_line(response, &masked), secrets),
            details: Some(details),
        }
    }

    /// A success status whose body is not what Salesforce sends (HTML, cut short, other JSON).
    pub fn unexpected(response: &SfResponse, secrets: &[&Secret]) -> Self {
        let code = if response.truncated {
            "response_too_large"
        } else {
            "unknown_response"
        };
        let mut failure = Failure::answer(code, response, secrets);
        failure.summary = format!(
            "{} answered {} with {}, not the expected JSON",
            response.request,
            response.status,
            describe_body(response)
        );
        failure
    }
}

/// How a step ended when it did not pass.
#[derive(Debug)]
pub(crate) enum Halt {
    Failed(Box<Failure>),
    /// Cancelled while the step was in flight: the step is marked skipped.
    Cancelled,
}

impl From<Failure> for Halt {
    fn from(f: Failure) -> Self {
        Halt::Failed(Box::new(f))
    }
}

impl From<&ClientError> for Halt {
    fn from(e: &ClientError) -> Self {
        Halt::Failed(Box::new(Failure::client(e)))
    }
}

/// A step that passed: what it found, its summary line, maybe a warning.
pub(crate) struct Passed<T> {
    pub value: T,
    pub summary: String,
    pub warning: Option<Warning>,
}

impl<T> Passed<T> {
    pub fn new(value: T, summary: impl Into<String>) -> Self {
        Passed {
            value,
            summary: summary.into(),
            warning: None,
        }
    }
}

pub(crate) type Outcome<T> = Result<Passed<T>, Halt>;

/// `400 invalid_client: invalid client credentials`, `401 INVALID_SESSION_ID: Session expired…`,
/// `503 (an HTML page)`.
fn summary_line(response: &SfResponse, masked_body: &str) -> String {
    let value: Option<serde_json::Value> = if response.truncated {
        None
    } else {
        serde_json::from_str(masked_body).ok()
    };
    let text =
        |v: &serde_json::Value, key: &str| v.get(key).and_then(|x| x.as_str()).map(str::to_string);
    let message = value.as_ref().and_then(|v| {
        let first = v.as_array().and_then(|a| a.first()).unwrap_or(v);
        if let Some(code) = text(first, "errorCode") {
            return Some(match text(first, "message") {
                Some(m) => format!("{code}: {m}"),
                None => code,
            });
        }
        let error = text(first, "error")?;
        Some(match text(first, "error_description") {
            Some(d) if !d.is_empty() => format!("{error}: {d}"),
            _ => error,
        })
    });
    let message = message.unwrap_or_else(|| {
        let plain = masked_body.trim();
        let looks_html = response
            .content_type
            .as_deref()
            .is_some_and(|c| c.contains("html"))
            || plain.starts_with('<');
        if !looks_html && !plain.is_empty() && plain.len() <= 120 && !plain.contains('\n') {
            plain.to_string()
        } else {
            format!("({})", describe_body(response))
        }
    });
    cut(&format!("{} {message}", response.status), 140)
}

fn describe_body(response: &SfResponse) -> &'static str {
    match classify::body_kind(&response.answer()) {
        "html" => "an HTML page",
        "json" => "other JSON",
        "truncated_json" => "JSON cut short at the size limit",
        "empty" => "an empty body",
        _ if response.truncated => "a body cut short at the size limit",
        _ => "plain text",
    }
}

/// At most `max` characters, with "…" when cut.
pub(crate) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
