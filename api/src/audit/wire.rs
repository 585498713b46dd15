//! The types audit's routes take and answer, for the document tests (`crate::module::wire`).

use openapi::audit;

use crate::module::wire::WireTypes;

pub fn types(types: &mut WireTypes) {
    types
        .answer::<audit::AuditEventOut>()
        .query::<audit::AuditEventQuery>();
}
