//! Automation: webhook endpoints, their secrets and where they may point.

mod actions;
mod deliveries;
mod endpoints;
mod fairness;
mod held_orders;
mod log;
mod notifications;
mod rule_checks;
mod rules;
mod secrets;
pub mod verifier;
