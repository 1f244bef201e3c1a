//! Salesforce-looking identifiers, credentials and timestamps.

use std::time::{SystemTime, UNIX_EPOCH};

use rand::distr::{Alphanumeric, SampleString};
use rand::RngExt;

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// An 18-character record id: key prefix, a fake pod/instance part, a base-62 serial, and the
/// real case-safe checksum suffix, so clients that validate ids accept it.
pub(crate) fn record_id(prefix: &str, serial: u64) -> String {
    let mut digits = Vec::new();
    let mut n = serial;
    for _ in 0..6 {
        digits.push(BASE62[(n % 62) as usize]);
        n /= 62;
    }
    digits.reverse();
    let mut id15 = format!("{prefix}Hn0000");
    id15.truncate(9);
    while id15.len() < 9 {
        id15.push('0');
    }
    id15.push_str(&String::from_utf8_lossy(&digits));
    let suffix = checksum(&id15);
    id15 + &suffix
}

/// The 3-character suffix that turns a 15-character id into the 18-character form.
pub(crate) fn checksum(id15: &str) -> String {
    const MAP: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    id15.as_bytes()
        .chunks(5)
        .map(|chunk| {
            let bits = chunk
                .iter()
                .enumerate()
                .filter(|(_, c)| c.is_ascii_uppercase())
                .fold(0usize, |acc, (i, _)| acc | (1 << i));
            MAP[bits] as char
        })
        .collect()
}

/// A consumer key shaped like a real one ("3MVG9" and 80 more characters).
pub(crate) fn consumer_key() -> String {
    let mut rng = rand::rng();
    let tail: String = (0..80)
        .map(|_| {
            let pool = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
            pool[rng.random_range(0..pool.len())] as char
        })
        .collect();
    format!("3MVG9{tail}")
}

/// A consumer secret shaped like a real one (64 upper-case hex digits).
pub(crate) fn consumer_secret() -> String {
    let mut rng = rand::rng();
    (0..64)
        .map(|_| char::from(b"0123456789ABCDEF"[rng.random_range(0..16)]))
        .collect()
}

/// An opaque access token: `<org id>!` then random characters, like a real session id.
pub(crate) fn access_token(org_id: &str) -> String {
    let org15 = org_id.get(..15).unwrap_or(org_id);
    format!(
        "{org15}!AQ{}",
        Alphanumeric.sample_string(&mut rand::rng(), 94)
    )
}

/// A JWT-format access token (`token_format: "jwt"`): header.payload.signature, base64url.
pub(crate) fn jwt_access_token(org_id: &str, user_id: &str) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","typ":"JWT","kid":"CORE_ATJWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(
        format!(
            r#"{{"iss":"https://login.salesforce.com","sub":"{user_id}","aud":"{org_id}","scp":"api openid id","iat":{}}}"#,
            now_ms() / 1000
        )
        .as_bytes(),
    );
    let signature = Alphanumeric.sample_string(&mut rand::rng(), 86);
    format!("{header}.{payload}.{signature}")
}

pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Salesforce's datetime format: `2026-11-20T10:15:30.000+0000`.
pub(crate) fn sf_datetime(ms: u64) -> String {
    let at = i64::try_from(ms / 1000)
        .ok()
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{}T{:02}:{:02}:{:02}.{:03}+0000",
        at.date(),
        at.hour(),
        at.minute(),
        at.second(),
        ms % 1000
    )
}

/// Whether `s` is a `YYYY-MM-DD` date with a plausible month and day.
pub(crate) fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    matches!(
        (num(y, 4), num(m, 2), num(d, 2)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn checksum_matches_known_salesforce_ids() {
        // Known 15 → 18 pairs from Salesforce documentation and forums.
        assert_eq!(checksum("001A0000006Vm9r"), "IAC");
        assert_eq!(checksum("003000000000000"), "AAA");
    }

    #[test]
    fn record_ids_have_prefix_length_and_are_distinct() {
        let a = record_id("001", 1);
        let b = record_id("001", 2);
        assert_eq!(a.len(), 18);
        assert!(a.starts_with("001"));
        assert_ne!(a, b);
        assert_eq!(&a[15..], checksum(&a[..15]));
        assert!(record_id("a0X", 7).starts_with("a0X"));
    }

    #[test]
    fn credentials_look_real() {
        let key = consumer_key();
        assert!(key.starts_with("3MVG9") && key.len() == 85);
        let secret = consumer_secret();
        assert_eq!(secret.len(), 64);
        assert!(secret.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(consumer_secret(), secret);
        let tok = access_token(&record_id("00D", 1));
        assert_eq!(&tok[15..18], "!AQ");
    }

    #[test]
    fn dates_format_like_salesforce() {
        assert_eq!(sf_datetime(0), "1970-01-01T00:00:00.000+0000");
        assert_eq!(
            sf_datetime(1_795_000_000_123),
            "2026-11-18T11:06:40.123+0000"
        );
        assert_eq!(sf_datetime(951_782_400_000), "2000-02-29T00:00:00.000+0000");
        assert!(is_date("2026-12-31"));
        assert!(!is_date("2026-13-01") && !is_date("tomorrow") && !is_date("2026-1-01"));
    }
}
