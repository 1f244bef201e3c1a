//! The rules for editing the profile list, shared by the desktop app and tests: trimming and
//! defaults, unique names (the CLI finds a profile by name), ids, duplication. Plain functions
//! over `Vec<Profile>`; where the list is stored is the caller's business.

use super::{Profile, Target};
use crate::domain::parse_domain;
use crate::salesforce::{ApiName, VersionChoice};
use std::collections::BTreeMap;

/// Why an edit was refused. `Display` is the message for the admin.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// What the admin typed cannot be saved.
    #[error("{0}")]
    Invalid(String),
    /// No saved profile has this id (deleted meanwhile, e.g. in another window).
    #[error("There is no saved profile with id \"{0}\". It may have been deleted.")]
    UnknownId(String),
}

/// A fresh random id in the UUID v4 text form.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Trim and default what the admin typed; refuse what a run would refuse. The version, object
/// and field names go through the same parsers as `CheckConfig::from_profile`, and a domain is
/// either not entered yet or one the parser accepts, so whatever saves also runs (given the
/// secret).
pub fn normalise(mut profile: Profile) -> Result<Profile, EditError> {
    let invalid = |e: &dyn std::fmt::Display| EditError::Invalid(e.to_string());
    profile.name = profile.name.trim().to_string();
    if let Target::Org { domain } = &mut profile.target {
        *domain = domain.trim().to_string();
    }
    profile.client_id = crate::salesforce::client_id(&profile.client_id)
        .map_err(|e| invalid(&e))?
        .to_string();
    if profile.name.is_empty() {
        return Err(EditError::Invalid(
            "Give the profile a name, for example “Acme production”.".into(),
        ));
    }
    if let Some(domain) = profile.target.domain().filter(|d| !d.is_empty()) {
        parse_domain(domain).map_err(|e| invalid(&e))?;
    }
    profile.api_version = VersionChoice::parse(&profile.api_version)
        .map_err(|e| invalid(&e))?
        .to_string();
    profile.object = match profile.object.trim() {
        "" => ApiName::account(),
        name => ApiName::object(name).map_err(|e| invalid(&e))?,
    }
    .to_string();
    profile.fields = std::mem::take(&mut profile.fields)
        .into_iter()
        .map(|(name, value)| {
            Ok((
                ApiName::field(&name).map_err(|e| invalid(&e))?.to_string(),
                value,
            ))
        })
        .collect::<Result<BTreeMap<_, _>, EditError>>()?;
    profile.proxy = profile.proxy.trim().to_string();
    if !profile.proxy.is_empty() {
        let proxy = crate::network::ProxySetting::parse(&profile.proxy).map_err(|e| invalid(&e))?;
        if proxy.credentials().is_some_and(|(_, p)| !p.is_empty()) {
            return Err(EditError::Invalid(
                "Leave the password out of the proxy address (it would be saved in a file): give the address as http://user@host:port and the password in the Proxy password field, which keeps it in the system keychain.".into(),
            ));
        }
    }
    profile.ca_cert_file = profile.ca_cert_file.trim().to_string();
    if !profile.ca_cert_file.is_empty()
        && !std::path::Path::new(&profile.ca_cert_file).is_absolute()
    {
        return Err(EditError::Invalid(format!(
            "Choose the CA certificate file with Choose file… (\"{}\" is not a full path).",
            profile.ca_cert_file
        )));
    }
    profile.setup_done.sort();
    profile.setup_done.dedup();
    Ok(profile)
}

/// `base`, or `base (2)`, `base (3)`… : the first name no profile has (names are unique, since
/// the CLI finds profiles by name).
pub fn free_name(profiles: &[Profile], base: &str) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while name_taken(profiles, &name, "") {
        name = format!("{base} ({n})");
        n += 1;
    }
    name
}

/// A new, unsaved profile with the defaults and a free name: the UI's "New profile" form.
pub fn draft(profiles: &[Profile]) -> Profile {
    Profile {
        name: free_name(profiles, "My org"),
        ..Profile::default()
    }
}

