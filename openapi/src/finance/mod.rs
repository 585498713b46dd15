//! Finance: invoices and credit notes, customers' credit, receivables and gateways' payment
//! notifications (and, to come, dunning, reconciliation, payables, cash flow and margins).

mod credit;
mod dunning;
mod invoice;
mod notification;
mod receivable;

pub use credit::*;
pub use dunning::*;
pub use invoice::*;
pub use notification::*;
pub use receivable::*;
