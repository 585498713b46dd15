//! Tenancy: stores (tenants), sign-up, settings, members, roles and invitations.

pub mod calendar;
pub mod error;
pub mod handlers;
pub mod service;
#[cfg(test)]
mod wire;

use utoipa::OpenApi;

use crate::access::permission::{Grant, Permission};
use crate::error::ApiError;
use crate::module::{Link, Module};
use crate::routes::{Access, Routes};

pub const MODULE: Module = Module {
    conflict,
    links: LINKS,
    permissions: PERMISSIONS,
    #[cfg(test)]
    wire_types: wire::types,
    ..Module::new("tenancy", routes, <Doc as OpenApi>::openapi)
};

/// Its rows of the permission table: each permission, whether an API key may hold it, and
/// the roles that have it.
const PERMISSIONS: &[Grant] = {
    use Permission::*;
    use openapi::tenancy::Role::*;
    &[
        (TenantRead, true, &[Owner, Admin, Manager, Staff, Viewer]),
        (TenantManage, true, &[Owner, Admin]),
        (MembersRead, true, &[Owner, Admin, Manager]),
        (MembersManage, false, &[Owner, Admin]),
    ]
};

/// An invitation's id, to revoke it; a store holiday's, to delete it.
const LINKS: &[Link] = &[
    Link::new("tenancy.invitation.create", &["tenancy.invitation.revoke"]),
    Link::new(
        "tenancy.calendar.holiday.create",
        &["tenancy.calendar.holiday.delete"],
    ),
];

fn routes(routes: &mut Routes) {
    use Access::{Anyone, AnyoneOrCaller, Caller, Needs};
    use Permission::*;
    use handlers::{browser, calendar, invitation, me, member, tenant};
    routes
        .post("/signup", Anyone, tenant::signup)
        .get("/tenant", Needs(TenantRead), tenant::get_tenant)
        .patch("/tenant", Needs(TenantManage), tenant::update_tenant)
        .get(
            "/tenant/calendar",
            Needs(TenantRead),
            calendar::get_calendar,
        )
        .patch(
            "/tenant/calendar",
            Needs(TenantManage),
            calendar::update_calendar,
        )
        .get(
            "/tenant/calendar/holidays",
            Needs(TenantRead),
            calendar::list_holidays,
        )
        .post(
            "/tenant/calendar/holidays",
            Needs(TenantManage),
            calendar::create_holiday,
        )
        .delete(
            "/tenant/calendar/holidays/{id}",
            Needs(TenantManage),
            calendar::delete_holiday,
        )
        .get(
            "/tenant/calendar/working-days",
            Needs(TenantRead),
            calendar::working_days,
        )
        .get("/members", Needs(MembersRead), member::list_members)
        .patch(
            "/members/{id}",
            Needs(MembersManage),
            member::change_member_role,
        )
        .delete("/members/{id}", Needs(MembersManage), member::remove_member)
        .post(
            "/invitations",
            Needs(MembersManage),
            invitation::create_invitation,
        )
        .get(
            "/invitations",
            Needs(MembersRead),
            invitation::list_invitations,
        )
        .post(
            "/invitations/accept",
            AnyoneOrCaller,
            invitation::accept_invitation,
        )
        .delete(
            "/invitations/{id}",
            Needs(MembersManage),
            invitation::revoke_invitation,
        )
        .post(
            "/auth/browser/invitations/accept",
            AnyoneOrCaller,
            browser::accept_invitation,
        )
        .get("/me", Caller, me::me);
}

#[derive(OpenApi)]
#[openapi(paths(
    handlers::tenant::signup,
    handlers::tenant::get_tenant,
    handlers::tenant::update_tenant,
    handlers::calendar::get_calendar,
    handlers::calendar::update_calendar,
    handlers::calendar::list_holidays,
    handlers::calendar::create_holiday,
    handlers::calendar::delete_holiday,
    handlers::calendar::working_days,
    handlers::member::list_members,
    handlers::member::change_member_role,
    handlers::member::remove_member,
    handlers::invitation::create_invitation,
    handlers::invitation::list_invitations,
    handlers::invitation::revoke_invitation,
    handlers::invitation::accept_invitation,
    handlers::me::me,
    handlers::browser::accept_invitation,
),
    tags((name = "tenancy", description = "The store, its settings and calendar, members and invitations"))
)]
struct Doc;

/// The conflict each operation most often meets, for the document's examples.
fn conflict(operation_id: &str) -> Option<ApiError> {
    use error::TenancyError;
    Some(match operation_id {
        "tenancy.signup" => TenancyError::EmailTaken.into(),
        "tenancy.member.update" | "tenancy.member.remove" => TenancyError::LastOwner.into(),
        "tenancy.invitation.create" => TenancyError::AlreadyMember.into(),
        "tenancy.calendar.holiday.create" => TenancyError::HolidayTaken {
            date: chrono::NaiveDate::from_ymd_opt(2026, 7, 9)?,
        }
        .into(),
        "tenancy.calendar.working_days" => {
            TenancyError::Calendar(calendar::CalendarError::NoWorkingDay {
                after: chrono::NaiveDate::from_ymd_opt(2026, 12, 31)?,
            })
            .into()
        }
        "tenancy.invitation.accept"
        | "tenancy.invitation.revoke"
        | "auth.browser.accept_invitation" => {
            TenancyError::InvitationNotPending { status: "accepted" }.into()
        }
        _ => return None,
    })
}
