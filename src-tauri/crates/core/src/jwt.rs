//! JWT-based access tokens (the app's “Issue JSON Web Token (JWT)-based access tokens” option):
//! how to recognise one, and what it means. The REST API accepts them; SOAP, the Metadata API
//! and Bulk API 1.0 refuse them below API 68.0, so a green REST check says nothing about a tool
//! that uses those. Never a failure: a warning on the Token step, a note for `token --` and the
//! snippets.

use crate::catalog;
use crate::codes::DiagnosisCode;
use crate::types::Warning;

/// One line for whoever runs a tool with the token (`eca-preflight-cli token --`, the snippets).
pub const REST_ONLY_NOTE: &str = "Note: this app issues JWT-based access tokens (token_format jwt). They work for REST only: SOAP, the Metadata API and Bulk API 1.0 refuse them below API 68.0.";

/// Whether an access token is JWT-based: the token answer says `token_format: jwt` (any case),
/// or the token itself is a JWT — `eyJ…` (base64url of `{"`), three base64url parts separated
/// by dots. An opaque token (`00D…!AQ…`) is not.
pub fn is_jwt(token_format: Option<&str>, access_token: &str) -> bool {
    token_format.is_some_and(|f| f.trim().eq_ignore_ascii_case("jwt"))
        || looks_like_jwt(access_token)
}

fn looks_like_jwt(token: &str) -> bool {
    let base64url = |part: &str| {
        part.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let parts: Vec<&str> = token.split('.').collect();
    // The signature may be empty (an unsigned JWT); the header and the claims may not.
    token.starts_with("eyJ")
        && parts.len() == 3
        && !parts[1].is_empty()
        && parts.iter().all(|p| base64url(p))
}

/// The Token step's warning for a JWT-based token: the catalog's title, its cause and fix as
/// the detail (warnings show a title and a detail only).
pub fn rest_only_warning() -> Warning {
    let code = DiagnosisCode::JwtTokenRestOnly;
    let detail = catalog::entry(code).map_or_else(
        || REST_ONLY_NOTE.to_string(),
        |e| format!("{} Fix: {}", e.cause, e.fix.join(" ")),
    );
    catalog::warning(code, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDVIbjAwMDAwMDA2bWJJQUEifQ.c2lnbmF0dXJlLXBhcnQ_-";

    #[test]
    fn token_format_jwt_in_any_case_is_a_jwt() {
        for format in ["jwt", "JWT", "Jwt", " jwt "] {
            assert!(is_jwt(Some(format), "00D000000000001!AQ0.x.y"), "{format}");
        }
        assert!(!is_jwt(Some("opaque"), "00D000000000001!AQ0"));
        assert!(!is_jwt(None, "00D000000000001!AQ0"));
        assert!(!is_jwt(Some(""), "00D000000000001!AQ0"));
    }

    #[test]
    fn a_token_of_three_base64url_parts_is_a_jwt() {
        assert!(is_jwt(None, JWT));
        assert!(is_jwt(Some("opaque"), JWT), "the token's shape is enough");
        assert!(
            is_jwt(None, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),
            "unsigned"
        );
    }

    #[test]
    fn an_opaque_token_is_not_a_jwt() {
        // Opaque Salesforce tokens: org id, `!`, then characters that may include dots.
        for token in [
            "00DHn000000058xMAA!AQ0AQGmq3xZ8l0kHb1y5h.Vd9Q2oP_wLZeR7",
            "00D5e000000XXXX!AR8AQ.jH9.abc",
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0", // two parts
            "eyJhbGciOiJSUzI1NiJ9..c2ln",           // no claims
            "eyJh bGci.eyJz.c2ln",                  // a space
            "eyJhbGci.eyJz.c2ln.ZXh0cmE",           // four parts
            "abcd.efgh.ijkl",                       // not a JSON header
            "",
        ] {
            assert!(!is_jwt(None, token), "{token}");
        }
    }

    #[test]
    fn the_warning_carries_the_catalog_title_cause_and_fix() {
        let w = rest_only_warning();
        assert_eq!(w.code, DiagnosisCode::JwtTokenRestOnly);
        assert!(w.title.contains("JWT"), "{}", w.title);
        for fact in [
            "SOAP",
            "Metadata API",
            "Bulk API 1.0",
            "68.0",
            "External Client App Manager",
        ] {
            assert!(w.detail.contains(fact), "{fact}: {}", w.detail);
        }
        assert!(REST_ONLY_NOTE.contains("REST only") && REST_ONLY_NOTE.contains("68.0"));
    }
}
