//! The secret store as the app uses it: [`StatusCache`] (what each account held when this process
//! last read or wrote it, so listing the profiles reads the keychain at most once per account and
//! launch; on macOS each read may prompt) under [`Vault`] (every call off the async workers and
//! bounded in time: a locked keyring's unanswered unlock prompt must not hang the app).

use super::{KeychainError, SecretStatus, SecretStore};
use crate::secret::Secret;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// The keychain accounts a profile may own. Accounts are only ever named through this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Account {
    /// The consumer secret: `profile:<id>`.
    Secret,
    /// The proxy user's password: `proxy:<id>`.
    ProxyPassword,
    /// The secret of a rotation's staged pair: `staged:<id>`.
    StagedSecret,
    /// The old secret, kept until Salesforce refuses it: `previous:<id>`.
    PreviousSecret,
}

impl Account {
    pub const ALL: [Account; 4] = [
        Account::Secret,
        Account::ProxyPassword,
        Account::StagedSecret,
        Account::PreviousSecret,
    ];

    /// The account's name in the keychain for the profile `profile_id`.
    pub fn of(self, profile_id: &str) -> String {
        let prefix = match self {
            Account::Secret => "profile",
            Account::ProxyPassword => "proxy",
            Account::StagedSecret => "staged",
            Account::PreviousSecret => "previous",
        };
        format!("{prefix}:{profile_id}")
    }
}

/// A [`SecretStore`] that remembers the status of every account it read or wrote.
pub struct StatusCache {
    inner: Arc<dyn SecretStore>,
    known: Mutex<HashMap<String, SecretStatus>>,
}

impl StatusCache {
    pub fn new(inner: Arc<dyn SecretStore>) -> Self {
        StatusCache {
            inner,
            known: Mutex::new(HashMap::new()),
        }
    }

    /// What `account` held when last read or written, if it was.
    pub fn known(&self, account: &str) -> Option<SecretStatus> {
        self.lock().get(account).cloned()
    }

    fn note(&self, account: &str, status: SecretStatus) {
        self.lock().insert(account.to_string(), status);
    }

    /// A poisoned lock only means a panic mid-insert; the map is still usable.
    fn lock(&self) -> MutexGuard<'_, HashMap<String, SecretStatus>> {
        self.known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl SecretStore for StatusCache {
    fn persist(&self, account: &str, secret: &Secret) -> Result<(), KeychainError> {
        self.inner.persist(account, secret)?;
        self.note(account, SecretStatus::of(Some(secret)));
        Ok(())
    }

    fn retrieve(&self, account: &str) -> Result<Option<Secret>, KeychainError> {
        // Only an answer is remembered: a keychain that could not be read is asked again.
        let secret = self.inner.retrieve(account)?;
        self.note(account, SecretStatus::of(secret.as_ref()));
        Ok(secret)
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        self.inner.delete(account)?;
        self.note(account, SecretStatus::none());
        Ok(())
    }

    fn persist_labelled(
        &self,
        account: &str,
        secret: &Secret,
        label: &str,
    ) -> Result<(), KeychainError> {
        self.inner.persist_labelled(account, secret, label)?;
        self.note(account, SecretStatus::of(Some(secret)));
        Ok(())
    }
}

/// A cached secret store whose every call is bounded by `timeout`.
pub struct Vault {
    store: Arc<StatusCache>,
    timeout: Duration,
}

impl Vault {
    pub fn new(store: Arc<dyn SecretStore>, timeout: Duration) -> Self {
        Vault {
            store: Arc::new(StatusCache::new(store)),
            timeout,
        }
    }

