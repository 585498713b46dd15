//! Invoices and credit notes: issued from orders, numbered per store and series without
//! gaps, never changed once issued but for their fiscal status.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::checks;
use crate::orders::Address;
use crate::tenancy::Currency;

/// An invoice, or a credit note that corrects one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    Invoice,
    CreditNote,
}

/// Where the fiscal document (NF-e) of an invoice stands, as the integration that sends it
/// to SEFAZ reports: `not_sent` until it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum FiscalStatus {
    NotSent,
    /// Sent, waiting for the authority's answer.
    Pending,
    Authorized,
    Rejected,
    Cancelled,
}

/// Who was billed, as they were when the invoice was issued.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct BilledParty {
    pub customer_id: Uuid,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// CPF or CNPJ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    pub address: Address,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct InvoiceLineOut {
    pub id: Uuid,
    pub line_no: i32,
    /// The order line it bills.
    pub order_line_id: Uuid,
    /// On a credit note: the invoice line it corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits_line_id: Option<Uuid>,
    pub sku: String,
    pub name: String,
    pub quantity: i64,
    #[schema(value_type = String)]
    pub unit_price: Decimal,
    /// The line's own discount and its share of the order's.
    #[schema(value_type = String)]
    pub discount: Decimal,
    /// Taxes recorded on the line (prices include them; none is computed today).
    #[schema(value_type = String)]
    pub tax: Decimal,
    /// quantity × unit price − discount.
    #[schema(value_type = String)]
    pub total: Decimal,
}

/// The fiscal document's key and status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FiscalOut {
    pub status: FiscalStatus,
    /// The NF-e access key: 44 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[schema(example = json!({
    "id": "0196f5a0-0000-7000-8000-0000000000e1",
    "kind": "invoice", "series": "1", "number": 42, "reference": "1-42",
    "order_id": "0196f5a0-0000-7000-8000-0000000000b1", "order_number": 1042,
    "billed": {
        "customer_id": "0196f5a0-0000-7000-8000-0000000000c1", "name": "Ana Souza",
        "email": "ana@example.com.br", "tax_id": "529.982.247-25",
        "address": { "street": "Avenida Paulista", "number": "1578", "city": "São Paulo",
                     "state": "SP", "postal_code": "01310-200", "country": "BR" }
    },
    "currency": "BRL",
    "lines": [{
        "id": "0196f5a0-0000-7000-8000-0000000000e2", "line_no": 1,
        "order_line_id": "0196f5a0-0000-7000-8000-0000000000b2",
        "sku": "CAM-P", "name": "Camiseta (P)", "quantity": 2, "unit_price": "49.90",
        "discount": "0.00", "tax": "0.00", "total": "99.80"
    }],
    "subtotal": "99.80", "discount": "0.00", "shipping_fee": "20.00", "tax_total": "0.00",
    "total": "119.80", "credited": "0.00",
    "fiscal": { "status": "not_sent" },
    "issued_at": "2026-09-02T15:40:00Z",
    "version": 1
}))]
pub struct InvoiceOut {
    pub id: Uuid,
    pub kind: InvoiceKind,
    pub series: String,
    /// Gapless per store and series, invoices and credit notes alike: 1, 2, …
    pub number: i64,
    /// `<series>-<number>`, as printed.
    pub reference: String,
    pub order_id: Uuid,
    pub order_number: i64,
    /// On a credit note: the invoice it corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits_invoice_id: Option<Uuid>,
    /// On a credit note: why it was issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub billed: BilledParty,
    pub currency: Currency,
    pub lines: Vec<InvoiceLineOut>,
    /// The lines' totals.
    #[schema(value_type = String)]
    pub subtotal: Decimal,
    /// The order's own discount (the lines' discounts are in their totals).
    #[schema(value_type = String)]
    pub discount: Decimal,
    #[schema(value_type = String)]
    pub shipping_fee: Decimal,
    #[schema(value_type = String)]
    pub tax_total: Decimal,
    /// subtotal − discount + shipping fee.
    #[schema(value_type = String)]
    pub total: Decimal,
    /// On an invoice: what its credit notes gave back so far.
    #[schema(value_type = String)]
    pub credited: Decimal,
    pub fiscal: FiscalOut,
    pub issued_at: DateTime<Utc>,
    pub version: i32,
}

/// Issuing the invoice of a paid order by hand (a paid order gets one by itself; this is
/// for orders paid before finance billed them).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct InvoiceIn {
    pub order_id: Uuid,
}

/// A line of an invoice to credit, and how many of its units.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreditLineIn {
    pub invoice_line_id: Uuid,
    #[validate(custom(function = "checks::positive"), range(max = 1_000_000))]
    #[schema(minimum = 1, maximum = 1_000_000)]
    pub quantity: i64,
}

/// A credit note for an invoice: the lines given back, or (without `lines`) all that is
/// not credited yet, shipping included.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CreditNoteIn {
    #[validate(length(min = 1, max = 500))]
    #[schema(
        min_length = 1,
        max_length = 500,
        example = "Produto devolvido com defeito"
    )]
    pub reason: String,
    #[serde(default)]
    #[validate(length(min = 1, max = 200), nested)]
    #[schema(min_items = 1, max_items = 200)]
    pub lines: Option<Vec<CreditLineIn>>,
    /// With `lines`: also give back the shipping fee not credited yet.
    #[serde(default)]
    pub include_shipping: bool,
}

/// What the fiscal integration reports of an invoice's NF-e.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct FiscalIn {
    pub status: FiscalStatus,
    /// The access key, its check digit right (modulo 11). Required once `authorized`.
    #[serde(default)]
    #[validate(custom(function = "checks::fiscal_access_key"))]
    #[schema(
        pattern = "^[0-9]{44}$",
        example = "35261112345678000190550010000000011000000016"
    )]
    pub access_key: Option<String>,
}

/// Filters of `GET /finance/invoices`, newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema, Validate, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct InvoiceQuery {
    pub kind: Option<InvoiceKind>,
    pub order_id: Option<Uuid>,
    pub customer_id: Option<Uuid>,
    pub fiscal_status: Option<FiscalStatus>,
    #[validate(range(min = 1, max = 200))]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

/// An invoice or credit note was issued.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct InvoiceIssued {
    pub invoice_id: Uuid,
    pub order_id: Uuid,
}
