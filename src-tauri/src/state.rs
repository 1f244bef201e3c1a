//! Everything the commands share, managed once by the app (no global singletons).

use crate::error::{AppError, AppResult};
use crate::profiles::Profiles;
use eca_core::inspect::AdminLogin;
use eca_core::journal::Journal;
use eca_core::profiles::Profile;
use eca_core::profiles::Target;
use eca_core::secrets::{MemorySecrets, SecretStatus, SecretStore, Vault};
use eca_core::storage::JsonFile;
use eca_core::{CheckReport, Secret};
use eca_sim::SimOrg;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How long a keychain call may take. A locked keyring can show an unlock prompt that nobody
/// answers; without a bound the command (and the busy UI) would wait forever.
pub const KEYCHAIN_TIMEOUT: Duration = Duration::from_secs(20);

pub struct AppState {
    /// Real orgs' secrets: the OS keychain (an in-memory fake in tests). Reach it through
    /// [`AppState::vault`].
    keychain: Vault,
    /// The practice org's secrets: memory only, behind the same calls.
    practice_vault: Vault,
    pub profiles: Profiles,
    pub run: RunSlot,
    /// The last finished run and its profile (also in `last-run.json`, so it outlives a restart).
    last_run: Mutex<Option<SavedRun>>,
    /// Where the last run is kept between launches (beside the profile store).
    last_run_file: Option<JsonFile<SavedRun>>,
    /// The embedded simulated org, started on first use.
    pub practice: tokio::sync::Mutex<Option<SimOrg>>,
    /// Latency the practice org adds to every answer (see `AppOptions`).
    practice_latency: Duration,
    /// An admin's login kept for inspections until the app closes (memory only).
    admin_login: Mutex<Option<AdminLogin>>,
    /// The consumer key of an app made (or rotated) in the practice org, which the practice
    /// profile uses instead of the scenario's own until another scenario is picked.
    practice_app: Mutex<Option<String>>,
    /// The fix each profile's admin was shown last, deployed as shown when confirmed.
    fix_plans: Mutex<std::collections::HashMap<String, eca_core::change::fix::FixPlan>>,
    /// Every change made to an org with the admin's login (beside the profile store).
    pub ledger: eca_core::change::ledger::Ledger,
    /// Why the profile store started empty at launch (an unreadable file kept aside), if it did.
    store_problem: Option<String>,
    /// Test records that may still be in an org (beside the profile store; the CLI's too).
    pub journal: Arc<Journal>,
    /// The networks the admin was warned about, per profile (beside the store).
    pub freeze_warnings: crate::freeze_warnings::FreezeWarnings,
}

/// Builds the [`AppState`]: the three parts every state has, then the settings that differ
/// between the app and tests.
pub struct AppStateBuilder {
    secrets: Arc<dyn SecretStore>,
    profiles: Profiles,
    journal: Arc<Journal>,
    practice_latency: Duration,
    keychain_timeout: Duration,
    store_problem: Option<String>,
}

impl AppStateBuilder {
    /// Latency the practice org adds to every answer (none by default).
    pub fn practice_latency(mut self, latency: Duration) -> Self {
        self.practice_latency = latency;
        self
    }

    /// The bound on every keychain call ([`KEYCHAIN_TIMEOUT`] by default).
    pub fn keychain_timeout(mut self, timeout: Duration) -> Self {
        self.keychain_timeout = timeout;
        self
    }

    /// Why the profile store started empty (a damaged file kept aside), for the UI to say.
    pub fn store_problem(mut self, problem: Option<String>) -> Self {
        self.store_problem = problem;
        self
    }

