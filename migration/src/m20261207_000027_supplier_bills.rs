//! Finance: payables and cash flow. Supplier bills against purchase orders (their number once
//! per supplier), their lines as billed, and what was paid of them; the cash balance the store
//! enters, from which cash flow is projected.

use sea_orm_migration::prelude::*;

use crate::columns::{
    amount, index, int, nullable_amount, nullable_text, nullable_time, nullable_uuid, quantity,
    tenant_fk, tenant_pk, tenant_ref, text, time, uuid, version,
};
use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 3] = ["supplier_bills", "supplier_bill_lines", "bill_payments"];

fn date(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .date()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        bills(manager).await?;
        lines(manager).await?;
        payments(manager).await?;
        let backend = manager.get_database_backend();
        let balance = [
            nullable_amount(backend, "cash_balance"),
            ColumnDef::new(Alias::new("cash_balance_on"))
                .date()
                .null()
                .to_owned(),
        ];
        for mut column in balance {
            let alter = Table::alter()
                .table(Alias::new("finance_settings"))
                .add_column(&mut column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
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
        for column in ["cash_balance_on", "cash_balance"] {
            let alter = Table::alter()
                .table(Alias::new("finance_settings"))
                .drop_column(Alias::new(column))
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }
}

async fn bills(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    const TABLE: &str = "supplier_bills";
    let backend = manager.get_database_backend();
    manager
        .create_table(
            Table::create()
                .table(Alias::new(TABLE))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("supplier_id"))
                .col(uuid("purchase_order_id"))
                .col(text("number"))
                .col(date("issued_on"))
                .col(date("due_on"))
                .col(text("currency"))
                .col(amount(backend, "total"))
                .col(amount(backend, "paid"))
                .col(amount(backend, "difference"))
                .col(text("status"))
                .col(nullable_uuid("approved_by"))
                .col(nullable_text("approval_note"))
                .col(nullable_time("approved_at"))
                .col(time("created_at"))
                .col(time("updated_at"))
                .col(version())
                .primary_key(&mut tenant_pk(TABLE))
                .foreign_key(&mut tenant_fk(TABLE))
                .foreign_key(&mut tenant_ref(TABLE, "supplier_id", "suppliers"))
                .foreign_key(&mut tenant_ref(
                    TABLE,
                    "purchase_order_id",
                    "purchase_orders",
                ))
                .check(Expr::cust("length(number) <= 60"))
                .to_owned(),
        )
        .await?;
    let indexes = [
        index(
            TABLE,
            "number",
            &["tenant_id", "supplier_id", "number"],
            true,
        ),
        index(TABLE, "due", &["tenant_id", "status", "due_on"], false),
        index(TABLE, "order", &["tenant_id", "purchase_order_id"], false),
    ];
    for index in indexes {
        manager.create_index(index).await?;
    }
    Ok(())
}

async fn lines(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    const TABLE: &str = "supplier_bill_lines";
    let backend = manager.get_database_backend();
    manager
        .create_table(
            Table::create()
                .table(Alias::new(TABLE))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("bill_id"))
                .col(int("line_no"))
                .col(uuid("purchase_order_line_id"))
                .col(uuid("variant_id"))
                .col(quantity("quantity"))
                .col(amount(backend, "unit_cost"))
                .col(amount(backend, "total"))
                .col(amount(backend, "difference"))
                .primary_key(&mut tenant_pk(TABLE))
                .foreign_key(&mut tenant_fk(TABLE))
                .foreign_key(&mut tenant_ref(TABLE, "bill_id", "supplier_bills"))
                .foreign_key(&mut tenant_ref(
                    TABLE,
                    "purchase_order_line_id",
                    "purchase_order_lines",
                ))
                .to_owned(),
        )
        .await?;
    let indexes = [
        index(TABLE, "bill", &["tenant_id", "bill_id"], false),
        index(
            TABLE,
            "po_line",
            &["tenant_id", "purchase_order_line_id"],
            false,
        ),
    ];
    for index in indexes {
        manager.create_index(index).await?;
    }
    Ok(())
}

async fn payments(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    const TABLE: &str = "bill_payments";
    let backend = manager.get_database_backend();
    manager
        .create_table(
            Table::create()
                .table(Alias::new(TABLE))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("bill_id"))
                .col(amount(backend, "amount"))
                .col(date("paid_on"))
                .col(time("created_at"))
                .primary_key(&mut tenant_pk(TABLE))
                .foreign_key(&mut tenant_fk(TABLE))
                .foreign_key(&mut tenant_ref(TABLE, "bill_id", "supplier_bills"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(TABLE, "bill", &["tenant_id", "bill_id"], false))
        .await
}
