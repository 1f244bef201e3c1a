//! The org's Setup side as an admin's login reads it: SOQL on the app objects, describes, and
//! the Metadata API over SOAP — and what other logins get instead.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use eca_sim::Scenario;

#[tokio::test]
async fn an_admin_reads_the_run_as_user_of_the_app_and_its_relationship_fields_nest() {
    let org = start(Scenario::RunAsEmail).await;
    let admin = org.admin_token().to_string();
    let (status, apps) = soql(
        &org,
        &admin,
        "SELECT Id, DeveloperName FROM ExternalClientApplication WHERE DeveloperName = 'Preflight_Integration'",
    )
    .await;
    assert_eq!(status, 200, "{apps}");
    assert_eq!(apps["totalSize"], 1);
    let app_id = apps["records"][0]["Id"].as_str().unwrap().to_string();
    let (_, policy) = soql(
        &org,
        &admin,
        &format!("SELECT ClientCredentialsFlowUser, IsClientCredentialsFlowEnabled FROM ExtlClntAppOauthPlcyCnfg WHERE ExternalClientApplicationId = '{}'", &app_id[..15]),
    )
    .await;
    assert_eq!(policy["totalSize"], 1, "a 15-character id matches too");
    assert_eq!(
        policy["records"][0]["ClientCredentialsFlowUser"],
        "it-integrations@practice-org.example"
    );
    let (_, users) = soql(
        &org,
        &admin,
        "SELECT Username, Profile.Name, Profile.PermissionsApiEnabled FROM User WHERE Email = 'it-integrations@practice-org.example'",
    )
    .await;
    let user = &users["records"][0];
    assert_eq!(
        user["Username"],
        "preflight.integration@practice-org.example"
    );
    assert_eq!(
        user["Profile"]["Name"],
        "Minimum Access - API Only Integrations"
    );
    assert_eq!(user["Profile"]["PermissionsApiEnabled"], true);
    let (status, err) = soql(&org, &admin, "SELECT Nope FROM User").await;
    assert_eq!(
        (status, err[0]["errorCode"].as_str()),
        (400, Some("INVALID_FIELD"))
    );
}

