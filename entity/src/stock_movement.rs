//! `stock_movements`: the append-only ledger: every change of a stock level, as deltas.

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::closed_sets::{ActorType, MovementKind};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stock_movements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub variant_id: Uuid,
    pub location_id: Uuid,
    /// `receipt`, `adjustment`, `transfer_out`, `transfer_in`, `reservation`, `release`,
    /// `sale`, `return`, `count`, `damage`.
    pub kind: MovementKind,
    pub on_hand_delta: i64,
    pub reserved_delta: i64,
    pub unsellable_delta: i64,
    pub incoming_delta: i64,
    pub reason: Option<String>,
    pub reference_type: Option<String>,
    pub reference_id: Option<Uuid>,
    pub actor_type: ActorType,
    pub actor_id: Option<Uuid>,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
