//! What a deploy does to the org: each component checked as Salesforce checks it (unknown
//! elements, enum values, the app it refers to), then, when all pass, applied to a copy of
//! the apps. A deploy with a failure changes nothing (`rollbackOnError`).

use std::collections::BTreeMap;

use tokio::time::Instant;

use super::destroy::{delete, reset_oauth_policies};
use super::package::Package;
use super::types::{result, EcaType, Value};
use crate::base::apps::{App, Kind, Members, Scope, SCOPE_TOKENS};
use crate::base::deploys::ComponentResult;
use crate::base::ids;
use crate::base::setup::Setup;
use crate::base::state::Org;

const NS: &str = "http://soap.sforce.com/2006/04/metadata";
const APP_FIELD: &str = "externalClientApplication";

/// What a deploy will do: its component results and, when all pass, the apps after it.
pub(crate) struct Outcome {
    pub successes: Vec<ComponentResult>,
    pub failures: Vec<ComponentResult>,
    pub after: Option<Vec<App>>,
}

/// A component of the package, read and checked.
struct Component {
    kind: EcaType,
    member: String,
    fields: BTreeMap<String, String>,
}

/// Reads and checks every component of `package` against the org's `setup`, and applies them.
pub(crate) fn plan(org: &Org, setup: &Setup, package: &Package) -> Outcome {
    let mut failures = Vec::new();
    let mut components = Vec::new();
    for (type_name, member) in &package.members {
        let Some(kind) = EcaType::from_name(type_name) else {
            failures.push(result(
                type_name,
                "package.xml".into(),
                member,
                Some(format!(
                    "This practice org deploys External Client App types only, not {type_name}"
                )),
            ));
            continue;
        };
        let members: Vec<String> = if member == "*" {
            package
                .files
                .keys()
                .filter_map(|p| {
                    EcaType::of_file(p)
                        .filter(|(t, _)| *t == kind)
                        .map(|(_, m)| m)
                })
                .collect()
        } else {
            vec![member.clone()]
        };
        for member in members {
            let file_name = kind.file_name(&member);
            let Some(text) = package.files.get(&file_name) else {
                failures.push(result(
                    kind.name(),
                    "package.xml".into(),
                    &member,
                    Some(format!("An object '{member}' of type {} was named in package.xml, but was not found in zipped directory", kind.name())),
                ));
                continue;
            };
            match read_component(kind, text) {
                Ok(fields) => components.push(Component {
                    kind,
                    member,
                    fields,
                }),
                Err(problem) => {
                    failures.push(result(kind.name(), file_name, &member, Some(problem)))
                }
            }
        }
    }
    // References: a policy's app must exist before the deploy; settings may name an app the
    // same deploy creates.
    let deployed_apps: Vec<String> = components
        .iter()
        .filter(|c| c.kind == EcaType::App)
        .map(|c| c.member.clone())
        .collect();
    let mut checked = Vec::new();
    for c in components {
        if c.kind.refers_to_app() {
            let app = c
                .fields
                .get(APP_FIELD)
                .map(String::as_str)
                .unwrap_or_default();
            let exists = setup.external_app(app).is_some()
                || (!c.kind.is_policy() && deployed_apps.iter().any(|a| a == app));
            if !exists {
                let problem = if app.is_empty() {
                    format!("Required field is missing: {APP_FIELD}")
                } else {
                    format!(
                        "In field: {APP_FIELD} - no ExternalClientApplication named {app} found"
                    )
                };
                failures.push(result(
                    c.kind.name(),
                    c.kind.file_name(&c.member),
                    &c.member,
                    Some(problem),
                ));
                continue;
            }
        }
        checked.push(c);
    }
    let mut apps = setup.apps.clone();
    let mut successes = Vec::new();
    for (type_name, member) in &package.destructive {
        match delete(&mut apps, type_name, member) {
            Ok(r) => successes.push(r),
            Err(r) => failures.push(r),
        }
    }
    // Apps first, so that settings find the apps this deploy creates.
    checked.sort_by_key(|c| c.kind != EcaType::App);
    for c in &checked {
        successes.push(apply(org, setup, &mut apps, c));
    }
    let after = failures.is_empty().then_some(apps);
    Outcome {
        successes,
        failures,
        after,
    }
}

