//! The org's Setup side: its External Client Apps, their settings and policies, and the Run As
//! user, as an admin's login reads them (SOQL on the setup objects, the Metadata API). Every
//! token-failure scenario is a misconfiguration here, and the token endpoint answers from it
//! ([`Setup::token_refusal`]), so what inspection reads and what the token says cannot drift.

use serde_json::{json, Map, Value};

use crate::base::ids;
use crate::base::scenario::Scenario;
use crate::base::state::{Caller, Org};

/// The OAuth scopes an app can select: the field of `ExtlClntAppOauthSettings` and whether the
/// Client Credentials flow keeps it (`full`, `web` and `refresh_token` are filtered out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    Api,
    OpenId,
    Id,
    RefreshToken,
    Full,
    Web,
}

impl Scope {
    const ALL: [Scope; 6] = [
        Scope::Api,
        Scope::OpenId,
        Scope::Id,
        Scope::RefreshToken,
        Scope::Full,
        Scope::Web,
    ];

    fn field(self) -> &'static str {
        match self {
            Scope::Api => "OauthScopesAPI",
            Scope::OpenId => "OauthScopesOpenID",
            Scope::Id => "OauthScopesId",
            Scope::RefreshToken => "OauthScopesRefreshToken",
            Scope::Full => "OauthScopesFull",
            Scope::Web => "OauthScopesWeb",
        }
    }

    /// The value of a Connected App's `oauthConfig.scopes`.
    pub fn connected_app_name(self) -> &'static str {
        match self {
            Scope::Api => "Api",
            Scope::OpenId => "OpenID",
            Scope::Id => "Basic",
            Scope::RefreshToken => "RefreshToken",
            Scope::Full => "Full",
            Scope::Web => "Web",
        }
    }

    fn kept_by_the_flow(self) -> bool {
        matches!(self, Scope::Api | Scope::OpenId | Scope::Id)
    }
}

/// An External Client App, or a legacy Connected App (read only through the Metadata API's
/// `ConnectedApp` type; the setup objects list External Client Apps only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    External,
    Connected,
}

/// One app of the org.
#[derive(Clone, Debug)]
pub(crate) struct App {
    pub kind: Kind,
    pub id: String,
    pub developer_name: &'static str,
    pub label: &'static str,
    /// The member name of its `ExtlClntAppGlobalOauthSettings` (names vary by how the app was
    /// made, so clients must match on `externalClientApplication`, not on this name).
    pub global_settings_name: &'static str,
    pub consumer_key: String,
    pub consumer_secret: String,
    pub enabled: bool,
    pub oauth_plugin_enabled: bool,
    /// The Settings tab's "Enable Client Credentials Flow".
    pub settings_flow: bool,
    /// The Policies tab's "Enable Client Credentials Flow".
    pub policies_flow: bool,
    /// What the Policies tab's Run As field holds (a username, or what was typed).
    pub run_as: Option<String>,
    /// Permitted Users = "Admin approved users are pre-authorized".
    pub admin_approved_only: bool,
    /// Permission sets (a profile counts by its own permission set) pre-authorized for the app.
    pub preauthorized: Vec<String>,
    /// The same, by name, as a Connected App's metadata lists them (`permissionSetName`).
    pub preauthorized_names: Vec<&'static str>,
    pub ip_policy: &'static str,
    pub scopes: Vec<Scope>,
}

