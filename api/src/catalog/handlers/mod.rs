//! HTTP handlers of the catalog, and the conversions of its rows into wire types.

pub mod channel;
pub mod import_export;
pub mod product;
pub mod supplier;
pub mod variant;
