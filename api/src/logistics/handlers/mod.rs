//! `/logistics/…`.

pub mod carrier;
pub mod transit;