    /// Run one call off the async workers, giving up after the timeout with
    /// [`KeychainError::TimedOut`]. A call that timed out is abandoned, not killed: its thread
    /// ends whenever the keychain answers.
    pub async fn call<T: Send + 'static>(
        &self,
        call: impl FnOnce(&dyn SecretStore) -> Result<T, KeychainError> + Send + 'static,
    ) -> Result<T, KeychainError> {
        let store = Arc::clone(&self.store);
        let task = tokio::task::spawn_blocking(move || call(store.as_ref()));
        match tokio::time::timeout(self.timeout, task).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(e)) => Err(KeychainError::Failed(format!(
                "a background task failed: {e}"
            ))),
            Err(_) => {
                tracing::warn!(
                    after_ms = self.timeout.as_millis(),
                    "the keychain did not answer in time"
                );
                Err(KeychainError::TimedOut(self.timeout))
            }
        }
    }

    pub async fn read(&self, account: String) -> Result<Option<Secret>, KeychainError> {
        self.call(move |s| s.retrieve(&account)).await
    }

    /// Store it under a label the OS's keychain app shows.
    pub async fn save(
        &self,
        account: String,
        secret: Secret,
        label: String,
    ) -> Result<SecretStatus, KeychainError> {
        let status = SecretStatus::of(Some(&secret));
        self.call(move |s| s.persist_labelled(&account, &secret, &label))
            .await?;
        Ok(status)
    }

    /// Delete every one of `accounts` (deleting nothing succeeds), stopping at the first error.
    pub async fn delete(&self, accounts: Vec<String>) -> Result<(), KeychainError> {
        self.call(move |s| accounts.iter().try_for_each(|a| s.delete(a)))
            .await
    }

    /// What each account holds: remembered, else read, all in one bounded call (a keychain that
    /// hangs delays the list once, not once per profile). One that cannot be read shows as "not
    /// stored" and is asked again next time; saving or running names the real error.
    pub async fn statuses(&self, accounts: &[String]) -> Vec<SecretStatus> {
        let unknown: Vec<String> = accounts
            .iter()
            .filter(|a| self.store.known(a).is_none())
            .cloned()
            .collect();
        if !unknown.is_empty() {
            let read = self
                .call(move |s| {
                    for account in &unknown {
                        if let Err(error) = s.retrieve(account) {
                            tracing::warn!(%error, "could not read a secret status");
                        }
                    }
                    Ok(())
                })
                .await;
            if let Err(error) = read {
                tracing::warn!(%error, "could not read the secret statuses");
            }
        }
        accounts
            .iter()
            .map(|a| self.store.known(a).unwrap_or_else(SecretStatus::none))
            .collect()
    }

    pub async fn status(&self, account: String) -> SecretStatus {
        self.statuses(&[account])
            .await
            .pop()
            .unwrap_or_else(SecretStatus::none)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::secrets::MemorySecrets;

    #[test]
    fn account_names_are_the_keychain_names() {
        let names: Vec<String> = Account::ALL.iter().map(|a| a.of("p1")).collect();
        assert_eq!(
            names,
            ["profile:p1", "proxy:p1", "staged:p1", "previous:p1"]
        );
    }

    #[tokio::test]
    async fn statuses_read_each_account_once_and_follow_writes() {
        let memory = Arc::new(MemorySecrets::new());
        memory
            .persist("profile:a", &Secret::new("s3cret-1234"))
            .unwrap();
        let vault = Vault::new(memory.clone(), Duration::from_secs(5));
        let accounts = ["profile:a".to_string(), "profile:b".to_string()];
        let first = vault.statuses(&accounts).await;
        assert!(first[0].stored && !first[1].stored);
        let reads = memory.reads();
        assert_eq!(vault.statuses(&accounts).await, first);
        assert_eq!(memory.reads(), reads, "remembered, not read again");
        vault
            .save(
                "profile:b".into(),
                Secret::new("other-9876"),
                "label".into(),
            )
            .await
            .unwrap();
        vault.delete(vec!["profile:a".into()]).await.unwrap();
        let after = vault.statuses(&accounts).await;
        assert_eq!(after[0], SecretStatus::none());
        assert_eq!(after[1], SecretStatus::of(Some(&Secret::new("other-9876"))));
        assert_eq!(memory.reads(), reads);
    }

    /// A store that never answers, like a keyring waiting on an unlock prompt.
    struct Hangs(std::sync::mpsc::Receiver<()>);
    impl SecretStore for Mutex<Hangs> {
        fn persist(&self, _: &str, _: &Secret) -> Result<(), KeychainError> {
            Ok(())
        }
        fn retrieve(&self, _: &str) -> Result<Option<Secret>, KeychainError> {
            let _ = self.lock().unwrap().0.recv();
            Ok(None)
        }
        fn delete(&self, _: &str) -> Result<(), KeychainError> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_keychain_that_never_answers_times_out() {
        let (release, wait) = std::sync::mpsc::channel();
        let vault = Vault::new(Arc::new(Mutex::new(Hangs(wait))), Duration::from_millis(20));
        let error = vault.read("profile:a".into()).await.unwrap_err();
        assert!(matches!(error, KeychainError::TimedOut(_)), "{error}");
        assert!(!vault.status("profile:a".into()).await.stored);
        drop(release);
    }
}
