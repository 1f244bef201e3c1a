//! `POST …/composite` (sub-requests in order, `@{ref.field}` references, allOrNone) and
//! `…/composite/sobjects` (many records in one call), answered in Salesforce's shapes. Each
//! sub-request runs through this org's own router, so it meets every rule a single call does;
//! the whole call counts as one API request. The router comes in as a request extension
//! ([`Subrequests`]): this API is built on the REST API, yet imports neither it nor the router.

use std::sync::Arc;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Map, Value};
use tower::ServiceExt;

use crate::base::dispatch::{Subrequests, SUBREQUEST};
use crate::base::objects;
use crate::base::reply;
use crate::base::state::Org;
use crate::base::version::ApiVersion;

/// Salesforce's cap on sub-requests in one composite call.
const MAX_SUBREQUESTS: usize = 25;
const ROLLED_BACK: &str =
    "The transaction was rolled back since another operation in the same transaction failed.";

/// What one sub-request answered.
struct Answer {
    status: StatusCode,
    location: Option<String>,
    body: Value,
}

async fn dispatch(
    org: &Arc<Org>,
    subrequests: Subrequests,
    auth: Option<&str>,
    method: Method,
    url: &str,
    body: Option<&Value>,
) -> Answer {
    let mut builder = Request::builder()
        .method(method)
        .uri(url)
        .header(SUBREQUEST, "1")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(auth) = auth {
        builder = builder.header(header::AUTHORIZATION, auth);
    }
    let request = builder.body(Body::from(body.map(Value::to_string).unwrap_or_default()));
    let Ok(request) = request else {
        return Answer {
            status: StatusCode::BAD_REQUEST,
            location: None,
            body: json!([{"errorCode": "MALFORMED_URL", "message": format!("The URL {url} is not valid")}]),
        };
    };
    let resp = match subrequests.router(org.clone()).oneshot(request).await {
        Ok(resp) => resp,
        Err(never) => match never {},
    };
    let status = resp.status();
    let location = resp
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = to_bytes(resp.into_body(), 8 << 20)
        .await
        .unwrap_or_default();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer {
        status,
        location,
        body,
    }
}

/// `@{ref.a.b}` → the value at `a.b` of sub-answer `ref`; None names what is missing.
fn resolve(text: &str, done: &Map<String, Value>) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("@{") {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            return Err(rest[start..].to_string());
        };
        let reference = &rest[start + 2..start + len];
        let mut path = reference.split('.');
        let name = path.next().unwrap_or_default();
        let mut value = done.get(name);
        // `records[0]` (Salesforce's form) or `records.0`.
        for part in path {
            let (key, index) = match part.split_once('[') {
                Some((key, index)) => (key, index.strip_suffix(']').map(str::parse::<usize>)),
                None => (part, None),
            };
            value = value.and_then(|v| match v {
                Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
                other => other.get(key),
            });
            if let Some(index) = index {
                value = index.ok().and_then(|i| value.and_then(|v| v.get(i)));
            }
        }
        match value {
            Some(Value::String(s)) => out.push_str(s),
            Some(v @ (Value::Number(_) | Value::Bool(_))) => out.push_str(&v.to_string()),
            _ => return Err(reference.to_string()),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn halted(message: String) -> Value {
    json!([{"errorCode": "PROCESSING_HALTED", "message": message}])
}

/// `POST …/composite`.
pub(crate) async fn composite(
    State(org): State<Arc<Org>>,
    Extension(subrequests): Extension<Subrequests>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !org.composite {
        return reply::not_found();
    }
    let input: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let all_or_none = input["allOrNone"].as_bool().unwrap_or(false);
    let Some(requests) = input["compositeRequest"]
        .as_array()
        .filter(|r| !r.is_empty())
    else {
        return reply::rest_error(
            StatusCode::BAD_REQUEST,
            "JSON_PARSER_ERROR",
            "The request body must hold a compositeRequest array",
            &[],
        );
    };
    if requests.len() > MAX_SUBREQUESTS {
        return reply::rest_error(
            StatusCode::BAD_REQUEST,
            "LIMIT_EXCEEDED",
            &format!(
                "Limit Exceeded: the composite request has more than {MAX_SUBREQUESTS} subrequests"
            ),
            &[],
        );
    }
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let mut done = Map::new();
    let mut answers: Vec<Value> = Vec::new();
    let mut created: Vec<(usize, String)> = Vec::new();
    let mut failed = false;
    for sub in requests {
        let reference = sub["referenceId"].as_str().unwrap_or_default().to_string();
        let method = sub["method"]
            .as_str()
            .and_then(|m| m.parse::<Method>().ok())
            .unwrap_or(Method::GET);
        let resolved = resolve(sub["url"].as_str().unwrap_or_default(), &done).and_then(|url| {
            let body = match sub.get("body") {
                Some(b) if !b.is_null() => Some(
                    serde_json::from_str(&resolve(&b.to_string(), &done)?).unwrap_or(Value::Null),
                ),
                _ => None,
            };
            Ok((url, body))
        });
        let answer = if failed && all_or_none {
            Answer {
                status: StatusCode::BAD_REQUEST,
                location: None,
                body: halted(ROLLED_BACK.into()),
            }
        } else {
            match resolved {
                Err(missing) => Answer {
                    status: StatusCode::BAD_REQUEST,
                    location: None,
                    body: halted(format!("Invalid reference specified. No value for {missing} found in {reference}. Provided referenceId ({reference}) must exist in a previous subrequest.")),
                },
                Ok((url, body)) if url.starts_with("/services/data/") => {
                    dispatch(&org, subrequests, auth, method.clone(), &url, body.as_ref()).await
                }
                Ok((url, _)) => Answer {
                    status: StatusCode::BAD_REQUEST,
                    location: None,
                    body: json!([{"errorCode": "INVALID_URL", "message": format!("The composite subrequest URL {url} is not a REST API resource")}]),
                },
            }
        };
        if answer.status.is_client_error() || answer.status.is_server_error() {
            failed = true;
        } else if method == Method::POST {
            if let Some(id) = answer.body["id"].as_str() {
                created.push((answers.len(), id.to_string()));
            }
        }
        done.insert(reference.clone(), answer.body.clone());
        let mut http_headers = Map::new();
        if let Some(location) = answer.location {
            http_headers.insert("Location".into(), Value::from(location));
        }
        answers.push(json!({
            "body": answer.body,
            "httpHeaders": http_headers,
            "httpStatusCode": answer.status.as_u16(),
            "referenceId": reference,
        }));
    }
    if failed && all_or_none {
        // All or none: what was created is undone, and says so.
        let mut inner = org.lock();
        for (index, id) in created {
            inner.records.retain(|r| r.id != id);
            if let Some(a) = answers.get_mut(index) {
                a["body"] = halted(ROLLED_BACK.into());
                a["httpStatusCode"] = Value::from(400);
                a["httpHeaders"] = json!({});
            }
        }
    }
    reply::json(StatusCode::OK, &json!({"compositeResponse": answers}))
}

/// One record's result in `/composite/sobjects`: `statusCode`, not `errorCode`.
fn record_result(id: Option<&str>, answer: &Answer) -> Value {
    if answer.status.is_success() {
        return json!({"id": id.or(answer.body["id"].as_str()), "success": true, "errors": []});
    }
    let errors: Vec<Value> = answer
        .body
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            json!({
                "statusCode": e["errorCode"],
                "message": e["message"],
                "fields": e.get("fields").cloned().unwrap_or_else(|| json!([])),
            })
        })
        .collect();
    json!({"id": id, "success": false, "errors": errors})
}

