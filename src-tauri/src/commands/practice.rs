//! "Try without an org": the simulated org (`eca_sim`) runs inside the app on loopback, and one
//! practice profile (`Target::Practice { scenario }`) stands for it. Its address changes with
//! every launch, so it is found when a check runs, never stored; its secret stays in memory.

use crate::commands::profiles::ProfileView;
use crate::commands::Cx;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use eca_core::inspect::AdminLogin;
use eca_core::profiles::{edit, Profile, Target};
use eca_core::{DiagnosisCode, Secret};
use eca_sim::{Scenario, SimOptions, SimOrg};
use serde::Serialize;
use tauri::Runtime;
use ts_rs::TS;

/// Name of the practice profile the app creates.
pub const PRACTICE_PROFILE_NAME: &str = "Practice org";

/// One scenario of the practice org, for the picker.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct ScenarioInfo {
    /// The scenario name, e.g. "wrong-secret".
    pub id: String,
    pub title: String,
    pub description: String,
    /// The diagnosis code a run against this scenario ends with (null: the run passes).
    pub expected_code: Option<DiagnosisCode>,
}

pub async fn practice_scenarios(_: &Cx<impl Runtime>) -> AppResult<Vec<ScenarioInfo>> {
    Ok(Scenario::ALL
        .iter()
        .map(|s| ScenarioInfo {
            id: s.name().to_string(),
            title: s.title().to_string(),
            description: s.description().to_string(),
            expected_code: s.expected_code().and_then(DiagnosisCode::parse),
        })
        .collect())
}

/// Start the practice org on `scenario` (or switch the running one to it), and make the practice
/// profile point at it: created on first use, its scenario saved.
pub async fn start_practice(cx: &Cx<impl Runtime>, scenario: String) -> AppResult<ProfileView> {
    let scenario = scenario_named(&scenario)?;
    let target = Target::Practice {
        scenario: scenario.name().to_string(),
    };
    let profile = cx.profiles.update(|list| {
        if let Some(saved) = list.iter_mut().find(|p| p.is_practice()) {
            saved.target = target;
            // The scenario starts afresh: a pair rotated or staged in it is gone.
            saved.rotation = Default::default();
            return Ok(saved.clone());
        }
        let profile = Profile {
            id: edit::new_id(),
            name: edit::free_name(list, PRACTICE_PROFILE_NAME),
            target,
            ..Profile::default()
        };
        list.push(profile.clone());
        Ok(profile)
    })?;
    practice_org(cx, &profile, true).await?;
    Ok(cx.changed(profile).await)
}

/// Where a run of `profile` goes: its own org, or the practice org, started on the profile's
/// scenario if it is not running (it never is after a relaunch). The returned profile targets
/// the org's address for this run only; it is not saved.
pub async fn run_target(state: &AppState, profile: &Profile) -> AppResult<Profile> {
    if !profile.is_practice() {
        return Ok(profile.clone());
    }
    let org = practice_org(state, profile, false).await?;
    Ok(Profile {
        target: Target::Org {
            domain: org.base_url,
        },
        client_id: state.practice_app().unwrap_or(org.client_id),
        ..profile.clone()
    })
}

/// The practice org's own admin login (it stands for the admin's Salesforce CLI session).
pub async fn admin_login(state: &AppState, profile: &Profile) -> AppResult<AdminLogin> {
    let org = practice_org(state, profile, false).await?;
    AdminLogin::pasted(&org.base_url, org.admin_token)
        .map_err(|e| AppError::internal(e.to_string()))
}

/// The running practice org's address, key and admin login.
struct PracticeOrg {
    base_url: String,
    client_id: String,
    admin_token: Secret,
}

/// The practice org on `profile`'s scenario, started once per launch. Its secret goes to the
/// practice secret store when the org starts, or when `reset` (the admin picked a scenario).
async fn practice_org(state: &AppState, profile: &Profile, reset: bool) -> AppResult<PracticeOrg> {
    let Target::Practice { scenario } = &profile.target else {
        return Err(AppError::internal("not a practice profile"));
    };
    let scenario = scenario_named(scenario)?;
    let mut running = state.practice.lock().await;
    let started = running.is_none();
    let sim = match running.as_mut() {
        Some(sim) => sim,
        None => {
            let options = SimOptions {
                scenario,
                latency: state.practice_latency(),
                ..SimOptions::default()
            };
            let sim = SimOrg::start(options).await.map_err(|e| {
                AppError::internal(format!("The practice org could not start: {e}"))
            })?;
            tracing::info!(url = sim.base_url(), "practice org started");
            running.insert(sim)
        }
    };
    // Picked by the admin (`reset`): the scenario starts afresh even when it is the one
    // running, so a just-created app is refused from now, as its banner says.
    let fresh = reset || sim.scenario() != scenario;
    if fresh {
        // The scenario starts afresh: apps made in it are gone, and so is the one in use.
        sim.set_scenario(scenario);
        state.use_practice_app(None);
    }
    let org = PracticeOrg {
        base_url: sim.base_url().to_string(),
        client_id: sim.client_id().to_string(),
        admin_token: Secret::new(sim.admin_token()),
    };
    let secret = Secret::new(sim.client_secret());
    drop(running);
    let missing = state.secret_for(profile).await?.is_none();
    if started || fresh || missing {
        state
            .vault(&profile.target)
            .save(profile.keychain_account(), secret, "practice org".into())
            .await?;
    }
    Ok(org)
}

fn scenario_named(name: &str) -> AppResult<Scenario> {
    Scenario::from_name(name).ok_or_else(|| {
        AppError::bad_input(format!("There is no practice scenario called \"{name}\"."))
    })
}
