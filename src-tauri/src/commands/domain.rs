//! The live domain hint and the setup guide's links.

use crate::commands::Cx;
use crate::error::AppResult;
use eca_core::domain::{self, OrgDomain};
use eca_core::setup_guide::{self, SetupLink};
use eca_core::DiagnosisCode;
use serde::Serialize;
use tauri::Runtime;
use ts_rs::TS;

/// What a typed domain was understood as, or why it cannot be used (with the fix).
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct DomainPreview {
    pub ok: bool,
    pub domain: Option<OrgDomain>,
    pub error: Option<DomainProblem>,
}

#[derive(Serialize, Clone, Debug, PartialEq, TS)]
pub struct DomainProblem {
    /// Catalog code, e.g. `not_my_domain`.
    pub code: DiagnosisCode,
    /// What is wrong and the fix.
    pub message: String,
}

pub fn preview(input: &str) -> DomainPreview {
    match domain::parse_domain(input) {
        Ok(parsed) => DomainPreview {
            ok: true,
            domain: Some(parsed),
            error: None,
        },
        Err(error) => DomainPreview {
            ok: false,
            domain: None,
            error: Some(DomainProblem {
                code: error.code(),
                message: error.to_string(),
            }),
        },
    }
}

/// Never fails: a bad domain is a preview with `ok: false`.
pub async fn parse_domain(_: &Cx<impl Runtime>, input: String) -> AppResult<DomainPreview> {
    Ok(preview(&input))
}

/// The setup guide's Setup links on the profile's org (the practice org's own practice pages for
/// the practice profile); empty while no domain is entered.
pub async fn setup_links(cx: &Cx<impl Runtime>, id: String) -> AppResult<Vec<SetupLink>> {
    let saved = cx.profiles.get(&id)?;
    let profile = crate::commands::practice::run_target(cx, &saved).await?;
    Ok(match profile.target.domain().map(domain::parse_domain) {
        Some(Ok(parsed)) => setup_guide::setup_links(&parsed),
        _ => Vec::new(),
    })
}
