//! `reservations`: units held for an order (or a cart) until committed or released.

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::closed_sets::ReservationStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reservations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub variant_id: Uuid,
    pub location_id: Uuid,
    pub quantity: i64,
    /// `active`, `released`, `expired` or `committed`.
    pub status: ReservationStatus,
    pub expires_at: Option<DateTimeUtc>,
    pub reference_type: Option<String>,
    pub reference_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
