//! Orders, their lines, verification findings, states and timeline.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::Address;
use super::CustomerIn;
use crate::checks;
use crate::tenancy::Currency;

/// Where an order stands. The allowed moves are one table in the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    PendingPayment,
    OnHold,
    /// Approved on the customer's credit terms: fulfilled before it is paid, which its
    /// invoice's instalments fall due for.
    Approved,
    Paid,
    Fulfilling,
    Shipped,
    Delivered,
    Completed,
    /// Everything received was refunded after the order was paid.
    Refunded,
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 10] = [
        OrderStatus::PendingPayment,
        OrderStatus::OnHold,
        OrderStatus::Approved,
        OrderStatus::Paid,
        OrderStatus::Fulfilling,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Refunded,
        OrderStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "pending_payment",
            OrderStatus::OnHold => "on_hold",
            OrderStatus::Approved => "approved",
            OrderStatus::Paid => "paid",
            OrderStatus::Fulfilling => "fulfilling",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Completed => "completed",
            OrderStatus::Refunded => "refunded",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// The customer of a new order: an existing one, or a new one created with the order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OrderCustomerIn {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default)]
    #[validate(nested)]
    pub new: Option<CustomerIn>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OrderLineIn {
    pub variant_id: Uuid,
    #[validate(custom(function = "checks::positive"), range(max = 100_000))]
    #[schema(minimum = 1, maximum = 100_000)]
    pub quantity: i64,
    /// Price per unit; the catalog price when absent.
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "89.90")]
    pub unit_price: Option<Decimal>,
    /// Taken off this line's total.
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "0")]
    pub discount: Option<Decimal>,
}

/// A new order. The server computes every total; a client-sent total is refused.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OrderIn {
    #[validate(nested)]
    pub customer: OrderCustomerIn,
    pub channel_id: Uuid,
    #[validate(length(min = 1, max = 100), nested)]
    #[schema(min_items = 1, max_items = 100)]
    pub lines: Vec<OrderLineIn>,
    #[validate(nested)]
    pub shipping_address: Address,
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "19.90")]
    pub shipping_fee: Option<Decimal>,
    /// Taken off the order's subtotal.
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "10.00")]
    pub discount: Option<Decimal>,
    #[serde(default)]
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
    /// The carrier service the customer chose (`/logistics/carriers`): when paid, the order
    /// is promised a delivery day by it.
    #[serde(default)]
    pub shipping_service_id: Option<Uuid>,
    /// On the customer's credit terms (their default when they have terms): approved for
    /// fulfilment without waiting for payment, when the customer is not blocked and what they
    /// owe with this order stays within their limit; held with that finding otherwise.
    /// `true` for a customer without terms is refused.
    #[serde(default)]
    pub on_terms: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrderLineOut {
    pub id: Uuid,
    pub variant_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i64,
    #[schema(value_type = String)]
    pub unit_price: Decimal,
    #[schema(value_type = String)]
    pub discount: Decimal,
    /// unit price × quantity − discount, half-even to the currency's minor unit.
    #[schema(value_type = String)]
    pub total: Decimal,
    /// Where the units are reserved (and picked from).
    pub location_id: Uuid,
}

/// One thing verification found wrong with an order; it holds the order until staff decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Finding {
    /// `tax_id`, `address`, `email`, `duplicate` or `first_order_value`.
    pub check: String,
    /// In words, in the reader's language: `Accept-Language`, else the store's.
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000009",
    "number": 1001,
    "reference": "#1001",
    "customer_id": "0196f5a0-0000-7000-8000-000000000007",
    "customer_name": "Ana Souza",
    "channel_id": "0196f5a0-0000-7000-8000-000000000006",
    "status": "paid",
    "allowed_transitions": ["fulfilling", "cancelled"],
    "currency": "BRL",
    "lines": [
        {
            "id": "0196f5a0-0000-7000-8000-000000000016",
            "variant_id": "0196f5a0-0000-7000-8000-000000000001",
            "sku": "CAM-P",
            "name": "Camiseta Básica (branca, P)",
            "quantity": 2,
            "unit_price": "59.90",
            "discount": "0.00",
            "total": "119.80",
            "location_id": "0196f5a0-0000-7000-8000-000000000002"
        }
    ],
    "subtotal": "119.80",
    "discount": "0.00",
    "shipping_fee": "19.90",
    "total": "139.70",
    "paid": "139.70",
    "refunded": "0.00",
    "balance_due": "0.00",
    "shipping_address": {
        "street": "Avenida Paulista",
        "number": "1578",
        "complement": "Apto 42",
        "district": "Bela Vista",
        "city": "São Paulo",
        "state": "SP",
        "postal_code": "01310-200",
        "country": "BR"
    },
    "findings": [],
    "note": "Embrulhar para presente.",
    "version": 3,
    "created_at": "2026-11-20T14:03:11Z",
    "paid_at": "2026-11-20T14:07:52Z"
}))]
pub struct OrderOut {
    pub id: Uuid,
    /// Gapless per store: 1001, 1002, …
    pub number: i64,
    /// `#<number>`.
    pub reference: String,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub channel_id: Uuid,
    pub status: OrderStatus,
    /// The states staff may move the order to now (payments move it to `paid`).
    pub allowed_transitions: Vec<OrderStatus>,
    pub currency: Currency,
    pub lines: Vec<OrderLineOut>,
    #[schema(value_type = String)]
    pub subtotal: Decimal,
    #[schema(value_type = String)]
    pub discount: Decimal,
    #[schema(value_type = String)]
    pub shipping_fee: Decimal,
    #[schema(value_type = String)]
    pub total: Decimal,
    #[schema(value_type = String)]
    pub paid: Decimal,
    #[schema(value_type = String)]
    pub refunded: Decimal,
    /// total − paid, never below 0.
    #[schema(value_type = String)]
    pub balance_due: Decimal,
    pub shipping_address: Address,
    /// What verification found; the reasons an order is on hold.
    pub findings: Vec<Finding>,
    /// Put by staff or by rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_service_id: Option<Uuid>,
    /// The day it must have shipped, promised when it was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_by: Option<NaiveDate>,
    /// The delivery day promised when it was paid (the latest of its fulfilments').
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised_delivery: Option<NaiveDate>,
    /// On credit terms: the days after the invoice its instalments fall due.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment_terms: Vec<u16>,
}

/// Filters of `GET /orders`, newest first. `status=on_hold` is the list of held orders.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OrderQuery {
    pub status: Option<OrderStatus>,
    pub customer_id: Option<Uuid>,
    pub channel_id: Option<Uuid>,
    /// An order number (`1001` or `#1001`) or part of the customer's name.
    #[validate(length(min = 1, max = 100))]
    #[param(min_length = 1, max_length = 100)]
    pub q: Option<String>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// Moves an order to another state.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TransitionIn {
    pub to: OrderStatus,
    /// Why; kept on the timeline (e.g. the reason of a cancellation).
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub reason: Option<String>,
}

/// One entry of an order's timeline.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000017",
    "kind": "fulfilling",
    "from_status": "paid",
    "to_status": "fulfilling",
    "message": "De pago para em separação.",
    "actor_id": "0196f5a0-0000-7000-8000-00000000000b",
    "at": "2026-11-20T15:30:00Z"
}))]
pub struct TimelineEntryOut {
    pub id: Uuid,
    /// `placed`, `held`, `released`, `payment`, `refund`, or the state moved to.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_status: Option<OrderStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_status: Option<OrderStatus>,
    /// What happened, in words, in the reader's language: `Accept-Language`, else the
    /// store's.
    pub message: String,
    /// The member or key that did it; absent for the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}
