//! Ready-to-run code for whoever builds the integration: the token request and one REST call,
//! with the org, key, API version and object filled in and the secret read from the
//! environment variable [`SECRET_VAR`] — never the secret itself. Each snippet exits non-zero
//! when Salesforce refuses it.

use crate::domain::OrgDomain;
use crate::jwt::REST_ONLY_NOTE;
use crate::salesforce::{ApiName, VersionChoice};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// Where every snippet reads the consumer secret from.
pub const SECRET_VAR: &str = "ECA_PREFLIGHT_CLIENT_SECRET";

#[derive(
    Serialize,
    Deserialize,
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    TS,
    strum::EnumCount,
    strum::IntoStaticStr,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SnippetFormat {
    /// A bash script with curl.
    Curl,
    /// Python with requests and simple-salesforce.
    Python,
    /// Node.js (ES module) with jsforce.
    Node,
    /// A Postman v2.1 collection (`client_secret` left empty; newman: `--env-var client_secret=…`).
    Postman,
}

impl SnippetFormat {
    /// Every format (its length is the number of variants, so none can be left out).
    pub const ALL: [SnippetFormat; <SnippetFormat as strum::EnumCount>::COUNT] = [
        SnippetFormat::Curl,
        SnippetFormat::Python,
        SnippetFormat::Node,
        SnippetFormat::Postman,
    ];

    /// The name `--format` takes and JSON uses (`"curl"`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The file name a snippet is saved as.
    pub fn file_name(self) -> &'static str {
        match self {
            SnippetFormat::Curl => "salesforce-token.sh",
            SnippetFormat::Python => "salesforce_token.py",
            SnippetFormat::Node => "salesforce-token.mjs",
            SnippetFormat::Postman => "salesforce-token.postman_collection.json",
        }
    }

    pub fn parse(text: &str) -> Option<SnippetFormat> {
        text.parse().ok()
    }
}

/// What a snippet is about: all parsed (nothing here can break the quoting of the code).
pub struct SnippetTarget<'a> {
    pub domain: &'a OrgDomain,
    /// A checked consumer key: no spaces, quotes or control characters.
    pub client_id: &'a str,
    pub api_version: VersionChoice,
    pub object: &'a ApiName,
}

