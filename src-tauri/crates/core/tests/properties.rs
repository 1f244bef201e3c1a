//! Property tests of everything that parses untrusted text: what an admin pastes (the domain, the
//! API version, names) and what a server answers (token, errors, describe, limit header). No
//! input panics; what parses re-renders to something the parser accepts again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use eca_core::classify::{self, Answer};
use eca_core::client::parse_limit_info;
use eca_core::domain::{parse_domain, DomainKind};
use eca_core::salesforce::wire::{
    self, CompositeResponse, Describe, IdentityAnswer, TokenResponse,
};
use eca_core::salesforce::{ApiName, ApiVersion, VersionChoice};
use eca_core::secret::{mask, Secret};
use eca_core::types::StepId;
use proptest::prelude::*;

/// Hosts shaped like what admins paste: labels, partitions, Salesforce suffixes, ports, paths.
fn pasted_domain() -> impl Strategy<Value = String> {
    let label = "[a-zA-Z0-9][a-zA-Z0-9-]{0,12}";
    let suffix = prop::sample::select(vec![
        "",
        ".my.salesforce.com",
        ".sandbox.my.salesforce.com",
        ".develop.my.salesforce.com",
        ".lightning.force.com",
        ".my.salesforce-setup.com",
        ".vf.force.com",
        ".my.salesforce.mil",
        ".my.sfcrmproducts.cn",
        ".my.site.com",
        ".salesforce.com",
        ".example.com",
    ]);
    let scheme = prop::sample::select(vec!["", "https://", "http://", "HTTPS://", "ftp://"]);
    let port = prop::option::of(0u32..70000);
    let tail = prop::sample::select(vec!["", "/", "/lightning/page/home", "?x=1", "#f", "/a b"]);
    (scheme, label, prop::option::of(label), suffix, port, tail).prop_map(
        |(scheme, name, sandbox, suffix, port, tail)| {
            let name = match sandbox {
                Some(s) => format!("{name}--{s}"),
                None => name,
            };
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            format!("{scheme}{name}{suffix}{port}{tail}")
        },
    )
}

fn loopback() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["127.0.0.1", "localhost", "[::1]", "::1", "127.5.6.7"]),
        prop::option::of(1u16..),
        prop::sample::select(vec!["", "http://", "https://"]),
    )
        .prop_map(|(host, port, scheme)| {
            // A bare IPv6 address takes no port (`::1:1` is another address).
            let port = port
                .filter(|_| host != "::1")
                .map(|p| format!(":{p}"))
                .unwrap_or_default();
            format!("{scheme}{host}{port}")
        })
}

