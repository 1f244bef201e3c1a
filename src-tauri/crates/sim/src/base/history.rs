//! Login History, as a real org writes it: a row for each grant of the Run As user, with
//! Salesforce's own words in `Status` (`Success`, `Restricted IP`, `User is inactive`). Grants
//! the org cannot tie to a user (no Run As user, a wrong key) write none. Readable with an
//! admin's full login ("Manage Users"); the limited admin's login does not see the object.

use serde_json::{json, Map, Value};

use crate::base::apps::App;
use crate::base::ids;
use crate::base::setup::Setup;
use crate::base::state::{LoginRow, Org};
use crate::base::tables::{Table, TableField};

/// Salesforce's Login History status for a grant the token endpoint refused with
/// `description`, when the refusal is about the user (the others write no row).
fn status_of(refusal: Option<&str>) -> Option<&'static str> {
    match refusal {
        None => Some("Success"),
        Some("ip restricted") => Some("Restricted IP"),
        Some("inactive user") => Some("User is inactive"),
        Some("user is frozen") => Some("User is frozen"),
        Some(_) => None,
    }
}

/// Writes the row of one grant of `app` (`refusal`: the token error's description).
pub(crate) fn record_grant(org: &Org, setup: &Setup, app: &App, refusal: Option<&str>) {
    let Some(status) = status_of(refusal) else {
        return;
    };
    let Some(user) = setup.run_as_user(app) else {
        return;
    };
    let mut inner = org.lock();
    inner.next_serial += 1;
    let row = LoginRow {
        id: ids::record_id("0Ya", 9000 + inner.next_serial),
        user_id: user.id.clone(),
        time_ms: ids::now_ms(),
        status,
        application: app.label.to_string(),
    };
    inner.login_history.push(row);
}

fn field(name: &'static str, kind: &'static str, reference_to: Option<&'static str>) -> TableField {
    TableField {
        name,
        kind,
        reference_to,
    }
}

/// The `LoginHistory` object, when `name` is it.
pub(crate) fn table(org: &Org, name: &str) -> Option<Table> {
    if !name.eq_ignore_ascii_case("LoginHistory") {
        return None;
    }
    let rows: Vec<Map<String, Value>> = org
        .lock()
        .login_history
        .iter()
        .map(|r| {
            let row = json!({
                "Id": r.id,
                "UserId": r.user_id,
                "LoginTime": ids::sf_datetime(r.time_ms),
                "Status": r.status,
                "LoginType": "Remote Access 2.0",
                "Application": r.application,
                "SourceIp": "127.0.0.1",
            });
            row.as_object().cloned().unwrap_or_default()
        })
        .collect();
    Some(Table {
        name: "LoginHistory",
        // "Manage Users" / "Monitor Login History": only the full admin login has them.
        needs_eca_permission: true,
        fields: vec![
            field("Id", "id", None),
            field("UserId", "reference", Some("User")),
            field("LoginTime", "datetime", None),
            field("Status", "string", None),
            field("LoginType", "picklist", None),
            field("Application", "string", None),
            field("SourceIp", "string", None),
        ],
        rows,
    })
}
