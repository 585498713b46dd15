//! Tenancy services: the store and its settings, members, invitations.

pub mod calendar;
pub mod invitation;
pub mod member;
pub mod tenant;
