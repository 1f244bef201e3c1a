//! Response shapes shared by the endpoints, exactly as Salesforce sends them.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

pub(crate) const JSON_UTF8: &str = "application/json;charset=UTF-8";

/// A JSON body with Salesforce's content type.
pub(crate) fn json(status: StatusCode, body: &Value) -> Response {
    let mut resp = (status, body.to_string()).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_UTF8));
    resp
}

/// A JSON body sent in 64 KiB chunks (`Transfer-Encoding: chunked`, no `Content-Length`).
pub(crate) fn json_chunked(status: StatusCode, body: &Value) -> Response {
    let bytes = body.to_string().into_bytes();
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        bytes.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    let mut resp = (status, Body::from_stream(futures_stream(chunks))).into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_UTF8));
    resp
}

fn futures_stream(
    chunks: Vec<Result<Vec<u8>, std::io::Error>>,
) -> impl futures_core::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    ChunkStream(chunks.into_iter())
}

/// The chunks of a body, one per poll.
struct ChunkStream(std::vec::IntoIter<Result<Vec<u8>, std::io::Error>>);

impl futures_core::Stream for ChunkStream {
    type Item = Result<Vec<u8>, std::io::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next())
    }
}

/// An OAuth endpoint answer: never cached, like the real token endpoint.
pub(crate) fn oauth_json(status: StatusCode, body: &Value) -> Response {
    let mut resp = json(status, body);
    let h = resp.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache,must-revalidate,max-age=0,no-store,private"),
    );
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    resp
}

/// `400 {"error":…,"error_description":…}` of the OAuth endpoints.
pub(crate) fn oauth_error(error: &str, description: &str) -> Response {
    oauth_json(
        StatusCode::BAD_REQUEST,
        &json!({"error": error, "error_description": description}),
    )
}

/// The REST error array `[{"message":…,"errorCode":…,"fields":[…]}]`.
pub(crate) fn rest_error(
    status: StatusCode,
    code: &str,
    message: &str,
    fields: &[&str],
) -> Response {
    let mut item = json!({"message": message, "errorCode": code});
    if !fields.is_empty() {
        item["fields"] = json!(fields);
    }
    json(status, &Value::Array(vec![item]))
}

pub(crate) fn session_invalid() -> Response {
    rest_error(
        StatusCode::UNAUTHORIZED,
        "INVALID_SESSION_ID",
        "Session expired or invalid",
        &[],
    )
}

pub(crate) fn not_found() -> Response {
    rest_error(
        StatusCode::NOT_FOUND,
        "NOT_FOUND",
        "The requested resource does not exist",
        &[],
    )
}

/// What a user who cannot read an object gets: the object does not exist for them.
pub(crate) fn not_supported(object: &str) -> Response {
    rest_error(
        StatusCode::BAD_REQUEST,
        "INVALID_TYPE",
        &format!("sObject type '{object}' is not supported."),
        &[],
    )
}

/// Plain text, like the identity endpoints' `Bad_OAuth_Token`.
pub(crate) fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut resp = (status, text).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain;charset=UTF-8"),
    );
    resp
}

pub(crate) fn html(status: StatusCode, page: String) -> Response {
    let mut resp = Response::new(Body::from(page));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html;charset=UTF-8"),
    );
    resp
}

/// What the `Authorization` header carries.
pub(crate) enum Bearer {
    Missing,
    /// Present but not `Bearer …` / `OAuth …`.
    Malformed,
    Token(String),
}

pub(crate) fn bearer(headers: &HeaderMap) -> Bearer {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Bearer::Missing;
    };
    let Ok(value) = value.to_str() else {
        return Bearer::Malformed;
    };
    let mut parts = value.trim().splitn(2, ' ');
    let scheme = parts.next().unwrap_or_default();
    let token = parts.next().unwrap_or_default().trim();
    if (scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("oauth"))
        && !token.is_empty()
    {
        Bearer::Token(token.to_string())
    } else {
        Bearer::Malformed
    }
}

/// Minimal HTML escaping for text placed in our pages.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn headers(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn bearer_schemes() {
        assert!(matches!(bearer(&HeaderMap::new()), Bearer::Missing));
        assert!(matches!(bearer(&headers("Bearer abc")), Bearer::Token(t) if t == "abc"));
        assert!(matches!(bearer(&headers("OAuth abc")), Bearer::Token(t) if t == "abc"));
        assert!(matches!(bearer(&headers("Basic abc")), Bearer::Malformed));
        assert!(matches!(bearer(&headers("Bearer ")), Bearer::Malformed));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_html("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
