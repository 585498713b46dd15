//! Who is calling and what they may do: the `Principal`, the permission table (the union of
//! the modules' rows), access tokens and the caches of members' roles and API keys. A leaf every module may use; making a principal
//! from a request (the extractors) is `auth`'s.

pub mod fresh_cache;
pub mod jwt;
pub mod permission;
pub mod principal;

pub use permission::Permission;
pub use principal::{Actor, Forbidden, OptionalPrincipal, Principal, request_id_of};
