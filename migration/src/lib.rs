//! Database migrations, run at server start-up. A merged migration is never edited: add a new one.
//!
//! Tables come in two kinds. *Tenant tables* carry `tenant_id` first in their primary key and,
//! on PostgreSQL, row-level security keyed on the transaction-local setting `app.tenant_id`.
//! *Global tables* (`rls::GLOBAL_TABLES`, each with why) hold what must be found before a
//! tenant is known, and are reached only by the auth and tenancy services. A migration that
//! adds tables ends with `rls::isolate_tenant_tables`, which reads the tenant tables from the
//! catalogue; a test fails for a tenant table left open, or a table of neither kind.
//!
//! A text column holding one of a closed set (`entity::closed_sets`) refuses other values in
//! both databases (`closed_sets` migration); a migration that changes a set calls its
//! `enforce` again.

pub use sea_orm_migration::prelude::*;

mod columns;
mod m20261125_000001_foundation;
mod m20261125_000002_catalog_inventory;
mod m20261125_000003_purchasing;
mod m20261125_000004_product_channels;
mod m20261125_000005_sqlite_search;
mod m20261125_000006_orders_mail;
mod m20261126_000007_search_and_late_numbers;
mod m20261126_000008_drop_products_fts;
mod m20261206_000009_isolate_catalogued_tenant_tables;
mod m20261206_000010_security;
mod m20261206_000011_text_as_keys;
mod m20261206_000012_closed_sets;
mod m20261206_000013_store_calendar;
mod m20261206_000014_logistics_carriers;
mod m20261206_000015_location_handling;
mod m20261206_000016_fulfilments;
mod m20261206_000017_returns;
mod m20261206_000018_logistics_indexes;
mod m20261206_000019_default_shipping_service;
mod m20261206_000020_scorecard_spans;
mod m20261206_000021_indexes_for_sqlite_plans;
mod m20261207_000022_invoices;
mod m20261207_000023_payment_notifications;
mod m20261207_000024_credit_terms;
mod m20261207_000025_bank_lines;
mod m20261207_000026_margins;
mod m20261207_000027_supplier_bills;
mod m20261208_000028_webhook_endpoints;
mod m20261208_000029_webhook_deliveries;
mod m20261209_000030_webhook_disabled_email;
mod m20261210_000031_automation_rules;
mod m20261210_000032_notifications;
mod m20261211_000033_margin_dimension;
mod m20261212_000034_support;
mod m20261212_000035_canned_replies;
pub mod rls;

pub use m20261206_000011_text_as_keys::convert_stored_sentences;
pub use m20261206_000012_closed_sets::{constraint_name, enforce as enforce_closed_sets};

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_foundation::Migration),
            Box::new(m20261125_000002_catalog_inventory::Migration),
            Box::new(m20261125_000003_purchasing::Migration),
            Box::new(m20261125_000004_product_channels::Migration),
            Box::new(m20261125_000005_sqlite_search::Migration),
            Box::new(m20261125_000006_orders_mail::Migration),
            Box::new(m20261126_000007_search_and_late_numbers::Migration),
            Box::new(m20261126_000008_drop_products_fts::Migration),
            Box::new(m20261206_000009_isolate_catalogued_tenant_tables::Migration),
            Box::new(m20261206_000010_security::Migration),
            Box::new(m20261206_000011_text_as_keys::Migration),
            Box::new(m20261206_000012_closed_sets::Migration),
            Box::new(m20261206_000013_store_calendar::Migration),
            Box::new(m20261206_000014_logistics_carriers::Migration),
            Box::new(m20261206_000015_location_handling::Migration),
            Box::new(m20261206_000016_fulfilments::Migration),
            Box::new(m20261206_000017_returns::Migration),
            Box::new(m20261206_000018_logistics_indexes::Migration),
            Box::new(m20261206_000019_default_shipping_service::Migration),
            Box::new(m20261206_000020_scorecard_spans::Migration),
            Box::new(m20261206_000021_indexes_for_sqlite_plans::Migration),
            Box::new(m20261207_000022_invoices::Migration),
            Box::new(m20261207_000023_payment_notifications::Migration),
            Box::new(m20261207_000024_credit_terms::Migration),
            Box::new(m20261207_000025_bank_lines::Migration),
            Box::new(m20261207_000026_margins::Migration),
            Box::new(m20261207_000027_supplier_bills::Migration),
            Box::new(m20261208_000028_webhook_endpoints::Migration),
            Box::new(m20261208_000029_webhook_deliveries::Migration),
            Box::new(m20261209_000030_webhook_disabled_email::Migration),
            Box::new(m20261210_000031_automation_rules::Migration),
            Box::new(m20261210_000032_notifications::Migration),
            Box::new(m20261211_000033_margin_dimension::Migration),
            Box::new(m20261212_000034_support::Migration),
            Box::new(m20261212_000035_canned_replies::Migration),
        ]
    }
}
