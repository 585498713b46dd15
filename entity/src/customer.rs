//! `customers`: a store's customer: contact, tax id, addresses, language, consent.

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::amount::Amount;
use crate::closed_sets::Locale;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "customers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub tax_id: Option<String>,
    pub country: String,
    pub locale: Locale,
    pub marketing_consent: bool,
    pub marketing_consent_at: Option<DateTimeUtc>,
    pub tags: Json,
    pub notes: Option<String>,
    pub addresses: Json,
    pub search_text: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Credit terms: days after the invoice each instalment falls due (`[30, 60, 90]`);
    /// none: pays before fulfilment.
    pub payment_terms: Option<Json>,
    #[sea_orm(column_type = "Decimal(None)")]
    pub credit_limit: Option<Amount>,
    /// The member who answers for the customer (finance's block and unblock are told them).
    pub account_owner_id: Option<Uuid>,
    pub blocked_at: Option<DateTimeUtc>,
    /// Why (a message, `i18n`), and whether dunning blocked them: `{ "message", "automatic" }`.
    pub block_reason: Option<Json>,
    pub dunning_exempt: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
