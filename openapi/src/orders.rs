//! Customers, orders and their lines, verification findings, the order's states, payments and
//! refunds.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{KnownFormat, SchemaFormat, SchemaType, Type};
use utoipa::openapi::{AllOfBuilder, ArrayBuilder, ObjectBuilder, Ref};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::checks;
use crate::tenancy::{Currency, Locale};

/// A postal address. Customers' addresses must be complete and have a postal code of their
/// country's form; an order's shipping address is checked when the order is placed and, when
/// it falls short, holds the order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Who receives, when not the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub recipient: Option<String>,
    #[validate(length(max = 200))]
    #[schema(max_length = 200, example = "Avenida Paulista")]
    pub street: String,
    #[validate(length(max = 20))]
    #[schema(max_length = 20, example = "1578")]
    pub number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub complement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub district: Option<String>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100, example = "São Paulo")]
    pub city: String,
    /// State or province (UF in Brazil).
    #[validate(length(max = 60))]
    #[schema(max_length = 60, example = "SP")]
    pub state: String,
    #[validate(length(max = 12))]
    #[schema(max_length = 12, example = "01310-200")]
    pub postal_code: String,
    /// ISO 3166 alpha-2.
    #[validate(custom(function = "checks::country"))]
    #[schema(pattern = "^[A-Z]{2}$", example = "BR")]
    pub country: String,
}

impl Address {
    /// The parts a carrier needs that are empty.
    pub fn missing_parts(&self) -> Vec<&'static str> {
        [
            ("street", &self.street),
            ("number", &self.number),
            ("city", &self.city),
            ("state", &self.state),
            ("postal_code", &self.postal_code),
        ]
        .into_iter()
        .filter(|(_, value)| value.trim().is_empty())
        .map(|(name, _)| name)
        .collect()
    }
}

/// A customer's address must be complete and its postal code well-formed.
fn complete_address(address: &Address) -> Result<(), ValidationError> {
    if let Some(part) = address.missing_parts().first() {
        let mut error = ValidationError::new("incomplete");
        error.message = Some(format!("{part} is empty").into());
        return Err(error);
    }
    if !checks::postal_code_fits(&address.country, &address.postal_code) {
        let mut error = ValidationError::new("postal_code");
        error.message = Some(
            format!(
                "postal_code `{}` is not of the form used in {}",
                address.postal_code, address.country
            )
            .into(),
        );
        return Err(error);
    }
    Ok(())
}

/// What `valid_tags` checks, as a schema: up to 20 tags of 1 to 40 characters, not all blank.
fn tags_schema() -> utoipa::openapi::Array {
    let tag = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(40))
        .pattern(Some(r"\S"));
    ArrayBuilder::new().items(tag).max_items(Some(20)).build()
}

fn optional_tags_schema() -> utoipa::openapi::Array {
    let mut schema = tags_schema();
    schema.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    schema
}

/// What `complete_addresses` checks, as far as a schema says it: up to 10 addresses whose
/// parts a carrier needs are not blank (a postal code's form per country it cannot say).
fn addresses_schema() -> utoipa::openapi::Array {
    let not_blank = || {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r"\S"))
    };
    let parts = ["street", "number", "city", "state", "postal_code"]
        .into_iter()
        .fold(ObjectBuilder::new(), |parts, part| {
            parts.property(part, not_blank())
        });
    let address = AllOfBuilder::new()
        .item(Ref::from_schema_name("Address"))
        .item(parts);
    ArrayBuilder::new()
        .items(address)
        .max_items(Some(10))
        .build()
}

fn optional_addresses_schema() -> utoipa::openapi::Array {
    let mut schema = addresses_schema();
    schema.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    schema
}

fn complete_addresses(addresses: &[Address]) -> Result<(), ValidationError> {
    addresses.iter().try_for_each(complete_address)
}

fn valid_tags(tags: &[String]) -> Result<(), ValidationError> {
    let fits = |tag: &String| !tag.trim().is_empty() && tag.chars().count() <= 40;
    if tags.len() > 20 || !tags.iter().all(fits) {
        let mut error = ValidationError::new("tags");
        error.message = Some("at most 20 tags of 1 to 40 characters".into());
        return Err(error);
    }
    Ok(())
}

