//! Deleting what a killed run left: a journal line's record, found by its id or — when the
//! create's answer was lost — by a query on the name that carries the run's marker. Only records
//! whose name holds that marker are ever deleted, so nothing the run did not create is touched.

use super::failure::Halt;
use super::record;
use super::token::issue_token;
use super::ListError;
use super::{org::Ctx, CheckConfig};
use crate::catalog;
use crate::codes::DiagnosisCode;
use crate::journal::{Journal, Leftover};
use crate::salesforce::wire::QueryResult;
use crate::salesforce::{services, ApiVersion, RecordId};
use crate::types::Diagnosis;
use crate::types::StepId;
use serde::Serialize;
use ts_rs::TS;

/// What became of a leftover.
#[derive(Serialize, Clone, Debug, PartialEq, TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Cleaned {
    /// These records were deleted.
    Deleted { ids: Vec<String> },
    /// No record with that id or marker is in the org (already deleted, or never created).
    NothingThere,
}

#[derive(serde::Deserialize)]
struct IdRow {
    #[serde(rename = "Id")]
    id: String,
}

/// Delete `entry`'s record with the profile's own credentials (a token is issued and revoked),
/// then drop its journal line. The line stays when the delete fails.
pub async fn clean_up(
    config: &CheckConfig,
    journal: &Journal,
    entry: &Leftover,
) -> Result<Cleaned, Box<Diagnosis>> {
    let issued = issue_token(config).await.map_err(|e| match e {
        ListError::Input(i) => Box::new(i.diagnosis()),
        ListError::Failed(d) => Box::new(d),
    })?;
    let found = delete_marked(&issued, config, entry).await;
    match issued.revoke().await {
        Ok(Some(kept)) => tracing::info!(reason = %kept.reason, "the cleanup token was kept"),
        Ok(None) => {}
        Err(d) => tracing::warn!(code = %d.code.as_str(), "the cleanup token was not revoked"),
    }
    let cleaned = found?;
    if let Err(e) = journal.remove(&entry.marker) {
        tracing::warn!(error = %e, "the journal line stays");
    }
    Ok(cleaned)
}

async fn delete_marked(
    issued: &super::IssuedToken,
    config: &CheckConfig,
    entry: &Leftover,
) -> Result<Cleaned, Box<Diagnosis>> {
    let (client, session) = issued.parts();
    let unexpected = |what: &str| {
        let mut d = catalog::diagnose(
            DiagnosisCode::UnknownResponse,
            Some(&config.domain),
            None,
            None,
        );
        d.cause = format!("The test record could not be cleaned up: {what}.");
        Box::new(d)
    };
    let version = ApiVersion::parse(&entry.api_version).map_err(|e| {
        unexpected(&format!(
            "the journal names the API version {}: {e}",
            entry.api_version
        ))
    })?;
    let object = &entry.object;
    let mut ids: Vec<String> = entry.record_id.iter().cloned().collect();
    if ids.is_empty() {
        let (Some(field), Some(value)) = (&entry.name_field, &entry.name_value) else {
            return Ok(Cleaned::NothingThere);
        };
        if !value.contains(&entry.marker) {
            return Ok(Cleaned::NothingThere);
        }
        let soql = format!(
            "SELECT Id FROM {object} WHERE {field} = {}",
            crate::salesforce::soql_string(value)
        );
        let q: String = form_urlencoded::byte_serialize(soql.as_bytes()).collect();
        let path = services::query(version, &q);
        let resp = client
            .get_large(&path, Some(&session.token))
            .await
            .map_err(|e| unexpected(&e.to_string()))?;
        let Some(rows) = resp
            .json::<QueryResult<IdRow>>()
            .filter(|_| resp.is_success())
        else {
            return Err(unexpected(&format!(
                "the query for the test record answered {}",
                resp.status
            )));
        };
        ids = rows.records.into_iter().map(|r| r.id).collect();
    }
    // The run's own delete (its 204 rule, its diagnosis), for this line's object.
    let object_name = crate::salesforce::ApiName::object(object)
        .map_err(|e| unexpected(&format!("the journal names the object {object}: {e}")))?;
    let mut for_object = config.clone();
    for_object.object = object_name.clone();
    let cancel = tokio_util::sync::CancellationToken::new();
    let ctx = Ctx {
        config: &for_object,
        domain: &config.domain,
        client,
        cancel: &cancel,
    };
    let mut deleted = Vec::new();
    for id in ids {
        let Some(record) = RecordId::parse(&id) else {
            continue;
        };
        let url = super::run::record_url(&config.domain, &object_name, &record);
        match record::delete(&ctx, session, version, &record, &url).await {
            Ok(_) => deleted.push(id),
            Err(Halt::Failed(f)) if f.code == DiagnosisCode::RecordNotFound => {} // already gone
            Err(Halt::Failed(f)) => {
                let step = Some(StepId::Delete);
                return Err(Box::new(catalog::diagnose(
                    f.code,
                    Some(&config.domain),
                    step,
                    f.details,
                )));
            }
            Err(Halt::Cancelled) => return Err(unexpected("the cleanup was cancelled")),
        }
    }
    Ok(if deleted.is_empty() {
        Cleaned::NothingThere
    } else {
        Cleaned::Deleted { ids: deleted }
    })
}
