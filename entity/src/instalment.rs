//! `instalments`: an invoice's receivables on credit terms, each due on its day; what was
//! paid or credited settles them oldest first.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;
use crate::closed_sets::{Currency, InstalmentStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "instalments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub order_id: Uuid,
    pub customer_id: Uuid,
    pub order_number: i64,
    pub seq: i32,
    pub due_on: Date,
    pub currency: Currency,
    #[sea_orm(column_type = "Decimal(None)")]
    pub amount: Amount,
    /// Paid or credited.
    #[sea_orm(column_type = "Decimal(None)")]
    pub settled: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub written_off: Amount,
    pub status: InstalmentStatus,
    pub settled_at: Option<DateTimeUtc>,
    /// When the sweep found it overdue (its `receivable.overdue` went out then, once).
    pub overdue_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
