//! HTTP handlers of the tenancy module.

pub mod browser;
pub mod calendar;
pub mod invitation;
pub mod me;
pub mod member;
pub mod tenant;
