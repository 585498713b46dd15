//! `purchase_order_lines`: one variant of a purchase order.

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::amount::Amount;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "purchase_order_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub purchase_order_id: Uuid,
    pub variant_id: Uuid,
    pub quantity_ordered: i64,
    pub quantity_received: i64,
    #[sea_orm(column_type = "Decimal(None)")]
    pub unit_cost: Amount,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
