//! The Metadata API's SOAP endpoint (`POST /services/Soap/m/NN.0`), as far as inspection needs
//! it: `listMetadata` and `readMetadata` of `ExtlClntAppGlobalOauthSettings`, the Settings tab
//! of each External Client App, and of `ConnectedApp` (legacy apps: settings and policies in
//! one). Like a real org, the answers hold the consumer secret: clients must read only what
//! they need.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

use crate::base::reply::escape_html as escape;
use crate::base::setup::{App, Kind, Setup};
use crate::base::state::{Caller, Org};

const GLOBAL_SETTINGS: &str = "ExtlClntAppGlobalOauthSettings";
const CONNECTED_APP: &str = "ConnectedApp";
const ENVELOPE_OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"http://soap.sforce.com/2006/04/metadata\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>";
const ENVELOPE_CLOSE: &str = "</soapenv:Body></soapenv:Envelope>";

fn xml(status: StatusCode, body: String) -> Response {
    let mut resp = Response::new(axum::body::Body::from(format!(
        "{ENVELOPE_OPEN}{body}{ENVELOPE_CLOSE}"
    )));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/xml;charset=UTF-8"),
    );
    resp
}

/// A SOAP fault, sent with status 500 as Salesforce does.
fn fault(code: &str, message: &str) -> Response {
    xml(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!(
            "<soapenv:Fault><faultcode>sf:{code}</faultcode><faultstring>{code}: {}</faultstring></soapenv:Fault>",
            escape(message)
        ),
    )
}

/// What a request asks: the operation, the metadata type and the member names.
struct Call {
    session: String,
    operation: String,
    /// The metadata types asked for: one for readMetadata, up to three queries of listMetadata.
    kinds: Vec<String>,
    names: Vec<String>,
}

fn parse(body: &str) -> Option<Call> {
    let doc = roxmltree::Document::parse(body).ok()?;
    let text_of = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(|t| t.trim().to_string())
    };
    let soap_body = doc.descendants().find(|n| n.tag_name().name() == "Body")?;
    let operation = soap_body.children().find(|n| n.is_element())?;
    Some(Call {
        session: text_of("sessionId")?,
        operation: operation.tag_name().name().to_string(),
        kinds: operation
            .descendants()
            .filter(|n| n.tag_name().name() == "type")
            .filter_map(|n| n.text().map(|t| t.trim().to_string()))
            .collect(),
        names: operation
            .descendants()
            .filter(|n| n.tag_name().name() == "fullNames")
            .filter_map(|n| n.text().map(|t| t.trim().to_string()))
            .collect(),
    })
}

/// `POST /services/Soap/m/{version}`.
pub(crate) async fn soap(
    State(org): State<Arc<Org>>,
    Path(version): Path<String>,
    body: Bytes,
) -> Response {
    if crate::base::version::parse_version(&format!("v{version}")).is_none() {
        return fault(
            "UNKNOWN_EXCEPTION",
            &format!("Unsupported API version {version}"),
        );
    }
    let Some(call) = parse(&String::from_utf8_lossy(&body)) else {
        return fault(
            "INVALID_SOAP",
            "The request is not a SOAP envelope with a SessionHeader",
        );
    };
    match org.caller(&call.session) {
        Some(Caller::Admin) => {}
        Some(Caller::LimitedAdmin)
            if !call
                .kinds
                .iter()
                .any(|k| k == GLOBAL_SETTINGS || k == CONNECTED_APP) => {}
        Some(Caller::LimitedAdmin) => {
            return fault(
                "INSUFFICIENT_ACCESS",
                &format!(
                    "insufficient access rights to read {}",
                    call.kinds.join(", ")
                ),
            )
        }
        _ => {
            return fault(
                "INVALID_SESSION_ID",
                "Invalid Session ID found in SessionHeader: Illegal Session",
            )
        }
    }
    let setup = Setup::of(&org, org.scenario());
    let kind_of = |name: &str| match name {
        GLOBAL_SETTINGS => Some(Kind::External),
        CONNECTED_APP => Some(Kind::Connected),
        _ => None,
    };
    let kinds: Vec<Kind> = call.kinds.iter().filter_map(|k| kind_of(k)).collect();
    let apps: Vec<&App> = setup
        .apps
        .iter()
        .filter(|a| kinds.contains(&a.kind))
        .collect();
    let member = |a: &App| match a.kind {
        Kind::External => a.global_settings_name,
        Kind::Connected => a.developer_name,
    };
    match call.operation.as_str() {
        "listMetadata" => {
            let results: String = apps
                .iter()
                .map(|a| {
                    format!(
                        "<result><fileName>{0}</fileName><fullName>{1}</fullName><id>{2}</id><manageableState>unmanaged</manageableState><type>{3}</type></result>",
                        match a.kind {
                            Kind::External => format!("extlClntAppGlobalOauthSets/{}.ecaGlblOauth", member(a)),
                            Kind::Connected => format!("connectedApps/{}.connectedApp", member(a)),
                        },
                        member(a),
                        a.id,
                        match a.kind {
                            Kind::External => GLOBAL_SETTINGS,
                            Kind::Connected => CONNECTED_APP,
                        }
                    )
                })
                .collect();
            xml(
                StatusCode::OK,
                format!("<listMetadataResponse>{results}</listMetadataResponse>"),
            )
        }
        "readMetadata" => {
            let records: String = apps
                .iter()
                .filter(|a| call.names.iter().any(|n| n == member(a)))
                .map(|a| match a.kind {
                    Kind::Connected => connected_app(a),
                    Kind::External => format!(
                        "<records xsi:type=\"{GLOBAL_SETTINGS}\"><fullName>{}</fullName><callbackUrl>https://localhost/callback</callbackUrl><consumerKey>{}</consumerKey><consumerSecret>{}</consumerSecret><externalClientApplication>{}</externalClientApplication><isClientCredentialsFlowEnabled>{}</isClientCredentialsFlowEnabled><isConsumerSecretOptional>false</isConsumerSecretOptional><isIntrospectAllTokens>false</isIntrospectAllTokens><isPkceRequired>true</isPkceRequired><isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken><label>{}</label></records>",
                        a.global_settings_name,
                        escape(&a.consumer_key),
                        escape(&a.consumer_secret),
                        a.developer_name,
                        a.settings_flow,
                        escape(a.label),
                    ),
                })
                .collect();
            xml(
                StatusCode::OK,
                format!("<readMetadataResponse><result>{records}</result></readMetadataResponse>"),
            )
        }
        other => fault(
            "INVALID_OPERATION",
            &format!("{other} is not offered by this practice org"),
        ),
    }
}

