//! The outbox's deliveries (an event taken by several modules' handlers is done by each once);
//! logistics: fulfilments (what one location sends of a paid order), their shipments
//! (packages, with carrier service and tracking code) and the carriers' tracking events; and
//! on the order, the service the customer chose and the promise made when it was paid.

use sea_orm_migration::prelude::*;

use crate::columns::{
    index, int, nullable_amount, nullable_text, nullable_time, nullable_uuid, quantity, tenant_fk,
    tenant_pk, tenant_ref, text, time, uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 5] = [
    "outbox_deliveries",
    "fulfilments",
    "fulfilment_lines",
    "shipments",
    "tracking_events",
];

const ORDER_COLUMNS: [&str; 3] = ["shipping_service_id", "ship_by", "promised_delivery"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        outbox_deliveries(manager).await?;
        order_promise(manager).await?;
        fulfilments(manager).await?;
        fulfilment_lines(manager).await?;
        shipments(manager).await?;
        tracking_events(manager).await?;
        crate::enforce_closed_sets(manager).await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            let drop = Table::drop()
                .table(Alias::new(*table))
                .if_exists()
                .to_owned();
            manager.drop_table(drop).await?;
        }
        for column in ORDER_COLUMNS {
            let alter = Table::alter()
                .table(Alias::new("orders"))
                .drop_column(Alias::new(column))
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }
}

async fn outbox_deliveries(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let table = "outbox_deliveries";
    manager
        .create_table(
            Table::create()
                .table(Alias::new(table))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(text("handler"))
                .col(time("done_at"))
                .primary_key(
                    Index::create()
                        .name("pk_outbox_deliveries")
                        .col(Alias::new("tenant_id"))
                        .col(Alias::new("id"))
                        .col(Alias::new("handler"))
                        .primary(),
                )
                .foreign_key(&mut tenant_fk(table))
                .to_owned(),
        )
        .await
}

fn date(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).date().null().to_owned()
}

/// SQLite adds one column per statement.
async fn order_promise(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    for column in [
        nullable_uuid("shipping_service_id"),
        date("ship_by"),
        date("promised_delivery"),
    ] {
        let alter = Table::alter()
            .table(Alias::new("orders"))
            .add_column(column)
            .to_owned();
        manager.alter_table(alter).await?;
    }
    Ok(())
}

async fn fulfilments(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let table = "fulfilments";
    manager
        .create_table(
            Table::create()
                .table(Alias::new(table))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("order_id"))
                .col(uuid("location_id"))
                .col(text("status"))
                .col(nullable_uuid("service_id"))
                .col(date("ship_by"))
                .col(date("deliver_by"))
                .col(nullable_time("picked_at"))
                .col(nullable_time("packed_at"))
                .col(nullable_time("shipped_at"))
                .col(nullable_time("delivered_at"))
                .col(nullable_time("cancelled_at"))
                .col(nullable_time("late_to_ship_at"))
                .col(nullable_time("late_in_transit_at"))
                .col(version())
                .col(time("created_at"))
                .col(time("updated_at"))
                .primary_key(&mut tenant_pk(table))
                .foreign_key(&mut tenant_fk(table))
                .foreign_key(&mut tenant_ref(table, "order_id", "orders"))
                .foreign_key(&mut tenant_ref(table, "location_id", "locations"))
                .foreign_key(&mut tenant_ref(table, "service_id", "carrier_services"))
                .to_owned(),
        )
        .await?;
    let indexes = [
        index(
            table,
            "order_location",
            &["tenant_id", "order_id", "location_id"],
            true,
        ),
        index(
            table,
            "status_ship_by",
            &["tenant_id", "status", "ship_by"],
            false,
        ),
        index(
            table,
            "location_status",
            &["tenant_id", "location_id", "status"],
            false,
        ),
        index(
            table,
            "status_deliver_by",
            &["tenant_id", "status", "deliver_by"],
            false,
        ),
    ];
    for index in indexes {
        manager.create_index(index).await?;
    }
    Ok(())
}

async fn fulfilment_lines(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let table = "fulfilment_lines";
    manager
        .create_table(
            Table::create()
                .table(Alias::new(table))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("fulfilment_id"))
                .col(uuid("order_line_id"))
                .col(uuid("variant_id"))
                .col(quantity("quantity"))
                .primary_key(&mut tenant_pk(table))
                .foreign_key(&mut tenant_ref(table, "fulfilment_id", "fulfilments"))
                .foreign_key(&mut tenant_ref(table, "order_line_id", "order_lines"))
                .foreign_key(&mut tenant_ref(table, "variant_id", "variants"))
                .check(Expr::cust("quantity > 0"))
                .to_owned(),
        )
        .await?;
    let lines = index(table, "fulfilment", &["tenant_id", "fulfilment_id"], false);
    manager.create_index(lines).await
}

async fn shipments(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let table = "shipments";
    let backend = manager.get_database_backend();
    manager
        .create_table(
            Table::create()
                .table(Alias::new(table))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("fulfilment_id"))
                .col(text("status"))
                .col(int("weight_grams"))
                .col(int("length_mm"))
                .col(int("width_mm"))
                .col(int("height_mm"))
                .col(nullable_uuid("service_id"))
                .col(nullable_text("tracking_code"))
                .col(nullable_amount(backend, "cost"))
                .col(nullable_text("destination_state"))
                .col(int("failed_attempts").default(0).to_owned())
                .col(nullable_time("posted_at"))
                .col(nullable_time("delivered_at"))
                .col(nullable_time("last_event_at"))
                .col(version())
                .col(time("created_at"))
                .col(time("updated_at"))
                .primary_key(&mut tenant_pk(table))
                .foreign_key(&mut tenant_ref(table, "fulfilment_id", "fulfilments"))
                .foreign_key(&mut tenant_ref(table, "service_id", "carrier_services"))
                .check(Expr::cust("weight_grams BETWEEN 1 AND 1000000"))
                .check(Expr::cust(
                    "length_mm BETWEEN 1 AND 10000 AND width_mm BETWEEN 1 AND 10000 \
                     AND height_mm BETWEEN 1 AND 10000",
                ))
                .check(Expr::cust("failed_attempts >= 0"))
                .to_owned(),
        )
        .await?;
    let indexes = [
        index(
            table,
            "tracking_code",
            &["tenant_id", "tracking_code"],
            true,
        ),
        index(table, "fulfilment", &["tenant_id", "fulfilment_id"], false),
        index(table, "scorecard", &["tenant_id", "posted_at"], false),
    ];
    for index in indexes {
        manager.create_index(index).await?;
    }
    Ok(())
}

async fn tracking_events(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let table = "tracking_events";
    manager
        .create_table(
            Table::create()
                .table(Alias::new(table))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("shipment_id"))
                .col(text("carrier_event_id"))
                .col(text("status"))
                .col(time("occurred_at"))
                .col(nullable_text("place"))
                .col(nullable_text("description"))
                .col(time("received_at"))
                .primary_key(&mut tenant_pk(table))
                .foreign_key(&mut tenant_ref(table, "shipment_id", "shipments"))
                .check(Expr::cust("length(carrier_event_id) BETWEEN 1 AND 120"))
                .to_owned(),
        )
        .await?;
    let once = index(
        table,
        "carrier_event",
        &["tenant_id", "shipment_id", "carrier_event_id"],
        true,
    );
    manager.create_index(once).await?;
    let history = index(
        table,
        "history",
        &["tenant_id", "shipment_id", "occurred_at"],
        false,
    );
    manager.create_index(history).await
}
