//! `tracking_events`: a shipment's history as its carrier reports it; one row per carrier
//! event id.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::TrackingStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tracking_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub shipment_id: Uuid,
    pub carrier_event_id: String,
    pub status: TrackingStatus,
    pub occurred_at: DateTimeUtc,
    pub place: Option<String>,
    pub description: Option<String>,
    pub received_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
