//! The setup objects an admin's login queries (SOQL, describe), built from the org's
//! [`Setup`]: the apps' settings and policies, the users, their permission sets and the
//! `Organization` record.

use serde_json::{json, Map, Value};

use crate::base::apps::{App, Kind, Scope};
use crate::base::ids;
use crate::base::setup::{Setup, ACCESS_PERMSET};
use crate::base::users::User;

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
                            ("DistributionState", json!(a.distribution)),
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
                    field("Name", "string"),
                    field("Email", "email"),
                    field("IsActive", "boolean"),
                    reference("ProfileId", "Profile"),
                    field("Profile.Name", "string"),
                    field("Profile.PermissionsApiEnabled", "boolean"),
                    field("Profile.PermissionsApiUserOnly", "boolean"),
                ],
                // The Run As user first, then the admins, then the others.
                rows: self
                    .users()
                    .map(|u| {
                        row(vec![
                            ("Id", json!(u.id)),
                            ("Username", json!(u.username)),
                            ("Name", json!(u.name)),
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
                // Each user's profile's own set (named as Salesforce names them), and the
                // access set the integration user is assigned; the integration user first.
                let sets: Vec<(&User, String, String, bool)> = self
                    .users()
                    .flat_map(|u| {
                        let own_name = if u.id == user.id {
                            "X00ex000000abcdEAA".to_string()
                        } else {
                            format!("X{}", &u.profile_id[..15])
                        };
                        let own = (u, u.profile_permset_id.clone(), own_name, true);
                        let access = (u.id == user.id).then(|| {
                            (
                                u,
                                self.access_permset_id.clone(),
                                ACCESS_PERMSET.to_string(),
                                false,
                            )
                        });
                        std::iter::once(own).chain(access)
                    })
                    .collect();
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
                        .map(|(i, (u, id, set_name, owned))| {
                            // The API permissions come from the profile's own set.
                            row(vec![
                                ("Id", json!(serial("0Pa", i))),
                                ("AssigneeId", json!(u.id)),
                                ("PermissionSetId", json!(id)),
                                ("PermissionSet.Name", json!(set_name)),
                                ("PermissionSet.IsOwnedByProfile", json!(owned)),
                                (
                                    "PermissionSet.PermissionsApiEnabled",
                                    json!(*owned && u.api_enabled),
                                ),
                                (
                                    "PermissionSet.PermissionsApiUserOnly",
                                    json!(*owned && u.api_only),
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
