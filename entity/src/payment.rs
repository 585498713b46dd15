//! `payments`: money received for an order (`payment`) or given back (`refund`).

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::closed_sets::{PaymentKind, PaymentMethod};

use crate::amount::Amount;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub order_id: Uuid,
    pub kind: PaymentKind,
    pub method: Option<PaymentMethod>,
    #[sea_orm(column_type = "Decimal(None)")]
    pub amount: Amount,
    pub reference: Option<String>,
    pub reason: Option<String>,
    pub paid_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