/// A new customer. The tax id is checked (CPF/CNPJ check digits) when the country is BR.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[validate(schema(function = "brazilian_tax_id", skip_on_field_errors = false))]
pub struct CustomerIn {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, example = "Ana Souza")]
    pub name: String,
    #[serde(default)]
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254, example = "ana@example.com.br")]
    pub email: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 40))]
    #[schema(min_length = 1, max_length = 40)]
    pub phone: Option<String>,
    /// CPF or CNPJ in Brazil; any tax id elsewhere.
    #[serde(default)]
    #[validate(length(min = 1, max = 32))]
    #[schema(min_length = 1, max_length = 32, example = "529.982.247-25")]
    pub tax_id: Option<String>,
    /// ISO 3166 alpha-2; `BR` when absent.
    #[serde(default)]
    #[validate(custom(function = "checks::country"))]
    #[schema(pattern = "^[A-Z]{2}$")]
    pub country: Option<String>,
    /// The language of the emails the customer receives; the store's when absent.
    #[serde(default)]
    pub locale: Option<Locale>,
    #[serde(default)]
    pub marketing_consent: bool,
    #[serde(default)]
    #[validate(custom(function = "valid_tags"))]
    #[schema(schema_with = tags_schema)]
    pub tags: Vec<String>,
    #[serde(default)]
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
    #[serde(default)]
    #[validate(length(max = 10), nested, custom(function = "complete_addresses"))]
    #[schema(schema_with = addresses_schema)]
    pub addresses: Vec<Address>,
}

fn brazilian_tax_id(customer: &CustomerIn) -> Result<(), ValidationError> {
    check_tax_id(customer.country.as_deref(), customer.tax_id.as_deref())
}

/// In Brazil a tax id must be a valid CPF or CNPJ.
pub fn check_tax_id(country: Option<&str>, tax_id: Option<&str>) -> Result<(), ValidationError> {
    match (country.unwrap_or("BR"), tax_id) {
        ("BR", Some(id)) => checks::cpf_or_cnpj(id).map_err(|mut error| {
            error.code = "tax_id".into();
            error
        }),
        _ => Ok(()),
    }
}

/// Changes to a customer; absent fields stay as they are.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CustomerPatch {
    #[serde(default)]
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    #[serde(default)]
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 40))]
    #[schema(min_length = 1, max_length = 40)]
    pub phone: Option<String>,
    #[serde(default)]
    #[validate(length(min = 1, max = 32))]
    #[schema(min_length = 1, max_length = 32)]
    pub tax_id: Option<String>,
    #[serde(default)]
    #[validate(custom(function = "checks::country"))]
    #[schema(pattern = "^[A-Z]{2}$")]
    pub country: Option<String>,
    #[serde(default)]
    pub locale: Option<Locale>,
    #[serde(default)]
    pub marketing_consent: Option<bool>,
    #[serde(default)]
    #[validate(custom(function = "valid_tags"))]
    #[schema(schema_with = optional_tags_schema)]
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
    #[serde(default)]
    #[validate(length(max = 10), nested, custom(function = "complete_addresses"))]
    #[schema(schema_with = optional_addresses_schema)]
    pub addresses: Option<Vec<Address>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000007",
    "name": "Ana Souza",
    "email": "ana@example.com.br",
    "phone": "+55 11 91234-5678",
    "tax_id": "529.982.247-25",
    "country": "BR",
    "locale": "pt-BR",
    "marketing_consent": true,
    "marketing_consent_at": "2026-10-05T18:12:40Z",
    "tags": ["vip"],
    "notes": "Prefere entrega pela manhã.",
    "addresses": [
        {
            "street": "Avenida Paulista",
            "number": "1578",
            "complement": "Apto 42",
            "district": "Bela Vista",
            "city": "São Paulo",
            "state": "SP",
            "postal_code": "01310-200",
            "country": "BR"
        }
    ],
    "orders_count": 3,
    "lifetime_value": [{ "currency": "BRL", "amount": "412.60" }],
    "version": 4,
    "created_at": "2026-10-05T18:12:40Z"
}))]
pub struct CustomerOut {
    pub id: Uuid,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    pub country: String,
    pub locale: Locale,
    pub marketing_consent: bool,
    /// When consent was last given or withdrawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketing_consent_at: Option<DateTime<Utc>>,
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    pub addresses: Vec<Address>,
    /// Orders placed, cancelled ones included.
    pub orders_count: i64,
    /// Paid less refunded over all orders, per currency (one entry for each currency the
    /// customer's orders were in, by currency code; none before the first order). Amounts
    /// of different currencies are never added up.
    pub lifetime_value: Vec<MoneyOut>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
}

