//! Records: create (with Salesforce's validation order), read and delete.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Map, Value};

use crate::base::ids;
use crate::base::objects::{self, Field, Kind, SObject};
use crate::base::policy;
use crate::base::reply;
use crate::base::scenario::Scenario;
use crate::base::setup::Setup;
use crate::base::state::{Caller, Org, SimRecord};
use crate::base::version::ApiVersion;

const NO_ACCESS: &str = "You do not have the level of access necessary to perform the operation you requested. Please contact the owner of the record or your administrator if access is necessary.";
pub(crate) const VALIDATION_MESSAGE: &str = "Records cannot be created by integration users. Ask Sales Operations to load data instead (validation rule Block_Integration_Inserts).";
const DUPLICATE_MESSAGE: &str =
    "You're creating a duplicate record. We recommend you use an existing record instead.";

fn bad_request(code: &str, message: &str, fields: &[&str]) -> Response {
    reply::rest_error(StatusCode::BAD_REQUEST, code, message, fields)
}

/// `GET …/sobjects/{Object}`: basic object info.
pub(crate) async fn object_info(
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    Path((_, object)): Path<(String, String)>,
) -> Response {
    match objects::find(&object) {
        Some(o) => reply::json(
            StatusCode::OK,
            &json!({"objectDescribe": o.global_entry(&v), "recentItems": []}),
        ),
        None => reply::not_found(),
    }
}

/// `POST …/sobjects/{Object}/`.
pub(crate) async fn create(
    State(org): State<Arc<Org>>,
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    Extension(caller): Extension<Caller>,
    Path((_, object)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(obj) = objects::find(&object) else {
        return reply::not_found();
    };
    let input = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(map)) => map,
        Ok(_) => {
            return bad_request(
                "JSON_PARSER_ERROR",
                "Cannot deserialize instance of SObject: the body must be a JSON object",
                &[],
            )
        }
        Err(e) => return bad_request("JSON_PARSER_ERROR", &e.to_string(), &[]),
    };
    let scenario = org.scenario();
    if let Some(refused) = policy::read_only(scenario)
        .or_else(|| policy::txn_security(scenario, caller, policy::Call::Create))
    {
        return refused;
    }
    if scenario == Scenario::NoObjectRead {
        return reply::not_supported(&object);
    }
    if scenario == Scenario::NoCreateAccess {
        return bad_request("INSUFFICIENT_ACCESS_OR_READONLY", NO_ACCESS, &[]);
    }
    let fields = obj.fields_with(scenario);
    let values = match check_fields(&org, &obj, &fields, input) {
        Ok(values) => values,
        Err(resp) => return resp,
    };
    let missing: Vec<&str> = fields
        .iter()
        .filter(|f| f.required() && is_blank(values.get(f.name)))
        .map(|f| f.name)
        .collect();
    if !missing.is_empty() {
        let message = format!("Required fields are missing: [{}]", missing.join(", "));
        return bad_request("REQUIRED_FIELD_MISSING", &message, &missing);
    }
    if scenario == Scenario::ValidationRule {
        return bad_request("FIELD_CUSTOM_VALIDATION_EXCEPTION", VALIDATION_MESSAGE, &[]);
    }
    if scenario == Scenario::DuplicateRule && !allow_save(&headers) {
        return duplicate_detected(&obj, &v);
    }
    let id = store(&org, &obj, &fields, values);
    reply::json(
        StatusCode::CREATED,
        &json!({"id": id, "success": true, "errors": []}),
    )
}

fn is_blank(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    }
}

/// Unknown, read-only and badly typed fields, in the order Salesforce reports them.
fn check_fields(
    org: &Org,
    obj: &SObject,
    fields: &[Field],
    input: Map<String, Value>,
) -> Result<Map<String, Value>, Response> {
    let mut values = Map::new();
    for (key, value) in input {
        if key == "attributes" {
            continue;
        }
        let Some(field) = fields.iter().find(|f| f.name.eq_ignore_ascii_case(&key)) else {
            let message = format!(
                "No such column '{key}' on entity '{}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
                obj.name
            );
            return Err(bad_request("INVALID_FIELD", &message, &[]));
        };
        if !field.createable {
            let message = format!("Unable to create/update fields: {}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.", field.name);
            return Err(bad_request(
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                &message,
                &[field.name],
            ));
        }
        if !value.is_null() {
            check_value(org, field, &value)?;
        }
        values.insert(field.name.to_string(), value);
    }
    Ok(values)
}

