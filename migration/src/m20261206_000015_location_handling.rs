//! Logistics: each location's handling time (working days to dispatch a paid order).

use sea_orm_migration::prelude::*;

use crate::columns::{int, tenant_pk, tenant_ref, time, uuid};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("location_handling"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(int("handling_days"))
                    .col(time("updated_at"))
                    .primary_key(&mut tenant_pk("location_handling"))
                    .foreign_key(&mut tenant_ref("location_handling", "id", "locations"))
                    .check(Expr::cust("handling_days BETWEEN 0 AND 60"))
                    .to_owned(),
            )
            .await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(Alias::new("location_handling"))
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
