//! Finance: invoices and credit notes (and, to come, receivables, dunning, reconciliation,
//! payables, cash flow and margins).

mod invoice;
mod notification;

pub use invoice::*;
pub use notification::*;
