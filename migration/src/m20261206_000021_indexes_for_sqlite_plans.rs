//! Indexes SQLite's planner needs at size (it keeps no statistics, so it picks an index by
//! its shape alone). Without them, with a million orders in a store:
//! - whether an order is its customer's first (its emails and the first-order hold ask) walked
//!   the store's orders by number, checking each one's customer: now by customer and number;
//! - a fulfilment's shipments, and a return's lines, read in the order of their ids, walked the
//!   store's whole table by id: their indexes now end with `id`, so the order comes with them.
//!
//! `EXPLAIN QUERY PLAN` on SQLite showed each walk; PostgreSQL chose well either way.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, index name, columns before, columns after); no columns before: a new index.
const CHANGES: [(&str, &str, &[&str], &[&str]); 3] = [
    (
        "orders",
        "customer_number",
        &[],
        &["tenant_id", "customer_id", "number"],
    ),
    (
        "shipments",
        "fulfilment",
        &["tenant_id", "fulfilment_id"],
        &["tenant_id", "fulfilment_id", "id"],
    ),
    (
        "return_lines",
        "return",
        &["tenant_id", "return_id"],
        &["tenant_id", "return_id", "id"],
    ),
];

/// Drops the index and makes it anew on `columns` (none: only drops it), in one message: on
/// SQLite the migration's connections are pooled, and a second connection would still see
/// the dropped index in the schema it read before.
async fn replace(
    manager: &SchemaManager<'_>,
    table: &str,
    name: &str,
    columns: &[&str],
) -> Result<(), DbErr> {
    let mut sql = format!("DROP INDEX IF EXISTS ix_{table}_{name};");
    if !columns.is_empty() {
        let columns = columns.join(", ");
        sql.push_str(&format!(
            " CREATE INDEX ix_{table}_{name} ON {table} ({columns});"
        ));
    }
    manager.get_connection().execute_unprepared(&sql).await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, name, _, after) in CHANGES {
            replace(manager, table, name, after).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, name, before, _) in CHANGES {
            replace(manager, table, name, before).await?;
        }
        Ok(())
    }
}
