//! The shapes of Salesforce's answers, as serde types. Real orgs vary (field order, optional
//! fields, extra keys), so every field that is not the point of the answer is optional and
//! unknown keys are kept in `extra` or ignored. A list whose items vary is read item by item:
//! one odd item is skipped, not the whole answer.

use super::errors::{OAuthErrorKind, RestErrorCode};
use crate::secret::Secret;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::collections::BTreeMap;

/// Parse `body` as `T`; None when it is not that shape.
pub fn parse<T: DeserializeOwned>(body: &str) -> Option<T> {
    serde_json::from_str(body.trim()).ok()
}

/// The items of a JSON list that parse as `T`.
fn lenient_list<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    let items: Option<Vec<Value>> = Option::deserialize(deserializer)?;
    Ok(items
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect())
}

/// `issued_at` is a string of milliseconds; some proxies send a number.
fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// One entry of `GET /services/data/` (the newest: [`super::ApiVersion::newest`]).
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct ApiVersionEntry {
    pub version: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// `POST /services/oauth2/token` success. The access token parses straight into a [`Secret`].
#[derive(Deserialize, Debug)]
pub struct TokenResponse {
    pub access_token: Secret,
    #[serde(default)]
    pub token_type: Option<String>,
    /// `https://login.salesforce.com/id/ORG/USER` (any host: never called there).
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub issued_at: Option<String>,
    #[serde(default)]
    pub signature: Option<String>,
    #[serde(default)]
    pub instance_url: Option<String>,
    #[serde(default)]
    pub api_instance_url: Option<String>,
    /// Space-separated.
    #[serde(default)]
    pub scope: Option<String>,
    /// `opaque` or `jwt`.
    #[serde(default)]
    pub token_format: Option<String>,
    /// Keys this version does not know (never shown: they may hold token material).
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl TokenResponse {
    pub fn scopes(&self) -> Option<Vec<String>> {
        self.scope
            .as_deref()
            .map(|s| s.split_whitespace().map(str::to_string).collect())
    }
}

/// `{"error": …, "error_description": …}` from the OAuth endpoints.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct OAuthError {
    pub error: OAuthErrorKind,
    #[serde(default)]
    pub error_description: Option<String>,
}

/// One item of a REST error array. `/composite/sobjects` results say `statusCode`.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct RestError {
    #[serde(rename = "errorCode", alias = "statusCode")]
    pub error_code: RestErrorCode,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub fields: Option<Vec<String>>,
}

/// A REST error answer: an array of errors, or (some endpoints) a single error object.
pub fn rest_errors(body: &str) -> Option<Vec<RestError>> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Errors {
        Many(#[serde(deserialize_with = "lenient_list")] Vec<RestError>),
        One(RestError),
    }
    match parse::<Errors>(body)? {
        Errors::Many(list) if !list.is_empty() => Some(list),
        Errors::Many(_) => None,
        Errors::One(one) => Some(vec![one]),
    }
}

/// `/services/oauth2/userinfo` or the `id` URL: both name the user, with different keys.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct IdentityAnswer {
    pub user_id: String,
    pub organization_id: String,
    #[serde(default)]
    pub preferred_username: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub is_salesforce_integration_user: Option<bool>,
    #[serde(default)]
    pub user_type: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
}

/// `GET …/sobjects/OBJECT/describe`, the parts the test record needs.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct Describe {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient_list")]
    pub fields: Vec<DescribeField>,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DescribeField {
    pub name: String,
    #[serde(default)]
    pub label: String,
    #[serde(rename = "type", default)]
    pub field_type: String,
    #[serde(default)]
    pub createable: bool,
    #[serde(default)]
    pub nillable: bool,
    #[serde(default)]
    pub defaulted_on_create: bool,
    #[serde(default)]
    pub length: Option<u64>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub picklist_values: Vec<PicklistValue>,
    /// For lookups: the objects it may point at (`["User"]`, `["User", "Group"]`).
    #[serde(default, deserialize_with = "lenient_list")]
    pub reference_to: Vec<String>,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PicklistValue {
    pub value: String,
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(default)]
    pub default_value: bool,
}

fn yes() -> bool {
    true
}

/// `GET …/sobjects/`.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct SObjectList {
    #[serde(deserialize_with = "lenient_list")]
    pub sobjects: Vec<SObjectSummary>,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct SObjectSummary {
    pub name: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub custom: bool,
    #[serde(default)]
    pub createable: bool,
}

/// `POST …/sobjects/OBJECT/` success.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct CreateResult {
    pub id: String,
    #[serde(default)]
    pub success: Option<bool>,
}

