//! `/automation/webhooks…`, `/automation/rules…` and what rules are built from.

pub mod delivery;
pub mod endpoint;
pub mod rule;
pub mod rule_catalogue;
