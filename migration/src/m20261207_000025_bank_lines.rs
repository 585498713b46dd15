//! Finance: bank statement lines, each imported once (its fingerprint unique in the store),
//! matched to the order it pays, proposed, or left for staff.

use sea_orm_migration::prelude::*;

use crate::columns::{
    amount, index, int, nullable_text, nullable_uuid, tenant_fk, tenant_pk, tenant_ref, text, time,
    uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "bank_lines";

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
                    .col(uuid("statement_id"))
                    .col(int("line_no"))
                    .col(ColumnDef::new(Alias::new("booked_on")).date().not_null())
                    .col(amount(backend, "amount"))
                    .col(text("description"))
                    .col(nullable_text("reference"))
                    .col(text("fingerprint"))
                    .col(text("status"))
                    .col(nullable_uuid("order_id"))
                    .col(nullable_uuid("payment_id"))
                    .col(int("candidates"))
                    .col(time("created_at"))
                    .col(time("updated_at"))
                    .col(version())
                    .primary_key(&mut tenant_pk(TABLE))
                    .foreign_key(&mut tenant_fk(TABLE))
                    .foreign_key(&mut tenant_ref(TABLE, "order_id", "orders"))
                    .foreign_key(&mut tenant_ref(TABLE, "payment_id", "payments"))
                    .check(Expr::cust("length(description) <= 500"))
                    // Settled names its payment; nothing else does.
                    .check(Expr::cust(
                        "(status <> 'settled' OR payment_id IS NOT NULL) \
                         AND (status = 'settled' OR payment_id IS NULL)",
                    ))
                    .to_owned(),
            )
            .await?;
        let indexes = [
            index(TABLE, "fingerprint", &["tenant_id", "fingerprint"], true),
            index(TABLE, "status", &["tenant_id", "status", "id"], false),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
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
