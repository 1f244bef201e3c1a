//! The app's helpers around a run: the object picker and the record form. Each gets a token,
//! makes its one call, and revokes the token again.

use super::failure::{Failure, Halt};
use super::input::{prepare, InputError};
use super::org::{self, Ctx, Session};
use super::{record, CheckConfig};
use crate::catalog;
use crate::client::SfClient;
use crate::codes::DiagnosisCode;
use crate::salesforce::wire::{SObjectList, SObjectSummary};
use crate::salesforce::{services, ApiName, ApiVersion};
use crate::types::{Diagnosis, ObjectInfo, RequiredField, StepId};
use tokio_util::sync::CancellationToken;

/// Not boxed: `Diagnosis` by value is the contract the app matches on; this error is rare.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    #[error("{0}")]
    Input(InputError),
    #[error("{}", .0.title)]
    Failed(Diagnosis),
}

/// For the app's object picker: token → `GET /services/data/vNN.0/sobjects/` → the objects the
/// Run As user can create, sorted by label → revoke.
pub async fn list_objects(config: &CheckConfig) -> Result<Vec<ObjectInfo>, ListError> {
    let client = prepare(config).map_err(ListError::Input)?;
    let cancel = CancellationToken::new();
    let ctx = ctx(config, &client, &cancel);
    let (session, version) = open(&ctx).await?;
    let result = async {
        let path = services::sobjects(version);
        let resp = ctx
            .client
            .get_large(&path, Some(&session.token))
            .await
            .map_err(|e| fail(&ctx, StepId::ApiAccess, Halt::from(&e)))?;
        if !resp.is_success() {
            let code = crate::classify::rest_error(StepId::ApiAccess, &resp.answer());
            let f = Failure::answer(code, &resp);
            return Err(fail(&ctx, StepId::ApiAccess, f.into()));
        }
        let objects = resp
            .json::<SObjectList>()
            .map(|l| parse_objects(l.sobjects));
        objects.ok_or_else(|| fail(&ctx, StepId::ApiAccess, Failure::unexpected(&resp).into()))
    }
    .await;
    close(&ctx, &session).await;
    result
}

/// For the app's record form: token → describe → required fields with suggested values → revoke.
pub async fn describe_required(
    config: &CheckConfig,
    object: &ApiName,
) -> Result<Vec<RequiredField>, ListError> {
    let mut config = config.clone();
    config.object = object.clone();
    let client = prepare(&config).map_err(ListError::Input)?;
    let cancel = CancellationToken::new();
    let ctx = ctx(&config, &client, &cancel);
    let (session, version) = open(&ctx).await?;
    let result = record::describe(&ctx, &session, version)
        .await
        .map(|passed| passed.value.required)
        .map_err(|h| fail(&ctx, StepId::Describe, h));
    close(&ctx, &session).await;
    result
}

fn ctx<'a>(
    config: &'a CheckConfig,
    client: &'a SfClient,
    cancel: &'a CancellationToken,
) -> Ctx<'a> {
    Ctx {
        config,
        domain: &config.domain,
        client,
        cancel,
    }
}

fn parse_objects(items: Vec<SObjectSummary>) -> Vec<ObjectInfo> {
    let mut objects: Vec<ObjectInfo> = items
        .into_iter()
        .filter(|o| o.createable)
        .map(|o| ObjectInfo {
            label: o.label.unwrap_or_else(|| o.name.clone()),
            custom: o.custom,
            name: o.name,
        })
        .collect();
    objects.sort_by_key(|o| o.label.to_lowercase());
    objects
}

/// The API version (asked for, or the latest) and a token.
async fn open(ctx: &Ctx<'_>) -> Result<(Session, ApiVersion), ListError> {
    let version = match ctx.config.api_version.pinned() {
        Some(v) => v,
        None => {
            let versions = org::reachability(ctx)
                .await
                .map_err(|h| fail(ctx, StepId::Reachability, h))?
                .value;
            versions.latest().ok_or_else(|| {
                ListError::Failed(catalog::diagnose(
                    DiagnosisCode::UnknownResponse,
                    Some(ctx.domain),
                    Some(StepId::Reachability),
                    None,
                ))
            })?
        }
    };
    let session = org::token(ctx)
        .await
        .map_err(|h| fail(ctx, StepId::Token, h))?
        .value;
    Ok((session, version))
}

/// Revoke; a failure here is logged, not returned: the caller's answer is still right.
async fn close(ctx: &Ctx<'_>, session: &Session) {
    if let Err(Halt::Failed(f)) = org::revoke(ctx, session).await {
        tracing::warn!(code = %f.code, "could not revoke the token");
    }
}

fn fail(ctx: &Ctx<'_>, step: StepId, halt: Halt) -> ListError {
    let d = match halt {
        Halt::Failed(f) => catalog::diagnose(f.code, Some(ctx.domain), Some(step), f.details),
        Halt::Cancelled => {
            catalog::diagnose(DiagnosisCode::Cancelled, Some(ctx.domain), Some(step), None)
        }
    };
    ListError::Failed(d)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::parse_objects;
    use crate::salesforce::wire::{parse, SObjectList};

    #[test]
    fn only_createable_objects_sorted_by_label() {
        let list: SObjectList = parse(
            r#"{"sobjects":[
            {"name":"Zebra__c","label":"Zebra","custom":true,"createable":true},
            {"name":"Account","label":"Account","custom":false,"createable":true},
            {"name":"AccountHistory","label":"Account History","createable":false}
        ]}"#,
        )
        .unwrap();
        let objects = parse_objects(list.sobjects);
        let names: Vec<&str> = objects.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Account", "Zebra__c"]);
        assert!(objects[1].custom);
    }
}
