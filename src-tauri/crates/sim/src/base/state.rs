//! The org's live state (tokens, records, request log) and the snapshot tests read.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tokio::time::Instant;

use crate::base::apps::App;
use crate::base::deploys::DeployJob;
use crate::base::ids;
use crate::base::scenario::Scenario;

/// What `GET /__sim/state` answers. Never holds a secret, token, form value or header value.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct SimState {
    pub scenario: String,
    /// Live records (created and not deleted), in creation order.
    pub records: Vec<SimRecord>,
    /// Tokens issued and not revoked.
    pub active_tokens: usize,
    pub revoked_tokens: usize,
    /// Every request except those to `/__sim/`, in order (the oldest are dropped past 10,000).
    pub requests: Vec<LoggedRequest>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SimRecord {
    pub object: String,
    pub id: String,
    pub fields: Map<String, Value>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    pub query_keys: Vec<String>,
    pub form_keys: Vec<String>,
    /// "none" | "bearer" | "basic" ("other" for an unknown scheme).
    pub auth: String,
    pub status: u16,
    /// A part of a `…/composite` call (run in-process), not a request of its own.
    #[serde(default)]
    pub subrequest: bool,
}

/// Whose login a request carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Caller {
    /// A token the Client Credentials flow issued: the Run As user.
    RunAs,
    /// An admin's own login (as Salesforce CLI holds it), allowed to read the apps' settings.
    Admin,
    /// An admin's login without the permission to view External Client Apps.
    LimitedAdmin,
}

impl Caller {
    pub fn is_admin(self) -> bool {
        matches!(self, Caller::Admin | Caller::LimitedAdmin)
    }
}

/// The admin whose login `admin_token` is (a System Administrator).
pub(crate) const ADMIN_USERNAME: &str = "admin@practice-org.example";
/// The admin whose login `limited_admin_token` is.
pub(crate) const LIMITED_ADMIN_USERNAME: &str = "limited.admin@practice-org.example";

/// The user a login belongs to, as the identity endpoints describe them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Person {
    pub user_id: String,
    pub username: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// A Salesforce Integration user (the Run As user); the admins are not.
    pub integration: bool,
}

impl Person {
    /// The part of the username before the `@`, as Salesforce makes the nickname.
    pub fn nickname(&self) -> &str {
        self.username.split('@').next().unwrap_or_default()
    }

    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// Daily API request allocation the org reports.
pub(crate) const API_MAX: u32 = 15_000;
const LOG_CAP: usize = 10_000;

pub(crate) struct TokenInfo {
    pub scope: &'static str,
    /// The user the token is for: the Run As user of the app it was granted to.
    pub user_id: String,
    pub issued_at_ms: u64,
    pub revoked: bool,
}

/// One row of `LoginHistory` (`history.rs` writes and reads them).
#[derive(Clone, Debug)]
pub(crate) struct LoginRow {
    pub id: String,
    pub user_id: String,
    pub time_ms: u64,
    pub status: &'static str,
    pub application: String,
}

pub(crate) struct Inner {
    pub scenario: Scenario,
    /// When the scenario was last picked (at the start, or by `set_scenario`): a just-created
    /// app's propagation counts from here. Tokio's clock, so tests can drive it.
    pub picked_at: Instant,
    pub tokens: HashMap<String, TokenInfo>,
    pub records: Vec<SimRecord>,
    pub deleted: HashSet<String>,
    pub requests: Vec<LoggedRequest>,
    pub api_used: u32,
    pub next_serial: u64,
    /// `rotation`: the staged pair is now the only valid one.
    pub rotated: bool,
    /// A row per grant of the Run As user (`history.rs`).
    pub login_history: Vec<LoginRow>,
    /// The apps once a deploy or the credentials API changed them (`None`: the scenario's, see
    /// `Setup::of`). Picking a scenario clears them.
    pub apps: Option<Vec<App>>,
    /// Metadata API deploys by id (`0Af…`).
    pub deploys: HashMap<String, DeployJob>,
}

/// Everything the handlers share. Credentials live here, never in `SimState`.
pub(crate) struct Org {
    pub base_url: String,
    pub client_id: String,
    pub client_secret: String,
    /// The staged credentials of the `rotation` scenario.
    pub staged_client_id: String,
    pub staged_client_secret: String,
    /// How long `app-propagating` refuses the key after it is picked.
    pub propagation: Duration,
    pub org_id: String,
    /// The Run As user (the integration user the app runs as).
    pub user_id: String,
    /// The admins (`ADMIN_USERNAME`, `LIMITED_ADMIN_USERNAME`) whose logins the admin tokens are.
    pub admin_user_id: String,
    pub limited_admin_user_id: String,
    /// A Salesforce CLI login of an admin with every permission inspection needs.
    pub admin_token: String,
    /// An admin login without "View all External Client Apps, view their settings, and edit
    /// their policies": the app objects and their Metadata do not exist for it.
    pub limited_admin_token: String,
    pub username: String,
    pub latency: Duration,
    /// Whether `…/composite` is served (see `SimOptions::composite`).
    pub composite: bool,
    /// The fault to inject, and how many requests came so far.
    pub fault: Option<crate::base::fault::Fault>,
    pub received: std::sync::atomic::AtomicUsize,
    /// When the org started (Unix ms): the `rotation` scenario's pair was staged then.
    pub started_ms: u64,
    inner: Mutex<Inner>,
}

impl Org {
    /// A healthy org at an address nothing listens on, for unit tests of the handlers' parts.
    #[cfg(test)]
    pub fn for_test() -> Org {
        Org::new(
            "http://127.0.0.1:1".into(),
            Scenario::Healthy,
            Duration::ZERO,
            Duration::ZERO,
        )
    }

