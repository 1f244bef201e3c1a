//! The router, on top of every API module (`crate::api`; none imports it), and the outer
//! middleware: latency, maintenance, faults and the request log.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode, Uri};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, patch, post};
use axum::{Extension, Json, Router};

use crate::api::{composite, credentials, identity, metadata, oauth, pages, query, records, rest};
use crate::base::dispatch::{Subrequests, SUBREQUEST};
use crate::base::reply;
use crate::base::scenario::Scenario;
use crate::base::state::{LoggedRequest, Org};

/// Request bodies larger than this are refused (the real limit is higher; tests never need it).
const BODY_LIMIT: usize = 1 << 20;

/// What the listener serves: the router, after Salesforce's reading of a path with empty
/// segments (`//services/data` is `/services/data`). Salesforce CLI sends such paths: `sf org
/// login access-token` stores the instance URL with a trailing `/` and jsforce appends
/// `/services/…` to it.
pub(crate) type App =
    axum::routing::IntoMakeService<tower::util::MapRequest<Router, fn(Request) -> Request>>;

pub(crate) fn app(org: Arc<Org>) -> App {
    let collapse: fn(Request) -> Request = collapse_slashes;
    axum::ServiceExt::<Request>::into_make_service(tower::ServiceExt::<Request>::map_request(
        router(org),
        collapse,
    ))
}

/// `//services//data/` → `/services/data/` (the query is kept as sent).
fn collapse_slashes(mut req: Request) -> Request {
    let path = req.uri().path();
    if !path.contains("//") {
        return req;
    }
    let mut collapsed = String::with_capacity(path.len());
    for c in path.chars() {
        if !(c == '/' && collapsed.ends_with('/')) {
            collapsed.push(c);
        }
    }
    if let Some(query) = req.uri().query() {
        collapsed = format!("{collapsed}?{query}");
    }
    let mut parts = req.uri().clone().into_parts();
    if let Ok(path_and_query) = collapsed.parse() {
        parts.path_and_query = Some(path_and_query);
        if let Ok(uri) = Uri::from_parts(parts) {
            *req.uri_mut() = uri;
        }
    }
    req
}

pub(crate) fn router(org: Arc<Org>) -> Router {
    let v = "/services/data/{version}";
    let rest = Router::new()
        .route(v, get(rest::resources))
        .route(&format!("{v}/"), get(rest::resources))
        .route(&format!("{v}/limits"), get(rest::limits))
        .route(&format!("{v}/limits/"), get(rest::limits))
        .route(&format!("{v}/sobjects"), get(rest::global_describe))
        .route(&format!("{v}/sobjects/"), get(rest::global_describe))
        .route(
            &format!("{v}/sobjects/{{object}}"),
            get(records::object_info).post(records::create),
        )
        .route(
            &format!("{v}/sobjects/{{object}}/"),
            get(records::object_info).post(records::create),
        )
        .route(
            &format!("{v}/sobjects/{{object}}/describe"),
            get(rest::describe),
        )
        .route(
            &format!("{v}/sobjects/{{object}}/describe/"),
            get(rest::describe),
        )
        .route(
            &format!("{v}/sobjects/{{object}}/{{id}}"),
            get(records::read).delete(records::delete),
        )
        .route(&format!("{v}/query"), get(query::query))
        .route(&format!("{v}/query/"), get(query::query))
        .route(&format!("{v}/composite"), post(composite::composite))
        .route(&format!("{v}/composite/"), post(composite::composite))
        .route(
            &format!("{v}/composite/sobjects"),
            post(composite::create_many).delete(composite::delete_many),
        )
        .route(&format!("{v}/apps/oauth/usage"), get(credentials::usage))
        .route(
            &format!("{v}/apps/oauth/credentials/{{app}}"),
            get(credentials::consumers),
        )
        .route(
            &format!("{v}/apps/oauth/credentials/{{app}}/{{consumer}}"),
            get(credentials::consumer),
        )
        .route(
            &format!("{v}/apps/oauth/credentials/{{app}}/{{consumer}}/staged"),
            get(credentials::staged).post(credentials::stage),
        )
        .route(
            &format!("{v}/apps/oauth/credentials/{{app}}/{{consumer}}/staged/{{staged}}"),
            patch(credentials::rotate).delete(credentials::unstage),
        )
        .route(&format!("{v}/{{*rest}}"), any(rest::unknown))
        .route_layer(from_fn_with_state(org.clone(), rest::gate));

    Router::new()
        .route("/services/data", get(rest::versions))
        .route("/services/data/", get(rest::versions))
        .route("/services/oauth2/token", post(oauth::token))
        .route(
            "/services/oauth2/userinfo",
            get(identity::userinfo).post(identity::userinfo),
        )
        .route("/services/oauth2/introspect", post(oauth::introspect))
        .route("/services/Soap/m/{version}", post(metadata::soap))
        .route(
            "/services/oauth2/revoke",
            post(oauth::revoke).get(oauth::revoke),
        )
        .route(
            "/id/{org}/{user}",
            get(identity::identity).post(identity::identity),
        )
        .route("/lightning/setup/{page}/home", get(pages::setup))
        .route("/lightning/r/{object}/{id}/view", get(pages::record))
        .route("/__sim/state", get(sim_state))
        .route("/__sim/rotate", post(sim_rotate))
        .merge(rest)
        .fallback(fallback)
        // Composite calls run their parts through this same router.
        .layer(Extension(Subrequests(router)))
        .layer(from_fn_with_state(org.clone(), observe))
        .with_state(org)
}

