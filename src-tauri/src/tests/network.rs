//! Where the credentials may go: an untrusted host only when the admin allows it, the production
//! freeze warning once per profile and network, a proxy with an extra CA.

use super::*;

#[test]
fn an_untrusted_host_gets_the_credentials_only_when_the_run_allows_it() {
    let h = harness();
    // 0.0.0.0 is no Salesforce host and not loopback by name, yet connecting to it reaches this
    // machine, so the listener sees whether anything was sent.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let view = h.new_profile_on("Proxy", &format!("https://0.0.0.0:{port}"));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    h.ok("save_secret", json!({ "id": id, "secret": SECRET }));
    let preview = h.ok(
        "parse_domain",
        json!({ "input": view["profile"]["target"]["domain"] }),
    );
    assert_eq!(preview["domain"]["kind"], "other");

    let refused = h.invoke("run_check", run_args(&id)).unwrap_err();
    assert_eq!(refused["kind"], "untrusted_host", "{refused}");
    assert_eq!(refused["host"], format!("0.0.0.0:{port}"));
    assert_eq!(refused["diagnosis"]["code"], "untrusted_host");
    assert!(refused["message"]
        .as_str()
        .unwrap()
        .contains(&format!("0.0.0.0:{port}")));
    // A connection made before the command answered would be waiting in the backlog.
    listener.set_nonblocking(true).unwrap();
    let nothing = listener.accept().map(|_| ()).unwrap_err();
    assert_eq!(nothing.kind(), std::io::ErrorKind::WouldBlock);

    // Confirmed for this run: the check goes there (and fails: the listener speaks no TLS).
    listener.set_nonblocking(false).unwrap();
    let (seen, connections) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            // Told before closing, so the run cannot finish before the message is there.
            let _ = seen.send(());
            drop(stream);
        }
    });
    let mut args = run_args(&id);
    args["options"]["allow_untrusted_host"] = json!(true);
    let report = h.ok("run_check", args);
    assert_eq!(report["ok"], false, "{report:#}");
    assert_eq!(report["steps"][0]["status"], "passed", "{report:#}");
    assert!(connections.try_recv().is_ok(), "nothing reached the host");
}

#[test]
fn a_production_org_through_a_proxy_is_warned_of_once_per_profile_and_network() {
    let h = harness();
    // A proxy nothing listens on: a run that starts fails there, after the question.
    let add = |name: &str, proxy: &str| {
        let mut profile = h.ok("new_profile", json!({}))["profile"].clone();
        profile["name"] = json!(name);
        profile["target"] = json!({ "kind": "org", "domain": "acme.my.salesforce.com" });
        profile["client_id"] = json!("3MVG9exampleKEY1234");
        profile["proxy"] = json!(proxy);
        let id = h.ok("save_profile", json!({ "profile": profile }))["profile"]["id"]
            .as_str()
            .unwrap()
            .to_string();
        h.ok("save_secret", json!({ "id": id, "secret": SECRET }));
        id
    };
    let prod = add("Prod", "http://127.0.0.1:1");
    let refused = h.invoke("run_check", run_args(&prod)).unwrap_err();
    assert_eq!(refused["kind"], "freeze_risk", "{refused}");
    assert_eq!(refused["risk"]["network"], "the proxy 127.0.0.1:1");
    assert!(refused["risk"]["warning"]
        .as_str()
        .unwrap()
        .contains("Salesforce freezes a user"));
    assert!(refused["risk"]["kb_url"]
        .as_str()
        .unwrap()
        .contains("005318944"));

    // "Check every profile" does not ask: the profile is left for a test on its own.
    let every = |h: &Harness| {
        h.ok("check_every_profile", json!({}))
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == prod.as_str())
            .cloned()
            .unwrap()
    };
    let row = every(&h);
    assert!(row["code"].is_null(), "nothing was sent: {row}");
    assert!(
        row["detail"]
            .as_str()
            .unwrap()
            .starts_with("could not start: this production org is reached through the proxy 127.0.0.1:1, and Salesforce may freeze"),
        "{row}"
    );

    // Accepted: the run goes on (to the unreachable proxy), and the answer is remembered.
    let mut accept = run_args(&prod);
    accept["options"]["accept_freeze_risk"] = json!(true);
    let report = h.ok("run_check", accept);
    assert_eq!(report["diagnosis"]["code"], "proxy_failed", "{report:#}");
    let report = h.ok("run_check", run_args(&prod));
    assert_eq!(
        report["diagnosis"]["code"], "proxy_failed",
        "asked once: {report:#}"
    );
    assert_eq!(every(&h)["code"], "proxy_failed", "read once, for all runs");

    // Another profile, or another network, is asked again.
    let other = add("Prod again", "http://127.0.0.1:1");
    let refused = h.invoke("run_check", run_args(&other)).unwrap_err();
    assert_eq!(refused["kind"], "freeze_risk");
    let mut profile = h
        .ok("list_profiles", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["profile"]["id"] == prod.as_str())
        .unwrap()["profile"]
        .clone();
    profile["proxy"] = json!("http://127.0.0.1:2");
    h.ok("save_profile", json!({ "profile": profile }));
    let refused = h.invoke("run_check", run_args(&prod)).unwrap_err();
    assert_eq!(refused["risk"]["network"], "the proxy 127.0.0.1:2");
}

