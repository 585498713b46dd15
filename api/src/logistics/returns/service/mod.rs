//! Returns' services: the store's rules, requesting, reviewing, receiving and resolving a
//! return, reading them, their rates, and the customer's signed link.

pub mod rates;
pub mod read;
pub mod receive;
pub mod request;
pub mod resolve;
pub mod review;
pub mod settings;
pub mod token;
