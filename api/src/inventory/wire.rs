//! The types inventory's routes take and answer, for the document tests (`crate::module::wire`).

use openapi::{common, inventory, tenancy};

use crate::module::wire::WireTypes;

pub fn types(types: &mut WireTypes) {
    types
        .body::<inventory::AdjustmentIn>()
        .body::<inventory::BufferIn>()
        .body::<inventory::CountIn>()
        .body::<inventory::LocationIn>()
        .body::<inventory::LocationPatch>()
        .body::<inventory::PurchaseOrderIn>()
        .body::<inventory::ReceiptIn>()
        .body::<inventory::ReorderPatch>()
        .body::<inventory::ReplenishmentOrderIn>()
        .body::<inventory::ReservationIn>()
        .body::<inventory::TransferIn>()
        .body::<inventory::UnsellableIn>()
        .answer::<inventory::LocationOut>()
        .answer::<inventory::StockLevelOut>()
        .answer::<inventory::StockChangeOut>()
        .answer::<inventory::ReservationOut>()
        .answer::<inventory::MovementOut>()
        .answer::<inventory::PurchaseOrderOut>()
        .answer::<inventory::ValuationOut>()
        .answer::<inventory::CountOut>()
        .answer::<inventory::BufferOut>()
        .answer::<inventory::AvailabilityOut>()
        .answer::<inventory::ReplenishmentOut>()
        .answer::<inventory::StockImportOut>()
        .query::<inventory::AvailabilityQuery>()
        .query::<inventory::MovementQuery>()
        .query::<inventory::PurchaseOrderQuery>()
        .query::<inventory::StockLevelQuery>()
        .query::<common::ImportQuery>()
        .query::<tenancy::PageQuery>()
        .refuses::<inventory::AdjustmentIn>("quantity", "0, which changes nothing");
}
