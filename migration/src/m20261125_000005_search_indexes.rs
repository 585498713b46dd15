//! Trigram indexes for `LIKE '%…%'` search on PostgreSQL (pg_trgm). Where the extension cannot
//! be created (no privilege), search still works, by scanning.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(
                "DO $$ BEGIN
                    BEGIN
                        CREATE EXTENSION IF NOT EXISTS pg_trgm;
                    EXCEPTION WHEN insufficient_privilege OR undefined_file THEN
                        RAISE NOTICE 'pg_trgm is not available: search scans instead';
                    END;
                    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
                        CREATE INDEX IF NOT EXISTS ix_products_search
                            ON products USING gin (search_text gin_trgm_ops);
                        CREATE INDEX IF NOT EXISTS ix_variants_search
                            ON variants USING gin (search_text gin_trgm_ops);
                        CREATE INDEX IF NOT EXISTS ix_suppliers_search
                            ON suppliers USING gin (search_text gin_trgm_ops);
                    END IF;
                END $$;",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(
                "DROP INDEX IF EXISTS ix_products_search;
                 DROP INDEX IF EXISTS ix_variants_search;
                 DROP INDEX IF EXISTS ix_suppliers_search;",
            )
            .await?;
        Ok(())
    }
}
