//! "Try without an org": the simulated org (`eca_sim`) runs inside the app on loopback, and one
//! practice profile points at it. Its secret stays in memory; the scenario picks the failure.

use crate::commands::profiles::ProfileView;
use crate::error::{AppError, AppResult};
use crate::state::{AppState, Practice};
use eca_core::profile::Profile;
use eca_core::Secret;
use eca_sim::{Scenario, SimOptions, SimOrg};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

/// Name of the practice profile the app creates.
pub const PRACTICE_PROFILE_NAME: &str = "Practice org";

/// One scenario of the practice org, for the picker.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioInfo {
    /// The scenario name, e.g. "wrong-secret".
    pub id: String,
    pub title: String,
    pub description: String,
    /// The diagnosis code a run against this scenario ends with (null: the run passes).
    pub expected_code: Option<String>,
}

#[tauri::command]
pub fn practice_scenarios() -> Vec<ScenarioInfo> {
    Scenario::ALL
        .iter()
        .map(|s| ScenarioInfo {
            id: s.name().to_string(),
            title: s.title().to_string(),
            description: s.description().to_string(),
            expected_code: s.expected_code().map(str::to_string),
        })
        .collect()
}

/// Start the practice org (once) with `scenario`, or switch the running one to it; create or
/// point the practice profile at it.
#[tauri::command]
pub async fn start_practice(
    state: State<'_, AppState>,
    scenario: String,
) -> AppResult<ProfileView> {
    let scenario = Scenario::from_name(&scenario).ok_or_else(|| {
        AppError::bad_input(format!(
            "There is no practice scenario called \"{scenario}\"."
        ))
    })?;
    let profile = ensure_practice(&state, Some(scenario)).await?;
    Ok(state.view(profile).await)
}

/// The practice profile pointing at the running practice org, starting the org if needed
/// (a practice profile saved by an earlier launch points at a port that is gone).
/// `Some(scenario)` (the admin picked one) switches the org and resets the practice profile's
/// key and secret to the org's; `None` (a run) keeps what the admin may have edited.
pub async fn ensure_practice(state: &AppState, scenario: Option<Scenario>) -> AppResult<Profile> {
    let mut practice = state.practice.lock().await;
    let reset = scenario.is_some() || practice.is_none();
    let org = match practice.as_mut() {
        Some(running) => running,
        None => {
            let options = SimOptions {
                scenario: scenario.unwrap_or(Scenario::Healthy),
                latency: state.practice_latency,
                ..SimOptions::default()
            };
            let sim = SimOrg::start(options).await.map_err(|e| {
                AppError::internal(format!("The practice org could not start: {e}"))
            })?;
            tracing::info!(url = sim.base_url(), "practice org started");
            let secret = Secret::new(sim.client_secret());
            practice.insert(Practice { sim, secret })
        }
    };
    if let Some(scenario) = scenario {
        org.sim.set_scenario(scenario);
    }
    if reset {
        org.secret = Secret::new(org.sim.client_secret());
    }
    let base_url = org.sim.base_url().to_string();
    let client_id = org.sim.client_id().to_string();
    state.profiles.update(|list| {
        if let Some(saved) = list.iter_mut().find(|p| p.practice) {
            saved.domain = base_url;
            if reset {
                saved.client_id = client_id;
            }
            return Ok(saved.clone());
        }
        let mut profile = Profile {
            id: eca_core::profile::edit::new_id(),
            name: PRACTICE_PROFILE_NAME.to_string(),
            domain: base_url,
            client_id,
            practice: true,
            ..Profile::default()
        };
        let mut n = 2;
        while list
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(&profile.name))
        {
            profile.name = format!("{PRACTICE_PROFILE_NAME} ({n})");
            n += 1;
        }
        list.push(profile.clone());
        Ok(profile)
    })
}
