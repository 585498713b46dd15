//! The promised dates: dispatch (the cut-off decides), ship-by (handling time) and deliver-by
//! (transit time), in the store's working days.

use openapi::logistics::PromiseOut;
use serde_json::json;

use super::{correios, new_carrier, new_service, put_table};
use crate::db_test;

db_test!(
    a_promise_skips_a_weekend_a_national_holiday_and_the_stores_own,
    |app| {
        let owner = app.signup("Xavier").await;
        let carrier = new_carrier(&app, &owner, &correios()).await;
        let sedex = new_service(&app, &owner, &carrier, "SEDEX").await;
        put_table(&app, &owner, &sedex, json!([{ "state": "SP", "days": 2 }])).await;
        let location = app.create_location(&owner, "CD-P").await;
        // Thursday 19 November 2026, 10:00 in São Paulo (before the 14:00 cut-off).
        let path = format!(
            "/api/v1/logistics/promise?service_id={}&location_id={location}&state=SP&paid_at=2026-11-19T13:00:00Z",
            sedex.id
        );
        let promise: PromiseOut = app.get(&path).as_(&owner).returns(200).await;
        let dates = |p: &PromiseOut| {
            (
                p.dispatch_day.to_string(),
                p.ship_by.to_string(),
                p.deliver_by.to_string(),
            )
        };
        // Friday 20 is Consciência Negra, then the weekend: one day of handling is Monday 23.
        assert_eq!(
            dates(&promise),
            (
                "2026-11-19".into(),
                "2026-11-23".into(),
                "2026-11-25".into()
            )
        );
        assert_eq!((promise.handling_days, promise.transit_days), (1, 2));

        app.post("/api/v1/tenant/calendar/holidays")
            .as_(&owner)
            .json(
                &json!({ "date": "2026-11-24", "name": "Feriado municipal", "scope": "São Paulo" }),
            )
            .send()
            .await
            .expect(201);
        let promise: PromiseOut = app.get(&path).as_(&owner).returns(200).await;
        assert_eq!(
            promise.deliver_by.to_string(),
            "2026-11-26",
            "the store's holiday counts too"
        );

        let late = path.replace("13:00:00Z", "18:00:00Z");
        let promise: PromiseOut = app.get(&late).as_(&owner).returns(200).await;
        assert_eq!(
            promise.dispatch_day.to_string(),
            "2026-11-23",
            "after the cut-off: the next working day"
        );

        let elsewhere = path.replace("state=SP", "state=BA");
        app.get(&elsewhere)
            .as_(&owner)
            .send()
            .await
            .problem(404, "logistics/not-served");
    }
);
