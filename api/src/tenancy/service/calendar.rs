//! The store calendar's settings and holidays, and `calendar_of`: the `Calendar` every module
//! that counts working days asks.

use chrono::{NaiveDate, NaiveTime, Timelike, Utc};
use openapi::calendar::{CalendarPatch, HolidayIn, Weekday};
use sea_orm::{ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use entity::{store_holiday, tenant};

use crate::access::Principal;
use crate::audit::service::{self as audit, Change};
use crate::db::TenantTransaction;
use crate::tenancy::calendar::{
    self, Calendar, CalendarError, Holiday, StoreHoliday, WEEK, WorkingWeekdays,
};
use crate::tenancy::error::TenancyError;
use crate::tenancy::service::tenant::find_tenant;

/// A store's calendar settings, as stored on its row.
#[derive(Debug, Clone)]
pub struct CalendarSettings {
    pub weekdays: WorkingWeekdays,
    pub cutoff: NaiveTime,
    pub timezone: String,
}

impl CalendarSettings {
    /// The weekdays, Monday first, as the API names them.
    pub fn weekdays_out(&self) -> Vec<Weekday> {
        self.weekdays.days().into_iter().map(weekday_out).collect()
    }

    /// The cut-off as `HH:MM`.
    pub fn cutoff_out(&self) -> String {
        self.cutoff.format("%H:%M").to_string()
    }
}

fn weekday_out(day: chrono::Weekday) -> Weekday {
    Weekday::ALL[day.num_days_from_monday() as usize]
}

fn weekday_in(day: Weekday) -> chrono::Weekday {
    WEEK[Weekday::ALL.iter().position(|d| *d == day).unwrap_or(0)]
}

/// The calendar settings on a store's row; a stored value outside its set is an error.
pub fn settings_of(tenant: &tenant::Model) -> Result<CalendarSettings, TenancyError> {
    let weekdays =
        WorkingWeekdays::from_bits(tenant.working_weekdays).ok_or(CalendarError::StoredSettings)?;
    let cutoff = calendar::cutoff_time(tenant.dispatch_cutoff_minutes)
        .ok_or(CalendarError::StoredSettings)?;
    Ok(CalendarSettings {
        weekdays,
        cutoff,
        timezone: tenant.timezone.clone(),
    })
}

pub async fn get_calendar(txn: &TenantTransaction) -> Result<CalendarSettings, TenancyError> {
    settings_of(&find_tenant(txn).await?)
}

/// The store's calendar with its holidays, to count working days with.
pub async fn calendar_of(txn: &TenantTransaction) -> Result<Calendar, TenancyError> {
    let settings = get_calendar(txn).await?;
    let holidays = txn
        .find::<store_holiday::Entity>()
        .order_by_asc(store_holiday::Column::Date)
        .all(txn)
        .await?
        .into_iter()
        .map(store_holiday_of)
        .collect();
    Ok(Calendar::new(
        &settings.timezone,
        settings.weekdays,
        settings.cutoff,
        holidays,
    )?)
}

fn store_holiday_of(row: store_holiday::Model) -> StoreHoliday {
    StoreHoliday {
        id: row.id,
        date: row.date,
        name: row.name,
        scope: row.scope,
        yearly: row.yearly,
    }
}

fn summary(settings: &CalendarSettings) -> serde_json::Value {
    json!({
        "working_weekdays": settings.weekdays_out(),
        "dispatch_cutoff": settings.cutoff_out(),
    })
}

/// Changes the working weekdays and the cut-off; the store's version moves on.
pub async fn update_calendar(
    txn: &TenantTransaction,
    principal: &Principal,
    patch: &CalendarPatch,
) -> Result<CalendarSettings, TenancyError> {
    let tenant = find_tenant(txn).await?;
    let before = settings_of(&tenant)?;
    let mut after = before.clone();
    if let Some(days) = &patch.working_weekdays {
        after.weekdays = WorkingWeekdays::of(days.iter().copied().map(weekday_in))
            .ok_or(TenancyError::NoWorkingWeekday)?;
    }
    if let Some(cutoff) = &patch.dispatch_cutoff {
        after.cutoff =
            NaiveTime::parse_from_str(cutoff, "%H:%M").map_err(|_| TenancyError::InvalidCutoff)?;
    }
    let minutes = (after.cutoff.num_seconds_from_midnight() / 60) as i32;
    tenant::Entity::update_many()
        .set(tenant::ActiveModel {
            working_weekdays: Set(after.weekdays.bits()),
            dispatch_cutoff_minutes: Set(minutes),
            version: Set(tenant.version + 1),
            updated_at: Set(Utc::now()),
            ..Default::default()
        })
        .filter(tenant::Column::Id.eq(txn.tenant()))
        .exec(txn)
        .await?;
    audit::record(
        txn,
        principal,
        Change {
            action: "calendar.update",
            entity_type: "tenant",
            entity_id: Some(txn.tenant().into_uuid()),
            before: Some(summary(&before)),
            after: Some(summary(&after)),
        },
    )
    .await?;
    Ok(after)
}

/// The holidays of `year`, national and the store's.
pub async fn list_holidays(
    txn: &TenantTransaction,
    year: i32,
) -> Result<Vec<Holiday>, TenancyError> {
    Ok(calendar::holidays_in(&calendar_of(txn).await?, year))
}

/// Adds a holiday of the store's; another on the same date is a conflict.
pub async fn add_holiday(
    txn: &TenantTransaction,
    principal: &Principal,
    input: &HolidayIn,
) -> Result<store_holiday::Model, TenancyError> {
    let holiday = store_holiday::Model {
        tenant_id: txn.tenant(),
        id: Uuid::now_v7(),
        date: input.date,
        // As written: trimmed, a name of spaces the schema allows would break the length check.
        name: input.name.clone(),
        scope: input.scope.clone(),
        yearly: input.yearly,
        created_at: Utc::now(),
    };
    store_holiday::Entity::insert(store_holiday::ActiveModel::from(holiday.clone()))
        .exec_without_returning(txn)
        .await
        .map_err(|error| taken_on_unique(error, input.date))?;
    audit::record(
        txn,
        principal,
        Change {
            action: "holiday.create",
            entity_type: "store_holiday",
            entity_id: Some(holiday.id),
            before: None,
            after: Some(holiday_summary(&holiday)),
        },
    )
    .await?;
    Ok(holiday)
}

fn taken_on_unique(error: DbErr, date: NaiveDate) -> TenancyError {
    crate::db::taken_or(error, || TenancyError::HolidayTaken { date })
}

fn holiday_summary(holiday: &store_holiday::Model) -> serde_json::Value {
    json!({
        "date": holiday.date,
        "name": holiday.name,
        "scope": holiday.scope,
        "yearly": holiday.yearly,
    })
}

/// Deletes a holiday of the store's; another store's is not found, as one that never was.
pub async fn delete_holiday(
    txn: &TenantTransaction,
    principal: &Principal,
    id: Uuid,
) -> Result<(), TenancyError> {
    let holiday = txn
        .find::<store_holiday::Entity>()
        .filter(store_holiday::Column::Id.eq(id))
        .one(txn)
        .await?
        .ok_or(TenancyError::HolidayNotFound)?;
    txn.delete_many::<store_holiday::Entity>()
        .filter(store_holiday::Column::Id.eq(id))
        .exec(txn)
        .await?;
    audit::record(
        txn,
        principal,
        Change {
            action: "holiday.delete",
            entity_type: "store_holiday",
            entity_id: Some(id),
            before: Some(holiday_summary(&holiday)),
            after: None,
        },
    )
    .await?;
    Ok(())
}

/// The working day `days` working days after `from` (today in the store's time zone when
/// absent), in the store's calendar: the day counted from and the answer.
pub async fn working_days(
    txn: &TenantTransaction,
    from: Option<NaiveDate>,
    days: u32,
) -> Result<(NaiveDate, NaiveDate), TenancyError> {
    let calendar = calendar_of(txn).await?;
    let from = from.unwrap_or_else(|| Utc::now().with_timezone(&calendar.timezone()).date_naive());
    Ok((from, calendar::add_working_days(&calendar, from, days)?))
}
