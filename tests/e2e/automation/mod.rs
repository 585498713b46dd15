//! Automation: webhook endpoints, their secrets and where they may point.

mod deliveries;
mod endpoints;
mod fairness;
mod log;
mod notifications;
mod rule_checks;
mod rules;
mod secrets;
pub mod verifier;
