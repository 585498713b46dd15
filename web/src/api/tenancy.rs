//! `/tenant`, `/tenant/calendar`, `/members` and `/invitations`: the store, its calendar, who
//! works in it, who is invited.

use openapi::Page;
use openapi::calendar::{CalendarOut, CalendarPatch, HolidayIn, HolidayListOut, HolidayOut};
use openapi::tenancy::{
    InvitationIn, InvitationOut, MemberOut, MemberPatch, TenantOut, TenantPatch,
};
use uuid::Uuid;

use super::{ApiError, Query, create, delete, get, patch, patch_version};
use crate::session::Session;

pub async fn tenant(session: Session) -> Result<TenantOut, ApiError> {
    get(session, "/tenant").await
}

/// Changes the store's settings as they were at `version`.
pub async fn update_tenant(
    session: Session,
    patch: &TenantPatch,
    version: i32,
) -> Result<TenantOut, ApiError> {
    patch_version(session, "/tenant", patch, version).await
}

pub async fn calendar(session: Session) -> Result<CalendarOut, ApiError> {
    get(session, "/tenant/calendar").await
}

/// Changes the working weekdays and the dispatch cut-off.
pub async fn update_calendar(
    session: Session,
    patch_body: &CalendarPatch,
) -> Result<CalendarOut, ApiError> {
    patch(session, "/tenant/calendar", patch_body).await
}

/// A year's holidays, national and the store's.
pub async fn holidays(session: Session, year: i32) -> Result<HolidayListOut, ApiError> {
    let path = Query::new()
        .set("year", year)
        .path("/tenant/calendar/holidays");
    get(session, &path).await
}

pub async fn add_holiday(
    session: Session,
    input: &HolidayIn,
    idempotency_key: Uuid,
) -> Result<HolidayOut, ApiError> {
    create(session, "/tenant/calendar/holidays", input, idempotency_key).await
}

pub async fn delete_holiday(session: Session, id: Uuid) -> Result<(), ApiError> {
    delete(session, &format!("/tenant/calendar/holidays/{id}")).await
}

pub async fn members(
    session: Session,
    cursor: Option<String>,
) -> Result<Page<MemberOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("cursor", cursor)
        .path("/members");
    get(session, &path).await
}

/// Gives a member another role, as the membership was at `version`.
pub async fn change_role(
    session: Session,
    id: Uuid,
    patch: &MemberPatch,
    version: i32,
) -> Result<MemberOut, ApiError> {
    patch_version(session, &format!("/members/{id}"), patch, version).await
}

pub async fn remove_member(session: Session, id: Uuid) -> Result<(), ApiError> {
    delete(session, &format!("/members/{id}")).await
}

pub async fn invitations(
    session: Session,
    cursor: Option<String>,
) -> Result<Page<InvitationOut>, ApiError> {
    let path = Query::new()
        .set("limit", 50)
        .opt("cursor", cursor)
        .path("/invitations");
    get(session, &path).await
}

/// Invites someone by email (the token goes only to that mailbox).
pub async fn invite(
    session: Session,
    input: &InvitationIn,
    idempotency_key: Uuid,
) -> Result<InvitationOut, ApiError> {
    create(session, "/invitations", input, idempotency_key).await
}

pub async fn revoke_invitation(session: Session, id: Uuid) -> Result<(), ApiError> {
    delete(session, &format!("/invitations/{id}")).await
}
