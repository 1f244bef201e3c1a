//! The REST API of a healthy org: versions, limits, describes, records, errors, state, pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use eca_sim::Scenario;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn limit_info(resp: &reqwest::Response) -> (u32, u32) {
    let v = resp.headers()["sforce-limit-info"].to_str().unwrap();
    let (used, max) = v
        .strip_prefix("api-usage=")
        .unwrap()
        .split_once('/')
        .unwrap();
    (used.parse().unwrap(), max.parse().unwrap())
}

#[tokio::test]
async fn versions_need_no_auth_and_end_at_v68() {
    let org = start(Scenario::Healthy).await;
    let resp = client()
        .get(url(&org, "/services/data/"))
        .send()
        .await
        .unwrap();
    assert!(resp.headers().get("sforce-limit-info").is_none());
    let (status, body) = json(resp).await;
    assert_eq!(status, StatusCode::OK);
    let list = body.as_array().unwrap();
    let latest = list.last().unwrap();
    assert_eq!(
        latest,
        &json!({"label": "Winter '27", "url": "/services/data/v68.0", "version": "68.0"})
    );
    assert!(list
        .iter()
        .any(|v| v["version"] == "66.0" && v["label"] == "Spring '26"));
}

#[tokio::test]
async fn rest_needs_a_live_session_and_counts_usage() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    for auth in [None, Some("Bearer not-a-token")] {
        let mut req = c.get(rest(&org, "limits/"));
        if let Some(a) = auth {
            req = req.header("Authorization", a);
        }
        let resp = req.send().await.unwrap();
        assert!(resp.headers().contains_key("sforce-limit-info"));
        let err = rest_error(resp, 401, "INVALID_SESSION_ID").await;
        assert_eq!(err["message"], "Session expired or invalid");
    }
    let resp = c
        .get(rest(&org, "limits/"))
        .header("Authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    rest_error(resp, 401, "INVALID_AUTH_HEADER").await;

    let tok = token(&org, &c).await;
    let first = c
        .get(rest(&org, "limits/"))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(limit_info(&first), (1, 15_000));
    let (status, limits) = json(first).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(limits["DailyApiRequests"]["Max"], 15_000);
    assert_eq!(limits["DailyApiRequests"]["Remaining"], 14_999);
    // `latest` and the OAuth scheme name are accepted too.
    let second = c
        .get(url(&org, "/services/data/latest/limits"))
        .header("Authorization", format!("OAuth {tok}"))
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), StatusCode::OK);
    assert_eq!(limit_info(&second), (2, 15_000));

    for path in [
        "/services/data/v99.0/limits/",
        "/services/data/v68.0/nothing/here",
    ] {
        let resp = c
            .get(url(&org, path))
            .bearer_auth(&tok)
            .send()
            .await
            .unwrap();
        rest_error(resp, 404, "NOT_FOUND").await;
    }
}

#[tokio::test]
async fn global_describe_and_describes() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let tok = token(&org, &c).await;
    let (status, global) = json(
        c.get(rest(&org, "sobjects/"))
            .bearer_auth(&tok)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = global["sobjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Account",
            "Contact",
            "Lead",
            "Opportunity",
            "Case",
            "Preflight_Test__c"
        ]
    );
    assert!(global["sobjects"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["createable"] == true && o["deletable"] == true));

    let expect = [
        ("Account", vec!["Name"]),
        ("Contact", vec!["LastName"]),
        ("Lead", vec!["LastName", "Company"]),
        ("Opportunity", vec!["Name", "StageName", "CloseDate"]),
        ("Case", vec![]),
        ("Preflight_Test__c", vec!["Name"]),
    ];
    for (object, required) in expect {
        let resp = c
            .get(rest(&org, &format!("sobjects/{object}/describe")))
            .bearer_auth(&tok)
            .send()
            .await
            .unwrap();
        let (status, d) = json(resp).await;
        assert_eq!(status, StatusCode::OK, "{object}");
        assert_eq!(d["name"], object);
        let fields = d["fields"].as_array().unwrap();
        let got: Vec<&str> = fields
            .iter()
            .filter(|f| {
                f["createable"] == true && f["nillable"] == false && f["defaultedOnCreate"] == false
            })
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(got, required, "{object}");
        let owner = fields.iter().find(|f| f["name"] == "OwnerId").unwrap();
        assert_eq!(owner["defaultedOnCreate"], true);
        assert!(fields
            .iter()
            .all(|f| f["label"].is_string() && f["type"].is_string()));
    }
    let resp = c
        .get(rest(&org, "sobjects/Opportunity/describe/"))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    let (_, d) = json(resp).await;
    let close = d["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "CloseDate")
        .unwrap();
    assert_eq!(close["type"], "date");
    let resp = c
        .get(rest(&org, "sobjects/Nope__c/describe"))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    rest_error(resp, 404, "NOT_FOUND").await;
}

