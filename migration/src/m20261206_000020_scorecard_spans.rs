//! The carrier scorecard's counts in spans: each shipment counts in its day of posting, its
//! ten days of the month and its month (`span`), so a period reads whole months and ten days
//! and only the days at its ends. The counts are a read model: the table is made anew and every
//! store counted again by the late sweep (no row of `scorecard_builds` says it is counted).

use sea_orm_migration::prelude::*;

use crate::columns::{int, tenant_fk, text, uuid};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const DAYS: &str = "scorecard_days";

fn count(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .big_integer()
        .not_null()
        .to_owned()
}

/// `scorecard_days`, with its `span` column or (to go back) without it.
async fn create(manager: &SchemaManager<'_>, spans: bool) -> Result<(), DbErr> {
    let drop = Table::drop().table(Alias::new(DAYS)).if_exists().to_owned();
    manager.drop_table(drop).await?;
    let mut key = Index::create();
    key.name(format!("pk_{DAYS}")).primary();
    let mut table = Table::create();
    table.table(Alias::new(DAYS)).col(uuid("tenant_id"));
    key.col(Alias::new("tenant_id"));
    if spans {
        table
            .col(text("span"))
            .check(Expr::cust("span IN ('day', 'ten_days', 'month')"));
        key.col(Alias::new("span"));
    }
    for column in ["posted_on", "service_id", "state", "delivered", "days"] {
        key.col(Alias::new(column));
    }
    table
        .col(ColumnDef::new(Alias::new("posted_on")).date().not_null())
        .col(uuid("service_id"))
        // Empty for a destination outside Brazil's states.
        .col(text("state"))
        .col(int("delivered"))
        .col(int("days"))
        .col(count("shipments"))
        .col(count("on_time"))
        .col(count("failed_attempts"))
        .col(count("returned_to_sender"))
        .primary_key(&mut key)
        .foreign_key(&mut tenant_fk(DAYS))
        .check(Expr::cust("delivered IN (0, 1)"));
    manager.create_table(table.to_owned()).await?;
    let forget = Query::delete()
        .from_table(Alias::new("scorecard_builds"))
        .to_owned();
    manager.exec_stmt(forget).await?;
    rls::isolate_tenant_tables(manager).await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, true).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, false).await
    }
}
