//! `shipments`: a package of a fulfilment, and the carrier that has it.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;
use crate::closed_sets::{ShipmentStatus, Uf};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "shipments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub fulfilment_id: Uuid,
    pub status: ShipmentStatus,
    pub weight_grams: i32,
    pub length_mm: i32,
    pub width_mm: i32,
    pub height_mm: i32,
    pub service_id: Option<Uuid>,
    /// Unique in the store.
    pub tracking_code: Option<String>,
    #[sea_orm(column_type = "Decimal(None)", nullable)]
    pub cost: Option<Amount>,
    /// The address's state, kept for the carrier scorecard.
    pub destination_state: Option<Uf>,
    pub failed_attempts: i32,
    pub posted_at: Option<DateTimeUtc>,
    pub delivered_at: Option<DateTimeUtc>,
    /// When the event that set its status happened (the carrier's time).
    pub last_event_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
