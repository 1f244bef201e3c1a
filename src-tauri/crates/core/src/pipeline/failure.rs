//! A failed step: its catalog code, a one-line summary and the raw answer with secrets masked.

use crate::classify;
use crate::client::{ClientError, SfResponse};
use crate::codes::{BodyKind, DiagnosisCode};
use crate::types::{RawDetails, Warning};

/// Why a step failed, ready for the catalog.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub code: DiagnosisCode,
    /// One line for the step, e.g. `400 invalid_client: invalid client credentials`.
    pub summary: String,
    pub details: Option<RawDetails>,
}

impl Failure {
    /// No answer at all (DNS, TLS, timeout, redirect refused…).
    pub fn client(error: &ClientError) -> Self {
        Failure {
            code: error.code(),
            summary: error.to_string(),
            details: Some(error.details()),
        }
    }

    /// An answer that means failure. The client masks every secret it knows in what is shown.
    pub fn answer(code: DiagnosisCode, response: &SfResponse) -> Self {
        let masked = response.masked_body();
        Failure {
            code,
            summary: summary_line(response, &masked),
            details: Some(response.details()),
        }
    }

    /// A success status whose body is not what Salesforce sends (HTML, cut short, other JSON).
    pub fn unexpected(response: &SfResponse) -> Self {
        let code = if response.truncated {
            DiagnosisCode::ResponseTooLarge
        } else {
            DiagnosisCode::UnknownResponse
        };
        let mut failure = Failure::answer(code, response);
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
    let joined = |code: String, text: String| {
        if text.is_empty() {
            code
        } else {
            format!("{code}: {text}")
        }
    };
    let message = (!response.truncated)
        .then(|| {
            classify::rest_error_fields(masked_body)
                .map(|(code, text)| (code.to_string(), text))
                .or_else(|| classify::oauth_error(masked_body).map(|(e, t)| (e.to_string(), t)))
                .map(|(code, text)| joined(code, text))
        })
        .flatten();
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
        BodyKind::Json => "other JSON",
        BodyKind::Text if response.truncated => "a body cut short at the size limit",
        kind => kind.phrase(),
    }
}

/// At most `max` characters, with "…" when cut — at the end of a word when one ends near.
pub(crate) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    if let Some(space) = out.rfind(' ').filter(|&i| out[i..].chars().count() <= 20) {
        out.truncate(space);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod cut_tests {
    use super::cut;

    #[test]
    fn cuts_at_a_word_end_with_an_ellipsis() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(
            cut("Please contact the administrator", 20),
            "Please contact the…"
        );
        assert_eq!(
            cut("Please contact the administrator", 24),
            "Please contact the…"
        );
        assert_eq!(cut(&"x".repeat(30), 10), format!("{}…", "x".repeat(9)));
    }
}
