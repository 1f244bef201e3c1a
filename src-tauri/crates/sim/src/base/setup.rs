//! The org's Setup side: its External Client Apps, their settings and policies, and its users,
//! as an admin's login reads them (SOQL on the setup objects, the Metadata API). Every
//! token-failure scenario is a misconfiguration here, and the token endpoint answers from it
//! ([`Setup::token_refusal_for`]), so what inspection reads and what the token says cannot
//! drift. Deploys and the credentials API change the apps; `Setup::of` returns the changed
//! ones (`Inner::apps`) once there are any.

use crate::base::apps::{App, Kind, Members, Scope, StagedPair};
use crate::base::ids;
use crate::base::scenario::Scenario;
use crate::base::state::Org;
use crate::base::users::{self, User};

pub(crate) struct Setup {
    /// The app the check uses first, then the others the org has.
    pub apps: Vec<App>,
    /// The integration user the Preflight app runs as.
    pub user: User,
    /// A permission set assigned to the user that pre-authorizes it for the app.
    pub access_permset_id: String,
    /// The admins whose own logins the admin tokens are (System Administrators).
    pub admins: Vec<User>,
    /// Users no app runs as: inactive, or without API Enabled.
    pub others: Vec<User>,
    /// The `Organization` record.
    pub org_id: String,
    pub sandbox: bool,
    /// "Allow access to External Client App consumer secrets via REST API"
    /// (`ExternalClientAppSettings.enableClientSecretInRestApiAccess`).
    pub secret_api_enabled: bool,
}

pub(crate) const PREFLIGHT_APP: &str = "Preflight_Integration";
pub(crate) const ACCESS_PERMSET: &str = "ECA_Preflight_Access";
const NO_USER: (&str, &str) = ("invalid_grant", "no client credentials user enabled");
/// How long a staged pair lives.
pub(crate) const STAGED_LIFETIME_MS: u64 = 30 * 24 * 3600 * 1000;

impl Setup {
    /// The org's Setup as this scenario has it, with what deploys changed since it was picked
    /// (built per request: it follows `set_scenario`).
    pub fn of(org: &Org, scenario: Scenario) -> Setup {
        let user = users::integration_user(org, scenario);
        let access_permset_id = ids::record_id("0PS", 1002);
        let changed = org.lock().apps.clone();
        let apps =
            changed.unwrap_or_else(|| scenario_apps(org, scenario, &user, &access_permset_id));
        Setup {
            apps,
            user,
            access_permset_id,
            admins: users::admins(org),
            others: users::others(),
            org_id: org.org_id.clone(),
            sandbox: scenario == Scenario::Sandbox,
            secret_api_enabled: scenario != Scenario::SecretApiOff,
        }
    }

    pub fn preflight(&self) -> &App {
        &self.apps[0]
    }

    /// Every user: the integration user, the admins, the others.
    pub fn users(&self) -> impl Iterator<Item = &User> {
        std::iter::once(&self.user)
            .chain(&self.admins)
            .chain(&self.others)
    }

    /// The External Client App named `developer_name`, if the org has it.
    pub fn external_app(&self, developer_name: &str) -> Option<&App> {
        self.apps
            .iter()
            .find(|a| a.kind == Kind::External && a.developer_name == developer_name)
    }

