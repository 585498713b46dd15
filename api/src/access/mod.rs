//! Who is calling and what they may do: the `Principal`, the permission table (the union of
//! the modules' rows), access tokens and the cache of members' roles. A leaf every module may use; making a principal
//! from a request (the extractors) is `auth`'s.

pub mod jwt;
pub mod permission;
pub mod principal;
pub mod role_cache;

pub use permission::Permission;
pub use principal::{Actor, Forbidden, OptionalPrincipal, Principal, request_id_of};
