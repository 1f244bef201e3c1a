//! Metadata API deploys into the org: a new app in two deploys, each refusal in Salesforce's
//! words (and a refused deploy changes nothing), fixes of the Preflight app that every reader
//! sees, destructive changes, and who may deploy.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::*;
use eca_sim::{Scenario, SimOptions, SimOrg};
use reqwest::StatusCode;

const NS: &str = "http://soap.sforce.com/2006/04/metadata";

/// An org whose created apps' keys work at once.
async fn org(scenario: Scenario) -> SimOrg {
    SimOrg::start(SimOptions {
        scenario,
        propagation: Duration::ZERO,
        ..SimOptions::default()
    })
    .await
    .unwrap()
}

/// The package.xml of a phase.
fn manifest(phase: &str) -> String {
    fixture(phase)
        .into_iter()
        .find(|(n, _)| n == "package.xml")
        .unwrap()
        .1
}

fn both_phases() -> Vec<(String, String)> {
    let mut files = fixture("phase1");
    let phase2 = fixture("phase2");
    files.retain(|(n, _)| n != "package.xml");
    files.extend(phase2.into_iter().filter(|(n, _)| n != "package.xml"));
    let manifest = manifest("phase1").replace(
            "    <version>",
            "    <types>\n        <members>Peer_Sync_oauthPlcy</members>\n        <name>ExtlClntAppOauthConfigurablePolicies</name>\n    </types>\n    <version>",
        );
    files.push(("package.xml".into(), manifest));
    files
}

/// `files` with `path`'s content changed by `edit`.
fn edited(
    mut files: Vec<(String, String)>,
    path: &str,
    edit: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    let file = files.iter_mut().find(|(n, _)| n == path).unwrap();
    file.1 = edit(&file.1);
    files
}

async fn count_apps(org: &SimOrg) -> usize {
    let (_, apps) = soql(
        org,
        org.admin_token(),
        "SELECT Id FROM ExternalClientApplication",
    )
    .await;
    apps["totalSize"].as_u64().unwrap() as usize
}

