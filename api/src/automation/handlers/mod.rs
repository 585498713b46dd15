//! `/automation/webhooks…`.

pub mod endpoint;
