//! What a destructive manifest does: an app deleted (not one installed from a package), or
//! one of its components, whose settings then fall back to their defaults.

use super::types::{result, EcaType};
use crate::base::apps::{App, Kind};
use crate::base::deploys::ComponentResult;

/// Deletes one component a destructive manifest names. An app installed from a package
/// cannot be deleted; a component the org does not have is a success that deleted nothing.
pub(super) fn delete(
    apps: &mut Vec<App>,
    type_name: &str,
    member: &str,
) -> Result<ComponentResult, ComponentResult> {
    let Some(kind) = EcaType::from_name(type_name) else {
        return Err(result(
            type_name,
            "destructiveChanges.xml".into(),
            member,
            Some(format!(
                "This practice org deletes External Client App types only, not {type_name}"
            )),
        ));
    };
    let mut r = result(kind.name(), kind.file_name(member), member, None);
    let external = |a: &App| a.kind == Kind::External;
    if kind == EcaType::App {
        if let Some(at) = apps
            .iter()
            .position(|a| external(a) && a.developer_name == member)
        {
            if apps[at].distribution == "Packaged" {
                r.problem = Some(format!(
                    "Cannot delete {member}: it was installed from a package"
                ));
                return Err(r);
            }
            apps.remove(at);
            r.deleted = true;
        }
        return Ok(r);
    }
    let owner = apps.iter_mut().filter(|a| external(a)).find(|a| {
        let m = &a.members;
        let name = match kind {
            EcaType::OauthSettings => &m.oauth_settings,
            EcaType::GlobalOauthSettings => &m.global_settings,
            EcaType::OauthPolicies => &m.oauth_policies,
            EcaType::Policies | EcaType::App => &m.policies,
        };
        name.as_deref() == Some(member)
    });
    if let Some(app) = owner {
        match kind {
            EcaType::OauthSettings => {
                app.members.oauth_settings = None;
                app.scopes.clear();
            }
            EcaType::GlobalOauthSettings => {
                app.members.global_settings = None;
                app.settings_flow = false;
            }
            EcaType::OauthPolicies => {
                app.members.oauth_policies = None;
                reset_oauth_policies(app);
            }
            EcaType::Policies | EcaType::App => app.members.policies = None,
        }
        r.deleted = true;
    }
    Ok(r)
}

pub(super) fn reset_oauth_policies(app: &mut App) {
    app.policies_flow = false;
    app.run_as = None;
    app.admin_approved_only = false;
    app.preauthorized.clear();
    app.preauthorized_names.clear();
    app.preauthorized_profiles.clear();
    app.ip_policy = "Enforce".into();
}
