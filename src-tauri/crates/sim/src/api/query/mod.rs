//! SOQL, as far as clients of this org need it: `SELECT f1, Rel.f2 FROM Object [WHERE f = 'v'
//! [AND g = true]] [LIMIT n]` over the org's records and, for an admin's login, its setup
//! objects (`setup.rs`), with Salesforce's answer and error shapes (`MALFORMED_QUERY`,
//! `INVALID_TYPE`, `INVALID_FIELD`, each with the position in the query).

mod columns;

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Map, Value};

use crate::base::objects;
use crate::base::reply;
use crate::base::scenario::Scenario;
use crate::base::setup::Setup;
use crate::base::state::{Caller, Org};
use crate::base::tables::Table;
use crate::base::version::ApiVersion;

#[derive(serde::Deserialize)]
pub(crate) struct Soql {
    q: Option<String>,
    /// `true`: the selected columns described instead of the rows (`columns.rs`).
    columns: Option<String>,
}

/// A parsed query.
#[derive(Debug, PartialEq)]
struct Select {
    fields: Vec<String>,
    object: String,
    /// Where the object name starts (1-based column), for error positions.
    object_column: usize,
    /// `field = value` conditions joined by AND; values are JSON (strings, booleans, null).
    conditions: Vec<(String, Value)>,
    /// `ORDER BY field [ASC|DESC]`: the field and whether descending.
    order: Option<(String, bool)>,
    limit: Option<usize>,
}

impl Select {
    fn id(&self) -> Option<&str> {
        self.conditions
            .iter()
            .find(|(f, _)| f.eq_ignore_ascii_case("Id"))
            .and_then(|(_, v)| v.as_str())
    }
}

/// A query Salesforce would refuse: its code and message.
#[derive(Debug, PartialEq)]
struct Refusal {
    code: &'static str,
    message: String,
}

fn malformed(query: &str, column: usize, what: &str) -> Refusal {
    Refusal {
        code: "MALFORMED_QUERY",
        message: positioned(query, column, &format!("unexpected token: {what}")),
    }
}

/// Salesforce's error text: the query, a caret under the column, the row and column, the reason.
fn positioned(query: &str, column: usize, reason: &str) -> String {
    format!(
        "\n{query}\n{}^\nERROR at Row:1:Column:{column}\n{reason}",
        " ".repeat(column.saturating_sub(1))
    )
}

/// Words and the 1-based column each starts at; quoted strings and commas are words too.
fn tokens(query: &str) -> Vec<(String, usize)> {
    let chars: Vec<char> = query.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == ',' || c == '=' {
            out.push((c.to_string(), i + 1));
            i += 1;
        } else if c == '\'' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                // A backslash escapes the next character (`\'` inside a string).
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(chars.len());
            out.push((chars[start..i].iter().collect(), start + 1));
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && chars[i] != ',' && chars[i] != '='
            {
                i += 1;
            }
            out.push((chars[start..i].iter().collect(), start + 1));
        }
    }
    out
}

