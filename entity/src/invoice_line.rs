//! `invoice_lines`: what an invoice bills (or a credit note gives back), line by line.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoice_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub line_no: i32,
    pub order_line_id: Uuid,
    /// A credit note's line: the invoice line it gives back.
    pub credits_line_id: Option<Uuid>,
    pub sku: String,
    pub name: String,
    pub quantity: i64,
    #[sea_orm(column_type = "Decimal(None)")]
    pub unit_price: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub discount: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub tax: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub total: Amount,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
