//! PostgreSQL row-level security: the role tenant transactions run as, and the policies.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// The role every tenant transaction switches to with `SET LOCAL ROLE`. It owns no table and
/// cannot bypass row-level security, so the policies hold even when the connection is a superuser.
pub const APP_ROLE: &str = "retaguarda_app";

/// Every table whose rows belong to one tenant. A test checks that a transaction with no tenant
/// set sees none of their rows.
pub const TENANT_TABLES: &[&str] = &[
    "members",
    "invitations",
    "api_keys",
    "audit_events",
    "idempotency_keys",
    "sales_channels",
    "suppliers",
    "products",
    "variants",
    "locations",
    "stock_levels",
    "stock_movements",
    "reservations",
    "supplier_variants",
    "kit_components",
    "channel_buffers",
    "purchase_orders",
    "purchase_order_lines",
    "counters",
    "outbox",
    "product_channels",
    "customers",
    "order_settings",
    "orders",
    "order_lines",
    "order_events",
    "payments",
    "email_templates",
    "emails",
];

/// Creates the application role (once per cluster) and lets the connecting user switch to it.
pub async fn create_app_role(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let sql = format!(
        "DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                CREATE ROLE {APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
            END IF;
            IF NOT pg_has_role(current_user, '{APP_ROLE}', 'MEMBER') THEN
                EXECUTE format('GRANT {APP_ROLE} TO %I', current_user);
            END IF;
         END $$;
         GRANT USAGE ON SCHEMA public TO {APP_ROLE};"
    );
    manager.get_connection().execute_unprepared(&sql).await?;
    Ok(())
}

/// Grants the application role data access (never DDL) to a table.
pub async fn grant_dml(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let sql = format!("GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {APP_ROLE}");
    manager.get_connection().execute_unprepared(&sql).await?;
    Ok(())
}

/// Turns on forced row-level security for a tenant table with a policy that fails closed when
/// `app.tenant_id` is unset.
pub async fn isolate_tenant_table(manager: &SchemaManager<'_>, table: &str) -> Result<(), DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let sql = format!(
        "ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
         ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
         CREATE POLICY tenant_isolation ON {table}
             USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
             WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);"
    );
    manager.get_connection().execute_unprepared(&sql).await?;
    grant_dml(manager, table).await
}
