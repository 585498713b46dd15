//! `return_lines`: units of one order line given back, why, and what inspection made of them.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::amount::Amount;
use crate::closed_sets::ReasonKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "return_lines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub return_id: Uuid,
    pub order_line_id: Uuid,
    pub variant_id: Uuid,
    pub sku: String,
    pub quantity: i64,
    /// A code of the store's reasons when requested (the list may change later).
    pub reason: String,
    pub reason_kind: ReasonKind,
    pub comment: Option<String>,
    /// `["https://…"]`.
    pub photos: Json,
    #[sea_orm(column_type = "Decimal(None)")]
    pub value: Amount,
    pub restocked: i64,
    pub unsellable: i64,
    pub location_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
