//! Many reads in one round trip: `GET` sub-requests of one `POST …/composite` (allOrNone false),
//! later ones naming earlier answers as `@{ref.records[0].Field}`. The whole call is one API
//! request. An org that refuses the composite resource gets the same reads one by one, the
//! references resolved here, so callers see the same answers either way.

use super::InspectError;
use crate::client::{Body, SfClient, Size};
use crate::salesforce::errors::RestErrorCode;
use crate::salesforce::services::{self, ApiVersion};
use crate::salesforce::wire::{self, CompositeResponse};
use crate::secret::Secret;
use reqwest::Method;
use serde_json::{json, Map, Value};

/// Salesforce's cap on sub-requests in one composite call.
pub(crate) const MAX_SUBREQUESTS: usize = 25;

/// One `GET` of a batch: its reference and its path (`/services/data/…`, references allowed).
pub(crate) struct Get {
    pub reference: &'static str,
    pub path: String,
}

/// Each sub-request's status and body, by reference.
#[derive(Default, Debug)]
pub(crate) struct Answers(Map<String, Value>);

/// One sub-answer: what the reads make of it.
pub(crate) enum Answer<'a> {
    Ok(&'a Value),
    /// A reference it depends on had no value (no such row, or that answer failed): not sent.
    Unreached,
    Refused {
        status: u16,
        body: &'a Value,
    },
}

impl Answers {
    pub(crate) fn get(&self, reference: &str) -> Answer<'_> {
        let Some(sub) = self.0.get(reference) else {
            return Answer::Unreached;
        };
        let status = sub["status"].as_u64().unwrap_or(0) as u16;
        let body = &sub["body"];
        if (200..300).contains(&status) {
            return Answer::Ok(body);
        }
        let halted = wire::rest_errors(&body.to_string())
            .unwrap_or_default()
            .iter()
            .any(|e| e.error_code == RestErrorCode::ProcessingHalted);
        if halted {
            Answer::Unreached
        } else {
            Answer::Refused { status, body }
        }
    }

    fn insert(&mut self, reference: &str, status: u16, body: Value) {
        self.0.insert(
            reference.to_string(),
            json!({"status": status, "body": body}),
        );
    }
}

/// Send `gets` as one composite call (one by one if the org refuses it). A refused login (401)
/// ends the inspection.
pub(crate) async fn send(
    client: &SfClient,
    token: &Secret,
    version: ApiVersion,
    gets: &[Get],
) -> Result<Answers, InspectError> {
    let mut answers = Answers::default();
    for chunk in gets.chunks(MAX_SUBREQUESTS) {
        let requests: Vec<Value> = chunk
            .iter()
            .map(|g| json!({"method": "GET", "url": g.path, "referenceId": g.reference}))
            .collect();
        let body = json!({"allOrNone": false, "compositeRequest": requests});
        let resp = client
            .send_sized(
                Method::POST,
                &services::composite(version),
                Some(token),
                Body::Json(&body),
                Size::Large,
            )
            .await?;
        if resp.status == 401 {
            return Err(refused(client, resp.raw_body()));
        }
        match resp
            .json::<CompositeResponse>()
            .filter(|_| resp.is_success())
        {
            Some(all) => {
                for sub in all.composite_response {
                    answers.insert(&sub.reference_id, sub.http_status_code, sub.body);
                }
            }
            None => {
                tracing::info!(
                    status = resp.status,
                    "composite refused; one read at a time"
                );
                one_by_one(client, token, chunk, &mut answers).await?;
            }
        }
    }
    for sub in answers.0.values() {
        if sub["status"].as_u64() == Some(401) {
            return Err(refused(client, &sub["body"].to_string()));
        }
    }
    Ok(answers)
}

fn refused(client: &SfClient, body: &str) -> InspectError {
    let detail = wire::rest_errors(body)
        .and_then(|e| e.into_iter().next())
        .map(|e| format!("{} {}", e.error_code, e.message.unwrap_or_default()))
        .unwrap_or_else(|| "HTTP 401".to_string());
    InspectError::LoginRefused {
        detail: client.mask(detail.trim()),
    }
}

async fn one_by_one(
    client: &SfClient,
    token: &Secret,
    gets: &[Get],
    answers: &mut Answers,
) -> Result<(), InspectError> {
    for g in gets {
        let Some(path) = resolve(&g.path, answers) else {
            answers.insert(
                g.reference,
                400,
                json!([{"errorCode": "PROCESSING_HALTED", "message": "a reference had no value"}]),
            );
            continue;
        };
        let resp = client
            .send_sized(Method::GET, &path, Some(token), Body::Empty, Size::Large)
            .await?;
        let body = serde_json::from_str(resp.raw_body()).unwrap_or(Value::Null);
        answers.insert(g.reference, resp.status, body);
    }
    Ok(())
}

/// `@{ref.records[0].Field}` → that value of an earlier successful answer, as Salesforce
/// substitutes it (the text as it is). None when a reference has no value.
fn resolve(text: &str, answers: &Answers) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("@{") {
        out.push_str(&rest[..start]);
        let len = rest[start..].find('}')?;
        let mut parts = rest[start + 2..start + len].split('.');
        let Answer::Ok(mut value) = answers.get(parts.next()?) else {
            return None;
        };
        for part in parts {
            let (key, index) = match part.split_once('[') {
                Some((key, index)) => (key, index.trim_end_matches(']').parse::<usize>().ok()),
                None => (part, None),
            };
            value = value.get(key)?;
            if let Some(i) = index {
                value = value.get(i)?;
            }
        }
        match value {
            Value::String(s) => out.push_str(s),
            Value::Number(_) | Value::Bool(_) => out.push_str(&value.to_string()),
            _ => return None,
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_into_rows_and_missing_ones_do_not() {
        let mut answers = Answers::default();
        answers.insert(
            "policy",
            200,
            json!({"totalSize":1,"done":true,"records":[{"attributes":{},"RunAs":"a@b.example","On":true}]}),
        );
        answers.insert(
            "gone",
            400,
            json!([{"errorCode":"INVALID_TYPE","message":"x"}]),
        );
        assert_eq!(
            resolve(
                "q=WHERE+U+=+'@{policy.records[0].RunAs}'+AND+@{policy.records[0].On}",
                &answers
            )
            .unwrap(),
            "q=WHERE+U+=+'a@b.example'+AND+true"
        );
        assert!(resolve("@{policy.records[1].RunAs}", &answers).is_none());
        assert!(resolve("@{policy.records[0].Missing}", &answers).is_none());
        assert!(resolve("@{gone.records[0].Id}", &answers).is_none());
        assert!(resolve("@{nothing.id}", &answers).is_none());
        assert!(matches!(
            answers.get("gone"),
            Answer::Refused { status: 400, .. }
        ));
        assert!(matches!(answers.get("nothing"), Answer::Unreached));
    }
}
