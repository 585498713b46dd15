//! Support: canned replies, per store and language, each a template an agent's answer starts
//! from.

use sea_orm_migration::prelude::*;

use crate::columns::{index, tenant_fk, tenant_pk, text, time, uuid, version};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "canned_replies";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(TABLE))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(text("name"))
                    .col(text("locale"))
                    // A minijinja template over the ticket, its customer and order.
                    .col(text("body"))
                    .col(version())
                    .col(time("created_at"))
                    .col(time("updated_at"))
                    .primary_key(&mut tenant_pk(TABLE))
                    .foreign_key(&mut tenant_fk(TABLE))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(TABLE, "name", &["tenant_id", "locale", "name"], true))
            .await?;
        crate::enforce_closed_sets(manager).await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = Table::drop()
            .table(Alias::new(TABLE))
            .if_exists()
            .to_owned();
        manager.drop_table(drop).await
    }
}
