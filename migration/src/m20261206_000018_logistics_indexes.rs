//! The late lists' partial indexes: a store's unshipped fulfilments, and its shipped ones, in
//! the order of their ids, so the first page of a late list reads those rows only (the lists
//! write the statuses out word for word, as here, for both databases to see the index fits).
//!
//! The carrier scorecard's read model: per store, the shipments posted on each day (in the
//! store's time zone) per carrier service, destination state and days from posting to
//! delivery, with how many were on time, their failed attempts and returns to sender; and per
//! store, the time zone those days were counted in. The scorecard over a million shipments
//! reads a few thousand rows of it instead of every shipment and its fulfilment.

use sea_orm_migration::prelude::*;

use crate::columns::{int, tenant_fk, text, time, uuid};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const DAYS: &str = "scorecard_days";
const PARTIAL_INDEXES: [(&str, &str); 2] = [
    (
        "ix_fulfilments_unshipped",
        "status IN ('pending', 'picking', 'packed')",
    ),
    ("ix_fulfilments_shipped", "status = 'shipped'"),
];
const BUILDS: &str = "scorecard_builds";

fn count(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .big_integer()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, condition) in PARTIAL_INDEXES {
            let sql =
                format!("CREATE INDEX {name} ON fulfilments (tenant_id, id) WHERE {condition}");
            manager.get_connection().execute_unprepared(&sql).await?;
        }
        let mut key = Index::create();
        key.name(format!("pk_{DAYS}")).primary();
        for column in [
            "tenant_id",
            "posted_on",
            "service_id",
            "state",
            "delivered",
            "days",
        ] {
            key.col(Alias::new(column));
        }
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(DAYS))
                    .col(uuid("tenant_id"))
                    .col(ColumnDef::new(Alias::new("posted_on")).date().not_null())
                    .col(uuid("service_id"))
                    // Empty for a destination outside Brazil's states.
                    .col(text("state"))
                    .col(int("delivered"))
                    .col(int("days"))
                    .col(count("shipments"))
                    .col(count("on_time"))
                    .col(count("failed_attempts"))
                    .col(count("returned_to_sender"))
                    .primary_key(&mut key)
                    .foreign_key(&mut tenant_fk(DAYS))
                    .check(Expr::cust("delivered IN (0, 1)"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(BUILDS))
                    .col(uuid("tenant_id"))
                    .col(text("timezone"))
                    .col(time("built_at"))
                    .primary_key(
                        Index::create()
                            .name(format!("pk_{BUILDS}"))
                            .col(Alias::new("tenant_id"))
                            .primary(),
                    )
                    .foreign_key(&mut tenant_fk(BUILDS))
                    .to_owned(),
            )
            .await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in PARTIAL_INDEXES {
            let sql = format!("DROP INDEX IF EXISTS {name}");
            manager.get_connection().execute_unprepared(&sql).await?;
        }
        for table in [BUILDS, DAYS] {
            let drop = Table::drop()
                .table(Alias::new(table))
                .if_exists()
                .to_owned();
            manager.drop_table(drop).await?;
        }
        Ok(())
    }
}
