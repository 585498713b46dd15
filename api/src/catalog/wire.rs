//! The types catalog's routes take and answer, for the document tests (`crate::module::wire`).

use openapi::{catalog, common};

use crate::module::wire::WireTypes;

pub fn types(types: &mut WireTypes) {
    types
        .body::<catalog::ChannelIn>()
        .body::<catalog::ChannelPatch>()
        .body::<catalog::KitComponentsIn>()
        .body::<catalog::ProductIn>()
        .body::<catalog::ProductPatch>()
        .body::<catalog::SupplierIn>()
        .body::<catalog::SupplierPatch>()
        .body::<catalog::SupplierVariantIn>()
        .body::<catalog::VariantIn>()
        .body::<catalog::VariantPatch>()
        .answer::<catalog::VariantOut>()
        .answer::<catalog::ProductOut>()
        .answer::<catalog::ChannelOut>()
        .answer::<catalog::SupplierOut>()
        .answer::<catalog::SupplierVariantOut>()
        .answer::<catalog::CatalogImportOut>()
        .query::<catalog::ChannelQuery>()
        .query::<catalog::NamedQuery>()
        .query::<catalog::ProductQuery>()
        .query::<catalog::VariantQuery>()
        .query::<common::ImportQuery>()
        .refuses::<catalog::VariantIn>("barcode", "a GTIN's check digit")
        .refuses::<catalog::VariantPatch>("barcode", "a GTIN's check digit")
        .refuses::<catalog::ProductIn>("variants[].barcode", "a GTIN's check digit");
}