#[tokio::test]
async fn create_read_delete_round_trip() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let tok = token(&org, &c).await;
    let resp = create_account(&org, &c, &tok, json!({"Name": "ECA Preflight test"})).await;
    assert!(resp.headers().contains_key("sforce-limit-info"));
    let (status, created) = json(resp).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["success"], true);
    assert_eq!(created["errors"], json!([]));
    let id = created["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("001") && id.len() == 18);

    let state = org.state();
    assert_eq!(state.records.len(), 1);
    assert_eq!(state.records[0].id, id);
    assert_eq!(state.records[0].object, "Account");
    assert_eq!(state.records[0].fields["Name"], "ECA Preflight test");

    let record_url = rest(&org, &format!("sobjects/Account/{id}"));
    let (status, rec) = json(c.get(&record_url).bearer_auth(&tok).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rec["attributes"]["type"], "Account");
    assert_eq!(rec["Id"], id.as_str());
    assert_eq!(rec["Name"], "ECA Preflight test");
    assert!(rec["OwnerId"].as_str().unwrap().starts_with("005"));
    assert!(rec["Phone"].is_null());
    // The 15-character form names the same record; ?fields= narrows the answer.
    let short = rest(&org, &format!("sobjects/Account/{}?fields=Name", &id[..15]));
    let (status, rec) = json(c.get(&short).bearer_auth(&tok).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rec.as_object().unwrap().len(), 2, "{rec}");

    let resp = c
        .delete(&record_url)
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert!(org.state().records.is_empty());

    let resp = c.get(&record_url).bearer_auth(&tok).send().await.unwrap();
    let err = rest_error(resp, 404, "ENTITY_IS_DELETED").await;
    assert_eq!(err["message"], "entity is deleted");
    let resp = c
        .delete(&record_url)
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    rest_error(resp, 404, "ENTITY_IS_DELETED").await;
    let unknown = rest(&org, "sobjects/Account/001Hn0000000zzzAAA");
    let resp = c.get(&unknown).bearer_auth(&tok).send().await.unwrap();
    let err = rest_error(resp, 404, "NOT_FOUND").await;
    assert_eq!(err["message"], "The requested resource does not exist");
}

#[tokio::test]
async fn create_validates_like_salesforce() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let tok = token(&org, &c).await;

    let err = rest_error(
        create_account(&org, &c, &tok, json!({})).await,
        400,
        "REQUIRED_FIELD_MISSING",
    )
    .await;
    assert_eq!(err["message"], "Required fields are missing: [Name]");
    assert_eq!(err["fields"], json!(["Name"]));

    let resp = create_account(&org, &c, &tok, json!({"Name": "x", "Colour": "red"})).await;
    let err = rest_error(resp, 400, "INVALID_FIELD").await;
    assert!(err["message"]
        .as_str()
        .unwrap()
        .starts_with("No such column 'Colour' on entity 'Account'"));

    let resp = create_account(
        &org,
        &c,
        &tok,
        json!({"Name": "x", "CreatedDate": "2020-01-01"}),
    )
    .await;
    rest_error(resp, 400, "INVALID_FIELD_FOR_INSERT_UPDATE").await;

    let resp = create_account(&org, &c, &tok, json!({"Name": "x".repeat(256)})).await;
    rest_error(resp, 400, "STRING_TOO_LONG").await;

    let resp = c
        .post(rest(&org, "sobjects/Account/"))
        .bearer_auth(&tok)
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    rest_error(resp, 400, "JSON_PARSER_ERROR").await;

    let resp = c
        .post(rest(&org, "sobjects/Lead/"))
        .bearer_auth(&tok)
        .json(&json!({"LastName": "Doe"}))
        .send()
        .await
        .unwrap();
    let err = rest_error(resp, 400, "REQUIRED_FIELD_MISSING").await;
    assert_eq!(err["fields"], json!(["Company"]));

    let opp = |close: &str| json!({"Name": "Deal", "StageName": "Prospecting", "CloseDate": close});
    let resp = c
        .post(rest(&org, "sobjects/Opportunity/"))
        .bearer_auth(&tok)
        .json(&opp("next week"))
        .send()
        .await
        .unwrap();
    rest_error(resp, 400, "JSON_PARSER_ERROR").await;
    let resp = c
        .post(rest(&org, "sobjects/Opportunity/"))
        .bearer_auth(&tok)
        .json(&opp("2026-12-31"))
        .send()
        .await
        .unwrap();
    let (status, created) = json(resp).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(created["id"].as_str().unwrap().starts_with("006"));

    let resp = c
        .post(rest(&org, "sobjects/Contact/"))
        .bearer_auth(&tok)
        .json(&json!({"LastName": "Doe", "AccountId": "001Hn0000000zzzAAA"}))
        .send()
        .await
        .unwrap();
    rest_error(resp, 400, "INVALID_CROSS_REFERENCE_KEY").await;

    let resp = c
        .post(rest(&org, "sobjects/Preflight_Test__c/"))
        .bearer_auth(&tok)
        .json(&json!({"Name": "t"}))
        .send()
        .await
        .unwrap();
    let (status, created) = json(resp).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(created["id"].as_str().unwrap().starts_with("a0X"));

    let records = org.state().records;
    assert_eq!(records.len(), 2, "only the two valid creates were saved");
}

