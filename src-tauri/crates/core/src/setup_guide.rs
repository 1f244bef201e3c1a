//! The setup guide: `guide.toml` beside this crate, compiled in and parsed once. Its steps
//! (creating the External Client App, OAuth settings, the flow on both tabs, Run As, key and
//! secret, My Domain, the wait) are what the app's Setup guide tab shows, what
//! `eca-preflight-cli guide` prints, and where each one's button opens in the admin's org
//! (Lightning Setup paths on the My Domain host). The UI gets them as `ui/src/ipc/guide.ts`,
//! rendered by [`typescript`] and checked by the app's bindings test.

use crate::codes::code_enum;
use crate::domain::OrgDomain;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::sync::LazyLock;
use ts_rs::TS;

// `SetupStep`, generated from guide.toml by build.rs.
include!(concat!(env!("OUT_DIR"), "/setup_steps.rs"));

/// A value the admin pastes into Salesforce.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CopyValue {
    pub label: String,
    pub value: String,
}

/// One step of the guide as written in `guide.toml`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GuideStep {
    pub id: SetupStep,
    pub title: String,
    /// What to click and choose, in order. `**bold**` marks Salesforce's own labels.
    pub actions: Vec<String>,
    #[serde(default)]
    pub copy: Vec<CopyValue>,
    /// Extra advice shown under the actions.
    pub note: Option<String>,
    /// The Lightning Setup path the step's button opens, and what Setup calls that page.
    pub setup_path: Option<String>,
    pub setup_label: Option<String>,
}

/// The whole guide: the CLI's `guide --json` document.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Unused by the Client Credentials flow, but Salesforce will not save the app without one.
    pub callback_url: String,
    #[serde(rename(deserialize = "step"))]
    pub steps: Vec<GuideStep>,
}

const SOURCE: &str = include_str!("../guide.toml");

static GUIDE: LazyLock<Guide> = LazyLock::new(|| {
    let Some(mut guide) = crate::catalog::parse_compiled::<Guide>("guide.toml", SOURCE) else {
        return Guide {
            callback_url: String::new(),
            steps: Vec::new(),
        };
    };
    let callback_url = guide.callback_url.clone();
    for copy in guide.steps.iter_mut().flat_map(|s| s.copy.iter_mut()) {
        copy.value = copy.value.replace("{callback_url}", &callback_url);
    }
    guide
});

/// The guide, its `{callback_url}` placeholders filled.
pub fn guide() -> &'static Guide {
    &GUIDE
}

impl SetupStep {
    /// The step as the guide words it (every step has one; a test checks it).
    pub fn entry(self) -> Option<&'static GuideStep> {
        guide().steps.iter().find(|s| s.id == self)
    }

    /// The Lightning Setup path the step's button opens, and what it is called in Setup; `None`
    /// for a step done outside Setup (the wait).
    pub fn setup_page(self) -> Option<(&'static str, &'static str)> {
        let step = self.entry()?;
        Some((step.setup_path.as_deref()?, step.setup_label.as_deref()?))
    }
}

/// One button of the setup guide: open this Setup page of the admin's org.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct SetupLink {
    pub step: SetupStep,
    /// The Setup page's name, e.g. "External Client App Manager".
    pub label: String,
    pub url: String,
}

/// The link of every step that has a Setup page, on `domain`'s host.
pub fn setup_links(domain: &OrgDomain) -> Vec<SetupLink> {
    SetupStep::ALL
        .iter()
        .filter_map(|&step| {
            let (path, label) = step.setup_page()?;
            Some(SetupLink {
                step,
                label: label.to_string(),
                url: domain.url(path),
            })
        })
        .collect()
}

/// The guide as text for a terminal: numbered steps, `**bold**` marks dropped, and each step's
/// Setup page (on `domain`'s host when one is given).
pub fn human(domain: Option<&OrgDomain>) -> String {
    let mut out = String::new();
    for (number, step) in guide().steps.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", number + 1, step.title);
        for action in &step.actions {
            let _ = writeln!(out, "   - {}", action.replace("**", ""));
        }
        if let Some(note) = &step.note {
            let _ = writeln!(out, "   Note: {note}");
        }
        for copy in &step.copy {
            let _ = writeln!(out, "   {}: {}", copy.label, copy.value);
        }
        if let Some((path, label)) = step.id.setup_page() {
            let place = domain.map_or_else(|| format!("Setup → {label}"), |d| d.url(path));
            let _ = writeln!(out, "   Open: {place}");
        }
        out.push('\n');
    }
    out
}

