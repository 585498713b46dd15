//! `webhook_endpoints`: where a store's events are delivered, and the secret that signs them,
//! kept sealed (`api::sealed`), never readable in the database.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::DisabledReason;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_endpoints")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub url: String,
    /// Space-separated event names and families (`order.*`).
    pub events: String,
    pub description: Option<String>,
    pub enabled: bool,
    pub disabled_reason: Option<DisabledReason>,
    pub secret_sealed: String,
    /// The secret before the last rotation, which signs too until `previous_valid_until`.
    pub previous_secret_sealed: Option<String>,
    pub previous_valid_until: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
