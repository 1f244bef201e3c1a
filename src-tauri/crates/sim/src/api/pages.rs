//! HTML pages: the maintenance page, and stand-ins for Setup and record links.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::base::objects;
use crate::base::reply::{self, escape_html};
use crate::base::state::Org;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;\
padding:0 1rem;color:#181818;line-height:1.5}h1{font-size:1.4rem}code{background:#f3f3f3;\
padding:0 .25rem;border-radius:3px}.note{color:#5c5c5c}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>{title}</title><style>{STYLE}</style></head><body>{body}</body></html>"
    )
}

/// What Salesforce serves while an instance is down for maintenance.
pub(crate) fn maintenance() -> Response {
    let body = "<h1>Down for Maintenance</h1>\
<p>This Salesforce instance is currently undergoing scheduled maintenance. \
Please check <a href=\"https://status.salesforce.com\">Salesforce Trust</a> for status.</p>\
<p class=\"note\">Practice org: the <code>maintenance</code> scenario answers every request this way.</p>";
    let mut resp = reply::html(
        StatusCode::SERVICE_UNAVAILABLE,
        page("Down for Maintenance", body),
    );
    resp.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        axum::http::HeaderValue::from_static("300"),
    );
    resp
}

/// Human names of the Setup pages the app links to.
fn setup_page_name(page: &str) -> Option<&'static str> {
    Some(match page {
        "ManageExternalClientApplication" => "External Client App Manager",
        "ExternalClientApplicationSettings" => "External Client App Settings",
        "ConnectedApplication" => "Connected Apps",
        "OrgDomain" => "My Domain",
        "OauthOidcSettings" => "OAuth and OpenID Connect Settings",
        "OrgLoginHistory" => "Login History",
        "SecuritySession" => "Session Settings",
        "PermSets" => "Permission Sets",
        "ManageUsers" => "Users",
        "Profiles" => "Profiles",
        "CompanyProfileInfo" => "Company Information",
        "ObjectManager" => "Object Manager",
        "DuplicateRules" => "Duplicate Rules",
        "CompanyResourceDisk" => "Storage Usage",
        _ => return None,
    })
}

/// `GET /lightning/setup/{Page}/home`.
pub(crate) async fn setup(Path(page_id): Path<String>) -> Response {
    let name = setup_page_name(&page_id)
        .map(str::to_string)
        .unwrap_or_else(|| escape_html(&page_id));
    let body = format!(
        "<h1>Practice org</h1><p>Practice org — in your real org this link opens \
Setup → {name}.</p><p class=\"note\">The simulated org has no Setup pages; \
nothing here changes your real org.</p>"
    );
    reply::html(StatusCode::OK, page(&format!("Setup → {name}"), &body))
}

/// `GET /lightning/r/{Object}/{id}/view`.
pub(crate) async fn record(
    State(org): State<Arc<Org>>,
    Path((object, id)): Path<(String, String)>,
) -> Response {
    let label = objects::find(&object)
        .map(|o| o.label.to_string())
        .unwrap_or_else(|| escape_html(&object));
    let live = org
        .lock()
        .records
        .iter()
        .any(|r| id.len() >= 15 && id.get(..15).is_some_and(|id15| r.id.starts_with(id15)));
    let status = if live {
        "The practice org still holds this record."
    } else {
        "The practice org holds no such record (it was deleted, or never existed)."
    };
    let body = format!(
        "<h1>Practice org</h1><p>Practice org — in your real org this link opens \
the {label} record <code>{}</code>.</p><p class=\"note\">{status}</p>",
        escape_html(&id)
    );
    reply::html(StatusCode::OK, page(&format!("{label} record"), &body))
}

/// Any path the org does not serve.
pub(crate) fn not_found() -> Response {
    reply::html(
        StatusCode::NOT_FOUND,
        page(
            "URL No Longer Exists",
            "<h1>URL No Longer Exists</h1><p>You have attempted to reach a URL that no longer exists on salesforce.com.</p>",
        ),
    )
}
