//! Invoices: issued from paid orders (`issue`), corrected by credit notes (`credit`), their
//! fiscal document reported by an integration (`fiscal`), read (`read`); gateways' payment
//! notifications (`notification`).

pub mod credit;
pub mod fiscal;
pub mod issue;
pub mod notification;
pub mod read;