#[tokio::test]
async fn a_new_app_is_made_in_two_deploys_and_its_own_pair_gets_a_token() {
    let org = org(Scenario::Healthy).await;
    let (seen, done) = deploy(&org, &fixture("phase1")).await;
    assert_eq!(seen, ["Pending", "InProgress", "Succeeded"]);
    assert_eq!(
        texts(&done, "success"),
        ["true"; 5],
        "package.xml, 3 components, result"
    );
    assert_eq!(texts(&done, "numberComponentsDeployed"), ["3"]);
    let (_, apps) = soql(
        &org,
        org.admin_token(),
        "SELECT Id, MasterLabel, DistributionState FROM ExternalClientApplication WHERE DeveloperName = 'Peer_Sync'",
    )
    .await;
    assert_eq!(apps["records"][0]["MasterLabel"], "Peer Sync", "{apps}");
    assert_eq!(apps["records"][0]["DistributionState"], "Local");

    // Its own pair, read as create-app reads it; without its policies the flow is off.
    let (key, secret) = pair_of(&org, "Peer_Sync").await;
    assert_ne!(key, org.client_id());
    let (status, refused) = grant(&org, &key, &secret).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refused["error"], "oauth_flow_disabled");

    let (seen, _) = deploy(&org, &fixture("phase2")).await;
    assert_eq!(seen.last().unwrap(), "Succeeded");
    let (status, token) = grant(&org, &key, &secret).await;
    assert_eq!(status, StatusCode::OK, "{token}");
    assert_eq!(token["scope"], "api", "only the scope the package selects");
    let (status, _) = get_json(
        &org,
        token["access_token"].as_str().unwrap(),
        &format!("/services/data/{V}/limits"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // The Preflight app still works with its own pair.
    assert!(!common::token(&org, &client()).await.is_empty());

    // Every reader sees it: the policy object, pre-authorization and the metadata.
    let app_id = apps["records"][0]["Id"].as_str().unwrap();
    let (_, policy) = soql(
        &org,
        org.admin_token(),
        &format!("SELECT ClientCredentialsFlowUser, PermittedUsersPolicyType, IpRelaxationPolicyType FROM ExtlClntAppOauthPlcyCnfg WHERE ExternalClientApplicationId = '{app_id}'"),
    )
    .await;
    let row = &policy["records"][0];
    assert_eq!(
        row["ClientCredentialsFlowUser"],
        "preflight.integration@practice-org.example"
    );
    assert_eq!(
        row["PermittedUsersPolicyType"],
        "AdminApprovedPreAuthorized"
    );
    let (_, access) = soql(
        &org,
        org.admin_token(),
        &format!("SELECT ParentId FROM SetupEntityAccess WHERE SetupEntityId = '{app_id}'"),
    )
    .await;
    assert_eq!(
        access["totalSize"], 1,
        "the profile's own permission set: {access}"
    );
    let (_, read) = soap(
        &org,
        envelope(org.admin_token(), "<met:readMetadata><met:type>ExtlClntAppOauthConfigurablePolicies</met:type><met:fullNames>Peer_Sync_oauthPlcy</met:fullNames></met:readMetadata>"),
    )
    .await;
    assert_eq!(
        texts(&read, "commaSeparatedProfile"),
        ["Minimum Access - API Only Integrations"]
    );
    assert_eq!(texts(&read, "isClientCredentialsFlowEnabled"), ["true"]);
    let (_, listed) = soap(
        &org,
        envelope(org.admin_token(), "<met:listMetadata><met:queries><met:type>ExternalClientApplication</met:type></met:queries><met:queries><met:type>ExtlClntAppOauthSettings</met:type></met:queries></met:listMetadata>"),
    )
    .await;
    assert_eq!(
        texts(&listed, "fileName"),
        [
            "externalClientApps/Preflight_Integration.eca",
            "extlClntAppOauthSettings/Preflight_Integration_oauth.ecaOauth",
            "externalClientApps/Marketing_Sync.eca",
            "extlClntAppOauthSettings/MarketingSync_oauth.ecaOauth",
            "externalClientApps/Peer_Sync.eca",
            "extlClntAppOauthSettings/Peer_Sync_oauth.ecaOauth",
        ]
    );
    // Picking a scenario starts afresh.
    org.set_scenario(Scenario::Healthy);
    assert_eq!(count_apps(&org).await, 2);
    let (status, _) = grant(&org, &key, &secret).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// Refused at first (the end of the propagation is driven by tokio's clock in `oauth.rs`).
#[tokio::test]
async fn a_created_apps_key_is_unknown_at_first() {
    let org = SimOrg::start(SimOptions {
        propagation: Duration::from_secs(30),
        ..SimOptions::default()
    })
    .await
    .unwrap();
    deploy(&org, &fixture("phase1")).await;
    let (seen, _) = deploy(&org, &fixture("phase2")).await;
    assert_eq!(seen.last().unwrap(), "Succeeded");
    let (key, secret) = pair_of(&org, "Peer_Sync").await;
    let (_, refused) = grant(&org, &key, &secret).await;
    assert_eq!(refused["error"], "invalid_client_id", "{refused}");
    assert!(
        !common::token(&org, &client()).await.is_empty(),
        "the Preflight app works"
    );
}

/// Deploys `files`; asserts it failed with exactly `problems` and changed nothing.
async fn refused(org: &SimOrg, files: &[(String, String)], problems: &[&str]) {
    let before = count_apps(org).await;
    let (seen, done) = deploy(org, files).await;
    assert_eq!(seen.last().unwrap(), "Failed", "{done}");
    assert_eq!(texts(&done, "problem"), problems, "{done}");
    assert!(texts(&done, "problemType").iter().all(|t| t == "Error"));
    assert_eq!(texts(&done, "numberComponentsDeployed"), ["0"]);
    assert_eq!(
        count_apps(org).await,
        before,
        "a failed deploy changes nothing"
    );
}

#[tokio::test]
async fn each_refused_component_is_named_in_salesforce_words_and_nothing_changes() {
    let org = org(Scenario::Healthy).await;
    // The policies refer to an app that must exist before their deploy.
    refused(
        &org,
        &fixture("phase2"),
        &["In field: externalClientApplication - no ExternalClientApplication named Peer_Sync found"],
    )
    .await;
    refused(
        &org,
        &both_phases(),
        &["In field: externalClientApplication - no ExternalClientApplication named Peer_Sync found"],
    )
    .await;
    // An unknown element, an enum value, a scope token.
    let phase1 = fixture("phase1");
    let settings = "extlClntAppGlobalOauthSets/Peer_Sync_glbloauth.ecaGlblOauth";
    refused(
        &org,
        &edited(phase1.clone(), settings, |t| t.replace("<label>", "<colour>red</colour><label>")),
        &[&format!("Element {{{NS}}}colour invalid at this location in type ExtlClntAppGlobalOauthSettings")],
    )
    .await;
    refused(
        &org,
        &edited(phase1.clone(), "externalClientApps/Peer_Sync.eca", |t| {
            t.replace(">Local<", ">Global<")
        }),
        // The settings name an app that is not made either.
        &[
            "'Global' is not a valid value for the enum 'ExtlClntAppDistributionState'",
            "In field: externalClientApplication - no ExternalClientApplication named Peer_Sync found",
            "In field: externalClientApplication - no ExternalClientApplication named Peer_Sync found",
        ],
    )
    .await;
    refused(
        &org,
        &edited(
            phase1.clone(),
            "extlClntAppOauthSettings/Peer_Sync_oauth.ecaOauth",
            |t| t.replace(">Api<", ">Api,Everything<"),
        ),
        &["'Everything' is not a valid value for the enum 'ExtlClntAppOauthScope'"],
    )
    .await;
    refused(
        &org,
        &phase1.iter().filter(|(n, _)| !n.starts_with("externalClientApps/")).cloned().collect::<Vec<_>>(),
        &[
            "An object 'Peer_Sync' of type ExternalClientApplication was named in package.xml, but was not found in zipped directory",
            "In field: externalClientApplication - no ExternalClientApplication named Peer_Sync found",
            "In field: externalClientApplication - no ExternalClientApplication named Peer_Sync found",
        ],
    )
    .await;

    deploy(&org, &phase1).await;
    let policy = "extlClntAppOauthPolicies/Peer_Sync_oauthPlcy.ecaOauthPlcy";
    refused(
        &org,
        &edited(fixture("phase2"), policy, |t| t.replace(">AdminApprovedPreAuthorized<", ">Everyone<")),
        &["'Everyone' is not a valid value for the enum 'ExtlClntAppOauthPermittedUsersPolicyType'"],
    )
    .await;
    // The doc trap: the flow's two fields in ExtlClntAppConfigurablePolicies.
    let trap = vec![
        (
            "package.xml".to_string(),
            manifest("phase2")
                .replace("Peer_Sync_oauthPlcy", "Peer_Sync_plcy")
                .replace(
                    "ExtlClntAppOauthConfigurablePolicies",
                    "ExtlClntAppConfigurablePolicies",
                ),
        ),
        (
            "extlClntAppPolicies/Peer_Sync_plcy.ecaPlcy".to_string(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><ExtlClntAppConfigurablePolicies xmlns="{NS}"><externalClientApplication>Peer_Sync</externalClientApplication><isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled><isEnabled>true</isEnabled><label>Peer Sync</label></ExtlClntAppConfigurablePolicies>"#
            ),
        ),
    ];
    refused(
        &org,
        &trap,
        &[&format!("Element {{{NS}}}isClientCredentialsFlowEnabled invalid at this location in type ExtlClntAppConfigurablePolicies")],
    )
    .await;
}

/// The Preflight app's OAuth policies as readMetadata answers them, as a package of one.
async fn preflight_policies(org: &SimOrg, edit: impl Fn(&str) -> String) -> Vec<(String, String)> {
    let (_, read) = soap(
        org,
        envelope(org.admin_token(), "<met:readMetadata><met:type>ExtlClntAppOauthConfigurablePolicies</met:type><met:fullNames>Preflight_Integration_oauthPlcy</met:fullNames></met:readMetadata>"),
    )
    .await;
    let doc = roxmltree::Document::parse(&read).unwrap();
    let record = doc
        .descendants()
        .find(|n| n.tag_name().name() == "records")
        .unwrap();
    let elements: String = record
        .children()
        .filter(|n| n.is_element() && n.tag_name().name() != "fullName")
        .map(|n| {
            format!(
                "<{0}>{1}</{0}>",
                n.tag_name().name(),
                n.text().unwrap_or_default()
            )
        })
        .collect();
    vec![
        (
            "package.xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Package xmlns="{NS}"><types><members>Preflight_Integration_oauthPlcy</members><name>ExtlClntAppOauthConfigurablePolicies</name></types><version>64.0</version></Package>"#
            ),
        ),
        (
            "extlClntAppOauthPolicies/Preflight_Integration_oauthPlcy.ecaOauthPlcy".into(),
            edit(&format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><ExtlClntAppOauthConfigurablePolicies xmlns="{NS}">{elements}</ExtlClntAppOauthConfigurablePolicies>"#
            )),
        ),
    ]
}