/// An amount in its currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({ "currency": "BRL", "amount": "412.60" }))]
pub struct MoneyOut {
    pub currency: Currency,
    #[schema(value_type = String, example = "412.60")]
    pub amount: Decimal,
}

/// Filters of `GET /customers`, by name.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CustomerQuery {
    /// Finds by name, email or tax id; ignores case, accents and punctuation of tax ids.
    #[validate(length(min = 1, max = 100))]
    #[param(min_length = 1, max_length = 100)]
    pub q: Option<String>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// Where an order stands. The allowed moves are one table in the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    PendingPayment,
    OnHold,
    Paid,
    Fulfilling,
    Shipped,
    Delivered,
    Completed,
    /// Everything received was refunded after the order was paid.
    Refunded,
    Cancelled,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 9] = [
        OrderStatus::PendingPayment,
        OrderStatus::OnHold,
        OrderStatus::Paid,
        OrderStatus::Fulfilling,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Refunded,
        OrderStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "pending_payment",
            OrderStatus::OnHold => "on_hold",
            OrderStatus::Paid => "paid",
            OrderStatus::Fulfilling => "fulfilling",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Completed => "completed",
            OrderStatus::Refunded => "refunded",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// The customer of a new order: an existing one, or a new one created with the order.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OrderCustomerIn {
    #[serde(default)]
    pub id: Option<Uuid>,
    #[serde(default)]
    #[validate(nested)]
    pub new: Option<CustomerIn>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OrderLineIn {
    pub variant_id: Uuid,
    #[validate(custom(function = "checks::positive"), range(max = 100_000))]
    #[schema(minimum = 1, maximum = 100_000)]
    pub quantity: i64,
    /// Price per unit; the catalog price when absent.
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "89.90")]
    pub unit_price: Option<Decimal>,
    /// Taken off this line's total.
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "0")]
    pub discount: Option<Decimal>,
}

/// A new order. The server computes every total; a client-sent total is refused.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct OrderIn {
    #[validate(nested)]
    pub customer: OrderCustomerIn,
    pub channel_id: Uuid,
    #[validate(length(min = 1, max = 100), nested)]
    #[schema(min_items = 1, max_items = 100)]
    pub lines: Vec<OrderLineIn>,
    #[validate(nested)]
    pub shipping_address: Address,
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "19.90")]
    pub shipping_fee: Option<Decimal>,
    /// Taken off the order's subtotal.
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "10.00")]
    pub discount: Option<Decimal>,
    #[serde(default)]
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrderLineOut {
    pub id: Uuid,
    pub variant_id: Uuid,
    pub sku: String,
    pub name: String,
    pub quantity: i64,
    #[schema(value_type = String)]
    pub unit_price: Decimal,
    #[schema(value_type = String)]
    pub discount: Decimal,
    /// unit price × quantity − discount, half-even to the currency's minor unit.
    #[schema(value_type = String)]
    pub total: Decimal,
    /// Where the units are reserved (and picked from).
    pub location_id: Uuid,
}

