//! `/automation/webhooks…`, `/automation/rules…` and what rules are built from, and
//! `/notifications…`.

pub mod delivery;
pub mod endpoint;
pub mod notification;
pub mod rule;
pub mod rule_catalogue;
