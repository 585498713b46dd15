//! Inventory services. `ledger` is the one place stock levels change; the others call it.

pub mod buffer;
pub mod import_export;
pub mod ledger;
pub mod level;
pub mod location;
pub mod movement;
pub mod operation;
pub mod purchase_order;
pub mod replenishment;
pub mod reservation;
pub mod returned;
pub mod valuation;