/// A user of the org: the integration user the Preflight app runs as, or an admin.
#[derive(Clone, Debug)]
pub(crate) struct User {
    pub id: String,
    pub username: String,
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

pub(crate) struct Setup {
    /// The app the check uses first, then another the org has.
    pub apps: Vec<App>,
    pub user: User,
    /// A permission set assigned to the user that pre-authorizes it for the app.
    pub access_permset_id: String,
    /// The admins whose own logins the admin tokens are (System Administrators).
    pub admins: Vec<User>,
    /// The `Organization` record.
    pub org_id: String,
    pub sandbox: bool,
}

pub(crate) const PREFLIGHT_APP: &str = "Preflight_Integration";
const ACCESS_PERMSET: &str = "ECA_Preflight_Access";
const NO_USER: (&str, &str) = ("invalid_grant", "no client credentials user enabled");

impl Setup {
    /// The org's Setup as this scenario has it (built per request: it follows `set_scenario`).
    pub fn of(org: &Org, scenario: Scenario) -> Setup {
        let serial = |n: u64| n + 1000;
        let user = User {
            id: org.user_id.clone(),
            username: org.username.clone(),
            email: "it-integrations@practice-org.example".to_string(),
            active: scenario != Scenario::InactiveUser,
            frozen: scenario == Scenario::FrozenUser,
            profile_id: ids::record_id("00e", serial(1)),
            profile_name: "Minimum Access - API Only Integrations",
            profile_permset_id: ids::record_id("0PS", serial(1)),
            api_enabled: scenario != Scenario::ApiDisabledUser,
            api_only: true,
            ip_ranges: if scenario == Scenario::IpRestricted {
                vec![("10.20.0.0", "10.20.255.255")]
            } else {
                Vec::new()
            },
        };
        let access_permset_id = ids::record_id("0PS", serial(2));
        let (consumer_key, consumer_secret) = if org.lock().rotated {
            (
                org.staged_client_id.clone(),
                org.staged_client_secret.clone(),
            )
        } else {
            (org.client_id.clone(), org.client_secret.clone())
        };
        let legacy = scenario == Scenario::ConnectedApp;
        let preflight = App {
            kind: if legacy {
                Kind::Connected
            } else {
                Kind::External
            },
            id: ids::record_id(if legacy { "0H4" } else { "0xA" }, serial(1)),
            developer_name: if legacy {
                "Preflight_Legacy"
            } else {
                PREFLIGHT_APP
            },
            label: if legacy {
                "Preflight Legacy"
            } else {
                "Preflight Integration"
            },
            global_settings_name: "Preflight_Integration_glbloauth",
            consumer_key,
            consumer_secret,
            enabled: true,
            oauth_plugin_enabled: true,
            settings_flow: scenario != Scenario::FlowOffSettings,
            policies_flow: scenario != Scenario::FlowDisabled,
            run_as: match scenario {
                Scenario::NoRunAsUser => None,
                Scenario::RunAsEmail => Some(user.email.clone()),
                _ => Some(user.username.clone()),
            },
            admin_approved_only: scenario == Scenario::NotAdminApproved,
            preauthorized: if scenario == Scenario::NotAdminApproved {
                Vec::new()
            } else {
                vec![access_permset_id.clone()]
            },
            preauthorized_names: if scenario == Scenario::NotAdminApproved {
                Vec::new()
            } else {
                vec![ACCESS_PERMSET]
            },
            ip_policy: "Enforce",
            scopes: match scenario {
                Scenario::NoValidScopes => vec![Scope::RefreshToken, Scope::Full],
                Scenario::NoApiScope => vec![Scope::OpenId, Scope::Id],
                _ => vec![Scope::Api, Scope::OpenId, Scope::Id],
            },
        };
        // Another app of the org, made from a package: its settings' member name differs.
        let other = App {
            kind: Kind::External,
            id: ids::record_id("0xA", serial(2)),
            developer_name: "Marketing_Sync",
            label: "Marketing Sync",
            global_settings_name: "MarketingSync_oauthGlobal",
            consumer_key: format!("3MVG9{}", "m".repeat(80)),
            consumer_secret: "B".repeat(64),
            enabled: true,
            oauth_plugin_enabled: true,
            settings_flow: false,
            policies_flow: false,
            run_as: None,
            admin_approved_only: true,
            preauthorized: Vec::new(),
            preauthorized_names: Vec::new(),
            ip_policy: "Enforce",
            scopes: vec![Scope::Api, Scope::RefreshToken],
        };
        let admins = [Caller::Admin, Caller::LimitedAdmin]
            .into_iter()
            .map(|caller| {
                let person = org.person(caller);
                User {
                    id: person.user_id,
                    username: person.username,
                    email: person.email,
                    active: true,
                    frozen: false,
                    profile_id: ids::record_id("00e", serial(2)),
                    profile_name: "System Administrator",
                    profile_permset_id: ids::record_id("0PS", serial(3)),
                    api_enabled: true,
                    api_only: false,
                    ip_ranges: Vec::new(),
                }
            })
            .collect();
        Setup {
            apps: vec![preflight, other],
            user,
            access_permset_id,
            admins,
            org_id: org.org_id.clone(),
            sandbox: scenario == Scenario::Sandbox,
        }
    }