    /// The app whose current or staged consumer key this is.
    pub fn app_by_key(&self, key: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.secret_for(key).is_some())
    }

    /// What the token endpoint answers for the Preflight app, from its configuration.
    #[cfg(test)]
    pub fn token_refusal(&self) -> Option<(&'static str, &'static str)> {
        self.token_refusal_for(self.preflight())
    }

    /// What the token endpoint answers for `app`, from its configuration and its Run As user.
    pub fn token_refusal_for(&self, app: &App) -> Option<(&'static str, &'static str)> {
        if !(app.enabled && app.oauth_plugin_enabled && app.settings_flow && app.policies_flow) {
            return Some((
                "oauth_flow_disabled",
                "The external client app or the OAuth plugin is disabled.",
            ));
        }
        if !app.scopes.iter().any(|s| s.kept_by_the_flow()) {
            return Some(("invalid_grant", "no valid scopes defined"));
        }
        // The Run As field must name an existing user by username (an email does not).
        let Some(user) = self.run_as_user(app) else {
            return Some(NO_USER);
        };
        if !user.active {
            return Some(("invalid_grant", "inactive user"));
        }
        // A model: what the token endpoint answers for a frozen user is unconfirmed; the
        // engine reads any description that says "frozen".
        if user.frozen {
            return Some(("invalid_grant", "user is frozen"));
        }
        if app.admin_approved_only
            && !self
                .permsets_of(user)
                .any(|p| app.preauthorized.contains(p))
        {
            return Some((
                "invalid_app_access",
                "user is not admin approved to access this app",
            ));
        }
        // Callers come from 127.0.0.1, outside every range the scenarios set.
        if app.ip_policy != "Bypass" && !user.ip_ranges.is_empty() {
            return Some(("invalid_grant", "ip restricted"));
        }
        None
    }

    /// The user `app`'s Run As field names (by username, as Salesforce looks it up).
    pub fn run_as_user(&self, app: &App) -> Option<&User> {
        let run_as = app.run_as.as_deref()?;
        self.users().find(|u| u.username == run_as)
    }

    /// The scope of a token the Preflight app gets.
    #[cfg(test)]
    pub fn token_scope(&self) -> &'static str {
        Self::token_scope_for(self.preflight())
    }

    /// The scope of a token `app` gets.
    pub fn token_scope_for(app: &App) -> &'static str {
        let has = |s: Scope| app.scopes.contains(&s);
        match (has(Scope::Api), has(Scope::OpenId), has(Scope::Id)) {
            (true, true, true) => "api openid id",
            (true, true, false) => "api openid",
            (true, false, true) => "api id",
            (true, false, false) => "api",
            (false, true, true) => "openid id",
            (false, true, false) => "openid",
            (false, false, true) => "id",
            (false, false, false) => "",
        }
    }

    /// The permission sets a user holds: their profile's own, and the access set the
    /// integration user is assigned.
    pub fn permsets_of<'a>(&'a self, user: &'a User) -> impl Iterator<Item = &'a String> {
        let assigned = (user.id == self.user.id).then_some(&self.access_permset_id);
        std::iter::once(&user.profile_permset_id).chain(assigned)
    }

    /// The permission set ids that `profiles` and `permission_sets` (by name) stand for;
    /// unknown names stand for none.
    pub fn permsets_named(&self, profiles: &[String], permission_sets: &[String]) -> Vec<String> {
        let by_profile = profiles
            .iter()
            .filter_map(|p| users::profile(p).map(|(_, permset)| permset));
        let by_set = permission_sets
            .iter()
            .filter(|n| n.as_str() == ACCESS_PERMSET)
            .map(|_| self.access_permset_id.clone());
        by_profile.chain(by_set).collect()
    }
}

