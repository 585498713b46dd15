//! `finance_settings`: a store's finance rules (one row per store; the defaults until set).

use sea_orm::entity::prelude::*;

use crate::TenantId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "finance_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    pub due_on_working_days: bool,
    /// The dunning policy (`DunningPolicy`); the defaults while absent.
    pub dunning: Option<Json>,
    /// Each sales channel's commission (`[ChannelFee]`); none when absent.
    pub channel_fees: Option<Json>,
    /// Each payment method's fee (`[PaymentFee]`); none when absent.
    pub payment_fees: Option<Json>,
    /// The cash the store had on `cash_balance_on`, as it entered it (cash flow starts there).
    #[sea_orm(column_type = "Decimal(None)")]
    pub cash_balance: Option<crate::amount::Amount>,
    pub cash_balance_on: Option<Date>,
    pub version: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