    pub fn preflight(&self) -> &App {
        &self.apps[0]
    }

    /// What the token endpoint answers for the Preflight app, from its configuration.
    pub fn token_refusal(&self) -> Option<(&'static str, &'static str)> {
        let app = self.preflight();
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
        if app.run_as.as_deref() != Some(self.user.username.as_str()) {
            return Some(NO_USER);
        }
        if !self.user.active {
            return Some(("invalid_grant", "inactive user"));
        }
        // A model: what the token endpoint answers for a frozen user is unconfirmed; the
        // engine reads any description that says "frozen".
        if self.user.frozen {
            return Some(("invalid_grant", "user is frozen"));
        }
        if app.admin_approved_only && !self.user_permsets().any(|p| app.preauthorized.contains(p)) {
            return Some((
                "invalid_app_access",
                "user is not admin approved to access this app",
            ));
        }
        // Callers come from 127.0.0.1, outside every range the scenarios set.
        if app.ip_policy == "Enforce" && !self.user.ip_ranges.is_empty() {
            return Some(("invalid_grant", "ip restricted"));
        }
        None
    }

    /// The scope of a token the Preflight app gets.
    pub fn token_scope(&self) -> &'static str {
        if self.preflight().scopes.contains(&Scope::Api) {
            "api openid id"
        } else {
            "openid id"
        }
    }

    fn user_permsets(&self) -> impl Iterator<Item = &String> {
        [&self.user.profile_permset_id, &self.access_permset_id].into_iter()
    }
}

/// A setup object answering SOQL and describe: its fields and its rows (relationship fields
/// such as `Profile.Name` are flat keys here; answers nest them).
pub(crate) struct Table {
    pub name: &'static str,
    /// Readable only with "View all External Client Apps, view their settings, and edit their
    /// policies"; without it the object does not exist for the caller.
    pub needs_eca_permission: bool,
    pub fields: Vec<TableField>,
    pub rows: Vec<Map<String, Value>>,
}

pub(crate) struct TableField {
    pub name: &'static str,
    /// Salesforce's field type: id, string, boolean, picklist, reference, email.
    pub kind: &'static str,
    pub reference_to: Option<&'static str>,
}

fn field(name: &'static str, kind: &'static str) -> TableField {
    TableField {
        name,
        kind,
        reference_to: None,
    }
}

fn reference(name: &'static str, to: &'static str) -> TableField {
    TableField {
        name,
        kind: "reference",
        reference_to: Some(to),
    }
}

fn row(pairs: Vec<(&str, Value)>) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

const ECA: &str = "ExternalClientApplication";
const ECA_ID: &str = "ExternalClientApplicationId";

