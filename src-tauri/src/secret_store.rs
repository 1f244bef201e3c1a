//! Where consumer secrets live. The app uses the OS keychain (`eca_core::keychain::Keychain`);
//! the trait lets command tests use an in-memory fake and lets practice profiles keep their
//! secret in memory only.

use eca_core::keychain::{Keychain, KeychainError};
use eca_core::Secret;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use ts_rs::TS;

/// persist / retrieve / delete, keyed by keychain account (`profile:<id>`).
pub trait SecretStore: Send + Sync {
    fn persist(&self, account: &str, secret: &Secret) -> Result<(), KeychainError>;
    /// `Ok(None)` when nothing is stored.
    fn retrieve(&self, account: &str) -> Result<Option<Secret>, KeychainError>;
    /// Deleting nothing succeeds.
    fn delete(&self, account: &str) -> Result<(), KeychainError>;
}

impl SecretStore for Keychain {
    fn persist(&self, account: &str, secret: &Secret) -> Result<(), KeychainError> {
        Keychain::persist(self, account, secret)
    }

    fn retrieve(&self, account: &str) -> Result<Option<Secret>, KeychainError> {
        Keychain::retrieve(self, account)
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        Keychain::delete(self, account)
    }
}

/// Secrets in process memory: the practice profile's secret, and the keychain fake in tests.
#[derive(Default)]
pub struct MemorySecrets {
    entries: Mutex<HashMap<String, Secret>>,
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
