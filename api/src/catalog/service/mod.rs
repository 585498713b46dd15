//! Catalog services: products and their variants, suppliers, sales channels.

pub mod channel;
pub mod import_export;
pub mod import_rows;
pub mod kit;
pub mod product;
pub mod supplier;
pub mod variant;
