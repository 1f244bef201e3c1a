//! The identity endpoints a token response names: `/services/oauth2/userinfo` (OpenID Connect
//! claims) and the identity URL `/id/{org}/{user}`, each describing the token's own user.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use crate::base::ids;
use crate::base::reply::{self, Bearer};
use crate::base::scenario::Scenario;
use crate::base::setup::Setup;
use crate::base::state::{Caller, Org, Person};

/// Checks the bearer token of the identity endpoints: whose login it is, or `403` plain text.
/// Live tokens of the flow are the Run As user's; the admins' own logins (Salesforce CLI's)
/// are theirs, and `session-invalid` ends only the flow's sessions, as on the REST API.
fn identity_auth(org: &Org, headers: &HeaderMap) -> Result<Person, Response> {
    let token = match reply::bearer(headers) {
        Bearer::Missing => {
            return Err(reply::plain(StatusCode::FORBIDDEN, "Missing_OAuth_Token"));
        }
        Bearer::Malformed => return Err(reply::plain(StatusCode::FORBIDDEN, "Bad_OAuth_Token")),
        Bearer::Token(t) => t,
    };
    match org.caller(&token) {
        Some(Caller::RunAs) if org.scenario() == Scenario::SessionInvalid => {
            Err(reply::plain(StatusCode::FORBIDDEN, "Bad_OAuth_Token"))
        }
        Some(Caller::RunAs) => Ok(token_person(org, &token)),
        Some(caller) => Ok(org.person(caller)),
        None => Err(reply::plain(StatusCode::FORBIDDEN, "Bad_OAuth_Token")),
    }
}

/// The user a token of the flow is for: the Run As user of the app it was granted to.
fn token_person(org: &Org, token: &str) -> Person {
    let user_id = org.token_user(token).unwrap_or_default();
    if user_id == org.user_id {
        return org.person(Caller::RunAs);
    }
    Setup::of(org, org.scenario())
        .users()
        .find(|u| u.id == user_id)
        .map_or_else(|| org.person(Caller::RunAs), |u| u.person())
}

fn urls(org: &Org, person: &Person) -> Value {
    let base = &org.base_url;
    let org15 = org.org_id.get(..15).unwrap_or(&org.org_id);
    json!({
        "enterprise": format!("{base}/services/Soap/c/{{version}}/{org15}"),
        "metadata": format!("{base}/services/Soap/m/{{version}}/{org15}"),
        "partner": format!("{base}/services/Soap/u/{{version}}/{org15}"),
        "rest": format!("{base}/services/data/v{{version}}/"),
        "sobjects": format!("{base}/services/data/v{{version}}/sobjects/"),
        "search": format!("{base}/services/data/v{{version}}/search/"),
        "query": format!("{base}/services/data/v{{version}}/query/"),
        "recent": format!("{base}/services/data/v{{version}}/recent/"),
        "tooling_rest": format!("{base}/services/data/v{{version}}/tooling/"),
        "profile": format!("{base}/{}", person.user_id),
        "custom_domain": base,
    })
}

/// `GET /services/oauth2/userinfo` (OpenID Connect claims) of the token's user.
pub(crate) async fn userinfo(State(org): State<Arc<Org>>, headers: HeaderMap) -> Response {
    let person = match identity_auth(&org, &headers) {
        Ok(person) => person,
        Err(resp) => return resp,
    };
    reply::json(
        StatusCode::OK,
        &json!({
            "sub": org.identity_url_of(&person.user_id),
            "user_id": person.user_id,
            "organization_id": org.org_id,
            "preferred_username": person.username,
            "nickname": person.nickname(),
            "name": person.display_name(),
            "given_name": person.first_name,
            "family_name": person.last_name,
            "email": person.email,
            "email_verified": true,
            "zoneinfo": "Europe/London",
            "locale": "en_US",
            "language": "en_US",
            "utcOffset": 0,
            "updated_at": ids::sf_datetime(ids::now_ms()),
            "is_salesforce_integration_user": person.integration,
            "user_type": "STANDARD",
            "active": true,
            "is_app_installed": true,
            "urls": urls(&org, &person),
        }),
    )
}

/// `GET /id/{org}/{user}` (the identity URL of the token response): the token's own user only.
pub(crate) async fn identity(
    State(org): State<Arc<Org>>,
    Path((org_id, user_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let person = match identity_auth(&org, &headers) {
        Ok(person) => person,
        Err(resp) => return resp,
    };
    // 15- and 18-character forms name the same record.
    let same =
        |a: &str, b: &str| a.len() >= 15 && a.get(..15).is_some_and(|a15| b.starts_with(a15));
    if !same(&org_id, &org.org_id) || !same(&user_id, &person.user_id) {
        return reply::plain(StatusCode::NOT_FOUND, "Bad_Id");
    }
    reply::json(
        StatusCode::OK,
        &json!({
            "id": org.identity_url_of(&person.user_id),
            "asserted_user": true,
            "user_id": person.user_id,
            "organization_id": org.org_id,
            "username": person.username,
            "nick_name": person.nickname(),
            "display_name": person.display_name(),
            "email": person.email,
            "email_verified": true,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "timezone": "Europe/London",
            "active": true,
            "user_type": "STANDARD",
            "language": "en_US",
            "locale": "en_US",
            "utcOffset": 0,
            "last_modified_date": ids::sf_datetime(ids::now_ms()),
            "is_app_installed": true,
            "urls": urls(&org, &person),
        }),
    )
}
