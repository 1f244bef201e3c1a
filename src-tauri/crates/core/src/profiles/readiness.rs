//! What a profile's screen shows that follows from the profile alone: draft or saved, whether a
//! test can start (and why not), what a result depends on, and whether the proxy wants a
//! password. The UI reads these from Rust instead of keeping copies of the rules.

use super::Profile;
use crate::network::ProxySetting;
use crate::secrets::SecretStatus;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Whether a proxy address names a user (`http://user@host:port`): a password is then wanted.
/// Unparseable text names nobody.
pub fn proxy_names_user(proxy: &str) -> bool {
    ProxySetting::parse(proxy)
        .ok()
        .is_some_and(|p| p.credentials().is_some())
}

impl Profile {
    /// Not saved yet: a draft has no id until its first save.
    pub fn is_draft(&self) -> bool {
        self.id.is_empty()
    }

    /// Why a test cannot start with the saved settings, in the admin's words; None when it can.
    /// `secret` is the consumer secret's status (the practice org brings its own).
    pub fn run_blocked(&self, secret: &SecretStatus) -> Option<String> {
        let reason = if self.is_draft() {
            "Save this profile on the Connection tab first."
        } else if self.is_practice() {
            return None;
        } else if self.target.domain().unwrap_or_default().trim().is_empty() {
            "Enter your My Domain on the Connection tab first."
        } else if self.client_id.trim().is_empty() {
            "Enter the consumer key on the Connection tab first."
        } else if !secret.stored {
            "Save the consumer secret on the Connection tab first."
        } else {
            return None;
        };
        Some(reason.to_string())
    }

    /// A fingerprint of everything a test result depends on: org, key, secret, object, API
    /// version and the rest of the run's settings. A result whose fingerprint differs from the
    /// profile's now is out of date. Not the name, the ticked setup steps or the last result.
    pub fn run_inputs(&self, secret: &SecretStatus) -> String {
        let mut hasher = DefaultHasher::new();
        (
            &self.target,
            &self.client_id,
            secret.stored,
            &secret.last4,
            &self.object,
            &self.api_version,
            &self.fields,
            self.create_record,
            self.keep_record,
            &self.proxy,
            &self.ca_cert_file,
        )
            .hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::profiles::{LastResult, Target};

    fn saved() -> Profile {
        Profile {
            id: "p1".into(),
            name: "Acme".into(),
            target: Target::Org {
                domain: "acme.my.salesforce.com".into(),
            },
            client_id: "3MVG9KEY".into(),
            ..Profile::default()
        }
    }

    fn stored() -> SecretStatus {
        SecretStatus {
            stored: true,
            last4: Some("wxyz".into()),
        }
    }

    #[test]
    fn a_profile_is_a_draft_until_it_has_an_id() {
        assert!(Profile::default().is_draft());
        assert!(!saved().is_draft());
    }

    #[test]
    fn a_run_is_blocked_by_the_first_missing_input() {
        let draft = Profile {
            id: String::new(),
            ..saved()
        };
        assert!(draft
            .run_blocked(&stored())
            .unwrap()
            .contains("Save this profile"));
        let no_domain = Profile {
            target: Target::Org {
                domain: "  ".into(),
            },
            client_id: String::new(),
            ..saved()
        };
        assert!(no_domain
            .run_blocked(&stored())
            .unwrap()
            .contains("My Domain"));
        let no_key = Profile {
            client_id: " ".into(),
            ..saved()
        };
        assert!(no_key
            .run_blocked(&stored())
            .unwrap()
            .contains("consumer key"));
        assert!(saved()
            .run_blocked(&SecretStatus::none())
            .unwrap()
            .contains("consumer secret"));
        assert_eq!(saved().run_blocked(&stored()), None);
    }

    #[test]
    fn the_practice_org_needs_no_key_or_secret() {
        let practice = Profile {
            target: Target::Practice {
                scenario: "healthy".into(),
            },
            client_id: String::new(),
            ..saved()
        };
        assert_eq!(practice.run_blocked(&SecretStatus::none()), None);
    }

    #[test]
    fn run_inputs_change_with_what_a_run_uses_and_only_that() {
        let base = saved().run_inputs(&stored());
        assert_eq!(base, saved().run_inputs(&stored()));
        let used: Vec<Profile> = vec![
            Profile {
                client_id: "3MVG9OTHER".into(),
                ..saved()
            },
            Profile {
                object: "Contact".into(),
                ..saved()
            },
            Profile {
                api_version: "66.0".into(),
                ..saved()
            },
            Profile {
                create_record: false,
                ..saved()
            },
            Profile {
                keep_record: true,
                ..saved()
            },
            Profile {
                proxy: "http://proxy:3128".into(),
                ..saved()
            },
            Profile {
                ca_cert_file: "/etc/ca.pem".into(),
                ..saved()
            },
            Profile {
                fields: [("Name".to_string(), "x".to_string())].into(),
                ..saved()
            },
            Profile {
                target: Target::Org {
                    domain: "other.my.salesforce.com".into(),
                },
                ..saved()
            },
        ];
        for changed in used {
            assert_ne!(changed.run_inputs(&stored()), base, "{changed:?}");
        }
        assert_ne!(saved().run_inputs(&SecretStatus::none()), base);
        let new_secret = SecretStatus {
            stored: true,
            last4: Some("abcd".into()),
        };
        assert_ne!(saved().run_inputs(&new_secret), base);

        let unused = Profile {
            name: "Renamed".into(),
            setup_done: vec!["create_app".into()],
            last_result: Some(LastResult {
                ok: true,
                code: None,
                at: "2026-01-01T00:00:00Z".into(),
            }),
            ..saved()
        };
        assert_eq!(unused.run_inputs(&stored()), base);
    }

    #[test]
    fn a_proxy_wants_a_password_when_it_names_a_user() {
        assert!(proxy_names_user("http://ci@proxy.acme.example:3128"));
        assert!(proxy_names_user("  https://ci@proxy:8443 "));
        assert!(!proxy_names_user("http://proxy.acme.example:3128"));
        assert!(!proxy_names_user(""));
        assert!(!proxy_names_user("not a proxy"));
        let profile = Profile {
            proxy: "http://ci@proxy:3128".into(),
            ..saved()
        };
        assert_eq!(
            profile.proxy_user().is_some(),
            proxy_names_user(&profile.proxy)
        );
    }
}
