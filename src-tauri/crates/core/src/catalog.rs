//! The diagnosis catalog: `catalog.toml` beside this crate, compiled in and parsed once. Every
//! failure the engine reports is one of its entries; the UI and the CLI render the same text,
//! and what a code does (keep trying, offer inspection) is read from its entry too.

use crate::codes::{BodyKind, DiagnosisCode};
use crate::domain::OrgDomain;
use crate::setup_guide::SetupStep;
use crate::types::{Diagnosis, RawDetails, StepId, Warning};
use std::sync::LazyLock;

/// One catalog entry as written in `catalog.toml`. A `code` that is not a [`DiagnosisCode`]
/// fails to parse, and a test checks that every `DiagnosisCode` has its entry.
#[derive(serde::Deserialize, serde::Serialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CatalogEntry {
    pub code: DiagnosisCode,
    pub title: String,
    /// The setup guide step that sets what this entry is about, if one does.
    pub step: Option<SetupStep>,
    /// A change made moments ago explains it (Salesforce takes up to 10 minutes to apply one):
    /// the app's "Keep trying" and the CLI's `check --wait` retry it.
    pub keeps_trying: bool,
    /// Its cause lies in a setting inspection reads: "Find the exact setting" is offered (from
    /// outside, each can only be narrowed down to a few causes).
    pub inspectable: bool,
    pub cause: String,
    pub fix: Vec<String>,
    /// Lightning Setup path, e.g. `/lightning/setup/ManageExternalClientApplication/home`.
    pub setup_path: Option<String>,
    pub setup_label: Option<String>,
    pub doc_url: Option<String>,
    /// `false` for a failure that no change in the app or Setup fixes (a maintenance window):
    /// the UI, the CLI and the reports then say "not a configuration problem". Default `true`.
    #[serde(default = "configuration_problem_default")]
    pub configuration_problem: bool,
}

/// Every entry is a configuration problem unless it says otherwise.
pub fn configuration_problem_default() -> bool {
    true
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    entry: Vec<CatalogEntry>,
}

const SOURCE: &str = include_str!("../catalog.toml");

static ENTRIES: LazyLock<Vec<CatalogEntry>> = LazyLock::new(|| {
    parse_compiled::<CatalogFile>("catalog.toml", SOURCE).map_or_else(Vec::new, |file| file.entry)
});

/// One of the catalogue's compiled-in TOML files. Unit tests parse each, so this cannot fail
/// in a release; if it somehow did, the caller falls back to built-in words instead of a panic.
pub(crate) fn parse_compiled<T: serde::de::DeserializeOwned>(
    name: &str,
    source: &str,
) -> Option<T> {
    toml::from_str::<T>(source)
        .map_err(|e| tracing::error!("{name} does not parse: {e}"))
        .ok()
}

/// All entries.
pub fn entries() -> &'static [CatalogEntry] {
    &ENTRIES
}

/// The entry for `code` (every code has one; a test checks it).
pub fn entry(code: DiagnosisCode) -> Option<&'static CatalogEntry> {
    entries().iter().find(|e| e.code == code)
}

impl DiagnosisCode {
    /// Whether waiting can fix it: see [`CatalogEntry::keeps_trying`].
    pub fn keeps_trying(self) -> bool {
        entry(self).is_some_and(|e| e.keeps_trying)
    }

    /// Whether inspection can name the setting behind it: see [`CatalogEntry::inspectable`].
    pub fn inspectable(self) -> bool {
        entry(self).is_some_and(|e| e.inspectable)
    }
}