/// `POST …/composite`: one sub-answer per sub-request, each with its own status and body.
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CompositeResponse {
    pub composite_response: Vec<CompositeSubresponse>,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CompositeSubresponse {
    #[serde(default)]
    pub body: Value,
    #[serde(default)]
    pub http_headers: BTreeMap<String, String>,
    pub http_status_code: u16,
    pub reference_id: String,
}

/// `GET …/query?q=SOQL`.
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: DeserializeOwned"))]
pub struct QueryResult<T> {
    pub total_size: u64,
    pub done: bool,
    #[serde(deserialize_with = "lenient_list")]
    pub records: Vec<T>,
    #[serde(default)]
    pub next_records_url: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn token_answers_in_every_real_shape() {
        let doc = r#"{"signature":"c2ln","instance_url":"https://acme.my.salesforce.com",
            "access_token":"00D000000000001!AQ0","token_format":"jwt","issued_at":"1795392000000",
            "id":"https://test.salesforce.com/id/00D000000000001AAA/005000000000001AAA",
            "token_type":"Bearer","scope":"api sfap_api mcp_api","api_instance_url":"https://api.salesforce.com"}"#;
        let t: TokenResponse = parse(doc).unwrap();
        assert_eq!(t.access_token.expose(), "00D000000000001!AQ0");
        assert_eq!(t.token_format.as_deref(), Some("jwt"));
        assert_eq!(t.scopes().unwrap(), ["api", "sfap_api", "mcp_api"]);
        assert!(
            !format!("{t:?}").contains("AQ0"),
            "Debug never shows the token"
        );
        let minimal: TokenResponse =
            parse(r#"{"access_token":"x","issued_at":1795392000000}"#).unwrap();
        assert_eq!(minimal.issued_at.as_deref(), Some("1795392000000"));
        assert!(minimal.id.is_none() && minimal.signature.is_none() && minimal.scope.is_none());
        assert!(parse::<TokenResponse>(r#"{"token_type":"Bearer"}"#).is_none());
    }

    #[test]
    fn rest_errors_with_or_without_fields_and_either_code_key() {
        let errors = rest_errors(r#"[{"message":"Required fields are missing: [Name]","errorCode":"REQUIRED_FIELD_MISSING","fields":["Name"]}]"#).unwrap();
        assert_eq!(errors[0].error_code, RestErrorCode::RequiredFieldMissing);
        assert_eq!(errors[0].fields.as_deref(), Some(&["Name".to_string()][..]));
        let bare = rest_errors(r#"[{"errorCode":"NOT_FOUND","message":"x"}]"#).unwrap();
        assert_eq!(bare[0].fields, None);
        let composite = rest_errors(
            r#"[{"statusCode":"DUPLICATES_DETECTED","message":"Doublon","duplicateResut":{}}]"#,
        )
        .unwrap();
        assert_eq!(composite[0].error_code, RestErrorCode::DuplicatesDetected);
        let single = rest_errors(r#"{"errorCode":"INVALID_SESSION_ID","message":"x"}"#).unwrap();
        assert_eq!(single.len(), 1);
        assert!(rest_errors("[]").is_none());
        assert!(rest_errors("Bad_OAuth_Token").is_none());
    }

    #[test]
    fn describe_skips_odd_fields_not_the_answer() {
        let d: Describe = parse(r#"{"name":"Account","fields":[
            {"name":"Name","label":"Account Name","type":"string","createable":true,"nillable":false,"defaultedOnCreate":false},
            {"label":"no name"},
            {"name":"Region__c","type":"picklist","picklistValues":[{"value":"EMEA"},{"value":"Old","active":false},{"nope":1}]}
        ]}"#).unwrap();
        assert_eq!(d.fields.len(), 2);
        assert_eq!(d.fields[1].picklist_values.len(), 2);
        assert!(d.fields[1].picklist_values[0].active);
    }

    #[test]
    fn composite_and_query_answers() {
        let c: CompositeResponse = parse(r#"{"compositeResponse":[{"body":{"id":"001000000000001AAA","success":true,"errors":[]},"httpHeaders":{"Location":"/x"},"httpStatusCode":201,"referenceId":"create"},{"body":[{"errorCode":"PROCESSING_HALTED","message":"x"}],"httpHeaders":{},"httpStatusCode":400,"referenceId":"read"}]}"#).unwrap();
        assert_eq!(c.composite_response[0].http_status_code, 201);
        assert_eq!(c.composite_response[1].reference_id, "read");
        #[derive(Deserialize)]
        struct Row {
            #[serde(rename = "Id")]
            id: String,
        }
        let q: QueryResult<Row> = parse(r#"{"totalSize":1,"done":true,"records":[{"attributes":{"type":"Account","url":"/x"},"Id":"001000000000001AAA","Name":"A"}]}"#).unwrap();
        assert_eq!(q.records[0].id, "001000000000001AAA");
        assert!(q.done && q.total_size == 1);
    }
}
