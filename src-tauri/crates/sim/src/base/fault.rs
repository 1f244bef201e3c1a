//! Faults injected into one request of a run: the Nth request the org receives (`/__sim/`
//! excepted, a composite call's parts counted with their call) answers a 500, has its
//! connection cut mid-answer, stalls, or is an HTML page instead of JSON.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

use crate::base::reply;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// `500` with Salesforce's UNKNOWN_EXCEPTION error array (the work not done).
    ServerError,
    /// The work is done, then the answer's connection is cut before its body.
    Reset,
    /// The work is done, then no answer for a long time (longer than any client timeout).
    Stall,
    /// `200` with an HTML login page where JSON belongs (a proxy's or SSO page).
    Html,
}

impl FaultKind {
    pub const ALL: [FaultKind; 4] = [
        FaultKind::ServerError,
        FaultKind::Reset,
        FaultKind::Stall,
        FaultKind::Html,
    ];

    /// True when the org does the request's work before the fault (its answer is lost).
    pub fn after_the_work(self) -> bool {
        matches!(self, FaultKind::Reset | FaultKind::Stall)
    }

    pub fn name(self) -> &'static str {
        match self {
            FaultKind::ServerError => "500",
            FaultKind::Reset => "reset",
            FaultKind::Stall => "stall",
            FaultKind::Html => "html",
        }
    }
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A fault at the `at`-th request (1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fault {
    pub kind: FaultKind,
    pub at: usize,
}

impl FromStr for Fault {
    type Err = String;

    /// `KIND@N`, e.g. `reset@3`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (kind, at) = s
            .split_once('@')
            .ok_or_else(|| format!("'{s}': write KIND@N, e.g. 500@3"))?;
        let kind = FaultKind::ALL
            .into_iter()
            .find(|k| k.name() == kind)
            .ok_or_else(|| format!("'{kind}': the faults are 500, reset, stall, html"))?;
        let at = at
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("'{at}': the request number counts from 1"))?;
        Ok(Fault { kind, at })
    }
}

/// How long a stalled request waits before it answers anyway.
pub(crate) const STALL: Duration = Duration::from_secs(60);

pub(crate) async fn answer(kind: FaultKind) -> Response {
    match kind {
        FaultKind::ServerError => reply::rest_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "UNKNOWN_EXCEPTION",
            "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)",
            &[],
        ),
        FaultKind::Reset => {
            let body = Body::from_stream(futures_stream());
            let mut resp = Response::new(body);
            resp.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json;charset=UTF-8"),
            );
            resp
        }
        FaultKind::Stall => {
            tokio::time::sleep(STALL).await;
            reply::rest_error(StatusCode::SERVICE_UNAVAILABLE, "SERVER_UNAVAILABLE", "stalled", &[])
        }
        FaultKind::Html => reply::html(
            StatusCode::OK,
            "<!DOCTYPE html><html><head><title>Login | Salesforce</title></head><body><form id=\"login_form\"></form></body></html>".to_string(),
        ),
    }
}

/// A body that fails at once: hyper cuts the connection.
fn futures_stream() -> impl futures_core::Stream<Item = Result<Bytes, std::io::Error>> {
    struct Cut(bool);
    impl futures_core::Stream for Cut {
        type Item = Result<Bytes, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            if self.0 {
                return std::task::Poll::Ready(None);
            }
            self.0 = true;
            std::task::Poll::Ready(Some(Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "fault injected: connection reset",
            ))))
        }
    }
    Cut(false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn faults_parse() {
        assert_eq!(
            "reset@3".parse::<Fault>().unwrap(),
            Fault {
                kind: FaultKind::Reset,
                at: 3
            }
        );
        assert_eq!(
            "500@1".parse::<Fault>().unwrap().kind,
            FaultKind::ServerError
        );
        assert!("reset@0".parse::<Fault>().is_err());
        assert!("boom@2"
            .parse::<Fault>()
            .unwrap_err()
            .contains("500, reset, stall, html"));
        assert!("3".parse::<Fault>().is_err());
    }
}
