//! PostgreSQL only: the catalog's `LIKE '%…%'` search answered from trigram indexes, the
//! order tables' references to `orders` checked at commit, and fewer reference checks on the
//! rows every sale writes.
//!
//! Search: under row-level security PostgreSQL will not use an index for an operator that is
//! not leakproof (`LIKE` is not), so a search of a store with 100,000 products read them all.
//! `products_matching(pattern)` runs as the migration user, reads the store from the same
//! transaction setting as the policies (`app.tenant_id`, none when unset), and so can use the
//! index without seeing another store's rows. It reads variants only: a variant's search text
//! holds its product's name as well as its SKU, barcode and options, and every product has one.
//! The index takes each write at once (`fastupdate = off`): a catalog is written far less than
//! it is searched, and a pending list would be read by every search until vacuum merged it. When the migration user is not exempt from
//! row-level security, the policies still apply inside it: the answer is the same, only slower.
//!
//! Deferred references: an order takes its gapless number last, just before commit, as the
//! number's counter row is locked until then; its lines and timeline are written before the
//! order row itself, which the deferred check allows.
//!
//! Reference checks: each one reads its parent row and locks it `FOR KEY SHARE`. Every
//! reservation and movement of a store used to lock the same location row and the store's
//! tenant row, so concurrent sales queued on those locks and paid for a multixact each. Now a
//! movement refers to its level (which the same transaction has just updated, so the check
//! locks nothing new) and through it to its variant and location; a reservation or order line
//! keeps its reference to the variant and the reservation, its location being the level's;
//! the audit log, the outbox and idempotency keys keep `tenant_id` right through the policies'
//! `WITH CHECK`, which refuse any row not of the transaction's store. SQLite, whose checks
//! take no locks, keeps the original references. The levels' index by location becomes unique
//! on (location, variant): with it, the movement's check is a unique lookup however the
//! planner guesses, also before a new store's tables have statistics (otherwise it could scan
//! every level of a location for each movement).

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
             CREATE INDEX variants_search_trgm ON variants USING gin (search_text gin_trgm_ops)
                 WITH (fastupdate = off);
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
                 DEFERRABLE INITIALLY DEFERRED;
             DROP INDEX ix_stock_levels_location;
             CREATE UNIQUE INDEX ix_stock_levels_location_variant
                 ON stock_levels (tenant_id, location_id, variant_id);
             ALTER TABLE stock_movements
                 DROP CONSTRAINT fk_stock_movements_variant_id,
                 DROP CONSTRAINT fk_stock_movements_location_id,
                 ADD CONSTRAINT fk_stock_movements_level FOREIGN KEY (tenant_id, variant_id, location_id)
                     REFERENCES stock_levels (tenant_id, variant_id, location_id);
             ALTER TABLE reservations DROP CONSTRAINT fk_reservations_location_id;
             ALTER TABLE order_lines DROP CONSTRAINT fk_order_lines_location_id;
             ALTER TABLE audit_events DROP CONSTRAINT fk_audit_events_tenant;
             ALTER TABLE outbox DROP CONSTRAINT fk_outbox_tenant;
             ALTER TABLE idempotency_keys DROP CONSTRAINT fk_idempotency_keys_tenant;"
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
                "ALTER TABLE idempotency_keys ADD CONSTRAINT fk_idempotency_keys_tenant
                     FOREIGN KEY (tenant_id) REFERENCES tenants (id);
                 ALTER TABLE outbox ADD CONSTRAINT fk_outbox_tenant
                     FOREIGN KEY (tenant_id) REFERENCES tenants (id);
                 ALTER TABLE audit_events ADD CONSTRAINT fk_audit_events_tenant
                     FOREIGN KEY (tenant_id) REFERENCES tenants (id);
                 ALTER TABLE order_lines ADD CONSTRAINT fk_order_lines_location_id
                     FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id);
                 ALTER TABLE reservations ADD CONSTRAINT fk_reservations_location_id
                     FOREIGN KEY (tenant_id, location_id) REFERENCES locations (tenant_id, id);
                 ALTER TABLE stock_movements
                     DROP CONSTRAINT fk_stock_movements_level,
                     ADD CONSTRAINT fk_stock_movements_variant_id FOREIGN KEY (tenant_id, variant_id)
                         REFERENCES variants (tenant_id, id),
                     ADD CONSTRAINT fk_stock_movements_location_id FOREIGN KEY (tenant_id, location_id)
                         REFERENCES locations (tenant_id, id);
                 CREATE INDEX ix_stock_levels_location ON stock_levels (tenant_id, location_id);
                 DROP INDEX ix_stock_levels_location_variant;
                 ALTER TABLE order_events ALTER CONSTRAINT fk_order_events_order_id NOT DEFERRABLE;
                 ALTER TABLE order_lines ALTER CONSTRAINT fk_order_lines_order_id NOT DEFERRABLE;
                 DROP FUNCTION IF EXISTS products_matching(text);
                 DROP INDEX IF EXISTS variants_search_trgm;",
            )
            .await?;
        Ok(())
    }
}
