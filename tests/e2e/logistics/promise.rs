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

db_test!(an_order_naming_no_service_takes_the_stores_default, |app| {
    let shop = crate::harness::shop::open_shop(&app, "Loja Padrao").await;
    let owner = &shop.owner;
    let carrier = new_carrier(&app, owner, &correios()).await;
    let pac = new_service(&app, owner, &carrier, "PAC").await;
    let settings = |service: uuid::Uuid| json!({ "default_shipping_service_id": service });
    let refused = app
        .call(reqwest::Method::PUT, "/api/v1/order-settings")
        .as_(owner)
        .json(&settings(uuid::Uuid::now_v7()))
        .send()
        .await
        .problem(422, "request/validation");
    let field = &refused.problem_doc().errors[0].field;
    assert_eq!(field, "default_shipping_service_id");
    app.call(reqwest::Method::PUT, "/api/v1/order-settings")
        .as_(owner)
        .json(&settings(pac.id))
        .send()
        .await
        .expect(200);

    let mug = shop.variant(&app, "CAN-P", "30.00", 5).await;
    let buyer = crate::harness::fixtures::new_buyer("Cliente", openapi::tenancy::Locale::PtBr);
    let order = shop.order_in(buyer, vec![crate::harness::fixtures::line(mug, 1)]);
    assert_eq!(order.shipping_service_id, None);
    let placed = shop.place_ok(&app, "default-service", &order).await;
    assert_eq!(placed.shipping_service_id, Some(pac.id));
});