#[test]
fn the_object_picker_asks_an_untrusted_host_only_when_allowed() {
    let h = harness();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let view = h.new_profile_on("Proxy", &format!("https://0.0.0.0:{port}"));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    h.ok("save_secret", json!({ "id": id, "secret": SECRET }));

    for (cmd, mut args) in [
        ("list_objects", json!({ "id": id })),
        (
            "describe_required",
            json!({ "id": id, "object": "Account" }),
        ),
    ] {
        args["allowUntrustedHost"] = json!(false);
        let refused = h.invoke(cmd, args).unwrap_err();
        assert_eq!(
            refused["diagnosis"]["code"], "untrusted_host",
            "{cmd}: {refused}"
        );
    }
    listener.set_nonblocking(true).unwrap();
    let nothing = listener.accept().map(|_| ()).unwrap_err();
    assert_eq!(nothing.kind(), std::io::ErrorKind::WouldBlock);

    // Confirmed: the request goes there (and fails: the listener speaks no TLS).
    listener.set_nonblocking(false).unwrap();
    let (seen, connections) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let _ = seen.send(());
            drop(stream);
        }
    });
    let failed = h
        .invoke(
            "list_objects",
            json!({ "id": id, "allowUntrustedHost": true }),
        )
        .unwrap_err();
    assert_ne!(failed["diagnosis"]["code"], "untrusted_host", "{failed}");
    assert!(connections.try_recv().is_ok(), "nothing reached the host");
}

/// A profile on a company network: an HTTPS org behind a proxy that wants credentials, and the
/// org's CA as the profile's extra CA file. The run goes through the proxy; the proxy password
/// is in the keychain, never in the store file or an answer.
#[test]
fn a_profile_with_a_proxy_and_an_extra_ca_runs_through_the_proxy() {
    let h = harness();
    let (org, proxy) = tauri::async_runtime::block_on(async {
        let org = eca_sim::SimOrg::start(eca_sim::SimOptions {
            tls: true,
            ..eca_sim::SimOptions::default()
        })
        .await
        .unwrap();
        let proxy = eca_sim::ConnectProxy::start(Some("ci:Pr0xyPassw0rd"))
            .await
            .unwrap();
        (org, proxy)
    });
    let ca = h.dir.path().join("company-root.pem");
    std::fs::write(&ca, org.ca_cert_pem().unwrap()).unwrap();

    let mut profile = h.ok("new_profile", json!({}))["profile"].clone();
    profile["name"] = json!("Behind the proxy");
    profile["target"] = json!({ "kind": "org", "domain": org.base_url() });
    profile["client_id"] = json!(org.client_id());
    profile["proxy"] = json!(format!(
        "http://ci:Pr0xyPassw0rd@127.0.0.1:{}",
        proxy.port()
    ));
    profile["ca_cert_file"] = json!(ca);
    // A password in the address would land in the store file: refused.
    let refused = h
        .invoke("save_profile", json!({ "profile": profile.clone() }))
        .unwrap_err();
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("Proxy password"),
        "{refused}"
    );
    profile["proxy"] = json!(format!("http://ci@127.0.0.1:{}", proxy.port()));
    let view = h.ok("save_profile", json!({ "profile": profile }));
    let id = view["profile"]["id"].as_str().unwrap().to_string();
    assert_eq!(view["proxy_password"]["stored"], false);
    h.ok(
        "save_secret",
        json!({ "id": id, "secret": org.client_secret() }),
    );

    // Without the password the proxy says 407.
    let report = h.ok("run_check", run_args(&id));
    assert_eq!(
        report["diagnosis"]["code"], "proxy_auth_required",
        "{report:#}"
    );

    let view = h.ok(
        "save_proxy_password",
        json!({ "id": id, "password": "Pr0xyPassw0rd" }),
    );
    assert_eq!(view["proxy_password"]["stored"], true);
    let report = h.ok("run_check", run_args(&id));
    assert_eq!(report["ok"], true, "{report:#}");
    assert_eq!(
        report["network"]["proxy"],
        format!("127.0.0.1:{}", proxy.port())
    );
    assert_eq!(report["network"]["extra_ca"], true);
    assert!(proxy
        .seen()
        .iter()
        .any(|l| l.starts_with("CONNECT 127.0.0.1:")));
    assert!(!h.store_text().contains("Pr0xyPassw0rd"));
    assert!(!report.to_string().contains("Pr0xyPassw0rd"));
    let listed = h.ok("list_profiles", json!({}));
    assert_eq!(listed[0]["proxy_password"]["stored"], true);

    // Without the extra CA the org's certificate is not trusted: the fix says what to do.
    let mut plain = listed[0]["profile"].clone();
    plain["ca_cert_file"] = json!("");
    h.ok("save_profile", json!({ "profile": plain }));
    let report = h.ok("run_check", run_args(&id));
    assert_eq!(report["diagnosis"]["code"], "tls_untrusted", "{report:#}");
    let fix = report["diagnosis"]["fix"].to_string();
    assert!(
        fix.contains("root certificate") && fix.contains("extra CA"),
        "{fix}"
    );
    let accounts = h.secrets.accounts();
    assert!(accounts.contains(&format!("proxy:{id}")), "{accounts:?}");
    h.ok("delete_profile", json!({ "id": id }));
    assert!(
        h.secrets.accounts().is_empty(),
        "both keychain entries go with the profile"
    );
}
