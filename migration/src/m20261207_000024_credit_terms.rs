//! Finance: customers' credit (terms, limit, account owner, block), orders approved on terms,
//! invoices' instalments (receivables) and the store's finance settings.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::columns::{
    amount, boolean, index, int, nullable_amount, nullable_json, nullable_time, nullable_uuid,
    tenant_fk, tenant_pk, tenant_ref, text, time, uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        // One column per statement: SQLite alters one thing at a time.
        let customer_columns = [
            nullable_json("payment_terms"),
            nullable_amount(backend, "credit_limit"),
            nullable_uuid("account_owner_id"),
            nullable_time("blocked_at"),
            nullable_json("block_reason"),
            boolean("dunning_exempt"),
        ];
        for column in customer_columns {
            add_column(manager, "customers", column).await?;
        }
        add_column(manager, "orders", nullable_json("payment_terms")).await?;
        instalments(manager).await?;
        settings(manager).await?;
        notices(manager).await?;
        if backend == DbBackend::Postgres {
            // Instalments are written before their invoice, which is numbered by the last
            // statement of its transaction; the reference is checked at commit.
            manager
                .get_connection()
                .execute_unprepared(
                    "ALTER TABLE instalments ALTER CONSTRAINT fk_instalments_invoice_id \
                     DEFERRABLE INITIALLY DEFERRED",
                )
                .await?;
        }
        crate::enforce_closed_sets(manager).await?;
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["dunning_notices", "finance_settings", "instalments"] {
            let drop = Table::drop()
                .table(Alias::new(table))
                .if_exists()
                .to_owned();
            manager.drop_table(drop).await?;
        }
        let columns = [
            ("orders", "payment_terms"),
            ("customers", "dunning_exempt"),
            ("customers", "block_reason"),
            ("customers", "blocked_at"),
            ("customers", "account_owner_id"),
            ("customers", "credit_limit"),
            ("customers", "payment_terms"),
        ];
        for (table, column) in columns {
            let alter = Table::alter()
                .table(Alias::new(table))
                .drop_column(Alias::new(column))
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }
}

async fn add_column(
    manager: &SchemaManager<'_>,
    table: &str,
    mut column: ColumnDef,
) -> Result<(), DbErr> {
    let alter = Table::alter()
        .table(Alias::new(table))
        .add_column(&mut column)
        .to_owned();
    manager.alter_table(alter).await
}

async fn instalments(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    const TABLE: &str = "instalments";
    let backend = manager.get_database_backend();
    manager
        .create_table(
            Table::create()
                .table(Alias::new(TABLE))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("invoice_id"))
                .col(uuid("order_id"))
                .col(uuid("customer_id"))
                .col(
                    ColumnDef::new(Alias::new("order_number"))
                        .big_integer()
                        .not_null(),
                )
                .col(int("seq"))
                .col(ColumnDef::new(Alias::new("due_on")).date().not_null())
                .col(text("currency"))
                .col(amount(backend, "amount"))
                .col(amount(backend, "settled"))
                .col(amount(backend, "written_off"))
                .col(text("status"))
                .col(nullable_time("settled_at"))
                .col(nullable_time("overdue_at"))
                .col(time("created_at"))
                .col(time("updated_at"))
                .col(version())
                .primary_key(&mut tenant_pk(TABLE))
                .foreign_key(&mut tenant_fk(TABLE))
                .foreign_key(&mut tenant_ref(TABLE, "invoice_id", "invoices"))
                .foreign_key(&mut tenant_ref(TABLE, "order_id", "orders"))
                .foreign_key(&mut tenant_ref(TABLE, "customer_id", "customers"))
                .check(Expr::cust("seq BETWEEN 1 AND 24"))
                .to_owned(),
        )
        .await?;
    let indexes = [
        index(
            TABLE,
            "invoice_seq",
            &["tenant_id", "invoice_id", "seq"],
            true,
        ),
        index(TABLE, "order", &["tenant_id", "order_id", "seq"], false),
        index(
            TABLE,
            "customer",
            &["tenant_id", "customer_id", "due_on"],
            false,
        ),
        index(
            TABLE,
            "status_due",
            &["tenant_id", "status", "due_on"],
            false,
        ),
    ];
    for index in indexes {
        manager.create_index(index).await?;
    }
    Ok(())
}

/// One row per instalment and dunning step sent: what makes each step go once, whatever
/// happens to the sweep (a rerun, two servers, a crash between two stores).
async fn notices(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    const TABLE: &str = "dunning_notices";
    manager
        .create_table(
            Table::create()
                .table(Alias::new(TABLE))
                .col(uuid("tenant_id"))
                .col(uuid("instalment_id"))
                .col(text("step"))
                .col(uuid("customer_id"))
                .col(time("sent_at"))
                .primary_key(
                    Index::create()
                        .name("pk_dunning_notices")
                        .col(Alias::new("tenant_id"))
                        .col(Alias::new("instalment_id"))
                        .col(Alias::new("step"))
                        .primary(),
                )
                .foreign_key(&mut tenant_fk(TABLE))
                .foreign_key(&mut tenant_ref(TABLE, "instalment_id", "instalments"))
                .to_owned(),
        )
        .await
}

async fn settings(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Alias::new("finance_settings"))
                .col(uuid("tenant_id"))
                .col(boolean("due_on_working_days"))
                // The dunning policy (`DunningPolicy`); the defaults until the store sets one.
                .col(nullable_json("dunning"))
                .col(version())
                .col(time("updated_at"))
                .primary_key(
                    Index::create()
                        .name("pk_finance_settings")
                        .col(Alias::new("tenant_id"))
                        .primary(),
                )
                .foreign_key(&mut tenant_fk("finance_settings"))
                .to_owned(),
        )
        .await
}