fn parse(query: &str) -> Result<Select, Refusal> {
    let toks = tokens(query);
    let mut at = 0;
    let word = |i: usize| toks.get(i).map(|(w, _)| w.as_str());
    let column = |i: usize| toks.get(i).map_or(query.len() + 1, |(_, c)| *c);
    if !word(0).is_some_and(|w| w.eq_ignore_ascii_case("SELECT")) {
        return Err(malformed(query, column(0), word(0).unwrap_or("<EOF>")));
    }
    at += 1;
    let mut fields = Vec::new();
    loop {
        match word(at) {
            Some(w) if is_name(w) => fields.push(w.to_string()),
            other => return Err(malformed(query, column(at), other.unwrap_or("<EOF>"))),
        }
        at += 1;
        if word(at) == Some(",") {
            at += 1;
        } else {
            break;
        }
    }
    if !word(at).is_some_and(|w| w.eq_ignore_ascii_case("FROM")) {
        return Err(malformed(query, column(at), word(at).unwrap_or("<EOF>")));
    }
    at += 1;
    let (object, object_column) = match word(at) {
        Some(w) if is_name(w) => (w.to_string(), column(at)),
        other => return Err(malformed(query, column(at), other.unwrap_or("<EOF>"))),
    };
    at += 1;
    let mut conditions = Vec::new();
    if word(at).is_some_and(|w| w.eq_ignore_ascii_case("WHERE")) {
        loop {
            let field = word(at + 1).filter(|w| is_name(w));
            let eq_ok = word(at + 2) == Some("=");
            let value = word(at + 3).and_then(literal);
            match (field, eq_ok, value) {
                (Some(f), true, Some(v)) => conditions.push((f.to_string(), v)),
                _ => {
                    return Err(malformed(
                        query,
                        column(at + 1),
                        word(at + 1).unwrap_or("<EOF>"),
                    ))
                }
            }
            at += 4;
            if !word(at).is_some_and(|w| w.eq_ignore_ascii_case("AND")) {
                break;
            }
        }
    }
    let mut order = None;
    if word(at).is_some_and(|w| w.eq_ignore_ascii_case("ORDER"))
        && word(at + 1).is_some_and(|w| w.eq_ignore_ascii_case("BY"))
    {
        let Some(field) = word(at + 2).filter(|w| is_name(w)) else {
            return Err(malformed(
                query,
                column(at + 2),
                word(at + 2).unwrap_or("<EOF>"),
            ));
        };
        at += 3;
        let direction = word(at).map(str::to_ascii_uppercase);
        let descending = direction.as_deref() == Some("DESC");
        if matches!(direction.as_deref(), Some("ASC" | "DESC")) {
            at += 1;
        }
        order = Some((field.to_string(), descending));
    }
    let mut limit = None;
    if word(at).is_some_and(|w| w.eq_ignore_ascii_case("LIMIT")) {
        match word(at + 1).and_then(|n| n.parse::<usize>().ok()) {
            Some(n) => limit = Some(n),
            None => {
                return Err(malformed(
                    query,
                    column(at + 1),
                    word(at + 1).unwrap_or("<EOF>"),
                ))
            }
        }
        at += 2;
    }
    if let Some(extra) = word(at) {
        return Err(malformed(query, column(at), extra));
    }
    Ok(Select {
        fields,
        object,
        object_column,
        conditions,
        order,
        limit,
    })
}

