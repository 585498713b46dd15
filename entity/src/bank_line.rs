//! `bank_lines`: a bank statement's lines, each imported once, and what they settled.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;
use crate::closed_sets::BankLineStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bank_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The import it came in.
    pub statement_id: Uuid,
    pub line_no: i32,
    pub booked_on: Date,
    /// Money in (positive) or out (negative).
    #[sea_orm(column_type = "Decimal(None)")]
    pub amount: Amount,
    pub description: String,
    pub reference: Option<String>,
    /// What makes the same line imported again recognised: its date, amount, reference,
    /// description and its place among equal lines of its file.
    pub fingerprint: String,
    pub status: BankLineStatus,
    /// Settled: the order it paid; proposed: the order it looks like paying.
    pub order_id: Option<Uuid>,
    pub payment_id: Option<Uuid>,
    /// Instalments its amount and date fit (0 when unknown, 2 or more when ambiguous).
    pub candidates: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