    pub fn build(self) -> AppState {
        let AppStateBuilder {
            secrets,
            profiles,
            journal,
            practice_latency,
            keychain_timeout,
            store_problem,
        } = self;
        // The small files live beside the profile store, as the journal does.
        let beside = |name: &str| journal.path().parent().map(|d| d.join(name));
        AppState {
            keychain: Vault::new(secrets, keychain_timeout),
            practice_vault: Vault::new(Arc::new(MemorySecrets::new()), keychain_timeout),
            profiles,
            run: RunSlot::default(),
            last_run: Mutex::new(None),
            store_problem,
            last_run_file: beside(LAST_RUN_FILE).map(|p| JsonFile::at(p, "unreadable")),
            practice: tokio::sync::Mutex::new(None),
            practice_latency,
            admin_login: Mutex::new(None),
            practice_app: Mutex::new(None),
            fix_plans: Mutex::new(std::collections::HashMap::new()),
            // Beside the journal, which is beside the profile store.
            ledger: eca_core::change::ledger::Ledger::beside(journal.path()),
            freeze_warnings: crate::freeze_warnings::FreezeWarnings::new(beside(
                crate::freeze_warnings::FREEZE_WARNINGS_FILE,
            )),
            journal,
        }
    }
}

impl AppState {
    pub fn builder(
        secrets: Arc<dyn SecretStore>,
        profiles: Profiles,
        journal: Arc<Journal>,
    ) -> AppStateBuilder {
        AppStateBuilder {
            secrets,
            profiles,
            journal,
            practice_latency: Duration::ZERO,
            keychain_timeout: KEYCHAIN_TIMEOUT,
            store_problem: None,
        }
    }

    /// Why the profile list started empty at this launch, if it did.
    pub fn store_problem(&self) -> Option<&str> {
        self.store_problem.as_deref()
    }

    /// Latency the practice org adds to every answer.
    pub fn practice_latency(&self) -> Duration {
        self.practice_latency
    }

    /// The practice org lives in memory: what an earlier launch left in it went with it — test
    /// records, and a pair rotated or staged there.
    pub fn forget_practice_leftovers(&self) {
        let _ = self.profiles.update(|list| {
            for p in list.iter_mut().filter(|p| p.is_practice()) {
                p.rotation = Default::default();
            }
            Ok(())
        });
        let practice: Vec<String> = match self.profiles.list() {
            Ok(list) => list
                .into_iter()
                .filter(|p| p.is_practice())
                .map(|p| p.id)
                .collect(),
            Err(_) => return,
        };
        for entry in self.journal.entries() {
            if entry
                .profile_id
                .as_ref()
                .is_some_and(|id| practice.contains(id))
            {
                let _ = self.journal.remove(&entry.marker);
            }
        }
    }

    pub fn kept_admin_login(&self) -> Option<AdminLogin> {
        lock(&self.admin_login).clone()
    }

    pub fn keep_admin_login(&self, login: AdminLogin) {
        *lock(&self.admin_login) = Some(login);
    }

    pub fn forget_admin_login(&self) {
        *lock(&self.admin_login) = None;
    }

    pub fn keep_fix_plan(&self, profile_id: &str, plan: eca_core::change::fix::FixPlan) {
        lock(&self.fix_plans).insert(profile_id.to_string(), plan);
    }

    /// The plan shown last for the profile; taken, so it is deployed at most once.
    pub fn take_fix_plan(&self, profile_id: &str) -> Option<eca_core::change::fix::FixPlan> {
        lock(&self.fix_plans).remove(profile_id)
    }

    /// The key of the app the practice profile uses instead of the scenario's, if any.
    pub fn practice_app(&self) -> Option<String> {
        lock(&self.practice_app).clone()
    }

    /// `key` is the practice profile's app from now on (its secret goes to the practice vault).
    pub fn use_practice_app(&self, key: Option<String>) {
        *lock(&self.practice_app) = key;
    }

    /// Where `target`'s secrets live: memory for the practice org (made up at each start), the
    /// OS keychain for an org.
    pub fn vault(&self, target: &Target) -> &Vault {
        match target {
            Target::Practice { .. } => &self.practice_vault,
            Target::Org { .. } => &self.keychain,
        }
    }

