//! `deploy`, `checkDeployStatus` and `cancelDeploy`: a base64 zip becomes a job that finishes
//! after a few polls (Pending → InProgress → Succeeded | Failed) and, when it succeeds, changes
//! the org's apps then (`rollbackOnError`: a failed deploy changes nothing).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;

use super::apply;
use super::envelope::{answer, fault, Call};
use super::package::Package;
use crate::base::deploys::{ComponentResult, DeployJob};
use crate::base::ids;
use crate::base::reply::escape_html as escape;
use crate::base::setup::Setup;
use crate::base::state::Org;
use axum::response::Response;

/// `deploy`: reads the zip, plans what it does, answers the job's id (Queued). With
/// `checkOnly` it only validates.
pub(crate) fn deploy(org: &Org, call: &Call) -> Response {
    let serial = org.next_serial();
    let id = ids::record_id("0Af", serial);
    let check_only = call.option("checkOnly");
    // What the client sent, names only (never the files' contents).
    tracing::info!(%id, options = ?call.options, "deploy received");
    let bytes = call.zip.as_deref().map(|z| {
        let compact: String = z.chars().filter(|c| !c.is_whitespace()).collect();
        B64.decode(compact)
    });
    let mut job = DeployJob {
        polls: 0,
        check_only,
        canceled: false,
        applied: false,
        created_ms: ids::now_ms(),
        successes: Vec::new(),
        failures: Vec::new(),
        after: None,
        error_message: None,
    };
    match bytes {
        None => return fault("INVALID_ZIP", "The deploy has no ZipFile"),
        Some(Err(e)) => job.error_message = Some(format!("The zip file is not valid base64: {e}")),
        Some(Ok(bytes)) => match Package::from_zip(&bytes) {
            Err(e) => job.error_message = Some(e.to_string()),
            Ok(package) => {
                tracing::info!(%id, root = %package.root, files = ?package.files.keys().collect::<Vec<_>>(), "deploy package");
                let setup = Setup::of(org, org.scenario());
                let outcome = apply::plan(org, &setup, &package);
                job.successes = outcome.successes;
                job.failures = outcome.failures;
                job.after = outcome.after.filter(|_| !check_only);
            }
        },
    }
    tracing::info!(%id, failures = job.failures.len(), "deploy queued");
    org.lock().deploys.insert(id.clone(), job);
    answer(
        "deploy",
        &format!("<result><done>false</done><id>{id}</id><state>Queued</state></result>"),
    )
}

/// `checkDeployStatus`: one poll; the poll that finds the job done applies it.
pub(crate) fn check_status(org: &Org, id: Option<&str>) -> Response {
    let id = id.unwrap_or_default();
    let mut inner = org.lock();
    let Some(job) = inner.deploys.get_mut(id) else {
        return fault("INVALID_ID_FIELD", &format!("Invalid id: {id}"));
    };
    job.polls += 1;
    let job = job.clone();
    if job.done() && !job.applied {
        if let (true, Some(after)) = (job.succeeded(), job.after.clone()) {
            inner.apps = Some(after);
        }
        if let Some(j) = inner.deploys.get_mut(id) {
            j.applied = true;
        }
    }
    drop(inner);
    answer("checkDeployStatus", &status_xml(org, id, &job))
}

/// `cancelDeploy`: a job not done yet is canceled (and changes nothing).
pub(crate) fn cancel(org: &Org, id: Option<&str>) -> Response {
    let id = id.unwrap_or_default();
    let mut inner = org.lock();
    let Some(job) = inner.deploys.get_mut(id) else {
        return fault("INVALID_ID_FIELD", &format!("Invalid id: {id}"));
    };
    if !job.done() {
        job.canceled = true;
        job.applied = true;
    }
    answer(
        "cancelDeploy",
        &format!("<result><done>true</done><id>{id}</id></result>"),
    )
}

fn component_xml(tag: &str, c: &ComponentResult, date: &str) -> String {
    let problem = c
        .problem
        .as_deref()
        .map(|p| {
            format!(
                "<columnNumber>0</columnNumber><lineNumber>0</lineNumber><problem>{}</problem><problemType>Error</problemType>",
                escape(p)
            )
        })
        .unwrap_or_default();
    format!(
        "<{tag}><changed>{}</changed>{problem}<componentType>{}</componentType><created>{}</created><createdDate>{date}</createdDate><deleted>{}</deleted><fileName>{}</fileName><fullName>{}</fullName><success>{}</success></{tag}>",
        c.changed,
        escape(&c.kind),
        c.created,
        c.deleted,
        escape(&c.file_name),
        escape(&c.full_name),
        c.problem.is_none(),
    )
}

/// The `<result>` of `checkDeployStatus` (with its details).
fn status_xml(org: &Org, id: &str, job: &DeployJob) -> String {
    let date = ids::sf_datetime(job.created_ms).replace("+0000", "Z");
    let done = job.done();
    let succeeded = done && job.succeeded();
    let (admin, admin_name) = (org.admin_user_id.as_str(), "Practice Admin");
    let mut details = String::new();
    if done {
        let package = ComponentResult {
            kind: String::new(),
            file_name: "package.xml".into(),
            full_name: "package.xml".into(),
            problem: None,
            created: false,
            changed: true,
            deleted: false,
        };
        for c in job.failures.iter() {
            details.push_str(&component_xml("componentFailures", c, &date));
        }
        for c in std::iter::once(&package).chain(&job.successes) {
            details.push_str(&component_xml("componentSuccesses", c, &date));
        }
        details.push_str("<runTestResult><numFailures>0</numFailures><numTestsRun>0</numTestsRun><totalTime>0.0</totalTime></runTestResult>");
    }
    let total = job.successes.len() + job.failures.len();
    let deployed = if succeeded { job.successes.len() } else { 0 };
    let errors = if done { job.failures.len() } else { 0 };
    let error_message = match (&job.error_message, done) {
        (Some(m), true) => format!(
            "<errorMessage>{}</errorMessage><errorStatusCode>UNKNOWN_EXCEPTION</errorStatusCode>",
            escape(m)
        ),
        _ => String::new(),
    };
    let completed = if done {
        format!("<completedDate>{date}</completedDate>")
    } else {
        String::new()
    };
    format!(
        "<result><checkOnly>{}</checkOnly>{completed}<createdBy>{admin}</createdBy><createdByName>{admin_name}</createdByName><createdDate>{date}</createdDate><details>{details}</details><done>{done}</done>{error_message}<id>{id}</id><ignoreWarnings>false</ignoreWarnings><lastModifiedDate>{date}</lastModifiedDate><numberComponentErrors>{errors}</numberComponentErrors><numberComponentsDeployed>{deployed}</numberComponentsDeployed><numberComponentsTotal>{total}</numberComponentsTotal><numberTestErrors>0</numberTestErrors><numberTestsCompleted>0</numberTestsCompleted><numberTestsTotal>0</numberTestsTotal><rollbackOnError>true</rollbackOnError><runTestsEnabled>false</runTestsEnabled><startDate>{date}</startDate><status>{}</status><success>{succeeded}</success></result>",
        job.check_only,
        job.status()
    )
}
