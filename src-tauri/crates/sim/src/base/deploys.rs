//! Metadata API deploys in flight: what each will do and how far it got. The Metadata API
//! (`api/metadata`) builds a job when a zip arrives and applies it when a poll finds it done;
//! a failed job changes nothing (`rollbackOnError`).

use crate::base::apps::App;

/// How many `checkDeployStatus` polls a deploy takes: Pending, InProgress, then done.
pub(crate) const POLLS_TO_FINISH: u32 = 3;

/// One component of a deploy's answer (`componentSuccesses` / `componentFailures`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ComponentResult {
    pub kind: String,
    pub file_name: String,
    pub full_name: String,
    /// The error, for a failure.
    pub problem: Option<String>,
    pub created: bool,
    pub changed: bool,
    pub deleted: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct DeployJob {
    pub polls: u32,
    /// Validate only: the job never changes the org.
    pub check_only: bool,
    pub canceled: bool,
    /// Applied once (on the poll that finds it done).
    pub applied: bool,
    pub created_ms: u64,
    pub successes: Vec<ComponentResult>,
    pub failures: Vec<ComponentResult>,
    /// The org's apps after the deploy; `None` when it fails.
    pub after: Option<Vec<App>>,
    /// A deploy-wide error (a zip that is not one, no package.xml).
    pub error_message: Option<String>,
}

impl DeployJob {
    pub fn done(&self) -> bool {
        self.canceled || self.polls >= POLLS_TO_FINISH
    }

    pub fn succeeded(&self) -> bool {
        !self.canceled && self.failures.is_empty() && self.error_message.is_none()
    }

    /// Salesforce's `status`: Pending, InProgress, Succeeded, Failed or Canceled.
    pub fn status(&self) -> &'static str {
        if self.canceled {
            "Canceled"
        } else if !self.done() {
            if self.polls <= 1 {
                "Pending"
            } else {
                "InProgress"
            }
        } else if self.succeeded() {
            "Succeeded"
        } else {
            "Failed"
        }
    }
}
