//! `/logistics/…`.

pub mod carrier;
pub mod fulfilment;
pub mod handling;
pub mod tracking;
pub mod transit;