impl Setup {
    /// The setup object named `name` (case-insensitive), if the org has it.
    pub fn table(&self, name: &str) -> Option<Table> {
        let tables = [
            ECA,
            "ExtlClntAppPlcyCnfg",
            "ExtlClntAppOauthPlcyCnfg",
            "ExtlClntAppOauthSettings",
            "SetupEntityAccess",
            "User",
            "PermissionSetAssignment",
            "LoginIpRange",
            "Organization",
        ];
        let name = tables.into_iter().find(|t| t.eq_ignore_ascii_case(name))?;
        let apps: Vec<&App> = self
            .apps
            .iter()
            .filter(|a| a.kind == Kind::External)
            .collect();
        let user = &self.user;
        let serial = |prefix: &str, i: usize| ids::record_id(prefix, 2000 + i as u64);
        Some(match name {
            ECA => Table {
                name,
                needs_eca_permission: true,
                fields: vec![
                    field("Id", "id"),
                    field("DeveloperName", "string"),
                    field("MasterLabel", "string"),
                    field("DistributionState", "picklist"),
                ],
                rows: apps
                    .iter()
                    .map(|a| {
                        row(vec![
                            ("Id", json!(a.id)),
                            ("DeveloperName", json!(a.developer_name)),
                            ("MasterLabel", json!(a.label)),
                            ("DistributionState", json!("Local")),
                        ])
                    })
                    .collect(),
            },
            "ExtlClntAppPlcyCnfg" => Table {
                name,
                needs_eca_permission: true,
                fields: vec![
                    field("Id", "id"),
                    reference(ECA_ID, ECA),
                    field("IsEnabled", "boolean"),
                    field("OauthPluginStatus", "picklist"),
                ],
                rows: apps
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let status = if a.oauth_plugin_enabled {
                            "Enabled"
                        } else {
                            "Disabled"
                        };
                        row(vec![
                            ("Id", json!(serial("0xP", i))),
                            (ECA_ID, json!(a.id)),
                            ("IsEnabled", json!(a.enabled)),
                            ("OauthPluginStatus", json!(status)),
                        ])
                    })
                    .collect(),
            },
            "ExtlClntAppOauthPlcyCnfg" => Table {
                name,
                needs_eca_permission: true,
                fields: vec![
                    field("Id", "id"),
                    reference(ECA_ID, ECA),
                    field("IsClientCredentialsFlowEnabled", "boolean"),
                    field("ClientCredentialsFlowUser", "email"),
                    field("PermittedUsersPolicyType", "picklist"),
                    field("IpRelaxationPolicyType", "picklist"),
                ],
                rows: apps
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let permitted = if a.admin_approved_only {
                            "AdminApprovedPreAuthorized"
                        } else {
                            "AllSelfAuthorized"
                        };
                        row(vec![
                            ("Id", json!(serial("0xO", i))),
                            (ECA_ID, json!(a.id)),
                            ("IsClientCredentialsFlowEnabled", json!(a.policies_flow)),
                            ("ClientCredentialsFlowUser", json!(a.run_as)),
                            ("PermittedUsersPolicyType", json!(permitted)),
                            ("IpRelaxationPolicyType", json!(a.ip_policy)),
                        ])
                    })
                    .collect(),
            },
            "ExtlClntAppOauthSettings" => {
                let mut fields = vec![field("Id", "id"), reference(ECA_ID, ECA)];
                fields.extend(Scope::ALL.iter().map(|s| field(s.field(), "boolean")));
                Table {
                    name,
                    needs_eca_permission: true,
                    fields,
                    rows: apps
                        .iter()
                        .enumerate()
                        .map(|(i, a)| {
                            let mut r =
                                row(vec![("Id", json!(serial("0xS", i))), (ECA_ID, json!(a.id))]);
                            for s in Scope::ALL {
                                r.insert(s.field().into(), json!(a.scopes.contains(&s)));
                            }
                            r
                        })
                        .collect(),
                }
            }
            "SetupEntityAccess" => Table {
                name,
                needs_eca_permission: false,
                fields: vec![
                    field("Id", "id"),
                    reference("ParentId", "PermissionSet"),
                    field("SetupEntityId", "id"),
                    field("SetupEntityType", "picklist"),
                ],
                rows: apps
                    .iter()
                    .flat_map(|a| a.preauthorized.iter().map(move |p| (a, p)))
                    .enumerate()
                    .map(|(i, (a, p))| {
                        row(vec![
                            ("Id", json!(serial("0J0", i))),
                            ("ParentId", json!(p)),
                            ("SetupEntityId", json!(a.id)),
                            ("SetupEntityType", json!(ECA)),
                        ])
                    })
                    .collect(),
            },
            "User" => Table {
                name,
                needs_eca_permission: false,
                fields: vec![
                    field("Id", "id"),
                    field("Username", "string"),
                    field("Email", "email"),
                    field("IsActive", "boolean"),
                    reference("ProfileId", "Profile"),
                    field("Profile.Name", "string"),
                    field("Profile.PermissionsApiEnabled", "boolean"),
                    field("Profile.PermissionsApiUserOnly", "boolean"),
                ],
                // The Run As user first, then the admins.
                rows: std::iter::once(user)
                    .chain(&self.admins)
                    .map(|u| {
                        row(vec![
                            ("Id", json!(u.id)),
                            ("Username", json!(u.username)),
                            ("Email", json!(u.email)),
                            ("IsActive", json!(u.active)),
                            ("ProfileId", json!(u.profile_id)),
                            ("Profile.Name", json!(u.profile_name)),
                            ("Profile.PermissionsApiEnabled", json!(u.api_enabled)),
                            ("Profile.PermissionsApiUserOnly", json!(u.api_only)),
                        ])
                    })
                    .collect(),
            },
            // Salesforce CLI reads it after a login (`determineOrg`).
            "Organization" => Table {
                name,
                needs_eca_permission: false,
                fields: vec![
                    field("Id", "id"),
                    field("Name", "string"),
                    field("InstanceName", "string"),
                    field("IsSandbox", "boolean"),
                    field("TrialExpirationDate", "datetime"),
                    field("NamespacePrefix", "string"),
                    field("OrganizationType", "picklist"),
                ],
                rows: vec![row(vec![
                    ("Id", json!(self.org_id)),
                    ("Name", json!("Practice Org")),
                    ("InstanceName", json!("SIM1")),
                    ("IsSandbox", json!(self.sandbox)),
                    ("TrialExpirationDate", Value::Null),
                    ("NamespacePrefix", Value::Null),
                    ("OrganizationType", json!("Enterprise Edition")),
                ])],
            },
            "PermissionSetAssignment" => {
                let sets = [
                    (&user.profile_permset_id, "X00ex000000abcdEAA", true),
                    (&self.access_permset_id, ACCESS_PERMSET, false),
                ];
                Table {
                    name,
                    needs_eca_permission: false,
                    fields: vec![
                        field("Id", "id"),
                        reference("AssigneeId", "User"),
                        reference("PermissionSetId", "PermissionSet"),
                        field("PermissionSet.Name", "string"),
                        field("PermissionSet.IsOwnedByProfile", "boolean"),
                        field("PermissionSet.PermissionsApiEnabled", "boolean"),
                        field("PermissionSet.PermissionsApiUserOnly", "boolean"),
                    ],
                    rows: sets
                        .iter()
                        .enumerate()
                        .map(|(i, (id, set_name, owned))| {
                            // The API permissions come from the profile's own set.
                            row(vec![
                                ("Id", json!(serial("0Pa", i))),
                                ("AssigneeId", json!(user.id)),
                                ("PermissionSetId", json!(id)),
                                ("PermissionSet.Name", json!(set_name)),
                                ("PermissionSet.IsOwnedByProfile", json!(owned)),
                                (
                                    "PermissionSet.PermissionsApiEnabled",
                                    json!(*owned && user.api_enabled),
                                ),
                                (
                                    "PermissionSet.PermissionsApiUserOnly",
                                    json!(*owned && user.api_only),
                                ),
                            ])
                        })
                        .collect(),
                }
            }
            "LoginIpRange" => Table {
                name,
                needs_eca_permission: false,
                fields: vec![
                    field("Id", "id"),
                    reference("ProfileId", "Profile"),
                    field("StartAddress", "string"),
                    field("EndAddress", "string"),
                ],
                rows: user
                    .ip_ranges
                    .iter()
                    .enumerate()
                    .map(|(i, (start, end))| {
                        row(vec![
                            ("Id", json!(serial("0Ix", i))),
                            ("ProfileId", json!(user.profile_id)),
                            ("StartAddress", json!(start)),
                            ("EndAddress", json!(end)),
                        ])
                    })
                    .collect(),
            },
            _ => return None,
        })
    }
}

impl Table {
    /// `GET …/sobjects/NAME/describe` of a setup object (the parts clients read).
    pub fn describe(&self, version: &str) -> Value {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .filter(|f| !f.name.contains('.'))
            .map(|f| {
                json!({
                    "name": f.name,
                    "label": f.name,
                    "type": f.kind,
                    "referenceTo": f.reference_to.map_or(vec![], |to| vec![to]),
                    "relationshipName": f.reference_to.map(|_| f.name.trim_end_matches("Id")),
                    "createable": false,
                    "updateable": false,
                    "nillable": f.kind != "boolean" && f.name != "Id",
                    "defaultedOnCreate": f.kind == "boolean",
                    "custom": false,
                })
            })
            .collect();
        json!({
            "name": self.name,
            "label": self.name,
            "custom": false,
            "createable": false,
            "queryable": true,
            "urls": {"describe": format!("/services/data/v{version}/sobjects/{}/describe", self.name)},
            "fields": fields,
        })
    }
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
        assert!(!setup.apps[1]
            .global_settings_name
            .starts_with(setup.apps[1].developer_name));
        assert!(setup.table("user").is_some() && setup.table("Account").is_none());
    }
}
