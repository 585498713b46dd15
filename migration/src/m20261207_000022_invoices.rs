//! Finance: invoices and credit notes with their lines.

use sea_orm_migration::prelude::*;

use crate::columns::{
    amount, index, int, json, nullable_text, nullable_time, nullable_uuid, quantity, tenant_fk,
    tenant_pk, tenant_ref, text, time, uuid, version,
};
use crate::rls;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 2] = ["invoices", "invoice_lines"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        invoices(manager).await?;
        lines(manager).await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            // A document's lines are written before it, which is numbered by the last
            // statement of its transaction; the reference is checked at commit.
            manager
                .get_connection()
                .execute_unprepared(
                    "ALTER TABLE invoice_lines ALTER CONSTRAINT fk_invoice_lines_invoice_id \
                     DEFERRABLE INITIALLY DEFERRED",
                )
                .await?;
        }
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

async fn invoices(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    manager
        .create_table(
            Table::create()
                .table(Alias::new("invoices"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(text("kind"))
                .col(text("series"))
                .col(
                    ColumnDef::new(Alias::new("number"))
                        .big_integer()
                        .not_null(),
                )
                .col(uuid("order_id"))
                .col(
                    ColumnDef::new(Alias::new("order_number"))
                        .big_integer()
                        .not_null(),
                )
                .col(nullable_uuid("credits_invoice_id"))
                .col(nullable_text("reason"))
                .col(uuid("customer_id"))
                .col(json("billed"))
                .col(text("currency"))
                .col(amount(backend, "subtotal"))
                .col(amount(backend, "discount"))
                .col(amount(backend, "shipping_fee"))
                .col(amount(backend, "tax_total"))
                .col(amount(backend, "total"))
                .col(amount(backend, "credited"))
                .col(text("fiscal_status"))
                .col(nullable_text("access_key"))
                .col(nullable_time("fiscal_updated_at"))
                .col(time("issued_at"))
                .col(version())
                .primary_key(&mut tenant_pk("invoices"))
                .foreign_key(&mut tenant_fk("invoices"))
                .foreign_key(&mut tenant_ref("invoices", "order_id", "orders"))
                .foreign_key(&mut tenant_ref("invoices", "customer_id", "customers"))
                .foreign_key(&mut tenant_ref(
                    "invoices",
                    "credits_invoice_id",
                    "invoices",
                ))
                .check(Expr::cust("number > 0 AND length(series) BETWEEN 1 AND 3"))
                // A credit note names its invoice; an invoice names none.
                .check(Expr::cust(
                    "(kind <> 'credit_note' OR credits_invoice_id IS NOT NULL) \
                     AND (kind <> 'invoice' OR credits_invoice_id IS NULL)",
                ))
                .check(Expr::cust("access_key IS NULL OR length(access_key) = 44"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(
            "invoices",
            "number",
            &["tenant_id", "series", "number"],
            true,
        ))
        .await?;
    manager
        .create_index(index(
            "invoices",
            "order",
            &["tenant_id", "order_id", "id"],
            false,
        ))
        .await?;
    manager
        .create_index(index(
            "invoices",
            "customer",
            &["tenant_id", "customer_id", "id"],
            false,
        ))
        .await?;
    // One invoice per order; credit notes as many as it takes.
    manager
        .get_connection()
        .execute_unprepared(
            "CREATE UNIQUE INDEX ix_invoices_one_per_order ON invoices (tenant_id, order_id) \
             WHERE kind = 'invoice'",
        )
        .await?;
    Ok(())
}

async fn lines(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let backend = manager.get_database_backend();
    manager
        .create_table(
            Table::create()
                .table(Alias::new("invoice_lines"))
                .col(uuid("tenant_id"))
                .col(uuid("id"))
                .col(uuid("invoice_id"))
                .col(int("line_no"))
                .col(uuid("order_line_id"))
                .col(nullable_uuid("credits_line_id"))
                .col(text("sku"))
                .col(text("name"))
                .col(quantity("quantity"))
                .col(amount(backend, "unit_price"))
                .col(amount(backend, "discount"))
                .col(amount(backend, "tax"))
                .col(amount(backend, "total"))
                .primary_key(&mut tenant_pk("invoice_lines"))
                .foreign_key(&mut tenant_ref("invoice_lines", "invoice_id", "invoices"))
                .foreign_key(&mut tenant_ref(
                    "invoice_lines",
                    "order_line_id",
                    "order_lines",
                ))
                .foreign_key(&mut tenant_ref(
                    "invoice_lines",
                    "credits_line_id",
                    "invoice_lines",
                ))
                .check(Expr::cust("quantity > 0"))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(index(
            "invoice_lines",
            "invoice",
            &["tenant_id", "invoice_id", "line_no"],
            true,
        ))
        .await?;
    manager
        .create_index(index(
            "invoice_lines",
            "credits",
            &["tenant_id", "credits_line_id"],
            false,
        ))
        .await
}
