//! Support: tickets (a customer's request and its thread of messages), email in and out, and
//! the store's support settings.

mod canned;
mod ticket;

pub use canned::{
    CannedReplyIn, CannedReplyOut, CannedReplyPatch, CannedReplyQuery, ReplyPreviewIn,
    ReplyPreviewOut,
};
pub use ticket::{
    AnswerKind, AttachmentIn, AttachmentOut, InboundOut, InboundOutcome, SupportSettingsIn,
    SupportSettingsOut, TicketChannel, TicketIn, TicketMessageIn, TicketMessageKind,
    TicketMessageOut, TicketMessageQuery, TicketOut, TicketPatch, TicketPriority, TicketQuery,
    TicketStatus,
};
