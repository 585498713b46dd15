//! The store calendar: the weekdays a store works and its dispatch cut-off (columns of
//! `tenants`), and the holidays it adds to Brazil's national ones (`store_holidays`).
//!
//! `working_weekdays` is a bit set, Monday 1 to Sunday 64 (never empty);
//! `dispatch_cutoff_minutes` minutes after midnight in the store's time zone. Both databases
//! refuse other values: SQLite takes a `CHECK` on an added column, as PostgreSQL does.

use sea_orm_migration::prelude::*;

use crate::columns::{boolean, index, nullable_text, tenant_fk, tenant_pk, text, time, uuid};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TENANT_COLUMNS: [&str; 2] = [
    "ALTER TABLE tenants ADD COLUMN working_weekdays integer NOT NULL DEFAULT 31 \
     CONSTRAINT tenants_working_weekdays_range CHECK (working_weekdays BETWEEN 1 AND 127)",
    "ALTER TABLE tenants ADD COLUMN dispatch_cutoff_minutes integer NOT NULL DEFAULT 840 \
     CONSTRAINT tenants_dispatch_cutoff_range \
     CHECK (dispatch_cutoff_minutes BETWEEN 0 AND 1439)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let connection = manager.get_connection();
        for statement in TENANT_COLUMNS {
            connection.execute_unprepared(statement).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("store_holidays"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(ColumnDef::new(Alias::new("date")).date().not_null())
                    .col(text("name"))
                    .col(nullable_text("scope"))
                    .col(boolean("yearly"))
                    .col(time("created_at"))
                    .primary_key(&mut tenant_pk("store_holidays"))
                    .foreign_key(&mut tenant_fk("store_holidays"))
                    .check(Expr::cust("length(name) BETWEEN 1 AND 100"))
                    .check(Expr::cust(
                        "scope IS NULL OR length(scope) BETWEEN 1 AND 100",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "store_holidays",
                "date",
                &["tenant_id", "date"],
                true,
            ))
            .await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(Alias::new("store_holidays"))
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        for column in ["working_weekdays", "dispatch_cutoff_minutes"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new("tenants"))
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
