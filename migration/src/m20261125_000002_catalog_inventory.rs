//! Catalog and inventory: sales channels, suppliers, products and variants, locations, stock
//! levels, the movement ledger and reservations.

use sea_orm_migration::prelude::*;

use crate::columns::{
    amount, index, int, json, nullable_int, nullable_quantity, nullable_text, nullable_time,
    nullable_uuid, quantity, tenant_fk, tenant_pk, tenant_ref, text, time, uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 8] = [
    "sales_channels",
    "suppliers",
    "products",
    "variants",
    "locations",
    "stock_levels",
    "stock_movements",
    "reservations",
];

fn timestamps(table: &mut TableCreateStatement) -> &mut TableCreateStatement {
    table
        .col(version())
        .col(time("created_at"))
        .col(time("updated_at"))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();

        let mut channels = Table::create();
        channels
            .table(Alias::new("sales_channels"))
            .col(uuid("tenant_id"))
            .col(uuid("id"))
            .col(text("name"))
            .col(text("kind"))
            .col(text("status"));
        timestamps(&mut channels)
            .primary_key(&mut tenant_pk("sales_channels"))
            .foreign_key(&mut tenant_fk("sales_channels"));
        manager.create_table(channels.to_owned()).await?;

        let mut suppliers = Table::create();
        suppliers
            .table(Alias::new("suppliers"))
            .col(uuid("tenant_id"))
            .col(uuid("id"))
            .col(text("name"))
            .col(nullable_text("tax_id"))
            .col(nullable_text("contact_name"))
            .col(nullable_text("email"))
            .col(nullable_text("phone"))
            .col(int("lead_time_days"))
            .col(text("status"))
            .col(text("search_text"));
        timestamps(&mut suppliers)
            .primary_key(&mut tenant_pk("suppliers"))
            .foreign_key(&mut tenant_fk("suppliers"));
        manager.create_table(suppliers.to_owned()).await?;

        let mut products = Table::create();
        products
            .table(Alias::new("products"))
            .col(uuid("tenant_id"))
            .col(uuid("id"))
            .col(text("name"))
            .col(nullable_text("description"))
            .col(nullable_text("ncm"))
            .col(text("status"))
            .col(text("search_text"));
        timestamps(&mut products)
            .primary_key(&mut tenant_pk("products"))
            .foreign_key(&mut tenant_fk("products"));
        manager.create_table(products.to_owned()).await?;

        let mut variants = Table::create();
        variants
            .table(Alias::new("variants"))
            .col(uuid("tenant_id"))
            .col(uuid("id"))
            .col(uuid("product_id"))
            .col(text("sku"))
            .col(nullable_text("barcode"))
            .col(json("options"))
            .col(amount(backend, "price"))
            .col(amount(backend, "cost"))
            .col(amount(backend, "average_cost"))
            .col(nullable_int("weight_grams"))
            .col(nullable_int("length_mm"))
            .col(nullable_int("width_mm"))
            .col(nullable_int("height_mm"))
            .col(text("status"))
            .col(text("search_text"));
        timestamps(&mut variants)
            .primary_key(&mut tenant_pk("variants"))
            .foreign_key(&mut tenant_ref("variants", "product_id", "products"));
        manager.create_table(variants.to_owned()).await?;
        manager
            .create_index(index("variants", "sku", &["tenant_id", "sku"], true))
            .await?;
        manager
            .create_index(index(
                "variants",
                "barcode",
                &["tenant_id", "barcode"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "variants",
                "product",
                &["tenant_id", "product_id"],
                false,
            ))
            .await?;

        let mut locations = Table::create();
        locations
            .table(Alias::new("locations"))
            .col(uuid("tenant_id"))
            .col(uuid("id"))
            .col(text("name"))
            .col(text("code"))
            .col(text("kind"))
            .col(text("status"));
        timestamps(&mut locations)
            .primary_key(&mut tenant_pk("locations"))
            .foreign_key(&mut tenant_fk("locations"));
        manager.create_table(locations.to_owned()).await?;
        manager
            .create_index(index("locations", "code", &["tenant_id", "code"], true))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("stock_levels"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("variant_id"))
                    .col(uuid("location_id"))
                    .col(quantity("on_hand"))
                    .col(quantity("reserved"))
                    .col(quantity("unsellable"))
                    .col(quantity("incoming"))
                    .col(nullable_quantity("reorder_point"))
                    .col(nullable_quantity("reorder_quantity"))
                    .col(time("updated_at"))
                    .primary_key(&mut tenant_pk("stock_levels"))
                    .foreign_key(&mut tenant_ref("stock_levels", "variant_id", "variants"))
                    .foreign_key(&mut tenant_ref("stock_levels", "location_id", "locations"))
                    // The backstop behind the conditional updates: nothing negative, and never
                    // more reserved or unsellable than is on hand.
                    .check(Expr::cust(
                        "on_hand >= 0 AND reserved >= 0 AND unsellable >= 0 AND incoming >= 0 \
                         AND on_hand - reserved - unsellable >= 0",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "stock_levels",
                "variant_location",
                &["tenant_id", "variant_id", "location_id"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "stock_levels",
                "location",
                &["tenant_id", "location_id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("stock_movements"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("variant_id"))
                    .col(uuid("location_id"))
                    .col(text("kind"))
                    .col(quantity("on_hand_delta"))
                    .col(quantity("reserved_delta"))
                    .col(quantity("unsellable_delta"))
                    .col(quantity("incoming_delta"))
                    .col(nullable_text("reason"))
                    .col(nullable_text("reference_type"))
                    .col(nullable_uuid("reference_id"))
                    .col(text("actor_type"))
                    .col(nullable_uuid("actor_id"))
                    .col(nullable_text("note"))
                    .col(time("created_at"))
                    .primary_key(&mut tenant_pk("stock_movements"))
                    .foreign_key(&mut tenant_ref("stock_movements", "variant_id", "variants"))
                    .foreign_key(&mut tenant_ref(
                        "stock_movements",
                        "location_id",
                        "locations",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "stock_movements",
                "variant_location",
                &["tenant_id", "variant_id", "location_id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("reservations"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("variant_id"))
                    .col(uuid("location_id"))
                    .col(quantity("quantity"))
                    .col(text("status"))
                    .col(nullable_time("expires_at"))
                    .col(nullable_text("reference_type"))
                    .col(nullable_uuid("reference_id"))
                    .col(time("created_at"))
                    .col(time("updated_at"))
                    .primary_key(&mut tenant_pk("reservations"))
                    .foreign_key(&mut tenant_ref("reservations", "variant_id", "variants"))
                    .foreign_key(&mut tenant_ref("reservations", "location_id", "locations"))
                    .check(Expr::cust("quantity > 0"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "reservations",
                "expiry",
                &["status", "expires_at"],
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
