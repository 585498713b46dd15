//! The store calendar through HTTP: its settings, holidays (national and the store's) and
//! working-day counts.

use chrono::NaiveDate;
use openapi::calendar::{
    CalendarOut, CalendarPatch, HolidayIn, HolidayListOut, HolidayOut, HolidaySource, Weekday,
    WorkingDaysOut,
};
use serde_json::json;

use crate::db_test;
use crate::harness::TestApp;
use crate::harness::client::Session;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn holiday_in(date: NaiveDate, name: &str, scope: Option<&str>, yearly: bool) -> HolidayIn {
    HolidayIn {
        date,
        name: name.into(),
        scope: scope.map(Into::into),
        yearly,
    }
}

async fn add_holiday(app: &TestApp, owner: &Session, input: &HolidayIn) -> HolidayOut {
    app.post("/api/v1/tenant/calendar/holidays")
        .as_(owner)
        .json(input)
        .returns(201)
        .await
}

async fn working_days(app: &TestApp, owner: &Session, from: &str, days: u32) -> NaiveDate {
    let path = format!("/api/v1/tenant/calendar/working-days?from={from}&days={days}");
    let out: WorkingDaysOut = app.get(&path).as_(owner).returns(200).await;
    out.date
}

db_test!(store_calendar_reads_its_defaults_and_changes, |app| {
    let owner = app.signup("Calendula").await;
    let read: CalendarOut = app
        .get("/api/v1/tenant/calendar")
        .as_(&owner)
        .returns(200)
        .await;
    assert_eq!(
        read.working_weekdays,
        Weekday::ALL[..5].to_vec(),
        "Monday to Friday"
    );
    assert_eq!(read.dispatch_cutoff, "14:00");
    assert_eq!(read.timezone, "America/Sao_Paulo");

    let changed: CalendarOut = app
        .patch("/api/v1/tenant/calendar")
        .as_(&owner)
        .json(&CalendarPatch {
            working_weekdays: Some(vec![Weekday::Saturday, Weekday::Monday, Weekday::Monday]),
            dispatch_cutoff: Some("09:30".into()),
        })
        .returns(200)
        .await;
    assert_eq!(
        changed.working_weekdays,
        [Weekday::Monday, Weekday::Saturday]
    );
    assert_eq!(changed.dispatch_cutoff, "09:30");
    let again: CalendarOut = app
        .get("/api/v1/tenant/calendar")
        .as_(&owner)
        .returns(200)
        .await;
    assert_eq!(again.working_weekdays, changed.working_weekdays);
    assert_eq!(again.dispatch_cutoff, "09:30");
    // Audited.
    let audit = app
        .get("/api/v1/audit-events?action=calendar.update")
        .as_(&owner)
        .send()
        .await
        .expect(200);
    assert!(
        audit.body.to_string().contains("calendar.update"),
        "{}",
        audit.body
    );
});

db_test!(store_calendar_lists_national_and_store_holidays, |app| {
    let owner = app.signup("Feriado").await;
    let added = add_holiday(
        &app,
        &owner,
        &holiday_in(
            day(2026, 7, 9),
            "Revolução Constitucionalista",
            Some("SP"),
            true,
        ),
    )
    .await;
    assert_eq!(added.source, HolidaySource::Store);
    let list: HolidayListOut = app
        .get("/api/v1/tenant/calendar/holidays?year=2026")
        .as_(&owner)
        .header("accept-language", "pt-BR")
        .returns(200)
        .await;
    let on = |date: NaiveDate| list.items.iter().find(|h| h.date == date).unwrap();
    let carnival = on(day(2026, 2, 16));
    assert_eq!(carnival.source, HolidaySource::National);
    assert_eq!(carnival.name, "Segunda-feira de Carnaval");
    assert_eq!(on(day(2026, 2, 17)).source, HolidaySource::National);
    assert_eq!(on(day(2026, 4, 3)).source, HolidaySource::National);
    let store = on(day(2026, 7, 9));
    assert_eq!(store.id, Some(added.id.unwrap()));
    assert_eq!(store.scope.as_deref(), Some("SP"));
    assert_eq!(list.items.len(), 14);
    // Yearly: in 2027 too, and the English names.
    let next: HolidayListOut = app
        .get("/api/v1/tenant/calendar/holidays?year=2027")
        .as_(&owner)
        .header("accept-language", "en")
        .returns(200)
        .await;
    assert!(next.items.iter().any(|h| h.date == day(2027, 7, 9)));
    assert!(
        next.items
            .iter()
            .any(|h| h.name == "Good Friday" && h.date == day(2027, 3, 26))
    );
    // The same date again is a conflict.
    app.post("/api/v1/tenant/calendar/holidays")
        .as_(&owner)
        .json(&holiday_in(day(2026, 7, 9), "Outro", None, false))
        .send()
        .await
        .problem(409, "tenancy/holiday-taken");
});

