//! SOQL and the composite resources, in the shapes real clients read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use eca_sim::Scenario;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn soql_selects_records_and_refuses_what_it_cannot_run() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let tok = token(&org, &c).await;
    let (_, created) = json(create_account(&org, &c, &tok, json!({"Name": "Queried"})).await).await;
    let id = created["id"].as_str().unwrap();
    let soql = |q: &str| {
        c.get(rest(&org, "query"))
            .query(&[("q", q)])
            .bearer_auth(&tok)
            .send()
    };
    let (status, found) = json(
        soql(&format!(
            "SELECT Id, Name FROM Account WHERE Id = '{id}' LIMIT 1"
        ))
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found["totalSize"], 1);
    assert_eq!(found["done"], true);
    assert_eq!(found["records"][0]["Name"], "Queried");
    assert_eq!(found["records"][0]["attributes"]["type"], "Account");
    let (_, none) = json(soql("SELECT Id FROM Contact").await.unwrap()).await;
    assert_eq!(none["totalSize"], 0);

    let err = rest_error(
        soql("SELECT Id FROM Acount").await.unwrap(),
        400,
        "INVALID_TYPE",
    )
    .await;
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("ERROR at Row:1:Column:16"),
        "{err}"
    );
    rest_error(
        soql("SELECT Nope FROM Account").await.unwrap(),
        400,
        "INVALID_FIELD",
    )
    .await;
    rest_error(
        soql("SELECT Id FROM Account GROUP BY Name").await.unwrap(),
        400,
        "MALFORMED_QUERY",
    )
    .await;
    let anonymous = c
        .get(rest(&org, "query"))
        .query(&[("q", "SELECT Id FROM Account")])
        .send()
        .await
        .unwrap();
    rest_error(anonymous, 401, "INVALID_SESSION_ID").await;
}

/// `composite: false` (`--no-composite`): the resource answers 404 NOT_FOUND and nothing runs;
/// with it on, the parts are logged as sub-requests, not as requests of their own.
#[tokio::test]
async fn composite_can_be_switched_off_and_its_parts_are_logged_as_parts() {
    let base = format!("/services/data/{V}/sobjects/Account");
    let body = json!({"allOrNone": false, "compositeRequest": [
        {"method": "POST", "url": format!("{base}/"), "referenceId": "create", "body": {"Name": "Off"}},
    ]});
    let off = eca_sim::SimOrg::start(eca_sim::SimOptions {
        composite: false,
        ..eca_sim::SimOptions::default()
    })
    .await
    .unwrap();
    let c = client();
    let tok = token(&off, &c).await;
    let resp = c
        .post(rest(&off, "composite"))
        .bearer_auth(&tok)
        .json(&body)
        .send()
        .await
        .unwrap();
    rest_error(resp, 404, "NOT_FOUND").await;
    assert!(off.state().records.is_empty());

    let on = start(Scenario::Healthy).await;
    let tok = token(&on, &c).await;
    let resp = c
        .post(rest(&on, "composite"))
        .bearer_auth(&tok)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let log = on.state().requests;
    let parts: Vec<_> = log.iter().filter(|r| r.subrequest).collect();
    assert_eq!(parts.len(), 1, "{log:?}");
    assert_eq!(parts[0].method, "POST");
    assert!(parts[0].path.ends_with("/sobjects/Account/"), "{log:?}");
    assert!(log
        .iter()
        .any(|r| !r.subrequest && r.path.ends_with("/composite")));
}

