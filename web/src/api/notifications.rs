//! `/notifications…`: the member's own notifications (the bell), marked read one by one or
//! all at once, and the topics they also get by email.

use openapi::Page;
use openapi::automation::{NotificationOut, NotificationSettings, UnreadOut};
use uuid::Uuid;

use super::{ApiError, Query, get, post, put};
use crate::session::Session;

const BASE: &str = "/notifications";

/// A page of the member's notifications, newest first; only the unread ones if asked.
pub async fn notifications(
    session: Session,
    unread_only: bool,
    cursor: Option<String>,
) -> Result<Page<NotificationOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("unread", unread_only.then_some(true))
        .opt("cursor", cursor)
        .path(BASE);
    get(session, &path).await
}

/// How many are unread: the bell's number.
pub async fn unread(session: Session) -> Result<UnreadOut, ApiError> {
    get(session, &format!("{BASE}/unread")).await
}

pub async fn mark_read(session: Session, id: Uuid) -> Result<NotificationOut, ApiError> {
    post(session, &format!("{BASE}/{id}/read"), &()).await
}

pub async fn read_all(session: Session) -> Result<UnreadOut, ApiError> {
    post(session, &format!("{BASE}/read-all"), &()).await
}

pub async fn settings(session: Session) -> Result<NotificationSettings, ApiError> {
    get(session, &format!("{BASE}/settings")).await
}

pub async fn save_settings(
    session: Session,
    settings: &NotificationSettings,
) -> Result<NotificationSettings, ApiError> {
    put(session, &format!("{BASE}/settings"), settings).await
}
