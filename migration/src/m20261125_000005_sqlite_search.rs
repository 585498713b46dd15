//! SQLite: trigram full-text indexes (FTS5) for the catalog's `LIKE '%…%'` search, kept in step
//! with `products` and `variants` by triggers. PostgreSQL needs nothing here.
//!
//! The index rows are linked by rowid; `VACUUM` may renumber the rowids of these tables, so a
//! vacuum must be followed by `INSERT INTO products_fts(products_fts) VALUES('rebuild')` (and
//! the same for `variants_fts`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

pub(crate) fn fts(table: &str) -> String {
    format!(
        "CREATE VIRTUAL TABLE {table}_fts USING fts5(
             search_text, content='{table}', content_rowid='rowid', tokenize='trigram');
         CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN
             INSERT INTO {table}_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
         END;
         CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN
             INSERT INTO {table}_fts({table}_fts, rowid, search_text)
                 VALUES ('delete', old.rowid, old.search_text);
         END;
         CREATE TRIGGER {table}_fts_update AFTER UPDATE OF search_text ON {table} BEGIN
             INSERT INTO {table}_fts({table}_fts, rowid, search_text)
                 VALUES ('delete', old.rowid, old.search_text);
             INSERT INTO {table}_fts(rowid, search_text) VALUES (new.rowid, new.search_text);
         END;
         INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild');"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Sqlite {
            return Ok(());
        }
        let connection = manager.get_connection();
        connection.execute_unprepared(&fts("products")).await?;
        connection.execute_unprepared(&fts("variants")).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Sqlite {
            return Ok(());
        }
        for table in ["products", "variants"] {
            manager
                .get_connection()
                .execute_unprepared(&drop_fts(table))
                .await?;
        }
        Ok(())
    }
}

pub(crate) fn drop_fts(table: &str) -> String {
    format!(
        "DROP TRIGGER IF EXISTS {table}_fts_insert;
         DROP TRIGGER IF EXISTS {table}_fts_delete;
         DROP TRIGGER IF EXISTS {table}_fts_update;
         DROP TABLE IF EXISTS {table}_fts;"
    )
}