async fn sim_state(State(org): State<Arc<Org>>) -> Response {
    Json(org.snapshot()).into_response()
}

/// Completes the `rotation` scenario's rotation: only the staged credentials work from now on.
async fn sim_rotate(State(org): State<Arc<Org>>) -> Response {
    org.complete_rotation();
    StatusCode::NO_CONTENT.into_response()
}

async fn fallback(req: Request) -> Response {
    if req.uri().path().starts_with("/services/") {
        reply::not_found()
    } else {
        pages::not_found()
    }
}

fn auth_kind(req: &Request) -> &'static str {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return "none";
    };
    let scheme = value
        .to_str()
        .unwrap_or_default()
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match scheme.as_str() {
        "bearer" | "oauth" => "bearer",
        "basic" => "basic",
        _ => "other",
    }
}

fn keys(pairs: &[u8]) -> Vec<String> {
    form_urlencoded::parse(pairs)
        .map(|(k, _)| k.into_owned())
        .collect()
}

/// Adds the latency, answers for a maintenance org, and logs the request (names only).
async fn observe(State(org): State<Arc<Org>>, req: Request, next: Next) -> Response {
    // A composite call's parts run in-process: the latency is paid once, by the call.
    let subrequest = req.headers().contains_key(SUBREQUEST);
    if !org.latency.is_zero() && !subrequest {
        tokio::time::sleep(org.latency).await;
    }
    let path = req.uri().path().to_string();
    if path.starts_with("/__sim/") {
        return next.run(req).await;
    }
    let method = req.method().to_string();
    let query_keys = keys(req.uri().query().unwrap_or_default().as_bytes());
    let auth = auth_kind(&req).to_string();
    let is_form = path.starts_with("/services/oauth2/")
        || req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));

    let (parts, body) = req.into_parts();
    let (form_keys, resp) = match to_bytes(body, BODY_LIMIT).await {
        Err(_) => (
            Vec::new(),
            (StatusCode::PAYLOAD_TOO_LARGE, "request body too large").into_response(),
        ),
        Ok(bytes) => {
            let form_keys = if is_form { keys(&bytes) } else { Vec::new() };
            let number = if subrequest {
                0
            } else {
                org.received
                    .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
                    + 1
            };
            let fault = org.fault.filter(|f| f.at == number);
            let resp = if let Some(fault) = fault {
                tracing::info!(request = number, kind = %fault.kind, "fault injected");
                // A cut or a stall comes after the org did the work: the answer is what is lost.
                if fault.kind.after_the_work() {
                    let _done = next
                        .run(Request::from_parts(parts, Body::from(bytes)))
                        .await;
                }
                crate::base::fault::answer(fault.kind).await
            } else if org.scenario() == Scenario::Maintenance {
                pages::maintenance()
            } else {
                next.run(Request::from_parts(parts, Body::from(bytes)))
                    .await
            };
            (form_keys, resp)
        }
    };
    // Names only, as in the state's log: never a header value, a query value or a body.
    tracing::debug!(%method, %path, query = ?query_keys, %auth, status = resp.status().as_u16(), "sim request");
    org.log(LoggedRequest {
        method,
        path,
        query_keys,
        form_keys,
        auth,
        status: resp.status().as_u16(),
        subrequest,
    });
    resp
}