fn check_value(org: &Org, field: &Field, value: &Value) -> Result<(), Response> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    };
    let parse_error = |ty: &str| {
        let message = format!("Cannot deserialize instance of {ty} from VALUE_STRING value {text} or request may be missing a required field");
        Err(bad_request("JSON_PARSER_ERROR", &message, &[]))
    };
    match field.kind {
        Kind::Boolean if !value.is_boolean() => return parse_error("boolean"),
        Kind::Date if !ids::is_date(&text) || !value.is_string() => return parse_error("date"),
        Kind::Currency | Kind::Int | Kind::Percent if text.parse::<f64>().is_err() => {
            return parse_error("double")
        }
        Kind::Currency | Kind::Int | Kind::Percent => check_digits(field, &text)?,
        Kind::Email if !is_email(&text) => {
            let message = format!("{}: invalid email address: {text}", field.label);
            return Err(bad_request(
                "INVALID_EMAIL_ADDRESS",
                &message,
                &[field.name],
            ));
        }
        Kind::Reference => {
            let well_formed =
                matches!(text.len(), 15 | 18) && text.bytes().all(|b| b.is_ascii_alphanumeric());
            if !well_formed {
                let message = format!("{}: id value of incorrect type: {text}", field.label);
                return Err(bad_request("MALFORMED_ID", &message, &[field.name]));
            }
            if !reference_exists(org, &text) {
                let message = format!("{}: invalid cross reference id", field.label);
                return Err(bad_request(
                    "INVALID_CROSS_REFERENCE_KEY",
                    &message,
                    &[field.name],
                ));
            }
        }
        _ => {}
    }
    if field.kind.is_text() && text.chars().count() > field.length() as usize {
        let shown: String = text.chars().take(20).collect();
        let message = format!(
            "{}: data value too large: {shown}... (max length={})",
            field.label,
            field.length()
        );
        return Err(bad_request("STRING_TOO_LONG", &message, &[field.name]));
    }
    if field.restricted && !field.picklist.contains(&text.as_str()) {
        let message = format!(
            "{}: bad value for restricted picklist field: {text}",
            field.label
        );
        return Err(bad_request(
            "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
            &message,
            &[field.name],
        ));
    }
    Ok(())
}

/// A number fits the field's precision and scale (digits before and after the point).
fn check_digits(field: &Field, text: &str) -> Result<(), Response> {
    let (precision, scale) = field.digits();
    if precision == 0 {
        return Ok(());
    }
    let digits = text.trim_start_matches(['-', '+']);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole = whole.trim_start_matches('0');
    if whole.len() as u32 > precision.saturating_sub(scale) || fraction.len() as u32 > scale.max(1)
    {
        let message = format!(
            "{}: value outside of valid range on numeric field: {text}",
            field.label
        );
        return Err(bad_request(
            "NUMBER_OUTSIDE_VALID_RANGE",
            &message,
            &[field.name],
        ));
    }
    Ok(())
}

fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !text.contains(' ')
}

/// A lookup must point at a live record of this org (or at its user).
fn reference_exists(org: &Org, id: &str) -> bool {
    let Some(id15) = id.get(..15) else {
        return false;
    };
    if org.user_id.starts_with(id15) {
        return true;
    }
    let is_ours = objects::all().iter().any(|o| id.starts_with(o.key_prefix));
    if !is_ours {
        // Users, groups and other objects this org does not model are taken on trust.
        return id.starts_with("005") || id.starts_with("00G");
    }
    org.lock().records.iter().any(|r| r.id.starts_with(id15))
}

/// `Sforce-Duplicate-Rule-Header: allowSave=true` lets a matched record be saved.
fn allow_save(headers: &HeaderMap) -> bool {
    headers
        .get_all("Sforce-Duplicate-Rule-Header")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split([';', ',']))
        .any(|p| p.trim().eq_ignore_ascii_case("allowSave=true"))
}

