//! Automation: each event due to an endpoint (a delivery, with the exact body it signs) and
//! each attempt to deliver it (the delivery log).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::columns::{
    index, int, nullable_int, nullable_text, nullable_time, tenant_fk, tenant_pk, tenant_ref, text,
    time, uuid,
};
use crate::rls::{self, APP_ROLE};

#[derive(DeriveMigrationName)]
pub struct Migration;

const DELIVERIES: &str = "webhook_deliveries";
const ATTEMPTS: &str = "webhook_attempts";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(DELIVERIES))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("endpoint_id"))
                    .col(uuid("event_id"))
                    .col(text("event_type"))
                    .col(text("body"))
                    .col(text("status"))
                    .col(int("attempts"))
                    .col(nullable_time("next_attempt_at"))
                    .col(nullable_int("last_status"))
                    .col(nullable_text("last_error"))
                    .col(time("created_at"))
                    .col(time("updated_at"))
                    .col(nullable_time("delivered_at"))
                    .primary_key(&mut tenant_pk(DELIVERIES))
                    .foreign_key(&mut tenant_fk(DELIVERIES))
                    .foreign_key(&mut tenant_ref(
                        DELIVERIES,
                        "endpoint_id",
                        "webhook_endpoints",
                    ))
                    .check(Expr::cust("attempts >= 0"))
                    // Pending has its next attempt; done has none.
                    .check(Expr::cust(
                        "(status = 'pending') = (next_attempt_at IS NOT NULL)",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                DELIVERIES,
                "event",
                &["tenant_id", "endpoint_id", "event_id"],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                DELIVERIES,
                "due",
                &["status", "next_attempt_at"],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(ATTEMPTS))
                    .col(uuid("tenant_id"))
                    .col(uuid("id"))
                    .col(uuid("delivery_id"))
                    .col(uuid("endpoint_id"))
                    .col(time("at"))
                    .col(nullable_int("status_code"))
                    .col(int("latency_ms"))
                    .col(nullable_text("response_excerpt"))
                    .col(nullable_text("error"))
                    .primary_key(&mut tenant_pk(ATTEMPTS))
                    .foreign_key(&mut tenant_fk(ATTEMPTS))
                    .foreign_key(&mut tenant_ref(ATTEMPTS, "delivery_id", DELIVERIES))
                    .foreign_key(&mut tenant_ref(
                        ATTEMPTS,
                        "endpoint_id",
                        "webhook_endpoints",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                ATTEMPTS,
                "endpoint",
                &["tenant_id", "endpoint_id", "id"],
                false,
            ))
            .await?;
        crate::enforce_closed_sets(manager).await?;
        rls::isolate_tenant_tables(manager).await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            // The delivery loop takes due deliveries of every store in one query, as the
            // outbox worker takes events (and says so the same way); sending runs in the
            // store's scope.
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "CREATE POLICY outbox_worker ON {DELIVERIES} TO {APP_ROLE}
                         USING (current_setting('app.outbox_worker', true) = 'on')"
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [ATTEMPTS, DELIVERIES] {
            manager
                .drop_table(
                    Table::drop()
                        .table(Alias::new(table))
                        .if_exists()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
