//! Payables: supplier bills entered against received purchase orders and checked three ways
//! (`enter`), approved and paid (`settle`), read and aged (`read`).

pub mod enter;
pub mod read;
pub mod settle;
