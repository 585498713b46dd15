//! Customers, orders and their lines, verification findings, the order's states, payments and
//! refunds.

mod address;
pub(crate) mod customer;
mod order;
mod payment;
mod settings;
mod summary;

pub use address::Address;
pub use customer::{
    BlockOut, CustomerIn, CustomerOut, CustomerPatch, CustomerQuery, MoneyOut, check_tax_id,
};
pub use order::{
    Finding, OrderCustomerIn, OrderIn, OrderLineIn, OrderLineOut, OrderOut, OrderQuery,
    OrderStatus, TimelineEntryOut, TransitionIn,
};
pub use payment::{PaymentIn, PaymentMethod, PaymentOut, RefundIn, positive_money};
pub use settings::OrderSettings;
pub use summary::{DayOut, OrderSummaryOut, PeriodOut, StatusCountOut};
