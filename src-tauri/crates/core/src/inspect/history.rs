//! Salesforce's own reason: the Run As user's recent Login History. Its `Status` says in
//! Salesforce's words why a grant failed (`Failed: OAuth API access disabled`, `Restricted IP`,
//! `User is frozen`, …), which the token endpoint's answer never does. Reading it needs "Manage
//! Users" or "Monitor Login History"; a login without them gets a note, not a failure.

use super::findings::{Finding, Severity, Source};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many of the newest rows are read.
pub const ROWS: usize = 5;

/// One row of Login History.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct LoginAttempt {
    /// As Salesforce writes it, e.g. `2026-12-05T14:02:11.000+0000`.
    pub login_time: String,
    /// Salesforce's own words: `Success`, `Failed: IP Address Not Allowed`, `User is frozen`, …
    pub status: String,
    pub login_type: Option<String>,
    /// The app the login was for.
    pub application: Option<String>,
    pub source_ip: Option<String>,
}

impl LoginAttempt {
    pub fn is_success(&self) -> bool {
        self.status.trim().eq_ignore_ascii_case("Success")
    }

    /// "Restricted IP (Login History, 2026-12-05 14:02 UTC, from 203.0.113.9)".
    pub fn quote(&self) -> String {
        let when = self
            .login_time
            .get(..16)
            .map_or(self.login_time.clone(), |t| {
                format!("{} UTC", t.replace('T', " "))
            });
        let from = self
            .source_ip
            .as_deref()
            .map(|ip| format!(", from {ip}"))
            .unwrap_or_default();
        format!("{} (Login History, {when}{from})", self.status)
    }
}

/// The Run As user's Login History as inspection shows it: the newest rows first, or why they
/// could not be read.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default, TS)]
pub struct LoginHistory {
    pub attempts: Vec<LoginAttempt>,
    /// Why there are no rows to show, when it is not that the user never logged in.
    pub note: Option<String>,
}

/// The SOQL of the newest rows of the user `user_id` (a quoted literal or a reference).
pub(crate) fn soql(user_id: &str) -> String {
    format!("SELECT LoginTime, Status, LoginType, Application, SourceIp FROM LoginHistory WHERE UserId = {user_id} ORDER BY LoginTime DESC LIMIT {ROWS}")
}

/// What is shown of the read, and Salesforce's reason quoted beside the first error finding
/// when the newest grant failed.
pub(crate) fn apply(read: Source<Vec<LoginAttempt>>, findings: &mut [Finding]) -> LoginHistory {
    let history = match read {
        Source::Read(mut attempts) => {
            attempts.sort_by(|a, b| b.login_time.cmp(&a.login_time));
            let note = attempts
                .is_empty()
                .then(|| "The Run As user has no recent logins.".to_string());
            LoginHistory { attempts, note }
        }
        Source::Denied { .. } => LoginHistory {
            attempts: Vec::new(),
            note: Some("This login may not read Login History (it needs \"Manage Users\" or \"Monitor Login History\"): Salesforce's own reason is not shown.".to_string()),
        },
        Source::Failed { why, .. } => LoginHistory {
            attempts: Vec::new(),
            note: Some(format!("Login History was not read: {why}.")),
        },
    };
    let newest_failed = history.attempts.first().filter(|a| !a.is_success());
    if let (Some(attempt), Some(finding)) = (
        newest_failed,
        findings.iter_mut().find(|f| f.severity == Severity::Error),
    ) {
        finding.salesforce_says = Some(attempt.quote());
    }
    history
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn row(time: &str, status: &str) -> LoginAttempt {
        LoginAttempt {
            login_time: time.into(),
            status: status.into(),
            login_type: Some("Remote Access 2.0".into()),
            application: Some("Preflight Integration".into()),
            source_ip: Some("203.0.113.9".into()),
        }
    }

    #[test]
    fn the_newest_failure_is_quoted_and_a_success_is_not() {
        let read = Source::Read(vec![
            row("2026-12-05T14:00:00.000+0000", "Success"),
            row("2026-12-05T14:02:11.000+0000", "Restricted IP"),
        ]);
        let mut findings = vec![Finding::for_test(Severity::Error)];
        let shown = apply(read, &mut findings);
        assert_eq!(shown.attempts[0].status, "Restricted IP", "newest first");
        assert_eq!(
            findings[0].salesforce_says.as_deref(),
            Some("Restricted IP (Login History, 2026-12-05 14:02 UTC, from 203.0.113.9)")
        );

        let mut findings = vec![Finding::for_test(Severity::Error)];
        apply(
            Source::Read(vec![row("2026-12-05T14:00:00.000+0000", "Success")]),
            &mut findings,
        );
        assert_eq!(findings[0].salesforce_says, None);

        let denied = apply(
            Source::Denied {
                what: "LoginHistory".into(),
            },
            &mut findings,
        );
        assert!(denied.note.unwrap().contains("Monitor Login History"));
    }
}