fn duplicate_detected(obj: &SObject, version: &str) -> Response {
    // The existing record the rule matched: not one the client created.
    let existing = ids::record_id(obj.key_prefix, 3_844);
    let rule = format!(
        "Standard_{}_Duplicate_Rule",
        obj.name.trim_end_matches("__c")
    );
    let body = json!([{
        "duplicateResult": {
            "allowSave": false,
            "duplicateRule": rule,
            "duplicateRuleEntityType": obj.name,
            "errorMessage": DUPLICATE_MESSAGE,
            "matchResults": [{
                "entityType": obj.name,
                "errors": [],
                "matchEngine": "FuzzyMatchEngine",
                "matchRecords": [{
                    "additionalInformation": [],
                    "fieldDiffs": [],
                    "matchConfidence": 100.0,
                    "record": {
                        "attributes": {
                            "type": obj.name,
                            "url": format!("/services/data/v{version}/sobjects/{}/{existing}", obj.name),
                        },
                        "Id": existing,
                    },
                }],
                "rule": format!("Standard_{}_Match_Rule_v1_0", obj.name.trim_end_matches("__c")),
                "size": 1,
                "success": true,
            }],
        },
        "errorCode": "DUPLICATES_DETECTED",
        "message": DUPLICATE_MESSAGE,
    }]);
    reply::json(StatusCode::BAD_REQUEST, &body)
}

/// Saves the record with the values the org sets itself; returns its id.
fn store(org: &Org, obj: &SObject, fields: &[Field], mut values: Map<String, Value>) -> String {
    let now = ids::sf_datetime(ids::now_ms());
    let mut inner = org.lock();
    inner.next_serial += 1;
    let serial = inner.next_serial;
    let id = ids::record_id(obj.key_prefix, serial);
    for f in fields {
        let set = match f.name {
            "Id" => Value::from(id.clone()),
            "IsDeleted" => Value::Bool(false),
            "OwnerId" | "CreatedById" | "LastModifiedById" => Value::from(org.user_id.clone()),
            "CreatedDate" | "LastModifiedDate" | "SystemModstamp" => Value::from(now.clone()),
            "CaseNumber" => Value::from(format!("{:08}", serial % 100_000_000)),
            "Name" if f.auto_number => Value::from(format!("PT-{:05}", serial % 100_000)),
            _ => match f.picklist_default {
                Some(i) => Value::from(f.picklist[i]),
                None => continue,
            },
        };
        if f.name == "Id" || !f.createable || is_blank(values.get(f.name)) {
            values.insert(f.name.to_string(), set);
        }
    }
    inner.records.push(SimRecord {
        object: obj.name.to_string(),
        id: id.clone(),
        fields: values,
    });
    id
}

/// Finds a live record of `object` by its 15- or 18-character id.
enum Lookup {
    Live(usize),
    Deleted,
    Missing,
}

fn lookup(org: &Org, obj: &SObject, id: &str) -> Lookup {
    let Some(id15) = id.get(..15).filter(|_| matches!(id.len(), 15 | 18)) else {
        return Lookup::Missing;
    };
    if !id.starts_with(obj.key_prefix) {
        return Lookup::Missing;
    }
    let inner = org.lock();
    if let Some(i) = inner.records.iter().position(|r| r.id.starts_with(id15)) {
        Lookup::Live(i)
    } else if inner.deleted.iter().any(|d| d.starts_with(id15)) {
        Lookup::Deleted
    } else {
        Lookup::Missing
    }
}

fn entity_deleted() -> Response {
    reply::rest_error(
        StatusCode::NOT_FOUND,
        "ENTITY_IS_DELETED",
        "entity is deleted",
        &[],
    )
}

#[derive(serde::Deserialize)]
pub(crate) struct ReadQuery {
    fields: Option<String>,
}

/// `GET …/sobjects/{Object}/{id}` (optionally `?fields=A,B`).
pub(crate) async fn read(
    State(org): State<Arc<Org>>,
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    Extension(caller): Extension<Caller>,
    Path((_, object, id)): Path<(String, String, String)>,
    Query(query): Query<ReadQuery>,
) -> Response {
    let Some(obj) = objects::find(&object) else {
        return read_setup(&org, caller, &v, &object, &id, query.fields.as_deref());
    };
    let index = match lookup(&org, &obj, &id) {
        Lookup::Live(i) => i,
        Lookup::Deleted => return entity_deleted(),
        Lookup::Missing => return reply::not_found(),
    };
    let Some(record) = org.lock().records.get(index).cloned() else {
        return reply::not_found();
    };
    let mut fields = obj.fields_with(org.scenario());
    if record.fields.contains_key("Region__c") && !fields.iter().any(|f| f.name == "Region__c") {
        fields.push(objects::region_field());
    }
    let wanted: Option<Vec<String>> = query
        .fields
        .map(|f| f.split(',').map(|s| s.trim().to_string()).collect());
    let mut body = Map::new();
    body.insert(
        "attributes".into(),
        json!({"type": obj.name, "url": format!("/services/data/v{v}/sobjects/{}/{}", obj.name, record.id)}),
    );
    for f in &fields {
        let shown = wanted
            .as_ref()
            .is_none_or(|w| w.iter().any(|n| n.eq_ignore_ascii_case(f.name)));
        if shown {
            let value = record.fields.get(f.name).cloned().unwrap_or(Value::Null);
            body.insert(f.name.to_string(), value);
        }
    }
    if let Some(unknown) = wanted
        .iter()
        .flatten()
        .find(|n| !fields.iter().any(|f| f.name.eq_ignore_ascii_case(n)))
    {
        let message = format!("No such column '{unknown}' on entity '{}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", obj.name);
        return bad_request("INVALID_FIELD", &message, &[]);
    }
    reply::json(StatusCode::OK, &Value::Object(body))
}

