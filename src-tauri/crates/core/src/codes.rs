//! The closed vocabularies of a diagnosis, shared with the UI and tools: every catalog code
//! ([`DiagnosisCode`], generated from the entries of `catalog.toml`) and how a body read
//! ([`BodyKind`]). Codes are the CLI's `diagnosis.code`: never rename one.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A closed set of stable codes generated from the catalogue data (build.rs writes one
/// invocation per enum into OUT_DIR): the enum, `ALL` in file order, `as_str` and `parse`.
macro_rules! code_enum {
    (#[doc = $enum_doc:literal] $name:ident { $(#[doc = $doc:literal] $variant:ident = $code:literal,)* }) => {
        #[doc = $enum_doc]
        #[derive(
            serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ts_rs::TS,
        )]
        pub enum $name {
            $(#[doc = $doc] #[serde(rename = $code)] $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The code as JSON and the catalogue spell it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)*
                }
            }

            /// The code for `text`, if it is one.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($code => Some($name::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

pub(crate) use code_enum;

include!(concat!(env!("OUT_DIR"), "/diagnosis_codes.rs"));

impl std::fmt::Display for DiagnosisCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tools and tests compare codes with their JSON spelling.
impl PartialEq<&str> for DiagnosisCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for DiagnosisCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// How a body read, named in the raw details so a diagnosis says what came back.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    Json,
    Html,
    Text,
    /// JSON cut short at the size limit.
    TruncatedJson,
    Empty,
    /// No answer at all (DNS, connect, TLS, timeout, redirect refused).
    NoResponse,
}

impl BodyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BodyKind::Json => "json",
            BodyKind::Html => "html",
            BodyKind::Text => "text",
            BodyKind::TruncatedJson => "truncated_json",
            BodyKind::Empty => "empty",
            BodyKind::NoResponse => "no_response",
        }
    }

    /// As the admin reads it: "a JSON body", "an HTML page", …
    pub fn phrase(self) -> &'static str {
        match self {
            BodyKind::Json => "a JSON body",
            BodyKind::Html => "an HTML page",
            BodyKind::Text => "plain text",
            BodyKind::TruncatedJson => "JSON cut short at the size limit",
            BodyKind::Empty => "an empty body",
            BodyKind::NoResponse => "no answer",
        }
    }
}

impl PartialEq<&str> for BodyKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A stored code that this version does not know (written by a newer one) reads as
/// `unknown_response` instead of making the whole profile list unreadable.
pub fn lenient_code<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DiagnosisCode>, D::Error> {
    let text: Option<String> = Option::deserialize(deserializer)?;
    Ok(text.map(|t| DiagnosisCode::parse(&t).unwrap_or(DiagnosisCode::UnknownResponse)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_are_the_codes() {
        for code in DiagnosisCode::ALL {
            assert_eq!(
                serde_json::to_string(code).unwrap(),
                format!("\"{}\"", code.as_str())
            );
            assert_eq!(DiagnosisCode::parse(code.as_str()), Some(*code));
        }
        assert_eq!(DiagnosisCode::parse("martian"), None);
        for kind in [
            BodyKind::Json,
            BodyKind::TruncatedJson,
            BodyKind::NoResponse,
        ] {
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
    }
}
