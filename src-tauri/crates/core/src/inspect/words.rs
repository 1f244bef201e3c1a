//! The findings' words — severity, title, fix and Setup page — from `findings.toml` beside this
//! crate, compiled in and parsed once, then fitted to the app: its name, and where its kind (an
//! External Client App or a legacy Connected App) keeps each setting.

use super::findings::{AppKind, FindingCode, Severity};
use std::sync::LazyLock;

/// One finding as written in `findings.toml`. A `code` that is not a [`FindingCode`] fails to
/// parse, and a test checks that every `FindingCode` has its entry.
#[derive(serde::Deserialize, serde::Serialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FindingEntry {
    pub code: FindingCode,
    pub severity: Severity,
    pub title: String,
    /// The app's tab (and section) holding the setting; `{tab_path}` in `fix` names it in full.
    pub tab: Option<String>,
    pub fix: String,
    /// Open the app's own manager page (it depends on the app's kind).
    #[serde(default)]
    pub app_page: bool,
    /// Else this Lightning Setup path, named `setup_label`.
    pub setup_path: Option<String>,
    pub setup_label: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingsFile {
    finding: Vec<FindingEntry>,
}

const SOURCE: &str = include_str!("../../findings.toml");

static ENTRIES: LazyLock<Vec<FindingEntry>> = LazyLock::new(|| {
    crate::catalog::parse_compiled::<FindingsFile>("findings.toml", SOURCE)
        .map_or_else(Vec::new, |file| file.finding)
});

/// All entries, in the file's order.
pub fn entries() -> &'static [FindingEntry] {
    &ENTRIES
}

/// The entry for `code` (every code has one; a test checks it).
pub fn entry(code: FindingCode) -> Option<&'static FindingEntry> {
    entries().iter().find(|e| e.code == code)
}

/// A finding's words for this app.
pub(super) struct Words {
    pub severity: Severity,
    pub title: String,
    pub fix: String,
    pub setup_path: &'static str,
    pub setup_label: &'static str,
}

/// Where the app's own settings are managed: `(path, label)`.
fn app_manager(kind: AppKind) -> (&'static str, &'static str) {
    match kind {
        AppKind::ConnectedApp => (
            "/lightning/setup/ConnectedApplication/home",
            "Manage Connected Apps",
        ),
        AppKind::ExternalClientApp => (
            "/lightning/setup/ManageExternalClientApplication/home",
            "External Client App Manager",
        ),
    }
}

/// Where `tab` of the app is; a Connected App has its OAuth settings in App Manager (Edit) and
/// its policies in Manage Connected Apps (Edit Policies).
fn tab_path(tab: &str, app: &str, kind: AppKind) -> String {
    match kind {
        AppKind::ExternalClientApp => {
            format!("Setup → External Client App Manager → {app} → {tab}")
        }
        AppKind::ConnectedApp if tab.starts_with("Settings") => {
            format!("Setup → App Manager → {app} → ▾ → Edit → API (Enable OAuth Settings)")
        }
        AppKind::ConnectedApp => {
            format!("Setup → Manage Connected Apps → {app} → Edit Policies → OAuth Policies")
        }
    }
}

pub(super) fn words(code: FindingCode, app: &str, kind: AppKind) -> Words {
    let Some(entry) = entry(code) else {
        // Only if the compiled-in file failed to parse (a test guards against it).
        let (setup_path, setup_label) = app_manager(kind);
        return Words {
            severity: Severity::Error,
            title: code.as_str().to_string(),
            fix: String::new(),
            setup_path,
            setup_label,
        };
    };
    let fix = match &entry.tab {
        Some(tab) => entry.fix.replace("{tab_path}", &tab_path(tab, app, kind)),
        None => entry.fix.clone(),
    };
    let (setup_path, setup_label) = match (&entry.setup_path, &entry.setup_label) {
        (Some(path), Some(label)) if !entry.app_page => (path.as_str(), label.as_str()),
        _ => app_manager(kind),
    };
    Words {
        severity: entry.severity,
        title: entry.title.clone(),
        fix,
        setup_path,
        setup_label,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn every_finding_code_has_one_entry_with_all_its_words() {
        let file: FindingsFile = toml::from_str(SOURCE).expect("findings.toml parses");
        assert_eq!(file.finding.len(), FindingCode::ALL.len());
        for code in FindingCode::ALL {
            let n = entries().iter().filter(|e| e.code == *code).count();
            assert_eq!(n, 1, "{code:?} has {n} entries");
            let e = entry(*code).unwrap();
            assert!(!e.title.trim().is_empty(), "{code:?} has no title");
            assert!(!e.fix.trim().is_empty(), "{code:?} has no fix");
            // One Setup page: the app's own, or a named one.
            let named = e.setup_path.is_some() && e.setup_label.is_some();
            assert!(e.app_page != named, "{code:?} names no page, or two");
            if let Some(path) = &e.setup_path {
                assert!(path.starts_with("/lightning/setup/"), "{code:?}: {path}");
            }
            // `{tab_path}` is used exactly when there is a tab to fill it with.
            assert_eq!(
                e.tab.is_some(),
                e.fix.contains("{tab_path}"),
                "{code:?}: tab and {{tab_path}} go together"
            );
            for kind in [AppKind::ExternalClientApp, AppKind::ConnectedApp] {
                let w = words(*code, "My App", kind);
                assert!(!w.fix.contains('{'), "{code:?}: unfilled placeholder");
            }
        }
        // A code in the file that is not a FindingCode does not parse.
        let stray = SOURCE.replacen("code = \"app_disabled\"", "code = \"martian\"", 1);
        assert!(toml::from_str::<FindingsFile>(&stray).is_err());
    }

    #[test]
    fn the_words_fit_the_app_kind() {
        let eca = words(
            FindingCode::RunAsMissing,
            "My App",
            AppKind::ExternalClientApp,
        );
        assert!(
            eca.fix
                .starts_with("Setup → External Client App Manager → My App → Policies"),
            "{}",
            eca.fix
        );
        assert_eq!(eca.setup_label, "External Client App Manager");
        let connected = words(FindingCode::RunAsMissing, "My App", AppKind::ConnectedApp);
        assert!(
            connected
                .fix
                .starts_with("Setup → Manage Connected Apps → My App → Edit Policies"),
            "{}",
            connected.fix
        );
        assert_eq!(connected.setup_label, "Manage Connected Apps");
        let scopes = words(FindingCode::ScopesMissingApi, "X", AppKind::ConnectedApp);
        assert!(
            scopes.fix.contains("App Manager → X → ▾ → Edit"),
            "{}",
            scopes.fix
        );
        // A named page stays the same whatever the kind.
        let ip = words(FindingCode::IpRestricted, "X", AppKind::ConnectedApp);
        assert_eq!(
            (ip.setup_path, ip.setup_label),
            ("/lightning/setup/Profiles/home", "Profiles")
        );
        assert_eq!(ip.severity, Severity::Error);
        assert_eq!(
            words(
                FindingCode::RunAsNotApiOnly,
                "X",
                AppKind::ExternalClientApp
            )
            .severity,
            Severity::Warning
        );
    }
}
