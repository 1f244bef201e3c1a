//! Create → read → delete of the test record as one `POST …/composite` (allOrNone false, later
//! sub-requests naming `@{create.id}`): one round trip instead of three, and one API request.
//! Each step still gets its own pass or diagnosis, from its sub-answer.

use super::failure::{Failure, Halt, Outcome, Passed};
use super::org::{Ctx, Session};
use super::record::{self, Plan};
use crate::classify;
use crate::client::{Body, SfResponse, Size};
use crate::salesforce::wire::{CompositeResponse, CompositeSubresponse, CreateResult};
use crate::salesforce::{services, ApiVersion, RecordId};
use crate::types::StepId;
use reqwest::Method;
use serde_json::{json, Value};

/// What each step got from the composite answer; `None`: not sent, or not run (halted).
pub(crate) struct Answers {
    pub create: Outcome<RecordId>,
    pub read: Option<Outcome<()>>,
    pub delete: Option<Outcome<()>>,
}

pub(crate) enum Composite {
    /// The org refused the composite call itself (an error status: an old API version, or no
    /// composite resource): nothing ran, so the steps go one by one.
    Unavailable,
    Answered(Box<Answers>),
}

/// Not abortable: once sent, the answer says which record to clean up.
pub(crate) async fn create_read_delete(
    ctx: &Ctx<'_>,
    session: &Session,
    version: ApiVersion,
    plan: &Plan,
    keep: bool,
) -> Composite {
    let object = &ctx.config.object;
    let base = services::sobject_base(version, object);
    let mut requests = vec![
        json!({"method": "POST", "url": format!("{base}/"), "referenceId": "create", "body": plan.body}),
        json!({"method": "GET", "url": format!("{base}/@{{create.id}}"), "referenceId": "read"}),
    ];
    if !keep {
        requests.push(
            json!({"method": "DELETE", "url": format!("{base}/@{{create.id}}"), "referenceId": "delete"}),
        );
    }
    let body = json!({"allOrNone": false, "compositeRequest": requests});
    let path = services::composite(version);
    let sent = ctx
        .client
        .send_sized(
            Method::POST,
            &path,
            Some(&session.token),
            Body::Json(&body),
            Size::Large,
        )
        .await;
    let resp = match sent {
        Ok(resp) => resp,
        // Whether the create ran is unknown: reported on Create, as a single create would be.
        Err(e) => {
            return Composite::Answered(Box::new(Answers {
                create: Err(Halt::from(&e)),
                read: None,
                delete: None,
            }))
        }
    };
    if !resp.is_success() {
        tracing::info!(
            status = resp.status,
            "composite refused; one request per step"
        );
        return Composite::Unavailable;
    }
    let Some(answer) = resp.json::<CompositeResponse>() else {
        return Composite::Answered(Box::new(Answers {
            create: Err(Failure::unexpected(&resp).into()),
            read: None,
            delete: None,
        }));
    };
    let part = |reference: &str| -> Option<&CompositeSubresponse> {
        answer
            .composite_response
            .iter()
            .find(|p| p.reference_id == reference)
    };
    let as_response = |p: &CompositeSubresponse, request: String| {
        resp.part(p.http_status_code, p.body.to_string(), request)
    };
    let failed = |step: StepId, r: &SfResponse| -> Halt {
        Failure::answer(classify::rest_error(step, &r.answer()), r).into()
    };
    let create_request = format!("POST {base}/ (in a composite request)");
    let create = match part("create") {
        None => Err(Failure::unexpected(&resp).into()),
        Some(p) => {
            let r = as_response(p, create_request);
            let id = r
                .is_success()
                .then(|| serde_json::from_value::<CreateResult>(p.body.clone()).ok())
                .flatten()
                .and_then(|c| RecordId::parse(&c.id));
            match (r.is_success(), id) {
                (true, Some(id)) => {
                    let steps = if keep {
                        "create and read"
                    } else {
                        "create, read and delete"
                    };
                    let summary = format!(
                        "{object} {id} created ({steps} in one composite call, which counts as one API request)"
                    );
                    Ok(Passed::new(id, summary))
                }
                (true, None) => Err(Failure::unexpected(&r).into()),
                (false, _) => match failed(StepId::Create, &r) {
                    Halt::Failed(mut f) => {
                        if !plan.unguessable.is_empty() {
                            f.summary = format!(
                                "{}; {}",
                                f.summary,
                                record::unguessable_note(&plan.unguessable)
                            );
                        }
                        Err(Halt::Failed(f))
                    }
                    other => Err(other),
                },
            }
        }
    };
    let created = create.is_ok();
    let read = part("read").filter(|_| created).map(|p| {
        let r = as_response(p, format!("GET {base}/ID (in a composite request)"));
        if !r.is_success() {
            return Err(failed(StepId::Read, &r));
        }
        let name = p
            .body
            .get("Name")
            .and_then(Value::as_str)
            .map(str::to_string);
        let id = p
            .body
            .get("Id")
            .and_then(Value::as_str)
            .unwrap_or("the record");
        Ok(Passed::new(
            (),
            match name {
                Some(n) => format!("{id} read back: Name = {n}"),
                None => format!("{id} read back"),
            },
        ))
    });
    let delete = part("delete").filter(|_| created).map(|p| {
        let r = as_response(p, format!("DELETE {base}/ID (in a composite request)"));
        if r.is_success() {
            let id = part("create")
                .and_then(|c| c.body.get("id"))
                .and_then(Value::as_str)
                .unwrap_or("the record");
            Ok(Passed::new(
                (),
                format!("{id} deleted (in the same composite call)"),
            ))
        } else {
            Err(failed(StepId::Delete, &r))
        }
    });
    Composite::Answered(Box::new(Answers {
        create,
        read,
        delete,
    }))
}
