//! The support desk's routes.

pub mod canned;
pub mod inbound;
pub mod message;
pub mod settings;
pub mod ticket;
