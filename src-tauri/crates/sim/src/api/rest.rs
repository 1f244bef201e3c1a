//! The REST API: version list, the session gate, resources, limits and describes.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use crate::base::objects;
use crate::base::reply::{self, Bearer};
use crate::base::scenario::Scenario;
use crate::base::setup::Setup;
use crate::base::state::{Caller, Org, API_MAX};
use crate::base::version::{parse_version, release_label, ApiVersion, LATEST, OLDEST};

pub(crate) const NO_API_SCOPE: &str = "This session is not valid for use with the specified REST API endpoint. One of the following scopes is required: Manage user data via APIs, Full access";
/// API Access Control on (app not allowed) or a Run As user without API Enabled.
pub(crate) const API_BLOCKED: &str = "This session is not valid for use with the REST API";

/// `GET /services/data/`: no auth, not counted against limits.
pub(crate) async fn versions() -> Response {
    let list: Vec<Value> = (OLDEST..=LATEST)
        .map(|v| {
            json!({"label": release_label(v), "url": format!("/services/data/v{v}.0"), "version": format!("{v}.0")})
        })
        .collect();
    reply::json(StatusCode::OK, &Value::Array(list))
}

/// Session and org checks of every REST call, then the `Sforce-Limit-Info` header.
pub(crate) async fn gate(State(org): State<Arc<Org>>, mut req: Request, next: Next) -> Response {
    let segment = req
        .uri()
        .path()
        .strip_prefix("/services/data/")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default();
    let resp = match parse_version(segment) {
        None => reply::not_found(),
        Some(version) => match admit(&org, req.headers()) {
            Err(resp) => resp,
            Ok(caller) => {
                req.extensions_mut().insert(ApiVersion(version));
                req.extensions_mut().insert(caller);
                next.run(req).await
            }
        },
    };
    with_limit_info(&org, resp)
}

/// Whether the user a token of the flow is for has API Enabled (an app may run as any user).
fn token_user_has_api(org: &Org, scenario: Scenario, token: &str) -> bool {
    let Some(user_id) = org.token_user(token).filter(|id| *id != org.user_id) else {
        return true;
    };
    Setup::of(org, scenario)
        .users()
        .find(|u| u.id == user_id)
        .is_none_or(|u| u.api_enabled)
}

fn admit(org: &Org, headers: &HeaderMap) -> Result<Caller, Response> {
    let token = match reply::bearer(headers) {
        Bearer::Missing => return Err(reply::session_invalid()),
        Bearer::Malformed => {
            return Err(reply::rest_error(
                StatusCode::UNAUTHORIZED,
                "INVALID_AUTH_HEADER",
                "INVALID_HEADER_TYPE",
                &[],
            ))
        }
        Bearer::Token(t) => t,
    };
    let Some(caller) = org.caller(&token) else {
        return Err(reply::session_invalid());
    };
    let scenario = org.scenario();
    if caller.is_admin() {
        // An admin's own session: only the org-wide limit applies to it.
        if scenario == Scenario::RequestLimit {
            return Err(reply::rest_error(
                StatusCode::FORBIDDEN,
                "REQUEST_LIMIT_EXCEEDED",
                "TotalRequests Limit exceeded.",
                &[],
            ));
        }
        org.lock().api_used += 1;
        return Ok(caller);
    }
    let Some(scope) = org.live_token_scope(&token) else {
        return Err(reply::session_invalid());
    };
    if scenario == Scenario::SessionInvalid {
        return Err(reply::session_invalid());
    }
    if scenario == Scenario::ApiAccessControl {
        return Err(reply::rest_error(
            StatusCode::UNAUTHORIZED,
            "INVALID_SESSION_ID",
            API_BLOCKED,
            &[],
        ));
    }
    if !scope.split(' ').any(|s| s == "api") {
        return Err(reply::rest_error(
            StatusCode::UNAUTHORIZED,
            "INVALID_SESSION_ID",
            NO_API_SCOPE,
            &[],
        ));
    }
    let refused = match scenario {
        Scenario::ApiDisabledOrg => Some((
            "API_DISABLED_FOR_ORG",
            "The REST API is not enabled for this Organization.",
        )),
        Scenario::ApiDisabledUser => {
            Some(("API_CURRENTLY_DISABLED", "API is disabled for this User"))
        }
        _ if !token_user_has_api(org, scenario, &token) => {
            Some(("API_CURRENTLY_DISABLED", "API is disabled for this User"))
        }
        Scenario::RequestLimit => Some(("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")),
        _ => None,
    };
    if let Some((code, message)) = refused {
        return Err(reply::rest_error(StatusCode::FORBIDDEN, code, message, &[]));
    }
    // One composite call counts once, whatever it holds.
    if !headers.contains_key(crate::base::dispatch::SUBREQUEST) {
        org.lock().api_used += 1;
    }
    Ok(caller)
}

