//! Finance: invoices and credit notes, customers' credit, receivables and gateways' payment
//! notifications (and, to come, dunning, reconciliation, payables, cash flow and margins).

mod bank;
mod cash_flow;
mod credit;
mod dunning;
mod invoice;
mod margin;
mod notification;
mod payable;
mod receivable;

pub use bank::*;
pub use cash_flow::*;
pub use credit::*;
pub use dunning::*;
pub use invoice::*;
pub use margin::*;
pub use notification::*;
pub use payable::*;
pub use receivable::*;
