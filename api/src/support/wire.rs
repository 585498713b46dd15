//! The types the support desk's routes take and answer, for the document tests
//! (`crate::module::wire`).

use openapi::{Page, support};

use crate::module::wire::WireTypes;

pub fn types(types: &mut WireTypes) {
    types
        .body::<support::TicketIn>()
        .body::<support::TicketPatch>()
        .body::<support::TicketMessageIn>()
        .body::<support::SupportSettingsIn>()
        .answer::<support::TicketOut>()
        .answer::<Page<support::TicketOut>>()
        .answer::<support::TicketMessageOut>()
        .answer::<Page<support::TicketMessageOut>>()
        .answer::<support::InboundOut>()
        .answer::<support::SupportSettingsOut>()
        .body::<support::CannedReplyIn>()
        .body::<support::CannedReplyPatch>()
        .body::<support::ReplyPreviewIn>()
        .answer::<support::CannedReplyOut>()
        .answer::<Page<support::CannedReplyOut>>()
        .answer::<support::ReplyPreviewOut>()
        .query::<support::CannedReplyQuery>()
        .query::<support::TicketQuery>()
        .query::<support::TicketMessageQuery>();
}