fn name_taken(profiles: &[Profile], name: &str, except_id: &str) -> bool {
    profiles
        .iter()
        .any(|p| p.id != except_id && p.name.eq_ignore_ascii_case(name))
}

/// Create (empty id) or edit a profile. A practice target and the last result are kept from the
/// saved profile: the UI cannot set them. Names are unique (the CLI finds profiles by name).
pub fn upsert(profiles: &mut Vec<Profile>, profile: Profile) -> Result<Profile, EditError> {
    let mut profile = normalise(profile)?;
    if name_taken(profiles, &profile.name, &profile.id) {
        return Err(EditError::Invalid(format!(
            "A profile named \"{}\" already exists. Choose another name.",
            profile.name
        )));
    }
    if profile.id.is_empty() {
        profile.id = new_id();
        if profile.is_practice() {
            // Only the app makes the practice profile (start_practice), never a save.
            profile.target = Target::default();
        }
        profile.last_result = None;
        profile.rotation = super::Rotation::default();
        profiles.push(profile.clone());
        return Ok(profile);
    }
    let saved = profiles
        .iter_mut()
        .find(|p| p.id == profile.id)
        .ok_or_else(|| EditError::UnknownId(profile.id.clone()))?;
    if saved.is_practice() || profile.is_practice() {
        // The kind of target is decided when the profile is made; only its domain is edited.
        profile.target = saved.target.clone();
    }
    // A rotation moves only through its own steps (the keys go with secrets in the keychain).
    profile.rotation = saved.rotation.clone();
    profile.last_result = saved.last_result.clone();
    *saved = profile.clone();
    Ok(profile)
}

/// "Copy of NAME" (numbered when taken), new id, no last result, not a practice profile.
pub fn duplicate(profiles: &mut Vec<Profile>, id: &str) -> Result<Profile, EditError> {
    let source = profiles
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| EditError::UnknownId(id.to_string()))?;
    let mut copy = source.clone();
    copy.id = new_id();
    if copy.is_practice() {
        copy.target = Target::default();
        copy.client_id.clear();
    }
    copy.last_result = None;
    copy.rotation = super::Rotation::default();
    copy.name = free_name(profiles, &format!("Copy of {}", source.name));
    profiles.push(copy.clone());
    Ok(copy)
}

