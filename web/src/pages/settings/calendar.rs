//! The store calendar: the weekdays it works, its dispatch cut-off, and a year's holidays
//! (Brazil's national ones and the store's), the store's added and deleted here.

use chrono::{Datelike, NaiveDate, Utc};
use leptos::prelude::*;
use openapi::auth::Permission;
use openapi::calendar::{
    CalendarOut, CalendarPatch, HolidayIn, HolidayOut, HolidaySource, Weekday,
};

use super::{bump, confirmed, may};
use crate::api::{self, ApiError};
use crate::components::{ErrorNote, Field, FormProblem, Loading, Saved, new_key};
use crate::format;
use crate::i18n::{I18n, message, t};
use crate::session::Session;

const DAYS: [(Weekday, &str); 7] = [
    (Weekday::Monday, "settings-calendar-monday"),
    (Weekday::Tuesday, "settings-calendar-tuesday"),
    (Weekday::Wednesday, "settings-calendar-wednesday"),
    (Weekday::Thursday, "settings-calendar-thursday"),
    (Weekday::Friday, "settings-calendar-friday"),
    (Weekday::Saturday, "settings-calendar-saturday"),
    (Weekday::Sunday, "settings-calendar-sunday"),
];

/// The years the API lists holidays of.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

fn day_names(days: &[Weekday]) -> String {
    DAYS.iter()
        .filter(|(day, _)| days.contains(day))
        .map(|(_, key)| t(key))
        .collect::<Vec<_>>()
        .join(", ")
}

fn cutoff_hint(timezone: &str) -> String {
    message(
        I18n::get().locale(),
        "settings-calendar-cutoff-hint",
        &[("timezone", timezone.to_owned())],
    )
}

#[component]
pub fn StoreCalendar() -> impl IntoView {
    let session = Session::get();
    let calendar = LocalResource::new(move || api::tenancy::calendar(session));
    view! {
        <section class="settings-section" aria-labelledby="settings-calendar">
            <h2 id="settings-calendar">{move || t("settings-calendar")}</h2>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || calendar.get().map(|answer| match answer {
                    Err(error) => view! { <ErrorNote error /> }.into_any(),
                    Ok(calendar) if may(Permission::TenantManage) => {
                        view! { <CalendarForm calendar /> }.into_any()
                    }
                    Ok(calendar) => view! { <CalendarFacts calendar /> }.into_any(),
                })}
            </Suspense>
            <Holidays />
        </section>
    }
}

#[component]
fn CalendarFacts(calendar: CalendarOut) -> impl IntoView {
    let days = calendar.working_weekdays;
    let timezone = calendar.timezone;
    view! {
        <dl class="settings-facts">
            <dt>{move || t("settings-calendar-weekdays")}</dt><dd>{move || day_names(&days)}</dd>
            <dt>{move || t("settings-calendar-cutoff")}</dt><dd>{calendar.dispatch_cutoff}</dd>
        </dl>
        <p class="settings-hint">{move || cutoff_hint(&timezone)}</p>
    }
}

