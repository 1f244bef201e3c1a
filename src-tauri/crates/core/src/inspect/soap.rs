//! The Metadata API calls inspection makes (`listMetadata`, `readMetadata`) and the parts of
//! their answers it keeps. A `readMetadata` answer of an app's global OAuth settings holds the
//! consumer secret: only the named elements below are read, and nothing else is kept.

use crate::salesforce::errors::RestErrorCode;
use crate::salesforce::ApiVersion;

/// What a Metadata API answer was.
#[derive(Debug, PartialEq)]
pub(crate) enum Answer<T> {
    Ok(T),
    /// A SOAP fault: `sf:CODE` without the prefix, and its message.
    Fault {
        code: RestErrorCode,
        message: String,
    },
    /// Not a SOAP answer at all (an HTML page, cut short, …).
    Unreadable,
}

/// One app's Settings tab, as `ExtlClntAppGlobalOauthSettings` holds it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GlobalSettings {
    pub full_name: String,
    pub app_name: String,
    pub consumer_key: String,
    pub client_credentials_enabled: Option<bool>,
}

/// A legacy Connected App's OAuth settings, policies and pre-authorized sets.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ConnectedAppSettings {
    pub full_name: String,
    pub label: String,
    pub consumer_key: String,
    pub client_credentials_enabled: Option<bool>,
    pub run_as: Option<String>,
    pub scopes: Vec<String>,
    pub admin_approved: Option<bool>,
    pub ip_relaxation: Option<String>,
    pub profiles: Vec<String>,
    pub permission_sets: Vec<String>,
}

pub(crate) const GLOBAL_SETTINGS: &str = "ExtlClntAppGlobalOauthSettings";
pub(crate) const CONNECTED_APP: &str = "ConnectedApp";
/// `readMetadata` takes up to ten names per call.
pub(crate) const READ_BATCH: usize = 10;

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One `listMetadata` call for several types (Salesforce takes up to three queries a call).
pub(crate) fn list_operation(kinds: &[&str], version: ApiVersion) -> String {
    let queries: String = kinds
        .iter()
        .map(|k| {
            format!(
                "<met:queries><met:type>{}</met:type></met:queries>",
                escape(k)
            )
        })
        .collect();
    format!(
        "<met:listMetadata>{queries}<met:asOfVersion>{}</met:asOfVersion></met:listMetadata>",
        version
    )
}

pub(crate) fn read_operation(kind: &str, names: &[String]) -> String {
    let names: String = names
        .iter()
        .map(|n| format!("<met:fullNames>{}</met:fullNames>", escape(n)))
        .collect();
    format!(
        "<met:readMetadata><met:type>{}</met:type>{names}</met:readMetadata>",
        escape(kind)
    )
}