#[tokio::test]
async fn without_the_permission_the_app_objects_do_not_exist() {
    let org = start(Scenario::Healthy).await;
    let limited = org.limited_admin_token().to_string();
    let (status, err) = soql(&org, &limited, "SELECT Id FROM ExtlClntAppOauthPlcyCnfg").await;
    assert_eq!(
        (status, err[0]["errorCode"].as_str()),
        (400, Some("INVALID_TYPE"))
    );
    let (status, _) = soql(&org, &limited, "SELECT Id FROM User").await;
    assert_eq!(status, 200, "users stay readable");
    // The integration user's own token reads no setup object at all.
    let run_as = token(&org, &client()).await;
    let (status, _) = soql(&org, &run_as, "SELECT Id FROM ExternalClientApplication").await;
    assert_eq!(status, 400);
    let resp = client()
        .get(rest(&org, "sobjects/ExtlClntAppOauthPlcyCnfg/describe"))
        .bearer_auth(org.admin_token())
        .send()
        .await
        .unwrap();
    let (_, describe) = json(resp).await;
    let link = describe["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["referenceTo"][0] == "ExternalClientApplication")
        .unwrap();
    assert_eq!(link["name"], "ExternalClientApplicationId");
}

#[tokio::test]
async fn the_metadata_api_lists_and_reads_the_settings_of_each_app() {
    let org = start(Scenario::FlowOffSettings).await;
    let admin = org.admin_token().to_string();
    let (status, listed) = soap(
        &org,
        envelope(&admin, "<met:listMetadata><met:queries><met:type>ExtlClntAppGlobalOauthSettings</met:type></met:queries><met:asOfVersion>68.0</met:asOfVersion></met:listMetadata>"),
    )
    .await;
    assert_eq!(status, 200, "{listed}");
    assert!(listed.contains("<fullName>Preflight_Integration_glbloauth</fullName>"));
    assert!(listed.contains("<fullName>MarketingSync_oauthGlobal</fullName>"));
    let (_, read) = soap(
        &org,
        envelope(&admin, "<met:readMetadata><met:type>ExtlClntAppGlobalOauthSettings</met:type><met:fullNames>Preflight_Integration_glbloauth</met:fullNames></met:readMetadata>"),
    )
    .await;
    assert!(read.contains(&format!("<consumerKey>{}</consumerKey>", org.client_id())));
    assert!(read.contains("<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>"));
    assert!(!read.contains("Marketing"), "only the names asked for");

    let (status, fault) = soap(
        &org,
        envelope(org.limited_admin_token(), "<met:readMetadata><met:type>ExtlClntAppGlobalOauthSettings</met:type><met:fullNames>x</met:fullNames></met:readMetadata>"),
    )
    .await;
    assert_eq!(status, 500);
    assert!(
        fault.contains("<faultcode>sf:INSUFFICIENT_ACCESS</faultcode>"),
        "{fault}"
    );
    let (_, fault) = soap(&org, envelope("nope", "<met:listMetadata/>")).await;
    assert!(fault.contains("sf:INVALID_SESSION_ID"));
}

#[tokio::test]
async fn a_legacy_connected_app_is_read_through_its_own_metadata_type() {
    let org = start(Scenario::ConnectedApp).await;
    let admin = org.admin_token().to_string();
    let (_, listed) = soap(
        &org,
        envelope(&admin, "<met:listMetadata><met:queries><met:type>ConnectedApp</met:type></met:queries></met:listMetadata>"),
    )
    .await;
    assert!(
        listed.contains("<fullName>Preflight_Legacy</fullName>"),
        "{listed}"
    );
    let (_, read) = soap(
        &org,
        envelope(&admin, "<met:readMetadata><met:type>ConnectedApp</met:type><met:fullNames>Preflight_Legacy</met:fullNames></met:readMetadata>"),
    )
    .await;
    assert!(
        read.contains(&format!("<consumerKey>{}</consumerKey>", org.client_id())),
        "{read}"
    );
    assert!(read.contains("<oauthClientCredentialUser>preflight.integration@practice-org.example</oauthClientCredentialUser>"));
    assert!(read.contains("<scopes>Api</scopes>"));
    // It is no External Client App, and its token works.
    let (_, apps) = soql(
        &org,
        &admin,
        "SELECT Id FROM ExternalClientApplication WHERE DeveloperName = 'Preflight_Legacy'",
    )
    .await;
    assert_eq!(apps["totalSize"], 0);
    assert!(!token(&org, &client()).await.is_empty());
}

#[tokio::test]
async fn the_run_as_picker_query_lists_the_active_users_with_their_profile_and_api_enabled() {
    let org = start(Scenario::Healthy).await;
    let (status, users) = soql(
        &org,
        org.admin_token(),
        "SELECT Id, Username, Name, IsActive, Profile.Name, Profile.PermissionsApiEnabled FROM User WHERE IsActive = true ORDER BY Username",
    )
    .await;
    assert_eq!(status, 200, "{users}");
    let rows: Vec<(String, String, String, bool)> = users["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["Username"].as_str().unwrap().to_string(),
                r["Name"].as_str().unwrap().to_string(),
                r["Profile"]["Name"].as_str().unwrap().to_string(),
                r["Profile"]["PermissionsApiEnabled"].as_bool().unwrap(),
            )
        })
        .collect();
    let row =
        |u: &str, n: &str, p: &str, api: bool| (u.to_string(), n.to_string(), p.to_string(), api);
    assert_eq!(
        rows,
        [
            row(
                "admin@practice-org.example",
                "Practice Admin",
                "System Administrator",
                true
            ),
            row(
                "limited.admin@practice-org.example",
                "Limited Admin",
                "System Administrator",
                true
            ),
            row(
                "preflight.integration@practice-org.example",
                "Preflight Integration",
                "Minimum Access - API Only Integrations",
                true
            ),
            row(
                "sales.rep@practice-org.example",
                "Sam Rep",
                "Standard User",
                false
            ),
        ],
        "the inactive former.integration is left out"
    );
    let (_, inactive) = soql(
        &org,
        org.admin_token(),
        "SELECT Username FROM User WHERE IsActive = false",
    )
    .await;
    assert_eq!(
        inactive["records"][0]["Username"],
        "former.integration@practice-org.example"
    );
    // In api-disabled-user, the integration user's profile lacks it too.
    org.set_scenario(Scenario::ApiDisabledUser);
    let (_, integration) = soql(
        &org,
        org.admin_token(),
        "SELECT Profile.PermissionsApiEnabled FROM User WHERE Username = 'preflight.integration@practice-org.example'",
    )
    .await;
    assert_eq!(
        integration["records"][0]["Profile"]["PermissionsApiEnabled"],
        false
    );
}

#[tokio::test]
async fn every_user_has_their_profiles_own_permission_set() {
    let org = start(Scenario::Healthy).await;
    let admin = org.admin_token();
    for (username, sets, api) in [
        ("preflight.integration@practice-org.example", 2, true),
        ("admin@practice-org.example", 1, true),
        ("sales.rep@practice-org.example", 1, false),
    ] {
        let (_, user) = soql(
            &org,
            admin,
            &format!("SELECT Id FROM User WHERE Username = '{username}'"),
        )
        .await;
        let id = user["records"][0]["Id"].as_str().unwrap();
        let (_, assigned) = soql(
            &org,
            admin,
            &format!("SELECT PermissionSet.IsOwnedByProfile, PermissionSet.PermissionsApiEnabled FROM PermissionSetAssignment WHERE AssigneeId = '{id}'"),
        )
        .await;
        assert_eq!(assigned["totalSize"], sets, "{username}: {assigned}");
        let own = &assigned["records"][0]["PermissionSet"];
        assert_eq!(own["IsOwnedByProfile"], true);
        assert_eq!(own["PermissionsApiEnabled"], api, "{username}");
    }
}
