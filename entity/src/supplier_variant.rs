//! `supplier_variants`: a variant as a supplier sells it: their SKU and cost.

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::amount::Amount;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supplier_variants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub supplier_id: Uuid,
    pub variant_id: Uuid,
    pub supplier_sku: Option<String>,
    #[sea_orm(column_type = "Decimal(None)")]
    pub cost: Amount,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
