//! What automation does, below its routes.

pub mod attempt;
pub mod backoff;
pub mod destination;
pub mod endpoint;
pub mod flight;
pub mod log;
pub mod sender;
pub mod signature;
