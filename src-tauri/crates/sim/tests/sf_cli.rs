//! What Salesforce CLI (`sf`, 2.150) asks the org for when an admin logs in with an access token
//! (`sf org login access-token`) and then runs `sf org display`, `sf org auth show-access-token`
//! and `sf data query`: the admin's identity, their User record, the Organization record, the
//! query's columns, and paths with a doubled `/`. tests/peers/sfcli.test.mjs runs the real CLI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use eca_sim::{Scenario, SimOrg};
use reqwest::StatusCode;
use serde_json::Value;

const ADMIN: &str = "admin@practice-org.example";
const LIMITED: &str = "limited.admin@practice-org.example";

async fn get(org: &SimOrg, path: &str, token: Option<&str>) -> reqwest::Response {
    let mut req = client().get(url(org, path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

async fn soql(org: &SimOrg, token: &str, q: &str, columns: bool) -> (StatusCode, Value) {
    let mut query = vec![("q", q)];
    if columns {
        query.push(("columns", "true"));
    }
    let resp = client()
        .get(rest(org, "query"))
        .query(&query)
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    json(resp).await
}

/// `sub` / `id` of a user of this org: `https://login.salesforce.com/id/ORG/USER`.
fn user_of(identity_url: &str) -> (&str, &str) {
    let rest = identity_url
        .strip_prefix("https://login.salesforce.com/id/")
        .unwrap();
    rest.split_once('/').unwrap()
}

#[tokio::test]
async fn userinfo_and_the_id_url_name_the_admin_for_the_admins_own_login() {
    let org = start(Scenario::Healthy).await;
    let c = client();
    let run_as = token(&org, &c).await;
    let (_, run_as_info) = json(get(&org, "/services/oauth2/userinfo", Some(&run_as)).await).await;

    let (status, info) =
        json(get(&org, "/services/oauth2/userinfo", Some(org.admin_token())).await).await;
    assert_eq!(status, StatusCode::OK, "{info}");
    assert_eq!(info["preferred_username"], ADMIN);
    assert_eq!(info["email"], ADMIN);
    assert_eq!(info["is_salesforce_integration_user"], false);
    assert_eq!(info["active"], true);
    let admin_id = info["user_id"].as_str().unwrap();
    assert!(
        admin_id.starts_with("005") && admin_id.len() == 18,
        "{admin_id}"
    );
    assert_ne!(admin_id, run_as_info["user_id"].as_str().unwrap());
    assert_eq!(info["organization_id"], run_as_info["organization_id"]);
    let (org_id, user_id) = user_of(info["sub"].as_str().unwrap());
    assert_eq!(
        (org_id, user_id),
        (info["organization_id"].as_str().unwrap(), admin_id)
    );
    assert!(info["urls"]["profile"]
        .as_str()
        .unwrap()
        .ends_with(admin_id));

    // The id URL of the admin's own identity, on the org's host, 18 or 15 characters.
    let path = format!("/id/{org_id}/{admin_id}");
    let (status, ident) = json(get(&org, &path, Some(org.admin_token())).await).await;
    assert_eq!(status, StatusCode::OK, "{ident}");
    assert_eq!(ident["username"], ADMIN);
    assert_eq!(ident["user_id"], admin_id);
    assert_eq!(ident["id"], info["sub"]);
    assert_eq!(ident["display_name"], "Practice Admin");
    let short = format!("/id/{}/{}", &org_id[..15], &admin_id[..15]);
    assert_eq!(
        get(&org, &short, Some(org.admin_token())).await.status(),
        StatusCode::OK
    );

    // Someone else's id URL is not the admin's to read, nor the admin's the Run As user's.
    let run_as_path = format!("/id/{org_id}/{}", run_as_info["user_id"].as_str().unwrap());
    for (path, token) in [(&run_as_path, org.admin_token()), (&path, run_as.as_str())] {
        let resp = get(&org, path, Some(token)).await;
        assert_eq!(resp.status(), StatusCode::NOT_FOUND);
        assert_eq!(resp.text().await.unwrap(), "Bad_Id");
    }

    // The limited admin is a user of their own.
    let (status, limited) = json(
        get(
            &org,
            "/services/oauth2/userinfo",
            Some(org.limited_admin_token()),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(limited["preferred_username"], LIMITED);
    assert_ne!(limited["user_id"], info["user_id"]);
}

#[tokio::test]
async fn a_token_the_org_does_not_know_still_gets_bad_oauth_token() {
    let org = start(Scenario::Healthy).await;
    let (_, info) =
        json(get(&org, "/services/oauth2/userinfo", Some(org.admin_token())).await).await;
    let (org_id, admin_id) = user_of(info["sub"].as_str().unwrap());
    let id_path = format!("/id/{org_id}/{admin_id}");
    // Shaped like a real token of this org, and an admin token of another org.
    let unknown = format!("{}!AQ{}", &org_id[..15], "x".repeat(94));
    let other = start(Scenario::Healthy).await;
    for path in ["/services/oauth2/userinfo", id_path.as_str()] {
        for (token, expected) in [
            (Some(unknown.as_str()), "Bad_OAuth_Token"),
            (Some(other.admin_token()), "Bad_OAuth_Token"),
            (None, "Missing_OAuth_Token"),
        ] {
            let resp = get(&org, path, token).await;
            assert_eq!(resp.status(), StatusCode::FORBIDDEN, "{path}");
            assert!(resp.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/plain"));
            assert_eq!(resp.text().await.unwrap(), expected, "{path}");
        }
    }
}

#[tokio::test]
async fn session_invalid_ends_the_flows_sessions_not_the_admins_login() {
    let org = start(Scenario::SessionInvalid).await;
    let c = client();
    let run_as = token(&org, &c).await;
    let resp = get(&org, "/services/oauth2/userinfo", Some(&run_as)).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert_eq!(resp.text().await.unwrap(), "Bad_OAuth_Token");
    let resp = get(&org, "/services/oauth2/userinfo", Some(org.admin_token())).await;
    assert_eq!(resp.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_admin_reads_their_own_user_record_as_the_cli_does_after_login() {
    let org = start(Scenario::Healthy).await;
    let (_, info) =
        json(get(&org, "/services/oauth2/userinfo", Some(org.admin_token())).await).await;
    let admin_id = info["user_id"].as_str().unwrap();
    // What the CLI asks, on the API version it names.
    let path = format!("/services/data/v51.0/sobjects/User/{admin_id}");
    let (status, user) = json(get(&org, &path, Some(org.admin_token())).await).await;
    assert_eq!(status, StatusCode::OK, "{user}");
    assert_eq!(user["Username"], ADMIN);
    assert_eq!(user["Id"], admin_id);
    assert_eq!(user["IsActive"], true);
    assert_eq!(user["attributes"]["type"], "User");
    assert_eq!(
        user["attributes"]["url"],
        format!("/services/data/v51.0/sobjects/User/{admin_id}")
    );
    assert!(user.get("Profile.Name").is_none(), "{user}");

    let only = format!("{path}?fields=Username");
    let (_, user) = json(get(&org, &only, Some(org.admin_token())).await).await;
    assert_eq!(user["Username"], ADMIN);
    assert!(user.get("Email").is_none(), "{user}");
    let bad = format!("{path}?fields=Nope");
    rest_error(
        get(&org, &bad, Some(org.admin_token())).await,
        400,
        "INVALID_FIELD",
    )
    .await;

    // No such user; and the Run As user's token does not see the setup objects at all.
    let missing = "/services/data/v51.0/sobjects/User/005Hn0000000zzzAAA";
    rest_error(
        get(&org, missing, Some(org.admin_token())).await,
        404,
        "NOT_FOUND",
    )
    .await;
    let c = client();
    let run_as = token(&org, &c).await;
    rest_error(get(&org, &path, Some(&run_as)).await, 404, "NOT_FOUND").await;

    // The limited admin reads users, not the apps' settings records.
    let limited = org.limited_admin_token();
    assert_eq!(
        get(&org, &path, Some(limited)).await.status(),
        StatusCode::OK
    );
    let (_, apps) = soql(
        &org,
        org.admin_token(),
        "SELECT Id FROM ExternalClientApplication",
        false,
    )
    .await;
    let app_id = apps["records"][0]["Id"].as_str().unwrap();
    let app_path = format!("/services/data/v68.0/sobjects/ExternalClientApplication/{app_id}");
    assert_eq!(
        get(&org, &app_path, Some(org.admin_token())).await.status(),
        StatusCode::OK
    );
    rest_error(get(&org, &app_path, Some(limited)).await, 404, "NOT_FOUND").await;
}

#[tokio::test]
async fn users_organization_and_scratch_org_info_answer_as_the_cli_expects() {
    let org = start(Scenario::Healthy).await;
    let admin = org.admin_token();
    let (status, users) = soql(&org, admin, "SELECT Id, Username FROM User", false).await;
    assert_eq!(status, StatusCode::OK, "{users}");
    let names: Vec<&str> = users["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Username"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "preflight.integration@practice-org.example",
            ADMIN,
            LIMITED,
            "former.integration@practice-org.example",
            "sales.rep@practice-org.example"
        ]
    );
    // The Run As user is still the one user with that email.
    let (_, by_email) = soql(
        &org,
        admin,
        "SELECT Username FROM User WHERE Email = 'it-integrations@practice-org.example'",
        false,
    )
    .await;
    assert_eq!(by_email["totalSize"], 1);

    let q = "SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization";
    let (status, orgs) = soql(&org, admin, q, false).await;
    assert_eq!(status, StatusCode::OK, "{orgs}");
    let record = &orgs["records"][0];
    assert_eq!(record["IsSandbox"], false);
    assert!(record["TrialExpirationDate"].is_null() && record["NamespacePrefix"].is_null());
    assert_eq!(record["OrganizationType"], "Enterprise Edition");
    let sandbox = start(Scenario::Sandbox).await;
    let (_, orgs) = soql(&sandbox, sandbox.admin_token(), q, false).await;
    assert_eq!(orgs["records"][0]["IsSandbox"], true);

    // Not a Dev Hub: the CLI reads "not supported" as isDevHub = false.
    let (status, err) = soql(&org, admin, "SELECT Id FROM ScratchOrgInfo limit 1", false).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(err[0]["errorCode"], "INVALID_TYPE");
}

#[tokio::test]
async fn columns_true_describes_the_selected_columns() {
    let org = start(Scenario::Healthy).await;
    let admin = org.admin_token();
    let (status, m) = soql(
        &org,
        admin,
        "SELECT Id, Username, Profile.Name FROM User",
        true,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{m}");
    assert!(m.get("records").is_none(), "{m}");
    assert_eq!(m["entityName"], "User");
    assert_eq!(m["keyPrefix"], "005");
    assert_eq!(m["idSelected"], true);
    let cols = m["columnMetadata"].as_array().unwrap();
    let names: Vec<&str> = cols
        .iter()
        .map(|c| c["columnName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Id", "Username", "Profile"]);
    assert_eq!(cols[2]["joinColumns"][0]["columnName"], "Name");
    assert!(cols.iter().all(|c| c["aggregate"] == false));

    // A query it refuses is refused the same way.
    let (status, err) = soql(&org, admin, "SELECT Nope FROM User", true).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(err[0]["errorCode"], "INVALID_FIELD");
}

#[tokio::test]
async fn a_doubled_slash_reaches_the_same_resource() {
    let org = start(Scenario::Healthy).await;
    let admin = org.admin_token();
    // `sf org login access-token` stores `https://host/`, and jsforce adds `/services/…`.
    let (status, versions) = json(get(&org, "//services/data", Some(admin)).await).await;
    assert_eq!(status, StatusCode::OK);
    assert!(versions.as_array().is_some_and(|v| !v.is_empty()));
    let resp = client()
        .get(url(&org, "//services/data/v68.0//query"))
        .query(&[("q", "SELECT Id FROM User")])
        .bearer_auth(admin)
        .send()
        .await
        .unwrap();
    let (status, users) = json(resp).await;
    assert_eq!(status, StatusCode::OK, "{users}");
    assert_eq!(users["totalSize"], 5);
    let logged: Vec<String> = org
        .state()
        .requests
        .iter()
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(logged, ["/services/data", "/services/data/v68.0/query"]);
}
