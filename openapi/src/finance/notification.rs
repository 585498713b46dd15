//! Payment notifications: a gateway's confirmation (pix, boleto, card) that settles the order
//! it names, once per reference; what settles nothing waits for staff.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::checks;
use crate::orders::{PaymentMethod, positive_money};

/// What a notification did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum NotificationStatus {
    /// Recorded as a payment of its order.
    Settled,
    /// Settles nothing yet: `reason` says why; staff match it to an order.
    Unmatched,
}

/// Why a notification settled nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum UnmatchedReason {
    /// It names no order of the store.
    NoOrder,
    /// Its order takes no payment now (paid, cancelled, …).
    NotPayable,
    /// More than its order's balance due.
    OverBalance,
}

/// A gateway's confirmation of money received. `reference` is the gateway's id of the
/// payment, unique in the store: the same notification again changes nothing and is answered
/// as the first was.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PaymentNotificationIn {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "pix-E1234567820261125")]
    pub reference: String,
    pub method: PaymentMethod,
    #[validate(custom(function = "positive_money"))]
    #[serde(deserialize_with = "checks::plain_decimal")]
    #[schema(pattern = r"^0*([1-9][0-9]{0,11}(\.[0-9]{1,4})?|0\.([1-9][0-9]{0,3}|0[1-9][0-9]{0,2}|00[1-9][0-9]?|000[1-9]))$", value_type = String, example = "119.80")]
    pub amount: Decimal,
    /// The order it pays, by id …
    #[serde(default)]
    pub order_id: Option<Uuid>,
    /// … or by its number (`1042`), as a gateway's metadata often carries it.
    #[serde(default)]
    #[validate(range(min = 1, max = 2_000_000_000))]
    #[schema(minimum = 1, maximum = 2_000_000_000)]
    pub order_number: Option<i64>,
    /// When the money arrived; now when absent.
    #[serde(default)]
    pub paid_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000f1", "reference": "pix-E1234567820261125",
    "method": "pix", "amount": "119.80", "status": "settled",
    "order_id": "0196f5a0-0000-7000-8000-0000000000b1",
    "payment_id": "0196f5a0-0000-7000-8000-0000000000f2",
    "paid_at": "2026-09-02T15:40:00Z", "received_at": "2026-09-02T15:40:02Z", "version": 1
}))]
pub struct PaymentNotificationOut {
    pub id: Uuid,
    pub reference: String,
    pub method: PaymentMethod,
    #[schema(value_type = String)]
    pub amount: Decimal,
    pub status: NotificationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<UnmatchedReason>,
    /// The order it settled, or (unmatched) the one it named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_number: Option<i64>,
    /// The order's payment it was recorded as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<Uuid>,
    pub paid_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
    pub version: i32,
}

/// Matching an unmatched notification to an order by hand.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NotificationMatchIn {
    pub order_id: Uuid,
}

/// Filters of `GET /finance/payment-notifications`, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    pub status: Option<NotificationStatus>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}