/// `POST …/composite/sobjects`: create many records.
pub(crate) async fn create_many(
    State(org): State<Arc<Org>>,
    Extension(subrequests): Extension<Subrequests>,
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let input: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let Some(records) = input["records"].as_array() else {
        return reply::rest_error(
            StatusCode::BAD_REQUEST,
            "JSON_PARSER_ERROR",
            "The request body must hold a records array",
            &[],
        );
    };
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let mut results = Vec::new();
    for record in records {
        let object = record["attributes"]["type"].as_str().unwrap_or_default();
        let mut fields = record.clone();
        if let Some(map) = fields.as_object_mut() {
            map.remove("attributes");
        }
        let url = format!("/services/data/v{v}/sobjects/{object}/");
        let answer = dispatch(&org, subrequests, auth, Method::POST, &url, Some(&fields)).await;
        results.push(record_result(None, &answer));
    }
    reply::json(StatusCode::OK, &Value::Array(results))
}

#[derive(serde::Deserialize)]
pub(crate) struct Ids {
    ids: Option<String>,
}

/// `DELETE …/composite/sobjects?ids=…`: delete many records.
pub(crate) async fn delete_many(
    State(org): State<Arc<Org>>,
    Extension(subrequests): Extension<Subrequests>,
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    headers: HeaderMap,
    Query(ids): Query<Ids>,
) -> Response {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let mut results = Vec::new();
    for id in ids
        .ids
        .unwrap_or_default()
        .split(',')
        .filter(|i| !i.is_empty())
    {
        let object = objects::all()
            .into_iter()
            .find(|o| id.starts_with(o.key_prefix))
            .map_or("Account", |o| o.name);
        let url = format!("/services/data/v{v}/sobjects/{object}/{id}");
        let answer = dispatch(&org, subrequests, auth, Method::DELETE, &url, None).await;
        results.push(record_result(Some(id), &answer));
    }
    reply::json(StatusCode::OK, &Value::Array(results))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_into_urls_and_bodies() {
        let mut done = Map::new();
        done.insert(
            "create".into(),
            json!({"id": "001000000000001AAA", "n": [{"x": 3}]}),
        );
        assert_eq!(
            resolve("/services/data/v68.0/sobjects/Account/@{create.id}", &done).unwrap(),
            "/services/data/v68.0/sobjects/Account/001000000000001AAA"
        );
        assert_eq!(resolve("@{create.n.0.x}", &done).unwrap(), "3");
        assert_eq!(resolve("@{read.id}", &done).unwrap_err(), "read.id");
        assert_eq!(resolve("no references", &done).unwrap(), "no references");
    }
}
