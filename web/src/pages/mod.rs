//! One folder per module; each adds its routes in `app.rs` and its link in `components::Nav`.

pub mod audit;
pub mod auth;
pub mod catalog;
pub mod customers;
pub mod dashboard;
pub mod inventory;
pub mod orders;
pub mod purchasing;
pub mod search;
pub mod settings;