/// The diagnosis for `code` in this org: Setup link made absolute on the org's host.
pub fn diagnose(
    code: DiagnosisCode,
    domain: Option<&OrgDomain>,
    step: Option<StepId>,
    details: Option<RawDetails>,
) -> Diagnosis {
    let vars = Vars::new(code, details.as_ref());
    let Some(entry) = entry(code) else {
        return fallback(code, step, details);
    };
    // A loopback address is the simulated org or a local server: firewall advice does not fit.
    let loopback_down =
        code == DiagnosisCode::ConnectFailed && domain.is_some_and(OrgDomain::is_loopback);
    let fix = if loopback_down {
        vec![
            format!(
                "Nothing answers on {}: is the simulated org (eca-sim) or the local server still running? Start it again.",
                domain.map_or("this address", |d| d.host.as_str())
            ),
            "Its port changes on every start: copy the new address from its first line into the profile's My Domain.".to_string(),
            "For the app's practice org, pick the situation again: the org restarts.".to_string(),
        ]
    } else {
        entry.fix.iter().map(|f| vars.fill(f)).collect()
    };
    Diagnosis {
        code: entry.code,
        title: vars.fill(&entry.title),
        cause: vars.fill(&entry.cause),
        fix,
        setup_url: entry
            .setup_path
            .as_deref()
            .zip(domain)
            .map(|(path, d)| d.url(path)),
        setup_label: entry.setup_label.clone(),
        doc_url: entry.doc_url.clone().filter(|_| !loopback_down),
        step,
        details,
        configuration_problem: entry.configuration_problem,
    }
}

/// A warning from the catalog (`signature_mismatch`, …) with a run-specific detail line.
pub fn warning(code: DiagnosisCode, detail: impl Into<String>) -> Warning {
    Warning {
        code,
        title: entry(code).map_or_else(|| "Warning".to_string(), |e| e.title.clone()),
        detail: detail.into(),
    }
}

/// Only reached if the compiled-in catalog failed to parse (a test guards against it).
fn fallback(code: DiagnosisCode, step: Option<StepId>, details: Option<RawDetails>) -> Diagnosis {
    Diagnosis {
        code,
        title: "The check failed".to_string(),
        cause: format!("The check failed with “{code}”. The raw answer is below."),
        fix: vec!["Read the raw answer below and check Setup → Login History.".to_string()],
        setup_url: None,
        setup_label: None,
        doc_url: None,
        step,
        details,
        configuration_problem: true,
    }
}

/// Values for the `{placeholders}` in catalog text, taken from the raw answer.
struct Vars {
    code: String,
    status: String,
    body_kind: &'static str,
    error: String,
    error_description: String,
}

impl Vars {
    fn new(code: DiagnosisCode, details: Option<&RawDetails>) -> Self {
        let status = details
            .and_then(|d| d.status)
            .map_or_else(|| "(no status)".to_string(), |s| s.to_string());
        let body_kind = details
            .map_or(BodyKind::NoResponse, |d| d.body_kind)
            .phrase();
        let (error, description) = details.map(|d| error_fields(&d.body)).unwrap_or_default();
        Vars {
            code: code.as_str().to_string(),
            status,
            body_kind,
            error: error.unwrap_or_else(|| "no error code".to_string()),
            error_description: description.unwrap_or_else(|| "no description".to_string()),
        }
    }

    fn fill(&self, text: &str) -> String {
        if !text.contains('{') {
            return text.to_string();
        }
        text.replace("{code}", &self.code)
            .replace("{status}", &self.status)
            .replace("{body_kind}", self.body_kind)
            .replace("{error_description}", &self.error_description)
            .replace("{error}", &self.error)
    }
}

