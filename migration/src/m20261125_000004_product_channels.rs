//! Which sales channels list which products.

use sea_orm_migration::prelude::*;

use crate::columns::{index, tenant_pk, tenant_ref, time, uuid};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("product_channels"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("product_id"))
                    .col(uuid("channel_id"))
                    .col(time("created_at"))
                    .primary_key(&mut tenant_pk("product_channels"))
                    .foreign_key(&mut tenant_ref(
                        "product_channels",
                        "product_id",
                        "products",
                    ))
                    .foreign_key(&mut tenant_ref(
                        "product_channels",
                        "channel_id",
                        "sales_channels",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "product_channels",
                "pair",
                &["tenant_id", "product_id", "channel_id"],
                true,
            ))
            .await?;
        rls::isolate_tenant_table(manager, "product_channels").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(Alias::new("product_channels"))
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
