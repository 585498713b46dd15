//! Locations, stock levels, the movement ledger and reservations.

mod availability;
mod count;
mod location;
mod purchase_order;
mod replenishment;
mod reservation;
mod stock;

pub use availability::{
    AvailabilityOut, AvailabilityQuery, BufferIn, BufferOut, ChannelAvailabilityOut,
};
pub use count::{CountIn, CountLineIn, CountLineOut, CountOut, LocationValueOut, ValuationOut};
pub use location::{LocationIn, LocationKind, LocationOut, LocationPatch};
pub use purchase_order::{
    PurchaseOrderIn, PurchaseOrderLineIn, PurchaseOrderLineOut, PurchaseOrderOut,
    PurchaseOrderQuery, ReceiptIn, ReceiptLineIn,
};
pub use replenishment::{
    ReorderPatch, ReplenishmentGroupOut, ReplenishmentLineOut, ReplenishmentOrderIn,
    ReplenishmentOut,
};
pub use reservation::{ReservationIn, ReservationOut, Shortage};
pub use stock::{
    AdjustmentIn, AdjustmentReason, MovementOut, MovementQuery, StockChangeOut, StockImportOut,
    StockLevelOut, StockLevelQuery, TransferIn, UnsellableAction, UnsellableIn,
};
