//! `supplier_bills`: a supplier's bill against a purchase order, checked three ways when
//! entered (held for a manager when it disagrees), and what was paid of it.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;
use crate::closed_sets::{BillStatus, Currency};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supplier_bills")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub supplier_id: Uuid,
    pub purchase_order_id: Uuid,
    /// The supplier's number, once per supplier.
    pub number: String,
    pub issued_on: Date,
    pub due_on: Date,
    pub currency: Currency,
    #[sea_orm(column_type = "Decimal(None)")]
    pub total: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub paid: Amount,
    /// What the lines bill beyond what was received at the ordered cost.
    #[sea_orm(column_type = "Decimal(None)")]
    pub difference: Amount,
    /// `held`, `open`, `partially_paid` or `paid` (`overdue` is read, never stored).
    pub status: BillStatus,
    pub approved_by: Option<Uuid>,
    pub approval_note: Option<String>,
    pub approved_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
