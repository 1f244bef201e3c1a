//! One module per Salesforce API the org serves. Each depends only on the shared base
//! (`crate::base`), never on another API module or on the router (`crate::server`), which
//! imports them: a new API (say, the Connect REST credentials API) is a new module here and
//! its routes in `server.rs`.

pub(crate) mod composite;
pub(crate) mod credentials;
pub(crate) mod identity;
pub(crate) mod metadata;
pub(crate) mod oauth;
pub(crate) mod pages;
pub(crate) mod query;
pub(crate) mod records;
pub(crate) mod rest;
