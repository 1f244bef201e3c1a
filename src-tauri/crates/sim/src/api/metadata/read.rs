//! `listMetadata` and `readMetadata` of the External Client App types and of `ConnectedApp`
//! (legacy apps: settings and policies in one). Like a real org, the global OAuth settings
//! hold the consumer key and secret: clients must read only what they need.

use super::types::EcaType;
use crate::base::apps::{App, Kind};
use crate::base::reply::escape_html as escape;
use crate::base::setup::Setup;

pub(crate) const CONNECTED_APP: &str = "ConnectedApp";

/// One component an app has: its type, member name and elements (alphabetical, as read).
struct Component {
    kind: EcaType,
    member: String,
    fields: Vec<(&'static str, String)>,
}

fn joined(names: &[String]) -> Option<String> {
    (!names.is_empty()).then(|| names.join(","))
}

/// The components of an External Client App.
fn components(app: &App) -> Vec<Component> {
    let name = || app.developer_name.clone();
    let label = || app.label.clone();
    let b = |v: bool| v.to_string();
    let mut out = vec![Component {
        kind: EcaType::App,
        member: name(),
        fields: vec![
            ("contactEmail", app.contact_email.clone()),
            ("distributionState", app.distribution.clone()),
            ("isProtected", b(false)),
            ("label", label()),
        ],
    }];
    let m = &app.members;
    if let Some(member) = &m.oauth_settings {
        let scopes: Vec<&str> = app.scopes.iter().map(|s| s.connected_app_name()).collect();
        out.push(Component {
            kind: EcaType::OauthSettings,
            member: member.clone(),
            fields: vec![
                ("commaSeparatedOauthScopes", scopes.join(",")),
                ("externalClientApplication", name()),
                ("label", label()),
            ],
        });
    }
    if let Some(member) = &m.global_settings {
        out.push(Component {
            kind: EcaType::GlobalOauthSettings,
            member: member.clone(),
            fields: vec![
                ("callbackUrl", app.callback_url.clone()),
                ("consumerKey", app.consumer_key.clone()),
                ("consumerSecret", app.consumer_secret.clone()),
                ("externalClientApplication", name()),
                ("isClientCredentialsFlowEnabled", b(app.settings_flow)),
                ("isConsumerSecretOptional", b(false)),
                ("isIntrospectAllTokens", b(false)),
                ("isPkceRequired", b(true)),
                ("isSecretRequiredForRefreshToken", b(true)),
                ("label", label()),
            ],
        });
    }
    if let Some(member) = &m.oauth_policies {
        let mut fields = Vec::new();
        if let Some(user) = &app.run_as {
            fields.push(("clientCredentialsFlowUser", user.clone()));
        }
        if let Some(sets) = joined(&app.preauthorized_names) {
            fields.push(("commaSeparatedPermissionSet", sets));
        }
        if let Some(profiles) = joined(&app.preauthorized_profiles) {
            fields.push(("commaSeparatedProfile", profiles));
        }
        let permitted = if app.admin_approved_only {
            "AdminApprovedPreAuthorized"
        } else {
            "AllSelfAuthorized"
        };
        fields.extend([
            ("externalClientApplication", name()),
            ("ipRelaxationPolicyType", app.ip_policy.clone()),
            ("isClientCredentialsFlowEnabled", b(app.policies_flow)),
            ("label", label()),
            ("permittedUsersPolicyType", permitted.to_string()),
        ]);
        out.push(Component {
            kind: EcaType::OauthPolicies,
            member: member.clone(),
            fields,
        });
    }
    if let Some(member) = &m.policies {
        out.push(Component {
            kind: EcaType::Policies,
            member: member.clone(),
            fields: vec![
                ("externalClientApplication", name()),
                ("isEnabled", b(app.enabled)),
                ("isOauthPluginEnabled", b(app.oauth_plugin_enabled)),
                ("label", label()),
            ],
        });
    }
    out
}

/// Every component of the asked types: (type, member, file name, id, record XML).
fn matching<'a>(
    setup: &'a Setup,
    kinds: &'a [String],
) -> Vec<(String, String, String, String, String)> {
    let mut out = Vec::new();
    for app in &setup.apps {
        match app.kind {
            Kind::Connected if kinds.iter().any(|k| k == CONNECTED_APP) => out.push((
                CONNECTED_APP.to_string(),
                app.developer_name.clone(),
                format!("connectedApps/{}.connectedApp", app.developer_name),
                app.id.clone(),
                connected_app(app),
            )),
            Kind::Connected => {}
            Kind::External => {
                for c in components(app) {
                    if !kinds.iter().any(|k| k == c.kind.name()) {
                        continue;
                    }
                    let elements: String = c
                        .fields
                        .iter()
                        .map(|(n, v)| format!("<{n}>{}</{n}>", escape(v)))
                        .collect();
                    let record = format!(
                        "<records xsi:type=\"{0}\"><fullName>{1}</fullName>{elements}</records>",
                        c.kind.name(),
                        escape(&c.member)
                    );
                    out.push((
                        c.kind.name().to_string(),
                        c.member.clone(),
                        c.kind.file_name(&c.member),
                        app.id.clone(),
                        record,
                    ));
                }
            }
        }
    }
    out
}

/// `listMetadata`: the `<result>` items.
pub(crate) fn list(setup: &Setup, kinds: &[String]) -> String {
    matching(setup, kinds)
        .into_iter()
        .map(|(kind, member, file, id, _)| {
            format!(
                "<result><fileName>{}</fileName><fullName>{}</fullName><id>{id}</id><manageableState>unmanaged</manageableState><type>{kind}</type></result>",
                escape(&file),
                escape(&member)
            )
        })
        .collect()
}

/// `readMetadata`: the `<result>` with a record per asked name the org has.
pub(crate) fn read(setup: &Setup, kinds: &[String], names: &[String]) -> String {
    let records: String = matching(setup, kinds)
        .into_iter()
        .filter(|(_, member, ..)| names.contains(member))
        .map(|(.., record)| record)
        .collect();
    format!("<result>{records}</result>")
}

/// A Connected App's metadata: its OAuth settings, policies and pre-authorized sets in one.
fn connected_app(a: &App) -> String {
    let scopes: String = a
        .scopes
        .iter()
        .map(|s| format!("<scopes>{}</scopes>", s.connected_app_name()))
        .collect();
    let run_as = a
        .run_as
        .as_deref()
        .map(|u| {
            format!(
                "<oauthClientCredentialUser>{}</oauthClientCredentialUser>",
                escape(u)
            )
        })
        .unwrap_or_default();
    let sets: String = a
        .preauthorized_names
        .iter()
        .map(|n| format!("<permissionSetName>{}</permissionSetName>", escape(n)))
        .collect();
    format!(
        "<records xsi:type=\"ConnectedApp\"><fullName>{}</fullName><contactEmail>admin@practice-org.example</contactEmail><label>{}</label><oauthConfig><callbackUrl>https://localhost/callback</callbackUrl><consumerKey>{}</consumerKey><consumerSecret>{}</consumerSecret><isAdminApproved>{}</isAdminApproved><isClientCredentialEnabled>{}</isClientCredentialEnabled>{run_as}{scopes}</oauthConfig><oauthPolicy><ipRelaxation>{}</ipRelaxation><refreshTokenPolicy>infinite</refreshTokenPolicy></oauthPolicy>{sets}</records>",
        escape(&a.developer_name),
        escape(&a.label),
        escape(&a.consumer_key),
        escape(&a.consumer_secret),
        a.admin_approved_only,
        a.settings_flow && a.policies_flow,
        a.ip_policy.to_ascii_uppercase(),
    )
}
