//! PostgreSQL row-level security: the role tenant transactions run as, and the policies.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{DbBackend, Statement};

/// The role every tenant transaction switches to with `SET LOCAL ROLE`. It owns no table and
/// cannot bypass row-level security, so the policies hold even when the connection is a superuser.
pub const APP_ROLE: &str = "retaguarda_app";

/// The tables whose rows belong to no one store, each with why. Every other table has a
/// `tenant_id` and is a tenant table: there is no hand-kept list of those, the catalogue is
/// read instead (`isolate_tenant_tables`), and a test fails for a table that has neither a
/// `tenant_id` nor a line here.
pub const GLOBAL_TABLES: &[(&str, &str)] = &[
    ("tenants", "the stores themselves"),
    (
        "users",
        "a person, found by email at login before a store is chosen, may belong to several",
    ),
    (
        "refresh_tokens",
        "opaque, so looked up before the store is known; its tenant_id names the session's store",
    ),
    (
        "login_attempts",
        "login attempts counted per account and address before a store is known",
    ),
    (
        "seaql_migrations",
        "the migration tool's record of what ran",
    ),
];

/// The policy every tenant table has.
pub const TENANT_POLICY: &str = "tenant_isolation";

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

/// Isolates, as `isolate_tenant_table` does, every table of the catalogue with a `tenant_id`
/// column (global tables aside) that lacks forced row-level security or its policy: what a
/// migration adding tenant tables ends with, so no list of them is kept by hand. The tables
/// it isolated.
pub async fn isolate_tenant_tables(manager: &SchemaManager<'_>) -> Result<Vec<String>, DbErr> {
    if manager.get_database_backend() != DbBackend::Postgres {
        return Ok(Vec::new());
    }
    let connection = manager.get_connection();
    let sql = format!(
        "SELECT c.relname::text AS name,
                EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname
                        AND p.tablename = c.relname AND p.policyname = '{TENANT_POLICY}')
                    AS has_policy,
                c.relrowsecurity AND c.relforcerowsecurity AS forced
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
           AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                       AND a.attname = 'tenant_id' AND NOT a.attisdropped)
         ORDER BY 1"
    );
    let rows = connection
        .query_all_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await?;
    let mut isolated = Vec::new();
    for row in rows {
        let table: String = row.try_get("", "name")?;
        let has_policy: bool = row.try_get("", "has_policy")?;
        let forced: bool = row.try_get("", "forced")?;
        if GLOBAL_TABLES.iter().any(|(global, _)| *global == table) || has_policy && forced {
            continue;
        }
        if has_policy {
            let sql = format!(
                "ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                 ALTER TABLE {table} FORCE ROW LEVEL SECURITY;"
            );
            connection.execute_unprepared(&sql).await?;
        } else {
            isolate_tenant_table(manager, &table).await?;
        }
        isolated.push(table);
    }
    Ok(isolated)
}
