//! The setup guide's steps (creating the External Client App, OAuth settings, the flow on both
//! tabs, Run As, key and secret, My Domain, the wait) and the Setup page each one opens in the
//! admin's org (Lightning Setup paths on the My Domain host).

use crate::domain::OrgDomain;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The steps of the setup checklist, in order. `Profile::setup_done` holds their ids.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum SetupStep {
    /// External Client App Manager → New External Client App (Distribution State: Local).
    CreateApp,
    /// Enable OAuth, callback URL, scopes `api` (+ `openid`/`id` to see the Run As user).
    OauthSettings,
    /// Flow Enablement → Enable Client Credentials Flow (Settings tab).
    FlowEnablement,
    /// Policies → OAuth Policies: enable the flow there too and set Run As to a *username*.
    Policies,
    /// The Run As user: API Enabled, access to the test object.
    RunAsUser,
    /// Settings → OAuth Settings → Consumer Key and Secret (emailed verification code).
    ConsumerKey,
    /// Setup → My Domain → Current My Domain URL.
    MyDomain,
}

impl SetupStep {
    pub const ALL: [SetupStep; 7] = [
        SetupStep::CreateApp,
        SetupStep::OauthSettings,
        SetupStep::FlowEnablement,
        SetupStep::Policies,
        SetupStep::RunAsUser,
        SetupStep::ConsumerKey,
        SetupStep::MyDomain,
    ];

    /// The Lightning Setup path the step's button opens, and what it is called in Setup.
    pub fn setup_page(self) -> (&'static str, &'static str) {
        const ECA_MANAGER: (&str, &str) = (
            "/lightning/setup/ManageExternalClientApplication/home",
            "External Client App Manager",
        );
        match self {
            SetupStep::CreateApp
            | SetupStep::OauthSettings
            | SetupStep::FlowEnablement
            | SetupStep::Policies
            | SetupStep::ConsumerKey => ECA_MANAGER,
            SetupStep::RunAsUser => ("/lightning/setup/ManageUsers/home", "Users"),
            SetupStep::MyDomain => ("/lightning/setup/OrgDomain/home", "My Domain"),
        }
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

/// Every step's link on `domain`'s host.
pub fn setup_links(domain: &OrgDomain) -> Vec<SetupLink> {
    SetupStep::ALL
        .iter()
        .map(|&step| {
            let (path, label) = step.setup_page();
            SetupLink {
                step,
                label: label.to_string(),
                url: domain.url(path),
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn links_are_on_the_org_host() {
        let domain = crate::domain::parse_domain("acme.my.salesforce.com").unwrap();
        let links = setup_links(&domain);
        assert_eq!(links.len(), SetupStep::ALL.len());
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
}
