//! Orders and mail: customers, orders with their lines, timeline and payments, the store's
//! order settings, email templates and the email log. The outbox worker may claim events of
//! every store.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::columns::{
    amount, boolean, index, int, json, nullable_amount, nullable_text, nullable_time,
    nullable_uuid, quantity, tenant_fk, tenant_pk, tenant_ref, text, time, uuid, version,
};
use crate::rls::{self, APP_ROLE};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 8] = [
    "customers",
    "order_settings",
    "orders",
    "order_lines",
    "order_events",
    "payments",
    "email_templates",
    "emails",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("customers"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(text("name"))
                    .col(nullable_text("email"))
                    .col(nullable_text("phone"))
                    .col(nullable_text("tax_id"))
                    .col(text("country"))
                    .col(text("locale"))
                    .col(boolean("marketing_consent"))
                    .col(nullable_time("marketing_consent_at"))
                    .col(json("tags"))
                    .col(nullable_text("notes"))
                    .col(json("addresses"))
                    .col(text("search_text"))
                    .col(version())
                    .col(time("created_at"))
                    .col(time("updated_at"))
                    .primary_key(&mut tenant_pk("customers"))
                    .foreign_key(&mut tenant_fk("customers"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "customers",
                "search",
                &["tenant_id", "search_text", "id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("order_settings"))
                    .col(uuid("tenant_id"))
                    .col(nullable_amount(backend, "first_order_hold_above"))
                    .col(json("staff_emails"))
                    .col(nullable_text("reply_to"))
                    .col(time("updated_at"))
                    .primary_key(
                        Index::create()
                            .name("pk_order_settings")
                            .col(Alias::new("tenant_id"))
                            .primary(),
                    )
                    .foreign_key(&mut tenant_fk("order_settings"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("orders"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(quantity("number"))
                    .col(uuid("customer_id"))
                    .col(uuid("channel_id"))
                    .col(text("status"))
                    .col(text("currency"))
                    .col(amount(backend, "subtotal"))
                    .col(amount(backend, "discount"))
                    .col(amount(backend, "shipping_fee"))
                    .col(amount(backend, "total"))
                    .col(amount(backend, "paid"))
                    .col(amount(backend, "refunded"))
                    .col(json("shipping_address"))
                    .col(json("findings"))
                    .col(text("lines_key"))
                    .col(nullable_text("note"))
                    .col(version())
                    .col(time("created_at"))
                    .col(time("updated_at"))
                    .col(nullable_time("paid_at"))
                    .col(nullable_time("cancelled_at"))
                    .primary_key(&mut tenant_pk("orders"))
                    .foreign_key(&mut tenant_ref("orders", "customer_id", "customers"))
                    .foreign_key(&mut tenant_ref("orders", "channel_id", "sales_channels"))
                    .to_owned(),
            )
            .await?;
        for (name, cols, unique) in [
            ("number", &["tenant_id", "number"][..], true),
            ("status", &["tenant_id", "status", "id"][..], false),
            (
                "customer",
                &["tenant_id", "customer_id", "created_at"][..],
                false,
            ),
        ] {
            manager
                .create_index(index("orders", name, cols, unique))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("order_lines"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("order_id"))
                    .col(int("line_no"))
                    .col(uuid("variant_id"))
                    .col(text("sku"))
                    .col(text("name"))
                    .col(quantity("quantity"))
                    .col(amount(backend, "unit_price"))
                    .col(amount(backend, "discount"))
                    .col(amount(backend, "total"))
                    .col(uuid("location_id"))
                    .col(uuid("reservation_id"))
                    .primary_key(&mut tenant_pk("order_lines"))
                    .foreign_key(&mut tenant_ref("order_lines", "order_id", "orders"))
                    .foreign_key(&mut tenant_ref("order_lines", "variant_id", "variants"))
                    .foreign_key(&mut tenant_ref("order_lines", "location_id", "locations"))
                    .foreign_key(&mut tenant_ref(
                        "order_lines",
                        "reservation_id",
                        "reservations",
                    ))
                    .check(Expr::cust("quantity > 0"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "order_lines",
                "order",
                &["tenant_id", "order_id", "line_no"],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("order_events"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("order_id"))
                    .col(text("kind"))
                    .col(nullable_text("from_status"))
                    .col(nullable_text("to_status"))
                    .col(text("message"))
                    .col(nullable_uuid("actor_id"))
                    .col(time("at"))
                    .primary_key(&mut tenant_pk("order_events"))
                    .foreign_key(&mut tenant_ref("order_events", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "order_events",
                "order",
                &["tenant_id", "order_id", "id"],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("payments"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("order_id"))
                    .col(text("kind"))
                    .col(nullable_text("method"))
                    .col(amount(backend, "amount"))
                    .col(nullable_text("reference"))
                    .col(nullable_text("reason"))
                    .col(time("paid_at"))
                    .col(time("created_at"))
                    .primary_key(&mut tenant_pk("payments"))
                    .foreign_key(&mut tenant_ref("payments", "order_id", "orders"))
                    .to_owned(),
            )
            .await?;
        for (name, cols, unique) in [
            ("reference", &["tenant_id", "reference"][..], true),
            ("order", &["tenant_id", "order_id", "id"][..], false),
        ] {
            manager
                .create_index(index("payments", name, cols, unique))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Alias::new("email_templates"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(text("kind"))
                    .col(text("locale"))
                    .col(text("subject"))
                    .col(text("text_body"))
                    .col(text("html_body"))
                    .col(time("updated_at"))
                    .primary_key(&mut tenant_pk("email_templates"))
                    .foreign_key(&mut tenant_fk("email_templates"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "email_templates",
                "kind_locale",
                &["tenant_id", "kind", "locale"],
                true,
            ))
            .await?;

        // An email's id is the id of the outbox event that sends it: its delivery state
        // (attempts, last error) lives on that event, and its Message-ID derives from it.
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("emails"))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(text("kind"))
                    .col(text("locale"))
                    .col(text("to_address"))
                    .col(nullable_text("reply_to"))
                    .col(text("subject"))
                    .col(text("text_body"))
                    .col(text("html_body"))
                    .col(nullable_text("reference_type"))
                    .col(nullable_uuid("reference_id"))
                    .col(time("created_at"))
                    .col(nullable_time("sent_at"))
                    .primary_key(&mut tenant_pk("emails"))
                    .foreign_key(&mut tenant_fk("emails"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "emails",
                "reference",
                &["tenant_id", "reference_id"],
                false,
            ))
            .await?;

        for table in TABLES {
            rls::isolate_tenant_table(manager, table).await?;
        }
        if backend == DbBackend::Postgres {
            // The outbox worker claims due events of every store in one query; it says so with
            // a transaction-local setting. Handling an event runs in that store's scope.
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "CREATE POLICY outbox_worker ON outbox TO {APP_ROLE}
                         USING (current_setting('app.outbox_worker', true) = 'on')"
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP POLICY IF EXISTS outbox_worker ON outbox")
                .await?;
        }
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
