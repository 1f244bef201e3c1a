//! The test record: describe the object, fill its required fields (the admin's values first,
//! else a value made from the field type), create, read back, delete. Only the id this run
//! created is ever deleted.

use super::clock::Utc;
use super::failure::{Failure, Halt, Outcome, Passed};
use super::org::{Ctx, Session};
use crate::classify;
use crate::client::{Body, SfResponse};
use crate::salesforce::wire::{CreateResult, Describe};
use crate::salesforce::{services, ApiName, ApiVersion, RecordId};
use crate::types::{RequiredField, StepId};
use reqwest::Method;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One field of a describe, the parts that decide whether it must be supplied.
#[derive(Debug, Clone)]
pub(crate) struct FieldInfo {
    pub name: String,
    pub label: String,
    pub field_type: String,
    pub createable: bool,
    pub nillable: bool,
    pub defaulted_on_create: bool,
    /// Active picklist values, default first.
    pub picklist: Vec<String>,
    pub length: Option<usize>,
    /// For lookups: the objects it may point at.
    pub reference_to: Vec<String>,
}

impl FieldInfo {
    /// Salesforce's own rule; validation rules and layouts are invisible to describe.
    pub fn is_required(&self) -> bool {
        self.createable && !self.nillable && !self.defaulted_on_create
    }
}

/// The describe's fields; active picklist values with the default first, then Salesforce's order.
pub(crate) fn parse_describe(describe: Describe) -> Vec<FieldInfo> {
    describe
        .fields
        .into_iter()
        .map(|f| {
            let mut picklist: Vec<(bool, String)> = f
                .picklist_values
                .into_iter()
                .filter(|p| p.active)
                .map(|p| (!p.default_value, p.value))
                .collect();
            // Stable: the default value first, then Salesforce's order.
            picklist.sort_by_key(|(not_default, _)| *not_default);
            FieldInfo {
                label: f.label,
                field_type: f.field_type,
                createable: f.createable,
                nillable: f.nillable,
                defaulted_on_create: f.defaulted_on_create,
                picklist: picklist.into_iter().map(|(_, v)| v).collect(),
                length: f
                    .length
                    .and_then(|l| usize::try_from(l).ok())
                    .filter(|l| *l > 0),
                reference_to: f.reference_to,
                name: f.name,
            }
        })
        .collect()
}

/// A value made up from the field type; None when it cannot be guessed (a lookup to anything
/// but a user). A lookup that may point at a user gets the Run As user, the one record the
/// integration surely sees. Text carries the run's journal marker, so the record can be found
/// by its name if the create's answer is lost.
pub(crate) fn generated_value(
    field: &FieldInfo,
    now: &Utc,
    run_as_user: Option<&str>,
    marker: &str,
) -> Option<String> {
    let value = match field.field_type.as_str() {
        "reference" if field.reference_to.iter().any(|o| o == "User") => {
            return run_as_user.map(str::to_string)
        }
        "reference" => return None,
        "picklist" | "multipicklist" => return field.picklist.first().cloned(),
        "date" => now.date(),
        "datetime" => now.rfc3339(),
        "time" => "12:00:00.000Z".to_string(),
        "double" | "currency" | "percent" | "int" | "long" => "1".to_string(),
        "boolean" => "false".to_string(),
        "email" => "eca-preflight@example.com".to_string(),
        "url" => "https://example.com".to_string(),
        "phone" => "555-0100".to_string(),
        _ => format!("ECA Preflight test {} [{marker}]", now.rfc3339()),
    };
    Some(match field.length {
        Some(max) => value.chars().take(max).collect(),
        None => value,
    })
}

/// What the create will send.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub fields: BTreeMap<String, String>,
    pub body: Value,
    pub required: Vec<RequiredField>,
    /// Required lookups without a value: only the admin can name a record for them.
    pub unguessable: Vec<String>,
    /// The journal marker of this record (`journal::new_marker`).
    pub marker: String,
}

pub(crate) fn plan(
    describe: &[FieldInfo],
    admin: &BTreeMap<ApiName, String>,
    now: &Utc,
    run_as_user: Option<&str>,
) -> Plan {
    let marker = crate::journal::new_marker();
    let mut fields: BTreeMap<String, String> = admin
        .iter()
        .map(|(name, value)| (name.to_string(), value.clone()))
        .collect();
    let mut required = Vec::new();
    let mut unguessable = Vec::new();
    for field in describe.iter().filter(|f| f.is_required()) {
        let value = fields
            .get(&field.name)
            .cloned()
            .or_else(|| generated_value(field, now, run_as_user, &marker));
        match &value {
            Some(v) => {
                fields.insert(field.name.clone(), v.clone());
            }
            None => unguessable.push(field.name.clone()),
        }
        required.push(RequiredField {
            name: field.name.clone(),
            label: field.label.clone(),
            field_type: field.field_type.clone(),
            value,
            picklist_values: field.picklist.clone(),
        });
    }
    let types: BTreeMap<&str, &str> = describe
        .iter()
        .map(|f| (f.name.as_str(), f.field_type.as_str()))
        .collect();
    let body: Map<String, Value> = fields
        .iter()
        .map(|(k, v)| (k.clone(), typed(types.get(k.as_str()).copied(), v)))
        .collect();
    Plan {
        fields,
        body: Value::Object(body),
        required,
        unguessable,
        marker,
    }
}