/// A field name, with relationship names before it (`Profile.Name`).
fn is_name(word: &str) -> bool {
    word.split('.').all(|part| {
        part.starts_with(|c: char| c.is_ascii_alphabetic())
            && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// A value in a condition: `'text'` (with `\'` escapes), `true`, `false` or `null`.
fn literal(word: &str) -> Option<Value> {
    if word.len() >= 2 && word.starts_with('\'') && word.ends_with('\'') {
        return Some(Value::from(word[1..word.len() - 1].replace("\\'", "'")));
    }
    match word.to_ascii_lowercase().as_str() {
        "true" => Some(Value::Bool(true)),
        "false" => Some(Value::Bool(false)),
        "null" => Some(Value::Null),
        _ => None,
    }
}

/// `GET …/query?q=SOQL`.
pub(crate) async fn query(
    State(org): State<Arc<Org>>,
    Extension(ApiVersion(v)): Extension<ApiVersion>,
    Extension(caller): Extension<Caller>,
    Query(soql): Query<Soql>,
) -> Response {
    let Some(q) = soql.q.filter(|q| !q.trim().is_empty()) else {
        return reply::rest_error(
            StatusCode::BAD_REQUEST,
            "MALFORMED_QUERY",
            "A query string has to be specified",
            &[],
        );
    };
    match run(&org, caller, &v, &q) {
        Ok(_) if soql.columns.as_deref() == Some("true") => {
            let described = parse(&q).map(|s| columns::metadata(&org, &s.object, &s.fields));
            reply::json(StatusCode::OK, &described.unwrap_or_default())
        }
        Ok(body) => reply::json(StatusCode::OK, &body),
        Err(r) => reply::rest_error(StatusCode::BAD_REQUEST, r.code, &r.message, &[]),
    }
}

fn unsupported(q: &str, select: &Select) -> Refusal {
    Refusal {
        code: "INVALID_TYPE",
        message: positioned(
            q,
            select.object_column,
            &format!("sObject type '{}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.", select.object),
        ),
    }
}

fn no_such_column(q: &str, wanted: &str, object: &str) -> Refusal {
    let column = q.find(wanted).map_or(1, |i| i + 1);
    Refusal {
        code: "INVALID_FIELD",
        message: positioned(
            q,
            column,
            &format!("No such column '{wanted}' on entity '{object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."),
        ),
    }
}

fn run(org: &Org, caller: Caller, version: &str, q: &str) -> Result<Value, Refusal> {
    let select = parse(q)?;
    let table = Setup::of(org, org.scenario())
        .table(&select.object)
        .or_else(|| crate::base::history::table(org, &select.object));
    if let Some(table) = table {
        let allowed = caller == Caller::Admin
            || (caller == Caller::LimitedAdmin && !table.needs_eca_permission);
        if !allowed {
            return Err(unsupported(q, &select));
        }
        return run_setup(&table, version, q, &select);
    }
    let unreadable = org.scenario() == Scenario::NoObjectRead;
    let Some(obj) = objects::find(&select.object).filter(|_| !unreadable) else {
        return Err(unsupported(q, &select));
    };
    let fields = obj.fields_with(org.scenario());
    let mut names = Vec::new();
    for wanted in &select.fields {
        let Some(field) = fields.iter().find(|f| f.name.eq_ignore_ascii_case(wanted)) else {
            return Err(no_such_column(q, wanted, obj.name));
        };
        names.push(field.name);
    }
    let mut equal = Vec::new();
    for (wanted, value) in &select.conditions {
        if wanted.eq_ignore_ascii_case("Id") {
            continue;
        }
        let Some(field) = fields.iter().find(|f| f.name.eq_ignore_ascii_case(wanted)) else {
            return Err(no_such_column(q, wanted, obj.name));
        };
        equal.push((field.name, value));
    }
    let inner = org.lock();
    let id15 = select.id().and_then(|id| id.get(..15).map(str::to_string));
    let mut matching: Vec<_> = inner
        .records
        .iter()
        .filter(|r| r.object == obj.name)
        .filter(|r| id15.as_deref().is_none_or(|id| r.id.starts_with(id)))
        .filter(|r| {
            equal
                .iter()
                .all(|(name, want)| r.fields.get(*name).unwrap_or(&Value::Null) == *want)
        })
        .collect();
    if let Some((wanted, descending)) = &select.order {
        let Some(field) = fields.iter().find(|f| f.name.eq_ignore_ascii_case(wanted)) else {
            return Err(no_such_column(q, wanted, obj.name));
        };
        matching.sort_by_key(|r| {
            r.fields
                .get(field.name)
                .map(Value::to_string)
                .unwrap_or_default()
        });
        if *descending {
            matching.reverse();
        }
    }
    let records: Vec<Value> = matching
        .into_iter()
        .take(select.limit.unwrap_or(usize::MAX))
        .map(|r| {
            let mut row = Map::new();
            row.insert(
                "attributes".into(),
                json!({"type": obj.name, "url": format!("/services/data/v{version}/sobjects/{}/{}", obj.name, r.id)}),
            );
            for name in &names {
                row.insert(
                    (*name).to_string(),
                    r.fields.get(*name).cloned().unwrap_or(Value::Null),
                );
            }
            Value::Object(row)
        })
        .collect();
    Ok(json!({"totalSize": records.len(), "done": true, "records": records}))
}

/// A query of a setup object: conditions compared as JSON values (ids by their first 15
/// characters), relationship fields nested as Salesforce nests them.
fn run_setup(table: &Table, version: &str, q: &str, select: &Select) -> Result<Value, Refusal> {
    let known = |wanted: &str| {
        table
            .fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(wanted))
            .map(|f| f.name)
            .ok_or_else(|| no_such_column(q, wanted, table.name))
    };
    let names = select
        .fields
        .iter()
        .map(|f| known(f))
        .collect::<Result<Vec<_>, _>>()?;
    let conditions = select
        .conditions
        .iter()
        .map(|(f, v)| known(f).map(|name| (name, v)))
        .collect::<Result<Vec<_>, _>>()?;
    let same = |have: &Value, want: &Value| match (have.as_str(), want.as_str()) {
        (Some(a), Some(b)) if a.len() == 18 && b.len() >= 15 => a[..15] == b[..15],
        _ => have == want,
    };
    let order = match &select.order {
        Some((f, descending)) => Some((known(f)?, *descending)),
        None => None,
    };
    let mut matching: Vec<&Map<String, Value>> = table
        .rows
        .iter()
        .filter(|r| {
            conditions
                .iter()
                .all(|(name, want)| same(r.get(*name).unwrap_or(&Value::Null), want))
        })
        .collect();
    if let Some((field, descending)) = order {
        // Datetimes in Salesforce's format sort as text.
        let key = |r: &&Map<String, Value>| r.get(field).map(Value::to_string).unwrap_or_default();
        matching.sort_by_key(key);
        if descending {
            matching.reverse();
        }
    }
    let records: Vec<Value> = matching
        .into_iter()
        .take(select.limit.unwrap_or(usize::MAX))
        .map(|r| {
            let id = r.get("Id").and_then(Value::as_str).unwrap_or_default();
            let mut out = Map::new();
            out.insert(
                "attributes".into(),
                json!({"type": table.name, "url": format!("/services/data/v{version}/sobjects/{}/{id}", table.name)}),
            );
            for name in &names {
                let value = r.get(*name).cloned().unwrap_or(Value::Null);
                match name.split_once('.') {
                    None => {
                        out.insert((*name).to_string(), value);
                    }
                    Some((relation, field)) => {
                        let nested = out.entry(relation.to_string()).or_insert_with(
                            || json!({"attributes": {"type": relation}}),
                        );
                        if let Value::Object(m) = nested {
                            m.insert(field.to_string(), value);
                        }
                    }
                }
            }
            Value::Object(out)
        })
        .collect();
    Ok(json!({"totalSize": records.len(), "done": true, "records": records}))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn simple_selects_parse() {
        let s =
            parse("SELECT Id, Name FROM Account WHERE Id = '001000000000001AAA' LIMIT 1").unwrap();
        assert_eq!(s.fields, ["Id", "Name"]);
        assert_eq!(s.object, "Account");
        assert_eq!(s.object_column, 22);
        assert_eq!(s.id(), Some("001000000000001AAA"));
        assert_eq!(s.limit, Some(1));
        let s =
            parse("SELECT Id, Profile.Name FROM User WHERE Username = 'a\\'b' AND IsActive = true")
                .unwrap();
        assert_eq!(s.fields, ["Id", "Profile.Name"]);
        assert_eq!(
            s.conditions,
            [
                ("Username".to_string(), json!("a'b")),
                ("IsActive".to_string(), json!(true))
            ]
        );
        assert!(parse("select id from Contact limit 5").is_ok());
    }

    #[test]
    fn other_queries_are_refused_with_a_position() {
        let ordered = parse("SELECT Id FROM LoginHistory ORDER BY LoginTime DESC LIMIT 5").unwrap();
        assert_eq!(
            (ordered.order, ordered.limit),
            (Some(("LoginTime".to_string(), true)), Some(5))
        );
        let plain = parse("SELECT Id FROM Account ORDER BY Name").unwrap();
        assert_eq!(plain.order, Some(("Name".to_string(), false)));
        let r = parse("SELECT Id FROM Account GROUP BY Name").unwrap_err();
        assert_eq!(r.code, "MALFORMED_QUERY");
        assert!(
            r.message.contains("ERROR at Row:1:Column:24"),
            "{}",
            r.message
        );
        assert!(r.message.contains("unexpected token: GROUP"));
        assert_eq!(
            parse("SELECT FROM Account").unwrap_err().code,
            "MALFORMED_QUERY"
        );
        assert_eq!(parse("DELETE Account").unwrap_err().code, "MALFORMED_QUERY");
        assert_eq!(
            parse("SELECT Id FROM Account WHERE Name LIKE 'x'")
                .unwrap_err()
                .code,
            "MALFORMED_QUERY"
        );
    }
}
