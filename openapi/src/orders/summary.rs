//! The orders summary: per period, per day and per status.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::OrderStatus;
use crate::tenancy::Currency;

/// Orders placed in a period and the money they brought in (paid less refunded).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct PeriodOut {
    pub orders: i64,
    #[schema(value_type = String, example = "1234.50")]
    pub revenue: Decimal,
}

/// One day of the sales chart, in the store's time zone.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DayOut {
    pub date: chrono::NaiveDate,
    pub orders: i64,
    #[schema(value_type = String, example = "310.00")]
    pub revenue: Decimal,
}

/// How many orders are in a state now.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StatusCountOut {
    pub status: OrderStatus,
    pub count: i64,
}

/// The dashboard's figures: today and this month (in the store's time zone), the orders in
/// each state, and the last 14 days day by day (oldest first).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "currency": "BRL",
    "timezone": "America/Sao_Paulo",
    "today": {"orders": 4, "revenue": "512.40"},
    "month": {"orders": 87, "revenue": "10934.50"},
    "by_status": [{"status": "paid", "count": 6}, {"status": "on_hold", "count": 1}],
    "days": [
        {"date": "2026-11-19", "orders": 5, "revenue": "689.30"},
        {"date": "2026-11-20", "orders": 4, "revenue": "512.40"}
    ]
}))]
pub struct OrderSummaryOut {
    pub currency: Currency,
    pub timezone: String,
    pub today: PeriodOut,
    pub month: PeriodOut,
    pub by_status: Vec<StatusCountOut>,
    pub days: Vec<DayOut>,
}
