//! Contribution margin: what each sales channel and payment method charges the store, each
//! committed order line's margin, and their roll-ups by channel, supplier, product and period.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::checks;
use crate::orders::PaymentMethod;
use crate::tenancy::Currency;

/// A commission or fee: a percentage of an amount plus a fixed sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct FeeIn {
    /// Percent of the amount, `0` to `100`, at most 4 decimal places (`"16"`, `"3.99"`).
    #[validate(custom(function = "checks::percent"))]
    #[serde(deserialize_with = "checks::plain_decimal")]
    #[schema(pattern = r"^0*([0-9]{1,2}(\.[0-9]{1,4})?|100(\.0{1,4})?)$", value_type = String, example = "16")]
    pub percent: Decimal,
    /// In the store's currency.
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = String, example = "5.00")]
    pub fixed: Decimal,
}

/// A sales channel's commission: a percentage of the order's goods (after discounts) plus a
/// fixed fee per order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ChannelFee {
    pub channel_id: Uuid,
    #[validate(nested)]
    pub fee: FeeIn,
}

/// A payment method's fee: a percentage of each payment plus a fixed fee per payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PaymentFee {
    pub method: PaymentMethod,
    #[validate(nested)]
    pub fee: FeeIn,
}

/// What a roll-up groups lines by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MarginBy {
    #[default]
    Channel,
    /// The variant's main supplier when it was sold (its first supplier); lines of variants
    /// without one are grouped under an empty key.
    Supplier,
    Product,
    Day,
    Month,
}

/// The lines sold from `from` to `to` (days in the store's time zone, both included; the
/// current month when not given). A period longer than 366 days is cut to the 366 days from
/// `from`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MarginQuery {
    #[param(example = "2026-11-01")]
    pub from: Option<NaiveDate>,
    #[param(example = "2026-11-30")]
    pub to: Option<NaiveDate>,
    /// `channel` when not given.
    pub by: Option<MarginBy>,
    /// Only the lines sold on this channel.
    pub channel_id: Option<Uuid>,
}

impl MarginQuery {
    /// The longest period one call reads.
    pub const MAX_DAYS: i64 = 366;
}

/// The sums of a line's or of a group's margin, in one currency. `margin` is `price` less
/// `discounts`, `commission`, `payment_fees`, `freight` (shipping cost beyond what was
/// charged; negative when shipping earned money), `cost` and `credited` (given back by credit
/// notes and refunds), plus `returned_cost` (the cost of goods that came back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "currency": "BRL", "quantity": 3, "price": "179.70", "discounts": "10.00",
    "commission": "27.15", "payment_fees": "1.70", "freight": "3.60", "cost": "63.90",
    "credited": "0.00", "returned_cost": "0.00", "margin": "73.35", "margin_percent": "43.22"
}))]
pub struct MarginAmounts {
    pub currency: Currency,
    pub quantity: i64,
    #[schema(value_type = String)]
    pub price: Decimal,
    #[schema(value_type = String)]
    pub discounts: Decimal,
    #[schema(value_type = String)]
    pub commission: Decimal,
    #[schema(value_type = String)]
    pub payment_fees: Decimal,
    #[schema(value_type = String)]
    pub freight: Decimal,
    #[schema(value_type = String)]
    pub cost: Decimal,
    #[schema(value_type = String)]
    pub credited: Decimal,
    #[schema(value_type = String)]
    pub returned_cost: Decimal,
    #[schema(value_type = String)]
    pub margin: Decimal,
    /// Margin over net revenue (price less discounts and what was given back), two decimal
    /// places; absent when there is no net revenue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub margin_percent: Option<Decimal>,
}

/// One group of a roll-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MarginRow {
    /// The channel's, supplier's or product's id, or the day (`2026-11-03`) or month
    /// (`2026-11`); empty for lines without a supplier.
    pub key: String,
    /// The channel's, supplier's or product's name; the key for periods.
    pub name: String,
    pub lines: u64,
    pub amounts: MarginAmounts,
}

/// A roll-up: its groups by margin, highest first (periods in order), and the totals per
/// currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "from": "2026-11-01", "to": "2026-11-30", "by": "channel",
    "rows": [{ "key": "0196f5a0-0000-7000-8000-000000000011", "name": "Loja virtual", "lines": 3,
        "amounts": {
        "currency": "BRL", "quantity": 3, "price": "179.70", "discounts": "10.00",
        "commission": "27.15", "payment_fees": "1.70", "freight": "3.60", "cost": "63.90",
        "credited": "0.00", "returned_cost": "0.00", "margin": "73.35", "margin_percent": "43.22"
    } }],
    "totals": [{
        "currency": "BRL", "quantity": 3, "price": "179.70", "discounts": "10.00",
        "commission": "27.15", "payment_fees": "1.70", "freight": "3.60", "cost": "63.90",
        "credited": "0.00", "returned_cost": "0.00", "margin": "73.35", "margin_percent": "43.22"
    }]
}))]
pub struct MarginReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub by: MarginBy,
    pub rows: Vec<MarginRow>,
    pub totals: Vec<MarginAmounts>,
}

/// One committed line's margin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct LineMarginOut {
    pub order_line_id: Uuid,
    pub sku: String,
    pub name: String,
    pub sold_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier_id: Option<Uuid>,
    pub amounts: MarginAmounts,
}

/// An order's margin, line by line; empty until the order is paid or approved on terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "order_id": "0196f5a0-0000-7000-8000-0000000000b1", "order_number": 1042,
    "lines": [{ "order_line_id": "0196f5a0-0000-7000-8000-0000000000b2", "sku": "CAM-BAS-M",
        "name": "Camiseta Básica Algodão M", "sold_on": "2026-11-03",
        "supplier_id": "0196f5a0-0000-7000-8000-0000000000a1", "amounts": {
        "currency": "BRL", "quantity": 3, "price": "179.70", "discounts": "10.00",
        "commission": "27.15", "payment_fees": "1.70", "freight": "3.60", "cost": "63.90",
        "credited": "0.00", "returned_cost": "0.00", "margin": "73.35", "margin_percent": "43.22"
    } }],
    "total": {
        "currency": "BRL", "quantity": 3, "price": "179.70", "discounts": "10.00",
        "commission": "27.15", "payment_fees": "1.70", "freight": "3.60", "cost": "63.90",
        "credited": "0.00", "returned_cost": "0.00", "margin": "73.35", "margin_percent": "43.22"
    }
}))]
pub struct OrderMarginOut {
    pub order_id: Uuid,
    pub order_number: i64,
    pub lines: Vec<LineMarginOut>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<MarginAmounts>,
}
