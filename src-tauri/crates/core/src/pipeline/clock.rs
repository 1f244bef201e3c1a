//! UTC wall-clock text of a run (RFC 3339 time to the second, ISO date), from the `time` crate.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// A moment in UTC, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Utc(OffsetDateTime);

impl Utc {
    pub fn now() -> Self {
        Self::from_unix(u64::try_from(OffsetDateTime::now_utc().unix_timestamp()).unwrap_or(0))
    }

    /// Seconds since 1970-01-01 UTC; beyond the year 9999, 1970 (no clock reads that).
    pub fn from_unix(secs: u64) -> Self {
        let secs = i64::try_from(secs).unwrap_or(0);
        Utc(OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH))
    }

    /// Seconds since 1970-01-01 UTC.
    pub fn unix(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// `2026-11-23`
    pub fn date(&self) -> String {
        self.0.date().to_string()
    }

    pub fn hour(&self) -> u8 {
        self.0.hour()
    }

    pub fn minute(&self) -> u8 {
        self.0.minute()
    }

    /// `2026-11-23T11:22:33Z`
    pub fn rfc3339(&self) -> String {
        // Formatting fails only for years RFC 3339 cannot write (before 0, after 9999), which
        // `from_unix` never makes.
        self.0.format(&Rfc3339).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(Utc::from_unix(0).rfc3339(), "1970-01-01T00:00:00Z");
        // 2000-02-29 (leap day) 12:34:56.
        assert_eq!(
            Utc::from_unix(951_827_696).rfc3339(),
            "2000-02-29T12:34:56Z"
        );
        // 2026-11-23.
        assert_eq!(Utc::from_unix(1_795_392_000).date(), "2026-11-23");
        assert_eq!(Utc::from_unix(1_795_392_000 + 9).date(), "2026-11-23");
    }

    #[test]
    fn now_is_whole_seconds() {
        let now = Utc::now().rfc3339();
        assert_eq!(now.len(), "2026-11-23T11:22:33Z".len(), "{now}");
        assert!(now.ends_with('Z'), "{now}");
    }
}
