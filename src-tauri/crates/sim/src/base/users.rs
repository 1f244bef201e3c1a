//! The org's users as Setup lists them: the integration user the Preflight app runs as, the
//! admins whose logins the admin tokens are, a former integration user (inactive) and a sales
//! rep whose profile lacks API Enabled, so that a Run As picker has real choices.

use crate::base::ids;
use crate::base::scenario::Scenario;
use crate::base::state::{Caller, Org, Person};

/// A user of the org.
#[derive(Clone, Debug)]
pub(crate) struct User {
    pub id: String,
    pub username: String,
    /// The full name (`Name`).
    pub name: String,
    pub email: String,
    pub active: bool,
    /// Frozen (Setup → Users → Freeze), by an admin or, since April 2026, by Salesforce itself.
    pub frozen: bool,
    pub profile_id: String,
    pub profile_name: &'static str,
    /// The permission set that stands for the profile (`IsOwnedByProfile`).
    pub profile_permset_id: String,
    pub api_enabled: bool,
    pub api_only: bool,
    /// The profile's login IP ranges (start, end).
    pub ip_ranges: Vec<(&'static str, &'static str)>,
}

pub(crate) const INTEGRATION_PROFILE: &str = "Minimum Access - API Only Integrations";
pub(crate) const ADMIN_PROFILE: &str = "System Administrator";
pub(crate) const STANDARD_PROFILE: &str = "Standard User";
pub(crate) const FORMER_USERNAME: &str = "former.integration@practice-org.example";
pub(crate) const SALES_REP_USERNAME: &str = "sales.rep@practice-org.example";

/// The profiles of the org, by name.
pub(crate) const PROFILES: [&str; 3] = [INTEGRATION_PROFILE, ADMIN_PROFILE, STANDARD_PROFILE];

/// A profile's record id and the id of the permission set that stands for it (the access
/// permission set has serial 1002, between the first two).
pub(crate) fn profile(name: &str) -> Option<(String, String)> {
    let i = PROFILES.iter().position(|p| *p == name)? as u64;
    let permset_serial = if i == 0 { 1001 } else { 1002 + i };
    Some((
        ids::record_id("00e", 1001 + i),
        ids::record_id("0PS", permset_serial),
    ))
}

fn profile_ids(name: &str) -> (String, String) {
    profile(name).unwrap_or_default()
}

/// The integration user the Preflight app runs as, as this scenario has them.
pub(crate) fn integration_user(org: &Org, scenario: Scenario) -> User {
    let (profile_id, profile_permset_id) = profile_ids(INTEGRATION_PROFILE);
    User {
        id: org.user_id.clone(),
        username: org.username.clone(),
        name: "Preflight Integration".to_string(),
        email: "it-integrations@practice-org.example".to_string(),
        active: scenario != Scenario::InactiveUser,
        frozen: scenario == Scenario::FrozenUser,
        profile_id,
        profile_name: INTEGRATION_PROFILE,
        profile_permset_id,
        api_enabled: scenario != Scenario::ApiDisabledUser,
        api_only: true,
        ip_ranges: if scenario == Scenario::IpRestricted {
            vec![("10.20.0.0", "10.20.255.255")]
        } else {
            Vec::new()
        },
    }
}

/// The admins (System Administrators) whose own logins the admin tokens are.
pub(crate) fn admins(org: &Org) -> Vec<User> {
    let (profile_id, profile_permset_id) = profile_ids(ADMIN_PROFILE);
    [Caller::Admin, Caller::LimitedAdmin]
        .into_iter()
        .map(|caller| {
            let person = org.person(caller);
            User {
                id: person.user_id.clone(),
                name: person.display_name(),
                username: person.username,
                email: person.email,
                active: true,
                frozen: false,
                profile_id: profile_id.clone(),
                profile_name: ADMIN_PROFILE,
                profile_permset_id: profile_permset_id.clone(),
                api_enabled: true,
                api_only: false,
                ip_ranges: Vec::new(),
            }
        })
        .collect()
}

/// The users no app runs as in any scenario: a deactivated former integration user and an
/// active sales rep without API Enabled.
pub(crate) fn others() -> Vec<User> {
    let (integration_profile, integration_permset) = profile_ids(INTEGRATION_PROFILE);
    let (standard_profile, standard_permset) = profile_ids(STANDARD_PROFILE);
    vec![
        User {
            id: ids::record_id("005", 900_001),
            username: FORMER_USERNAME.to_string(),
            name: "Former Integration".to_string(),
            email: "former.integration@practice-org.example".to_string(),
            active: false,
            frozen: false,
            profile_id: integration_profile,
            profile_name: INTEGRATION_PROFILE,
            profile_permset_id: integration_permset,
            api_enabled: true,
            api_only: true,
            ip_ranges: Vec::new(),
        },
        User {
            id: ids::record_id("005", 900_002),
            username: SALES_REP_USERNAME.to_string(),
            name: "Sam Rep".to_string(),
            email: SALES_REP_USERNAME.to_string(),
            active: true,
            frozen: false,
            profile_id: standard_profile,
            profile_name: STANDARD_PROFILE,
            profile_permset_id: standard_permset,
            api_enabled: false,
            api_only: false,
            ip_ranges: Vec::new(),
        },
    ]
}
pub(crate) const ADMIN_EMAIL: &str = "admin@practice-org.example";

impl User {
    /// The user as the identity endpoints describe them.
    pub fn person(&self) -> Person {
        let (first, last) = self.name.split_once(' ').unwrap_or(("", &self.name));
        Person {
            user_id: self.id.clone(),
            username: self.username.clone(),
            email: self.email.clone(),
            first_name: first.to_string(),
            last_name: last.to_string(),
            integration: self.api_only,
        }
    }
}