fn api_used(org: &Org) -> u32 {
    let inner = org.lock();
    if inner.scenario == Scenario::RequestLimit {
        API_MAX
    } else {
        inner.api_used
    }
}

fn with_limit_info(org: &Org, mut resp: Response) -> Response {
    let used = api_used(org);
    let value = if org.scenario() == Scenario::PerAppLimits {
        // The org's figure first, then this app's own, as real orgs send them.
        format!("api-usage={used}/{API_MAX}; per-app-api-usage={used}/250(appName=ECA_Preflight)")
    } else {
        format!("api-usage={used}/{API_MAX}")
    };
    if let Ok(v) = HeaderValue::from_str(&value) {
        resp.headers_mut().insert("Sforce-Limit-Info", v);
    }
    resp
}

/// `GET /services/data/vNN.0/`: the resources of a version.
pub(crate) async fn resources(Extension(ApiVersion(v)): Extension<ApiVersion>) -> Response {
    let base = format!("/services/data/v{v}");
    let body: serde_json::Map<String, Value> = ["limits", "sobjects", "query", "search", "tooling"]
        .iter()
        .map(|r| (r.to_string(), Value::from(format!("{base}/{r}"))))
        .collect();
    reply::json(StatusCode::OK, &Value::Object(body))
}

/// `GET …/limits/`.
pub(crate) async fn limits(
    State(org): State<Arc<Org>>,
    Extension(caller): Extension<Caller>,
) -> Response {
    if let Some(refused) =
        crate::base::policy::txn_security(org.scenario(), caller, crate::base::policy::Call::Limits)
    {
        return refused;
    }
    let used = api_used(&org);
    let full = |max: u32| json!({"Max": max, "Remaining": max});
    reply::json(
        StatusCode::OK,
        &json!({
            "DailyApiRequests": {"Max": API_MAX, "Remaining": API_MAX.saturating_sub(used)},
            "DailyAsyncApexExecutions": full(250_000),
            "DailyBulkApiBatches": full(15_000),
            "DailyBulkV2QueryJobs": full(10_000),
            "DailyStreamingApiEvents": full(10_000),
            "DataStorageMB": full(5),
            "FileStorageMB": full(20),
            "HourlyPublishedPlatformEvents": full(50_000),
            "MassEmail": full(10),
            "SingleEmail": full(15),
        }),
    )
}

/// `GET …/sobjects/`: the global describe.
pub(crate) async fn global_describe(Extension(ApiVersion(v)): Extension<ApiVersion>) -> Response {
    let sobjects: Vec<Value> = objects::all().iter().map(|o| o.global_entry(&v)).collect();
    reply::json(
        StatusCode::OK,
        &json!({"encoding": "UTF-8", "maxBatchSize": 200, "sobjects": sobjects}),
    )
}

/// `GET …/sobjects/{Object}/describe`.
pub(crate) async fn describe(
    State(org): State<Arc<Org>>,
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    Extension(caller): Extension<Caller>,
    Path((_, object)): Path<(String, String)>,
) -> Response {
    let scenario = org.scenario();
    if let Some(table) = Setup::of(&org, scenario).table(&object) {
        return match caller {
            Caller::Admin => reply::json(StatusCode::OK, &table.describe(&v)),
            Caller::LimitedAdmin if !table.needs_eca_permission => {
                reply::json(StatusCode::OK, &table.describe(&v))
            }
            _ => reply::not_supported(table.name),
        };
    }
    if scenario == Scenario::NoObjectRead {
        return reply::not_supported(&object);
    }
    match objects::find(&object) {
        // A large org's describe comes in chunks, with no Content-Length.
        Some(o) if scenario == Scenario::LargeDescribe => {
            reply::json_chunked(StatusCode::OK, &o.describe(&v, scenario))
        }
        Some(o) => reply::json(StatusCode::OK, &o.describe(&v, scenario)),
        None => reply::not_found(),
    }
}

/// Any other path under a version.
pub(crate) async fn unknown() -> Response {
    reply::not_found()
}
