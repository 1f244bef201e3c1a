//! `GET …/query?q=SOQL&columns=true`: the columns a query selects, described as Salesforce
//! describes them (`columnMetadata`, `entityName`, `keyPrefix`, …) instead of its rows.
//! Salesforce CLI's `sf data query` asks for them after the rows, to lay out its table.

use serde_json::{json, Value};

use crate::base::objects::{self, Kind};
use crate::base::setup::Setup;
use crate::base::state::Org;

/// A selected field's type, as the column description has it.
struct Typed {
    apex: &'static str,
    boolean: bool,
    number: bool,
    text: bool,
    writable: bool,
    custom: bool,
}

fn of_kind(kind: Kind, writable: bool, custom: bool) -> Typed {
    let apex = match kind {
        Kind::Id | Kind::Reference => "Id",
        Kind::Boolean => "Boolean",
        Kind::DateTime => "Datetime",
        Kind::Date => "Date",
        Kind::Currency | Kind::Percent => "Decimal",
        Kind::Int => "Integer",
        _ => "String",
    };
    Typed {
        apex,
        boolean: kind == Kind::Boolean,
        number: matches!(kind, Kind::Currency | Kind::Percent | Kind::Int),
        text: kind.is_text() && !matches!(kind, Kind::Id | Kind::Reference),
        writable,
        custom,
    }
}

/// A setup object's field type (`setup::TableField::kind`); setup objects are read only here.
fn of_setup_kind(kind: &str) -> Typed {
    let kind = match kind {
        "id" => Kind::Id,
        "reference" => Kind::Reference,
        "boolean" => Kind::Boolean,
        "datetime" => Kind::DateTime,
        "picklist" => Kind::Picklist,
        "email" => Kind::Email,
        _ => Kind::String,
    };
    of_kind(kind, false, false)
}

fn column(name: &str, display: &str, typed: Option<&Typed>, joins: Vec<Value>) -> Value {
    json!({
        "aggregate": false,
        "apexType": typed.map(|t| t.apex),
        "booleanType": typed.is_some_and(|t| t.boolean),
        "columnName": name,
        "custom": typed.is_some_and(|t| t.custom),
        "displayName": display,
        "foreignKeyName": null,
        "insertable": typed.is_some_and(|t| t.writable),
        "joinColumns": joins,
        "numberType": typed.is_some_and(|t| t.number),
        "textType": typed.is_some_and(|t| t.text),
        "updatable": typed.is_some_and(|t| t.writable),
    })
}

/// The description of `SELECT fields FROM object`, a query the org already accepted (so the
/// object and every field exist). Relationship fields (`Profile.Name`) become one column per
/// relationship with the fields under `joinColumns`, in the order selected.
pub(crate) fn metadata(org: &Org, object: &str, fields: &[String]) -> Value {
    let scenario = org.scenario();
    // The entity's own name, its key prefix and each field's canonical name and type.
    let (entity, key_prefix, known): (String, Option<String>, Vec<(String, Typed)>) =
        if let Some(table) = Setup::of(org, scenario).table(object) {
            let prefix = table
                .rows
                .first()
                .and_then(|r| r.get("Id"))
                .and_then(Value::as_str)
                .and_then(|id| id.get(..3))
                .map(str::to_string);
            let known = table
                .fields
                .iter()
                .map(|f| (f.name.to_string(), of_setup_kind(f.kind)))
                .collect();
            (table.name.to_string(), prefix, known)
        } else if let Some(obj) = objects::find(object) {
            let known = obj
                .fields_with(scenario)
                .iter()
                .map(|f| {
                    let writable = f.createable;
                    (f.name.to_string(), of_kind(f.kind, writable, f.custom))
                })
                .collect();
            (
                obj.name.to_string(),
                Some(obj.key_prefix.to_string()),
                known,
            )
        } else {
            (object.to_string(), None, Vec::new())
        };
    let find = |wanted: &str| {
        known
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
    };
    let mut columns: Vec<Value> = Vec::new();
    for wanted in fields {
        let canonical = find(wanted);
        let name = canonical.map_or(wanted.as_str(), |(n, _)| n.as_str());
        match name.split_once('.') {
            None => columns.push(column(name, name, canonical.map(|(_, t)| t), Vec::new())),
            Some((relation, field)) => {
                let join = column(field, name, canonical.map(|(_, t)| t), Vec::new());
                let existing = columns
                    .iter_mut()
                    .find(|c| c["columnName"] == relation && c["apexType"].is_null());
                match existing {
                    Some(parent) => {
                        if let Some(joins) = parent["joinColumns"].as_array_mut() {
                            joins.push(join);
                        }
                    }
                    None => columns.push(column(relation, relation, None, vec![join])),
                }
            }
        }
    }
    let id_selected = fields.iter().any(|f| f.eq_ignore_ascii_case("Id"));
    json!({
        "columnMetadata": columns,
        "entityName": entity,
        "groupBy": false,
        "idSelected": id_selected,
        "keyPrefix": key_prefix,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn org() -> Org {
        Org::for_test()
    }

    #[test]
    fn plain_and_relationship_columns() {
        let org = org();
        let fields: Vec<String> = [
            "id",
            "Username",
            "Profile.Name",
            "Profile.PermissionsApiEnabled",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = metadata(&org, "user", &fields);
        assert_eq!(m["entityName"], "User");
        assert_eq!(m["keyPrefix"], "005");
        assert_eq!(m["idSelected"], true);
        let cols = m["columnMetadata"].as_array().unwrap();
        assert_eq!(cols.len(), 3, "{m}");
        assert_eq!(cols[0]["columnName"], "Id");
        assert_eq!(cols[0]["apexType"], "Id");
        assert_eq!(cols[1]["columnName"], "Username");
        assert_eq!(cols[1]["textType"], true);
        assert_eq!(cols[2]["columnName"], "Profile");
        let joins = cols[2]["joinColumns"].as_array().unwrap();
        assert_eq!(joins[0]["columnName"], "Name");
        assert_eq!(joins[0]["displayName"], "Profile.Name");
        assert_eq!(joins[1]["booleanType"], true);
    }

    #[test]
    fn record_objects_have_their_key_prefix() {
        let m = metadata(&org(), "Account", &["Name".to_string()]);
        assert_eq!(m["entityName"], "Account");
        assert_eq!(m["keyPrefix"], "001");
        assert_eq!(m["idSelected"], false);
        assert_eq!(m["columnMetadata"][0]["insertable"], true);
    }
}
