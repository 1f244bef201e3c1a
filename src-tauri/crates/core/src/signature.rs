//! Token signature: `base64(HMAC-SHA256(key = consumer secret, message = id + issued_at))`,
//! compared in constant time (`verify_slice`), so a wrong guess leaks nothing through timing.

use crate::secret::Secret;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// What the check of a token response's `signature` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureCheck {
    /// The signature matches `id + issued_at` under the consumer secret.
    Valid,
    /// Salesforce "can include" a signature; none came, so there is nothing to verify.
    Absent,
    /// The signature is not valid base64 of a 32-byte MAC.
    Malformed,
    /// Well-formed, but computed with another secret or over other values.
    Mismatch,
}

/// Check `signature` (as sent in the token response) against the consumer secret.
pub fn verify(
    secret: &Secret,
    id: &str,
    issued_at: &str,
    signature: Option<&str>,
) -> SignatureCheck {
    let Some(signature) = signature.map(str::trim).filter(|s| !s.is_empty()) else {
        return SignatureCheck::Absent;
    };
    let Ok(expected) = STANDARD.decode(signature) else {
        return SignatureCheck::Malformed;
    };
    if expected.len() != 32 {
        return SignatureCheck::Malformed;
    }
    // HMAC accepts keys of any length, so this only fails on an impossible key type.
    let Ok(mut mac) = HmacSha256::new_from_slice(secret.expose().as_bytes()) else {
        return SignatureCheck::Mismatch;
    };
    mac.update(id.as_bytes());
    mac.update(issued_at.as_bytes());
    match mac.verify_slice(&expected) {
        Ok(()) => SignatureCheck::Valid,
        Err(_) => SignatureCheck::Mismatch,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const ID: &str = "https://login.salesforce.com/id/00D5g000004ABCDEAS/0055g000007XYZAAA2";
    const ISSUED_AT: &str = "1764000000000";

    /// Computed here with the same primitives, independently of `verify`.
    fn sign(key: &str, message: &str) -> String {
        let mut mac = HmacSha256::new_from_slice(key.as_bytes()).unwrap();
        mac.update(message.as_bytes());
        STANDARD.encode(mac.finalize().into_bytes())
    }

    #[test]
    fn rfc4231_vector_matches_the_primitive() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let mut mac = HmacSha256::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // The same MAC through `verify`: id + issued_at is the concatenated message.
        let sig = STANDARD.encode(
            [
                0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95,
                0x75, 0xc7, 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9,
                0x64, 0xec, 0x38, 0x43,
            ]
            .as_slice(),
        );
        let check = verify(
            &Secret::new("Jefe"),
            "what do ya want ",
            "for nothing?",
            Some(&sig),
        );
        assert_eq!(check, SignatureCheck::Valid);
    }

    #[test]
    fn valid_signature_over_id_and_issued_at() {
        let secret = Secret::new("5A8C1F0E9D7B6A5F4E3D2C1B0A998877");
        let sig = sign(secret.expose(), &format!("{ID}{ISSUED_AT}"));
        assert_eq!(
            verify(&secret, ID, ISSUED_AT, Some(&sig)),
            SignatureCheck::Valid
        );
    }

    #[test]
    fn other_secret_or_values_mismatch() {
        let secret = Secret::new("right-secret-value");
        let sig = sign("wrong-secret-value", &format!("{ID}{ISSUED_AT}"));
        assert_eq!(
            verify(&secret, ID, ISSUED_AT, Some(&sig)),
            SignatureCheck::Mismatch
        );
        let sig = sign(secret.expose(), &format!("{ID}1764000000001"));
        assert_eq!(
            verify(&secret, ID, ISSUED_AT, Some(&sig)),
            SignatureCheck::Mismatch
        );
    }

    #[test]
    fn absent_and_malformed_are_told_apart() {
        let secret = Secret::new("s");
        assert_eq!(verify(&secret, ID, ISSUED_AT, None), SignatureCheck::Absent);
        assert_eq!(
            verify(&secret, ID, ISSUED_AT, Some("  ")),
            SignatureCheck::Absent
        );
        assert_eq!(
            verify(&secret, ID, ISSUED_AT, Some("not base64!")),
            SignatureCheck::Malformed
        );
        assert_eq!(
            verify(&secret, ID, ISSUED_AT, Some(&STANDARD.encode(b"short"))),
            SignatureCheck::Malformed
        );
    }
}