/// A string literal for bash (single quotes), Python and JavaScript (JSON is valid in both).
fn sh(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn js(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// The snippet for a saved (or command-line) profile: its org, key, API version and object,
/// parsed as a run parses them.
pub fn for_profile(
    format: SnippetFormat,
    profile: &crate::profiles::Profile,
) -> Result<String, crate::pipeline::InputError> {
    let (domain, client_id) = crate::pipeline::org_of(profile)?;
    let (api_version, object) = crate::pipeline::version_and_object(profile)?;
    Ok(snippet(
        format,
        &SnippetTarget {
            domain: &domain,
            client_id: &client_id,
            api_version,
            object: &object,
        },
    ))
}

pub fn snippet(format: SnippetFormat, t: &SnippetTarget<'_>) -> String {
    let base = t.domain.url("");
    let host = &t.domain.host;
    // `latest` works in the REST path; the client libraries want a number or their default.
    let number = t.api_version.pinned().map(|v| v.to_string());
    let path_version = match &number {
        Some(n) => format!("v{n}"),
        None => "latest".to_string(),
    };
    match format {
        SnippetFormat::Curl => format!(
            r#"#!/usr/bin/env bash
# Client Credentials token and one REST call for {host}, written by ECA Preflight.
# The consumer secret is read from ${SECRET_VAR}: it is not in this file.
set -euo pipefail
: "${{{SECRET_VAR}:?Set {SECRET_VAR} to the consumer secret}}"
BASE_URL={base_q}
CLIENT_ID={client_q}
API_VERSION={version_q}
OBJECT={object_q}

# 1. The token. The secret reaches curl on stdin, never on its command line.
if ! answer=$(printf '%s' "${SECRET_VAR}" | curl --silent --show-error --fail-with-body \
    --data-urlencode grant_type=client_credentials \
    --data-urlencode "client_id=$CLIENT_ID" \
    --data-urlencode client_secret@- \
    "$BASE_URL/services/oauth2/token"); then
  echo "Salesforce refused the token request: $answer" >&2
  exit 1
fi
token=$(printf '%s' "$answer" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
instance=$(printf '%s' "$answer" | sed -n 's/.*"instance_url" *: *"\([^"]*\)".*/\1/p')
if [ -z "$token" ]; then
  echo "No access token in the answer" >&2
  exit 1
fi
instance=${{instance:-$BASE_URL}}
format=$(printf '%s' "$answer" | sed -n 's/.*"token_format" *: *"\([^"]*\)".*/\1/p')
case "$format" in
  [Jj][Ww][Tt]) echo {note_q} >&2 ;;
esac

revoke() {{
  printf '%s' "$token" | curl --silent --show-error --data-urlencode token@- \
    "$BASE_URL/services/oauth2/revoke" >/dev/null || true
}}
trap revoke EXIT

# 2. One REST call: describe the object (the bearer header reaches curl on stdin too).
if ! printf 'Authorization: Bearer %s\n' "$token" | curl --silent --show-error --fail-with-body \
    -o /dev/null -H @- "$instance/services/data/$API_VERSION/sobjects/$OBJECT/describe"; then
  echo "Salesforce refused the REST call" >&2
  exit 1
fi
echo "OK: token issued and $OBJECT described on $instance"
"#,
            base_q = sh(&base),
            client_q = sh(t.client_id),
            version_q = sh(&path_version),
            object_q = sh(t.object.as_str()),
            note_q = sh(REST_ONLY_NOTE),
        ),
        SnippetFormat::Python => format!(
            r#"#!/usr/bin/env python3
"""Client Credentials token and one REST call for {host}, written by ECA Preflight.

The consumer secret is read from ${SECRET_VAR}: it is not in this file.
Needs: pip install simple-salesforce
"""
import os
import sys

import requests
from simple_salesforce import Salesforce

BASE_URL = {base_j}
CLIENT_ID = {client_j}
API_VERSION = {version_py}
OBJECT = {object_j}

secret = os.environ.get("{SECRET_VAR}")
if not secret:
    sys.exit("Set {SECRET_VAR} to the consumer secret")

answer = requests.post(
    f"{{BASE_URL}}/services/oauth2/token",
    data={{"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": secret}},
    timeout=30,
)
if answer.status_code != 200:
    sys.exit(f"Salesforce refused the token request: {{answer.status_code}} {{answer.text}}")
token = answer.json()
if str(token.get("token_format", "")).lower() == "jwt":
    print({note_j}, file=sys.stderr)
options = {{"version": API_VERSION}} if API_VERSION else {{}}
sf = Salesforce(instance_url=token["instance_url"], session_id=token["access_token"], **options)
try:
    describe = getattr(sf, OBJECT).describe()
    print(f"OK: token issued and {{OBJECT}} described ({{len(describe['fields'])}} fields) on {{token['instance_url']}}")
finally:
    requests.post(f"{{BASE_URL}}/services/oauth2/revoke", data={{"token": token["access_token"]}}, timeout=30)
"#,
            base_j = js(&base),
            client_j = js(t.client_id),
            version_py = number.as_deref().map_or("None".to_string(), js),
            object_j = js(t.object.as_str()),
            note_j = js(REST_ONLY_NOTE),
        ),
        SnippetFormat::Node => format!(
            r#"// Client Credentials token and one REST call for {host}, written by ECA Preflight.
// The consumer secret is read from ${SECRET_VAR}: it is not in this file.
// Needs: npm install jsforce   Run: node salesforce-token.mjs
import jsforce from "jsforce";

const BASE_URL = {base_j};
const CLIENT_ID = {client_j};
const API_VERSION = {version_js};
const OBJECT = {object_j};

const secret = process.env.{SECRET_VAR};
if (!secret) {{
  console.error("Set {SECRET_VAR} to the consumer secret");
  process.exit(2);
}}
const oauth2 = new jsforce.OAuth2({{ loginUrl: BASE_URL, clientId: CLIENT_ID, clientSecret: secret }});
let answer;
try {{
  answer = await oauth2.requestToken({{ grant_type: "client_credentials" }});
}} catch (e) {{
  console.error(`Salesforce refused the token request: ${{e.name}}: ${{e.message}}`);
  process.exit(1);
}}
if (String(answer.token_format ?? "").toLowerCase() === "jwt") {{
  console.error({note_j});
}}
const conn = new jsforce.Connection({{
  oauth2,
  instanceUrl: answer.instance_url,
  accessToken: answer.access_token,
  ...(API_VERSION ? {{ version: API_VERSION }} : {{}}),
}});
try {{
  const describe = await conn.sobject(OBJECT).describe();
  console.log(`OK: token issued and ${{OBJECT}} described (${{describe.fields.length}} fields) on ${{conn.instanceUrl}}`);
}} catch (e) {{
  console.error(`Salesforce refused the REST call: ${{e.name}}: ${{e.message}}`);
  process.exitCode = 1;
}} finally {{
  await conn.oauth2.revokeToken(conn.accessToken).catch(() => {{}});
}}
"#,
            base_j = js(&base),
            client_j = js(t.client_id),
            version_js = number.as_deref().map_or("null".to_string(), js),
            object_j = js(t.object.as_str()),
            note_j = js(REST_ONLY_NOTE),
        ),
        SnippetFormat::Postman => {
            let test = |name: &str, extra: &[&str]| {
                let mut exec = vec![format!(
                    "pm.test({}, () => pm.response.to.have.status(200));",
                    js(name)
                )];
                exec.extend(extra.iter().map(|l| l.to_string()));
                json!([{"listen": "test", "script": {"type": "text/javascript", "exec": exec}}])
            };
            // newman prints a script's console output under its request.
            let jwt_note = format!(
                "if (String(answer.token_format || \"\").toLowerCase() === \"jwt\") console.warn({});",
                js(REST_ONLY_NOTE)
            );
            let collection = json!({
                "info": {
                    "name": format!("ECA Preflight – {host}"),
                    "description": format!("Client Credentials token, one REST call and the revoke for {host}. client_secret is left empty: give it with newman run … --env-var client_secret=… or an environment; never save it in the collection."),
                    "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
                },
                "variable": [
                    {"key": "base_url", "value": base},
                    {"key": "client_id", "value": t.client_id},
                    {"key": "client_secret", "value": ""},
                    {"key": "api_version", "value": path_version},
                    {"key": "object", "value": t.object.as_str()}
                ],
                "item": [
                    {
                        "name": "1. Token (Client Credentials)",
                        "event": test("a token is issued", &[
                            "const answer = pm.response.json();",
                            "pm.collectionVariables.set(\"access_token\", answer.access_token);",
                            "pm.collectionVariables.set(\"instance_url\", answer.instance_url || pm.variables.get(\"base_url\"));",
                            &jwt_note,
                        ]),
                        "request": {
                            "method": "POST",
                            "url": "{{base_url}}/services/oauth2/token",
                            "body": {"mode": "urlencoded", "urlencoded": [
                                {"key": "grant_type", "value": "client_credentials"},
                                {"key": "client_id", "value": "{{client_id}}"},
                                {"key": "client_secret", "value": "{{client_secret}}"}
                            ]}
                        }
                    },
                    {
                        "name": "2. Describe the object",
                        "event": test("the REST API answers", &[]),
                        "request": {
                            "method": "GET",
                            "header": [{"key": "Authorization", "value": "Bearer {{access_token}}"}],
                            "url": "{{instance_url}}/services/data/{{api_version}}/sobjects/{{object}}/describe"
                        }
                    },
                    {
                        "name": "3. Revoke the token",
                        "event": test("the token is revoked", &[]),
                        "request": {
                            "method": "POST",
                            "url": "{{base_url}}/services/oauth2/revoke",
                            "body": {"mode": "urlencoded", "urlencoded": [
                                {"key": "token", "value": "{{access_token}}"}
                            ]}
                        }
                    }
                ]
            });
            serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n"
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::parse_domain;

    #[test]
    fn snippets_name_everything_but_the_secret() {
        let domain = parse_domain("acme--uat").unwrap();
        let object = ApiName::object("Invoice__c").unwrap();
        let t = SnippetTarget {
            domain: &domain,
            client_id: "3MVG9key.With_Dots",
            api_version: VersionChoice::Pinned(crate::salesforce::ApiVersion::new(66, 0)),
            object: &object,
        };
        for format in SnippetFormat::ALL {
            let text = snippet(format, &t);
            assert!(
                text.contains("https://acme--uat.sandbox.my.salesforce.com"),
                "{format:?}"
            );
            assert!(text.contains("3MVG9key.With_Dots"), "{format:?}");
            assert!(text.contains("Invoice__c"), "{format:?}");
            assert!(text.contains("66.0"), "{format:?}");
            // At run time, a JWT-based token (`token_format: jwt`) gets the REST-only note.
            assert!(text.contains("token_format"), "{format:?}");
            assert!(text.contains("REST only"), "{format:?}");
            assert_eq!(SnippetFormat::parse(format.name()), Some(format));
            assert_eq!(serde_json::json!(format), format.name(), "as in JSON");
        }
        let collection: serde_json::Value =
            serde_json::from_str(&snippet(SnippetFormat::Postman, &t)).unwrap();
        let secret = collection["variable"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["key"] == "client_secret")
            .unwrap();
        assert_eq!(secret["value"], "");
        assert!(snippet(SnippetFormat::Curl, &t).contains("client_secret@-"));
        let latest = SnippetTarget {
            api_version: VersionChoice::Latest,
            ..t
        };
        assert!(snippet(SnippetFormat::Curl, &latest).contains("API_VERSION='latest'"));
        assert!(snippet(SnippetFormat::Node, &latest).contains("const API_VERSION = null;"));
    }
}
