//! One check run, start to report. Independent steps run concurrently on the one client; once
//! a step fails (or the run is cancelled) later steps are skipped, but cleanup still runs: the
//! record this run created is deleted and the token revoked.

use super::clock::Utc;
use super::composite::{self, Composite};
use super::failure::Outcome;
use super::input::{prepare, InputError};
use super::org::{self, Ctx, Session, Versions};
use super::progress::Progress;
use super::{access, identity, record, CheckConfig};
use crate::catalog;
use crate::client::SfClient;
use crate::codes::DiagnosisCode;
use crate::domain::OrgDomain;
use crate::journal::{Leftover, Pending};
use crate::salesforce::{ApiName, ApiVersion, RecordId};
use crate::secret::mask_client_id;
use crate::types::{CheckReport, Diagnosis, OrgSummary, RecordOutcome, StepId, StepResult};
use std::future::Future;
use std::time::Instant;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

const EARLIER_FAILED: &str = "an earlier step failed";
const CANCELLED: &str = "cancelled";

/// One run. `on_step` is called for every status change (running, then passed/failed/skipped),
/// possibly from several concurrent steps. Cancelling stops at the next step boundary (requests
/// that only read are abandoned), still deletes a record already created, then revokes the
/// token; the report then has `cancelled = true`.
pub async fn run_check<F>(
    config: CheckConfig,
    on_step: F,
    cancel: CancellationToken,
) -> Result<CheckReport, InputError>
where
    F: Fn(&StepResult) + Send + Sync + 'static,
{
    let started = Instant::now();
    let started_at = Utc::now().rfc3339();
    let client = prepare(&config)?;
    let span = tracing::info_span!(
        "run_check",
        host = %config.domain.host,
        client_id = %mask_client_id(&config.client_id)
    );
    let progress = Progress::new(Box::new(on_step));
    let run = Run {
        config: &config,
        progress: &progress,
        cancel: &cancel,
    };
    let mut report = run.steps(&client).instrument(span).await;
    report.client_id_masked = mask_client_id(&config.client_id);
    report.started_at = started_at;
    report.total_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(report)
}

struct Run<'a> {
    config: &'a CheckConfig,
    progress: &'a Progress,
    cancel: &'a CancellationToken,
}