/// JSON of the field's type: Salesforce wants `false`, not `"false"`, for a checkbox.
fn typed(field_type: Option<&str>, value: &str) -> Value {
    match field_type {
        Some("boolean") => match value.trim().to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(value.into()),
        },
        Some("double" | "currency" | "percent" | "int" | "long") => {
            serde_json::from_str::<serde_json::Number>(value.trim())
                .map(Value::Number)
                .unwrap_or_else(|_| Value::String(value.into()))
        }
        _ => Value::String(value.into()),
    }
}

pub(crate) fn unguessable_note(names: &[String]) -> String {
    format!(
        "{} is a lookup: its value cannot be guessed; enter the id of an existing record for it",
        names.join(", ")
    )
}

fn rest_failure(step: StepId, resp: &SfResponse) -> Failure {
    Failure::answer(classify::rest_error(step, &resp.answer()), resp)
}

pub(crate) async fn describe(
    ctx: &Ctx<'_>,
    session: &Session,
    version: ApiVersion,
) -> Outcome<Plan> {
    let object = &ctx.config.object;
    let path = services::describe(version, object.as_str());
    let resp = ctx
        .abortable(ctx.client.get_large(&path, Some(&session.token)))
        .await?
        .map_err(|e| Halt::from(&e))?;
    if !resp.is_success() {
        return Err(rest_failure(StepId::Describe, &resp).into());
    }
    let Some(fields) = resp.json::<Describe>().map(parse_describe) else {
        return Err(Failure::unexpected(&resp).into());
    };
    // The token's `id` names the Run As user: the value for a required lookup to User.
    let user = session
        .id
        .as_deref()
        .and_then(services::ids_from_token_id)
        .map(|(_, user)| user);
    let plan = plan(&fields, &ctx.config.fields, &Utc::now(), user.as_deref());
    let names: Vec<&str> = plan.required.iter().map(|f| f.name.as_str()).collect();
    let mut summary = match names.len() {
        0 => format!("{object}: no required fields"),
        1 => format!("{object}: 1 required field ({})", names[0]),
        n => format!("{object}: {n} required fields ({})", names.join(", ")),
    };
    if !plan.unguessable.is_empty() {
        summary = format!("{summary}; {}", unguessable_note(&plan.unguessable));
    }
    Ok(Passed::new(plan, summary))
}

/// Not abortable: once sent, the answer is needed to know which record to delete.
pub(crate) async fn create(
    ctx: &Ctx<'_>,
    session: &Session,
    version: ApiVersion,
    plan: &Plan,
) -> Outcome<RecordId> {
    let object = &ctx.config.object;
    let path = services::sobject(version, object);
    let resp = ctx
        .client
        .send(
            Method::POST,
            &path,
            Some(&session.token),
            Body::Json(&plan.body),
        )
        .await
        .map_err(|e| Halt::from(&e))?;
    if !resp.is_success() {
        let mut failure = rest_failure(StepId::Create, &resp);
        if !plan.unguessable.is_empty() {
            failure.summary = format!(
                "{}; {}",
                failure.summary,
                unguessable_note(&plan.unguessable)
            );
        }
        return Err(failure.into());
    }
    let id = resp
        .json::<CreateResult>()
        .and_then(|created| RecordId::parse(&created.id));
    match id {
        Some(id) => {
            let summary = format!("{object} {id} created");
            Ok(Passed::new(id, summary))
        }
        None => Err(Failure::unexpected(&resp).into()),
    }
}

pub(crate) async fn read(
    ctx: &Ctx<'_>,
    session: &Session,
    version: ApiVersion,
    id: &RecordId,
) -> Outcome<()> {
    let object = &ctx.config.object;
    let path = services::record(version, object, id);
    let resp = ctx
        .abortable(ctx.client.get_large(&path, Some(&session.token)))
        .await?
        .map_err(|e| Halt::from(&e))?;
    if !resp.is_success() {
        return Err(rest_failure(StepId::Read, &resp).into());
    }
    let name = resp
        .json::<Value>()
        .and_then(|v| v.get("Name").and_then(Value::as_str).map(str::to_string));
    Ok(Passed::new(
        (),
        match name {
            Some(n) => format!("{id} read back: Name = {n}"),
            None => format!("{id} read back"),
        },
    ))
}