#[tokio::test]
async fn a_fix_deploy_mends_the_preflight_app_for_every_reader() {
    let org = org(Scenario::FlowDisabled).await;
    let c = client();
    let fixes: [(Scenario, &str, &str); 4] = [
        (
            Scenario::FlowDisabled,
            "<isClientCredentialsFlowEnabled>false<",
            "<isClientCredentialsFlowEnabled>true<",
        ),
        (
            Scenario::RunAsEmail,
            ">it-integrations@practice-org.example<",
            ">preflight.integration@practice-org.example<",
        ),
        (Scenario::IpRestricted, ">Enforce<", ">Bypass<"),
        (
            Scenario::NotAdminApproved,
            ">AdminApprovedPreAuthorized<",
            ">AllSelfAuthorized<",
        ),
    ];
    for (scenario, from, to) in fixes {
        org.set_scenario(scenario);
        assert_eq!(
            token_response(&org, &c).await.status(),
            StatusCode::BAD_REQUEST,
            "{scenario}"
        );
        let package = preflight_policies(&org, |t| {
            assert!(t.contains(from), "{scenario}: {t}");
            t.replace(from, to)
        })
        .await;
        let (seen, done) = deploy(&org, &package).await;
        assert_eq!(seen.last().unwrap(), "Succeeded", "{scenario}: {done}");
        assert_eq!(
            texts(&done, "changed")[1],
            "true",
            "an existing component changed"
        );
        assert_eq!(
            token_response(&org, &c).await.status(),
            StatusCode::OK,
            "{scenario}"
        );
        // Picked again, the scenario is as it was.
        org.set_scenario(scenario);
        assert_eq!(
            token_response(&org, &c).await.status(),
            StatusCode::BAD_REQUEST,
            "{scenario}"
        );
    }

    // An email typed into Run As stays an email, and names no user.
    org.set_scenario(Scenario::Healthy);
    let package = preflight_policies(&org, |t| {
        t.replace(
            ">preflight.integration@practice-org.example<",
            ">it-integrations@practice-org.example<",
        )
    })
    .await;
    deploy(&org, &package).await;
    oauth_error(
        token_response(&org, &c).await,
        "invalid_grant",
        "no client credentials user enabled",
    )
    .await;
    // Run As an inactive user, or one without API Enabled.
    for (user, answer) in [
        (
            "former.integration@practice-org.example",
            Some("inactive user"),
        ),
        ("sales.rep@practice-org.example", None),
    ] {
        let package = preflight_policies(&org, |t| {
            let start = t.find("<clientCredentialsFlowUser>").unwrap();
            let end = t.find("</clientCredentialsFlowUser>").unwrap();
            format!(
                "{}<clientCredentialsFlowUser>{user}{}",
                &t[..start],
                &t[end..]
            )
            .replace(
                "<permittedUsersPolicyType>AdminApprovedPreAuthorized",
                "<permittedUsersPolicyType>AllSelfAuthorized",
            )
        })
        .await;
        deploy(&org, &package).await;
        match answer {
            Some(description) => {
                oauth_error(token_response(&org, &c).await, "invalid_grant", description).await
            }
            None => {
                // The token is the sales rep's: the identity endpoints say so, and REST
                // refuses a user without API Enabled.
                let (status, token) = json(token_response(&org, &c).await).await;
                assert_eq!(status, StatusCode::OK, "{user}: {token}");
                let token = token["access_token"].as_str().unwrap();
                let (_, me) = get_json(&org, token, "/services/oauth2/userinfo").await;
                assert_eq!(me["preferred_username"], user, "{me}");
                assert_eq!(me["is_salesforce_integration_user"], false);
                let resp = client()
                    .get(rest(&org, "limits"))
                    .bearer_auth(token)
                    .send()
                    .await
                    .unwrap();
                rest_error(resp, 403, "API_CURRENTLY_DISABLED").await;
                let resp = client()
                    .post(url(&org, "/services/oauth2/introspect"))
                    .form(&[
                        ("token", token),
                        ("client_id", org.client_id()),
                        ("client_secret", org.client_secret()),
                    ])
                    .send()
                    .await
                    .unwrap();
                let (_, introspected) = json(resp).await;
                assert_eq!(introspected["username"], user, "{introspected}");
            }
        }
    }
}