/// The apps of the scenario: the Preflight app (or its legacy twin) and Marketing Sync, an
/// app installed from a package.
fn scenario_apps(org: &Org, scenario: Scenario, user: &User, access_permset_id: &str) -> Vec<App> {
    let serial = |n: u64| n + 1000;
    let rotated = org.lock().rotated;
    let (consumer_key, consumer_secret) = if rotated {
        (
            org.staged_client_id.clone(),
            org.staged_client_secret.clone(),
        )
    } else {
        (org.client_id.clone(), org.client_secret.clone())
    };
    // `rotation`: new credentials are staged until `/__sim/rotate`.
    let staged = (scenario == Scenario::Rotation && !rotated).then(|| StagedPair {
        id: ids::record_id("0Hs", serial(1)),
        key: org.staged_client_id.clone(),
        secret: org.staged_client_secret.clone(),
        state: "staged",
        created_ms: org.started_ms,
        expires_ms: org.started_ms + STAGED_LIFETIME_MS,
    });
    let legacy = scenario == Scenario::ConnectedApp;
    let not_approved = scenario == Scenario::NotAdminApproved;
    let preflight = App {
        kind: if legacy {
            Kind::Connected
        } else {
            Kind::External
        },
        id: ids::record_id(if legacy { "0H4" } else { "0xA" }, serial(1)),
        identifier: ids::record_id("0xI", serial(1)),
        consumer_id: ids::record_id("888", serial(1)),
        developer_name: if legacy {
            "Preflight_Legacy".into()
        } else {
            PREFLIGHT_APP.into()
        },
        label: if legacy {
            "Preflight Legacy".into()
        } else {
            "Preflight Integration".into()
        },
        contact_email: users::ADMIN_EMAIL.into(),
        distribution: "Local".into(),
        members: Members {
            oauth_settings: Some("Preflight_Integration_oauth".into()),
            global_settings: Some("Preflight_Integration_glbloauth".into()),
            oauth_policies: Some("Preflight_Integration_oauthPlcy".into()),
            policies: Some("Preflight_Integration_plcy".into()),
        },
        callback_url: "https://localhost/callback".into(),
        consumer_key,
        consumer_secret,
        staged,
        created_at: None,
        enabled: true,
        oauth_plugin_enabled: true,
        settings_flow: scenario != Scenario::FlowOffSettings,
        policies_flow: scenario != Scenario::FlowDisabled,
        run_as: match scenario {
            Scenario::NoRunAsUser => None,
            Scenario::RunAsEmail => Some(user.email.clone()),
            _ => Some(user.username.clone()),
        },
        admin_approved_only: not_approved,
        preauthorized: if not_approved {
            Vec::new()
        } else {
            vec![access_permset_id.to_string()]
        },
        preauthorized_names: if not_approved {
            Vec::new()
        } else {
            vec![ACCESS_PERMSET.to_string()]
        },
        preauthorized_profiles: Vec::new(),
        ip_policy: "Enforce".into(),
        scopes: match scenario {
            Scenario::NoValidScopes => vec![Scope::RefreshToken, Scope::Full],
            Scenario::NoApiScope => vec![Scope::OpenId, Scope::Id],
            _ => vec![Scope::Api, Scope::OpenId, Scope::Id],
        },
    };
    // Another app of the org, installed from a package: its member names differ.
    let other = App {
        kind: Kind::External,
        id: ids::record_id("0xA", serial(2)),
        identifier: ids::record_id("0xI", serial(2)),
        consumer_id: ids::record_id("888", serial(2)),
        developer_name: "Marketing_Sync".into(),
        label: "Marketing Sync".into(),
        contact_email: "marketing-vendor@example.com".into(),
        distribution: "Packaged".into(),
        members: Members {
            oauth_settings: Some("MarketingSync_oauth".into()),
            global_settings: Some("MarketingSync_oauthGlobal".into()),
            oauth_policies: Some("MarketingSync_oauthPolicy".into()),
            policies: Some("MarketingSync_policy".into()),
        },
        callback_url: "https://marketing.example.com/oauth/callback".into(),
        consumer_key: format!("3MVG9{}", "m".repeat(80)),
        consumer_secret: "B".repeat(64),
        staged: None,
        created_at: None,
        enabled: true,
        oauth_plugin_enabled: true,
        settings_flow: false,
        policies_flow: false,
        run_as: None,
        admin_approved_only: true,
        preauthorized: Vec::new(),
        preauthorized_names: Vec::new(),
        preauthorized_profiles: Vec::new(),
        ip_policy: "Enforce".into(),
        scopes: vec![Scope::Api, Scope::RefreshToken],
    };
    vec![preflight, other]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn org() -> Org {
        Org::for_test()
    }

    #[test]
    fn each_token_failure_scenario_is_a_misconfiguration_the_token_answers() {
        let org = org();
        let expect = [
            (Scenario::Healthy, None),
            (Scenario::NoRunAsUser, Some(NO_USER.1)),
            (Scenario::RunAsEmail, Some(NO_USER.1)),
            (
                Scenario::FlowDisabled,
                Some("The external client app or the OAuth plugin is disabled."),
            ),
            (
                Scenario::FlowOffSettings,
                Some("The external client app or the OAuth plugin is disabled."),
            ),
            (
                Scenario::NotAdminApproved,
                Some("user is not admin approved to access this app"),
            ),
            (Scenario::NoValidScopes, Some("no valid scopes defined")),
            (Scenario::IpRestricted, Some("ip restricted")),
            (Scenario::InactiveUser, Some("inactive user")),
            (Scenario::FrozenUser, Some("user is frozen")),
            (Scenario::ApiDisabledUser, None),
            (Scenario::NoApiScope, None),
        ];
        for (scenario, description) in expect {
            let got = Setup::of(&org, scenario).token_refusal().map(|r| r.1);
            assert_eq!(got, description, "{scenario}");
        }
        assert_eq!(
            Setup::of(&org, Scenario::NoApiScope).token_scope(),
            "openid id"
        );
    }

    #[test]
    fn the_settings_member_names_differ_and_the_other_app_has_another_key() {
        let org = org();
        let setup = Setup::of(&org, Scenario::Healthy);
        assert_eq!(setup.preflight().consumer_key, org.client_id);
        assert_ne!(setup.apps[0].consumer_key, setup.apps[1].consumer_key);
        let other = &setup.apps[1];
        let global = other.members.global_settings.as_deref().unwrap();
        assert!(!global.starts_with(&other.developer_name));
        assert!(setup.table("user").is_some() && setup.table("Account").is_none());
    }
}