/// Cleanup: never abortable, and only ever with the id this run's create returned.
pub(crate) async fn delete(
    ctx: &Ctx<'_>,
    session: &Session,
    version: ApiVersion,
    id: &RecordId,
    url: &str,
) -> Outcome<()> {
    let object = &ctx.config.object;
    let path = services::record(version, object, id);
    let resp = ctx
        .client
        .send(Method::DELETE, &path, Some(&session.token), Body::Empty)
        .await
        .map_err(|e| {
            let mut f = Failure::client(&e);
            f.summary = format!(
                "{}; the test record {id} stays in the org: {url}",
                f.summary
            );
            Halt::from(f)
        })?;
    // Salesforce answers 204 with no body: a 2xx page (a proxy's, a login page) deleted nothing.
    let deleted = resp.status == 204 || (resp.is_success() && resp.raw_body().trim().is_empty());
    if !deleted {
        let mut failure = if resp.is_success() {
            Failure::unexpected(&resp)
        } else {
            rest_failure(StepId::Delete, &resp)
        };
        failure.summary = format!(
            "{}; the test record {id} stays in the org: {url}",
            failure.summary
        );
        return Err(failure.into());
    }
    Ok(Passed::new((), format!("{id} deleted")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn describe_doc() -> Value {
        json!({"name":"Account","fields":[
            {"name":"Id","label":"Account ID","type":"id","createable":false,"nillable":false,"defaultedOnCreate":true},
            {"name":"Name","label":"Account Name","type":"string","createable":true,"nillable":false,"defaultedOnCreate":false,"length":255},
            {"name":"OwnerId","label":"Owner","type":"reference","createable":true,"nillable":false,"defaultedOnCreate":true},
            {"name":"Region__c","label":"Region","type":"picklist","createable":true,"nillable":false,"defaultedOnCreate":false,
             "picklistValues":[{"value":"Old","active":false},{"value":"EMEA","active":true},{"value":"APAC","active":true,"defaultValue":true}]},
            {"name":"Seats__c","label":"Seats","type":"double","createable":true,"nillable":false,"defaultedOnCreate":false},
            {"name":"Vip__c","label":"VIP","type":"boolean","createable":true,"nillable":false,"defaultedOnCreate":false},
            {"name":"Parent__c","label":"Parent","type":"reference","createable":true,"nillable":false,"defaultedOnCreate":false},
            {"name":"Code__c","label":"Code","type":"string","createable":true,"nillable":false,"defaultedOnCreate":false,"length":5},
            {"name":"Site","label":"Site","type":"string","createable":true,"nillable":true,"defaultedOnCreate":false}
        ]})
    }

    #[test]
    fn required_fields_follow_the_describe_rule_and_get_values() {
        let fields = parse_describe(serde_json::from_value(describe_doc()).unwrap());
        let now = Utc::from_unix(1_795_392_000);
        let admin = BTreeMap::from([(ApiName::field("Seats__c").unwrap(), "12".to_string())]);
        let plan = plan(&fields, &admin, &now, Some("005000000000001AAA"));
        let names: Vec<&str> = plan.required.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Name",
                "Region__c",
                "Seats__c",
                "Vip__c",
                "Parent__c",
                "Code__c"
            ]
        );
        assert_eq!(
            plan.fields["Name"],
            format!("ECA Preflight test 2026-11-23T00:00:00Z [{}]", plan.marker)
        );
        assert_eq!(
            plan.fields["Region__c"], "APAC",
            "default active value first"
        );
        assert_eq!(plan.fields["Seats__c"], "12", "the admin's value wins");
        assert_eq!(plan.fields["Code__c"], "ECA P", "cut to the field length");
        assert_eq!(plan.unguessable, ["Parent__c"]);
        assert!(!plan.fields.contains_key("Parent__c"));
        assert_eq!(plan.body["Seats__c"], json!(12));
        assert_eq!(plan.body["Vip__c"], json!(false));
        assert_eq!(plan.required[1].picklist_values, ["APAC", "EMEA"]);
    }

    #[test]
    fn generated_values_by_type() {
        let now = Utc::from_unix(1_795_392_000);
        let field = |t: &str| FieldInfo {
            name: "F".into(),
            label: "F".into(),
            field_type: t.into(),
            createable: true,
            nillable: false,
            defaulted_on_create: false,
            picklist: vec![],
            length: None,
            reference_to: vec![],
        };
        assert_eq!(
            generated_value(&field("date"), &now, None, "m").unwrap(),
            "2026-11-23"
        );
        assert_eq!(
            generated_value(&field("currency"), &now, None, "m").unwrap(),
            "1"
        );
        assert_eq!(
            generated_value(&field("int"), &now, None, "m").unwrap(),
            "1"
        );
        assert_eq!(
            generated_value(&field("email"), &now, None, "m").unwrap(),
            "eca-preflight@example.com"
        );
        assert!(generated_value(&field("url"), &now, None, "m")
            .unwrap()
            .starts_with("https://"));
        assert!(!generated_value(&field("phone"), &now, None, "m")
            .unwrap()
            .is_empty());
        assert_eq!(generated_value(&field("reference"), &now, None, "m"), None);
        let user_lookup = FieldInfo {
            reference_to: vec!["Group".into(), "User".into()],
            ..field("reference")
        };
        assert_eq!(
            generated_value(&user_lookup, &now, Some("005000000000001AAA"), "m").as_deref(),
            Some("005000000000001AAA"),
            "a lookup to User gets the Run As user"
        );
        assert_eq!(
            generated_value(&field("picklist"), &now, None, "m"),
            None,
            "no active value"
        );
    }
}
