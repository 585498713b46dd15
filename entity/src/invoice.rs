//! `invoices`: invoices and credit notes, numbered per store and series, never changed once
//! issued but for their fiscal status.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;
use crate::closed_sets::{Currency, FiscalStatus, InvoiceKind};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: InvoiceKind,
    pub series: String,
    pub number: i64,
    pub order_id: Uuid,
    pub order_number: i64,
    /// A credit note's invoice.
    pub credits_invoice_id: Option<Uuid>,
    pub reason: Option<String>,
    pub customer_id: Uuid,
    /// The billed party as it was: name, email, tax id and address (`BilledParty`).
    pub billed: Json,
    pub currency: Currency,
    #[sea_orm(column_type = "Decimal(None)")]
    pub subtotal: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub discount: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub shipping_fee: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub tax_total: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub total: Amount,
    /// An invoice's: what its credit notes gave back.
    #[sea_orm(column_type = "Decimal(None)")]
    pub credited: Amount,
    pub fiscal_status: FiscalStatus,
    pub access_key: Option<String>,
    pub fiscal_updated_at: Option<DateTimeUtc>,
    pub issued_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
