//! Finance: the contribution margin of each committed order line, and the store's channel
//! commissions and payment fees that it takes off.

use sea_orm_migration::prelude::*;

use crate::columns::{
    amount, index, nullable_json, nullable_uuid, quantity, tenant_fk, tenant_pk, tenant_ref, text,
    time, uuid,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "line_margins";
/// The roll-ups' read model: the lines' sums per day and channel, supplier or product.
const DAYS: &str = "margin_days";

/// The amounts of a line's margin, each in the order's currency.
const AMOUNTS: [&str; 9] = [
    "price",
    "discounts",
    "commission",
    "payment_fee",
    "freight",
    "cost",
    "credited",
    "credited_cost",
    "margin",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        for column in ["channel_fees", "payment_fees"] {
            let alter = Table::alter()
                .table(Alias::new("finance_settings"))
                .add_column(nullable_json(column))
                .to_owned();
            manager.alter_table(alter).await?;
        }
        let mut table = Table::create();
        table
            .table(Alias::new(TABLE))
            // `id` is the order line's.
            .col(uuid("tenant_id"))
            .col(uuid("id"))
            .col(uuid("order_id"))
            .col(
                ColumnDef::new(Alias::new("order_number"))
                    .big_integer()
                    .not_null(),
            )
            .col(uuid("channel_id"))
            .col(uuid("product_id"))
            .col(uuid("variant_id"))
            .col(nullable_uuid("supplier_id"))
            .col(text("sku"))
            .col(text("name"))
            .col(text("currency"))
            .col(
                ColumnDef::new(Alias::new("quantity"))
                    .big_integer()
                    .not_null(),
            )
            .col(time("sold_at"))
            .col(ColumnDef::new(Alias::new("sold_on")).date().not_null());
        for name in AMOUNTS {
            table.col(amount(backend, name));
        }
        table
            .col(time("updated_at"))
            .primary_key(&mut tenant_pk(TABLE))
            .foreign_key(&mut tenant_fk(TABLE))
            .foreign_key(&mut tenant_ref(TABLE, "id", "order_lines"))
            .foreign_key(&mut tenant_ref(TABLE, "order_id", "orders"));
        manager.create_table(table.to_owned()).await?;
        let indexes = [
            index(TABLE, "sold_on", &["tenant_id", "sold_on"], false),
            index(TABLE, "order", &["tenant_id", "order_id"], false),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        create_days(manager).await?;
        crate::enforce_closed_sets(manager).await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [DAYS, TABLE] {
            let drop = Table::drop()
                .table(Alias::new(table))
                .if_exists()
                .to_owned();
            manager.drop_table(drop).await?;
        }
        for column in ["payment_fees", "channel_fees"] {
            let alter = Table::alter()
                .table(Alias::new("finance_settings"))
                .drop_column(Alias::new(column))
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }
}

/// `margin_days`: one row per day the lines were sold on, `dimension` (`channel`, `supplier`
/// or `product`), that item's id (nil: lines without a supplier) and currency.
async fn create_days(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    let mut table = Table::create();
    table
        .table(Alias::new(DAYS))
        .col(uuid("tenant_id"))
        .col(text("dimension"))
        .col(ColumnDef::new(Alias::new("sold_on")).date().not_null())
        .col(uuid("item_id"))
        .col(text("currency"))
        .col(quantity("lines"))
        .col(quantity("quantity"));
    for name in AMOUNTS {
        table.col(amount(backend, name));
    }
    let mut key = Index::create();
    key.name(format!("pk_{DAYS}"));
    for column in ["tenant_id", "dimension", "sold_on", "item_id", "currency"] {
        key.col(Alias::new(column));
    }
    table
        .primary_key(key.primary())
        .foreign_key(&mut tenant_fk(DAYS));
    manager.create_table(table.to_owned()).await
}
