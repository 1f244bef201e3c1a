//! From what was read to what is wrong: every check of an app's configuration, in the order an
//! admin fixes them, each passed, failed (a finding with its code, what was read, the fix and the
//! Setup page) or not read. Pure: tested without a network.

use crate::codes::code_enum;
use crate::domain::OrgDomain;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

// `FindingCode`, generated from findings.toml by build.rs.
include!(concat!(env!("OUT_DIR"), "/finding_codes.rs"));

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing that is wrong, and exactly where to change it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    pub title: String,
    /// What was read that shows it, e.g. `ExtlClntAppOauthPlcyCnfg.ClientCredentialsFlowUser is empty`.
    pub read: String,
    /// The exact Setup page, tab and field to change.
    pub fix: String,
    pub setup_url: Option<String>,
    pub setup_label: Option<String>,
    /// Salesforce's own reason, when the Run As user's newest Login History row is a failure:
    /// e.g. `Restricted IP (Login History, 2026-12-05 14:02 UTC, from 203.0.113.9)`.
    pub salesforce_says: Option<String>,
}

#[cfg(test)]
impl Finding {
    pub(crate) fn for_test(severity: Severity) -> Finding {
        Finding {
            code: FindingCode::RunAsMissing,
            severity,
            title: String::new(),
            read: String::new(),
            fix: String::new(),
            setup_url: None,
            setup_label: None,
            salesforce_says: None,
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Passed,
    Failed,
    Warning,
    /// Not read: the login may not read it, or an earlier check failed.
    NotRead,
}

/// One line of the checklist.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct InspectCheck {
    pub label: String,
    pub status: CheckStatus,
    pub read: String,
    /// The finding this line raised.
    pub finding: Option<FindingCode>,
}

/// What kind of app owns the key.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppKind {
    #[default]
    ExternalClientApp,
    /// A legacy Connected App: its settings and policies are in one Metadata type.
    ConnectedApp,
}

/// A source that could be read, was refused to this login, or failed otherwise.
#[derive(Debug, Clone, PartialEq)]
pub enum Source<T> {
    Read(T),
    /// `what` could not be read with this login (it names the object or the Metadata type).
    Denied {
        what: String,
    },
    Failed {
        what: String,
        why: String,
    },
}

impl<T> Source<T> {
    fn as_read(&self) -> Option<&T> {
        match self {
            Source::Read(t) => Some(t),
            _ => None,
        }
    }

    /// Why it was not read, for a checklist line.
    fn why_not(&self) -> String {
        match self {
            Source::Read(_) => String::new(),
            Source::Denied { what } => format!("{what} could not be read with this login"),
            Source::Failed { what, why } => format!("{what} could not be read: {why}"),
        }
    }
}

/// The app's identity, from the Metadata API (or SOQL when it is the only app).
#[derive(Debug, Clone, PartialEq)]
pub struct AppRow {
    pub id: String,
    pub developer_name: String,
    pub label: String,
    pub distribution_state: Option<String>,
    /// How it was matched to the key, for the checklist.
    pub matched: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyRow {
    pub cc_enabled: Option<bool>,
    /// What the Run As field holds (a username, an id, or what was typed).
    pub run_as: Option<String>,
    pub permitted_users: Option<String>,
    pub ip_relaxation: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub active: bool,
    pub profile_id: Option<String>,
    pub profile_name: Option<String>,
    /// From the profile or any assigned permission set.
    pub api_enabled: bool,
    pub api_only: bool,
}

/// Everything inspection read, source by source.
#[derive(Debug, Clone, PartialEq)]
pub struct Readings {
    pub kind: AppKind,
    /// The Settings tab's flow switch (None: the key was found another way, or no such app).
    pub settings: Source<Option<Option<bool>>>,
    pub app: Source<Option<AppRow>>,
    /// `ExtlClntAppPlcyCnfg`: IsEnabled, OauthPluginStatus.
    pub plugin: Source<(Option<bool>, Option<String>)>,
    pub policy: Source<PolicyRow>,
    /// Scope field name → selected.
    pub scopes: Source<Vec<(String, bool)>>,
    /// The Run As user (None: no user has that username); with the username of a user whose
    /// email it is, when there is one.
    pub user: Source<(Option<UserRow>, Option<String>)>,
    /// The permission sets (profiles by their own set) pre-authorized, and the user's.
    pub preauthorized: Source<bool>,
    pub ip_ranges: Source<Vec<(String, String)>>,
    /// The Run As user's newest Login History rows.
    pub login_history: Source<Vec<super::history::LoginAttempt>>,
}

fn finding(
    code: FindingCode,
    read: String,
    app: &str,
    kind: AppKind,
    domain: &OrgDomain,
) -> Finding {
    let words = super::words::words(code, app, kind);
    Finding {
        code,
        severity: words.severity,
        title: words.title,
        read,
        fix: words.fix,
        setup_url: Some(domain.url(words.setup_path)),
        setup_label: Some(words.setup_label.to_string()),
        salesforce_says: None,
    }
}

/// Builds the checklist and the findings.
struct Report<'a> {
    domain: &'a OrgDomain,
    app: String,
    kind: AppKind,
    checks: Vec<InspectCheck>,
    findings: Vec<Finding>,
}

