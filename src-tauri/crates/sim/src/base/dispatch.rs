//! How a composite call's parts run through the org's own router without the composite API
//! importing the router (which sits above every API): the router hands itself to the handlers
//! as an [`Extension`](axum::Extension), and marks each part with [`SUBREQUEST`].

use std::sync::Arc;

use axum::Router;

use crate::base::state::Org;

/// Marks a sub-request: it is not counted against the API limit again, pays no latency of its
/// own, and is logged as a part of its call.
pub(crate) const SUBREQUEST: &str = "x-eca-sim-subrequest";

/// The org's whole router, as the server builds it: sub-requests meet every rule a single call
/// does.
#[derive(Clone, Copy)]
pub(crate) struct Subrequests(pub fn(Arc<Org>) -> Router);

impl Subrequests {
    pub fn router(self, org: Arc<Org>) -> Router {
        (self.0)(org)
    }
}
