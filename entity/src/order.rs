//! `orders`: an order: its customer, channel, state, totals and shipping address.

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::closed_sets::{Currency, OrderStatus};

use crate::amount::Amount;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "orders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub number: i64,
    pub customer_id: Uuid,
    pub channel_id: Uuid,
    pub status: OrderStatus,
    pub currency: Currency,
    #[sea_orm(column_type = "Decimal(None)")]
    pub subtotal: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub discount: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub shipping_fee: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub total: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub paid: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub refunded: Amount,
    pub shipping_address: Json,
    pub findings: Json,
    /// Tags (a list of text), put by staff or rules.
    pub tags: Json,
    pub lines_key: String,
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub paid_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
    /// The carrier service the customer chose (logistics' `carrier_services`).
    pub shipping_service_id: Option<Uuid>,
    /// Promised when paid: the day it must have shipped and the day it should arrive.
    pub ship_by: Option<Date>,
    pub promised_delivery: Option<Date>,
    /// On credit terms: the customer's terms when it was placed (days after the invoice).
    pub payment_terms: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
