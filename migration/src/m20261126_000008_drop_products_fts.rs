//! SQLite: the products' trigram index goes. The catalog search finds a product through its
//! variants (a variant's search text holds its product's name), so only `variants_fts` is read;
//! keeping `products_fts` up to date only slowed every product write.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::m20261125_000005_sqlite_search::{drop_fts, fts};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Sqlite {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(&drop_fts("products"))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DbBackend::Sqlite {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(&fts("products"))
            .await?;
        Ok(())
    }
}