/// One thing verification found wrong with an order; it holds the order until staff decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Finding {
    /// `tax_id`, `address`, `email`, `duplicate` or `first_order_value`.
    pub check: String,
    /// In words, in the reader's language: `Accept-Language`, else the store's.
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000009",
    "number": 1001,
    "reference": "#1001",
    "customer_id": "0196f5a0-0000-7000-8000-000000000007",
    "customer_name": "Ana Souza",
    "channel_id": "0196f5a0-0000-7000-8000-000000000006",
    "status": "paid",
    "allowed_transitions": ["fulfilling", "cancelled"],
    "currency": "BRL",
    "lines": [
        {
            "id": "0196f5a0-0000-7000-8000-000000000016",
            "variant_id": "0196f5a0-0000-7000-8000-000000000001",
            "sku": "CAM-P",
            "name": "Camiseta Básica (branca, P)",
            "quantity": 2,
            "unit_price": "59.90",
            "discount": "0.00",
            "total": "119.80",
            "location_id": "0196f5a0-0000-7000-8000-000000000002"
        }
    ],
    "subtotal": "119.80",
    "discount": "0.00",
    "shipping_fee": "19.90",
    "total": "139.70",
    "paid": "139.70",
    "refunded": "0.00",
    "balance_due": "0.00",
    "shipping_address": {
        "street": "Avenida Paulista",
        "number": "1578",
        "complement": "Apto 42",
        "district": "Bela Vista",
        "city": "São Paulo",
        "state": "SP",
        "postal_code": "01310-200",
        "country": "BR"
    },
    "findings": [],
    "note": "Embrulhar para presente.",
    "version": 3,
    "created_at": "2026-11-20T14:03:11Z",
    "paid_at": "2026-11-20T14:07:52Z"
}))]
pub struct OrderOut {
    pub id: Uuid,
    /// Gapless per store: 1001, 1002, …
    pub number: i64,
    /// `#<number>`.
    pub reference: String,
    pub customer_id: Uuid,
    pub customer_name: String,
    pub channel_id: Uuid,
    pub status: OrderStatus,
    /// The states staff may move the order to now (payments move it to `paid`).
    pub allowed_transitions: Vec<OrderStatus>,
    pub currency: Currency,
    pub lines: Vec<OrderLineOut>,
    #[schema(value_type = String)]
    pub subtotal: Decimal,
    #[schema(value_type = String)]
    pub discount: Decimal,
    #[schema(value_type = String)]
    pub shipping_fee: Decimal,
    #[schema(value_type = String)]
    pub total: Decimal,
    #[schema(value_type = String)]
    pub paid: Decimal,
    #[schema(value_type = String)]
    pub refunded: Decimal,
    /// total − paid, never below 0.
    #[schema(value_type = String)]
    pub balance_due: Decimal,
    pub shipping_address: Address,
    /// What verification found; the reasons an order is on hold.
    pub findings: Vec<Finding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// Filters of `GET /orders`, newest first. `status=on_hold` is the list of held orders.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OrderQuery {
    pub status: Option<OrderStatus>,
    pub customer_id: Option<Uuid>,
    pub channel_id: Option<Uuid>,
    /// An order number (`1001` or `#1001`) or part of the customer's name.
    #[validate(length(min = 1, max = 100))]
    #[param(min_length = 1, max_length = 100)]
    pub q: Option<String>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// Moves an order to another state.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TransitionIn {
    pub to: OrderStatus,
    /// Why; kept on the timeline (e.g. the reason of a cancellation).
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub reason: Option<String>,
}

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

fn positive_money(value: &Decimal) -> Result<(), ValidationError> {
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

/// One entry of an order's timeline.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-000000000017",
    "kind": "fulfilling",
    "from_status": "paid",
    "to_status": "fulfilling",
    "message": "De pago para em separação.",
    "actor_id": "0196f5a0-0000-7000-8000-00000000000b",
    "at": "2026-11-20T15:30:00Z"
}))]
pub struct TimelineEntryOut {
    pub id: Uuid,
    /// `placed`, `held`, `released`, `payment`, `refund`, or the state moved to.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_status: Option<OrderStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_status: Option<OrderStatus>,
    /// What happened, in words, in the reader's language: `Accept-Language`, else the
    /// store's.
    pub message: String,
    /// The member or key that did it; absent for the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<Uuid>,
    pub at: DateTime<Utc>,
}

/// The store's order rules and whom the team's notifications go to.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "first_order_hold_above": "1000.00",
    "staff_emails": ["pedidos@lojaexemplo.com.br"],
    "reply_to": "contato@lojaexemplo.com.br"
}))]
pub struct OrderSettings {
    /// A new customer's first order above this total waits on hold; no limit when absent.
    #[serde(default)]
    #[validate(custom(function = "checks::money"))]
    #[serde(deserialize_with = "checks::plain_decimal_opt")]
    #[schema(pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,4})?$", value_type = Option<String>, example = "1000.00")]
    pub first_order_hold_above: Option<Decimal>,
    /// Where staff notifications go (new paid orders, held orders); the owners when empty.
    #[serde(default)]
    #[validate(length(max = 20), custom(function = "emails"))]
    #[schema(schema_with = emails_schema)]
    pub staff_emails: Vec<String>,
    /// The reply-to address of emails to customers.
    #[serde(default)]
    #[validate(email)]
    #[schema(format = Email)]
    pub reply_to: Option<String>,
}

/// What `emails` and the list's length check: up to 20 email addresses.
fn emails_schema() -> utoipa::openapi::Array {
    let email = ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Email)));
    ArrayBuilder::new().items(email).max_items(Some(20)).build()
}

fn emails(list: &[String]) -> Result<(), ValidationError> {
    if list.iter().all(validator::ValidateEmail::validate_email) {
        Ok(())
    } else {
        let mut error = ValidationError::new("email");
        error.message = Some("every address must be an email address".into());
        Err(error)
    }
}

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
