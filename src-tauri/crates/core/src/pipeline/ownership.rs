//! Whether the token a grant answered with is provably this run's own. The Client Credentials
//! flow may hand a new grant the access token an earlier grant received while that session is
//! valid — perhaps the live integration's. Revoking it would sign that client out, so a token is
//! revoked only when Salesforce's own two clocks say it was minted for this grant: its
//! `issued_at` no more than a minute before the `Date` of the same answer. The admin's clock
//! never enters (skew cannot matter).

use super::clock::Utc;
use crate::types::TokenKept;

/// How much older than its answer a token minted for that grant may look (clock rounding,
/// a slow answer).
pub(crate) const MARGIN_MS: u64 = 60_000;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Ownership {
    /// Minted for this grant: the run revokes it.
    Own,
    /// Minted before this grant: another client shares the session.
    Shared { issued_at_ms: u64 },
    /// The answer does not say when it was minted (`missing` names what is absent).
    Unproven { missing: &'static str },
}

/// `issued_at`: the token answer's milliseconds since the epoch (a string, as Salesforce sends
/// it); `date_ms`: that answer's `Date` header.
pub(crate) fn ownership(issued_at: Option<&str>, date_ms: Option<u64>) -> Ownership {
    let issued = issued_at.and_then(|s| s.trim().parse::<u64>().ok());
    match (issued, date_ms) {
        (None, _) => Ownership::Unproven {
            missing: "its answer has no issued_at",
        },
        (Some(_), None) => Ownership::Unproven {
            missing: "its answer has no Date header",
        },
        (Some(issued_at_ms), Some(date)) if issued_at_ms + MARGIN_MS < date => {
            Ownership::Shared { issued_at_ms }
        }
        (Some(_), Some(_)) => Ownership::Own,
    }
}

impl Ownership {
    /// What the run says of a token it keeps (None: it is the run's own, and revoked).
    pub(crate) fn kept(&self) -> Option<TokenKept> {
        match self {
            Ownership::Own => None,
            Ownership::Shared { issued_at_ms } => {
                let at = Utc::from_unix(issued_at_ms / 1000);
                Some(TokenKept {
                    shared: true,
                    issued_at: Some(at.rfc3339()),
                    reason: format!(
                        "Token kept: Salesforce issued it on {} at {:02}:{:02} UTC, before this check. Another client of this app is using the same session; revoking it would sign that client out.",
                        at.date(),
                        at.hour(),
                        at.minute()
                    ),
                })
            }
            Ownership::Unproven { missing } => Some(TokenKept {
                shared: false,
                issued_at: None,
                reason: format!(
                    "Token kept: {missing}, so this check cannot prove the token was issued for it — another client of this app may be using the same session, and revoking it would sign that client out. It lapses with the app's session timeout."
                ),
            }),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const DATE: u64 = 1_796_000_000_000; // 2026-11-30T00:53:20Z

    #[test]
    fn only_salesforce_s_two_clocks_decide() {
        // Minted for this grant: issued_at a little before or after the second the Date names.
        assert_eq!(
            ownership(Some(&(DATE - 900).to_string()), Some(DATE)),
            Ownership::Own
        );
        assert_eq!(
            ownership(Some(&(DATE + 999).to_string()), Some(DATE)),
            Ownership::Own
        );
        assert_eq!(
            ownership(Some(&(DATE - MARGIN_MS).to_string()), Some(DATE)),
            Ownership::Own
        );
        // Minted over a minute before the answer: an earlier grant's session.
        let old = DATE - MARGIN_MS - 1;
        assert_eq!(
            ownership(Some(&old.to_string()), Some(DATE)),
            Ownership::Shared { issued_at_ms: old }
        );
        assert!(matches!(
            ownership(None, Some(DATE)),
            Ownership::Unproven { .. }
        ));
        assert!(matches!(
            ownership(Some("not a number"), Some(DATE)),
            Ownership::Unproven { .. }
        ));
        assert!(matches!(
            ownership(Some(&DATE.to_string()), None),
            Ownership::Unproven { .. }
        ));
    }

    #[test]
    fn a_kept_token_is_explained_in_an_admin_s_words() {
        assert_eq!(Ownership::Own.kept(), None);
        let kept = Ownership::Shared {
            issued_at_ms: 1_796_000_000_000 - 3_600_000,
        }
        .kept()
        .unwrap();
        assert!(kept.shared);
        assert_eq!(kept.issued_at.as_deref(), Some("2026-11-29T23:53:20Z"));
        assert_eq!(
            kept.reason,
            "Token kept: Salesforce issued it on 2026-11-29 at 23:53 UTC, before this check. Another client of this app is using the same session; revoking it would sign that client out."
        );
        let unproven = ownership(None, Some(DATE)).kept().unwrap();
        assert!(!unproven.shared);
        assert!(
            unproven.reason.contains("no issued_at"),
            "{}",
            unproven.reason
        );
        assert!(unproven.reason.contains("session timeout"));
    }
}
