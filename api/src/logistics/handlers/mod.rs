//! `/logistics/…`.

pub mod carrier;
pub mod fulfilment;
pub mod handling;
pub mod shipment;
pub mod transit;
