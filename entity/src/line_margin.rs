//! `line_margins`: the contribution margin of a committed order line (`id` is the line's):
//! its price less its share of the discounts, the channel's commission, the payment fees and
//! the freight the store paid beyond what it charged, and its cost at the time of sale; what
//! credit notes and refunds gave back comes off it.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;
use crate::closed_sets::Currency;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "line_margins")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub order_id: Uuid,
    pub order_number: i64,
    pub channel_id: Uuid,
    pub product_id: Uuid,
    pub variant_id: Uuid,
    /// The variant's main supplier when it was sold.
    pub supplier_id: Option<Uuid>,
    pub sku: String,
    pub name: String,
    pub currency: Currency,
    pub quantity: i64,
    pub sold_at: DateTimeUtc,
    /// `sold_at` in the store's time zone: the day the roll-ups count it on.
    pub sold_on: Date,
    /// Unit price × quantity.
    #[sea_orm(column_type = "Decimal(None)")]
    pub price: Amount,
    /// The line's own discount and its share of the order's.
    #[sea_orm(column_type = "Decimal(None)")]
    pub discounts: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub commission: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub payment_fee: Amount,
    /// Its share of shipping cost less shipping charged (negative when freight earned).
    #[sea_orm(column_type = "Decimal(None)")]
    pub freight: Amount,
    /// Average cost × quantity at the time of sale.
    #[sea_orm(column_type = "Decimal(None)")]
    pub cost: Amount,
    /// What credit notes and refunds gave back of the line.
    #[sea_orm(column_type = "Decimal(None)")]
    pub credited: Amount,
    /// The cost of the units given back on credit notes (returned goods).
    #[sea_orm(column_type = "Decimal(None)")]
    pub credited_cost: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub margin: Amount,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
