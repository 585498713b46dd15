//! Payments and refunds.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::checks;
use crate::tenancy::Currency;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Pix,
    Boleto,
    Card,
    Cash,
    Transfer,
}

impl PaymentMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Pix => "pix",
            PaymentMethod::Boleto => "boleto",
            PaymentMethod::Card => "card",
            PaymentMethod::Cash => "cash",
            PaymentMethod::Transfer => "transfer",
        }
    }

    pub fn parse(text: &str) -> Option<PaymentMethod> {
        [
            PaymentMethod::Pix,
            PaymentMethod::Boleto,
            PaymentMethod::Card,
            PaymentMethod::Cash,
            PaymentMethod::Transfer,
        ]
        .into_iter()
        .find(|m| m.as_str() == text)
    }
}

/// A positive amount of money: `checks::money`, and not 0.
pub fn positive_money(value: &Decimal) -> Result<(), ValidationError> {
    checks::money(value)?;
    if value.is_zero() {
        let mut error = ValidationError::new("positive");
        error.message = Some("must be greater than 0".into());
        return Err(error);
    }
    Ok(())
}

/// A payment received for an order. A `reference` already recorded (a repeated gateway
/// notification) changes nothing and is answered as the first time.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct PaymentIn {
    pub method: PaymentMethod,
    #[validate(custom(function = "positive_money"))]
    #[serde(deserialize_with = "checks::plain_decimal")]
    #[schema(pattern = r"^0*([1-9][0-9]{0,11}(\.[0-9]{1,4})?|0\.([1-9][0-9]{0,3}|0[1-9][0-9]{0,2}|00[1-9][0-9]?|000[1-9]))$", value_type = String, example = "50.00")]
    pub amount: Decimal,
    /// The gateway's id of the payment, unique in the store.
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "pix-E1234567820261125")]
    pub reference: Option<String>,
    /// When the money arrived; now when absent.
    #[serde(default)]
    pub paid_at: Option<DateTime<Utc>>,
}

/// Money given back; never more than was paid and not yet refunded.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct RefundIn {
    #[validate(custom(function = "positive_money"))]
    #[serde(deserialize_with = "checks::plain_decimal")]
    #[schema(pattern = r"^0*([1-9][0-9]{0,11}(\.[0-9]{1,4})?|0\.([1-9][0-9]{0,3}|0[1-9][0-9]{0,2}|00[1-9][0-9]?|000[1-9]))$", value_type = String, example = "20.00")]
    pub amount: Decimal,
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-00000000000e",
    "order_id": "0196f5a0-0000-7000-8000-000000000009",
    "kind": "payment",
    "method": "pix",
    "amount": "139.70",
    "currency": "BRL",
    "reference": "pix-E1234567820261120",
    "paid_at": "2026-11-20T14:07:52Z",
    "created_at": "2026-11-20T14:07:53Z"
}))]
pub struct PaymentOut {
    pub id: Uuid,
    pub order_id: Uuid,
    /// `payment` or `refund`.
    pub kind: String,
    /// How the money came (payments); absent on refunds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<PaymentMethod>,
    #[schema(value_type = String)]
    pub amount: Decimal,
    pub currency: Currency,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub paid_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}