/// `ui/src/ipc/guide.ts`: the steps the app's Setup guide tab shows, as TypeScript data.
pub fn typescript() -> String {
    let guide = guide();
    let text = |s: &str| serde_json::Value::from(s).to_string();
    let mut out = String::from(
        "// Generated from src-tauri/crates/core/guide.toml by the app's bindings test\n\
         // (UPDATE_BINDINGS=1 cargo test -p eca-preflight bindings). Do not edit.\n\n\
         import type { SetupStep } from \"./bindings\";\n\n",
    );
    out.push_str("/** A value the admin pastes into Salesforce. */\n");
    out.push_str("export interface CopyValue {\n  label: string;\n  value: string;\n}\n\n");
    out.push_str("export interface GuideStep {\n  id: SetupStep;\n  title: string;\n");
    out.push_str(
        "  /** What to click and choose, in order. `**bold**` marks Salesforce's own labels. */\n",
    );
    out.push_str("  actions: string[];\n  /** Values the admin pastes into Salesforce. */\n");
    out.push_str("  copy: CopyValue[];\n  /** Extra advice shown under the actions. */\n");
    out.push_str("  note?: string;\n}\n\n");
    out.push_str(
        "/** Unused by the Client Credentials flow, but Salesforce will not save the app without one. */\n",
    );
    let _ = writeln!(
        out,
        "export const CALLBACK_URL = {};\n",
        text(&guide.callback_url)
    );
    out.push_str("export const GUIDE_STEPS: GuideStep[] = [\n");
    for step in &guide.steps {
        out.push_str("  {\n");
        let _ = writeln!(out, "    id: {},", text(step.id.as_str()));
        let _ = writeln!(out, "    title: {},", text(&step.title));
        out.push_str("    actions: [\n");
        for action in &step.actions {
            let _ = writeln!(out, "      {},", text(action));
        }
        out.push_str("    ],\n");
        if step.copy.is_empty() {
            out.push_str("    copy: [],\n");
        } else {
            out.push_str("    copy: [\n");
            for copy in &step.copy {
                let _ = writeln!(
                    out,
                    "      {{ label: {}, value: {} }},",
                    text(&copy.label),
                    text(&copy.value)
                );
            }
            out.push_str("    ],\n");
        }
        if let Some(note) = &step.note {
            let _ = writeln!(out, "    note: {},", text(note));
        }
        out.push_str("  },\n");
    }
    out.push_str("];\n");
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn every_step_has_its_words() {
        let parsed: Guide = toml::from_str(SOURCE).expect("guide.toml parses");
        assert_eq!(parsed.steps.len(), SetupStep::ALL.len());
        assert!(guide().callback_url.starts_with("http://localhost:"));
        for id in SetupStep::ALL {
            let step = id.entry().unwrap();
            assert!(!step.title.trim().is_empty(), "{id:?}");
            assert!(!step.actions.is_empty(), "{id:?}");
            assert!(step.actions.iter().all(|a| !a.trim().is_empty()), "{id:?}");
            // `**` marks come in pairs, or the UI would show a stray one.
            for action in &step.actions {
                assert_eq!(action.matches("**").count() % 2, 0, "{id:?}: {action}");
            }
            assert_eq!(
                step.setup_path.is_some(),
                step.setup_label.is_some(),
                "{id:?}: a Setup page has a path and a label"
            );
            if let Some(path) = &step.setup_path {
                assert!(path.starts_with("/lightning/setup/"), "{id:?}: {path}");
            }
            assert!(
                step.copy.iter().all(|c| !c.value.contains('{')),
                "{id:?}: unfilled placeholder"
            );
        }
        // Only the wait is done outside Setup.
        let without: Vec<SetupStep> = SetupStep::ALL
            .iter()
            .copied()
            .filter(|s| s.setup_page().is_none())
            .collect();
        assert_eq!(without, [SetupStep::Wait]);
        let callback = &SetupStep::OauthSettings.entry().unwrap().copy[0];
        assert_eq!(
            (callback.label.as_str(), callback.value.as_str()),
            ("Callback URL", guide().callback_url.as_str())
        );
    }

    #[test]
    fn links_are_on_the_org_host() {
        let domain = crate::domain::parse_domain("acme.my.salesforce.com").unwrap();
        let links = setup_links(&domain);
        assert_eq!(links.len(), SetupStep::ALL.len() - 1, "all but the wait");
        assert_eq!(
            links[0].url,
            "https://acme.my.salesforce.com/lightning/setup/ManageExternalClientApplication/home"
        );
        let my_domain = links
            .iter()
            .find(|l| l.step == SetupStep::MyDomain)
            .unwrap();
        assert_eq!(
            my_domain.url,
            "https://acme.my.salesforce.com/lightning/setup/OrgDomain/home"
        );
        let ids: Vec<String> = links
            .iter()
            .map(|l| {
                serde_json::to_value(l.step)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(ids[3], "policies");
    }

    #[test]
    fn the_text_has_every_step_in_order_without_markup() {
        let text = human(None);
        let mut from = 0;
        for (n, step) in guide().steps.iter().enumerate() {
            let heading = format!("{}. {}\n", n + 1, step.title);
            let at = text[from..]
                .find(&heading)
                .unwrap_or_else(|| panic!("{heading}"));
            from += at + heading.len();
        }
        assert!(!text.contains("**"));
        assert!(text.contains("Open: Setup → External Client App Manager"));
        assert!(text.contains(&format!("Callback URL: {}", guide().callback_url)));
        let domain = crate::domain::parse_domain("acme").unwrap();
        assert!(human(Some(&domain))
            .contains("Open: https://acme.my.salesforce.com/lightning/setup/OrgDomain/home"));
    }

    #[test]
    fn the_typescript_holds_every_step_and_value() {
        let ts = typescript();
        for step in &guide().steps {
            assert!(ts.contains(&format!("id: \"{}\"", step.id.as_str())));
            for action in &step.actions {
                assert!(ts.contains(&serde_json::Value::from(action.as_str()).to_string()));
            }
        }
        assert!(ts.contains(&format!("value: \"{}\"", guide().callback_url)));
    }
}