/// A record of a setup object (`User` above all: Salesforce CLI reads the admin's own after a
/// login), for the logins SOQL lets read it (`query.rs`); for others the object does not exist.
fn read_setup(
    org: &Org,
    caller: Caller,
    version: &str,
    object: &str,
    id: &str,
    wanted: Option<&str>,
) -> Response {
    let Some(table) = Setup::of(org, org.scenario()).table(object) else {
        return reply::not_found();
    };
    let allowed =
        caller == Caller::Admin || (caller == Caller::LimitedAdmin && !table.needs_eca_permission);
    let id15 = id.get(..15).filter(|_| matches!(id.len(), 15 | 18));
    let found = table.rows.iter().find(|r| {
        r.get("Id")
            .and_then(Value::as_str)
            .zip(id15)
            .is_some_and(|(have, want)| have.starts_with(want))
    });
    let Some(record) = found.filter(|_| allowed) else {
        return reply::not_found();
    };
    // Relationship fields (`Profile.Name`) are not fields of the record itself.
    let fields: Vec<&str> = table
        .fields
        .iter()
        .map(|f| f.name)
        .filter(|n| !n.contains('.'))
        .collect();
    let wanted: Option<Vec<&str>> = wanted.map(|w| w.split(',').map(str::trim).collect());
    if let Some(unknown) = wanted
        .iter()
        .flatten()
        .find(|n| !fields.iter().any(|f| f.eq_ignore_ascii_case(n)))
    {
        let message = format!("No such column '{unknown}' on entity '{}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.", table.name);
        return bad_request("INVALID_FIELD", &message, &[]);
    }
    let record_id = record.get("Id").and_then(Value::as_str).unwrap_or_default();
    let mut body = Map::new();
    body.insert(
        "attributes".into(),
        json!({"type": table.name, "url": format!("/services/data/v{version}/sobjects/{}/{record_id}", table.name)}),
    );
    for name in fields {
        let shown = wanted
            .as_ref()
            .is_none_or(|w| w.iter().any(|n| n.eq_ignore_ascii_case(name)));
        if shown {
            body.insert(
                name.to_string(),
                record.get(name).cloned().unwrap_or(Value::Null),
            );
        }
    }
    reply::json(StatusCode::OK, &Value::Object(body))
}

/// `DELETE …/sobjects/{Object}/{id}` → 204.
pub(crate) async fn delete(
    State(org): State<Arc<Org>>,
    Path((_, object, id)): Path<(String, String, String)>,
) -> Response {
    let Some(obj) = objects::find(&object) else {
        return reply::not_found();
    };
    match lookup(&org, &obj, &id) {
        Lookup::Deleted => return entity_deleted(),
        Lookup::Missing => return reply::not_found(),
        Lookup::Live(_) => {}
    }
    if let Some(refused) = policy::read_only(org.scenario()) {
        return refused;
    }
    if org.scenario() == Scenario::NoDeleteAccess {
        return reply::rest_error(
            StatusCode::FORBIDDEN,
            "INSUFFICIENT_ACCESS_OR_READONLY",
            NO_ACCESS,
            &[],
        );
    }
    let id15 = id.get(..15).unwrap_or(&id);
    let mut inner = org.lock();
    if let Some(i) = inner.records.iter().position(|r| r.id.starts_with(id15)) {
        let record = inner.records.remove(i);
        inner.deleted.insert(record.id);
    }
    let mut resp = Response::default();
    *resp.status_mut() = StatusCode::NO_CONTENT;
    resp
}