#[tokio::test]
async fn composite_runs_create_read_delete_as_one_request() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let tok = token(&org, &c).await;
    let used = || async {
        let resp = c
            .get(rest(&org, "limits/"))
            .bearer_auth(&tok)
            .send()
            .await
            .unwrap();
        let header = resp.headers()["sforce-limit-info"]
            .to_str()
            .unwrap()
            .to_string();
        header
            .trim_start_matches("api-usage=")
            .split('/')
            .next()
            .unwrap()
            .parse::<u32>()
            .unwrap()
    };
    let used_before = used().await;
    let base = format!("/services/data/{V}/sobjects/Account");
    let body = json!({"allOrNone": false, "compositeRequest": [
        {"method": "POST", "url": format!("{base}/"), "referenceId": "create", "body": {"Name": "Composite"}},
        {"method": "GET", "url": format!("{base}/@{{create.id}}"), "referenceId": "read"},
        {"method": "DELETE", "url": format!("{base}/@{{create.id}}"), "referenceId": "delete"},
    ]});
    let resp = c
        .post(rest(&org, "composite"))
        .bearer_auth(&tok)
        .json(&body)
        .send()
        .await
        .unwrap();
    let (status, answer) = json(resp).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let subs = answer["compositeResponse"].as_array().unwrap();
    assert_eq!(subs[0]["httpStatusCode"], 201);
    assert_eq!(subs[0]["referenceId"], "create");
    assert_eq!(subs[1]["httpStatusCode"], 200);
    assert_eq!(subs[1]["body"]["Name"], "Composite");
    assert_eq!(subs[2]["httpStatusCode"], 204);
    assert!(org.state().records.is_empty());
    // The limits call after counts itself too: +2 in all.
    assert_eq!(
        used().await,
        used_before + 2,
        "one composite call is one API request"
    );

    // A failed sub-request: its own status and error; a later one that needs it is halted.
    let body = json!({"allOrNone": false, "compositeRequest": [
        {"method": "POST", "url": format!("{base}/"), "referenceId": "create", "body": {}},
        {"method": "DELETE", "url": format!("{base}/@{{create.id}}"), "referenceId": "delete"},
    ]});
    let (_, answer) = json(
        c.post(rest(&org, "composite"))
            .bearer_auth(&tok)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let subs = answer["compositeResponse"].as_array().unwrap();
    assert_eq!(subs[0]["httpStatusCode"], 400);
    assert_eq!(subs[0]["body"][0]["errorCode"], "REQUIRED_FIELD_MISSING");
    assert_eq!(subs[1]["body"][0]["errorCode"], "PROCESSING_HALTED");

    // All or none: what was created is rolled back.
    let body = json!({"allOrNone": true, "compositeRequest": [
        {"method": "POST", "url": format!("{base}/"), "referenceId": "ok", "body": {"Name": "Kept?"}},
        {"method": "POST", "url": format!("{base}/"), "referenceId": "bad", "body": {}},
    ]});
    let (_, answer) = json(
        c.post(rest(&org, "composite"))
            .bearer_auth(&tok)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        answer["compositeResponse"][0]["body"][0]["errorCode"],
        "PROCESSING_HALTED"
    );
    assert!(org.state().records.is_empty(), "rolled back");
}

#[tokio::test]
async fn composite_sobjects_create_and_delete_many() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let tok = token(&org, &c).await;
    let body = json!({"allOrNone": false, "records": [
        {"attributes": {"type": "Account"}, "Name": "One"},
        {"attributes": {"type": "Account"}},
    ]});
    let resp = c
        .post(rest(&org, "composite/sobjects"))
        .bearer_auth(&tok)
        .json(&body)
        .send()
        .await
        .unwrap();
    let (status, results) = json(resp).await;
    assert_eq!(status, StatusCode::OK, "{results}");
    assert_eq!(results[0]["success"], true);
    assert_eq!(results[1]["success"], false);
    assert_eq!(
        results[1]["errors"][0]["statusCode"],
        "REQUIRED_FIELD_MISSING"
    );
    let id = results[0]["id"].as_str().unwrap();
    let resp = c
        .delete(rest(&org, "composite/sobjects"))
        .query(&[("ids", id), ("allOrNone", "false")])
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    let (_, results) = json(resp).await;
    assert_eq!(results[0]["id"], id);
    assert_eq!(results[0]["success"], true);
    assert!(org.state().records.is_empty());
}
