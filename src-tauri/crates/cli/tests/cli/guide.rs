//! `guide`: the setup guide as text and as JSON, from the same data the desktop app shows.

use crate::support::cli;
use eca_core::setup_guide::{guide, SetupStep};

fn args(extra: &[&str]) -> Vec<String> {
    std::iter::once("guide")
        .chain(extra.iter().copied())
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn the_text_walks_every_step_in_order() {
    let out = cli(args(&[]), vec![], None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let mut from = 0;
    for (n, step) in guide().steps.iter().enumerate() {
        let heading = format!("{}. {}", n + 1, step.title);
        let at = out.stdout[from..]
            .find(&heading)
            .unwrap_or_else(|| panic!("{heading} missing or out of order:\n{}", out.stdout));
        from += at + heading.len();
    }
    // The traps the guide teaches reach the terminal, without the UI's bold marks.
    for words in [
        "must be on in both places",
        "often is not their email",
        "Admin approved users are pre-authorized",
        "Callback URL: http://localhost:1717/callback",
        "10 minutes",
        "Open: Setup → External Client App Manager",
    ] {
        assert!(out.stdout.contains(words), "{words}:\n{}", out.stdout);
    }
    assert!(!out.stdout.contains("**"), "{}", out.stdout);
}

#[tokio::test]
async fn a_domain_turns_each_setup_page_into_a_link() {
    let out = cli(
        args(&["--domain", "acme--uat.sandbox.my.salesforce.com"]),
        vec![],
        None,
    )
    .await;
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.stdout.contains(
        "Open: https://acme--uat.sandbox.my.salesforce.com/lightning/setup/ManageUsers/home"
    ));
    let bad = cli(args(&["--domain", "login.salesforce.com"]), vec![], None).await;
    assert_eq!(bad.code, 2, "{}", bad.all());
    assert!(bad.stderr.contains("--domain"), "{}", bad.stderr);
    assert!(bad.stdout.is_empty());
}

#[tokio::test]
async fn the_json_is_the_guide_data() {
    let out = cli(args(&["--json"]), vec![], None).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let doc = out.json();
    assert_eq!(doc["callback_url"], guide().callback_url.as_str());
    let steps = doc["steps"].as_array().unwrap();
    let ids: Vec<&str> = steps.iter().map(|s| s["id"].as_str().unwrap()).collect();
    let expected: Vec<&str> = SetupStep::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(ids, expected);
    for (step, data) in steps.iter().zip(&guide().steps) {
        assert_eq!(step["title"], data.title.as_str());
        assert_eq!(
            step["actions"].as_array().unwrap().len(),
            data.actions.len()
        );
    }
    let policies = &steps[3];
    assert_eq!(policies["id"], "policies");
    assert_eq!(
        policies["setup_path"],
        "/lightning/setup/ManageExternalClientApplication/home"
    );
    assert_eq!(doc["links"], serde_json::json!([]));

    let linked = cli(args(&["--json", "--domain", "acme"]), vec![], None).await;
    let links = linked.json()["links"].as_array().unwrap().clone();
    assert_eq!(links.len(), SetupStep::ALL.len() - 1, "all but the wait");
    assert!(links.iter().all(|l| l["url"]
        .as_str()
        .unwrap()
        .starts_with("https://acme.my.salesforce.com/lightning/setup/")));
}
