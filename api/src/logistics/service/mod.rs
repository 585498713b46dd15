//! Logistics' services: carriers and their services, transit tables, and the `Carrier` trait.

pub mod carrier;
pub mod cep;
pub mod fulfilment;
pub mod handling;
pub mod promise;
pub mod rates;
pub mod scorecard;
pub mod scorecard_days;
pub mod scorecard_recount;
pub mod scorecard_spans;
pub mod shipment;
pub mod tracking;
pub mod tracking_file;
pub mod transit;
