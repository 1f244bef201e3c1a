//! The rules for editing the profile list, shared by the desktop app and tests: trimming and
//! defaults, unique names (the CLI finds a profile by name), ids, duplication. Plain functions
//! over `Vec<Profile>`; where the list is stored is the caller's business.

use super::Profile;

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
    let mut bytes: [u8; 16] = rand::random();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Trim and default what the admin typed; refuse what cannot be saved.
pub fn normalise(mut profile: Profile) -> Result<Profile, EditError> {
    profile.name = profile.name.trim().to_string();
    profile.domain = profile.domain.trim().to_string();
    profile.client_id = profile.client_id.trim().to_string();
    profile.object = profile.object.trim().to_string();
    let version = profile.api_version.trim().trim_start_matches(['v', 'V']);
    profile.api_version = if version.is_empty() || version.eq_ignore_ascii_case("latest") {
        "latest".to_string()
    } else {
        version.to_string()
    };
    if profile.name.is_empty() {
        return Err(EditError::Invalid("Give the profile a name.".into()));
    }
    if profile.object.is_empty() {
        profile.object = "Account".to_string();
    }
    if !is_valid_api_version(&profile.api_version) {
        return Err(EditError::Invalid(format!(
            "API version \"{}\" is not valid. Use \"latest\" or a version such as 66.0.",
            profile.api_version
        )));
    }
    if !is_api_name(&profile.object) {
        return Err(EditError::Invalid(format!(
            "\"{}\" is not an object API name (letters, digits and underscores, e.g. Account or Invoice__c).",
            profile.object
        )));
    }
    profile.setup_done.sort();
    profile.setup_done.dedup();
    Ok(profile)
}

fn is_valid_api_version(version: &str) -> bool {
    if version == "latest" {
        return true;
    }
    let mut parts = version.split('.');
    let major = parts.next().unwrap_or_default();
    let minor = parts.next().unwrap_or("0");
    parts.next().is_none()
        && !major.is_empty()
        && major.len() <= 3
        && major.bytes().all(|b| b.is_ascii_digit())
        && !minor.is_empty()
        && minor.bytes().all(|b| b.is_ascii_digit())
}

fn is_api_name(name: &str) -> bool {
    name.len() <= 80
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn name_taken(profiles: &[Profile], name: &str, except_id: &str) -> bool {
    profiles
        .iter()
        .any(|p| p.id != except_id && p.name.eq_ignore_ascii_case(name))
}

/// Create (empty id) or edit a profile. The practice flag and the last result are kept from the
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
        profile.practice = false;
        profile.last_result = None;
        profiles.push(profile.clone());
        return Ok(profile);
    }
    let saved = profiles
        .iter_mut()
        .find(|p| p.id == profile.id)
        .ok_or_else(|| EditError::UnknownId(profile.id.clone()))?;
    profile.practice = saved.practice;
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
    copy.practice = false;
    copy.last_result = None;
    let base = format!("Copy of {}", source.name);
    copy.name = base.clone();
    let mut n = 2;
    while name_taken(profiles, &copy.name, "") {
        copy.name = format!("{base} ({n})");
        n += 1;
    }
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
    use crate::profile::{load_profiles, STORE_FILE, STORE_KEY};

    fn named(name: &str) -> Profile {
        Profile {
            name: name.into(),
            domain: " acme ".into(),
            client_id: "3MVG9key".into(),
            ..Profile::default()
        }
    }

    #[test]
    fn create_assigns_an_id_and_trims() {
        let mut list = Vec::new();
        let created = upsert(&mut list, named("  Acme prod ")).unwrap();
        assert_eq!(created.name, "Acme prod");
        assert_eq!(created.domain, "acme");
        assert_eq!(created.id.len(), 36);
        assert_ne!(created.id, new_id());
        assert_eq!(list, vec![created]);
    }

    #[test]
    fn edit_keeps_practice_flag_and_last_result() {
        let mut list = Vec::new();
        let mut created = upsert(&mut list, named("Acme")).unwrap();
        list[0].practice = true;
        created.name = "Acme renamed".into();
        created.practice = false;
        let edited = upsert(&mut list, created).unwrap();
        assert!(edited.practice);
        assert_eq!(list[0].name, "Acme renamed");
        assert_eq!(list.len(), 1);
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
}