    /// The secret a run of `profile` uses.
    pub async fn secret_for(&self, profile: &Profile) -> AppResult<Option<Secret>> {
        Ok(self
            .vault(&profile.target)
            .read(profile.keychain_account())
            .await?)
    }

    /// What the UI may see of `profile`'s secret. A keychain that cannot be read shows as "no
    /// secret stored" here (the list must still open); saving or running names the real error.
    pub async fn secret_status(&self, profile: &Profile) -> SecretStatus {
        self.vault(&profile.target)
            .status(profile.keychain_account())
            .await
    }

    /// `secret_status` of a whole list, one bounded call per vault.
    pub async fn secret_statuses(&self, profiles: &[Profile]) -> Vec<SecretStatus> {
        let mut statuses = vec![SecretStatus::none(); profiles.len()];
        for vault in [&self.keychain, &self.practice_vault] {
            let (places, accounts): (Vec<usize>, Vec<String>) = profiles
                .iter()
                .enumerate()
                .filter(|(_, p)| std::ptr::eq(self.vault(&p.target), vault))
                .map(|(i, p)| (i, p.keychain_account()))
                .unzip();
            if accounts.is_empty() {
                continue;
            }
            for (i, status) in places.into_iter().zip(vault.statuses(&accounts).await) {
                statuses[i] = status;
            }
        }
        statuses
    }

    /// The last run of `profile_id`: kept for the report commands, and written beside the store
    /// (a report never holds a secret or a token) so a relaunch shows it again.
    pub fn keep_last_run(&self, profile_id: &str, report: &CheckReport) {
        let saved = SavedRun {
            profile_id: profile_id.to_string(),
            report: report.clone(),
        };
        if let Some(file) = &self.last_run_file {
            if let Err(e) = file.save(&saved) {
                tracing::warn!(error = %e, "the last run was not kept for the next launch");
            }
        }
        *lock(&self.last_run) = Some(saved);
    }

    /// The last run, from this launch or the file an earlier one left (read once).
    pub fn saved_run(&self) -> Option<SavedRun> {
        let mut last = lock(&self.last_run);
        if last.is_none() {
            *last = self.last_run_file.as_ref()?.load().value;
        }
        last.clone()
    }

    /// The last run's report (for Copy and Save), also after a relaunch.
    pub fn last_report(&self) -> Option<CheckReport> {
        self.saved_run().map(|run| run.report)
    }
}

/// The file the last run is kept in between launches.
pub const LAST_RUN_FILE: &str = "last-run.json";

/// A finished run and the profile it was of.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, ts_rs::TS)]
pub struct SavedRun {
    pub profile_id: String,
    pub report: CheckReport,
}

/// The one check that may run at a time, and its cancellation token.
#[derive(Default)]
pub struct RunSlot {
    current: Mutex<Option<CancellationToken>>,
}

impl RunSlot {
    /// Claim the slot; `busy` while another run holds it. Dropping the guard frees it.
    pub fn begin(&self) -> AppResult<RunGuard<'_>> {
        let mut current = lock(&self.current);
        if current.is_some() {
            return Err(AppError::busy());
        }
        let token = CancellationToken::new();
        *current = Some(token.clone());
        Ok(RunGuard { slot: self, token })
    }

    /// Cancel the running check; true when there was one.
    pub fn cancel(&self) -> bool {
        match lock(&self.current).as_ref() {
            Some(token) => {
                token.cancel();
                true
            }
            None => false,
        }
    }

    pub fn is_running(&self) -> bool {
        lock(&self.current).is_some()
    }
}

pub struct RunGuard<'a> {
    slot: &'a RunSlot,
    pub token: CancellationToken,
}

impl Drop for RunGuard<'_> {
    fn drop(&mut self) {
        *lock(&self.slot.current) = None;
    }
}

/// A poisoned lock only means another command panicked mid-update; the data (an Option) is
/// still usable, so recover it rather than fail every later command.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Run blocking work (keychain D-Bus calls, file writes) off the async workers.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| AppError::internal(format!("A background task failed: {e}")))?
}
