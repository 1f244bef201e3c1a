//! `guide`: the setup guide the desktop app shows (`guide.toml` in the engine), as text or as
//! one JSON document; with `--domain`, each Setup page as a link into that org.

use crate::args::GuideArgs;
use eca_core::domain::parse_domain;
use eca_core::setup_guide::{guide, human, setup_links};

/// The guide as text or JSON, or why the options do not work.
pub fn text(args: &GuideArgs) -> Result<String, String> {
    let domain = args
        .domain
        .as_deref()
        .map(parse_domain)
        .transpose()
        .map_err(|e| format!("--domain: {e}"))?;
    if !args.json {
        return Ok(human(domain.as_ref()));
    }
    let guide = guide();
    let links = domain.as_ref().map(setup_links).unwrap_or_default();
    let document = serde_json::json!({
        "callback_url": guide.callback_url,
        "steps": guide.steps,
        "links": links,
    });
    serde_json::to_string_pretty(&document)
        .map(|json| json + "\n")
        .map_err(|e| e.to_string())
}
