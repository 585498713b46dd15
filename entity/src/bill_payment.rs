//! `bill_payments`: money the store paid a supplier against a bill.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bill_payments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub bill_id: Uuid,
    #[sea_orm(column_type = "Decimal(None)")]
    pub amount: Amount,
    pub paid_on: Date,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