impl Run<'_> {
    /// Run the step unless the run was cancelled or a step already failed (then: skipped).
    async fn gated<T>(&self, id: StepId, step: impl Future<Output = Outcome<T>>) -> Option<T> {
        if !self.may_start(&[id]) {
            return None;
        }
        self.progress.run(id, step).await
    }

    /// The same gate for a group of concurrent steps, checked once: all start or none (so a
    /// fast failure of one cannot skip its sibling depending on polling order).
    fn may_start(&self, ids: &[StepId]) -> bool {
        let blocked = if self.cancel.is_cancelled() {
            Some(CANCELLED)
        } else if self.progress.has_failure() {
            Some(EARLIER_FAILED)
        } else {
            None
        };
        match blocked {
            None => true,
            Some(reason) => {
                for &id in ids {
                    if reason == CANCELLED {
                        self.progress.skip_cancelled(id);
                    } else {
                        self.progress.skip(id, reason);
                    }
                }
                false
            }
        }
    }

    async fn steps(&self, client: &SfClient) -> CheckReport {
        let config = self.config;
        let domain = &config.domain;
        let ctx = Ctx {
            config,
            domain,
            client,
            cancel: self.cancel,
        };
        self.progress.start(StepId::Domain);
        self.progress
            .pass(StepId::Domain, domain_summary(domain), None);

        let (versions, session) = if self.may_start(&[StepId::Reachability, StepId::Token]) {
            let (versions, session, ()) = tokio::join!(
                self.progress
                    .run(StepId::Reachability, org::reachability(&ctx)),
                self.progress.run(StepId::Token, org::token(&ctx)),
                org::open_spare_connection(&ctx, config.create_record),
            );
            (versions, session)
        } else {
            (None, None)
        };
        let version = config
            .api_version
            .pinned()
            .or_else(|| versions.as_ref().and_then(Versions::latest));

        let mut identity = None;
        let mut record = None;
        if let (Some(s), Some(v)) = (session.as_ref(), version) {
            self.gated(StepId::Signature, async { org::check_signature(config, s) })
                .await;
            let group: &[StepId] = if config.create_record {
                &[StepId::Identity, StepId::ApiAccess, StepId::Describe]
            } else {
                &[StepId::Identity, StepId::ApiAccess]
            };
            if self.may_start(group) {
                let describe = async {
                    if config.create_record {
                        self.progress
                            .run(StepId::Describe, record::describe(&ctx, s, v))
                            .await
                    } else {
                        None
                    }
                };
                let (found, _, plan) = tokio::join!(
                    self.progress
                        .run(StepId::Identity, identity::identity(&ctx, s)),
                    self.progress
                        .run(StepId::ApiAccess, access::api_access(&ctx, s, v)),
                    describe,
                );
                identity = found;
                if let Some(plan) = plan {
                    record = Some(self.record(&ctx, s, v, plan).await);
                }
            }
        }
        if !config.create_record {
            let reason = "no test record asked for";
            for id in [
                StepId::Describe,
                StepId::Create,
                StepId::Read,
                StepId::Delete,
            ] {
                self.progress.skip(id, reason);
            }
        }
        let reason = if self.cancel.is_cancelled() && !self.progress.has_failure() {
            CANCELLED
        } else {
            EARLIER_FAILED
        };
        self.progress.skip_pending(reason, &[StepId::Revoke]);

        // Cleanup: after failures and cancellation alike.
        match &session {
            Some(_) if config.keep_token => self.progress.skip(
                StepId::Revoke,
                "kept as asked: the token stays valid until the org's session timeout",
            ),
            Some(s) => match s.ownership.kept() {
                // Never revoke what the run cannot prove is its own.
                Some(kept) => self.progress.skip(StepId::Revoke, kept.reason),
                None => {
                    self.progress
                        .run(StepId::Revoke, org::revoke(&ctx, s))
                        .await;
                }
            },
            None => self.progress.skip(StepId::Revoke, "no token was issued"),
        }

        let org = OrgSummary {
            host: domain.host.clone(),
            kind: domain.kind,
            api_release: version.and_then(|v| {
                versions
                    .as_ref()
                    .and_then(|vs| vs.label(v))
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
            }),
            api_version: version.map(|v| v.to_string()),
            latest_api_version: versions
                .as_ref()
                .and_then(Versions::latest)
                .map(|v| v.to_string()),
            instance_url: session.as_ref().and_then(|s| s.instance_url.clone()),
            api_usage: client.api_usage(),
            scopes: session.as_ref().and_then(|s| s.scopes.clone()),
            token_type: session.as_ref().map(|s| s.token_type.clone()),
        };
        let issued_at = session.as_ref().and_then(|s| s.issued_at.clone());
        let mut report = self.report(domain, identity, record, org, issued_at.as_deref());
        report.network = client.network().clone();
        report.token_kept = session
            .as_ref()
            .filter(|_| !config.keep_token)
            .and_then(|s| s.ownership.kept());
        report
    }

    /// Create → read → delete. Once created, the delete is always attempted (unless the admin
    /// keeps the record), whatever happened to the read.
    async fn record(
        &self,
        ctx: &Ctx<'_>,
        s: &Session,
        v: ApiVersion,
        plan: record::Plan,
    ) -> RecordOutcome {
        let config = self.config;
        if !self.may_start(&[StepId::Create]) {
            return record_outcome(ctx, &config.object, plan, None);
        }
        let keep = config.keep_record;
        let steps: &[StepId] = if keep {
            &[StepId::Create, StepId::Read]
        } else {
            &[StepId::Create, StepId::Read, StepId::Delete]
        };
        for &id in steps {
            self.progress.start(id);
        }
        let pending = self.journal_begin(ctx, v, &plan);
        let outcome = match composite::create_read_delete(ctx, s, v, &plan, keep).await {
            Composite::Answered(answers) => {
                self.record_answered(ctx, s, v, plan, *answers, pending.as_ref())
                    .await
            }
            Composite::Unavailable => {
                self.record_one_by_one(ctx, s, v, plan, pending.as_ref())
                    .await
            }
        };
        // A record that stays by accident keeps its line, for the next launch to offer; so does
        // a create whose answer never came (the org may have made the record).
        if let Some(pending) = pending {
            let refused = !outcome.created && !self.progress.failed_unanswered(StepId::Create);
            if refused || outcome.deleted || outcome.kept {
                pending.done();
            }
        }
        outcome
    }

    /// The journal line for this record, written before the create is sent.
    fn journal_begin(&self, ctx: &Ctx<'_>, v: ApiVersion, plan: &record::Plan) -> Option<Pending> {
        let journal = self.config.journal.as_ref()?;
        let name = plan
            .fields
            .iter()
            .find(|(_, value)| value.contains(&plan.marker));
        Pending::begin(
            journal,
            Leftover {
                marker: plan.marker.clone(),
                profile_id: self.config.profile_id.clone(),
                host: ctx.domain.host.clone(),
                object: self.config.object.to_string(),
                api_version: v.to_string(),
                name_field: name.map(|(field, _)| field.clone()),
                name_value: name.map(|(_, value)| value.clone()),
                record_id: None,
                started_at: Utc::now().rfc3339(),
            },
        )
    }

    /// The steps as the composite call answered them; a delete it could not do is retried
    /// alone (the record must not stay behind).
    async fn record_answered(
        &self,
        ctx: &Ctx<'_>,
        s: &Session,
        v: ApiVersion,
        plan: record::Plan,
        answers: composite::Answers,
        pending: Option<&Pending>,
    ) -> RecordOutcome {
        let config = self.config;
        let created = self.progress.end(StepId::Create, answers.create);
        let mut outcome = record_outcome(ctx, &config.object, plan, created.as_ref());
        let (Some(id), Some(url)) = (created, outcome.url.clone()) else {
            self.skip_without_record();
            return outcome;
        };
        if let Some(p) = pending {
            p.created(id.as_str());
        }
        outcome.read_back = match answers.read {
            Some(read) => self.progress.end(StepId::Read, read).is_some(),
            None => {
                self.progress
                    .skip(StepId::Read, "not run by the composite call");
                false
            }
        };
        self.keep_or_delete(ctx, s, v, (&id, &url), answers.delete, &mut outcome)
            .await;
        outcome
    }

    /// Create → read → delete as single calls (when the org refuses the composite call).
    async fn record_one_by_one(
        &self,
        ctx: &Ctx<'_>,
        s: &Session,
        v: ApiVersion,
        plan: record::Plan,
        pending: Option<&Pending>,
    ) -> RecordOutcome {
        let config = self.config;
        let created = self
            .gated(StepId::Create, record::create(ctx, s, v, &plan))
            .await;
        let mut outcome = record_outcome(ctx, &config.object, plan, created.as_ref());
        let (Some(id), Some(url)) = (created, outcome.url.clone()) else {
            self.skip_without_record();
            return outcome;
        };
        if let Some(p) = pending {
            p.created(id.as_str());
        }
        outcome.read_back = self
            .gated(StepId::Read, record::read(ctx, s, v, &id))
            .await
            .is_some();
        self.keep_or_delete(ctx, s, v, (&id, &url), None, &mut outcome)
            .await;
        outcome
    }

    /// Read and Delete were started with Create (for the composite call); without a record
    /// they have nothing to do.
    fn skip_without_record(&self) {
        self.progress.skip(StepId::Read, "no record was created");
        if !self.config.keep_record {
            self.progress.skip(StepId::Delete, "no record was created");
        }
    }

    /// The record stays if the admin asked; otherwise it is deleted: by the composite call
    /// when that worked (`answered`), else once more on its own.
    async fn keep_or_delete(
        &self,
        ctx: &Ctx<'_>,
        s: &Session,
        v: ApiVersion,
        (id, url): (&RecordId, &str),
        answered: Option<Outcome<()>>,
        outcome: &mut RecordOutcome,
    ) {
        if self.config.keep_record {
            self.progress
                .skip(StepId::Delete, format!("kept as asked: {id} {url}"));
            outcome.kept = true;
            return;
        }
        outcome.deleted = match answered {
            Some(Ok(passed)) => self.progress.end(StepId::Delete, Ok(passed)).is_some(),
            _ => self
                .progress
                .run(StepId::Delete, record::delete(ctx, s, v, id, url))
                .await
                .is_some(),
        };
    }

    fn report(
        &self,
        domain: &OrgDomain,
        identity: Option<crate::types::Identity>,
        record: Option<RecordOutcome>,
        org: OrgSummary,
        token_issued_at: Option<&str>,
    ) -> CheckReport {
        let (steps, failures, warnings) = self.progress.finish();
        // A cancel that came while the last steps ran (they all ran) still counts.
        let cancelled = self.progress.was_cancelled() || self.cancel.is_cancelled();
        let ok = failures.is_empty() && !cancelled;
        let mut diagnosis: Option<Diagnosis> = failures
            .into_iter()
            .next()
            .map(|(step, f)| catalog::diagnose(f.code, Some(domain), Some(step), f.details));
        if diagnosis.is_none() && cancelled {
            diagnosis = Some(catalog::diagnose(
                DiagnosisCode::Cancelled,
                Some(domain),
                None,
                None,
            ));
        }
        if let (Some(d), Some(r)) = (diagnosis.as_mut(), record.as_ref()) {
            if r.created && !r.deleted && !r.kept {
                d.cause = format!(
                    "{} The test record {} was not deleted and stays in the org: {}",
                    d.cause,
                    r.id.as_deref().unwrap_or(""),
                    r.url.as_deref().unwrap_or("")
                );
            }
        }
        let unrevoked = steps
            .iter()
            .any(|s| s.id == StepId::Revoke && s.status == crate::types::StepStatus::Failed);
        if let (true, Some(d)) = (unrevoked, diagnosis.as_mut()) {
            d.cause = format!("{} {}", d.cause, unrevoked_token(token_issued_at));
        }
        CheckReport {
            schema_version: crate::types::REPORT_SCHEMA_VERSION,
            tool_version: crate::types::TOOL_VERSION.to_string(),
            ok,
            cancelled,
            steps,
            diagnosis,
            warnings,
            identity,
            record,
            token_kept: None,
            org: Some(org),
            network: crate::network::NetworkSummary::default(),
            client_id_masked: String::new(),
            started_at: String::new(),
            total_ms: 0,
        }
    }
}

