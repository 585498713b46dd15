//! `return_settings`: a store's return rules (one row per store; the defaults until set).

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::ShippingRefund;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "return_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    pub regret_days: i32,
    pub defect_days: i32,
    pub shipping_refund: ShippingRefund,
    /// `[{ "code", "kind" }]`.
    pub reasons: Json,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