fn reparses(input: &str) -> Result<(), TestCaseError> {
    if let Ok(d) = parse_domain(input) {
        let base = serde_json::to_value(&d).unwrap()["base_url"]
            .as_str()
            .unwrap()
            .to_string();
        let again = parse_domain(&base)
            .map_err(|e| TestCaseError::fail(format!("{input:?} → {base:?} refused: {e}")))?;
        prop_assert_eq!(&again.host, &d.host, "{:?}", input);
        prop_assert_eq!(again.kind, d.kind, "{:?}", input);
        prop_assert_eq!(again.url("/x"), d.url("/x"));
        if d.kind != DomainKind::Loopback {
            let bare = parse_domain(&d.host).unwrap();
            prop_assert_eq!(&bare.host, &d.host);
            prop_assert!(d.url("/").starts_with("https://"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_text_as_a_domain_never_panics_and_reparses(input in any::<String>()) {
        reparses(&input)?;
    }

    #[test]
    fn pasted_domains_reparse_to_the_same_host(input in pasted_domain()) {
        reparses(&input)?;
    }

    #[test]
    fn loopback_keeps_its_port_and_scheme(input in loopback()) {
        reparses(&input)?;
        if let Ok(d) = parse_domain(&input) {
            prop_assert_eq!(d.kind, DomainKind::Loopback);
        }
    }

    #[test]
    fn login_hosts_are_always_refused(
        host in prop::sample::select(vec!["login.salesforce.com", "test.salesforce.com"]),
        scheme in prop::sample::select(vec!["", "https://", "http://"]),
        upper in any::<bool>(),
        tail in prop::sample::select(vec!["", "/", "/services/oauth2/token", "."]),
    ) {
        let host = if upper { host.to_uppercase() } else { host.to_string() };
        let err = parse_domain(&format!("{scheme}{host}{tail}")).unwrap_err();
        prop_assert_eq!(err.code().as_str(), "not_my_domain");
    }

    #[test]
    fn api_versions_round_trip(text in "(v|V)?[0-9]{0,4}(\\.[0-9]{0,2})?|latest|[ -~]{0,8}") {
        if let Ok(v) = VersionChoice::parse(&text) {
            prop_assert_eq!(VersionChoice::parse(&v.to_string()).unwrap(), v);
        }
        if let Ok(v) = ApiVersion::parse(&text) {
            prop_assert_eq!(ApiVersion::parse(&v.to_string()).unwrap(), v);
        }
    }

    #[test]
    fn api_names_are_path_safe(text in "[ -~]{0,90}") {
        if let Ok(name) = ApiName::object(&text) {
            prop_assert!(name.as_str().chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
            prop_assert_eq!(ApiName::object(name.as_str()).unwrap(), name);
        }
    }

    #[test]
    fn limit_headers_never_panic_and_round_trip(
        text in "[ -~]{0,60}",
        used in any::<u64>(),
        max in any::<u64>(),
        sep in prop::sample::select(vec![",", ";", "; ", " ,"]),
    ) {
        let _ = parse_limit_info(&text);
        let header = format!("per-app-api-usage=1/2(appName=x){sep}api-usage={used}/{max}");
        let usage = parse_limit_info(&header).unwrap();
        prop_assert_eq!((usage.used, usage.max), (used, max));
    }

    #[test]
    fn answers_of_any_shape_are_classified_without_panicking(
        status in 100u16..600,
        body in prop_oneof![any::<String>(), json_like()],
        html in any::<bool>(),
        truncated in any::<bool>(),
    ) {
        let answer = Answer {
            status,
            content_type: if html { Some("text/html") } else { Some("application/json") },
            body: &body,
            truncated,
        };
        let _ = classify::token_error(&answer);
        for step in StepId::ALL {
            let _ = classify::rest_error(step, &answer);
        }
        let _ = classify::body_kind(&answer);
        let _ = wire::parse::<TokenResponse>(&body);
        let _ = wire::parse::<Describe>(&body);
        let _ = wire::parse::<IdentityAnswer>(&body);
        let _ = wire::parse::<CompositeResponse>(&body);
        let _ = wire::rest_errors(&body);
    }

    #[test]
    fn a_secret_never_survives_masking(
        secret in "[ -~]{4,40}",
        before in "[ -~]{0,40}",
        after in "[ -~]{0,40}",
    ) {
        let s = Secret::new(secret.clone());
        let json = serde_json::to_string(&secret).unwrap();
        for text in [format!("{before}{secret}{after}"), format!("{{\"x\":{json}}}")] {
            let masked = mask(&text, &[&s]);
            prop_assert!(!masked.contains(&secret), "{:?} → {:?}", text, masked);
        }
    }
}

/// JSON-ish text that reaches the parsers' inner branches: real keys with odd values.
fn json_like() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "error",
        "error_description",
        "errorCode",
        "statusCode",
        "message",
        "fields",
        "access_token",
        "issued_at",
        "id",
        "signature",
        "scope",
        "fields",
        "name",
        "type",
        "picklistValues",
        "compositeResponse",
        "httpStatusCode",
        "referenceId",
        "user_id",
        "organization_id",
    ]);
    let value = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        "[ -~]{0,12}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        Just("[]".to_string()),
        Just("[{}]".to_string()),
        Just("{}".to_string()),
    ];
    prop::collection::vec((key, value), 0..6).prop_flat_map(|pairs| {
        let object = format!(
            "{{{}}}",
            pairs
                .iter()
                .map(|(k, v)| format!("\"{k}\":{v}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        prop_oneof![
            Just(object.clone()),
            Just(format!("[{object}]")),
            (0..=object.len()).prop_map(move |cut| object[..cut].to_string()),
        ]
    })
}
