//! Products, variants, suppliers and sales channels.

mod channel;
mod product;
mod supplier;
mod variant;

pub use channel::{ChannelIn, ChannelKind, ChannelOut, ChannelPatch, ChannelQuery};
pub use product::{
    CatalogImportOut, ProductIn, ProductOut, ProductPatch, ProductQuery, ProductSort,
};
pub use supplier::{
    NamedQuery, SupplierIn, SupplierOut, SupplierPatch, SupplierVariantIn, SupplierVariantOut,
};
pub use variant::{
    KitComponentIn, KitComponentOut, KitComponentsIn, VariantIn, VariantOut, VariantPatch,
    VariantQuery,
};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `active` things can be sold and stocked; `archived` ones are kept for history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[cfg_attr(
    feature = "db",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(rs_type = "String", db_type = "Text", rename_all = "lowercase")
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Active,
    Archived,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Archived => "archived",
        }
    }
}
