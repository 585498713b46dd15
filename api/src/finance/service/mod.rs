//! Invoices: issued from paid orders and orders approved on terms (`issue`), corrected by
//! credit notes (`credit`), their fiscal document reported by an integration (`fiscal`),
//! read (`read`); their instalments (`instalments`) and what customers owe (`receivables`);
//! customers' credit and blocks (`customer_credit`); the dunning sweep (`dunning`); settling instalments after a payment
//! (`settlement`); gateways' payment notifications
//! (`notification`); bank statements reconciled (`bank`); each sold line's contribution margin
//! and its roll-ups (`margins`); supplier bills (`payables`); cash flow (`cash_flow`); the
//! store's settings (`settings`).

pub mod bank;
pub mod cash_flow;
pub mod credit;
pub mod customer_credit;
pub mod dunning;
pub mod fiscal;
pub mod instalments;
pub mod issue;
pub mod margins;
pub mod notification;
pub mod payables;
pub mod read;
pub mod receivables;
pub mod settings;
pub mod settlement;
