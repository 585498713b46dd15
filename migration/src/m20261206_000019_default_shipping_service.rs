//! Orders: the carrier service an order takes when it names none (the store's default).

use sea_orm_migration::prelude::*;

use crate::columns::nullable_uuid;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMN: &str = "default_shipping_service_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let alter = Table::alter()
            .table(Alias::new("order_settings"))
            .add_column(nullable_uuid(COLUMN))
            .to_owned();
        manager.alter_table(alter).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let alter = Table::alter()
            .table(Alias::new("order_settings"))
            .drop_column(Alias::new(COLUMN))
            .to_owned();
        manager.alter_table(alter).await
    }
}
