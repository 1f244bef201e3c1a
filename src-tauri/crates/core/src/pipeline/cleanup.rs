//! Deleting what a killed run left: a journal line's record, found by its id or — when the
//! create's answer was lost — by a query on the name that carries the run's marker. Only records
//! whose name holds that marker are ever deleted, so nothing the run did not create is touched.

use super::token::issue_token;
use super::ListError;
use super::{org::Ctx, CheckConfig};
use crate::client::Body;
use crate::journal::{Journal, Leftover};
use crate::salesforce::wire::QueryResult;
use crate::types::Diagnosis;
use reqwest::Method;
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

fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
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
    if let Err(d) = issued.revoke().await {
        tracing::warn!(code = %d.code.as_str(), "the cleanup token was not revoked");
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
        let mut d = crate::catalog::diagnose(
            crate::codes::DiagnosisCode::UnknownResponse,
            Some(&config.domain),
            None,
            None,
        );
        d.cause = format!("The test record could not be cleaned up: {what}.");
        Box::new(d)
    };
    let version = &entry.api_version;
    let object = &entry.object;
    let mut ids: Vec<String> = entry.record_id.iter().cloned().collect();
    if ids.is_empty() {
        let (Some(field), Some(value)) = (&entry.name_field, &entry.name_value) else {
            return Ok(Cleaned::NothingThere);
        };
        if !value.contains(&entry.marker) {
            return Ok(Cleaned::NothingThere);
        }
        let soql = format!("SELECT Id FROM {object} WHERE {field} = {}", quote(value));
        let q: String = form_urlencoded::byte_serialize(soql.as_bytes()).collect();
        let path = Ctx::data_path(version, &format!("query?q={q}"));
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
    let mut deleted = Vec::new();
    for id in ids {
        let path = Ctx::data_path(version, &format!("sobjects/{object}/{id}"));
        let resp = client
            .send(Method::DELETE, &path, Some(&session.token), Body::Empty)
            .await
            .map_err(|e| unexpected(&e.to_string()))?;
        match resp.status {
            204 => deleted.push(id),
            200..=299 if resp.raw_body().trim().is_empty() => deleted.push(id),
            // Already gone.
            404 => {}
            status => {
                let body = resp.masked_body();
                return Err(unexpected(&format!(
                    "deleting the test record {id} answered {status}: {}",
                    crate::pipeline::failure::cut(&body, 200)
                )));
            }
        }
    }
    Ok(if deleted.is_empty() {
        Cleaned::NothingThere
    } else {
        Cleaned::Deleted { ids: deleted }
    })
}
