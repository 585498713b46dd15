//! `margin_days`: the margin roll-ups' read model: the committed lines (`line_margins`) sold on
//! one day in the store's time zone, summed per channel, per main supplier and per product
//! (`dimension`), each in its currency; kept with the lines in the same transaction.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;
use crate::closed_sets::{Currency, MarginDimension};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "margin_days")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub dimension: MarginDimension,
    #[sea_orm(primary_key, auto_increment = false)]
    pub sold_on: Date,
    /// The channel's, supplier's or product's id; nil for lines without a supplier.
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub currency: Currency,
    pub lines: i64,
    pub quantity: i64,
    pub price: Amount,
    pub discounts: Amount,
    pub commission: Amount,
    pub payment_fee: Amount,
    pub freight: Amount,
    pub cost: Amount,
    pub credited: Amount,
    pub credited_cost: Amount,
    pub margin: Amount,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
