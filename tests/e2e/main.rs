//! End-to-end tests: the real server over HTTP, every database test on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

mod api_keys;
mod audit;
mod browser;
mod browser_sessions;
mod catalog;
mod concurrency;
mod config;
mod crash;
mod csv_files;
mod csv_formulas;
mod csv_limits;
mod demo;
mod errors;
mod health;
mod idempotency;
mod inventory;
mod invitations;
mod isolation;
mod kits_and_channels;
mod layers;
mod ledger_property;
mod mail;
mod members;
mod openapi_spec;
mod order_balance;
mod order_money_property;
mod order_search;
mod orders;
mod outage;
mod purchasing;
mod rate_limits;
mod reader_language;
mod replenishment;
mod security_headers;
mod sessions;
mod signup;
mod template_limits;
mod tenant_settings;
mod tenant_tables;
mod tidy;
mod two_servers;
mod web_app;
