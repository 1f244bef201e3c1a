//! The Metadata API calls changes make: `deploy` (a base64 zip), `checkDeployStatus` polled with
//! a bounded backoff, and `listMetadata` / `readMetadata` of the app's four types. The envelope
//! and fault parsing are inspection's (`inspect::soap`); answers become typed errors that carry
//! Salesforce's own words.

use super::package::{Component, ComponentKind, Package, PackageError};
use super::{ChangeProgress, Session};
use crate::client::{Body, ClientError, Size};
use crate::inspect::soap::{self, child_text, Answer};
use crate::salesforce::errors::RestErrorCode;
use crate::salesforce::services;
use base64::Engine;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use ts_rs::TS;

/// The first pause between two `checkDeployStatus` calls; each pause grows to at most
/// [`POLL_MAX`], and a deploy not done after [`DEPLOY_BUDGET`] is given up on.
const POLL_FIRST: Duration = Duration::from_secs(1);
const POLL_MAX: Duration = Duration::from_secs(3);
const DEPLOY_BUDGET: Duration = Duration::from_secs(600);

/// One component Salesforce refused, in its words.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct ComponentFailure {
    pub component_type: String,
    pub file_name: String,
    pub full_name: String,
    pub problem: String,
}

impl std::fmt::Display for ComponentFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} ({}): {}",
            self.component_type, self.full_name, self.file_name, self.problem
        )
    }
}

