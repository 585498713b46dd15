//! `/automation/webhooks…`.

pub mod delivery;
pub mod endpoint;