#[tokio::test]
async fn destructive_changes_delete_an_app_but_not_a_packaged_one() {
    let org = org(Scenario::Healthy).await;
    deploy(&org, &fixture("phase1")).await;
    let (key, secret) = pair_of(&org, "Peer_Sync").await;
    assert_eq!(count_apps(&org).await, 3);
    let empty = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Package xmlns="{NS}"><version>64.0</version></Package>"#
    );
    let destroy = |name: &str| {
        vec![
            ("package.xml".to_string(), empty.clone()),
            (
                "destructiveChanges.xml".to_string(),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><Package xmlns="{NS}"><types><members>{name}</members><name>ExternalClientApplication</name></types><version>64.0</version></Package>"#
                ),
            ),
        ]
    };
    let (seen, done) = deploy(&org, &destroy("Peer_Sync")).await;
    assert_eq!(seen.last().unwrap(), "Succeeded", "{done}");
    assert!(texts(&done, "deleted").contains(&"true".to_string()));
    assert_eq!(count_apps(&org).await, 2);
    let (_, answer) = grant(&org, &key, &secret).await;
    assert_eq!(answer["error"], "invalid_client_id");
    refused(
        &org,
        &destroy("Marketing_Sync"),
        &["Cannot delete Marketing_Sync: it was installed from a package"],
    )
    .await;
}

