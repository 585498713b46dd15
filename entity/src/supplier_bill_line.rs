//! `supplier_bill_lines`: a purchase order line as a bill charges it.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supplier_bill_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub bill_id: Uuid,
    pub line_no: i32,
    pub purchase_order_line_id: Uuid,
    pub variant_id: Uuid,
    pub quantity: i64,
    #[sea_orm(column_type = "Decimal(None)")]
    pub unit_cost: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub total: Amount,
    /// Billed beyond what was received at the ordered cost, as checked when entered.
    #[sea_orm(column_type = "Decimal(None)")]
    pub difference: Amount,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
