//! The SOAP envelope of the Metadata API: reading a request (session, operation, its
//! arguments) and writing answers and faults as Salesforce does.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

use crate::base::reply::escape_html as escape;

const ENVELOPE_OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns=\"http://soap.sforce.com/2006/04/metadata\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>";
const ENVELOPE_CLOSE: &str = "</soapenv:Body></soapenv:Envelope>";

pub(crate) fn xml(status: StatusCode, body: String) -> Response {
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

/// `<NAMEResponse><result>…</result></NAMEResponse>`, 200.
pub(crate) fn answer(operation: &str, result: &str) -> Response {
    xml(
        StatusCode::OK,
        format!("<{operation}Response>{result}</{operation}Response>"),
    )
}

/// A SOAP fault, sent with status 500 as Salesforce does.
pub(crate) fn fault(code: &str, message: &str) -> Response {
    xml(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!(
            "<soapenv:Fault><faultcode>sf:{code}</faultcode><faultstring>{code}: {}</faultstring></soapenv:Fault>",
            escape(message)
        ),
    )
}

/// What a request asks: the operation and its arguments.
pub(crate) struct Call {
    pub session: String,
    pub operation: String,
    /// The metadata types asked for: one for readMetadata, up to three queries of listMetadata.
    pub kinds: Vec<String>,
    pub names: Vec<String>,
    /// deploy: the base64 zip.
    pub zip: Option<String>,
    /// checkDeployStatus, cancelDeploy: the deploy's id (`asyncProcessId` / `String`).
    pub process_id: Option<String>,
    /// deploy: its `DeployOptions` (name, value), as sent.
    pub options: Vec<(String, String)>,
}

impl Call {
    /// Whether a `DeployOptions` flag is `true`.
    pub fn option(&self, name: &str) -> bool {
        self.options.iter().any(|(n, v)| n == name && v == "true")
    }
}

pub(crate) fn parse(body: &str) -> Option<Call> {
    let doc = roxmltree::Document::parse(body).ok()?;
    let text_of = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(|t| t.trim().to_string())
    };
    let soap_body = doc.descendants().find(|n| n.tag_name().name() == "Body")?;
    let operation = soap_body.children().find(|n| n.is_element())?;
    let texts = |name: &str| -> Vec<String> {
        operation
            .descendants()
            .filter(|n| n.tag_name().name() == name)
            .filter_map(|n| n.text().map(|t| t.trim().to_string()))
            .collect()
    };
    Some(Call {
        session: text_of("sessionId")?,
        operation: operation.tag_name().name().to_string(),
        kinds: texts("type"),
        names: texts("fullNames"),
        zip: text_of("ZipFile"),
        process_id: text_of("asyncProcessId").or_else(|| text_of("String")),
        options: operation
            .descendants()
            .find(|n| n.tag_name().name() == "DeployOptions")
            .map(|o| {
                o.children()
                    .filter(|n| n.is_element())
                    .map(|n| {
                        let value = n.text().map(str::trim).unwrap_or_default();
                        (n.tag_name().name().to_string(), value.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
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
            (
                "TOKEN",
                "readMetadata",
                vec!["ExtlClntAppGlobalOauthSettings".to_string()]
            )
        );
        assert_eq!(call.names, ["A", "B"]);
        let list = body.replace("<met:readMetadata><met:type>ExtlClntAppGlobalOauthSettings</met:type><met:fullNames>A</met:fullNames><met:fullNames>B</met:fullNames></met:readMetadata>", "<met:listMetadata><met:queries><met:type>ExtlClntAppGlobalOauthSettings</met:type></met:queries><met:queries><met:type>ConnectedApp</met:type></met:queries><met:asOfVersion>68.0</met:asOfVersion></met:listMetadata>");
        assert_eq!(
            parse(&list).unwrap().kinds,
            ["ExtlClntAppGlobalOauthSettings", "ConnectedApp"]
        );
        let deploy = body.replace("<met:readMetadata><met:type>ExtlClntAppGlobalOauthSettings</met:type><met:fullNames>A</met:fullNames><met:fullNames>B</met:fullNames></met:readMetadata>", "<met:deploy><met:ZipFile>UEsF</met:ZipFile><met:DeployOptions><met:singlePackage>true</met:singlePackage></met:DeployOptions></met:deploy>");
        let call = parse(&deploy).unwrap();
        assert_eq!(call.zip.as_deref(), Some("UEsF"));
        assert!(call.option("singlePackage") && !call.option("checkOnly"));
        let status = body.replace("<met:readMetadata><met:type>ExtlClntAppGlobalOauthSettings</met:type><met:fullNames>A</met:fullNames><met:fullNames>B</met:fullNames></met:readMetadata>", "<met:checkDeployStatus><met:asyncProcessId>0Af1</met:asyncProcessId><met:includeDetails>true</met:includeDetails></met:checkDeployStatus>");
        assert_eq!(parse(&status).unwrap().process_id.as_deref(), Some("0Af1"));
        assert!(parse("<not-soap/>").is_none());
    }
}