#[tokio::test]
async fn state_never_holds_secrets_tokens_or_values() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let tok = token(&org, &c).await;
    c.get(rest(&org, "limits/"))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    c.post(url(&org, "/services/oauth2/revoke"))
        .form(&[("token", tok.as_str())])
        .send()
        .await
        .unwrap();

    let via_http = client()
        .get(url(&org, "/__sim/state"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let via_api = serde_json::to_string(&org.state()).unwrap();
    for text in [&via_http, &via_api] {
        assert!(!text.contains(org.client_secret()), "secret leaked");
        assert!(!text.contains(org.client_id()), "consumer key leaked");
        assert!(!text.contains(&tok), "token leaked");
        assert!(!text.contains("client_credentials"), "form value leaked");
    }
    let state: Value = serde_json::from_str(&via_http).unwrap();
    let token_req = &state["requests"][0];
    assert_eq!(token_req["path"], "/services/oauth2/token");
    assert_eq!(
        token_req["form_keys"],
        json!(["grant_type", "client_id", "client_secret"])
    );
    assert_eq!(state["requests"][1]["auth"], "bearer");
    assert_eq!(
        state["requests"].as_array().unwrap().len(),
        3,
        "/__sim/ is not logged"
    );
    assert_eq!(state["active_tokens"], 0);
    assert_eq!(state["revoked_tokens"], 1);
}

#[tokio::test]
async fn setup_and_record_links_show_practice_pages() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let resp = c
        .get(url(
            &org,
            "/lightning/setup/ManageExternalClientApplication/home",
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let page = resp.text().await.unwrap();
    assert!(page.contains("in your real org this link opens Setup → External Client App Manager"));
    assert!(
        !page.contains("src=") && !page.contains("<link"),
        "no external resources"
    );

    let page = c
        .get(url(&org, "/lightning/setup/%3Cscript%3E/home"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("&lt;script&gt;") && !page.contains("<script>"));

    let page = c
        .get(url(&org, "/lightning/r/Account/001Hn0000000abcAAA/view"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("the Account record <code>001Hn0000000abcAAA</code>"));
}

// Tokio's paused clock: the sim's sleep advances virtual time, so this checks that the latency
// is applied without measuring (or waiting for) wall-clock time.
#[tokio::test(start_paused = true)]
async fn latency_delays_responses() {
    let latency = std::time::Duration::from_millis(150);
    let org = eca_sim::SimOrg::start(eca_sim::SimOptions {
        latency,
        ..Default::default()
    })
    .await
    .unwrap();
    let started = tokio::time::Instant::now();
    let resp = client()
        .get(url(&org, "/services/data/"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(
        started.elapsed() >= latency,
        "virtual time advanced by the latency"
    );
    org.shutdown().await;
}

#[tokio::test]
async fn odd_ids_in_paths_are_answered_not_panicked_on() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let tok = token(&org, &c).await;
    // 18 bytes whose 15th byte falls inside a two-byte character.
    let odd = "001abcdefghijk\u{e9}\u{e9}";
    assert_eq!(odd.len(), 18);
    let record = rest(&org, &format!("sobjects/Account/{odd}"));
    let resp = c.get(&record).bearer_auth(&tok).send().await.unwrap();
    rest_error(resp, 404, "NOT_FOUND").await;
    let resp = c.delete(&record).bearer_auth(&tok).send().await.unwrap();
    rest_error(resp, 404, "NOT_FOUND").await;
    let resp = c
        .post(rest(&org, "sobjects/Contact/"))
        .bearer_auth(&tok)
        .json(&json!({"LastName": "x", "AccountId": odd}))
        .send()
        .await
        .unwrap();
    rest_error(resp, 400, "MALFORMED_ID").await;
    let resp = c
        .get(url(&org, &format!("/id/{odd}/{odd}")))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let resp = c
        .get(url(&org, &format!("/lightning/r/Account/{odd}/view")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_fault_hits_exactly_the_nth_request() {
    use eca_sim::{Fault, FaultKind, SimOptions, SimOrg};
    for (kind, status) in [(FaultKind::ServerError, 500), (FaultKind::Html, 200)] {
        let org = SimOrg::start(SimOptions {
            fault: Some(Fault { kind, at: 2 }),
            ..SimOptions::default()
        })
        .await
        .unwrap();
        let c = client();
        let versions = url(&org, "/services/data/");
        let first = c.get(&versions).send().await.unwrap();
        assert_eq!(first.status().as_u16(), 200);
        assert!(first.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"));
        let second = c.get(&versions).send().await.unwrap();
        assert_eq!(second.status().as_u16(), status, "{kind}");
        let kind_seen = second.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        if kind == FaultKind::Html {
            assert!(kind_seen.starts_with("text/html"), "{kind_seen}");
        }
        assert_eq!(
            c.get(&versions).send().await.unwrap().status().as_u16(),
            200,
            "only once"
        );
    }
    let org = SimOrg::start(SimOptions {
        fault: Some("reset@1".parse().unwrap()),
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let cut = client().get(url(&org, "/services/data/")).send().await;
    let body = match cut {
        Ok(resp) => resp.text().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(body.is_err(), "the answer is cut");
}
