//! Audit: its one table is written by every other module's changes.

use super::{ModuleTests, nothing};

pub const TESTS: ModuleTests = ModuleTests {
    name: "audit",
    fixtures: &[],
    fill: nothing,
    query_ids: &[("entity_id", "customer"), ("actor_id", "user")],
    ..super::NONE
};
