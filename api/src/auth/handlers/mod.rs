//! HTTP handlers of the auth module.

pub mod api_key;
pub mod browser;
pub mod session;
