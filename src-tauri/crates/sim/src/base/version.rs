//! The API versions the org serves (v31.0 to v68.0, as a Winter '27 org lists them), how a
//! path names one, and the release each is.

/// The oldest version the org lists (Salesforce retired the older ones).
pub(crate) const OLDEST: u32 = 31;
/// The newest: what `latest` means.
pub(crate) const LATEST: u32 = 68;

/// The API version of the request, e.g. `"68.0"` (`latest` resolved).
#[derive(Clone, Debug)]
pub(crate) struct ApiVersion(pub String);

/// `vNN.0` (within the versions the org lists) or `latest`.
pub(crate) fn parse_version(segment: &str) -> Option<String> {
    if segment == "latest" {
        return Some(format!("{LATEST}.0"));
    }
    let number = segment.strip_prefix('v')?.strip_suffix(".0")?;
    let n: u32 = number.parse().ok()?;
    (number.len() == 2 && (OLDEST..=LATEST).contains(&n)).then(|| format!("{n}.0"))
}

/// The release name of an API version: v65 is Winter '26, three releases a year.
pub(crate) fn release_label(version: u32) -> String {
    let k = i64::from(version) - 65;
    let season = ["Winter", "Spring", "Summer"][k.rem_euclid(3) as usize];
    format!("{season} '{:02}", 26 + k.div_euclid(3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_labels() {
        assert_eq!(parse_version("v68.0").as_deref(), Some("68.0"));
        assert_eq!(parse_version("latest").as_deref(), Some("68.0"));
        assert_eq!(parse_version("v31.0").as_deref(), Some("31.0"));
        for bad in ["v69.0", "v30.0", "68.0", "v68", "v68.1", "vx.0", ""] {
            assert_eq!(parse_version(bad), None, "{bad}");
        }
        assert_eq!(release_label(68), "Winter '27");
        assert_eq!(release_label(67), "Summer '26");
        assert_eq!(release_label(66), "Spring '26");
        assert_eq!(release_label(65), "Winter '26");
        assert_eq!(release_label(31), "Summer '14");
    }
}