/// What a finished deploy did.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, TS)]
pub struct DeployOutcome {
    pub id: String,
    /// The components deployed (type, full name).
    pub deployed: Vec<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum MetadataError {
    #[error("{}", permission_words(.code, .message))]
    Fault {
        code: RestErrorCode,
        message: String,
    },
    #[error("The org's answer to {request} was not a Metadata API answer (HTTP {status}).")]
    Unreadable { request: String, status: u16 },
    #[error("Could not reach the org: {0}")]
    Network(#[from] ClientError),
    #[error("{0}")]
    Package(#[from] PackageError),
    #[error("Salesforce refused the deploy: {}", list(.0))]
    ComponentFailures(Vec<ComponentFailure>),
    #[error("The deploy {id} ended {status}: {message}")]
    DeployFailed {
        id: String,
        status: String,
        message: String,
    },
    #[error("The deploy {id} was not done after {seconds} s; see Setup > Deployment Status.")]
    TimedOut { id: String, seconds: u64 },
}

fn list(failures: &[ComponentFailure]) -> String {
    failures
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A fault in Salesforce's words; a missing permission also named as Setup names it.
fn permission_words(code: &RestErrorCode, message: &str) -> String {
    if code.is_insufficient_access() {
        format!("{message} (the admin's login needs the \"Modify Metadata Through Metadata API Functions\" or \"Modify All Data\" permission, and \"Customize Application\")")
    } else {
        format!("The Metadata API refused the call: {message}")
    }
}

/// A `checkDeployStatus` answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DeployStatus {
    pub id: String,
    pub done: bool,
    pub status: String,
    pub success: bool,
    pub error_message: Option<String>,
    pub failures: Vec<ComponentFailure>,
    pub successes: Vec<(String, String)>,
}

pub(crate) fn deploy_operation(zip: &[u8]) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(zip);
    format!("<met:deploy><met:ZipFile>{encoded}</met:ZipFile><met:DeployOptions><met:rollbackOnError>true</met:rollbackOnError><met:singlePackage>true</met:singlePackage></met:DeployOptions></met:deploy>")
}

pub(crate) fn status_operation(id: &str) -> String {
    format!("<met:checkDeployStatus><met:asyncProcessId>{}</met:asyncProcessId><met:includeDetails>true</met:includeDetails></met:checkDeployStatus>", soap::escape(id))
}

fn result_node<'a, 'i>(doc: &'a roxmltree::Document<'i>) -> Option<roxmltree::Node<'a, 'i>> {
    doc.descendants().find(|n| n.tag_name().name() == "result")
}

/// The id of a `deployResponse`.
pub(crate) fn parse_deploy(body: &str) -> Answer<Option<String>> {
    soap::parse_doc(body, |doc| {
        result_node(doc).and_then(|r| child_text(r, "id"))
    })
}

pub(crate) fn parse_status(body: &str) -> Answer<Option<DeployStatus>> {
    soap::parse_doc(body, |doc| {
        let result = result_node(doc)?;
        let flag = |name: &str| child_text(result, name).is_some_and(|v| v == "true");
        let details = result
            .children()
            .filter(|n| n.tag_name().name() == "details");
        let mut failures = Vec::new();
        let mut successes = Vec::new();
        for detail in details {
            for node in detail.children() {
                let text = |name: &str| child_text(node, name).unwrap_or_default();
                match node.tag_name().name() {
                    "componentFailures" => failures.push(ComponentFailure {
                        component_type: text("componentType"),
                        file_name: text("fileName"),
                        full_name: text("fullName"),
                        problem: text("problem"),
                    }),
                    "componentSuccesses" if text("fullName") != "package.xml" => {
                        successes.push((text("componentType"), text("fullName")))
                    }
                    _ => {}
                }
            }
        }
        Some(DeployStatus {
            id: child_text(result, "id").unwrap_or_default(),
            done: flag("done"),
            status: child_text(result, "status").unwrap_or_default(),
            success: flag("success"),
            error_message: child_text(result, "errorMessage").filter(|m| !m.is_empty()),
            failures,
            successes,
        })
    })
}

/// The records of a `readMetadata` answer as components: their flat elements, credentials
/// dropped. A record whose type is not one of the four, or that has no full name, is skipped.
pub(crate) fn parse_components(kind: ComponentKind, body: &str) -> Answer<Vec<Component>> {
    soap::parse_doc(body, |doc| {
        doc.descendants()
            .filter(|n| n.tag_name().name() == "records")
            .filter_map(|record| {
                let full_name = child_text(record, "fullName").filter(|n| !n.is_empty())?;
                let fields = record
                    .children()
                    .filter(|n| n.is_element() && !n.children().any(|c| c.is_element()))
                    .map(|n| {
                        (
                            n.tag_name().name().to_string(),
                            n.text().unwrap_or_default().trim().to_string(),
                        )
                    })
                    .collect();
                Some(Component::new(kind, &full_name, fields))
            })
            .collect()
    })
}

impl Session {
    /// One Metadata API call: the answer's status and body.
    async fn soap(&self, operation: &str) -> Result<(u16, String), MetadataError> {
        let path = services::metadata_soap(self.version);
        let resp = self
            .client
            .send_sized(
                Method::POST,
                &path,
                None,
                Body::Soap {
                    session: &self.login.token,
                    operation,
                },
                Size::Large,
            )
            .await?;
        if resp.truncated {
            return Err(MetadataError::Unreadable {
                request: resp.request,
                status: resp.status,
            });
        }
        Ok((resp.status, resp.raw_body().to_string()))
    }

    fn answer<T>(&self, status: u16, answer: Answer<Option<T>>) -> Result<T, MetadataError> {
        match answer {
            Answer::Ok(Some(t)) => Ok(t),
            Answer::Fault { code, message } => Err(MetadataError::Fault {
                code,
                message: self.client.mask(&message),
            }),
            _ => Err(MetadataError::Unreadable {
                request: format!("POST {}", services::metadata_soap(self.version)),
                status,
            }),
        }
    }

    /// The full names of the org's components of `kind`.
    pub(crate) async fn list(&self, kind: ComponentKind) -> Result<Vec<String>, MetadataError> {
        let (status, body) = self
            .soap(&soap::list_operation(&[kind.name()], self.version))
            .await?;
        let members = self.answer(
            status,
            match soap::parse_list(&body) {
                Answer::Ok(m) => Answer::Ok(Some(m)),
                Answer::Fault { code, message } => Answer::Fault { code, message },
                Answer::Unreadable => Answer::Unreadable,
            },
        )?;
        Ok(members.into_iter().map(|(_, name)| name).collect())
    }

    /// The components `names` of `kind` that exist (credentials dropped).
    pub(crate) async fn read(
        &self,
        kind: ComponentKind,
        names: &[String],
    ) -> Result<Vec<Component>, MetadataError> {
        let (status, body) = self.soap(&soap::read_operation(kind.name(), names)).await?;
        let answer = match parse_components(kind, &body) {
            Answer::Ok(c) => Answer::Ok(Some(c)),
            Answer::Fault { code, message } => Answer::Fault { code, message },
            Answer::Unreadable => Answer::Unreadable,
        };
        self.answer(status, answer)
    }

    /// The consumer key the global OAuth settings `full_name` hold (the secret beside it is
    /// never read); None when it cannot be read.
    pub(crate) async fn consumer_key(&self, full_name: &str) -> Option<String> {
        let operation = soap::read_operation(soap::GLOBAL_SETTINGS, &[full_name.to_string()]);
        let (_, body) = self.soap(&operation).await.ok()?;
        match soap::parse_read(&body) {
            Answer::Ok(found) => found
                .into_iter()
                .map(|s| s.consumer_key)
                .find(|k| !k.is_empty()),
            _ => None,
        }
    }

    /// Deploy `package` and wait for Salesforce to finish, each poll reported.
    pub(crate) async fn deploy(
        &self,
        package: &Package,
        what: &str,
        progress: &(dyn Fn(ChangeProgress) + Send + Sync),
    ) -> Result<DeployOutcome, MetadataError> {
        let zip = package.zip()?;
        let (status, body) = self.soap(&deploy_operation(&zip)).await?;
        let id = self.answer(status, parse_deploy(&body))?;
        tracing::info!(%id, what, "deploy sent");
        progress(ChangeProgress::Deploying {
            what: what.to_string(),
            id: id.clone(),
            status: "Queued".into(),
            polls: 0,
        });
        let started = tokio::time::Instant::now();
        let mut pause = POLL_FIRST;
        let mut polls = 0;
        loop {
            tokio::time::sleep(pause).await;
            pause = (pause + Duration::from_secs(1)).min(POLL_MAX);
            polls += 1;
            let (code, body) = self.soap(&status_operation(&id)).await?;
            let status = self.answer(code, parse_status(&body))?;
            progress(ChangeProgress::Deploying {
                what: what.to_string(),
                id: id.clone(),
                status: status.status.clone(),
                polls,
            });
            if status.done {
                return finished(id, status);
            }
            if started.elapsed() >= DEPLOY_BUDGET {
                return Err(MetadataError::TimedOut {
                    id,
                    seconds: DEPLOY_BUDGET.as_secs(),
                });
            }
        }
    }
}

fn finished(id: String, status: DeployStatus) -> Result<DeployOutcome, MetadataError> {
    if status.success {
        return Ok(DeployOutcome {
            id,
            deployed: status.successes,
        });
    }
    if !status.failures.is_empty() {
        return Err(MetadataError::ComponentFailures(status.failures));
    }
    Err(MetadataError::DeployFailed {
        id,
        status: status.status,
        message: status
            .error_message
            .unwrap_or_else(|| "Salesforce gave no reason".into()),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const ENVELOPE: &str = r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>BODY</soapenv:Body></soapenv:Envelope>"#;

    #[test]
    fn a_deploy_answer_gives_its_id_and_the_operation_is_the_contracts() {
        let body = ENVELOPE.replace("BODY", "<deployResponse><result><done>false</done><id>0Af000000000001</id><state>Queued</state></result></deployResponse>");
        assert_eq!(
            parse_deploy(&body),
            Answer::Ok(Some("0Af000000000001".into()))
        );
        let op = deploy_operation(b"PK");
        assert!(op.contains("<met:ZipFile>UEs=</met:ZipFile>"));
        assert!(op.contains("<met:singlePackage>true</met:singlePackage>"));
        assert!(op.contains("<met:rollbackOnError>true</met:rollbackOnError>"));
        assert!(status_operation("0Af<1").contains("0Af&lt;1"));
    }

    #[test]
    fn component_failures_keep_salesforces_words() {
        let body = ENVELOPE.replace("BODY", "<checkDeployStatusResponse><result><id>0Af1</id><done>true</done><status>Failed</status><success>false</success><numberComponentErrors>1</numberComponentErrors><details><componentSuccesses><changed>false</changed><componentType></componentType><fullName>package.xml</fullName><success>true</success></componentSuccesses><componentFailures><changed>false</changed><componentType>ExtlClntAppOauthConfigurablePolicies</componentType><fileName>extlClntAppOauthPolicies/X_oauthPlcy.ecaOauthPlcy</fileName><fullName>X_oauthPlcy</fullName><problem>In field: externalClientApplication - no ExternalClientApplication named X found</problem><problemType>Error</problemType><success>false</success></componentFailures></details></result></checkDeployStatusResponse>");
        let Answer::Ok(Some(status)) = parse_status(&body) else {
            panic!("not read")
        };
        assert!(status.done && !status.success);
        let err = finished("0Af1".into(), status).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("ExtlClntAppOauthConfigurablePolicies X_oauthPlcy"),
            "{text}"
        );
        assert!(
            text.contains("no ExternalClientApplication named X found"),
            "{text}"
        );
        let ok = ENVELOPE.replace("BODY", "<checkDeployStatusResponse><result><id>0Af2</id><done>true</done><status>Succeeded</status><success>true</success><details><componentSuccesses><componentType>ExternalClientApplication</componentType><fullName>X</fullName></componentSuccesses><componentSuccesses><componentType></componentType><fullName>package.xml</fullName></componentSuccesses></details></result></checkDeployStatusResponse>");
        let Answer::Ok(Some(status)) = parse_status(&ok) else {
            panic!("not read")
        };
        let outcome = finished("0Af2".into(), status).unwrap();
        assert_eq!(
            outcome.deployed,
            vec![("ExternalClientApplication".to_string(), "X".to_string())]
        );
        let pending = ENVELOPE.replace("BODY", "<checkDeployStatusResponse><result><id>0Af3</id><done>false</done><status>InProgress</status><success>false</success></result></checkDeployStatusResponse>");
        let Answer::Ok(Some(status)) = parse_status(&pending) else {
            panic!("not read")
        };
        assert!(!status.done);
        assert_eq!(status.status, "InProgress");
    }

    #[test]
    fn a_read_component_never_keeps_the_credentials_and_faults_name_the_permission() {
        let body = ENVELOPE.replace("BODY", "<readMetadataResponse><result><records xsi:type=\"ExtlClntAppGlobalOauthSettings\"><fullName>X_glbloauth</fullName><callbackUrl>https://x/cb</callbackUrl><consumerKey>3MVGkey</consumerKey><consumerSecret>TOPSECRET</consumerSecret><externalClientApplication>X</externalClientApplication><isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled></records></result></readMetadataResponse>");
        let Answer::Ok(found) =
            parse_components(ComponentKind::ExtlClntAppGlobalOauthSettings, &body)
        else {
            panic!("not read")
        };
        assert_eq!(found[0].full_name, "X_glbloauth");
        assert_eq!(
            found[0].get("isClientCredentialsFlowEnabled"),
            Some("false")
        );
        let shown = format!("{found:?}{}", found[0].to_xml());
        assert!(
            !shown.contains("TOPSECRET") && !shown.contains("3MVGkey"),
            "{shown}"
        );
        let err = MetadataError::Fault {
            code: "INSUFFICIENT_ACCESS".into(),
            message: "INSUFFICIENT_ACCESS: use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions".into(),
        };
        assert!(err
            .to_string()
            .contains("Modify Metadata Through Metadata API Functions"));
    }
}
