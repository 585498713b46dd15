//! The support desk's work: tickets, their threads, answers, emails in, settings.

pub mod answer;
pub mod canned;
pub mod inbound;
pub mod settings;
pub mod thread;
pub mod ticket;
pub mod token;
