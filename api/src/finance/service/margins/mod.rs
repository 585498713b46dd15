//! Contribution margin: each committed order line's (`commit`) and its roll-ups (`report`).

pub mod commit;
pub mod report;