impl Report<'_> {
    fn passed(&mut self, label: &str, read: String) {
        self.line(label, CheckStatus::Passed, read, None);
    }

    fn not_read(&mut self, label: &str, read: String) {
        self.line(label, CheckStatus::NotRead, read, None);
    }

    fn failed(&mut self, label: &str, code: FindingCode, read: String) {
        let f = finding(code, read.clone(), &self.app, self.kind, self.domain);
        let status = match f.severity {
            Severity::Error => CheckStatus::Failed,
            Severity::Warning => CheckStatus::Warning,
        };
        self.findings.push(f);
        self.line(label, status, read, Some(code));
    }

    fn line(
        &mut self,
        label: &str,
        status: CheckStatus,
        read: String,
        finding: Option<FindingCode>,
    ) {
        self.checks.push(InspectCheck {
            label: label.to_string(),
            status,
            read,
            finding,
        });
    }

    /// A check of a source: its test when read, else "not read" with why.
    fn check<T>(&mut self, label: &str, source: &Source<T>, test: impl FnOnce(&mut Self, &T)) {
        match source.as_read() {
            Some(value) => test(self, value),
            None => self.not_read(label, source.why_not()),
        }
    }
}

/// The settings a line reads, named as the app's kind stores them.
#[derive(Clone, Copy)]
enum Field {
    RunAs,
    Permitted,
    IpRelaxation,
    Scopes,
    Preauthorized,
}

impl Report<'_> {
    fn name(&self, field: Field) -> &'static str {
        let connected = self.kind == AppKind::ConnectedApp;
        match (field, connected) {
            (Field::RunAs, false) => "ExtlClntAppOauthPlcyCnfg.ClientCredentialsFlowUser",
            (Field::RunAs, true) => "ConnectedApp.oauthConfig.oauthClientCredentialUser",
            (Field::Permitted, false) => "ExtlClntAppOauthPlcyCnfg.PermittedUsersPolicyType",
            (Field::Permitted, true) => "ConnectedApp.oauthConfig.isAdminApproved",
            (Field::IpRelaxation, false) => "ExtlClntAppOauthPlcyCnfg.IpRelaxationPolicyType",
            (Field::IpRelaxation, true) => "ConnectedApp.oauthPolicy.ipRelaxation",
            (Field::Scopes, false) => "ExtlClntAppOauthSettings",
            (Field::Scopes, true) => "ConnectedApp.oauthConfig.scopes",
            (Field::Preauthorized, false) => "the app's SetupEntityAccess",
            (Field::Preauthorized, true) => "the app's profileName / permissionSetName",
        }
    }
}

const POLICY: &str = "ExtlClntAppOauthPlcyCnfg";

/// Picklist values compare without case or underscores (`Enforce_RelaxRefresh` is a Connected
/// App's `ENFORCE_RELAX_REFRESH`).
fn is(value: Option<&str>, wanted: &str) -> bool {
    let norm = |s: &str| s.replace('_', "").to_ascii_lowercase();
    value.is_some_and(|v| norm(v) == norm(wanted))
}