/// The fields of a component file, or Salesforce's problem with it.
fn read_component(kind: EcaType, text: &str) -> Result<BTreeMap<String, String>, String> {
    let doc = roxmltree::Document::parse(text).map_err(|e| format!("Error parsing file: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != kind.name() {
        return Err(format!(
            "Error parsing file: the root element is {}, not {}",
            root.tag_name().name(),
            kind.name()
        ));
    }
    let mut fields = BTreeMap::new();
    for element in root.children().filter(|n| n.is_element()) {
        let name = element.tag_name().name();
        let value = element
            .text()
            .map(str::trim)
            .unwrap_or_default()
            .to_string();
        if name == "fullName" {
            continue;
        }
        let Some((_, expected)) = kind.elements().iter().find(|(n, _)| *n == name) else {
            return Err(format!(
                "Element {{{NS}}}{name} invalid at this location in type {}",
                kind.name()
            ));
        };
        check_value(*expected, &value)?;
        fields.insert(name.to_string(), value);
    }
    Ok(fields)
}

fn check_value(expected: Value, value: &str) -> Result<(), String> {
    let not_in =
        |v: &str, enum_name: &str| format!("'{v}' is not a valid value for the enum '{enum_name}'");
    match expected {
        Value::Text => Ok(()),
        Value::Boolean if value == "true" || value == "false" => Ok(()),
        Value::Boolean => Err(format!(
            "Error parsing file: '{value}' is not a valid value for boolean"
        )),
        Value::Enum(_, values) if values.contains(&value) => Ok(()),
        Value::Enum(name, _) => Err(not_in(value, name)),
        Value::Scopes => match value
            .split(',')
            .map(str::trim)
            .find(|t| !SCOPE_TOKENS.contains(t))
        {
            None => Ok(()),
            Some(bad) => Err(not_in(bad, "ExtlClntAppOauthScope")),
        },
    }
}

fn flag(fields: &BTreeMap<String, String>, name: &str) -> bool {
    fields.get(name).is_some_and(|v| v == "true")
}

fn names(fields: &BTreeMap<String, String>, name: &str) -> Vec<String> {
    fields
        .get(name)
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// A new External Client App, with its own id, consumer and key pair.
fn new_app(org: &Org, name: &str) -> App {
    let serial = org.next_serial();
    App {
        kind: Kind::External,
        id: ids::record_id("0xA", serial),
        identifier: ids::record_id("0xI", serial),
        consumer_id: ids::record_id("888", serial),
        developer_name: name.to_string(),
        label: name.to_string(),
        contact_email: String::new(),
        distribution: "Local".into(),
        members: Members::default(),
        callback_url: String::new(),
        consumer_key: ids::consumer_key(),
        consumer_secret: ids::consumer_secret(),
        staged: None,
        created_at: Some(Instant::now()),
        enabled: true,
        oauth_plugin_enabled: true,
        settings_flow: false,
        policies_flow: false,
        run_as: None,
        admin_approved_only: false,
        preauthorized: Vec::new(),
        preauthorized_names: Vec::new(),
        preauthorized_profiles: Vec::new(),
        ip_policy: "Enforce".into(),
        scopes: Vec::new(),
    }
}

/// Applies one checked component (a component file replaces the whole component: what it
/// leaves out takes its default).
fn apply(org: &Org, setup: &Setup, apps: &mut Vec<App>, c: &Component) -> ComponentResult {
    let mut r = result(c.kind.name(), c.kind.file_name(&c.member), &c.member, None);
    let f = &c.fields;
    let app_name = match c.kind {
        EcaType::App => c.member.as_str(),
        _ => f.get(APP_FIELD).map(String::as_str).unwrap_or_default(),
    };
    let at = match apps
        .iter()
        .position(|a| a.kind == Kind::External && a.developer_name == app_name)
    {
        Some(at) => at,
        None => {
            apps.push(new_app(org, app_name));
            r.created = true;
            apps.len() - 1
        }
    };
    let app = &mut apps[at];
    let slot = match c.kind {
        EcaType::App => None,
        EcaType::OauthSettings => Some(&mut app.members.oauth_settings),
        EcaType::GlobalOauthSettings => Some(&mut app.members.global_settings),
        EcaType::OauthPolicies => Some(&mut app.members.oauth_policies),
        EcaType::Policies => Some(&mut app.members.policies),
    };
    if let Some(slot) = slot {
        r.created = slot.is_none();
        *slot = Some(c.member.clone());
    }
    r.changed = !r.created;
    match c.kind {
        EcaType::App => {
            app.label = f.get("label").cloned().unwrap_or_else(|| c.member.clone());
            app.contact_email = f.get("contactEmail").cloned().unwrap_or_default();
            if let Some(state) = f.get("distributionState") {
                app.distribution = state.clone();
            }
        }
        EcaType::OauthSettings => {
            app.scopes = names(f, "commaSeparatedOauthScopes")
                .iter()
                .filter_map(|t| Scope::from_token(t))
                .collect();
            if let Some(url) = f.get("callbackUrl") {
                app.callback_url = url.clone();
            }
        }
        EcaType::GlobalOauthSettings => {
            // A consumer key or secret in the file does not choose them (the org keeps its own).
            app.settings_flow = flag(f, "isClientCredentialsFlowEnabled");
            if let Some(url) = f.get("callbackUrl") {
                app.callback_url = url.clone();
            }
        }
        EcaType::OauthPolicies => {
            reset_oauth_policies(app);
            app.policies_flow = flag(f, "isClientCredentialsFlowEnabled");
            // As typed: an email stays an email (and names no user).
            app.run_as = f
                .get("clientCredentialsFlowUser")
                .filter(|u| !u.is_empty())
                .cloned();
            app.admin_approved_only = f
                .get("permittedUsersPolicyType")
                .is_some_and(|p| p == "AdminApprovedPreAuthorized");
            app.preauthorized_profiles = names(f, "commaSeparatedProfile");
            app.preauthorized_names = names(f, "commaSeparatedPermissionSet");
            app.preauthorized =
                setup.permsets_named(&app.preauthorized_profiles, &app.preauthorized_names);
            if let Some(ip) = f.get("ipRelaxationPolicyType") {
                app.ip_policy = ip.clone();
            }
        }
        EcaType::Policies => {
            app.enabled = flag(f, "isEnabled");
            app.oauth_plugin_enabled = flag(f, "isOauthPluginEnabled");
        }
    }
    r
}
