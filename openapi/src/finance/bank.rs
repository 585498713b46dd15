//! Bank reconciliation: a bank statement's lines imported from CSV, each matched to the order
//! it pays by its reference, proposed by its amount and date, or left for staff to match or
//! mark as fees, a transfer or other income.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

/// Where a bank line stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum BankLineStatus {
    /// Recorded as a payment of its order (by its reference, or by staff).
    Settled,
    /// One open instalment fits its amount and date: staff confirm by matching it.
    Proposed,
    /// Nothing fits, or more than one thing does: staff match or classify it.
    Unmatched,
    /// Bank or gateway fees.
    Fees,
    /// Money moved between the store's own accounts.
    Transfer,
    /// Money in that pays no order.
    OtherIncome,
}

/// What staff say a line that pays no order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BankClassification {
    Fees,
    Transfer,
    OtherIncome,
}

impl From<BankClassification> for BankLineStatus {
    fn from(class: BankClassification) -> Self {
        match class {
            BankClassification::Fees => BankLineStatus::Fees,
            BankClassification::Transfer => BankLineStatus::Transfer,
            BankClassification::OtherIncome => BankLineStatus::OtherIncome,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000b9",
    "statement_id": "0196f5a0-0000-7000-8000-0000000000b8", "line_no": 2,
    "booked_on": "2026-12-04", "amount": "333.33",
    "description": "PIX RECEBIDO DISTRIBUIDORA SUL", "reference": "1042-2",
    "status": "settled", "order_id": "0196f5a0-0000-7000-8000-0000000000b1",
    "order_number": 1042, "candidates": 0,
    "created_at": "2026-12-05T09:00:00Z", "version": 1
}))]
pub struct BankLineOut {
    pub id: Uuid,
    pub statement_id: Uuid,
    /// Its line in the imported file (the header is line 1).
    pub line_no: i32,
    pub booked_on: NaiveDate,
    /// Money in (positive) or out (negative).
    #[schema(value_type = String)]
    pub amount: Decimal,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub status: BankLineStatus,
    /// Settled: the order it paid; proposed: the order it looks like paying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_number: Option<i64>,
    /// Open instalments its amount and date fit: 2 or more is ambiguous.
    pub candidates: i32,
    pub created_at: DateTime<Utc>,
    pub version: i32,
}

/// What importing a statement did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "statement_id": "0196f5a0-0000-7000-8000-0000000000b8",
    "lines": 3, "already_imported": 0, "settled": 1, "proposed": 0, "unmatched": 2
}))]
pub struct BankImportOut {
    pub statement_id: Uuid,
    /// Lines in the file.
    pub lines: usize,
    /// Lines imported before (the same statement, or an overlapping one): left as they were.
    pub already_imported: usize,
    pub settled: usize,
    pub proposed: usize,
    pub unmatched: usize,
}

/// Filters of `GET /finance/bank-lines`, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BankLineQuery {
    pub status: Option<BankLineStatus>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// Matching a line to the order it pays: recorded as its payment.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BankMatchIn {
    pub order_id: Uuid,
}

/// Saying what a line that pays no order is.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BankClassifyIn {
    #[serde(rename = "as")]
    pub class: BankClassification,
}
