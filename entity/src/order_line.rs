//! `order_lines`: a line of an order: a variant, how many, at what price, reserved where.

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::amount::Amount;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub order_id: Uuid,
    pub line_no: i32,
    pub variant_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i64,
    #[sea_orm(column_type = "Decimal(None)")]
    pub unit_price: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub discount: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub total: Amount,
    pub location_id: Uuid,
    pub reservation_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
