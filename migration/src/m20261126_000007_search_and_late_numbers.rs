//! PostgreSQL only: the catalog's `LIKE '%…%'` search answered from trigram indexes, and the
//! order tables' references to `orders` checked at commit.
//!
//! Search: under row-level security PostgreSQL will not use an index for an operator that is
//! not leakproof (`LIKE` is not), so a search of a store with 100,000 products read them all.
//! `products_matching(pattern)` runs as the migration user, reads the store from the same
//! transaction setting as the policies (`app.tenant_id`, none when unset), and so can use the
//! index without seeing another store's rows. It reads variants only: a variant's search text
//! holds its product's name as well as its SKU, barcode and options, and every product has one. When the migration user is not exempt from
//! row-level security, the policies still apply inside it: the answer is the same, only slower.
//!
//! Deferred references: an order takes its gapless number last, just before commit, as the
//! number's counter row is locked until then; its lines and timeline are written before the
//! order row itself, which the deferred check allows.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::rls::APP_ROLE;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TENANT: &str = "NULLIF(current_setting('app.tenant_id', true), '')::uuid";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let sql = format!(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;
             CREATE INDEX variants_search_trgm ON variants USING gin (search_text gin_trgm_ops);
             CREATE FUNCTION products_matching(pattern text) RETURNS SETOF uuid
                 LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
             AS $$
                 SELECT DISTINCT product_id FROM variants
                 WHERE tenant_id = {TENANT} AND search_text LIKE pattern
             $$;
             REVOKE ALL ON FUNCTION products_matching(text) FROM PUBLIC;
             GRANT EXECUTE ON FUNCTION products_matching(text) TO {APP_ROLE};
             ALTER TABLE order_lines ALTER CONSTRAINT fk_order_lines_order_id
                 DEFERRABLE INITIALLY DEFERRED;
             ALTER TABLE order_events ALTER CONSTRAINT fk_order_events_order_id
                 DEFERRABLE INITIALLY DEFERRED;"
        );
        manager.get_connection().execute_unprepared(&sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(
                "ALTER TABLE order_events ALTER CONSTRAINT fk_order_events_order_id NOT DEFERRABLE;
                 ALTER TABLE order_lines ALTER CONSTRAINT fk_order_lines_order_id NOT DEFERRABLE;
                 DROP FUNCTION IF EXISTS products_matching(text);
                 DROP INDEX IF EXISTS variants_search_trgm;",
            )
            .await?;
        Ok(())
    }
}