    pub fn new(
        base_url: String,
        scenario: Scenario,
        latency: Duration,
        propagation: Duration,
    ) -> Org {
        let inner = Inner {
            scenario,
            picked_at: Instant::now(),
            tokens: HashMap::new(),
            records: Vec::new(),
            deleted: HashSet::new(),
            requests: Vec::new(),
            api_used: 0,
            rotated: false,
            login_history: Vec::new(),
            apps: None,
            deploys: HashMap::new(),
            next_serial: u64::from(rand::random::<u16>()) * 1000,
        };
        let org_id = ids::record_id("00D", u64::from(rand::random::<u16>()));
        // Three users, each id distinct (the serials cannot overlap).
        let user_serial = u64::from(rand::random::<u16>());
        Org {
            admin_token: ids::access_token(&org_id),
            limited_admin_token: ids::access_token(&org_id),
            base_url,
            client_id: ids::consumer_key(),
            client_secret: ids::consumer_secret(),
            staged_client_id: ids::consumer_key(),
            staged_client_secret: ids::consumer_secret(),
            propagation,
            org_id,
            user_id: ids::record_id("005", user_serial),
            admin_user_id: ids::record_id("005", user_serial + 100_000),
            limited_admin_user_id: ids::record_id("005", user_serial + 200_000),
            username: "preflight.integration@practice-org.example".to_string(),
            latency,
            composite: true,
            fault: None,
            received: std::sync::atomic::AtomicUsize::new(0),
            started_ms: ids::now_ms(),
            inner: Mutex::new(inner),
        }
    }

    /// The lock is never held across an await; a poisoned lock still holds usable data.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn scenario(&self) -> Scenario {
        self.lock().scenario
    }

    /// Picks `scenario`, even the one the org is on: it starts afresh (a just-created app is
    /// just created again, what deploys and the credentials API changed is undone).
    pub fn set_scenario(&self, scenario: Scenario) {
        let mut inner = self.lock();
        inner.scenario = scenario;
        inner.picked_at = Instant::now();
        inner.apps = None;
        // A deploy in flight was planned against the old org: it ends canceled.
        for job in inner.deploys.values_mut().filter(|j| !j.done()) {
            job.canceled = true;
            job.applied = true;
        }
    }

    /// Completes the `rotation` scenario's rotation (`POST /__sim/rotate`): only the staged
    /// pair works from now on, in the changed apps too.
    pub fn complete_rotation(&self) {
        let mut inner = self.lock();
        inner.rotated = true;
        let (key, secret) = (
            self.staged_client_id.clone(),
            self.staged_client_secret.clone(),
        );
        if let Some(preflight) = inner.apps.as_mut().and_then(|apps| apps.first_mut()) {
            preflight.consumer_key = key;
            preflight.consumer_secret = secret;
            preflight.staged = None;
        }
    }

    /// A new serial for an id the org mints.
    pub fn next_serial(&self) -> u64 {
        let mut inner = self.lock();
        inner.next_serial += 1;
        inner.next_serial
    }

    /// `app-propagating`, picked less than `propagation` ago: Salesforce does not know the new
    /// app's consumer key yet.
    pub fn app_propagating(&self) -> bool {
        let inner = self.lock();
        inner.scenario == Scenario::AppPropagating && inner.picked_at.elapsed() < self.propagation
    }

