//! The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service) through
//! `keyring` 3. One service name (the app identifier), one account per profile. The secret is
//! never logged and never part of an error: errors are built from the keyring error's kind.

use super::{KeychainError, SecretStore};
use crate::secret::Secret;

/// Consumer secrets in the OS keychain.
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
}

impl Keychain {
    pub fn new(service: impl Into<String>) -> Self {
        Keychain {
            service: service.into(),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(&self.service, account).map_err(|e| map_error(e, "open the entry"))
    }
}

impl SecretStore for Keychain {
    /// Store (or replace) the secret for `account`.
    fn persist(&self, account: &str, secret: &Secret) -> Result<(), KeychainError> {
        tracing::debug!(service = %self.service, account, "keychain: storing a secret");
        self.entry(account)?
            .set_password(secret.expose())
            .map_err(|e| map_error(e, "save the secret"))
    }

    /// On the Secret Service the item's label is set (Seahorse, KeePassXC show it); elsewhere
    /// the platform keeps its own, and a label that cannot be set is no error.
    fn persist_labelled(
        &self,
        account: &str,
        secret: &Secret,
        label: &str,
    ) -> Result<(), KeychainError> {
        self.persist(account, secret)?;
        if cfg!(target_os = "linux") {
            let attributes = std::collections::HashMap::from([("label", label)]);
            if let Err(e) = self.entry(account)?.update_attributes(&attributes) {
                tracing::debug!(error = %map_error(e, "label the entry"), "keychain entry left unlabelled");
            }
        }
        Ok(())
    }

    /// The secret for `account`; `Ok(None)` when there is none.
    fn retrieve(&self, account: &str) -> Result<Option<Secret>, KeychainError> {
        tracing::debug!(service = %self.service, account, "keychain: reading a secret");
        match self.entry(account)?.get_password() {
            Ok(secret) => Ok(Some(Secret::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_error(e, "read the secret")),
        }
    }

    /// Remove the secret for `account`; removing nothing succeeds.
    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        tracing::debug!(service = %self.service, account, "keychain: deleting a secret");
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_error(e, "delete the secret")),
        }
    }
}

/// What the admin can do when the keychain cannot be reached, per platform.
fn unavailable_advice() -> &'static str {
    if cfg!(target_os = "macos") {
        "Unlock the login keychain in Keychain Access and allow ECA Preflight when macOS asks."
    } else if cfg!(target_os = "windows") {
        "Make sure you are signed in to a normal Windows user session (Credential Manager is per user)."
    } else {
        "Unlock your login keyring (log in to the desktop session), or install gnome-keyring or KeePassXC with its Secret Service integration enabled, then try again."
    }
}

/// A keyring error → ours. `BadEncoding` and `Ambiguous` carry secret bytes / credentials, so
/// no keyring error is formatted wholesale: only platform messages, which never hold secrets.
fn map_error(error: keyring::Error, action: &str) -> KeychainError {
    match error {
        keyring::Error::PlatformFailure(e) | keyring::Error::NoStorageAccess(e) => {
            KeychainError::Unavailable(format!(
                "could not {action} ({e}). {}",
                unavailable_advice()
            ))
        }
        keyring::Error::NoEntry => {
            KeychainError::Failed(format!("could not {action}: no such entry"))
        }
        keyring::Error::BadEncoding(_) => KeychainError::Failed(format!(
            "could not {action}: the stored value is not text; save the secret again"
        )),
        keyring::Error::TooLong(attr, limit) => KeychainError::Failed(format!(
            "could not {action}: {attr} is longer than the keychain allows ({limit})"
        )),
        keyring::Error::Invalid(attr, reason) => {
            KeychainError::Failed(format!("could not {action}: {attr} is invalid ({reason})"))
        }
        keyring::Error::Ambiguous(items) => KeychainError::Failed(format!(
            "could not {action}: {} entries match; remove the duplicates in your keychain app",
            items.len()
        )),
        _ => KeychainError::Failed(format!("could not {action}: unexpected keychain error")),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_kinds_without_secrets() {
        let platform = map_error(
            keyring::Error::PlatformFailure("no dbus".into()),
            "read the secret",
        );
        assert_eq!(platform.code(), "keyring_unavailable");
        assert!(platform.to_string().contains("no dbus"));
        let locked = map_error(keyring::Error::NoStorageAccess("locked".into()), "x");
        assert_eq!(locked.code(), "keyring_unavailable");
        if cfg!(target_os = "linux") {
            assert!(
                locked
                    .to_string()
                    .to_lowercase()
                    .contains("unlock your login keyring"),
                "{locked}"
            );
        }
        let bad = map_error(
            keyring::Error::BadEncoding(b"hunter2-secret".to_vec()),
            "read",
        );
        assert_eq!(bad.code(), "keyring_failed");
        assert!(!bad.to_string().contains("hunter2"));
        assert!(!format!("{bad:?}").contains("hunter2"));
    }

    /// A real round trip through the OS keychain. On Linux it needs a Secret Service: `make test`
    /// runs it inside `dbus-run-session` with an unlocked `gnome-keyring-daemon` and sets
    /// ECA_REAL_KEYCHAIN=1.
    #[test]
    fn real_keychain_round_trip() {
        if std::env::var("ECA_REAL_KEYCHAIN").as_deref() != Ok("1") {
            eprintln!("real_keychain_round_trip: ECA_REAL_KEYCHAIN is not 1, not touching the OS keychain");
            return;
        }
        let service = format!("dev.ecapreflight.test.{}", std::process::id());
        let keychain = Keychain::new(&service);
        let account = "profile:round-trip";
        let first = Secret::new("first-secret-0123456789");
        let second = Secret::new("second-secret-ABCDEFGHIJ");

        keychain
            .persist_labelled(
                account,
                &first,
                "ECA Preflight: Acme production (acme.my.salesforce.com)",
            )
            .unwrap();
        assert_eq!(keychain.retrieve(account).unwrap(), Some(first.clone()));

        if cfg!(target_os = "linux") {
            let out = std::process::Command::new("secret-tool")
                .args(["search", "--all", "service", &service])
                .output()
                .expect("secret-tool runs (package libsecret-tools)");
            // secret-tool prints attributes on stdout and the item path on stderr.
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                text.contains(&format!("attribute.service = {service}")),
                "{text}"
            );
            assert!(
                text.contains(&format!("attribute.username = {account}")),
                "{text}"
            );
            assert!(
                text.contains("label = ECA Preflight: Acme production (acme.my.salesforce.com)"),
                "the entry is labelled with the profile and its org: {text}"
            );
        }

        keychain.persist(account, &second).unwrap();
        assert_eq!(keychain.retrieve(account).unwrap(), Some(second));

        keychain.delete(account).unwrap();
        assert_eq!(keychain.retrieve(account).unwrap(), None);
        keychain.delete(account).unwrap();
        assert_eq!(keychain.retrieve("profile:never-saved").unwrap(), None);
    }
}
