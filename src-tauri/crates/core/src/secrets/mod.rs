//! Where consumer secrets live: the OS keychain ([`Keychain`]) behind [`SecretStore`], so the app's
//! practice profile and tests can keep secrets in memory ([`MemorySecrets`]) through the same
//! calls. Accounts are named by [`Account`] (`profile:<id>`, `proxy:<id>`, …); the app goes
//! through a [`Vault`] (a status cache and a timeout around the store).

mod keychain;
mod vault;

pub use keychain::Keychain;
pub use vault::{Account, StatusCache, Vault};

use crate::secret::Secret;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    /// No Secret Service / keychain to talk to, or it is locked.
    #[error("The system keychain is not available: {0}")]
    Unavailable(String),
    #[error("The system keychain refused the operation: {0}")]
    Failed(String),
    /// The call is still waiting, typically on an unlock prompt nobody answers.
    #[error("The system keychain did not answer within {} s", .0.as_secs_f32())]
    TimedOut(std::time::Duration),
}

impl KeychainError {
    /// `keyring_unavailable` or `keyring_failed`.
    pub fn code(&self) -> crate::DiagnosisCode {
        match self {
            KeychainError::Unavailable(_) | KeychainError::TimedOut(_) => {
                crate::DiagnosisCode::KeyringUnavailable
            }
            KeychainError::Failed(_) => crate::DiagnosisCode::KeyringFailed,
        }
    }
}

/// persist / retrieve / delete, keyed by account (`profile:<id>`).
pub trait SecretStore: Send + Sync {
    fn persist(&self, account: &str, secret: &Secret) -> Result<(), KeychainError>;
    /// `Ok(None)` when nothing is stored.
    fn retrieve(&self, account: &str) -> Result<Option<Secret>, KeychainError>;
    /// Deleting nothing succeeds.
    fn delete(&self, account: &str) -> Result<(), KeychainError>;
    /// Store it with a label the OS's keychain app shows (where the store has labels), so the
    /// entries of several profiles can be told apart there.
    fn persist_labelled(
        &self,
        account: &str,
        secret: &Secret,
        _label: &str,
    ) -> Result<(), KeychainError> {
        self.persist(account, secret)
    }
}

/// Secrets in process memory: the practice profile's secret, and the keychain fake in tests.
#[derive(Default)]
pub struct MemorySecrets {
    entries: Mutex<HashMap<String, Secret>>,
    /// How many times a secret was read (tests count keychain reads with it).
    reads: std::sync::atomic::AtomicUsize,
}

impl MemorySecrets {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, HashMap<String, Secret>>, KeychainError> {
        self.entries
            .lock()
            .map_err(|_| KeychainError::Failed("in-memory secret store poisoned".into()))
    }

    /// How many `retrieve` calls this store answered.
    pub fn reads(&self) -> usize {
        self.reads.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Accounts currently holding a secret (for tests; never the values).
    pub fn accounts(&self) -> Vec<String> {
        let mut accounts: Vec<String> = self
            .lock()
            .map(|map| map.keys().cloned().collect())
            .unwrap_or_default();
        accounts.sort();
        accounts
    }
}

impl SecretStore for MemorySecrets {
    fn persist(&self, account: &str, secret: &Secret) -> Result<(), KeychainError> {
        self.lock()?.insert(account.to_string(), secret.clone());
        Ok(())
    }

    fn retrieve(&self, account: &str) -> Result<Option<Secret>, KeychainError> {
        self.reads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(self.lock()?.get(account).cloned())
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        self.lock()?.remove(account);
        Ok(())
    }
}

/// What the UI may know about a stored secret: that it exists, and maybe its last 4 characters.
#[derive(Serialize, Clone, Debug, PartialEq, Eq, TS)]
pub struct SecretStatus {
    pub stored: bool,
    pub last4: Option<String>,
}

impl SecretStatus {
    pub fn none() -> Self {
        SecretStatus {
            stored: false,
            last4: None,
        }
    }

    pub fn of(secret: Option<&Secret>) -> Self {
        match secret {
            Some(secret) => SecretStatus {
                stored: true,
                last4: secret.last4(),
            },
            None => SecretStatus::none(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn memory_secrets_behave_like_the_keychain() {
        let store = MemorySecrets::new();
        assert_eq!(store.retrieve("profile:a").unwrap(), None);
        store.persist("profile:a", &Secret::new("s3cret")).unwrap();
        assert_eq!(store.accounts(), ["profile:a"]);
        assert_eq!(
            store.retrieve("profile:a").unwrap(),
            Some(Secret::new("s3cret"))
        );
        store.delete("profile:a").unwrap();
        store.delete("profile:a").unwrap();
        assert!(store.accounts().is_empty());
    }
}
