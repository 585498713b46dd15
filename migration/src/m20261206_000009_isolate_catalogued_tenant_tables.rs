//! PostgreSQL: row-level security for every tenant table found in the catalogue (a table with
//! a `tenant_id` column, the global ones aside), rather than for the tables a migration named.
//! The earlier migrations isolated each table they created, so on their databases this finds
//! nothing to do; it mends a database where a tenant table was left open, and is the step a
//! later migration that adds tenant tables ends with (`rls::isolate_tenant_tables`).

use sea_orm_migration::prelude::*;

use crate::rls;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        rls::isolate_tenant_tables(manager).await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // What `up` isolated was a tenant table left open by mistake: it stays isolated.
        Ok(())
    }
}
