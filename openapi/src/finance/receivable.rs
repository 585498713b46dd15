//! Receivables: an invoice's instalments on credit terms, what settles them, and their ageing.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{CashBalance, ChannelFee, DunningPolicy, MarginAmounts, PaymentFee};
use crate::tenancy::Currency;

/// Where an instalment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum InstalmentStatus {
    Open,
    PartiallyPaid,
    Paid,
    /// Past its due date with something outstanding.
    Overdue,
    /// What was outstanding was given up on.
    WrittenOff,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000d7",
    "invoice_id": "0196f5a0-0000-7000-8000-0000000000e1", "invoice_reference": "1-42",
    "order_id": "0196f5a0-0000-7000-8000-0000000000b1", "order_number": 1042,
    "customer_id": "0196f5a0-0000-7000-8000-0000000000c1", "customer_name": "Distribuidora Sul",
    "seq": 2, "of": 3, "payment_reference": "1042-2", "due_on": "2026-12-28",
    "currency": "BRL", "amount": "333.33", "settled": "100.00", "written_off": "0.00",
    "outstanding": "233.33", "status": "partially_paid", "days_overdue": 0, "version": 2
}))]
pub struct InstalmentOut {
    pub id: Uuid,
    pub invoice_id: Uuid,
    /// The invoice's series and number (`1-42`).
    pub invoice_reference: String,
    pub order_id: Uuid,
    pub order_number: i64,
    pub customer_id: Uuid,
    pub customer_name: String,
    /// Its place among the invoice's instalments (1, 2, 3 …) …
    pub seq: i32,
    /// … of how many.
    pub of: i32,
    /// What the customer quotes when paying it: the order number and the instalment's place.
    pub payment_reference: String,
    pub due_on: NaiveDate,
    pub currency: Currency,
    #[schema(value_type = String)]
    pub amount: Decimal,
    /// Paid or credited.
    #[schema(value_type = String)]
    pub settled: Decimal,
    #[schema(value_type = String)]
    pub written_off: Decimal,
    #[schema(value_type = String)]
    pub outstanding: Decimal,
    pub status: InstalmentStatus,
    /// Days past the due date with something outstanding, in the store's time zone; 0 when
    /// not overdue.
    pub days_overdue: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled_at: Option<DateTime<Utc>>,
    pub version: i32,
}

/// Filters of `GET /finance/receivables`, soonest due first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReceivableQuery {
    pub status: Option<InstalmentStatus>,
    pub customer_id: Option<Uuid>,
    pub order_id: Option<Uuid>,
    /// Only what is still to be received (open, partially paid, overdue).
    pub outstanding: Option<bool>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// Outstanding amounts by how long past due: not yet due, 1–30, 31–60, 61–90, over 90 days.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AgeingBuckets {
    #[schema(value_type = String)]
    pub current: Decimal,
    #[schema(value_type = String)]
    pub days_1_30: Decimal,
    #[schema(value_type = String)]
    pub days_31_60: Decimal,
    #[schema(value_type = String)]
    pub days_61_90: Decimal,
    #[schema(value_type = String)]
    pub over_90: Decimal,
    #[schema(value_type = String)]
    pub total: Decimal,
}

/// One customer's outstanding receivables in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CustomerAgeing {
    pub customer_id: Uuid,
    pub customer_name: String,
    pub currency: Currency,
    pub buckets: AgeingBuckets,
}

/// The store's total in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AgeingTotal {
    pub currency: Currency,
    pub buckets: AgeingBuckets,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "as_of": "2026-12-07",
    "customers": [{
        "customer_id": "0196f5a0-0000-7000-8000-0000000000c1", "customer_name": "Distribuidora Sul",
        "currency": "BRL",
        "buckets": { "current": "666.67", "days_1_30": "333.33", "days_31_60": "0.00",
                     "days_61_90": "0.00", "over_90": "0.00", "total": "1000.00" }
    }],
    "totals": [{ "currency": "BRL",
        "buckets": { "current": "666.67", "days_1_30": "333.33", "days_31_60": "0.00",
                     "days_61_90": "0.00", "over_90": "0.00", "total": "1000.00" } }]
}))]
pub struct AgeingOut {
    /// The store's today.
    pub as_of: NaiveDate,
    /// Customers with something outstanding, most owed first.
    pub customers: Vec<CustomerAgeing>,
    pub totals: Vec<AgeingTotal>,
}

