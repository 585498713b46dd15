//! HTTP handlers of inventory.

pub mod availability;
pub mod import_export;
pub mod location;
pub mod purchase_order;
pub mod replenishment;
pub mod reservation;
pub mod stock;
