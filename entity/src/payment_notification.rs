//! `payment_notifications`: gateways' confirmations of money received, once per reference,
//! with what each settled or why it settled nothing.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;
use crate::closed_sets::{NotificationStatus, PaymentMethod, UnmatchedReason};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payment_notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub reference: String,
    pub method: PaymentMethod,
    #[sea_orm(column_type = "Decimal(None)")]
    pub amount: Amount,
    pub status: NotificationStatus,
    pub reason: Option<UnmatchedReason>,
    /// The order settled, or the one named when unmatched (if it exists).
    pub order_id: Option<Uuid>,
    /// The number the gateway named, as it named it.
    pub order_number: Option<i64>,
    pub payment_id: Option<Uuid>,
    pub paid_at: DateTimeUtc,
    pub received_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
