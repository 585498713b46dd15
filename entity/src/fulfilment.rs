//! `fulfilments`: what one location sends of a paid order, and the promise it keeps.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::FulfilmentStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fulfilments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub order_id: Uuid,
    pub location_id: Uuid,
    pub status: FulfilmentStatus,
    pub service_id: Option<Uuid>,
    pub ship_by: Option<Date>,
    pub deliver_by: Option<Date>,
    pub picked_at: Option<DateTimeUtc>,
    pub packed_at: Option<DateTimeUtc>,
    pub shipped_at: Option<DateTimeUtc>,
    pub delivered_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
    /// When the sweep found it late to ship, and when late in transit: each once.
    pub late_to_ship_at: Option<DateTimeUtc>,
    pub late_in_transit_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
