//! Finance: gateways' payment notifications, once per reference.

use sea_orm_migration::prelude::*;

use crate::columns::{
    amount, index, nullable_text, nullable_uuid, tenant_fk, tenant_pk, tenant_ref, text, time,
    uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "payment_notifications";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(TABLE))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(text("reference"))
                    .col(text("method"))
                    .col(amount(backend, "amount"))
                    .col(text("status"))
                    .col(nullable_text("reason"))
                    .col(nullable_uuid("order_id"))
                    .col(
                        ColumnDef::new(Alias::new("order_number"))
                            .big_integer()
                            .null(),
                    )
                    .col(nullable_uuid("payment_id"))
                    .col(time("paid_at"))
                    .col(time("received_at"))
                    .col(version())
                    .primary_key(&mut tenant_pk(TABLE))
                    .foreign_key(&mut tenant_fk(TABLE))
                    .foreign_key(&mut tenant_ref(TABLE, "order_id", "orders"))
                    .foreign_key(&mut tenant_ref(TABLE, "payment_id", "payments"))
                    .check(Expr::cust("length(reference) BETWEEN 1 AND 200"))
                    // Settled names its payment; unmatched says why.
                    .check(Expr::cust(
                        "(status <> 'settled' OR (payment_id IS NOT NULL AND reason IS NULL)) \
                         AND (status <> 'unmatched' OR (reason IS NOT NULL AND payment_id IS NULL))",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(TABLE, "reference", &["tenant_id", "reference"], true))
            .await?;
        manager
            .create_index(index(
                TABLE,
                "status",
                &["tenant_id", "status", "id"],
                false,
            ))
            .await?;
        crate::enforce_closed_sets(manager).await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(Alias::new(TABLE))
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