/// Remove a profile and return it.
pub fn remove(profiles: &mut Vec<Profile>, id: &str) -> Result<Profile, EditError> {
    let index = profiles
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| EditError::UnknownId(id.to_string()))?;
    Ok(profiles.remove(index))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::pipeline::CheckConfig;
    use crate::profiles::{load_profiles, STORE_FILE, STORE_KEY};
    use crate::Secret;

    fn named(name: &str) -> Profile {
        Profile {
            name: name.into(),
            target: Target::Org {
                domain: " acme ".into(),
            },
            client_id: "3MVG9key".into(),
            ..Profile::default()
        }
    }

    #[test]
    fn create_assigns_an_id_and_trims() {
        let mut list = Vec::new();
        let created = upsert(&mut list, named("  Acme prod ")).unwrap();
        assert_eq!(created.name, "Acme prod");
        assert_eq!(created.target.domain(), Some("acme"));
        let id = uuid::Uuid::parse_str(&created.id).unwrap();
        assert_eq!(id.get_version(), Some(uuid::Version::Random));
        assert_eq!(
            created.id,
            id.hyphenated().to_string(),
            "lower-case, hyphenated"
        );
        assert_ne!(created.id, new_id());
        assert_eq!(list, vec![created]);
    }

    #[test]
    fn edit_keeps_the_kind_of_target() {
        let mut list = Vec::new();
        let mut created = upsert(&mut list, named("Acme")).unwrap();
        let practice = Target::Practice {
            scenario: "healthy".into(),
        };
        list[0].target = practice.clone();
        created.name = "Acme renamed".into();
        let edited = upsert(&mut list, created.clone()).unwrap();
        assert_eq!(edited.target, practice);
        // Nor can a save turn a profile into a practice one.
        let mut other = upsert(&mut list, named("Other")).unwrap();
        other.target = practice;
        assert!(!upsert(&mut list, other).unwrap().is_practice());
        assert_eq!(list[0].name, "Acme renamed");
        assert_eq!(list.len(), 2);
    }

    #[test]
    fn refuses_duplicate_names_unknown_ids_and_bad_versions() {
        let mut list = Vec::new();
        upsert(&mut list, named("Acme")).unwrap();
        assert!(upsert(&mut list, named("ACME")).is_err());
        let mut ghost = named("Ghost");
        ghost.id = "nope".into();
        assert!(matches!(
            upsert(&mut list, ghost),
            Err(EditError::UnknownId(id)) if id == "nope"
        ));
        let mut bad = named("Bad version");
        bad.api_version = "sixty".into();
        assert!(upsert(&mut list, bad).is_err());
        let mut good = named("Good version");
        good.api_version = "v66.0".into();
        assert_eq!(upsert(&mut list, good).unwrap().api_version, "66.0");
        let mut bad_object = named("Bad object");
        bad_object.object = "Account; DROP".into();
        assert!(upsert(&mut list, bad_object).is_err());
    }

    #[test]
    fn duplicate_numbers_copies() {
        let mut list = Vec::new();
        let original = upsert(&mut list, named("Acme")).unwrap();
        let first = duplicate(&mut list, &original.id).unwrap();
        let second = duplicate(&mut list, &original.id).unwrap();
        assert_eq!(first.name, "Copy of Acme");
        assert_eq!(second.name, "Copy of Acme (2)");
        assert_ne!(first.id, original.id);
        assert_eq!(remove(&mut list, &first.id).unwrap().name, "Copy of Acme");
        assert_eq!(list.len(), 2);
    }

    #[test]
    fn the_document_is_what_the_cli_reads() {
        let mut list = Vec::new();
        upsert(&mut list, named("Acme")).unwrap();
        let doc = serde_json::json!({ STORE_KEY: serde_json::to_value(&list).unwrap() });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STORE_FILE);
        std::fs::write(&path, doc.to_string()).unwrap();
        assert_eq!(load_profiles(&path).unwrap(), list);
    }

    #[test]
    fn whatever_saves_also_runs() {
        let mut list = Vec::new();
        let mut fields = BTreeMap::new();
        fields.insert(" Region__c ".to_string(), "EMEA".to_string());
        let saved = upsert(
            &mut list,
            Profile {
                api_version: "v66".into(),
                object: " Invoice__c ".into(),
                fields,
                ..named("Acme")
            },
        )
        .unwrap();
        assert_eq!(saved.api_version, "66.0");
        assert_eq!(saved.object, "Invoice__c");
        let config = CheckConfig::from_profile(&saved, Secret::new("s3cret")).unwrap();
        assert_eq!(config.api_version.to_string(), saved.api_version);
        assert_eq!(config.object.as_str(), saved.object);
        // What a run would refuse does not save.
        for (version, object, domain) in [
            ("68.1", "Account", "acme"),
            ("latest", "Account/../x", "acme"),
            ("latest", "Account", "login.salesforce.com"),
        ] {
            let bad = Profile {
                api_version: version.into(),
                object: object.into(),
                target: Target::Org {
                    domain: domain.into(),
                },
                ..named("Bad")
            };
            assert!(
                upsert(&mut list, bad.clone()).is_err(),
                "{version} {object} {domain}"
            );
            assert!(CheckConfig::from_profile(&bad, Secret::new("s3cret")).is_err());
        }
    }

    #[test]
    fn free_names_are_numbered_once_for_everyone() {
        let mut list = Vec::new();
        assert_eq!(draft(&list).name, "My org");
        upsert(&mut list, named("My org")).unwrap();
        assert_eq!(draft(&list).name, "My org (2)");
        assert_eq!(draft(&list).api_version, "latest");
        assert_eq!(free_name(&list, "Practice org"), "Practice org");
    }
}
