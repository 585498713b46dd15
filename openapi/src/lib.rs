//! The Retaguarda API contract: the request and response types of `/api/v1`, shared by the
//! server, the web app and the tests. Plain serde + utoipa + validator: no database, no HTTP
//! server, so it builds for wasm. With the `db` feature (the entities turn it on, the web app
//! does not) the closed sets the database stores as text (`Role`, `Locale`, `Currency`,
//! `EmailKind`, `Status`, `ChannelKind`, `LocationKind`, `OrderStatus`, `PaymentMethod`) are
//! also sea-orm `ActiveEnum`s: the entities' fields are these types, and an unknown stored value
//! is a decoding error, never a default.
//!
//! Naming: `XIn` creates, `XPatch` changes, `XOut` is returned, `XQuery` filters a list.

pub mod audit;
pub mod auth;
pub mod automation;
pub mod calendar;
pub mod catalog;
pub mod checks;
pub mod common;
pub mod events;
pub mod finance;
pub mod format;
pub mod inventory;
pub mod logistics;
pub mod mail;
pub mod orders;
pub mod support;
pub mod tenancy;
pub mod wire;

pub use common::{FieldError, Page, Problem, RowError};
