//! Contribution margin: each committed order line's (`commit`), the roll-ups' read model
//! (`days`) and the roll-ups (`report`), summed as `sums`.

pub mod commit;
pub mod days;
pub mod report;
pub mod sums;
