//! Returns (RMA): a store's return rules, a return's lines, and its way from requested to
//! resolved. `return_settings.rs` holds the rules.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::openapi::ArrayBuilder;
use utoipa::openapi::ObjectBuilder;
use utoipa::openapi::schema::Type;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::checks;

pub use super::return_settings::*;

/// Where a return stands: `requested` → `approved` (or `declined`) → `received` → `resolved`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum ReturnStatus {
    Requested,
    Approved,
    Declined,
    Received,
    Resolved,
}

/// How a received return is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Money back through the order's refunds.
    Refund,
    /// A replacement order, paid by the return's credit.
    Exchange,
}

/// Up to 10 `https` links to photos, each at most 500 characters.
fn photos_schema() -> utoipa::openapi::Array {
    let link = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(9))
        .max_length(Some(500))
        // ECMA's `\s` leaves out U+0085, which Rust counts as white space: named here.
        .pattern(Some(r"^https://[^\s\u0085]+$"));
    ArrayBuilder::new().items(link).max_items(Some(10)).build()
}

fn valid_photos(photos: &[String]) -> Result<(), ValidationError> {
    let fits = |url: &String| {
        url.len() <= 500
            && url.len() > "https://".len()
            && url.starts_with("https://")
            && !url.chars().any(|c| c.is_whitespace() || c == '\u{feff}')
    };
    if photos.len() > 10 || !photos.iter().all(fits) {
        return Err(ValidationError::new("photos")
            .with_message("at most 10 https links of up to 500 characters".into()));
    }
    Ok(())
}

/// A line of an order to give back.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReturnLineIn {
    pub order_line_id: Uuid,
    #[validate(custom(function = "checks::positive"), range(max = 100_000))]
    #[schema(minimum = 1, maximum = 100_000)]
    pub quantity: i64,
    /// A reason code of the store's list (`GET /logistics/return-settings`).
    #[validate(length(min = 1, max = 32))]
    #[schema(min_length = 1, max_length = 32, example = "defective")]
    pub reason: String,
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub comment: Option<String>,
    #[serde(default)]
    #[validate(custom(function = "valid_photos"))]
    #[schema(schema_with = photos_schema)]
    pub photos: Vec<String>,
}

/// A return to request on a delivered order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReturnIn {
    pub order_id: Uuid,
    #[validate(length(min = 1, max = 100), nested)]
    #[schema(min_items = 1, max_items = 100)]
    pub lines: Vec<ReturnLineIn>,
    /// Accepts the return outside its window (needs `logistics:manage`; audited).
    #[serde(default)]
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub override_reason: Option<String>,
}

/// Approving a return: how the goods come back.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ApproveIn {
    /// The reverse-shipping authorization (a Correios *autorização de postagem*, …).
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64, example = "AP123456789BR")]
    pub authorization_code: String,
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub instructions: String,
}

/// Declining a return, and why.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DeclineIn {
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_length = 1, max_length = 1000)]
    pub reason: String,
}

/// What came back of one line: units put back on sale at a location, units set aside.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct InspectionIn {
    pub line_id: Uuid,
    pub location_id: Uuid,
    #[validate(range(min = 0, max = 100_000))]
    #[schema(minimum = 0, maximum = 100_000)]
    pub restock: i64,
    #[validate(range(min = 0, max = 100_000))]
    #[schema(minimum = 0, maximum = 100_000)]
    pub unsellable: i64,
}

/// Receiving an approved return: every line inspected.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReceiveIn {
    #[validate(length(min = 1, max = 100), nested)]
    #[schema(min_items = 1, max_items = 100)]
    pub lines: Vec<InspectionIn>,
}

/// A variant of the replacement order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ExchangeLineIn {
    pub variant_id: Uuid,
    #[validate(custom(function = "checks::positive"), range(max = 100_000))]
    #[schema(minimum = 1, maximum = 100_000)]
    pub quantity: i64,
}

/// Resolving a received return: a refund, or an exchange for these variants.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ResolveIn {
    pub resolution: Resolution,
    /// The replacement's lines (an exchange only).
    #[serde(default)]
    #[validate(length(max = 100), nested)]
    #[schema(max_items = 100)]
    pub replacement: Vec<ExchangeLineIn>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReturnLineOut {
    pub id: Uuid,
    pub order_line_id: Uuid,
    pub variant_id: Uuid,
    pub sku: String,
    pub quantity: i64,
    pub reason: String,
    pub reason_kind: ReasonKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub photos: Vec<String>,
    /// Put back on sale when received.
    pub restocked: i64,
    /// Set aside as unsellable when received.
    pub unsellable: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_id: Option<Uuid>,
    /// What was paid for these units: price × quantity less their share of discounts.
    #[schema(value_type = String, example = "89.90")]
    pub value: Decimal,
}

/// An entry of a return's timeline.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReturnEventOut {
    pub status: ReturnStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who did it; none for the customer's own request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000a1",
    "order_id": "0196f5a0-0000-7000-8000-0000000000b1",
    "status": "requested", "by_customer": false,
    "lines": [{
        "id": "0196f5a0-0000-7000-8000-0000000000a2",
        "order_line_id": "0196f5a0-0000-7000-8000-0000000000b2",
        "variant_id": "0196f5a0-0000-7000-8000-0000000000d1",
        "sku": "CAM-P", "quantity": 1, "reason": "defective", "reason_kind": "defect",
        "photos": [], "restocked": 0, "unsellable": 0, "value": "89.90"
    }],
    "credit": "89.90",
    "timeline": [{ "status": "requested", "at": "2026-09-02T15:40:00Z" }],
    "version": 1,
    "created_at": "2026-09-02T15:40:00Z"
}))]
pub struct ReturnOut {
    pub id: Uuid,
    pub order_id: Uuid,
    pub status: ReturnStatus,
    /// Requested by the customer through the link of the delivered email.
    pub by_customer: bool,
    pub lines: Vec<ReturnLineOut>,
    /// What the return is worth: its lines' value, plus shipping when the store refunds it.
    #[schema(value_type = String, example = "89.90")]
    pub credit: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decline_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Resolution>,
    /// The refund given (a refund resolution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub refunded: Option<Decimal>,
    /// The replacement order (an exchange).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement_order_id: Option<Uuid>,
    pub timeline: Vec<ReturnEventOut>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// Filters of `GET /logistics/returns`, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReturnQuery {
    pub status: Option<ReturnStatus>,
    pub order_id: Option<Uuid>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// What a return rate is counted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RateBy {
    /// Units returned ÷ units delivered, per SKU.
    #[default]
    Sku,
    /// Units returned per reason.
    Reason,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReturnRateQuery {
    #[serde(default)]
    #[param(inline)]
    pub by: RateBy,
}

/// One row of the return-rate report.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "key": "CAM-P", "returned": 2, "delivered": 40, "rate": "0.0500" }))]
pub struct ReturnRateOut {
    /// The SKU, or the reason code.
    pub key: String,
    /// Units on returns not declined.
    pub returned: i64,
    /// Units delivered (by SKU only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered: Option<i64>,
    /// returned ÷ delivered, to 4 places (by SKU only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub rate: Option<Decimal>,
}

/// The payload of every `return.*` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReturnMoved {
    pub return_id: Uuid,
    pub order_id: Uuid,
}
