//! `guide`: the setup guide the desktop app shows (`guide.toml` in the engine), as text or as
//! one JSON document; with `--domain`, each Setup page as a link into that org.

use crate::args::GuideArgs;
use crate::check::{EXIT_OK, EXIT_USAGE};
use eca_core::domain::parse_domain;
use eca_core::setup_guide::{guide as setup_guide, human, setup_links};

pub fn guide(args: &GuideArgs) -> u8 {
    match text(args) {
        Ok(text) => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
            EXIT_OK
        }
        Err(message) => {
            eprintln!("eca-preflight-cli: {message}");
            EXIT_USAGE
        }
    }
}

fn text(args: &GuideArgs) -> Result<String, String> {
    let domain = args
        .domain
        .as_deref()
        .map(parse_domain)
        .transpose()
        .map_err(|e| format!("--domain: {e}"))?;
    if !args.json {
        return Ok(human(domain.as_ref()));
    }
    let guide = setup_guide();
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
