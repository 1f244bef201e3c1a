//! `snippet --format FORMAT`: the token request and one REST call as code that runs, for the
//! org, key, API version and object given (or saved in a profile). The secret stays out.

use crate::args::SnippetArgs;
use crate::resolve;
use eca_core::profiles::Target;
use eca_core::snippets::{for_profile, SnippetFormat};

/// The snippet, or why there is none.
pub fn text(args: &SnippetArgs) -> Result<String, String> {
    let format = SnippetFormat::parse(&args.format).ok_or("unknown --format")?;
    let mut profile = match &args.profile {
        Some(name) => {
            resolve::load_profile(args.store.as_deref(), name).map_err(|e| e.to_string())?
        }
        None => Default::default(),
    };
    if let Some(domain) = &args.domain {
        profile.target = Target::Org {
            domain: domain.clone(),
        };
    }
    if let Some(key) = &args.client_id {
        profile.client_id = key.clone();
    }
    if let Some(v) = &args.api_version {
        profile.api_version = v.clone();
    }
    if let Some(o) = &args.object {
        profile.object = o.clone();
    }
    for_profile(format, &profile).map_err(|e| e.to_string())
}
