//! Rules: an event (the trigger), conditions on it and on what it is about, and actions run in
//! order, each retried on its own; their run log, dry runs, and the ready rules (templates).

pub mod act;
pub mod check;
pub mod dry_run;
pub mod evaluate;
pub mod facts;
pub mod fields;
pub mod log;
pub mod notify;
pub mod run;
pub mod store;
pub mod templates;