/// The checklist and findings for what was read.
pub fn evaluate(r: &Readings, domain: &OrgDomain) -> (Vec<InspectCheck>, Vec<Finding>) {
    use FindingCode::*;
    let app_name = match &r.app {
        Source::Read(Some(app)) => app.label.clone(),
        _ => "the app".to_string(),
    };
    let mut out = Report {
        domain,
        app: app_name,
        kind: r.kind,
        checks: Vec::new(),
        findings: Vec::new(),
    };
    let denied: Vec<&str> = [
        denied_what(&r.settings),
        denied_what(&r.app),
        denied_what(&r.plugin),
        denied_what(&r.policy),
        denied_what(&r.scopes),
        denied_what(&r.user),
        denied_what(&r.preauthorized),
        denied_what(&r.ip_ranges),
    ]
    .into_iter()
    .flatten()
    .collect();

    let found = match &r.app {
        Source::Read(Some(app)) => {
            out.passed(
                "An app of this org has this consumer key",
                app.matched.clone(),
            );
            true
        }
        Source::Read(None) => {
            out.failed(
                "An app of this org has this consumer key",
                EcaNotFound,
                "No ExtlClntAppGlobalOauthSettings and no ConnectedApp of this org holds this consumer key".into(),
            );
            false
        }
        other => {
            out.not_read("An app of this org has this consumer key", other.why_not());
            false
        }
    };
    if found {
        checks_of_the_app(r, &mut out);
    }
    if !denied.is_empty() {
        let read = format!("Refused to this login: {}", denied.join(", "));
        out.findings
            .push(finding(InspectAccessDenied, read, &out.app, r.kind, domain));
    }
    (out.checks, out.findings)
}

fn denied_what<T>(source: &Source<T>) -> Option<&str> {
    match source {
        Source::Denied { what } => Some(what),
        _ => None,
    }
}

fn checks_of_the_app(r: &Readings, out: &mut Report) {
    use FindingCode::*;
    if r.kind == AppKind::ConnectedApp {
        return checks_of_the_connected_app(r, out);
    }
    out.check(
        "The app is enabled",
        &r.plugin,
        |o, (enabled, _)| match enabled {
            Some(false) => o.failed(
                "The app is enabled",
                AppDisabled,
                "ExtlClntAppPlcyCnfg.IsEnabled = false".into(),
            ),
            _ => o.passed(
                "The app is enabled",
                "ExtlClntAppPlcyCnfg.IsEnabled = true".into(),
            ),
        },
    );
    out.check("Its OAuth plugin is on", &r.plugin, |o, (_, status)| {
        let read = format!(
            "ExtlClntAppPlcyCnfg.OauthPluginStatus = {}",
            status.as_deref().unwrap_or("(empty)")
        );
        if status.is_none() || is(status.as_deref(), "Enabled") {
            o.passed("Its OAuth plugin is on", read);
        } else {
            o.failed("Its OAuth plugin is on", OauthPluginDisabled, read);
        }
    });
    let settings_label = "Client Credentials flow on (Settings tab)";
    match &r.settings {
        Source::Read(Some(Some(false))) => out.failed(
            settings_label,
            CcFlowOffSettings,
            "ExtlClntAppGlobalOauthSettings.isClientCredentialsFlowEnabled = false".into(),
        ),
        Source::Read(Some(Some(true))) => out.passed(
            settings_label,
            "ExtlClntAppGlobalOauthSettings.isClientCredentialsFlowEnabled = true".into(),
        ),
        Source::Read(_) => out.not_read(
            settings_label,
            "The app's global OAuth settings hold no flow switch".into(),
        ),
        other => out.not_read(settings_label, other.why_not()),
    }
    let policies_label = "Client Credentials flow on (Policies tab)";
    out.check(policies_label, &r.policy, |o, p| match p.cc_enabled {
        Some(false) => o.failed(
            policies_label,
            CcFlowOffPolicies,
            format!("{POLICY}.IsClientCredentialsFlowEnabled = false"),
        ),
        _ => o.passed(
            policies_label,
            format!("{POLICY}.IsClientCredentialsFlowEnabled = true"),
        ),
    });
    run_as_and_scope_checks(r, out);
}