#[component]
fn CalendarForm(calendar: CalendarOut) -> impl IntoView {
    let session = Session::get();
    let days = RwSignal::new(calendar.working_weekdays);
    let cutoff = RwSignal::new(calendar.dispatch_cutoff);
    let timezone = calendar.timezone;
    let failed = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |_: &()| {
        saved.set(false);
        let chosen = days.get_untracked();
        let body = CalendarPatch {
            working_weekdays: Some(
                DAYS.iter()
                    .map(|(d, _)| *d)
                    .filter(|d| chosen.contains(d))
                    .collect(),
            ),
            // A browser's time field may add seconds; the API takes `HH:MM`.
            dispatch_cutoff: Some(cutoff.get_untracked().chars().take(5).collect()),
        };
        async move {
            match api::tenancy::update_calendar(session, &body).await {
                Ok(_) => {
                    failed.set(None);
                    saved.set(true);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let days_error = move || failed.get().and_then(|e| e.for_field("working_weekdays"));
    view! {
        <form class="settings-form" data-testid="calendar-settings" on:submit=move |ev| {
            ev.prevent_default();
            save.dispatch(());
        }>
            <fieldset class="settings-scopes" aria-describedby="field-working_weekdays-error">
                <legend>{move || t("settings-calendar-weekdays")}</legend>
                {DAYS.into_iter().map(|(day, key)| view! {
                    <label class="settings-scope">
                        <input type="checkbox" name="working_weekday" value=format!("{day:?}")
                            prop:checked=move || days.with(|d| d.contains(&day))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                days.update(|d| {
                                    d.retain(|x| *x != day);
                                    if on {
                                        d.push(day);
                                    }
                                });
                            } />
                        {move || t(key)}
                    </label>
                }).collect_view()}
            </fieldset>
            <p class="field-error error" id="field-working_weekdays-error">{days_error}</p>
            <Field label="settings-calendar-cutoff" name="dispatch_cutoff" value=cutoff failed
                field="dispatch_cutoff" kind="time" required=true />
            <p class="settings-hint">{move || cutoff_hint(&timezone)}</p>
            <button type="submit" disabled=move || save.pending().get()>{move || t("save")}</button>
            <Saved done=saved />
            <FormProblem failed />
        </form>
    }
}

#[component]
fn Holidays() -> impl IntoView {
    let session = Session::get();
    let manage = may(Permission::TenantManage);
    let year = RwSignal::new(Utc::now().year().clamp(*YEARS.start(), *YEARS.end()));
    let changed = RwSignal::new(0u32);
    // What went wrong deleting a holiday.
    let failed = RwSignal::new(None::<ApiError>);
    let holidays = LocalResource::new(move || {
        changed.track();
        let year = year.get();
        async move { api::tenancy::holidays(session, year).await }
    });
    let step = move |by: i32| {
        year.update(|y| *y = (*y + by).clamp(*YEARS.start(), *YEARS.end()));
    };
    view! {
        <h3 id="settings-holidays">{move || t("settings-holidays")}</h3>
        <div class="inline">
            <button type="button" class="secondary" on:click=move |_| step(-1)>
                {move || t("settings-holidays-previous")}
            </button>
            <strong aria-live="polite">{move || year.get()}</strong>
            <button type="button" class="secondary" on:click=move |_| step(1)>
                {move || t("settings-holidays-next")}
            </button>
        </div>
        {manage.then(|| view! { <NewHoliday changed /> })}
        {move || failed.get().map(|error| view! { <ErrorNote error /> })}
        <Suspense fallback=|| view! { <Loading /> }>
            {move || holidays.get().map(|answer| match answer {
                Err(error) => view! { <ErrorNote error /> }.into_any(),
                Ok(list) => view! {
                    <ul class="settings-holidays" aria-labelledby="settings-holidays">
                        {list.items.into_iter().map(|holiday| view! {
                            <HolidayRow holiday manage changed failed />
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn HolidayRow(
    holiday: HolidayOut,
    manage: bool,
    changed: RwSignal<u32>,
    failed: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = Session::get();
    let date = holiday.date;
    let name = holiday.name.clone();
    let remove = Action::new_local(move |id: &uuid::Uuid| {
        let id = *id;
        async move {
            match api::tenancy::delete_holiday(session, id).await {
                Ok(()) => {
                    failed.set(None);
                    bump(changed);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    let source_key = match holiday.source {
        HolidaySource::National => "settings-holiday-national",
        HolidaySource::Store => "settings-holiday-store",
    };
    let deletable = holiday.id.filter(|_| manage);
    view! {
        <li>
            <span>{move || format::date(date, I18n::get().locale())}</span> " "
            <strong>{holiday.name}</strong> " "
            <span class="badge">{move || t(source_key)}</span>
            {holiday.scope.map(|scope| view! { " " <span>{scope}</span> })}
            {deletable.map(|id| view! {
                " "
                <button type="button" class="secondary" disabled=move || remove.pending().get()
                    on:click=move |_| {
                        if confirmed("settings-holiday-delete-confirm", &[("name", name.clone())]) {
                            remove.dispatch(id);
                        }
                    }>
                    {move || t("settings-holiday-delete")}
                </button>
            })}
        </li>
    }
}

#[component]
fn NewHoliday(changed: RwSignal<u32>) -> impl IntoView {
    let session = Session::get();
    let date = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let scope = RwSignal::new(String::new());
    let yearly = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let key = RwSignal::new(new_key());
    let create = Action::new_local(move |_: &()| {
        let day = NaiveDate::parse_from_str(&date.get_untracked(), "%Y-%m-%d").ok();
        let scope_text = scope.get_untracked().trim().to_owned();
        let (name_text, every_year) = (name.get_untracked(), yearly.get_untracked());
        let idempotency_key = key.get_untracked();
        async move {
            let Some(day) = day else {
                let missing = t("settings-holiday-date-missing");
                failed.set(Some(ApiError::local("date", &missing)));
                return;
            };
            let holiday = HolidayIn {
                date: day,
                name: name_text,
                scope: (!scope_text.is_empty()).then_some(scope_text),
                yearly: every_year,
            };
            match api::tenancy::add_holiday(session, &holiday, idempotency_key).await {
                Ok(_) => {
                    failed.set(None);
                    name.set(String::new());
                    scope.set(String::new());
                    key.set(new_key());
                    bump(changed);
                }
                Err(error) => failed.set(Some(error)),
            }
        }
    });
    view! {
        <form class="inline settings-new" data-testid="new-holiday" on:submit=move |ev| {
            ev.prevent_default();
            create.dispatch(());
        }>
            <Field label="settings-holiday-date" name="holiday_date" value=date failed field="date"
                kind="date" required=true />
            <Field label="settings-holiday-name" name="holiday_name" value=name failed field="name"
                required=true />
            <Field label="settings-holiday-scope" name="holiday_scope" value=scope failed
                field="scope" />
            <label class="settings-scope">
                <input type="checkbox" name="holiday_yearly" prop:checked=move || yearly.get()
                    on:change=move |ev| yearly.set(event_target_checked(&ev)) />
                {move || t("settings-holiday-yearly")}
            </label>
            <button type="submit" disabled=move || create.pending().get()>
                {move || t("settings-holiday-add")}
            </button>
        </form>
        <FormProblem failed />
    }
}
