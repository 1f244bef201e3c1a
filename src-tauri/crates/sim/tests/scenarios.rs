//! Every scenario's distinguishing answer, with the org's own (right) credentials.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use common::*;
use eca_sim::{Scenario, SimOrg};
use hmac::{Hmac, Mac};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use sha2::Sha256;

async fn userinfo_status(org: &SimOrg, c: &Client, tok: &str) -> StatusCode {
    c.get(url(org, "/services/oauth2/userinfo"))
        .bearer_auth(tok)
        .send()
        .await
        .unwrap()
        .status()
}

async fn limits(org: &SimOrg, c: &Client, tok: &str) -> reqwest::Response {
    c.get(rest(org, "limits/"))
        .bearer_auth(tok)
        .send()
        .await
        .unwrap()
}

/// Healthy run: create, read, delete, revoke; nothing left behind.
async fn full_run(org: &SimOrg, c: &Client, fields: Value) {
    let tokens_before = org.state().active_tokens;
    let tok = token(org, c).await;
    assert_eq!(limits(org, c, &tok).await.status(), StatusCode::OK);
    let (status, created) = json(create_account(org, c, &tok, fields).await).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap();
    let rec_url = rest(org, &format!("sobjects/Account/{id}"));
    let resp = c.get(&rec_url).bearer_auth(&tok).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let resp = c.delete(&rec_url).bearer_auth(&tok).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    let resp = c
        .post(url(org, "/services/oauth2/revoke"))
        .form(&[("token", tok.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let state = org.state();
    assert!(state.records.is_empty());
    assert_eq!(state.active_tokens, tokens_before);
}

fn signature_ok(org: &SimOrg, body: &Value) -> bool {
    let mut mac = Hmac::<Sha256>::new_from_slice(org.client_secret().as_bytes()).unwrap();
    mac.update(body["id"].as_str().unwrap().as_bytes());
    mac.update(body["issued_at"].as_str().unwrap().as_bytes());
    B64.encode(mac.finalize().into_bytes()) == body["signature"].as_str().unwrap()
}

async fn check(scenario: Scenario) {
    let org = start(scenario).await;
    let c = client();
    assert_eq!(org.state().scenario, scenario.name());
    use Scenario::*;
    match scenario {
        Healthy | ConnectedApp => full_run(&org, &c, json!({"Name": "Preflight"})).await,
        SharedSession => {
            // Every grant answers with one session, issued well before the first grant.
            let (_, first) = json(token_response(&org, &c).await).await;
            let (_, second) = json(token_response(&org, &c).await).await;
            assert_eq!(first["access_token"], second["access_token"]);
            assert_eq!(first["issued_at"], second["issued_at"]);
            let issued: u64 = first["issued_at"].as_str().unwrap().parse().unwrap();
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis() as u64;
            assert!(issued + 10 * 60 * 1000 < now, "issued {issued}, now {now}");
            assert!(signature_ok(&org, &first));
            assert_eq!(org.state().active_tokens, 1);
        }
        WrongClientId => {
            oauth_error(
                token_response(&org, &c).await,
                "invalid_client_id",
                "client identifier invalid",
            )
            .await
        }
        WrongSecret => {
            oauth_error(
                token_response(&org, &c).await,
                "invalid_client",
                "invalid client credentials",
            )
            .await
        }
        LoginHost | NoRunAsUser | FlowDisabled | NotAdminApproved | NoValidScopes
        | IpRestricted | InactiveUser | RunAsEmail | FlowOffSettings => {
            let (error, description) = match scenario {
                LoginHost => ("invalid_grant", "request not supported on this domain"),
                NoRunAsUser | RunAsEmail => ("invalid_grant", "no client credentials user enabled"),
                FlowDisabled | FlowOffSettings => (
                    "oauth_flow_disabled",
                    "The external client app or the OAuth plugin is disabled.",
                ),
                NotAdminApproved => (
                    "invalid_app_access",
                    "user is not admin approved to access this app",
                ),
                NoValidScopes => ("invalid_grant", "no valid scopes defined"),
                IpRestricted => ("invalid_grant", "ip restricted"),
                _ => ("invalid_grant", "inactive user"),
            };
            oauth_error(token_response(&org, &c).await, error, description).await;
            // The credential check still runs first.
            let resp = c
                .post(url(&org, "/services/oauth2/token"))
                .basic_auth(org.client_id(), Some("wrong"))
                .form(&[("grant_type", "client_credentials")])
                .send()
                .await
                .unwrap();
            oauth_error(resp, "invalid_client", "invalid client credentials").await;
        }
        NoApiScope => {
            let (_, body) = json(token_response(&org, &c).await).await;
            assert_eq!(body["scope"], "openid id");
            let tok = body["access_token"].as_str().unwrap();
            let err = rest_error(limits(&org, &c, tok).await, 401, "INVALID_SESSION_ID").await;
            assert_eq!(err["message"], "This session is not valid for use with the specified REST API endpoint. One of the following scopes is required: Manage user data via APIs, Full access");
            assert_eq!(userinfo_status(&org, &c, tok).await, StatusCode::OK);
        }
        SessionInvalid => {
            let (_, body) = json(token_response(&org, &c).await).await;
            let tok = body["access_token"].as_str().unwrap();
            let err = rest_error(limits(&org, &c, tok).await, 401, "INVALID_SESSION_ID").await;
            assert_eq!(err["message"], "Session expired or invalid");
            let path = body["id"]
                .as_str()
                .unwrap()
                .replace("https://login.salesforce.com", "");
            for p in ["/services/oauth2/userinfo", path.as_str()] {
                let resp = c.get(url(&org, p)).bearer_auth(tok).send().await.unwrap();
                assert_eq!(resp.status(), StatusCode::FORBIDDEN);
                assert!(resp.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("text/plain"));
                assert_eq!(resp.text().await.unwrap(), "Bad_OAuth_Token");
            }
        }
        ApiDisabledOrg | ApiDisabledUser | RequestLimit => {
            let (code, message) = match scenario {
                ApiDisabledOrg => (
                    "API_DISABLED_FOR_ORG",
                    "The REST API is not enabled for this Organization.",
                ),
                ApiDisabledUser => ("API_CURRENTLY_DISABLED", "API is disabled for this User"),
                _ => ("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."),
            };
            let tok = token(&org, &c).await;
            let resp = limits(&org, &c, &tok).await;
            let usage = resp.headers()["sforce-limit-info"]
                .to_str()
                .unwrap()
                .to_string();
            let err = rest_error(resp, 403, code).await;
            assert_eq!(err["message"], message);
            if scenario == RequestLimit {
                assert_eq!(usage, "api-usage=15000/15000");
            }
            let resp = create_account(&org, &c, &tok, json!({"Name": "x"})).await;
            rest_error(resp, 403, code).await;
            assert_eq!(userinfo_status(&org, &c, &tok).await, StatusCode::OK);
        }
        NoCreateAccess => {
            let tok = token(&org, &c).await;
            let resp = create_account(&org, &c, &tok, json!({"Name": "x"})).await;
            rest_error(resp, 400, "INSUFFICIENT_ACCESS_OR_READONLY").await;
            assert!(org.state().records.is_empty());
        }
        NoDeleteAccess => {
            let tok = token(&org, &c).await;
            let (status, created) =
                json(create_account(&org, &c, &tok, json!({"Name": "x"})).await).await;
            assert_eq!(status, StatusCode::CREATED);
            let id = created["id"].as_str().unwrap();
            let rec_url = rest(&org, &format!("sobjects/Account/{id}"));
            let resp = c.delete(&rec_url).bearer_auth(&tok).send().await.unwrap();
            rest_error(resp, 403, "INSUFFICIENT_ACCESS_OR_READONLY").await;
            assert_eq!(org.state().records[0].id, id, "the record stays");
            let resp = c.get(&rec_url).bearer_auth(&tok).send().await.unwrap();
            assert_eq!(resp.status(), StatusCode::OK);
        }
        RequiredField => {
            let tok = token(&org, &c).await;
            let resp = c
                .get(rest(&org, "sobjects/Account/describe"))
                .bearer_auth(&tok)
                .send()
                .await
                .unwrap();
            let (_, d) = json(resp).await;
            let region = d["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == "Region__c")
                .unwrap();
            assert_eq!(
                (
                    &region["createable"],
                    &region["nillable"],
                    &region["defaultedOnCreate"],
                    &region["type"]
                ),
                (
                    &json!(true),
                    &json!(false),
                    &json!(false),
                    &json!("picklist")
                )
            );
            assert_eq!(region["picklistValues"][1]["value"], "EMEA");
            let err = rest_error(
                create_account(&org, &c, &tok, json!({"Name": "x"})).await,
                400,
                "REQUIRED_FIELD_MISSING",
            )
            .await;
            assert_eq!(err["fields"], json!(["Region__c"]));
            let resp =
                create_account(&org, &c, &tok, json!({"Name": "x", "Region__c": "Mars"})).await;
            rest_error(resp, 400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST").await;
            full_run(&org, &c, json!({"Name": "x", "Region__c": "EMEA"})).await;
        }
        ValidationRule => {
            let tok = token(&org, &c).await;
            let resp = create_account(&org, &c, &tok, json!({"Name": "x"})).await;
            let err = rest_error(resp, 400, "FIELD_CUSTOM_VALIDATION_EXCEPTION").await;
            assert!(err["message"].as_str().unwrap().contains("validation rule"));
            assert!(org.state().records.is_empty());
        }
        DuplicateRule => {
            let tok = token(&org, &c).await;
            let resp = create_account(&org, &c, &tok, json!({"Name": "x"})).await;
            let err = rest_error(resp, 400, "DUPLICATES_DETECTED").await;
            let dup = &err["duplicateResult"];
            assert_eq!(dup["allowSave"], false);
            let matched = dup["matchResults"][0]["matchRecords"][0]["record"]["Id"]
                .as_str()
                .unwrap();
            assert!(matched.starts_with("001"));
            assert!(org.state().records.is_empty());
            let resp = c
                .post(rest(&org, "sobjects/Account/"))
                .bearer_auth(&tok)
                .header("Sforce-Duplicate-Rule-Header", "allowSave=true")
                .json(&json!({"Name": "x"}))
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), StatusCode::CREATED);
        }
        Maintenance => {
            let paths = [
                ("GET", "/services/data/"),
                ("POST", "/services/oauth2/token"),
                ("GET", "/services/oauth2/userinfo"),
                ("POST", "/services/oauth2/revoke"),
                ("GET", "/services/data/v68.0/limits/"),
                ("GET", "/services/data/v68.0/sobjects/Account/describe"),
                ("GET", "/lightning/setup/OrgDomain/home"),
            ];
            for (method, path) in paths {
                let req = if method == "GET" {
                    c.get(url(&org, path))
                } else {
                    c.post(url(&org, path))
                };
                let resp = req.send().await.unwrap();
                assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE, "{path}");
                assert!(resp.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("text/html"));
                assert!(resp.text().await.unwrap().contains("Maintenance"));
            }
            // The observation endpoint still answers.
            assert_eq!(org.state().requests.len(), paths.len());
        }
        BadSignature => {
            let (status, body) = json(token_response(&org, &c).await).await;
            assert_eq!(status, StatusCode::OK);
            let sig = B64.decode(body["signature"].as_str().unwrap()).unwrap();
            assert_eq!(sig.len(), 32, "well-formed, just wrong");
            assert!(!signature_ok(&org, &body));
            full_run(&org, &c, json!({"Name": "x"})).await;
        }
        ApiAccessControl => {
            let tok = token(&org, &c).await;
            let err = rest_error(limits(&org, &c, &tok).await, 401, "INVALID_SESSION_ID").await;
            assert_eq!(
                err["message"],
                "This session is not valid for use with the REST API"
            );
            assert!(err.get("fields").is_none(), "real orgs send no fields here");
            assert_eq!(userinfo_status(&org, &c, &tok).await, StatusCode::OK);
        }
        NoObjectRead => {
            let tok = token(&org, &c).await;
            let describe = c
                .get(rest(&org, "sobjects/Account/describe"))
                .bearer_auth(&tok)
                .send()
                .await
                .unwrap();
            let err = rest_error(describe, 400, "INVALID_TYPE").await;
            assert_eq!(err["message"], "sObject type 'Account' is not supported.");
            let resp = create_account(&org, &c, &tok, json!({"Name": "x"})).await;
            rest_error(resp, 400, "INVALID_TYPE").await;
            assert!(org.state().records.is_empty());
        }
        Sandbox => {
            let (_, body) = json(token_response(&org, &c).await).await;
            let id = body["id"].as_str().unwrap();
            assert!(id.starts_with("https://test.salesforce.com/id/00D"), "{id}");
            assert!(signature_ok(&org, &body));
            full_run(&org, &c, json!({"Name": "x"})).await;
        }
        JwtToken => {
            let (_, body) = json(token_response(&org, &c).await).await;
            assert_eq!(body["token_format"], "jwt");
            let tok = body["access_token"].as_str().unwrap();
            assert!(
                tok.starts_with("eyJ") && tok.matches('.').count() == 2,
                "{tok}"
            );
            assert_eq!(limits(&org, &c, tok).await.status(), StatusCode::OK);
            full_run(&org, &c, json!({"Name": "x"})).await;
        }
        LargeDescribe => {
            let tok = token(&org, &c).await;
            let resp = c
                .get(rest(&org, "sobjects/Account/describe"))
                .bearer_auth(&tok)
                .send()
                .await
                .unwrap();
            assert!(
                resp.headers().get("content-length").is_none(),
                "sent chunked"
            );
            let text = resp.text().await.unwrap();
            assert!(text.len() > 2_500_000, "{} bytes", text.len());
            let d: Value = serde_json::from_str(&text).unwrap();
            assert!(d["fields"].as_array().unwrap().len() > 800);
            full_run(&org, &c, json!({"Name": "x"})).await;
        }
        PerAppLimits => {
            let tok = token(&org, &c).await;
            let resp = limits(&org, &c, &tok).await;
            let usage = resp.headers()["sforce-limit-info"]
                .to_str()
                .unwrap()
                .to_string();
            assert!(
                usage.starts_with("api-usage=1/15000; per-app-api-usage="),
                "{usage}"
            );
            full_run(&org, &c, json!({"Name": "x"})).await;
        }
        RequiredTypedFields => {
            let (_, issued) = json(token_response(&org, &c).await).await;
            let tok = issued["access_token"].as_str().unwrap().to_string();
            let user = issued["id"].as_str().unwrap().rsplit('/').next().unwrap();
            let good = json!({
                "Name": "x", "Rating__c": "Warm", "Renewal_Date__c": "2027-01-31",
                "Contract_Value__c": 1234.5, "Billing_Email__c": "ap@acme.example",
                "Is_Partner__c": false, "Account_Manager__c": user,
            });
            let missing = rest_error(
                create_account(&org, &c, &tok, json!({"Name": "x"})).await,
                400,
                "REQUIRED_FIELD_MISSING",
            )
            .await;
            assert!(missing["message"].as_str().unwrap().contains("Rating__c"));
            for (field, bad, code) in [
                (
                    "Rating__c",
                    json!("Lukewarm"),
                    "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                ),
                ("Renewal_Date__c", json!("31/01/2027"), "JSON_PARSER_ERROR"),
                (
                    "Contract_Value__c",
                    json!(1e15),
                    "NUMBER_OUTSIDE_VALID_RANGE",
                ),
                (
                    "Billing_Email__c",
                    json!("not an email"),
                    "INVALID_EMAIL_ADDRESS",
                ),
                ("Is_Partner__c", json!("false"), "JSON_PARSER_ERROR"),
                (
                    "Account_Manager__c",
                    json!("001000000000001AAA"),
                    "INVALID_CROSS_REFERENCE_KEY",
                ),
            ] {
                let mut body = good.clone();
                body[field] = bad;
                let resp = create_account(&org, &c, &tok, body).await;
                rest_error(resp, 400, code).await;
            }
            full_run(&org, &c, good).await;
        }
        CustomObjectAutonumber => {
            let tok = token(&org, &c).await;
            let path = rest(&org, "sobjects/Preflight_Test__c/");
            let resp = c
                .post(&path)
                .bearer_auth(&tok)
                .json(&json!({"Name": "mine"}))
                .send()
                .await
                .unwrap();
            rest_error(resp, 400, "INVALID_FIELD_FOR_INSERT_UPDATE").await;
            let (status, created) = json(
                c.post(&path)
                    .bearer_auth(&tok)
                    .json(&json!({}))
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{created}");
            let id = created["id"].as_str().unwrap();
            let read = c
                .get(rest(&org, &format!("sobjects/Preflight_Test__c/{id}")))
                .bearer_auth(&tok)
                .send()
                .await
                .unwrap();
            let (_, record) = json(read).await;
            assert!(
                record["Name"].as_str().unwrap().starts_with("PT-"),
                "{record}"
            );
        }
        Rotation => {
            let with = |id: &str, secret: &str| {
                c.post(url(&org, "/services/oauth2/token"))
                    .form(&[
                        ("grant_type", "client_credentials"),
                        ("client_id", id),
                        ("client_secret", secret),
                    ])
                    .send()
            };
            let staged = (
                org.staged_client_id().to_string(),
                org.staged_client_secret().to_string(),
            );
            assert_ne!(staged.0, org.client_id());
            for (id, secret) in [
                (org.client_id(), org.client_secret()),
                (&staged.0, &staged.1),
            ] {
                assert_eq!(with(id, secret).await.unwrap().status(), StatusCode::OK);
            }
            // The staged key with the current secret is still refused.
            oauth_error(
                with(&staged.0, org.client_secret()).await.unwrap(),
                "invalid_client",
                "invalid client credentials",
            )
            .await;
            let done = c.post(url(&org, "/__sim/rotate")).send().await.unwrap();
            assert_eq!(done.status(), StatusCode::NO_CONTENT);
            oauth_error(
                with(org.client_id(), org.client_secret()).await.unwrap(),
                "invalid_client_id",
                "client identifier invalid",
            )
            .await;
            assert_eq!(
                with(&staged.0, &staged.1).await.unwrap().status(),
                StatusCode::OK
            );
        }
        AppPropagating => {
            oauth_error(
                token_response(&org, &c).await,
                "invalid_client_id",
                "client identifier invalid",
            )
            .await;
        }
        TxnSecurityBlocked => {
            let tok = token(&org, &c).await;
            assert_eq!(limits(&org, &c, &tok).await.status(), StatusCode::OK);
            let describe = c
                .get(rest(&org, "sobjects/Account/describe"))
                .bearer_auth(&tok)
                .send()
                .await
                .unwrap();
            assert_eq!(describe.status(), StatusCode::OK);
            let resp = create_account(&org, &c, &tok, json!({"Name": "x"})).await;
            let err = rest_error(resp, 403, "TXN_SECURITY_NO_ACCESS").await;
            assert_eq!(err["message"], "The operation you requested isn't allowed due to a security policy in your organization. Contact your administrator.");
            assert!(err.get("fields").is_none());
            assert!(org.state().records.is_empty());
            // The policy matches the Run As user, not an admin's own login.
            let resp = create_account(&org, &c, org.admin_token(), json!({"Name": "x"})).await;
            assert_eq!(resp.status(), StatusCode::CREATED);
        }
        TxnSecurityMfa => {
            let tok = token(&org, &c).await;
            rest_error(
                limits(&org, &c, &tok).await,
                403,
                "TXN_SECURITY_TWO_FA_REQUIRED",
            )
            .await;
            assert_eq!(userinfo_status(&org, &c, &tok).await, StatusCode::OK);
            assert_eq!(
                limits(&org, &c, org.admin_token()).await.status(),
                StatusCode::OK
            );
        }
        ReadOnlyMaintenance => {
            let tok = token(&org, &c).await;
            assert_eq!(limits(&org, &c, &tok).await.status(), StatusCode::OK);
            assert_eq!(userinfo_status(&org, &c, &tok).await, StatusCode::OK);
            let resp = create_account(&org, &c, &tok, json!({"Name": "x"})).await;
            let err = rest_error(
                resp,
                503,
                "INSERT_UPDATE_DELETE_NOT_ALLOWED_DURING_MAINTENANCE",
            )
            .await;
            assert!(err["message"].as_str().unwrap().contains("maintenance"));
            assert!(org.state().records.is_empty());
            // Reads work, in a composite call too; its create is refused like a single one.
            let composite = c
                .post(rest(&org, "composite"))
                .bearer_auth(&tok)
                .json(&json!({"allOrNone": false, "compositeRequest": [
                    {"method": "POST", "url": "/services/data/v68.0/sobjects/Account/", "referenceId": "create", "body": {"Name": "x"}},
                    {"method": "GET", "url": "/services/data/v68.0/sobjects/Account/describe", "referenceId": "describe"},
                ]}))
                .send()
                .await
                .unwrap();
            let (status, body) = json(composite).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let parts = body["compositeResponse"].as_array().unwrap();
            assert_eq!(parts[0]["httpStatusCode"], 503, "{body}");
            assert_eq!(parts[1]["httpStatusCode"], 200, "{body}");
        }
        FrozenUser => {
            oauth_error(
                token_response(&org, &c).await,
                "invalid_grant",
                "user is frozen",
            )
            .await;
            // The refused grant is in Login History, in Salesforce's words.
            let resp = c
                .get(rest(&org, "query"))
                .query(&[(
                    "q",
                    "SELECT Status FROM LoginHistory ORDER BY LoginTime DESC LIMIT 1",
                )])
                .bearer_auth(org.admin_token())
                .send()
                .await
                .unwrap();
            let (status, rows) = json(resp).await;
            assert_eq!(status, StatusCode::OK, "{rows}");
            assert_eq!(rows["records"][0]["Status"], "User is frozen", "{rows}");
        }
        SecretApiOff => {
            // The check passes; only reading a secret through Connect REST is refused.
            full_run(&org, &c, json!({"Name": "Preflight"})).await;
            let usage = c
                .get(rest(&org, "apps/oauth/usage"))
                .bearer_auth(org.admin_token())
                .send()
                .await
                .unwrap();
            let (status, usage) = json(usage).await;
            assert_eq!(status, StatusCode::OK, "{usage}");
            let app = &usage["apps"][0];
            assert_eq!(app["developerName"], "Preflight_Integration", "{usage}");
            let listed = c
                .get(rest(
                    &org,
                    &format!(
                        "apps/oauth/credentials/{}",
                        app["identifier"].as_str().unwrap()
                    ),
                ))
                .bearer_auth(org.admin_token())
                .send()
                .await
                .unwrap();
            let (_, listed) = json(listed).await;
            let consumer = listed["consumers"][0]["url"].as_str().unwrap();
            let secret = c
                .get(url(&org, &format!("{consumer}?part=keyandsecret")))
                .bearer_auth(org.admin_token())
                .send()
                .await
                .unwrap();
            let refusal = rest_error(secret, 403, "FUNCTIONALITY_NOT_ENABLED").await;
            assert_eq!(
                refusal["message"],
                "Access to External Client App consumer secrets via the REST API is not enabled for this org."
            );
        }
    }
    org.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_scenario_answers_as_the_table_says() {
    for scenario in Scenario::ALL {
        check(scenario).await;
    }
}

#[tokio::test]
async fn healthy_signature_verifies() {
    let org = start(Scenario::Healthy).await;
    let (_, body) = json(token_response(&org, &client()).await).await;
    assert!(signature_ok(&org, &body));
}

#[tokio::test]
async fn set_scenario_takes_effect_on_the_next_request() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let tok = token(&org, &c).await;
    org.set_scenario(Scenario::ApiDisabledUser);
    assert_eq!(org.scenario(), Scenario::ApiDisabledUser);
    rest_error(limits(&org, &c, &tok).await, 403, "API_CURRENTLY_DISABLED").await;
    org.set_scenario(Scenario::WrongSecret);
    oauth_error(
        token_response(&org, &c).await,
        "invalid_client",
        "invalid client credentials",
    )
    .await;
    org.set_scenario(Scenario::Healthy);
    assert_eq!(limits(&org, &c, &tok).await.status(), StatusCode::OK);
    assert_eq!(org.state().scenario, "healthy");
}

#[tokio::test]
async fn a_propagating_app_works_once_its_time_is_up() {
    let org = SimOrg::start(eca_sim::SimOptions {
        scenario: Scenario::AppPropagating,
        propagation: std::time::Duration::ZERO,
        ..eca_sim::SimOptions::default()
    })
    .await
    .unwrap();
    assert_eq!(
        token_response(&org, &client()).await.status(),
        StatusCode::OK
    );
}
