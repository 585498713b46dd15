//! Logistics: carriers, their services, and each service's transit table.

use sea_orm_migration::prelude::*;

use crate::columns::{
    index, int, nullable_text, tenant_fk, tenant_pk, tenant_ref, text, time, uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 3] = ["carriers", "carrier_services", "transit_times"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        carriers(manager).await?;
        services(manager).await?;
        transit_times(manager).await?;
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

async fn carriers(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new("carriers"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(text("name"))
                .col(text("kind"))
                .col(nullable_text("tracking_url"))
                .col(text("status"))
                .col(version())
                .col(time("created_at"))
                .col(time("updated_at"))
                .primary_key(&mut tenant_pk("carriers"))
                .foreign_key(&mut tenant_fk("carriers"))
                .check(Expr::cust("length(name) BETWEEN 1 AND 120"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index("carriers", "name", &["tenant_id", "name"], true))
        .await
}

async fn services(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new("carrier_services"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("carrier_id"))
                .col(text("name"))
                .col(text("code"))
                .col(text("status"))
                .col(time("created_at"))
                .col(time("updated_at"))
                .primary_key(&mut tenant_pk("carrier_services"))
                .foreign_key(&mut tenant_ref(
                    "carrier_services",
                    "carrier_id",
                    "carriers",
                ))
                .check(Expr::cust("length(code) BETWEEN 1 AND 32"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(
            "carrier_services",
            "code",
            &["tenant_id", "carrier_id", "code"],
            true,
        ))
        .await
}

async fn transit_times(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new("transit_times"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("service_id"))
                .col(text("country"))
                .col(nullable_text("state"))
                .col(nullable_text("postal_from"))
                .col(nullable_text("postal_to"))
                .col(int("days"))
                .col(int("position"))
                .primary_key(&mut tenant_pk("transit_times"))
                .foreign_key(&mut tenant_ref(
                    "transit_times",
                    "service_id",
                    "carrier_services",
                ))
                .check(Expr::cust("days BETWEEN 0 AND 120"))
                // One region: a state, a postal range (from ≤ to), or the country alone.
                .check(Expr::cust(
                    "(state IS NULL OR (postal_from IS NULL AND country = 'BR'))
                     AND ((postal_from IS NULL) = (postal_to IS NULL))
                     AND (postal_from IS NULL OR (postal_from <= postal_to AND country = 'BR'))",
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(
            "transit_times",
            "service",
            &["tenant_id", "service_id", "position"],
            true,
        ))
        .await
}
