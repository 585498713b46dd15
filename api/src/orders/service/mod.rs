pub mod customer;
pub mod order;
pub mod payment;
pub mod settings;
pub mod summary;
