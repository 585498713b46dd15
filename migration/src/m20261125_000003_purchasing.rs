//! Purchasing and the rest of inventory: supplier links of variants, kit components, channel
//! buffers, purchase orders and their lines, per-tenant counters, and the outbox.

use sea_orm_migration::prelude::*;

use crate::columns::{
    amount, index, int, json, nullable_text, nullable_time, quantity, tenant_fk, tenant_pk,
    tenant_ref, text, time, uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 7] = [
    "supplier_variants",
    "kit_components",
    "channel_buffers",
    "purchase_orders",
    "purchase_order_lines",
    "counters",
    "outbox",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("supplier_variants"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("supplier_id"))
                    .col(uuid("variant_id"))
                    .col(nullable_text("supplier_sku"))
                    .col(amount(backend, "cost"))
                    .col(time("created_at"))
                    .primary_key(&mut tenant_pk("supplier_variants"))
                    .foreign_key(&mut tenant_ref(
                        "supplier_variants",
                        "supplier_id",
                        "suppliers",
                    ))
                    .foreign_key(&mut tenant_ref(
                        "supplier_variants",
                        "variant_id",
                        "variants",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "supplier_variants",
                "pair",
                &["tenant_id", "supplier_id", "variant_id"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("kit_components"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("kit_variant_id"))
                    .col(uuid("component_variant_id"))
                    .col(quantity("quantity"))
                    .primary_key(&mut tenant_pk("kit_components"))
                    .foreign_key(&mut tenant_ref(
                        "kit_components",
                        "kit_variant_id",
                        "variants",
                    ))
                    .foreign_key(&mut tenant_ref(
                        "kit_components",
                        "component_variant_id",
                        "variants",
                    ))
                    .check(Expr::cust("quantity > 0"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "kit_components",
                "pair",
                &["tenant_id", "kit_variant_id", "component_variant_id"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("channel_buffers"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("channel_id"))
                    .col(uuid("variant_id"))
                    .col(quantity("quantity"))
                    .col(time("updated_at"))
                    .primary_key(&mut tenant_pk("channel_buffers"))
                    .foreign_key(&mut tenant_ref(
                        "channel_buffers",
                        "channel_id",
                        "sales_channels",
                    ))
                    .foreign_key(&mut tenant_ref("channel_buffers", "variant_id", "variants"))
                    .check(Expr::cust("quantity >= 0"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "channel_buffers",
                "pair",
                &["tenant_id", "channel_id", "variant_id"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("purchase_orders"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(int("number"))
                    .col(uuid("supplier_id"))
                    .col(uuid("location_id"))
                    .col(text("status"))
                    .col(nullable_text("note"))
                    .col(nullable_time("sent_at"))
                    .col(nullable_time("received_at"))
                    .col(nullable_time("cancelled_at"))
                    .col(version())
                    .col(time("created_at"))
                    .col(time("updated_at"))
                    .primary_key(&mut tenant_pk("purchase_orders"))
                    .foreign_key(&mut tenant_ref(
                        "purchase_orders",
                        "supplier_id",
                        "suppliers",
                    ))
                    .foreign_key(&mut tenant_ref(
                        "purchase_orders",
                        "location_id",
                        "locations",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "purchase_orders",
                "number",
                &["tenant_id", "number"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("purchase_order_lines"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("purchase_order_id"))
                    .col(uuid("variant_id"))
                    .col(quantity("quantity_ordered"))
                    .col(quantity("quantity_received"))
                    .col(amount(backend, "unit_cost"))
                    .primary_key(&mut tenant_pk("purchase_order_lines"))
                    .foreign_key(&mut tenant_ref(
                        "purchase_order_lines",
                        "purchase_order_id",
                        "purchase_orders",
                    ))
                    .foreign_key(&mut tenant_ref(
                        "purchase_order_lines",
                        "variant_id",
                        "variants",
                    ))
                    .check(Expr::cust(
                        "quantity_ordered > 0 AND quantity_received >= 0 \
                         AND quantity_received <= quantity_ordered",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "purchase_order_lines",
                "order",
                &["tenant_id", "purchase_order_id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("counters"))
                    .col(uuid("tenant_id"))
                    .col(text("name"))
                    .col(quantity("last_value"))
                    .primary_key(
                        Index::create()
                            .name("pk_counters")
                            .col(Alias::new("tenant_id"))
                            .col(Alias::new("name"))
                            .primary(),
                    )
                    .foreign_key(&mut tenant_fk("counters"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("outbox"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(text("event_type"))
                    .col(json("payload"))
                    .col(text("status"))
                    .col(
                        ColumnDef::new(Alias::new("attempts"))
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(nullable_time("next_attempt_at"))
                    .col(nullable_text("last_error"))
                    .col(time("created_at"))
                    .col(nullable_time("processed_at"))
                    .primary_key(&mut tenant_pk("outbox"))
                    .foreign_key(&mut tenant_fk("outbox"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "outbox",
                "pending",
                &["status", "next_attempt_at"],
                false,
            ))
            .await?;

        for table in TABLES {
            rls::isolate_tenant_table(manager, table).await?;
        }
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