#[tokio::test]
async fn only_a_login_with_modify_metadata_deploys_and_a_check_only_deploy_changes_nothing() {
    let org = org(Scenario::Healthy).await;
    let (status, fault) = start_deploy(&org, org.limited_admin_token(), &fixture("phase1")).await;
    assert_eq!(status, 500);
    assert_eq!(
        texts(&fault, "faultstring"),
        ["INSUFFICIENT_ACCESS: use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions"]
    );
    let (_, fault) = start_deploy(&org, "not-a-session", &fixture("phase1")).await;
    assert!(fault.contains("sf:INVALID_SESSION_ID"), "{fault}");

    use base64::Engine;
    let zip = base64::engine::general_purpose::STANDARD.encode(zip_of(&fixture("phase1")));
    let (_, queued) = soap(
        &org,
        envelope(org.admin_token(), &format!("<met:deploy><met:ZipFile>{zip}</met:ZipFile><met:DeployOptions><met:checkOnly>true</met:checkOnly></met:DeployOptions></met:deploy>")),
    )
    .await;
    let id = texts(&queued, "id").remove(0);
    let mut last = String::new();
    for _ in 0..3 {
        last = poll_deploy(&org, &id).await;
    }
    assert_eq!(texts(&last, "status"), ["Succeeded"]);
    assert_eq!(texts(&last, "checkOnly"), ["true"]);
    assert_eq!(count_apps(&org).await, 2);

    // A canceled deploy changes nothing either; a zip that is none fails as a whole.
    let (_, queued) = start_deploy(&org, org.admin_token(), &fixture("phase1")).await;
    let id = texts(&queued, "id").remove(0);
    let (_, canceled) = soap(
        &org,
        envelope(
            org.admin_token(),
            &format!("<met:cancelDeploy><met:String>{id}</met:String></met:cancelDeploy>"),
        ),
    )
    .await;
    assert_eq!(texts(&canceled, "done"), ["true"]);
    assert_eq!(texts(&poll_deploy(&org, &id).await, "status"), ["Canceled"]);
    assert_eq!(count_apps(&org).await, 2);
    // Picking a scenario cancels a deploy in flight (it was planned against the old org).
    let (_, queued) = start_deploy(&org, org.admin_token(), &fixture("phase1")).await;
    let id = texts(&queued, "id").remove(0);
    poll_deploy(&org, &id).await;
    org.set_scenario(Scenario::Healthy);
    assert_eq!(texts(&poll_deploy(&org, &id).await, "status"), ["Canceled"]);
    poll_deploy(&org, &id).await;
    assert_eq!(count_apps(&org).await, 2);
    let (_, queued) = soap(
        &org,
        envelope(
            org.admin_token(),
            "<met:deploy><met:ZipFile>bm90IGEgemlw</met:ZipFile></met:deploy>",
        ),
    )
    .await;
    let id = texts(&queued, "id").remove(0);
    for _ in 0..2 {
        poll_deploy(&org, &id).await;
    }
    let failed = poll_deploy(&org, &id).await;
    assert_eq!(texts(&failed, "status"), ["Failed"]);
    assert!(texts(&failed, "errorMessage")[0].starts_with("The zip file is not valid"));
}
