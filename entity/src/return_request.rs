//! `returns`: a return (RMA) of some of an order's delivered units, from request to resolution.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;
use crate::closed_sets::{Resolution, ReturnStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "returns")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub order_id: Uuid,
    pub status: ReturnStatus,
    pub by_customer: bool,
    #[sea_orm(column_type = "Decimal(None)")]
    pub credit: Amount,
    pub override_reason: Option<String>,
    pub authorization_code: Option<String>,
    pub instructions: Option<String>,
    pub decline_reason: Option<String>,
    pub resolution: Option<Resolution>,
    #[sea_orm(column_type = "Decimal(None)", nullable)]
    pub refunded: Option<Amount>,
    pub replacement_order_id: Option<Uuid>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
