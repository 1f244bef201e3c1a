//! The shared base every Salesforce API of the org is built on: the org's model and live state,
//! the scenarios, the API versions, Salesforce's reply shapes and the injected faults. Nothing
//! here imports an API module (`crate::api`) or the router (`crate::server`).

pub(crate) mod apps;
pub(crate) mod deploys;
pub(crate) mod dispatch;
pub(crate) mod fault;
pub(crate) mod history;
pub(crate) mod ids;
pub(crate) mod objects;
pub(crate) mod policy;
pub(crate) mod reply;
pub(crate) mod scenario;
pub(crate) mod setup;
pub(crate) mod state;
pub(crate) mod tables;
pub(crate) mod users;
pub(crate) mod version;
