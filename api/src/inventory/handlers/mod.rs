//! HTTP handlers of inventory.

pub mod location;
pub mod purchase_order;
pub mod reservation;
pub mod stock;