pub(crate) fn parse_doc<T>(body: &str, read: impl FnOnce(&roxmltree::Document) -> T) -> Answer<T> {
    let Ok(doc) = roxmltree::Document::parse(body.trim()) else {
        return Answer::Unreadable;
    };
    if doc.root_element().tag_name().name() != "Envelope" {
        return Answer::Unreadable;
    }
    if let Some(fault) = doc.descendants().find(|n| n.tag_name().name() == "Fault") {
        let text = |name: &str| {
            fault
                .descendants()
                .find(|n| n.tag_name().name() == name)
                .and_then(|n| n.text())
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        let code = text("faultcode");
        let code = RestErrorCode::from(code.rsplit(':').next().unwrap_or_default());
        return Answer::Fault {
            code,
            message: text("faultstring"),
        };
    }
    Answer::Ok(read(&doc))
}

pub(crate) fn child_text(node: roxmltree::Node, name: &str) -> Option<String> {
    node.children()
        .find(|n| n.tag_name().name() == name)
        .and_then(|n| n.text())
        .map(|t| t.trim().to_string())
}

/// The members of a `listMetadata` answer: (type, full name); the type is empty when the
/// answer does not say it.
pub(crate) fn parse_list(body: &str) -> Answer<Vec<(String, String)>> {
    parse_doc(body, |doc| {
        doc.descendants()
            .filter(|n| n.tag_name().name() == "result")
            .filter_map(|n| {
                let name = child_text(n, "fullName")?;
                Some((child_text(n, "type").unwrap_or_default(), name))
            })
            .collect()
    })
}

/// The global OAuth settings of a `readMetadata` answer (the secret is never read).
pub(crate) fn parse_read(body: &str) -> Answer<Vec<GlobalSettings>> {
    parse_doc(body, |doc| {
        doc.descendants()
            .filter(|n| n.tag_name().name() == "records")
            .filter_map(|n| {
                Some(GlobalSettings {
                    full_name: child_text(n, "fullName")?,
                    app_name: child_text(n, "externalClientApplication").unwrap_or_default(),
                    consumer_key: child_text(n, "consumerKey").unwrap_or_default(),
                    client_credentials_enabled: child_text(n, "isClientCredentialsFlowEnabled")
                        .map(|v| v.eq_ignore_ascii_case("true")),
                })
            })
            .collect()
    })
}

fn children_text(node: roxmltree::Node, name: &str) -> Vec<String> {
    node.children()
        .filter(|n| n.tag_name().name() == name)
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect()
}

/// The Connected Apps of a `readMetadata` answer (the secret is never read).
pub(crate) fn parse_connected_apps(body: &str) -> Answer<Vec<ConnectedAppSettings>> {
    let flag = |v: Option<String>| v.map(|v| v.eq_ignore_ascii_case("true"));
    parse_doc(body, |doc| {
        doc.descendants()
            .filter(|n| n.tag_name().name() == "records")
            .filter_map(|n| {
                let oauth = n
                    .children()
                    .find(|c| c.tag_name().name() == "oauthConfig")?;
                let policy = n.children().find(|c| c.tag_name().name() == "oauthPolicy");
                Some(ConnectedAppSettings {
                    full_name: child_text(n, "fullName")?,
                    label: child_text(n, "label").unwrap_or_default(),
                    consumer_key: child_text(oauth, "consumerKey").unwrap_or_default(),
                    client_credentials_enabled: flag(child_text(
                        oauth,
                        "isClientCredentialEnabled",
                    )),
                    run_as: child_text(oauth, "oauthClientCredentialUser")
                        .filter(|u| !u.is_empty()),
                    scopes: children_text(oauth, "scopes"),
                    admin_approved: flag(child_text(oauth, "isAdminApproved")),
                    ip_relaxation: policy.and_then(|p| child_text(p, "ipRelaxation")),
                    profiles: children_text(n, "profileName"),
                    permission_sets: children_text(n, "permissionSetName"),
                })
            })
            .collect()
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const ENVELOPE: &str = r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"#;

    #[test]
    fn reads_names_settings_and_faults_but_never_the_secret() {
        let list = ENVELOPE.replace("BODY", "<listMetadataResponse><result><fullName>A_glbloauth</fullName><type>ExtlClntAppGlobalOauthSettings</type></result><result><fullName>B</fullName></result></listMetadataResponse>");
        assert_eq!(
            parse_list(&list),
            Answer::Ok(vec![
                (GLOBAL_SETTINGS.into(), "A_glbloauth".into()),
                (String::new(), "B".into())
            ])
        );
        let read = ENVELOPE.replace("BODY", "<readMetadataResponse><result><records xsi:type=\"ExtlClntAppGlobalOauthSettings\"><fullName>A_glbloauth</fullName><consumerKey>3MVGkey</consumerKey><consumerSecret>TOPSECRET</consumerSecret><externalClientApplication>A</externalClientApplication><isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled></records></result></readMetadataResponse>");
        let Answer::Ok(settings) = parse_read(&read) else {
            panic!("not read")
        };
        assert_eq!(settings[0].app_name, "A");
        assert_eq!(settings[0].consumer_key, "3MVGkey");
        assert_eq!(settings[0].client_credentials_enabled, Some(true));
        assert!(!format!("{settings:?}").contains("TOPSECRET"));
        let fault = ENVELOPE.replace("BODY", "<soapenv:Fault><faultcode>sf:INSUFFICIENT_ACCESS</faultcode><faultstring>INSUFFICIENT_ACCESS: no</faultstring></soapenv:Fault>");
        assert_eq!(
            parse_list(&fault),
            Answer::Fault {
                code: "INSUFFICIENT_ACCESS".into(),
                message: "INSUFFICIENT_ACCESS: no".into()
            }
        );
        assert_eq!(parse_list("<html>down</html>"), Answer::Unreadable);
        assert!(read_operation("T", &["a<b".into()]).contains("a&lt;b"));
        let both = list_operation(&[GLOBAL_SETTINGS, CONNECTED_APP], ApiVersion::new(68, 0));
        assert_eq!(both.matches("<met:queries>").count(), 2, "{both}");
        let app = ENVELOPE.replace("BODY", "<readMetadataResponse><result><records xsi:type=\"ConnectedApp\"><fullName>Legacy</fullName><label>Legacy app</label><oauthConfig><consumerKey>3MVGk</consumerKey><consumerSecret>TOPSECRET</consumerSecret><isAdminApproved>true</isAdminApproved><isClientCredentialEnabled>true</isClientCredentialEnabled><oauthClientCredentialUser>int@acme.example</oauthClientCredentialUser><scopes>Api</scopes><scopes>OpenID</scopes></oauthConfig><oauthPolicy><ipRelaxation>ENFORCE</ipRelaxation></oauthPolicy><profileName>Integration</profileName><permissionSetName>Access</permissionSetName></records></result></readMetadataResponse>");
        let Answer::Ok(apps) = parse_connected_apps(&app) else {
            panic!("not read")
        };
        assert_eq!(apps[0].scopes, ["Api", "OpenID"]);
        assert_eq!(apps[0].run_as.as_deref(), Some("int@acme.example"));
        assert_eq!(
            (apps[0].profiles.clone(), apps[0].permission_sets.clone()),
            (vec!["Integration".to_string()], vec!["Access".to_string()])
        );
        assert_eq!(apps[0].ip_relaxation.as_deref(), Some("ENFORCE"));
        assert!(!format!("{apps:?}").contains("TOPSECRET"));
    }
}
