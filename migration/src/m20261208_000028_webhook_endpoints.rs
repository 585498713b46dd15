//! Automation: webhook endpoints, their signing secrets sealed.

use sea_orm_migration::prelude::*;

use crate::columns::{
    boolean, nullable_text, nullable_time, tenant_fk, tenant_pk, text, time, uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "webhook_endpoints";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(TABLE))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(text("url"))
                    .col(text("events"))
                    .col(nullable_text("description"))
                    .col(boolean("enabled"))
                    .col(nullable_text("disabled_reason"))
                    .col(text("secret_sealed"))
                    .col(nullable_text("previous_secret_sealed"))
                    .col(nullable_time("previous_valid_until"))
                    .col(version())
                    .col(time("created_at"))
                    .col(time("updated_at"))
                    .primary_key(&mut tenant_pk(TABLE))
                    .foreign_key(&mut tenant_fk(TABLE))
                    .check(Expr::cust("length(url) BETWEEN 1 AND 2000"))
                    .check(Expr::cust("length(events) BETWEEN 1 AND 8100"))
                    // Off says why; on has no reason.
                    .check(Expr::cust("enabled = (disabled_reason IS NULL)"))
                    .check(Expr::cust(
                        "(previous_secret_sealed IS NULL) = (previous_valid_until IS NULL)",
                    ))
                    .to_owned(),
            )
            .await?;
        crate::enforce_closed_sets(manager).await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(Alias::new(TABLE))
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
