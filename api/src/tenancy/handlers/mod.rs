//! HTTP handlers of the tenancy module.

pub mod invitation;
pub mod member;
pub mod tenant;
