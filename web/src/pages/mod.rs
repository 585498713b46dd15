//! One folder per module; each adds its routes in `app.rs`.

pub mod auth;
pub mod catalog;
pub mod dashboard;
pub mod orders;