/// Writing off what is outstanding of an instalment: why.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct WriteOffIn {
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500, example = "Acordo com o cliente")]
    pub reason: String,
}

/// The store's finance settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct FinanceSettingsIn {
    /// Instalments that would fall due on a weekend or holiday of the store's calendar fall
    /// due on the next working day.
    pub due_on_working_days: bool,
    /// The dunning policy; unchanged when absent.
    #[serde(default)]
    #[validate(nested)]
    pub dunning: Option<DunningPolicy>,
    /// Each sales channel's commission (a channel at most once); unchanged when absent.
    #[serde(default)]
    #[validate(length(max = 50), nested)]
    #[schema(max_items = 50)]
    pub channel_fees: Option<Vec<ChannelFee>>,
    /// Each payment method's fee (a method at most once); unchanged when absent.
    #[serde(default)]
    #[validate(length(max = 10), nested)]
    #[schema(max_items = 10)]
    pub payment_fees: Option<Vec<PaymentFee>>,
    /// The cash the store had on a day, where cash flow starts; unchanged when absent.
    #[serde(default)]
    #[validate(nested)]
    pub cash_balance: Option<CashBalance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "due_on_working_days": true, "version": 2, "dunning": {
    "enabled": true, "reminder_days_before": 3, "notice_days_after": 1,
    "warning_days_after": 5, "grace_days": 10, "auto_block": true, "finance_emails": []
}, "channel_fees": [{ "channel_id": "0196f5a0-0000-7000-8000-000000000011",
    "fee": { "percent": "16", "fixed": "5.00" } }],
"payment_fees": [{ "method": "card", "fee": { "percent": "3.99", "fixed": "0.39" } }] }))]
pub struct FinanceSettingsOut {
    pub due_on_working_days: bool,
    pub dunning: DunningPolicy,
    pub channel_fees: Vec<ChannelFee>,
    pub payment_fees: Vec<PaymentFee>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_balance: Option<CashBalance>,
    pub version: i32,
}

/// `customer.blocked` and `customer.unblocked`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CustomerBlockMoved {
    pub customer_id: Uuid,
    /// By dunning (or its end), not by staff.
    pub automatic: bool,
}

/// `receivable.overdue`: an instalment passed its due date unpaid (once per instalment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ReceivableOverdue {
    pub instalment_id: Uuid,
    pub invoice_id: Uuid,
    pub customer_id: Uuid,
}

/// What the dashboard shows of finance: what customers owe, of which overdue, how many
/// customers are blocked, and this month's margin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "currency": "BRL", "owed": "1250.00", "overdue": "159.80",
    "overdue_customers": 1, "blocked_customers": 1,
    "margin_this_month": {
        "currency": "BRL", "quantity": 3, "price": "179.70", "discounts": "10.00",
        "commission": "27.15", "payment_fees": "1.70", "freight": "3.60", "cost": "63.90",
        "credited": "0.00", "returned_cost": "0.00", "margin": "73.35", "margin_percent": "43.22"
    }
}))]
pub struct FinanceSummaryOut {
    /// The store's currency; the sums are of instalments in it.
    pub currency: Currency,
    #[schema(value_type = String)]
    pub owed: Decimal,
    #[schema(value_type = String)]
    pub overdue: Decimal,
    pub overdue_customers: i64,
    pub blocked_customers: i64,
    /// The margin of the lines sold this month (in the store's time zone), in the store's
    /// currency.
    pub margin_this_month: MarginAmounts,
}
