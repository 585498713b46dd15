//! Cash flow: the balance the store enters, what came in and went out in past weeks, and what
//! open receivables and payables will bring in and take out week by week.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::checks;
use crate::tenancy::Currency;

/// The cash the store had at the end of a day (negative when overdrawn).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CashBalance {
    #[validate(custom(function = "checks::signed_money"))]
    #[serde(deserialize_with = "checks::plain_decimal")]
    #[schema(pattern = r"^-?0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = String, example = "15000.00")]
    pub amount: Decimal,
    pub on: NaiveDate,
}

/// Whether a week is what happened or what open receivables and payables say will.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CashWeekKind {
    /// Payments received and made.
    Actual,
    /// Receivables and payables outstanding, at their due dates (overdue ones in the current
    /// week).
    Projected,
}

/// One week, Monday to Sunday in the store's time zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CashFlowWeek {
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub kind: CashWeekKind,
    #[schema(value_type = String)]
    pub inflows: Decimal,
    #[schema(value_type = String)]
    pub outflows: Decimal,
    #[schema(value_type = String)]
    pub net: Decimal,
    /// The balance at the week's end: from the balance entered, moved by what was paid and
    /// received since (past weeks), then by what is projected.
    #[schema(value_type = String)]
    pub closing_balance: Decimal,
}

/// Four past weeks of actuals, then thirteen projected from the current week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "currency": "BRL", "today": "2026-12-07", "balance": "15250.00",
    "entered": { "amount": "15000.00", "on": "2026-12-01" },
    "weeks": [
        { "starts_on": "2026-11-30", "ends_on": "2026-12-06", "kind": "actual",
          "inflows": "750.00", "outflows": "500.00", "net": "250.00", "closing_balance": "15250.00" },
        { "starts_on": "2026-12-07", "ends_on": "2026-12-13", "kind": "projected",
          "inflows": "333.33", "outflows": "511.20", "net": "-177.87", "closing_balance": "15072.13" }
    ]
}))]
pub struct CashFlowOut {
    pub currency: Currency,
    /// The store's today.
    pub today: NaiveDate,
    /// The balance now: the one entered moved by what was received and paid since.
    #[schema(value_type = String)]
    pub balance: Decimal,
    /// What the store entered; absent until it does (the balance starts at 0 today).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entered: Option<CashBalance>,
    pub weeks: Vec<CashFlowWeek>,
}
