//! The Metadata API's SOAP endpoint (`POST /services/Soap/m/NN.0`): `listMetadata` and
//! `readMetadata` of the External Client App types and `ConnectedApp` (`read.rs`), and
//! `deploy`, `checkDeployStatus`, `cancelDeploy` of a zip (`deploy.rs`: `package.rs` reads
//! it, `apply.rs` checks and applies it, `destroy.rs` deletes, `types.rs` knows the types).

mod apply;
mod deploy;
mod destroy;
mod envelope;
mod package;
mod read;
mod types;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::base::setup::Setup;
use crate::base::state::{Caller, Org};
use envelope::{answer, fault};
use read::CONNECTED_APP;

/// What the limited admin's login may not do: it lacks Modify Metadata.
const NO_MODIFY_METADATA: &str =
    "use of the Metadata API requires a user with the ModifyAllData or ModifyMetadata permissions";

/// An operation that changes the org.
fn changes(operation: &str) -> bool {
    matches!(operation, "deploy" | "checkDeployStatus" | "cancelDeploy")
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
    let Some(call) = envelope::parse(&String::from_utf8_lossy(&body)) else {
        return fault(
            "INVALID_SOAP",
            "The request is not a SOAP envelope with a SessionHeader",
        );
    };
    let app_types = |k: &String| k == CONNECTED_APP || types::EcaType::from_name(k).is_some();
    match org.caller(&call.session) {
        Some(Caller::Admin) => {}
        Some(Caller::LimitedAdmin) if changes(&call.operation) => {
            return fault("INSUFFICIENT_ACCESS", NO_MODIFY_METADATA)
        }
        Some(Caller::LimitedAdmin) if !call.kinds.iter().any(app_types) => {}
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
    match call.operation.as_str() {
        "listMetadata" => {
            let setup = Setup::of(&org, org.scenario());
            answer("listMetadata", &read::list(&setup, &call.kinds))
        }
        "readMetadata" => {
            let setup = Setup::of(&org, org.scenario());
            answer(
                "readMetadata",
                &read::read(&setup, &call.kinds, &call.names),
            )
        }
        "deploy" => deploy::deploy(&org, &call),
        "checkDeployStatus" => deploy::check_status(&org, call.process_id.as_deref()),
        "cancelDeploy" => deploy::cancel(&org, call.process_id.as_deref()),
        other => fault(
            "INVALID_OPERATION",
            &format!("{other} is not offered by this practice org"),
        ),
    }
}
