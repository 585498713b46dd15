//! Payables: supplier bills entered against received purchase orders, checked three ways
//! (ordered, received and billed quantities, and unit costs), held for a manager when they
//! disagree, paid, and their ageing.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::AgeingBuckets;
use crate::checks;
use crate::orders::positive_money;
use crate::tenancy::Currency;

/// Where a supplier bill stands. `overdue` is read, never stored: open or partly paid past
/// its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum BillStatus {
    /// The three-way check found a difference: a manager must approve it before it is paid.
    Held,
    Open,
    PartiallyPaid,
    Paid,
    Overdue,
}

/// What the three-way check found on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BillMismatch {
    /// More billed (with earlier bills) than was received.
    OverReceived,
    /// More billed (with earlier bills) than was ordered.
    OverOrdered,
    /// The unit cost is not the purchase order's.
    UnitCost,
}

/// A line of a bill: a purchase order line, how many and at what unit cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BillLineIn {
    pub purchase_order_line_id: Uuid,
    #[validate(range(min = 1, max = 1_000_000))]
    #[schema(minimum = 1, maximum = 1_000_000)]
    pub quantity: i64,
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = String, example = "21.30")]
    pub unit_cost: Decimal,
}

/// A supplier's bill for (part of) a received purchase order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "purchase_order_id": "0196f5a0-0000-7000-8000-0000000000f1", "number": "NF 4512",
    "issued_on": "2026-12-01", "due_on": "2026-12-31",
    "lines": [{ "purchase_order_line_id": "0196f5a0-0000-7000-8000-0000000000f2",
        "quantity": 24, "unit_cost": "21.30" }]
}))]
pub struct BillIn {
    pub purchase_order_id: Uuid,
    /// The supplier's number of the bill, once per supplier.
    #[validate(length(min = 1, max = 60))]
    #[schema(min_length = 1, max_length = 60)]
    pub number: String,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    /// Each purchase order line at most once.
    #[validate(length(min = 1, max = 200), nested)]
    #[schema(min_items = 1, max_items = 200)]
    pub lines: Vec<BillLineIn>,
}

/// A bill's line beside what was ordered and received of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct BillLineOut {
    pub id: Uuid,
    pub purchase_order_line_id: Uuid,
    pub variant_id: Uuid,
    pub sku: String,
    pub ordered: i64,
    pub received: i64,
    /// Billed of the purchase order line by earlier bills.
    pub billed_before: i64,
    pub quantity: i64,
    #[schema(value_type = String)]
    pub ordered_unit_cost: Decimal,
    #[schema(value_type = String)]
    pub unit_cost: Decimal,
    #[schema(value_type = String)]
    pub total: Decimal,
    /// What the line bills beyond what was received at the ordered cost (0 when it agrees).
    #[schema(value_type = String)]
    pub difference: Decimal,
    pub mismatches: Vec<BillMismatch>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000f9", "supplier_id": "0196f5a0-0000-7000-8000-0000000000a1",
    "supplier_name": "Torrefação Serra Azul", "purchase_order_id": "0196f5a0-0000-7000-8000-0000000000f1",
    "purchase_order_number": 3, "number": "NF 4512", "issued_on": "2026-12-01",
    "due_on": "2026-12-31", "currency": "BRL", "total": "511.20", "paid": "0.00",
    "outstanding": "511.20", "difference": "0.00", "status": "open", "days_overdue": 0,
    "lines": [{ "id": "0196f5a0-0000-7000-8000-0000000000fa",
        "purchase_order_line_id": "0196f5a0-0000-7000-8000-0000000000f2",
        "variant_id": "0196f5a0-0000-7000-8000-0000000000f3", "sku": "CAFE-500",
        "ordered": 24, "received": 24, "billed_before": 0, "quantity": 24,
        "ordered_unit_cost": "21.30", "unit_cost": "21.30", "total": "511.20",
        "difference": "0.00", "mismatches": [] }],
    "version": 1
}))]
pub struct BillOut {
    pub id: Uuid,
    pub supplier_id: Uuid,
    pub supplier_name: String,
    pub purchase_order_id: Uuid,
    pub purchase_order_number: i32,
    pub number: String,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    pub currency: Currency,
    #[schema(value_type = String)]
    pub total: Decimal,
    #[schema(value_type = String)]
    pub paid: Decimal,
    #[schema(value_type = String)]
    pub outstanding: Decimal,
    /// The lines' differences: what the bill asks beyond what was received at the ordered cost.
    #[schema(value_type = String)]
    pub difference: Decimal,
    pub status: BillStatus,
    /// Days past the due date with something outstanding, in the store's time zone.
    pub days_overdue: i64,
    /// Who approved the difference and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_note: Option<String>,
    /// Absent in lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<BillLineOut>,
    pub version: i32,
}

/// Filters of `GET /finance/bills`, soonest due first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BillQuery {
    pub status: Option<BillStatus>,
    pub supplier_id: Option<Uuid>,
    pub purchase_order_id: Option<Uuid>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// A manager's approval of a held bill's difference.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BillApproveIn {
    #[validate(length(min = 1, max = 500))]
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Frete cobrado à parte, combinado"
    )]
    pub note: String,
}

/// A payment of a bill.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BillPaymentIn {
    #[validate(custom(function = "positive_money"))]
    #[serde(deserialize_with = "checks::plain_decimal")]
    #[schema(pattern = r"^0*([1-9][0-9]{0,11}(\.[0-9]{1,4})?|0\.([1-9][0-9]{0,3}|0[1-9][0-9]{0,2}|00[1-9][0-9]?|000[1-9]))$", value_type = String, example = "511.20")]
    pub amount: Decimal,
    /// The day it was paid; today when absent.
    #[serde(default)]
    pub paid_on: Option<NaiveDate>,
}

/// One supplier's outstanding bills in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SupplierAgeing {
    pub supplier_id: Uuid,
    pub supplier_name: String,
    pub currency: Currency,
    pub buckets: AgeingBuckets,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "as_of": "2026-12-07",
    "suppliers": [{
        "supplier_id": "0196f5a0-0000-7000-8000-0000000000a1", "supplier_name": "Torrefação Serra Azul",
        "currency": "BRL",
        "buckets": { "current": "511.20", "days_1_30": "0.00", "days_31_60": "0.00",
                     "days_61_90": "0.00", "over_90": "0.00", "total": "511.20" }
    }],
    "totals": [{ "currency": "BRL",
        "buckets": { "current": "511.20", "days_1_30": "0.00", "days_31_60": "0.00",
                     "days_61_90": "0.00", "over_90": "0.00", "total": "511.20" } }]
}))]
pub struct PayablesAgeingOut {
    pub as_of: NaiveDate,
    /// Suppliers the store owes, most owed first.
    pub suppliers: Vec<SupplierAgeing>,
    pub totals: Vec<super::AgeingTotal>,
}