/// A Connected App's metadata: its OAuth settings, policies and pre-authorized sets in one.
fn connected_app(a: &App) -> String {
    let scopes: String = a
        .scopes
        .iter()
        .map(|s| format!("<scopes>{}</scopes>", s.connected_app_name()))
        .collect();
    let run_as = a
        .run_as
        .as_deref()
        .map(|u| {
            format!(
                "<oauthClientCredentialUser>{}</oauthClientCredentialUser>",
                escape(u)
            )
        })
        .unwrap_or_default();
    let sets: String = a
        .preauthorized_names
        .iter()
        .map(|n| format!("<permissionSetName>{n}</permissionSetName>"))
        .collect();
    format!(
        "<records xsi:type=\"ConnectedApp\"><fullName>{}</fullName><contactEmail>admin@practice-org.example</contactEmail><label>{}</label><oauthConfig><callbackUrl>https://localhost/callback</callbackUrl><consumerKey>{}</consumerKey><consumerSecret>{}</consumerSecret><isAdminApproved>{}</isAdminApproved><isClientCredentialEnabled>{}</isClientCredentialEnabled>{run_as}{scopes}</oauthConfig><oauthPolicy><ipRelaxation>{}</ipRelaxation><refreshTokenPolicy>infinite</refreshTokenPolicy></oauthPolicy>{sets}</records>",
        a.developer_name,
        escape(a.label),
        escape(&a.consumer_key),
        escape(&a.consumer_secret),
        a.admin_approved_only,
        a.settings_flow && a.policies_flow,
        a.ip_policy.to_ascii_uppercase(),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn requests_parse() {
        let body = r#"<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="http://soap.sforce.com/2006/04/metadata"><soapenv:Header><met:SessionHeader><met:sessionId>TOKEN</met:sessionId></met:SessionHeader></soapenv:Header><soapenv:Body><met:readMetadata><met:type>ExtlClntAppGlobalOauthSettings</met:type><met:fullNames>A</met:fullNames><met:fullNames>B</met:fullNames></met:readMetadata></soapenv:Body></soapenv:Envelope>"#;
        let call = parse(body).unwrap();
        assert_eq!(
            (
                call.session.as_str(),
                call.operation.as_str(),
                call.kinds.clone()
            ),
            ("TOKEN", "readMetadata", vec![GLOBAL_SETTINGS.to_string()])
        );
        assert_eq!(call.names, ["A", "B"]);
        let list = body.replace("<met:readMetadata><met:type>ExtlClntAppGlobalOauthSettings</met:type><met:fullNames>A</met:fullNames><met:fullNames>B</met:fullNames></met:readMetadata>", "<met:listMetadata><met:queries><met:type>ExtlClntAppGlobalOauthSettings</met:type></met:queries><met:queries><met:type>ConnectedApp</met:type></met:queries><met:asOfVersion>68.0</met:asOfVersion></met:listMetadata>");
        assert_eq!(
            parse(&list).unwrap().kinds,
            [GLOBAL_SETTINGS, CONNECTED_APP]
        );
        assert!(parse("<not-soap/>").is_none());
    }
}
