//! Customer credit: the terms a customer buys on, the limit of what they may owe, the staff
//! member who answers for them, and whether they are blocked (and why).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::Type;
use utoipa::openapi::{ArrayBuilder, ObjectBuilder};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::checks;
use crate::orders::BlockOut;
use crate::tenancy::Currency;

/// The most instalments terms may have.
pub const MAX_INSTALMENTS: usize = 12;
/// The longest a term may run, in days after the invoice.
pub const MAX_TERM_DAYS: u16 = 365;

fn terms_schema() -> utoipa::openapi::Array {
    let day = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(1))
        .maximum(Some(MAX_TERM_DAYS));
    ArrayBuilder::new()
        .items(day)
        .max_items(Some(MAX_INSTALMENTS))
        .unique_items(true)
        .build()
}

/// At most 12 different days, each 1 to 365 (kept in rising order: the order the
/// instalments fall due in).
pub fn valid_terms(days: &[u16]) -> Result<(), ValidationError> {
    let in_range = days.iter().all(|d| (1..=MAX_TERM_DAYS).contains(d));
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    if days.len() > MAX_INSTALMENTS || !in_range || sorted.len() != days.len() {
        let mut error = ValidationError::new("payment_terms");
        error.message = Some(
            "at most 12 different days after the invoice, each 1 to 365 (such as 30, 60, 90)"
                .into(),
        );
        return Err(error);
    }
    Ok(())
}

/// A customer's credit, as finance sets it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "payment_terms": [30, 60, 90], "credit_limit": "5000.00",
    "account_owner_id": "0196f5a0-0000-7000-8000-0000000000a1", "dunning_exempt": false
}))]
pub struct CreditTermsIn {
    /// Days after the invoice each instalment falls due: `[30, 60, 90]`, `[28]` (kept in
    /// rising order). Empty: the customer pays before fulfilment, as any other.
    #[validate(custom(function = "valid_terms"))]
    #[schema(schema_with = terms_schema)]
    pub payment_terms: Vec<u16>,
    /// The most the customer may owe on terms, this order included; no limit when absent.
    #[serde(default, deserialize_with = "checks::plain_decimal_opt")]
    #[validate(custom(function = "checks::money"))]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "5000.00")]
    pub credit_limit: Option<Decimal>,
    /// The member who answers for the customer: told when they are blocked or unblocked.
    #[serde(default)]
    pub account_owner_id: Option<Uuid>,
    /// Never reminded, never blocked by dunning.
    #[serde(default)]
    pub dunning_exempt: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "customer_id": "0196f5a0-0000-7000-8000-0000000000c1", "customer_name": "Distribuidora Sul",
    "payment_terms": [30, 60, 90], "credit_limit": "5000.00",
    "account_owner_id": "0196f5a0-0000-7000-8000-0000000000a1", "dunning_exempt": false,
    "currency": "BRL", "open_receivables": "1250.00", "overdue": "0.00",
    "available_credit": "3750.00", "version": 3
}))]
pub struct CustomerCreditOut {
    pub customer_id: Uuid,
    pub customer_name: String,
    pub payment_terms: Vec<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub credit_limit: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_owner_id: Option<Uuid>,
    pub dunning_exempt: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<BlockOut>,
    /// The store's currency, which the sums are in.
    pub currency: Currency,
    /// What the customer owes on orders approved on terms, not yet paid.
    #[schema(value_type = String)]
    pub open_receivables: Decimal,
    /// Of which past its due date.
    #[schema(value_type = String)]
    pub overdue: Decimal,
    /// The limit less what is owed (never below zero); absent without a limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub available_credit: Option<Decimal>,
    /// The customer's version, for `If-Match`.
    pub version: i32,
}

/// Blocking or unblocking a customer by hand: why.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct BlockIn {
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500, example = "Cheque devolvido")]
    pub reason: String,
}

/// Filters of `GET /finance/customers`: customers with credit terms, a limit or a block.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CreditQuery {
    /// Only blocked customers (`true`) or only those not blocked (`false`).
    pub blocked: Option<bool>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}
