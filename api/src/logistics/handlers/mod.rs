//! `/logistics/…`.

pub mod carrier;
pub mod handling;
pub mod transit;