/// What the diagnosis says of a token the run could not revoke: it lives on until it expires.
fn unrevoked_token(issued_at_ms: Option<&str>) -> String {
    let issued = issued_at_ms
        .and_then(|ms| ms.parse::<u64>().ok())
        .map(|ms| format!(" (issued {})", Utc::from_unix(ms / 1000).rfc3339()))
        .unwrap_or_default();
    format!(
        "The access token{issued} could not be revoked: it stays valid until the org's session timeout ends — 2 hours unless Setup → Session Settings sets another timeout."
    )
}

/// `https://HOST/lightning/r/Account/001…/view`
/// The record part of the report once the create has answered (`None`: no record was made).
fn record_outcome(
    ctx: &Ctx<'_>,
    object: &ApiName,
    plan: record::Plan,
    created: Option<&RecordId>,
) -> RecordOutcome {
    RecordOutcome {
        object: object.to_string(),
        id: created.map(RecordId::to_string),
        url: created.map(|id| record_url(ctx.domain, object, id)),
        fields: plan.fields,
        required_fields: plan.required,
        created: created.is_some(),
        read_back: false,
        deleted: false,
        kept: false,
    }
}

pub(crate) fn record_url(domain: &OrgDomain, object: &ApiName, id: &RecordId) -> String {
    domain.url(&format!("/lightning/r/{object}/{id}/view"))
}

fn domain_summary(domain: &OrgDomain) -> String {
    let mut s = format!("{} ({})", domain.host, domain.kind.as_str());
    if let Some(note) = &domain.note {
        s.push_str(" — ");
        s.push_str(note);
    }
    s
}

#[cfg(test)]
mod tests {
    /// The app spawns runs on its runtime: the future must be Send.
    #[allow(dead_code)]
    fn run_check_is_send() {
        fn assert_send<T: Send>(_: &T) {}
        #[allow(clippy::unwrap_used)]
        let config = super::CheckConfig::new("acme", "key", crate::Secret::new("s")).unwrap();
        let fut = super::run_check(config, |_| {}, tokio_util::sync::CancellationToken::new());
        assert_send(&fut);
    }
}