/// A legacy Connected App: one flow switch, then the same Run As user and scope checks.
fn checks_of_the_connected_app(r: &Readings, out: &mut Report) {
    let label = "Client Credentials flow enabled";
    let field = "ConnectedApp.oauthConfig.isClientCredentialEnabled";
    match &r.settings {
        Source::Read(Some(Some(false)) | Some(None)) => out.failed(
            label,
            FindingCode::CcFlowOffSettings,
            format!("{field} = false"),
        ),
        Source::Read(_) => out.passed(label, format!("{field} = true")),
        other => out.not_read(label, other.why_not()),
    }
    run_as_and_scope_checks(r, out);
}

fn run_as_and_scope_checks(r: &Readings, out: &mut Report) {
    let run_as = r.policy.as_read().and_then(|p| p.run_as.clone());
    let field = out.name(Field::RunAs);
    out.check("A Run As user is set", &r.policy, |o, p| match &p.run_as {
        None => o.failed(
            "A Run As user is set",
            FindingCode::RunAsMissing,
            format!("{field} is empty"),
        ),
        Some(name) => o.passed("A Run As user is set", format!("{field} = {name}")),
    });
    user_checks(r, out, run_as.as_deref());
    scope_checks(r, out);
}

fn user_checks(r: &Readings, out: &mut Report, run_as: Option<&str>) {
    use FindingCode::*;
    let exists = "The Run As user exists";
    let Some(typed) = run_as else {
        for label in [
            exists,
            "The Run As user is active",
            "The Run As user has API Enabled",
        ] {
            out.not_read(label, "No Run As user is set".into());
        }
        return;
    };
    let user = match &r.user {
        Source::Read((Some(user), _)) => {
            out.passed(exists, format!("User {} (Id {})", user.username, user.id));
            user
        }
        Source::Read((None, by_email)) => {
            let read = match by_email {
                Some(username) => format!("No user has the username {typed}; it is the email of the user whose username is {username}"),
                None => format!("No user has the username {typed}"),
            };
            out.failed(exists, RunAsNotFound, read);
            if let (Some(username), Some(f)) = (by_email, out.findings.last_mut()) {
                f.fix.push_str(&format!(" Here that is {username}."));
            }
            return;
        }
        other => {
            out.not_read(exists, other.why_not());
            return;
        }
    };
    if user.active {
        out.passed("The Run As user is active", "User.IsActive = true".into());
    } else {
        out.failed(
            "The Run As user is active",
            RunAsInactive,
            format!("User {}: IsActive = false", user.username),
        );
    }
    let profile = user.profile_name.as_deref().unwrap_or("their profile");
    if user.api_enabled {
        out.passed(
            "The Run As user has API Enabled",
            format!("PermissionsApiEnabled on {profile} or an assigned permission set"),
        );
    } else {
        out.failed("The Run As user has API Enabled", RunAsNoApi, format!("PermissionsApiEnabled is false on {profile} and on every permission set assigned to {}", user.username));
    }
    if user.api_only {
        out.passed(
            "The Run As user is API only",
            "PermissionsApiUserOnly = true".into(),
        );
    } else {
        out.failed(
            "The Run As user is API only",
            RunAsNotApiOnly,
            format!("PermissionsApiUserOnly is false for {}", user.username),
        );
    }
    let preauth = "The Run As user may use the app";
    let (permitted_field, ip_field, granted_by) = (
        out.name(Field::Permitted),
        out.name(Field::IpRelaxation),
        out.name(Field::Preauthorized),
    );
    out.check(preauth, &r.policy, |o, p| {
        let permitted = p.permitted_users.as_deref().unwrap_or("(empty)");
        if !is(p.permitted_users.as_deref(), "AdminApprovedPreAuthorized") {
            o.passed(preauth, format!("{permitted_field} = {permitted}"));
            return;
        }
        o.check(preauth, &r.preauthorized, |o, ok| {
            if *ok {
                o.passed(preauth, format!("Admin approved only; {profile} or a permission set of the user is pre-authorized ({granted_by})"));
            } else {
                o.failed(preauth, RunAsNotPreauthorized, format!("{permitted_field} = {permitted}, and neither {profile} nor any permission set of {} is in {granted_by}", user.username));
            }
        });
    });
    let ip = "Login IP ranges let the Run As user in";
    out.check(ip, &r.policy, |o, p| {
        let relaxation = p.ip_relaxation.as_deref().unwrap_or("Enforce");
        if !is(Some(relaxation), "Enforce") && !is(Some(relaxation), "Enforce_RelaxRefresh") {
            o.passed(ip, format!("{ip_field} = {relaxation}"));
            return;
        }
        o.check(ip, &r.ip_ranges, |o, ranges| {
            if ranges.is_empty() {
                o.passed(
                    ip,
                    format!("IP restrictions enforced; {profile} has no Login IP Ranges"),
                );
            } else {
                let list: Vec<String> = ranges.iter().map(|(a, b)| format!("{a}–{b}")).collect();
                o.failed(
                    ip,
                    IpRestricted,
                    format!(
                        "{ip_field} = {relaxation}, and {profile} allows logins only from {}",
                        list.join(", ")
                    ),
                );
            }
        });
    });
}

