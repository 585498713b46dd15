//! HTTP handlers of inventory.

pub mod location;
pub mod reservation;
pub mod stock;