db_test!(
    store_calendar_counts_working_days_over_holidays_and_weekends,
    |app| {
        let owner = app.signup("Prazo").await;
        // Thursday 31 Dec 2026 + 1: New Year's Day, then the weekend.
        assert_eq!(
            working_days(&app, &owner, "2026-12-31", 1).await,
            day(2027, 1, 4)
        );
        // Friday 13 Feb 2026 + 1: Carnaval Monday and Tuesday.
        assert_eq!(
            working_days(&app, &owner, "2026-02-13", 1).await,
            day(2026, 2, 18)
        );
        // A store holiday on Monday 4 Jan 2027 moves it on a day.
        add_holiday(
            &app,
            &owner,
            &holiday_in(day(2027, 1, 4), "Inventário", None, false),
        )
        .await;
        assert_eq!(
            working_days(&app, &owner, "2026-12-31", 1).await,
            day(2027, 1, 5)
        );
        // From a Saturday, day 0 is Monday.
        assert_eq!(
            working_days(&app, &owner, "2026-12-05", 0).await,
            day(2026, 12, 7)
        );
    }
);

db_test!(store_calendar_refuses_bad_values_naming_the_field, |app| {
    let owner = app.signup("Valida").await;
    for (body, field) in [
        (json!({ "working_weekdays": [] }), "working_weekdays"),
        (
            json!({ "working_weekdays": ["funday"] }),
            "working_weekdays",
        ),
        (json!({ "dispatch_cutoff": "24:00" }), "dispatch_cutoff"),
        (json!({ "dispatch_cutoff": "2pm" }), "dispatch_cutoff"),
    ] {
        let reply = app
            .patch("/api/v1/tenant/calendar")
            .as_(&owner)
            .json(&body)
            .send()
            .await
            .problem(422, "request/validation");
        assert!(reply.error_fields()[0].starts_with(field), "{body}");
    }
    // In the reader's language.
    let reply = app
        .patch("/api/v1/tenant/calendar")
        .as_(&owner)
        .header("accept-language", "es")
        .json(&json!({ "dispatch_cutoff": "25:00" }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(
        reply.problem_doc().errors[0].message,
        "debe ser una hora del día como HH:MM"
    );
    let reply = app
        .post("/api/v1/tenant/calendar/holidays")
        .as_(&owner)
        .header("accept-language", "pt-BR")
        .json(&json!({ "date": "2026-03-10", "name": "" }))
        .send()
        .await
        .problem(422, "request/validation");
    assert_eq!(reply.error_fields(), ["name"]);
    assert_eq!(
        reply.problem_doc().errors[0].message,
        "deve ter entre 1 e 100 caracteres"
    );
    for path in [
        "/api/v1/tenant/calendar/working-days?from=2026-12-01&days=366",
        "/api/v1/tenant/calendar/working-days?from=2026-13-01&days=1",
        "/api/v1/tenant/calendar/holidays?year=1999",
    ] {
        app.get(path)
            .as_(&owner)
            .send()
            .await
            .problem(422, "request/validation");
    }
});

db_test!(store_calendar_is_changed_by_owners_not_staff, |app| {
    let owner = app.signup("Dona").await;
    let staff = app.add_member(&owner, "Caixa", "staff").await;
    app.get("/api/v1/tenant/calendar")
        .as_(&staff)
        .returns::<CalendarOut>(200)
        .await;
    app.patch("/api/v1/tenant/calendar")
        .as_(&staff)
        .json(&json!({ "dispatch_cutoff": "10:00" }))
        .send()
        .await
        .problem(403, "auth/forbidden");
    app.post("/api/v1/tenant/calendar/holidays")
        .as_(&staff)
        .json(&holiday_in(day(2026, 3, 10), "Folga", None, false))
        .send()
        .await
        .problem(403, "auth/forbidden");
});

db_test!(another_store_cannot_delete_your_holiday, |app| {
    let owner = app.signup("Minha").await;
    let other = app.signup("Outra").await;
    let added = add_holiday(
        &app,
        &owner,
        &holiday_in(day(2026, 3, 19), "São José", None, true),
    )
    .await;
    let path = format!("/api/v1/tenant/calendar/holidays/{}", added.id.unwrap());
    app.delete(&path)
        .as_(&other)
        .send()
        .await
        .problem(404, "not-found");
    app.delete(&path).as_(&owner).send().await.expect(204);
    app.delete(&path)
        .as_(&owner)
        .send()
        .await
        .problem(404, "not-found");
    let list: HolidayListOut = app
        .get("/api/v1/tenant/calendar/holidays?year=2026")
        .as_(&owner)
        .returns(200)
        .await;
    assert!(
        list.items
            .iter()
            .all(|h| h.source == HolidaySource::National)
    );
});
