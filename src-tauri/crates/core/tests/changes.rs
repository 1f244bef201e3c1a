//! The change API the desktop app calls, against the simulated org: the Run As picker lists
//! only active users with API Enabled, the plan names production or sandbox and every
//! component, a creation reports each deploy's progress and reads the new pair back, a fix plan
//! shows before → after and lists user findings only, and the rotation check refuses before
//! anything changes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use eca_core::change::create::{create_app, plan_create, users_for_run_as, CreateError, NewApp};
use eca_core::change::fix::plan_fix;
use eca_core::change::rotate::{check_rotation, ExistingStaged, RotateError};
use eca_core::change::users::OrgKind;
use eca_core::change::ChangeProgress;
use eca_core::client::ClientOptions;
use eca_core::inspect::{inspect, AdminLogin, FindingCode};
use eca_core::Secret;
use eca_sim::{Scenario, SimOptions, SimOrg};
use std::sync::Mutex;
use std::time::Duration;

const RUN_AS: &str = "preflight.integration@practice-org.example";

fn options() -> ClientOptions {
    ClientOptions::new(Duration::from_secs(10))
}

fn login(org: &SimOrg) -> AdminLogin {
    AdminLogin::pasted(org.base_url(), Secret::new(org.admin_token())).unwrap()
}

async fn quick(scenario: Scenario) -> SimOrg {
    SimOrg::start(SimOptions {
        scenario,
        propagation: Duration::ZERO,
        ..SimOptions::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn the_run_as_picker_offers_only_active_users_with_api_enabled() {
    let org = quick(Scenario::Healthy).await;
    let users = users_for_run_as(&login(&org), &options()).await.unwrap();
    let names: Vec<&str> = users.iter().map(|u| u.username.as_str()).collect();
    assert!(names.contains(&RUN_AS), "{names:?}");
    assert!(users.iter().all(|u| u.active && u.api_enabled), "{users:?}");
    assert!(!names.contains(&"former.integration@practice-org.example"));
    assert!(!names.contains(&"sales.rep@practice-org.example"));
    let integration = users.iter().find(|u| u.username == RUN_AS).unwrap();
    assert_eq!(
        integration.profile.as_deref(),
        Some("Minimum Access - API Only Integrations")
    );
}

#[tokio::test]
async fn a_creation_is_planned_then_made_with_progress_and_its_pair_read_back() {
    let org = quick(Scenario::Healthy).await;
    let app = NewApp::new("Picker_App", RUN_AS);
    let plan = plan_create(&login(&org), &app, &options()).await.unwrap();
    assert_eq!(plan.org_kind, OrgKind::Production);
    assert_eq!(plan.phase(1).len(), 3);
    assert_eq!(plan.phase(2).len(), 1);
    let events = Mutex::new(Vec::new());
    let progress = |e: ChangeProgress| events.lock().unwrap().push(e);
    let created = create_app(&login(&org), &app, &options(), &progress, None)
        .await
        .unwrap();
    let key = created.client_id.clone().unwrap();
    assert!(key.starts_with("3MVG") && key != org.client_id());
    assert!(created.secret.is_some() && created.secret_unavailable.is_none());
    assert!(!serde_json::to_string(&created)
        .unwrap()
        .contains(created.secret.as_ref().unwrap().expose()));
    let statuses: Vec<String> = events
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            ChangeProgress::Deploying { status, .. } => Some(status.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| *s == "Succeeded").count(),
        2,
        "{statuses:?}"
    );
    assert_eq!(statuses.first().map(String::as_str), Some("Queued"));
    // Made: the name is taken now.
    let again = plan_create(&login(&org), &app, &options()).await;
    assert!(
        matches!(again, Err(CreateError::NameTaken { .. })),
        "{again:?}"
    );
}

#[tokio::test]
async fn without_the_setting_the_app_is_made_and_the_secret_left_in_setup() {
    let org = quick(Scenario::SecretApiOff).await;
    let app = NewApp::new("Quiet_App", RUN_AS);
    let created = create_app(&login(&org), &app, &options(), &|_| {}, None)
        .await
        .unwrap();
    assert!(created.secret.is_none());
    let why = created.secret_unavailable.unwrap();
    assert!(why.contains("enableClientSecretInRestApiAccess"), "{why}");
    assert!(
        why.contains("/lightning/setup/ManageExternalClientApplication/home"),
        "{why}"
    );
}

#[tokio::test]
async fn a_fix_plan_changes_the_apps_settings_and_lists_user_findings_only() {
    let org = quick(Scenario::IpRestricted).await;
    let found = inspect(&login(&org), org.client_id(), &options())
        .await
        .unwrap();
    let plan = plan_fix(&login(&org), &found, None, &options())
        .await
        .unwrap();
    assert_eq!(plan.changes.len(), 1, "{plan:?}");
    assert_eq!(plan.changes[0].setting, "ipRelaxationPolicyType");
    assert_eq!(plan.changes[0].after, "Bypass");
    assert_eq!(plan.changes[0].mends, FindingCode::IpRestricted);
    assert_eq!(plan.components.len(), 1);
    let org = quick(Scenario::InactiveUser).await;
    let found = inspect(&login(&org), org.client_id(), &options())
        .await
        .unwrap();
    let plan = plan_fix(&login(&org), &found, None, &options())
        .await
        .unwrap();
    assert!(plan.is_empty());
    assert_eq!(plan.listed_only[0].code, FindingCode::RunAsInactive);
}

#[tokio::test]
async fn the_rotation_check_refuses_before_anything_changes() {
    let org = quick(Scenario::SecretApiOff).await;
    let refused = check_rotation(
        &login(&org),
        org.client_id(),
        &options(),
        ExistingStaged::Refuse,
    )
    .await;
    assert!(
        matches!(refused, Err(RotateError::Credentials(_))),
        "{refused:?}"
    );
    assert!(!org
        .state()
        .requests
        .iter()
        .any(|r| r.method != "GET" && r.path.starts_with("/services/data/")));
    let org = quick(Scenario::Healthy).await;
    let app = check_rotation(
        &login(&org),
        org.client_id(),
        &options(),
        ExistingStaged::Refuse,
    )
    .await
    .unwrap();
    assert_eq!(app, "Preflight_Integration");
}
