//! `carriers`: who takes a store's parcels (Correios, a courier, its own fleet, pickup).

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::{CarrierKind, Status};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "carriers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub kind: CarrierKind,
    /// An `https` address with `{code}` where a tracking code goes.
    pub tracking_url: Option<String>,
    pub status: Status,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