/// `{"error","error_description"}` (OAuth) or `[{"errorCode","message"}]` (REST), each cut
/// to 300 characters for the sentence it goes in.
fn error_fields(body: &str) -> (Option<String>, Option<String>) {
    let short = |t: String| t.chars().take(300).collect::<String>();
    let oauth = || crate::classify::oauth_error(body).map(|(e, t)| (e.to_string(), t));
    let rest = || crate::classify::rest_error_fields(body).map(|(c, t)| (c.to_string(), t));
    match oauth().or_else(rest) {
        Some((code, text)) => (Some(short(code)), (!text.is_empty()).then(|| short(text))),
        None => (None, None),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    #[test]
    fn a_loopback_org_that_is_down_gets_loopback_advice_not_firewall_advice() {
        let local = crate::domain::parse_domain("http://127.0.0.1:4100").unwrap();
        let d = diagnose(DiagnosisCode::ConnectFailed, Some(&local), None, None);
        let fix = d.fix.join(" ");
        assert!(
            fix.contains("127.0.0.1:4100") && fix.contains("still running"),
            "{fix}"
        );
        assert!(!fix.contains("443") && d.doc_url.is_none());
        let real = crate::domain::parse_domain("acme").unwrap();
        assert!(
            diagnose(DiagnosisCode::ConnectFailed, Some(&real), None, None)
                .fix
                .join(" ")
                .contains("443")
        );
    }

    use super::*;
    use crate::classify::{self, Answer};
    use crate::domain::parse_domain;
    use std::collections::HashSet;

    fn c(code: &str) -> DiagnosisCode {
        DiagnosisCode::parse(code).unwrap()
    }

    #[test]
    fn every_code_has_one_entry_and_every_entry_a_code() {
        let file: CatalogFile = toml::from_str(SOURCE).expect("catalog.toml parses");
        assert_eq!(file.entry.len(), entries().len());
        for code in DiagnosisCode::ALL {
            let n = entries().iter().filter(|e| e.code == *code).count();
            assert_eq!(n, 1, "{code} has {n} catalog entries");
        }
        assert_eq!(entries().len(), DiagnosisCode::ALL.len());
        // A code in the file that is not a DiagnosisCode does not parse.
        let stray = SOURCE.replacen("code = \"not_my_domain\"", "code = \"martian_code\"", 1);
        assert!(toml::from_str::<CatalogFile>(&stray).is_err());
    }

    #[test]
    fn entries_are_well_formed() {
        for e in entries() {
            assert!(!e.title.trim().is_empty(), "{} has no title", e.code);
            assert!(!e.cause.trim().is_empty(), "{} has no cause", e.code);
            assert!(!e.fix.is_empty(), "{} has no fix", e.code);
            assert!(e.fix.iter().all(|f| !f.trim().is_empty()), "{}", e.code);
            if let Some(path) = &e.setup_path {
                assert!(path.starts_with("/lightning/setup/"), "{}: {path}", e.code);
                assert!(
                    e.setup_label.is_some(),
                    "{} has a path but no label",
                    e.code
                );
            }
            if let Some(url) = &e.doc_url {
                assert!(url.starts_with("https://"), "{}: {url}", e.code);
            }
            // Every placeholder used is one `fill` knows.
            let filled = Vars::new(e.code, None).fill(&format!("{} {}", e.title, e.cause));
            assert!(
                !filled.contains('{'),
                "{} has an unknown placeholder",
                e.code
            );
        }
    }

    /// The behaviour the app and the CLI read from an entry: keep trying only where a recent
    /// change explains the failure, inspect only where a setting inspection reads is behind it.
    #[test]
    fn the_behaviour_is_read_from_the_entries() {
        let (mut keeps, mut inspects) = (Vec::new(), Vec::new());
        for code in DiagnosisCode::ALL {
            let e = entry(*code).unwrap();
            assert_eq!(code.keeps_trying(), e.keeps_trying, "{code}");
            assert_eq!(code.inspectable(), e.inspectable, "{code}");
            if e.keeps_trying {
                keeps.push(code.as_str());
            }
            if e.inspectable {
                inspects.push(code.as_str());
            }
        }
        // The answers a change made moments ago explains (a new app or secret, a flow switch, a
        // Run As user, a pre-authorisation, the API turned on): the pipeline's retry list
        // before it moved into the entries.
        for code in [
            "client_id_invalid",
            "client_secret_invalid",
            "flow_disabled",
            "run_as_user_missing",
            "user_not_preauthorized",
            "api_disabled_org",
        ] {
            assert!(keeps.contains(&code), "{code} should keep trying");
        }
        assert_eq!(keeps.len(), 6, "{keeps:?}");
        assert_eq!(inspects.len(), 9, "{inspects:?}");
        assert!(inspects.contains(&"run_as_user_missing") && inspects.contains(&"no_valid_scopes"));
        assert!(!inspects.contains(&"cancelled") && !inspects.contains(&"dns_failed"));
        // A step names where in the guide the fix lies: the Run As user for its own state.
        assert_eq!(
            entry(c("run_as_user_inactive")).unwrap().step,
            Some(SetupStep::RunAsUser)
        );
        assert_eq!(
            entry(c("not_my_domain")).unwrap().step,
            Some(SetupStep::MyDomain)
        );
        assert_eq!(entry(c("cancelled")).unwrap().step, None);
        // An entry that leaves out a behaviour does not parse: each is stated, not defaulted.
        let silent = SOURCE.replacen("keeps_trying = false\n", "", 1);
        assert!(toml::from_str::<CatalogFile>(&silent).is_err());
        let silent = SOURCE.replacen("inspectable = false\n", "", 1);
        assert!(toml::from_str::<CatalogFile>(&silent).is_err());
    }

    #[test]
    fn the_causes_carry_the_facts_caveats() {
        let cause = |code: &str| entry(c(code)).unwrap().cause.clone();
        assert!(cause("client_id_invalid").contains("10 minutes"));
        assert!(cause("client_secret_invalid").contains("10 minutes"));
        assert!(cause("run_as_user_missing").contains("username"));
        assert!(cause("run_as_user_missing").contains("email"));
        assert!(cause("flow_disabled").contains("BOTH"));
        assert!(
            entry(c("unknown_response")).unwrap().setup_path.as_deref()
                == Some("/lightning/setup/OrgLoginHistory/home")
        );
    }

    /// Only a maintenance window is "not a configuration problem"; every other entry (and the
    /// diagnosis made from it) is one.
    #[test]
    fn only_maintenance_is_not_a_configuration_problem() {
        let not_config: Vec<&str> = entries()
            .iter()
            .filter(|e| !e.configuration_problem)
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(not_config, ["org_read_only_maintenance"]);
        let d = diagnose(
            c("org_read_only_maintenance"),
            None,
            Some(StepId::Create),
            None,
        );
        assert!(!d.configuration_problem);
        assert_eq!(d.doc_url.as_deref(), Some("https://status.salesforce.com"));
        assert!(diagnose(c("run_as_user_missing"), None, None, None).configuration_problem);
        // A diagnosis saved before the field existed reads as a configuration problem.
        let mut old = serde_json::to_value(&d).unwrap();
        old.as_object_mut().unwrap().remove("configuration_problem");
        let read: Diagnosis = serde_json::from_value(old).unwrap();
        assert!(read.configuration_problem);
    }

    /// The 2026 answers: what each entry must tell the admin.
    #[test]
    fn the_2026_entries_say_what_changed() {
        let text = |code: &str| {
            let e = entry(c(code)).unwrap();
            (e.cause.clone(), e.fix.join(" "), e.setup_path.clone())
        };
        let (cause, fix, path) = text("run_as_user_frozen");
        assert!(cause.contains("since April 2026"), "{cause}");
        for word in ["VPN", "proxy", "revokes all the user's OAuth tokens"] {
            assert!(cause.contains(word), "{word}: {cause}");
        }
        for word in [
            "Salesforce Security notification",
            "Login History",
            "Unfreeze",
        ] {
            assert!(fix.contains(word), "{word}: {fix}");
        }
        assert!(
            fix.find("network first").unwrap() < fix.find("Unfreeze").unwrap(),
            "{fix}"
        );
        assert_eq!(path.as_deref(), Some("/lightning/setup/ManageUsers/home"));
        for code in [
            "txn_security_blocked",
            "txn_security_session_ended",
            "txn_security_mfa_required",
        ] {
            let (cause, fix, path) = text(code);
            assert!(cause.contains("Transaction Security policy"), "{code}");
            assert!(
                fix.contains("Event Manager") && fix.contains("Run As user"),
                "{code}"
            );
            assert_eq!(
                path.as_deref(),
                Some("/lightning/setup/TransactionSecurityNew/home"),
                "{code}"
            );
        }
        let (cause, fix, path) = text("org_read_only_maintenance");
        assert!(cause.contains("maintenance window") && fix.contains("Trust"));
        assert_eq!(path, None);
    }

    /// No change made moments ago explains these, and no setting inspection reads does (a
    /// maintenance window passes by itself, but waiting out 10 minutes is not what it needs).
    #[test]
    fn the_2026_codes_offer_neither_keep_trying_nor_inspect() {
        for code in [
            "txn_security_blocked",
            "txn_security_session_ended",
            "txn_security_mfa_required",
            "org_read_only_maintenance",
            "run_as_user_frozen",
        ] {
            assert!(!c(code).keeps_trying(), "{code}");
            assert!(!c(code).inspectable(), "{code}");
        }
    }

    #[test]
    fn the_2026_causes_quote_salesforce() {
        let rest = |status: u16, body: &str| RawDetails {
            status: Some(status),
            content_type: Some("application/json;charset=UTF-8".into()),
            body: body.into(),
            body_kind: BodyKind::Json,
            request: Some("POST /services/data/v68.0/sobjects/Account/".into()),
        };
        let blocked = rest(
            403,
            r#"[{"errorCode":"TXN_SECURITY_NO_ACCESS","message":"The operation you requested isn't allowed due to a security policy in your organization. Contact your administrator."}]"#,
        );
        let d = diagnose(
            c("txn_security_blocked"),
            None,
            Some(StepId::Create),
            Some(blocked),
        );
        assert!(
            d.cause.starts_with("Salesforce answered HTTP 403 TXN_SECURITY_NO_ACCESS: “The operation you requested isn't allowed"),
            "{}",
            d.cause
        );
        let frozen = RawDetails {
            status: Some(400),
            body: r#"{"error":"invalid_grant","error_description":"user is frozen"}"#.into(),
            request: Some("POST /services/oauth2/token".into()),
            ..rest(400, "")
        };
        let d = diagnose(
            c("run_as_user_frozen"),
            None,
            Some(StepId::Token),
            Some(frozen),
        );
        assert!(
            d.cause
                .starts_with("Salesforce answered “invalid_grant: user is frozen”"),
            "{}",
            d.cause
        );
    }

    #[test]
    fn diagnose_makes_the_setup_link_for_the_org() {
        let d = parse_domain("acme--uat").unwrap();
        let diag = diagnose(
            c("run_as_user_missing"),
            Some(&d),
            Some(StepId::Token),
            None,
        );
        assert_eq!(diag.code.as_str(), "run_as_user_missing");
        assert_eq!(diag.step, Some(StepId::Token));
        assert_eq!(
            diag.setup_url.as_deref(),
            Some("https://acme--uat.sandbox.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home")
        );
        let l = parse_domain("http://127.0.0.1:4000").unwrap();
        let diag = diagnose(c("api_disabled_user"), Some(&l), None, None);
        assert_eq!(
            diag.setup_url.as_deref(),
            Some("http://127.0.0.1:4000/lightning/setup/PermSets/home")
        );
        assert_eq!(
            diagnose(c("api_disabled_user"), None, None, None).setup_url,
            None
        );
    }

    #[test]
    fn unknown_response_names_the_status_and_the_body() {
        let details = RawDetails {
            status: Some(418),
            content_type: Some("text/plain".into()),
            body: "I'm a teapot".into(),
            body_kind: BodyKind::Text,
            request: Some("GET /services/data/".into()),
        };
        let diag = diagnose(c("unknown_response"), None, None, Some(details.clone()));
        assert!(diag.cause.contains("418"), "{}", diag.cause);
        assert!(diag.cause.contains("plain text"), "{}", diag.cause);
        assert_eq!(diag.details, Some(details));
    }

    #[test]
    fn token_error_other_names_salesforce_error() {
        let body = r#"{"error":"invalid_scope","error_description":"the scope is odd"}"#;
        let answer = Answer {
            status: 400,
            content_type: Some("application/json"),
            body,
            truncated: false,
        };
        let code = classify::token_error(&answer);
        assert_eq!(code.as_str(), "token_error_other");
        let details = RawDetails {
            status: Some(400),
            content_type: Some("application/json".into()),
            body: body.to_string(),
            body_kind: classify::body_kind(&answer),
            request: None,
        };
        let diag = diagnose(code, None, Some(StepId::Token), Some(details));
        assert!(
            diag.cause.contains("invalid_scope: the scope is odd"),
            "{}",
            diag.cause
        );
    }

    #[test]
    fn warnings_take_the_catalog_title() {
        let w = warning(c("signature_mismatch"), "id + issued_at did not match");
        assert_eq!(w.code.as_str(), "signature_mismatch");
        assert_eq!(w.title, entry(c("signature_mismatch")).unwrap().title);
        assert_eq!(w.detail, "id + issued_at did not match");
    }

    /// Every code `classify` can return, over a table of answers on every step, has an entry.
    #[test]
    fn every_classify_output_is_in_the_catalog() {
        let json = Some("application/json;charset=UTF-8");
        let rest = |code: &str, msg: &str| {
            format!(r#"[{{"message":"{msg}","errorCode":"{code}","fields":[]}}]"#)
        };
        let oauth = |e: &str, d: &str| format!(r#"{{"error":"{e}","error_description":"{d}"}}"#);
        let mut bodies: Vec<(u16, Option<&str>, String)> = vec![
            (503, Some("text/html"), "<html>down</html>".into()),
            (500, Some("text/html"), "<!DOCTYPE html><p>x".into()),
            (200, Some("text/html"), "<html>portal</html>".into()),
            (403, Some("text/plain"), "Bad_OAuth_Token".into()),
            (401, None, String::new()),
            (404, None, String::new()),
            (429, None, "slow".into()),
            (500, json, r#"{"weird":1}"#.into()),
            (400, json, r#"{"err"#.into()),
            (302, None, String::new()),
        ];
        for e in [
            "invalid_client_id",
            "invalid_client",
            "invalid_app_access",
            "oauth_flow_disabled",
            "unsupported_grant_type",
            "invalid_request",
            "app_not_found",
            "invalid_basic_auth_header",
            "access_denied",
            "app_blocked",
            "ecapp_policy_not_found",
            "fail_close_app_blocked",
            "invalid_scope",
            "oauth_policy_not_found",
            "server_error",
            "service_unavailable",
            "slow_down",
            "system_down",
            "unknown_error",
            "made_up",
            "unsupported_token_type",
            "invalid_token",
        ] {
            bodies.push((400, json, oauth(e, "x")));
        }
        for d in [
            "request not supported on this domain",
            "no client credentials user enabled",
            "no valid scopes defined",
            "ip restricted",
            "inactive user",
            "inactive organization",
            "user hasn't approved this consumer",
            "authentication failure",
            "user is frozen",
        ] {
            bodies.push((400, json, oauth("invalid_grant", d)));
        }
        bodies.push((
            400,
            json,
            oauth("invalid_request", "scope parameter not supported"),
        ));
        for (status, code) in [
            (401, "INVALID_SESSION_ID"),
            (403, "API_DISABLED_FOR_ORG"),
            (403, "API_CURRENTLY_DISABLED"),
            (403, "REQUEST_LIMIT_EXCEEDED"),
            (403, "INSUFFICIENT_ACCESS_OR_READONLY"),
            (400, "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY"),
            (403, "INSUFFICIENT_ACCESS"),
            (400, "FIELD_CUSTOM_VALIDATION_EXCEPTION"),
            (400, "DUPLICATES_DETECTED"),
            (400, "REQUIRED_FIELD_MISSING"),
            (400, "INVALID_FIELD"),
            (400, "INVALID_FIELD_FOR_INSERT_UPDATE"),
            (404, "NOT_FOUND"),
            (404, "ENTITY_IS_DELETED"),
            (400, "INVALID_TYPE"),
            (400, "STRING_TOO_LONG"),
            (400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"),
            (400, "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY"),
            (400, "DELETE_FAILED"),
            (401, "INVALID_AUTH_HEADER"),
            (500, "UNKNOWN_EXCEPTION"),
            (400, "SOMETHING_NEW"),
            (403, "TXN_SECURITY_NO_ACCESS"),
            (403, "TXN_SECURITY_END_A_SESSION"),
            (403, "TXN_SECURITY_TWO_FA_REQUIRED"),
            (503, "INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE"),
            (400, "INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE"),
        ] {
            bodies.push((status, json, rest(code, "msg")));
        }
        bodies.push((401, json, rest("INVALID_SESSION_ID", "This session is not valid for use with the specified REST API endpoint. One of the following scopes is required: Manage user data via APIs, Full access")));

        let mut seen = HashSet::new();
        for (status, content_type, body) in &bodies {
            for truncated in [false, true] {
                let answer = Answer {
                    status: *status,
                    content_type: *content_type,
                    body,
                    truncated,
                };
                seen.insert(classify::token_error(&answer));
                for step in StepId::ALL {
                    seen.insert(classify::rest_error(step, &answer));
                }
            }
        }
        for code in &seen {
            assert!(
                entry(*code).is_some(),
                "classify returns {code}, not in the catalog"
            );
        }
        // The table really exercises the classifier, not just the fallback.
        assert!(
            seen.len() > 30,
            "only {} distinct codes: {seen:?}",
            seen.len()
        );
    }
}