fn scope_checks(r: &Readings, out: &mut Report) {
    use FindingCode::*;
    let (api, openid) = (
        "The api scope is selected",
        "The openid or id scope is selected",
    );
    let field = out.name(Field::Scopes);
    out.check(api, &r.scopes, |o, scopes| {
        let selected: Vec<&str> = scopes
            .iter()
            .filter(|(_, on)| *on)
            .map(|(f, _)| f.as_str())
            .collect();
        // `OauthScopesAPI` (a setup object's field) or `Api` (a Connected App's value).
        let bare = |s: &str| {
            let lower = s.to_ascii_lowercase();
            lower
                .strip_prefix("oauthscopes")
                .unwrap_or(&lower)
                .to_string()
        };
        let has = |names: &[&str]| selected.iter().any(|s| names.contains(&bare(s).as_str()));
        let read = format!(
            "{field}: {}",
            if selected.is_empty() {
                "no scope selected".to_string()
            } else {
                selected.join(", ")
            }
        );
        let has_api = has(&["api"]);
        if has_api {
            o.passed(api, read.clone());
        } else {
            o.failed(api, ScopesMissingApi, read.clone());
        }
        if has(&["openid", "id", "basic"]) {
            o.passed(openid, read);
        } else if has_api {
            o.failed(openid, ScopesMissingOpenid, read);
        } else {
            // The api finding's fix already asks for it.
            o.line(openid, CheckStatus::Warning, read, None);
        }
    });
    if r.scopes.as_read().is_none() {
        out.not_read(openid, r.scopes.why_not());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn healthy() -> Readings {
        Readings {
            kind: AppKind::ExternalClientApp,
            settings: Source::Read(Some(Some(true))),
            app: Source::Read(Some(AppRow {
                id: "0xA000000000001AAA".into(),
                developer_name: "App".into(),
                label: "App".into(),
                distribution_state: Some("Local".into()),
                matched: "key".into(),
            })),
            plugin: Source::Read((Some(true), Some("Enabled".into()))),
            policy: Source::Read(PolicyRow {
                cc_enabled: Some(true),
                run_as: Some("int@acme.example".into()),
                permitted_users: Some("AllSelfAuthorized".into()),
                ip_relaxation: Some("ENFORCE".into()),
            }),
            scopes: Source::Read(vec![
                ("OauthScopesApi".into(), true),
                ("OauthScopesOpenID".into(), true),
            ]),
            user: Source::Read((
                Some(UserRow {
                    id: "005000000000001AAA".into(),
                    username: "int@acme.example".into(),
                    active: true,
                    profile_id: None,
                    profile_name: Some("P".into()),
                    api_enabled: true,
                    api_only: true,
                }),
                None,
            )),
            preauthorized: Source::Read(true),
            ip_ranges: Source::Read(vec![]),
            login_history: Source::Read(vec![]),
        }
    }

    fn codes(r: &Readings) -> Vec<FindingCode> {
        let domain = crate::domain::parse_domain("acme").unwrap();
        evaluate(r, &domain).1.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_healthy_app_has_no_findings_and_every_line_passes() {
        let domain = crate::domain::parse_domain("acme").unwrap();
        let (checks, findings) = evaluate(&healthy(), &domain);
        assert!(findings.is_empty(), "{findings:?}");
        assert!(
            checks.iter().all(|c| c.status == CheckStatus::Passed),
            "{checks:?}"
        );
        assert_eq!(checks.len(), 14);
    }

    #[test]
    fn each_wrong_setting_is_one_finding() {
        let mut r = healthy();
        r.policy = Source::Read(PolicyRow {
            run_as: None,
            ..r.policy.as_read().unwrap().clone()
        });
        assert_eq!(codes(&r), [FindingCode::RunAsMissing]);

        let mut r = healthy();
        r.user = Source::Read((None, Some("int@acme.example".into())));
        assert_eq!(codes(&r), [FindingCode::RunAsNotFound]);

        let mut r = healthy();
        r.scopes = Source::Read(vec![("OauthScopesRefreshToken".into(), true)]);
        assert_eq!(
            codes(&r),
            [FindingCode::ScopesMissingApi],
            "openid is asked for by the api fix"
        );

        let mut r = healthy();
        r.policy = Source::Read(PolicyRow {
            ip_relaxation: Some("Bypass".into()),
            ..r.policy.as_read().unwrap().clone()
        });
        r.ip_ranges = Source::Read(vec![("10.0.0.0".into(), "10.0.0.9".into())]);
        assert!(
            codes(&r).is_empty(),
            "relaxed IP restrictions ignore the ranges"
        );

        let mut r = healthy();
        r.app = Source::Read(None);
        assert_eq!(codes(&r), [FindingCode::EcaNotFound]);
    }

    #[test]
    fn a_connected_app_is_fixed_where_connected_apps_keep_each_setting() {
        let mut r = healthy();
        r.kind = AppKind::ConnectedApp;
        r.settings = Source::Read(Some(Some(false)));
        r.policy = Source::Read(PolicyRow {
            permitted_users: Some("AdminApprovedPreAuthorized".into()),
            ip_relaxation: Some("ENFORCE_RELAX_REFRESH".into()),
            ..r.policy.as_read().unwrap().clone()
        });
        r.preauthorized = Source::Read(false);
        r.ip_ranges = Source::Read(vec![("10.0.0.0".into(), "10.0.0.9".into())]);
        r.scopes = Source::Read(vec![("Api".into(), true), ("Basic".into(), true)]);
        let domain = crate::domain::parse_domain("acme").unwrap();
        let (checks, findings) = evaluate(&r, &domain);
        let codes: Vec<FindingCode> = findings.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [
                FindingCode::CcFlowOffSettings,
                FindingCode::RunAsNotPreauthorized,
                FindingCode::IpRestricted
            ]
        );
        assert!(
            findings[0].fix.contains("App Manager"),
            "{}",
            findings[0].fix
        );
        assert!(
            findings[1].fix.contains("Manage Connected Apps"),
            "{}",
            findings[1].fix
        );
        assert!(
            findings[1]
                .read
                .contains("ConnectedApp.oauthConfig.isAdminApproved"),
            "{}",
            findings[1].read
        );
        assert!(findings[0]
            .setup_url
            .as_deref()
            .unwrap()
            .ends_with("/lightning/setup/ConnectedApplication/home"));
        assert!(
            !checks.iter().any(|c| c.label.contains("OAuth plugin")),
            "ECA-only lines are left out"
        );
    }

    #[test]
    fn a_refused_source_is_not_read_and_named_in_one_finding() {
        let mut r = healthy();
        r.policy = Source::Denied {
            what: "ExtlClntAppOauthPlcyCnfg".into(),
        };
        r.settings = Source::Denied {
            what: "ExtlClntAppGlobalOauthSettings (Metadata API)".into(),
        };
        let domain = crate::domain::parse_domain("acme").unwrap();
        let (checks, findings) = evaluate(&r, &domain);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, FindingCode::InspectAccessDenied);
        let read = &findings[0].read;
        assert!(
            read.contains("ExtlClntAppOauthPlcyCnfg")
                && read.contains("ExtlClntAppGlobalOauthSettings"),
            "{read}"
        );
        assert!(findings[0].fix.contains(
            "View all External Client Apps, view their settings, and edit their policies"
        ));
        assert!(checks.iter().any(|c| c.status == CheckStatus::NotRead));
    }
}
