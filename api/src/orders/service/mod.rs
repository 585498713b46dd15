pub mod customer;
pub mod delivery;
mod moves;
pub mod order;
pub mod payment;
mod place;
pub mod progress;
pub mod settings;
pub mod summary;
