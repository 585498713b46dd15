//! The types tenancy's routes take and answer, for the document tests (`crate::module::wire`).

use openapi::{auth, calendar, tenancy};

use crate::module::wire::WireTypes;

pub fn types(types: &mut WireTypes) {
    types
        .body::<calendar::CalendarPatch>()
        .body::<calendar::HolidayIn>()
        .body::<tenancy::InvitationAcceptIn>()
        .body::<tenancy::InvitationIn>()
        .body::<tenancy::MemberPatch>()
        .body::<auth::SignupIn>()
        .body::<tenancy::TenantPatch>()
        .answer::<tenancy::TenantOut>()
        .answer::<tenancy::MemberOut>()
        .answer::<tenancy::InvitationOut>()
        .answer::<calendar::CalendarOut>()
        .answer::<calendar::HolidayListOut>()
        .answer::<calendar::HolidayOut>()
        .answer::<calendar::WorkingDaysOut>()
        .answer::<auth::SignupOut>()
        .answer::<auth::TokensOut>()
        .query::<calendar::HolidayQuery>()
        .query::<calendar::WorkingDaysQuery>()
        .query::<tenancy::PageQuery>();
}
