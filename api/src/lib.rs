//! Retaguarda's API server: an actix-web JSON API over sea-orm (SQLite or PostgreSQL).
//!
//! Modules of the product each own a folder (`tenancy`, `auth`, `audit`, …) with a route table
//! (`mod.rs`), HTTP handlers, services that work inside one transaction, and an error enum.
//! `error` alone turns errors into HTTP responses.

/// The server allocates and frees many small buffers per request (JSON, SQL, rows); mimalloc
/// does that in less time than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod access;
pub mod audit;
pub mod auth;
pub mod automation;
pub mod background;
pub mod batch_write;
pub mod catalog;
pub mod config;
pub mod csv_export;
pub mod db;
pub mod demo;
pub mod error;
pub mod etag;
pub mod extract;
pub mod finance;
pub mod health;
pub mod i18n;
pub mod idempotency;
pub mod import_file;
pub mod inventory;
pub mod logistics;
pub mod mail;
pub mod metrics;
pub mod module;
pub mod modules;
pub mod numbering;
pub mod openapi_doc;
pub mod orders;
pub mod outbox;
pub mod pagination;
pub mod public_limit;
pub mod routes;
pub mod sealed;
pub mod startup;
pub mod state;
pub mod support;
pub mod sweep;
pub mod tenancy;
pub mod text_search;
pub mod web_app;
