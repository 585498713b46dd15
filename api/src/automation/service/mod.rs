//! What automation does, below its routes.

pub mod destination;
pub mod endpoint;
pub mod signature;
