//! Invoices: issued from paid orders (`issue`), corrected by credit notes (`credit`), their
//! fiscal document reported by an integration (`fiscal`), read (`read`).

pub mod credit;
pub mod fiscal;
pub mod issue;
pub mod read;
