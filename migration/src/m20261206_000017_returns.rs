//! Logistics: returns (RMA): the store's return rules, returns, their lines and timelines.

use sea_orm_migration::prelude::*;

use crate::columns::{
    amount, boolean, index, int, json, nullable_amount, nullable_text, nullable_uuid, quantity,
    tenant_fk, tenant_pk, tenant_ref, text, time, uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 4] = [
    "return_settings",
    "returns",
    "return_lines",
    "return_events",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        settings(manager).await?;
        returns(manager).await?;
        lines(manager).await?;
        events(manager).await?;
        crate::enforce_closed_sets(manager).await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            manager
                .drop_table(
                    Table::drop()
                        .table(Alias::new(*table))
                        .if_exists()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

async fn settings(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new("return_settings"))
                .col(uuid("tenant_id"))
                .col(int("regret_days"))
                .col(int("defect_days"))
                .col(text("shipping_refund"))
                .col(json("reasons"))
                .col(time("updated_at"))
                .primary_key(
                    Index::create()
                        .name("pk_return_settings")
                        .col(Alias::new("tenant_id"))
                        .primary(),
                )
                .foreign_key(&mut tenant_fk("return_settings"))
                .check(Expr::cust(
                    "regret_days BETWEEN 7 AND 365 AND defect_days BETWEEN 7 AND 3650",
                ))
                .to_owned(),
        )
        .await
}

async fn returns(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    manager
        .create_table(
            Table::create()
                .table(Alias::new("returns"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("order_id"))
                .col(text("status"))
                .col(boolean("by_customer"))
                .col(amount(backend, "credit"))
                .col(nullable_text("override_reason"))
                .col(nullable_text("authorization_code"))
                .col(nullable_text("instructions"))
                .col(nullable_text("decline_reason"))
                .col(nullable_text("resolution"))
                .col(nullable_amount(backend, "refunded"))
                .col(nullable_uuid("replacement_order_id"))
                .col(version())
                .col(time("created_at"))
                .col(time("updated_at"))
                .primary_key(&mut tenant_pk("returns"))
                .foreign_key(&mut tenant_ref("returns", "order_id", "orders"))
                .foreign_key(&mut tenant_ref("returns", "replacement_order_id", "orders"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index("returns", "order", &["tenant_id", "order_id"], false))
        .await?;
    manager
        .create_index(index(
            "returns",
            "status",
            &["tenant_id", "status", "id"],
            false,
        ))
        .await
}

async fn lines(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    manager
        .create_table(
            Table::create()
                .table(Alias::new("return_lines"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("return_id"))
                .col(uuid("order_line_id"))
                .col(uuid("variant_id"))
                .col(text("sku"))
                .col(quantity("quantity"))
                .col(text("reason"))
                .col(text("reason_kind"))
                .col(nullable_text("comment"))
                .col(json("photos"))
                .col(amount(backend, "value"))
                .col(quantity("restocked"))
                .col(quantity("unsellable"))
                .col(nullable_uuid("location_id"))
                .primary_key(&mut tenant_pk("return_lines"))
                .foreign_key(&mut tenant_ref("return_lines", "return_id", "returns"))
                .foreign_key(&mut tenant_ref(
                    "return_lines",
                    "order_line_id",
                    "order_lines",
                ))
                .foreign_key(&mut tenant_ref("return_lines", "location_id", "locations"))
                .check(Expr::cust(
                    "quantity > 0 AND restocked >= 0 AND unsellable >= 0 \
                     AND restocked + unsellable <= quantity",
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(
            "return_lines",
            "return",
            &["tenant_id", "return_id"],
            false,
        ))
        .await?;
    manager
        .create_index(index(
            "return_lines",
            "order_line",
            &["tenant_id", "order_line_id"],
            false,
        ))
        .await
}

async fn events(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new("return_events"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("return_id"))
                .col(text("status"))
                .col(nullable_text("note"))
                .col(nullable_uuid("actor_id"))
                .col(time("at"))
                .primary_key(&mut tenant_pk("return_events"))
                .foreign_key(&mut tenant_ref("return_events", "return_id", "returns"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(
            "return_events",
            "return",
            &["tenant_id", "return_id", "id"],
            false,
        ))
        .await
}