    /// `https://login.salesforce.com/id/<org>/<user>` like the real token response (a sandbox
    /// names `test.salesforce.com`). Never this org's own host: clients must not call it there.
    pub fn identity_url_of(&self, user_id: &str) -> String {
        let host = if self.scenario() == Scenario::Sandbox {
            "test.salesforce.com"
        } else {
            "login.salesforce.com"
        };
        format!("https://{host}/id/{}/{user_id}", self.org_id)
    }

    /// The user a caller's login belongs to.
    pub fn person(&self, caller: Caller) -> Person {
        match caller {
            Caller::RunAs => Person {
                user_id: self.user_id.clone(),
                username: self.username.clone(),
                email: self.username.clone(),
                first_name: "Preflight".into(),
                last_name: "Integration".into(),
                integration: true,
            },
            Caller::Admin => Person {
                user_id: self.admin_user_id.clone(),
                username: ADMIN_USERNAME.to_string(),
                email: ADMIN_USERNAME.to_string(),
                first_name: "Practice".into(),
                last_name: "Admin".into(),
                integration: false,
            },
            Caller::LimitedAdmin => Person {
                user_id: self.limited_admin_user_id.clone(),
                username: LIMITED_ADMIN_USERNAME.to_string(),
                email: LIMITED_ADMIN_USERNAME.to_string(),
                first_name: "Limited".into(),
                last_name: "Admin".into(),
                integration: false,
            },
        }
    }

    /// Who a bearer token (or SOAP session id) belongs to, if anyone.
    pub fn caller(&self, token: &str) -> Option<Caller> {
        if token == self.admin_token {
            Some(Caller::Admin)
        } else if token == self.limited_admin_token {
            Some(Caller::LimitedAdmin)
        } else {
            let inner = self.lock();
            let live = inner.tokens.get(token).is_some_and(|t| !t.revoked);
            live.then_some(Caller::RunAs)
        }
    }

    /// The user a live token of the flow is for.
    pub fn token_user(&self, token: &str) -> Option<String> {
        let inner = self.lock();
        inner
            .tokens
            .get(token)
            .filter(|t| !t.revoked)
            .map(|t| t.user_id.clone())
    }

    /// The scope of a live (issued, not revoked) token.
    pub fn live_token_scope(&self, token: &str) -> Option<&'static str> {
        let inner = self.lock();
        inner
            .tokens
            .get(token)
            .filter(|t| !t.revoked)
            .map(|t| t.scope)
    }

    pub fn log(&self, entry: LoggedRequest) {
        let mut inner = self.lock();
        if inner.requests.len() >= LOG_CAP {
            inner.requests.remove(0);
        }
        inner.requests.push(entry);
    }

    pub fn snapshot(&self) -> SimState {
        let inner = self.lock();
        let revoked = inner.tokens.values().filter(|t| t.revoked).count();
        SimState {
            scenario: inner.scenario.name().to_string(),
            records: inner.records.clone(),
            active_tokens: inner.tokens.len() - revoked,
            revoked_tokens: revoked,
            requests: inner.requests.clone(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_counts_tokens_and_hides_credentials() {
        let org = Org::new(
            "http://127.0.0.1:1".into(),
            Scenario::Healthy,
            Duration::ZERO,
            Duration::ZERO,
        );
        {
            let mut inner = org.lock();
            for (i, revoked) in [false, true, false].into_iter().enumerate() {
                inner.tokens.insert(
                    format!("tok{i}"),
                    TokenInfo {
                        scope: "api",
                        user_id: String::new(),
                        issued_at_ms: 0,
                        revoked,
                    },
                );
            }
        }
        let snap = org.snapshot();
        assert_eq!((snap.active_tokens, snap.revoked_tokens), (2, 1));
        let json = serde_json::to_string(&snap).unwrap();
        assert!(!json.contains(&org.client_secret));
        assert!(!json.contains(&org.client_id));
        assert!(!json.contains("tok0"));
    }

    #[test]
    fn log_is_capped() {
        let org = Org::new(
            "http://x".into(),
            Scenario::Healthy,
            Duration::ZERO,
            Duration::ZERO,
        );
        for i in 0..LOG_CAP + 5 {
            org.log(LoggedRequest {
                method: "GET".into(),
                path: format!("/{i}"),
                query_keys: vec![],
                form_keys: vec![],
                auth: "none".into(),
                status: 200,
                subrequest: false,
            });
        }
        let snap = org.snapshot();
        assert_eq!(snap.requests.len(), LOG_CAP);
        assert_eq!(snap.requests[0].path, "/5");
    }
}
