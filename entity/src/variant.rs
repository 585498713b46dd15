//! `variants`: a sellable, stockable version of a product (one SKU).

use sea_orm::entity::prelude::*;

use crate::TenantId;

use crate::closed_sets::Status;

use crate::amount::Amount;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "variants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub product_id: Uuid,
    pub sku: String,
    pub barcode: Option<String>,
    /// Option name → value, e.g. `{"size": "M", "colour": "blue"}`.
    pub options: Json,
    #[sea_orm(column_type = "Decimal(None)")]
    pub price: Amount,
    #[sea_orm(column_type = "Decimal(None)")]
    pub cost: Amount,
    /// Weighted average cost of the units in stock.
    #[sea_orm(column_type = "Decimal(None)")]
    pub average_cost: Amount,
    pub weight_grams: Option<i32>,
    pub length_mm: Option<i32>,
    pub width_mm: Option<i32>,
    pub height_mm: Option<i32>,
    pub status: Status,
    /// Lower-cased, accent-free product name, SKU, barcode and options, for search.
    pub search_text: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
