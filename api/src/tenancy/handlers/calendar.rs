//! `GET`/`PATCH /tenant/calendar`, `GET`/`POST /tenant/calendar/holidays`,
//! `DELETE /tenant/calendar/holidays/{id}`, `GET /tenant/calendar/working-days`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use openapi::calendar::{
    CalendarOut, CalendarPatch, HolidayIn, HolidayListOut, HolidayOut, HolidayQuery, HolidaySource,
    WorkingDaysOut, WorkingDaysQuery,
};
use openapi::tenancy::Locale;
use uuid::Uuid;

use entity::store_holiday;

use crate::access::Principal;
use crate::db::{self, Access};
use crate::error::ApiError;
use crate::extract::{ValidJson, ValidQuery};
use crate::i18n::{self, Message, ReaderLocale};
use crate::idempotency::{self, Claim, IdempotencyKey};
use crate::state::AppState;
use crate::tenancy::calendar::Holiday;
use crate::tenancy::service::calendar::{self as service, CalendarSettings};
use crate::tenancy::service::tenant::reader_locale;

/// The store's calendar: the weekdays it works, its dispatch cut-off and its time zone.
#[utoipa::path(
    get, path = "/api/v1/tenant/calendar", tag = "tenancy", operation_id = "tenancy.calendar.get",
    responses((status = 200, body = CalendarOut)),
    security(("bearer" = []))
)]
pub async fn get_calendar(
    state: web::Data<AppState>,
    principal: Principal,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let settings = service::get_calendar(&txn).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(calendar_out(settings)))
}

/// Changes the weekdays the store works and its dispatch cut-off (the time zone is the store's
/// setting, `PATCH /tenant`).
#[utoipa::path(
    patch, path = "/api/v1/tenant/calendar", tag = "tenancy", operation_id = "tenancy.calendar.update",
    request_body(content = CalendarPatch),
    responses(
        (status = 200, body = CalendarOut),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn update_calendar(
    state: web::Data<AppState>,
    principal: Principal,
    ValidJson(patch): ValidJson<CalendarPatch>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let settings = service::update_calendar(&txn, &principal, &patch).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(calendar_out(settings)))
}

/// A year's holidays, Brazil's national ones and the store's, in date order; national names
/// in the reader's language.
#[utoipa::path(
    get, path = "/api/v1/tenant/calendar/holidays", tag = "tenancy",
    operation_id = "tenancy.calendar.holiday.list",
    params(HolidayQuery),
    responses((status = 200, body = HolidayListOut)),
    security(("bearer" = []))
)]
pub async fn list_holidays(
    state: web::Data<AppState>,
    principal: Principal,
    reader: ReaderLocale,
    ValidQuery(query): ValidQuery<HolidayQuery>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let holidays = service::list_holidays(&txn, query.year).await?;
    let locale = reader_locale(&txn, reader).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(HolidayListOut {
        year: query.year,
        items: holidays
            .into_iter()
            .map(|h| holiday_out(h, locale))
            .collect(),
    }))
}

/// Adds a holiday of the store's (a state's, a city's, its own), once or every year.
#[utoipa::path(
    post, path = "/api/v1/tenant/calendar/holidays", tag = "tenancy",
    operation_id = "tenancy.calendar.holiday.create",
    request_body(content = HolidayIn),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry safe")),
    responses(
        (status = 201, body = HolidayOut),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 422, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create_holiday(
    state: web::Data<AppState>,
    principal: Principal,
    key: IdempotencyKey,
    ValidJson(input): ValidJson<HolidayIn>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    let claim = idempotency::claim(&txn, &principal, &key, "holiday.create", &input).await?;
    if let Claim::Replay(response) = claim {
        return Ok(response);
    }
    let holiday = service::add_holiday(&txn, &principal, &input).await?;
    let response = claim
        .respond(&txn, StatusCode::CREATED, &store_holiday_out(holiday))
        .await?;
    txn.commit().await?;
    Ok(response)
}

/// Deletes a holiday of the store's.
#[utoipa::path(
    delete, path = "/api/v1/tenant/calendar/holidays/{id}", tag = "tenancy",
    operation_id = "tenancy.calendar.holiday.delete",
    params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, body = openapi::Problem, content_type = "application/problem+json"),
        (status = 404, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn delete_holiday(
    state: web::Data<AppState>,
    principal: Principal,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Write).await?;
    service::delete_holiday(&txn, &principal, id.into_inner()).await?;
    txn.commit().await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The working day `days` working days after `from` (today when absent) in the store's
/// calendar (from a day the store does not work, counting starts at the next working day, which
/// is day 0).
#[utoipa::path(
    get, path = "/api/v1/tenant/calendar/working-days", tag = "tenancy",
    operation_id = "tenancy.calendar.working_days",
    params(WorkingDaysQuery),
    responses(
        (status = 200, body = WorkingDaysOut),
        (status = 409, body = openapi::Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn working_days(
    state: web::Data<AppState>,
    principal: Principal,
    ValidQuery(query): ValidQuery<WorkingDaysQuery>,
) -> Result<HttpResponse, ApiError> {
    let txn = db::begin_tenant(&state.db, principal.tenant_id, Access::Read).await?;
    let (from, date) = service::working_days(&txn, query.from, query.days).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(WorkingDaysOut {
        from,
        days: query.days,
        date,
    }))
}

fn calendar_out(settings: CalendarSettings) -> CalendarOut {
    CalendarOut {
        working_weekdays: settings.weekdays_out(),
        dispatch_cutoff: settings.cutoff_out(),
        timezone: settings.timezone,
    }
}

fn holiday_out(holiday: Holiday, locale: Locale) -> HolidayOut {
    match holiday {
        Holiday::National(date, national) => HolidayOut {
            id: None,
            date,
            name: i18n::render(&Message::new(national.key()), locale),
            source: HolidaySource::National,
            scope: None,
            yearly: true,
        },
        Holiday::Store(date, store) => HolidayOut {
            id: Some(store.id),
            date,
            name: store.name,
            source: HolidaySource::Store,
            scope: store.scope,
            yearly: store.yearly,
        },
    }
}

fn store_holiday_out(holiday: store_holiday::Model) -> HolidayOut {
    HolidayOut {
        id: Some(holiday.id),
        date: holiday.date,
        name: holiday.name,
        source: HolidaySource::Store,
        scope: holiday.scope,
        yearly: holiday.yearly,
    }
}
