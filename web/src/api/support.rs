//! `/support…`: the store's tickets, their threads, an agent's answers and notes, and the
//! canned replies that fill one in.

use openapi::Page;
use openapi::support::{
    CannedReplyOut, ReplyPreviewIn, ReplyPreviewOut, TicketMessageIn, TicketMessageOut, TicketOut,
    TicketStatus,
};
use openapi::tenancy::Locale;
use openapi::wire::name as wire;
use uuid::Uuid;

use super::{ApiError, Query, get, post};
use crate::session::Session;

const BASE: &str = "/support/tickets";

/// What the inbox shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TicketFilter {
    pub status: Option<TicketStatus>,
    pub mine: Option<Uuid>,
    pub q: Option<String>,
}

/// A page of the store's tickets, newest first.
pub async fn tickets(
    session: Session,
    filter: &TicketFilter,
    cursor: Option<String>,
) -> Result<Page<TicketOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("status", filter.status.map(|s| wire(&s)))
        .opt("assignee_id", filter.mine)
        .opt("q", filter.q.clone().filter(|q| !q.trim().is_empty()))
        .opt("cursor", cursor)
        .path(BASE);
    get(session, &path).await
}

pub async fn ticket(session: Session, id: Uuid) -> Result<TicketOut, ApiError> {
    get(session, &format!("{BASE}/{id}")).await
}

/// The whole thread, oldest first (up to 200 messages).
pub async fn messages(session: Session, id: Uuid) -> Result<Page<TicketMessageOut>, ApiError> {
    get(session, &format!("{BASE}/{id}/messages?limit=200")).await
}

pub async fn add_message(
    session: Session,
    id: Uuid,
    input: &TicketMessageIn,
) -> Result<TicketMessageOut, ApiError> {
    post(session, &format!("{BASE}/{id}/messages"), input).await
}

/// The store's canned replies in one language.
pub async fn canned_replies(
    session: Session,
    locale: Locale,
) -> Result<Page<CannedReplyOut>, ApiError> {
    let path = Query::new()
        .set("limit", 200)
        .set("locale", wire(&locale))
        .path("/support/canned-replies");
    get(session, &path).await
}

/// A canned reply filled in for the ticket.
pub async fn reply_preview(
    session: Session,
    id: Uuid,
    canned_reply_id: Uuid,
) -> Result<ReplyPreviewOut, ApiError> {
    let input = ReplyPreviewIn { canned_reply_id };
    post(session, &format!("{BASE}/{id}/reply-preview"), &input).await
}
