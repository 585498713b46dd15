//! `outbox_deliveries`: which handler has finished with which outbox event, so an event that
//! several modules take is handled once by each, however often it is retried.

use sea_orm::entity::prelude::*;

use crate::TenantId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_deliveries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    /// The event's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The handler's name (`EventHandler::name`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub handler: String,
    pub done_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
