//! A mutation fuzzer on the stable toolchain (cargo-fuzz needs nightly): real-shaped inputs —
//! pasted domains, token answers, error arrays, describes, limit headers — mutated by flipping,
//! cutting, splicing and repeating bytes, and fed to every parser of untrusted text. A bounded
//! run is part of `cargo test`; `make fuzz` runs a long one:
//!   ECA_FUZZ_ITERATIONS=2000000 ECA_FUZZ_SEED=7 cargo test -p eca-preflight-core --test fuzz --release
//! A failure prints the seed and the input, so it can be replayed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use eca_core::catalog;
use eca_core::classify::{self, Answer};
use eca_core::client::parse_limit_info;
use eca_core::domain::parse_domain;
use eca_core::salesforce::services::ids_from_token_id;
use eca_core::salesforce::wire::{
    self, CompositeResponse, Describe, IdentityAnswer, TokenResponse,
};
use eca_core::salesforce::{ApiName, ApiVersion, VersionChoice};
use eca_core::types::{RawDetails, StepId};
use eca_core::{BodyKind, DiagnosisCode};

const SEEDS: &[&str] = &[
    "acme",
    "https://acme--uat.sandbox.my.salesforce-setup.com/lightning/setup/OrgDomain/home",
    "acme.develop.lightning.force.com",
    "http://127.0.0.1:8080/services/data/",
    "[::1]:9000",
    "login.salesforce.com",
    "https://acme--c.vf.force.com/apex/Page",
    r#"{"access_token":"00D000000000001!AQ0","signature":"c2lnbmF0dXJl","scope":"api openid","instance_url":"https://acme.my.salesforce.com","id":"https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA","token_type":"Bearer","issued_at":"1795392000000","token_format":"opaque"}"#,
    r#"{"error_description":"no client credentials user enabled","error":"invalid_grant"}"#,
    r#"[{"message":"Required fields are missing: [Name]","errorCode":"REQUIRED_FIELD_MISSING","fields":["Name"]}]"#,
    r#"[{"statusCode":"DUPLICATES_DETECTED","message":"Use one of these records?","duplicateResut":{"allowSave":false}}]"#,
    r#"{"name":"Account","fields":[{"name":"Name","label":"Account Name","type":"string","createable":true,"nillable":false,"defaultedOnCreate":false,"length":255,"picklistValues":[]},{"name":"Region__c","type":"picklist","picklistValues":[{"value":"EMEA","active":true,"defaultValue":true}]}]}"#,
    r#"{"compositeResponse":[{"body":{"id":"001000000000001AAA","success":true,"errors":[]},"httpHeaders":{},"httpStatusCode":201,"referenceId":"create"}]}"#,
    r#"{"user_id":"005000000000001AAA","organization_id":"00D000000000001AAA","preferred_username":"integration@acme.com.prod","is_salesforce_integration_user":true}"#,
    "api-usage=25/5000; per-app-api-usage=17/250(appName=x)",
    "Bad_OAuth_Token",
    "<!DOCTYPE html><html><body>Down for maintenance</body></html>",
    "https://test.salesforce.com/id/00D000000000001AAA/005000000000001AAA",
];

/// xorshift64*: deterministic, so a failing run replays from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

const TOKENS: &[&[u8]] = &[
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b",",
    b"null",
    b"--",
    b".",
    b"/",
    b"@",
    b"%",
    b"\\u0000",
    b"\xc3\xa9",
    b"\xff",
    b"my.salesforce.com",
    b"lightning.force.com",
    b"sandbox.",
    b":443",
    b"://",
    b"\"errorCode\":",
    b"\"error\":",
    b"api-usage=",
    b";",
    b"9999999999999999999999",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => out.truncate(at),
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            3 if !out.is_empty() => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            4 => {
                let other = SEEDS[rng.below(SEEDS.len())].as_bytes();
                let from = rng.below(other.len());
                out.splice(at..at, other[from..].iter().copied());
            }
            _ => {
                let end = (at + rng.below(32)).min(out.len());
                let piece = out[at.min(end)..end].to_vec();
                out.splice(at..at, piece.iter().copied());
            }
        }
    }
    out.truncate(64 * 1024);
    out
}

/// Every parser of untrusted text on one input; panics are the bugs this looks for.
fn exercise(text: &str) {
    if let Ok(d) = parse_domain(text) {
        let base = serde_json::to_value(&d).unwrap()["base_url"]
            .as_str()
            .unwrap()
            .to_string();
        let again = parse_domain(&base).unwrap_or_else(|e| panic!("{base:?} refused: {e}"));
        assert_eq!(again.host, d.host, "{text:?}");
    }
    if let Ok(v) = VersionChoice::parse(text) {
        assert_eq!(VersionChoice::parse(&v.to_string()).unwrap(), v);
    }
    if let Ok(v) = ApiVersion::parse(text) {
        assert_eq!(ApiVersion::parse(&v.to_string()).unwrap(), v);
    }
    let _ = ApiName::object(text);
    let _ = parse_limit_info(text);
    let _ = ids_from_token_id(text);
    let _ = wire::parse::<TokenResponse>(text);
    let _ = wire::parse::<Describe>(text);
    let _ = wire::parse::<IdentityAnswer>(text);
    let _ = wire::parse::<CompositeResponse>(text);
    let _ = wire::rest_errors(text);
    for (status, truncated) in [(400, false), (401, true), (503, false)] {
        let answer = Answer {
            status,
            content_type: Some("application/json"),
            body: text,
            truncated,
        };
        let code = classify::token_error(&answer);
        for step in StepId::ALL {
            let _ = classify::rest_error(step, &answer);
        }
        let details = RawDetails {
            status: Some(status),
            content_type: None,
            body: text.to_string(),
            body_kind: BodyKind::Json,
            request: None,
        };
        let d = catalog::diagnose(code, None, Some(StepId::Token), Some(details));
        assert!(!d.title.is_empty());
    }
    let _ = DiagnosisCode::parse(text);
}

#[test]
fn parsers_survive_mutated_real_inputs() {
    let iterations: u64 = std::env::var("ECA_FUZZ_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let seed: u64 = std::env::var("ECA_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x5eed);
    let mut rng = Rng(seed | 1);
    for seed_text in SEEDS {
        exercise(seed_text);
    }
    for i in 0..iterations {
        let base = SEEDS[rng.below(SEEDS.len())].as_bytes();
        let input = mutate(&mut rng, base);
        let text = String::from_utf8_lossy(&input).into_owned();
        let outcome = std::panic::catch_unwind(|| exercise(&text));
        assert!(
            outcome.is_ok(),
            "iteration {i} (ECA_FUZZ_SEED={seed}) panicked on {text:?}"
        );
    }
}
